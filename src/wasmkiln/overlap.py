"""Run one stage on a thread beside the work of this one; a failure on either side stops the
other, and the failure reported is the one a run without the thread would have reported."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class Beside(Generic[T]):
    """The stage started on its own thread; `result` waits for it (see `beside`)."""

    _value: list[T] = field(default_factory=list)
    _error: list[BaseException] = field(default_factory=list)
    _thread: threading.Thread | None = None

    def wait(self) -> None:
        assert self._thread is not None
        self._thread.join()

    def failure(self) -> BaseException | None:
        """What the stage raised (once it ended), or None."""
        return self._error[0] if self._error else None

    def result(self) -> T:
        """The stage's value, after waiting for it; what it raised is raised here."""
        self.wait()
        if self._error:
            raise self._error[0]
        return self._value[0]


def start(stage: Callable[[], T], name: str) -> Beside[T]:
    """Start `stage` on a thread of its own."""
    handle: Beside[T] = Beside()

    def run() -> None:
        try:
            handle._value.append(stage())
        except BaseException as exc:  # handed to whoever waits: nothing is lost on the thread
            handle._error.append(exc)

    handle._thread = threading.Thread(target=run, name=name, daemon=True)
    handle._thread.start()
    return handle


@contextmanager
def beside(stage: Callable[[], T], stop: Callable[[], None], name: str
           ) -> Iterator[Beside[T]]:
    """Run `stage` on a thread while the `with` body runs here. When the body raises
    (Ctrl-C included), `stop()` is called, the stage waited for and the body's exception
    raised: the stage's own failure, if any, came second. When the body succeeds, the stage is
    waited for on leaving (Ctrl-C while waiting stops it too); read `result()` after."""
    handle = start(stage, name)
    try:
        yield handle
        handle.wait()
    except BaseException:
        stop()
        handle.wait()
        raise
