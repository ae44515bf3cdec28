"""The WebAssembly binary format, as far as the snapshot stage rewrites it: a module as a list
of sections, LEB128 numbers, and the few section bodies it reads or writes again (imports,
memories, globals, exports, data). Pure functions over bytes; nothing here runs a module."""

from __future__ import annotations

import struct
from typing import NamedTuple

MAGIC = b"\0asm\x01\0\0\0"

CUSTOM, TYPE, IMPORT, FUNCTION, TABLE, MEMORY, GLOBAL, EXPORT, START, ELEMENT, CODE, DATA, \
    DATA_COUNT = 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12

FUNC, TABLE_KIND, MEMORY_KIND, GLOBAL_KIND, TAG_KIND = 0, 1, 2, 3, 4  # import/export kinds
I32, I64, F32, F64 = 0x7F, 0x7E, 0x7D, 0x7C
END = 0x0B


class WasmFormatError(ValueError):
    """The bytes are not a module this reader understands."""


class Section(NamedTuple):
    id: int
    body: bytes


class Global(NamedTuple):
    valtype: int
    mutable: bool
    init: bytes  # the constant expression, END included


class Export(NamedTuple):
    name: str
    kind: int
    item: int  # the function, table, memory or global index


def read_uleb(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        if pos >= len(data):
            raise WasmFormatError("a number runs past the end")
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, pos


def uleb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def sleb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        done = (value == 0 and not byte & 0x40) or (value == -1 and byte & 0x40)
        out.append(byte if done else byte | 0x80)
        if done:
            return bytes(out)


def name(text: str) -> bytes:
    raw = text.encode()
    return uleb(len(raw)) + raw


def vector(items: list[bytes]) -> bytes:
    return uleb(len(items)) + b"".join(items)


def sections(module: bytes) -> list[Section]:
    if module[:8] != MAGIC:
        raise WasmFormatError("not a WebAssembly module (version 1)")
    out, pos = [], 8
    while pos < len(module):
        sid = module[pos]
        size, start = read_uleb(module, pos + 1)
        if start + size > len(module):
            raise WasmFormatError(f"section {sid} runs past the end")
        out.append(Section(sid, module[start:start + size]))
        pos = start + size
    return out


def module(parts: list[Section]) -> bytes:
    return MAGIC + b"".join(bytes([s.id]) + uleb(len(s.body)) + s.body for s in parts)


def _read_name(data: bytes, pos: int) -> tuple[str, int]:
    length, pos = read_uleb(data, pos)
    return data[pos:pos + length].decode(), pos + length


def _skip_limits(data: bytes, pos: int) -> int:
    flags, pos = read_uleb(data, pos)
    _, pos = read_uleb(data, pos)
    if flags & 1:
        _, pos = read_uleb(data, pos)
    return pos


def _skip_const_expr(data: bytes, pos: int) -> int:
    """Past a constant expression: the opcodes a global's or segment's initialiser may use."""
    while True:
        op = data[pos]
        pos += 1
        if op == END:
            return pos
        if op in (0x41, 0x42, 0x23, 0xD2):  # i32.const, i64.const, global.get, ref.func
            _, pos = read_uleb(data, pos)
        elif op == 0x43:
            pos += 4
        elif op == 0x44:
            pos += 8
        elif op == 0xD0:  # ref.null t
            pos += 1
        elif op in (0x6A, 0x6B, 0x6C, 0x7C, 0x7D, 0x7E):  # extended-const arithmetic
            continue
        elif op == 0xFD:  # v128.const
            _, pos = read_uleb(data, pos)
            pos += 16
        else:
            raise WasmFormatError(f"opcode 0x{op:02x} in a constant expression")


def imported_counts(body: bytes) -> dict[int, int]:
    """How many functions, tables, memories, globals and tags the import section brings."""
    counts = dict.fromkeys((FUNC, TABLE_KIND, MEMORY_KIND, GLOBAL_KIND, TAG_KIND), 0)
    n, pos = read_uleb(body, 0)
    for _ in range(n):
        _, pos = _read_name(body, pos)
        _, pos = _read_name(body, pos)
        kind = body[pos]
        pos += 1
        if kind == FUNC:
            _, pos = read_uleb(body, pos)
        elif kind == TABLE_KIND:
            pos = _skip_limits(body, pos + 1)
        elif kind == MEMORY_KIND:
            pos = _skip_limits(body, pos)
        elif kind == GLOBAL_KIND:
            pos += 2
        elif kind == TAG_KIND:
            _, pos = read_uleb(body, pos + 1)
        else:
            raise WasmFormatError(f"import kind {kind}")
        counts[kind] += 1
    return counts


def memories(body: bytes) -> list[tuple[int, int | None]]:
    """(minimum pages, maximum pages or None) of each defined memory (32-bit, unshared)."""
    n, pos = read_uleb(body, 0)
    out: list[tuple[int, int | None]] = []
    for _ in range(n):
        flags, pos = read_uleb(body, pos)
        if flags not in (0, 1):
            raise WasmFormatError(f"memory limits with flags {flags} (shared or 64-bit memory)")
        low, pos = read_uleb(body, pos)
        high = None
        if flags & 1:
            high, pos = read_uleb(body, pos)
        out.append((low, high))
    return out


def memory_section(limits: list[tuple[int, int | None]]) -> bytes:
    return vector([b"\x00" + uleb(low) if high is None else b"\x01" + uleb(low) + uleb(high)
                   for low, high in limits])


def globals_(body: bytes) -> list[Global]:
    n, pos = read_uleb(body, 0)
    out = []
    for _ in range(n):
        valtype, mutable = body[pos], body[pos + 1] == 1
        end = _skip_const_expr(body, pos + 2)
        out.append(Global(valtype, mutable, body[pos + 2:end]))
        pos = end
    return out


def global_section(items: list[Global]) -> bytes:
    return vector([bytes([g.valtype, int(g.mutable)]) + g.init for g in items])


def _signed(value: int, bits: int) -> int:
    """The signed integer of `bits` bits with the same bits as `value` (the engine may hand
    back either form; an `iNN.const` is signed LEB128)."""
    return value - (1 << bits) if value >= 1 << (bits - 1) else value


def const_expr(valtype: int, value: int | float) -> bytes:
    """The initialiser that gives a global of `valtype` this value."""
    if valtype == I32:
        return b"\x41" + sleb(_signed(int(value), 32)) + bytes([END])
    if valtype == I64:
        return b"\x42" + sleb(_signed(int(value), 64)) + bytes([END])
    if valtype == F32:
        return b"\x43" + struct.pack("<f", value) + bytes([END])
    if valtype == F64:
        return b"\x44" + struct.pack("<d", value) + bytes([END])
    raise WasmFormatError(f"a global of type 0x{valtype:02x} cannot be snapshotted")


def exports(body: bytes) -> list[Export]:
    n, pos = read_uleb(body, 0)
    out = []
    for _ in range(n):
        text, pos = _read_name(body, pos)
        kind = body[pos]
        index, pos = read_uleb(body, pos + 1)
        out.append(Export(text, kind, index))
    return out


def export_section(items: list[Export]) -> bytes:
    return vector([name(e.name) + bytes([e.kind]) + uleb(e.item) for e in items])


def data_segments(body: bytes) -> list[tuple[bool, bytes]]:
    """(active?, the segment as encoded) for each segment of a data section, in index order."""
    n, pos = read_uleb(body, 0)
    out = []
    for _ in range(n):
        start = pos
        flags, pos = read_uleb(body, pos)
        if flags == 2:
            _, pos = read_uleb(body, pos)  # memory index
        if flags in (0, 2):
            pos = _skip_const_expr(body, pos)
        elif flags != 1:
            raise WasmFormatError(f"data segment flags {flags}")
        length, pos = read_uleb(body, pos)
        pos += length
        out.append((flags != 1, body[start:pos]))
    return out


def passive_segment(content: bytes = b"") -> bytes:
    return b"\x01" + uleb(len(content)) + content


def active_segment(offset: int, content: bytes) -> bytes:
    """A segment copied into memory 0 at `offset` (an i32.const: offsets from 2 GiB up are
    written as the negative i32 of the same bits)."""
    return b"\x00\x41" + sleb(_signed(offset, 32)) + bytes([END]) + uleb(len(content)) + content
