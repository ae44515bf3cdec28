"""What tasks.py shares: error reporting as one paragraph and plain-text tables."""

from __future__ import annotations

import functools
import signal
import sys
import textwrap
from collections.abc import Callable
from typing import Any, TypeVar

from .errors import WasmkilnError

F = TypeVar("F", bound=Callable[..., Any])


def _sigterm(_signum: int, _frame: Any) -> None:
    raise KeyboardInterrupt


def reports_errors(func: F) -> F:
    """Turn WasmkilnError into a one-paragraph message and exit status 1 (2 for interrupts)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        signal.signal(signal.SIGTERM, _sigterm)
        try:
            return func(*args, **kwargs)
        except WasmkilnError as exc:
            print(format_error(exc), file=sys.stderr)
            raise SystemExit(2 if type(exc).__name__ == "BuildInterrupted" else 1) from None
        except KeyboardInterrupt:
            print("\nwasmkiln: interrupted.", file=sys.stderr)
            raise SystemExit(130) from None

    return wrapper  # type: ignore[return-value]


def format_error(exc: WasmkilnError) -> str:
    """The first paragraph wrapped to 100 columns; any attached detail (log tail) after it."""
    head, _, detail = str(exc).partition("\n")
    wrapped = textwrap.fill(f"error: {head}", width=100, subsequent_indent="  ")
    return wrapped + ("\n" + textwrap.indent(detail, "  | ") if detail else "")


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()
             for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
