"""The task runner: reads asked for while the UI thread is busy wait for it to be free."""

from __future__ import annotations

import sys
import threading

from notice_studio.ui.tasks import UI_SWITCH_S, TaskRunner


def test_a_read_asked_for_inside_a_handler_starts_once_the_handler_returns(qtbot) -> None:
    """Opening a notice asks for five reads and then builds every dock: the reads ran Python
    beside that work and the window froze for twice as long."""
    tasks = TaskRunner()
    started = threading.Event()
    results: list[str] = []

    def read() -> str:
        started.set()
        return "read"

    tasks.run(read, results.append)
    assert not started.wait(0.5)  # the handler still runs: the read has not begun
    qtbot.waitUntil(lambda: results == ["read"], timeout=5000)  # back in the event loop it runs


def test_waiting_for_the_runner_starts_and_finishes_the_reads_not_yet_begun(qtbot) -> None:
    tasks = TaskRunner()
    done = threading.Event()
    tasks.run(done.set)
    assert tasks.wait(5000)
    assert done.is_set()


def test_a_worker_gives_the_interpreter_back_to_the_ui_thread_quickly() -> None:
    TaskRunner()
    assert sys.getswitchinterval() <= UI_SWITCH_S
