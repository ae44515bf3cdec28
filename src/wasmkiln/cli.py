"""What tasks.py shares: error reporting as one paragraph and plain-text tables."""

from __future__ import annotations

import errno
import functools
import signal
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from .errors import BuildInterrupted, WasmkilnError

F = TypeVar("F", bound=Callable[..., Any])


_STOPPED_BY: list[int] = []  # the signal that stopped this process, if one did


def _stop(signum: int, _frame: Any) -> None:
    _STOPPED_BY.append(signum)
    raise KeyboardInterrupt


def interrupted_status() -> int:
    """128 + the signal's number, the shell's rule: 130 for Ctrl-C (SIGINT), 143 for SIGTERM."""
    return 128 + (_STOPPED_BY[-1] if _STOPPED_BY else signal.SIGINT)


def reports_errors(func: F) -> F:
    """Turn WasmkilnError (and the host's disk errors) into a one-paragraph message and exit
    status 1; an interrupt at any stage exits 128 + its signal's number."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
        try:
            return func(*args, **kwargs)
        except BuildInterrupted as exc:
            print(format_error(exc), file=sys.stderr)
            raise SystemExit(interrupted_status()) from None
        except WasmkilnError as exc:
            print(format_error(exc), file=sys.stderr)
            raise SystemExit(1) from None
        except KeyboardInterrupt:
            print("\nwasmkiln: interrupted.", file=sys.stderr)
            raise SystemExit(interrupted_status()) from None
        except OSError as exc:
            print(format_error(WasmkilnError(describe_os_error(exc))), file=sys.stderr)
            raise SystemExit(1) from None

    return wrapper  # type: ignore[return-value]


def describe_os_error(exc: OSError) -> str:
    """One paragraph for a file system failure of the host (read-only or full disk, no
    permission): which path, what the system said, and that nothing half-written was kept."""
    where = exc.filename or "a file"
    also = f" (and {exc.filename2})" if exc.filename2 else ""
    why = exc.strerror or str(exc)
    hint = {errno.ENOSPC: "free some space or point WASMKILN_OUTPUT/WASMKILN_CACHE elsewhere",
            errno.EROFS: "the file system is read-only: point WASMKILN_OUTPUT/WASMKILN_CACHE "
                         "at a writable directory",
            errno.EACCES: "this user may not write there: fix its permissions or point "
                          "WASMKILN_OUTPUT/WASMKILN_CACHE at a writable directory",
            errno.EPERM: "this user may not write there: fix its permissions or point "
                         "WASMKILN_OUTPUT/WASMKILN_CACHE at a writable directory",
            }.get(exc.errno or 0, "check that the path exists and is writable")
    return (f"Cannot use {where}{also}: {why}. Nothing half-written was kept (outputs are "
            f"written beside their destination and renamed into place only when complete); "
            f"{hint}.")


def format_error(exc: WasmkilnError) -> str:
    """The first paragraph wrapped to 100 columns; any attached detail (log tail) after it."""
    import textwrap  # only an error pays for it

    head, _, detail = str(exc).partition("\n")
    wrapped = textwrap.fill(f"error: {head}", width=100, subsequent_indent="  ")
    return wrapped + ("\n" + textwrap.indent(detail, "  | ") if detail else "")


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
             for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
