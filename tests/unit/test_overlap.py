import threading

import pytest

from wasmkiln.container_build import Stop
from wasmkiln.overlap import beside


def test_both_sides_run_at_once_and_the_stage_result_is_kept():
    started = threading.Event()

    def stage() -> str:
        started.set()
        return "engines"

    with beside(stage, lambda: None, "t") as other:
        assert started.wait(5)  # the stage runs while the body still runs
    assert other.result() == "engines"


def test_a_failing_body_stops_and_waits_for_the_stage_and_its_error_wins():
    release = threading.Event()
    stopped = []
    finished = []

    def stage() -> str:
        release.wait(5)
        finished.append(True)
        raise RuntimeError("stage failed after being stopped")

    def stop() -> None:
        stopped.append(True)
        release.set()

    with pytest.raises(ValueError, match="smoke"), beside(stage, stop, "t"):
        raise ValueError("smoke test failed")
    assert stopped == [True] and finished == [True]  # waited for, not left running


def test_a_failing_stage_is_raised_after_a_body_that_passed():
    def stage() -> str:
        raise KeyError("no engines image")

    stopped = []
    with beside(stage, lambda: stopped.append(True), "t") as other:
        pass
    assert not stopped
    with pytest.raises(KeyError):
        other.result()


class _Api:
    def __init__(self) -> None:
        self.removed: list[str] = []

    def remove_container(self, container_id: str, force: bool = False) -> None:
        self.removed.append(container_id)


class _Client:
    def __init__(self) -> None:
        self.api = _Api()


def test_stop_removes_running_containers_and_refuses_later_ones():
    stop = Stop()
    assert stop.started("a") and stop.started("b")
    stop.ended("b")
    client = _Client()
    stop.stop(client)  # type: ignore[arg-type]
    assert client.api.removed == ["a"] and stop.stopped
    assert not stop.started("c")  # created after the stop: its caller removes it unstarted
