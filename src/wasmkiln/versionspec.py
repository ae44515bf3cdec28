"""Version ordering and constraint matching for recipe versions ("3.46.1", ">=1.3,<2")."""

from __future__ import annotations

import re

_OPS = ("==", ">=", "<=", "!=", ">", "<")


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Sort key: numeric parts compare as numbers, others as text ("8.4.10" > "8.4.9")."""
    parts = re.split(r"[.\-+~_]", version)
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in parts)


def _compare(a: str, b: str) -> int:
    ka, kb = version_key(a), version_key(b)
    # "8.4" as a constraint means the 8.4 series: compare only as many parts as it has.
    ka = ka[: len(kb)]
    return (ka > kb) - (ka < kb)


def parse_spec(spec: str) -> list[tuple[str, str]]:
    """Split ">=1.3, <2" into [(">=", "1.3"), ("<", "2")]; a bare version means "==". """
    clauses = []
    for raw in spec.split(","):
        clause = raw.strip()
        if not clause or clause == "*":
            continue
        op = next((o for o in _OPS if clause.startswith(o)), "==")
        value = clause[len(op):].strip() if clause.startswith(op) else clause
        # a version starts with a digit: "banana" is a typo, not a version to match exactly
        if not re.fullmatch(r"[0-9][0-9A-Za-z.\-+~_]*", value):
            raise ValueError(f"bad version constraint {clause!r}")
        clauses.append((op, value))
    return clauses


def matches(version: str, spec: str) -> bool:
    for op, value in parse_spec(spec):
        c = _compare(version, value)
        ok = {
            "==": c == 0, "!=": c != 0, ">=": c >= 0, "<=": c <= 0, ">": c > 0, "<": c < 0,
        }[op]
        if not ok:
            return False
    return True


def newest(versions: list[str]) -> str:
    return max(versions, key=version_key)
