"""Background tasks: work on a worker thread, every signal delivered in the UI thread."""

from __future__ import annotations

import gc
import threading

import pytest
from pytestqt.qtbot import QtBot

from smwg_desktop.core.directory import Directory
from smwg_desktop.core.errors import UserError
from smwg_desktop.core.model import Organisation
from smwg_desktop.ui.tasks import Cancelled, Progress, Task, run_task, wait_for_tasks


def run(qtbot: QtBot, directory: Directory, work: object) -> tuple[Task, list[tuple[str, object]]]:
    """Run ``work`` and record each signal with the thread it arrived in."""
    task = Task()
    heard: list[tuple[str, object]] = []

    def note(name: str, value: object = None) -> None:
        heard.append((name, value))
        assert threading.current_thread() is threading.main_thread(), name

    task.progress.connect(lambda what, done, total: note("progress", (what, done, total)))
    task.succeeded.connect(lambda result: note("succeeded", result))
    task.failed.connect(lambda error: note("failed", error))
    task.finished.connect(lambda: note("finished"))
    with qtbot.waitSignal(task.finished, timeout=20_000):
        run_task(directory, work, task)  # type: ignore[arg-type]
    return task, heard


def test_a_closure_connected_to_a_task_runs_in_the_ui_thread(
    qtbot: QtBot, directory: Directory
) -> None:
    def work(own: Directory, progress: Progress) -> str:
        assert threading.current_thread() is not threading.main_thread()
        progress("writing", 1, 2)
        org = own.create(Organisation, {"name": "Frente de Pobladores", "country": "CL"})
        progress("writing", 2, 2)
        return org.id

    task, heard = run(qtbot, directory, work)
    assert [name for name, _ in heard] == ["progress", "progress", "succeeded", "finished"]
    created = heard[2][1]
    assert isinstance(created, str)
    assert directory.get(Organisation, created).name == "Frente de Pobladores"
    assert not task.running


def test_a_refusal_arrives_as_failed_and_the_data_is_unchanged(
    qtbot: QtBot, directory: Directory
) -> None:
    def work(own: Directory, progress: Progress) -> None:
        with own.store.transaction():
            own.create(Organisation, {"name": "Half written", "country": "CL"})
            raise UserError("refused half-way")

    _task, heard = run(qtbot, directory, work)
    assert [name for name, _ in heard] == ["failed", "finished"]
    assert isinstance(heard[0][1], UserError)
    assert directory.list(Organisation) == []


def test_a_bug_in_the_work_is_reported_and_logged(
    qtbot: QtBot, directory: Directory, capsys: pytest.CaptureFixture[str]
) -> None:
    def work(own: Directory, progress: Progress) -> None:
        raise KeyError("a programming error")

    _task, heard = run(qtbot, directory, work)
    assert isinstance(heard[0][1], KeyError)
    assert "KeyError" in capsys.readouterr().err


def test_cancel_stops_the_work_at_its_next_step(qtbot: QtBot, directory: Directory) -> None:
    started = threading.Event()
    release = threading.Event()

    def work(own: Directory, progress: Progress) -> None:
        started.set()
        release.wait(10)
        progress("next step", 1, 2)
        raise AssertionError("the work went on after it was cancelled")

    task = Task()
    outcome: list[object] = []
    task.failed.connect(outcome.append)
    with qtbot.waitSignal(task.finished, timeout=20_000):
        run_task(directory, work, task)
        assert started.wait(10)
        task.cancel()
        release.set()
    assert len(outcome) == 1 and isinstance(outcome[0], Cancelled)


def test_wait_for_tasks_returns_once_every_task_has_ended(directory: Directory) -> None:
    release = threading.Event()

    def work(own: Directory, progress: Progress) -> None:
        release.wait(10)
        progress("step", 1, 1)

    task = Task()
    run_task(directory, work, task)
    assert task.running
    release.set()
    wait_for_tasks()
    assert not task.running


def test_the_cycle_collector_never_runs_in_a_worker(qtbot: QtBot, directory: Directory) -> None:
    """It frees whatever it finds, Qt objects of the UI thread too: only the UI thread may."""
    seen: list[bool] = []

    def work(own: Directory, progress: Progress) -> None:
        seen.append(gc.isenabled())

    assert gc.isenabled()
    run(qtbot, directory, work)
    assert seen == [False]
    assert gc.isenabled()
