"""Core work run a slice at a time on the UI thread: progress, result, refusal, stop, bug."""

from __future__ import annotations

from collections.abc import Generator

from pytestqt.qtbot import QtBot

from smwg_desktop.core.errors import UserError
from smwg_desktop.ui.stepping import StepRunner


def counting(to: int, closed: list[bool], *, fail: BaseException | None = None) -> Generator[int, None, str]:
    try:
        for n in range(1, to + 1):
            if fail is not None and n == to // 2:
                raise fail
            yield n
    except GeneratorExit:
        closed.append(True)
        raise
    return f"counted to {to}"


def test_the_runner_reports_progress_then_the_result(qtbot: QtBot) -> None:
    closed: list[bool] = []
    runner = StepRunner(counting(200_000, closed))
    progress: list[int] = []
    runner.progressed.connect(progress.append)

    with qtbot.waitSignal(runner.finished, timeout=20_000) as finished:
        runner.start()

    assert finished.args == ["counted to 200000"]
    assert progress and progress == sorted(progress) and progress[-1] <= 200_000
    assert not runner.running and closed == []


def test_a_refusal_stops_the_runner_and_is_handed_on(qtbot: QtBot) -> None:
    closed: list[bool] = []
    runner = StepRunner(counting(10, closed, fail=UserError("row 5: refused")))

    with qtbot.waitSignal(runner.failed, timeout=20_000) as failed:
        runner.start()

    assert isinstance(failed.args[0], UserError) and str(failed.args[0]) == "row 5: refused"
    assert not runner.running


def test_stopping_closes_the_work_so_it_can_roll_back(qtbot: QtBot) -> None:
    closed: list[bool] = []
    runner = StepRunner(counting(10_000_000, closed))
    with qtbot.waitSignal(runner.progressed, timeout=20_000):
        runner.start()

    runner.stop()

    assert closed == [True] and not runner.running
    runner.stop()
    assert closed == [True], "stopping twice closes once"


def test_a_bug_in_the_work_stops_the_runner_and_reaches_the_exception_hook(qtbot: QtBot) -> None:
    closed: list[bool] = []
    runner = StepRunner(counting(10, closed, fail=RuntimeError("a bug")))
    failed: list[object] = []
    runner.failed.connect(failed.append)

    with qtbot.capture_exceptions() as caught:
        runner.start()
        qtbot.waitUntil(lambda: not runner.running, timeout=20_000)

    assert [type(e[1]) for e in caught] == [RuntimeError]
    assert failed == [], "a bug is not a refusal to show as one"
