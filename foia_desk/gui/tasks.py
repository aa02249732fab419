"""Background work for the GUI: run a function on the thread pool, hear back on the GUI thread.

Usage::

    handle = run_task(ingest_path, path, on_done=self._loaded, on_error=self._failed)

    def export_all(ctx: TaskContext) -> list[Path]:
        for i, letter in enumerate(letters):
            if ctx.cancelled:
                break
            ctx.progress(i, len(letters), letter.agency_name)
            ...

    handle = run_task(export_all, with_context=True, on_progress=dialog.update)
    handle.cancel()

Rules (docs/architecture.md): the work function never touches a widget and never shares an
SQLite connection with the GUI thread (open a Store inside it with foia_desk.store.open_store()).
The handle is a QObject living on the GUI thread; the worker emits private signals on it and
Qt queues them, so ``finished``/``failed``/``progress`` and the callbacks always run on the GUI
thread. ``failed`` carries the exception (a UserError for problems a user can fix).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

_live: set[TaskHandle] = set()  # handles stay alive until their task has reported


class TaskCancelled(Exception):  # it is a normal outcome, not an error
    """Raised by :meth:`TaskContext.check` when the user cancelled; reported as ``cancelled``."""


class TaskContext:
    """What a work function gets when run with ``with_context=True``."""

    def __init__(self, handle: TaskHandle, cancel_flag: threading.Event) -> None:
        self._handle = handle
        self._cancel_flag = cancel_flag

    @property
    def cancelled(self) -> bool:
        return self._cancel_flag.is_set()

    def check(self) -> None:
        """Stop the work here if the user cancelled."""
        if self._cancel_flag.is_set():
            raise TaskCancelled()

    def progress(self, done: int, total: int, message: str = "") -> None:
        """Report progress; safe to call from the worker thread."""
        self._handle._progress_from_worker.emit(int(done), int(total), str(message))


class TaskHandle(QObject):
    """One running task. Signals fire on the GUI thread, exactly one of finished/failed/cancelled.
    """

    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    progress = Signal(int, int, str)
    ended = Signal()  # after whichever outcome, for busy indicators

    _result_from_worker = Signal(object)
    _error_from_worker = Signal(object)
    _cancel_from_worker = Signal()
    _progress_from_worker = Signal(int, int, str)

    def __init__(self, name: str = "") -> None:
        super().__init__()
        self.name = name
        self.cancel_flag = threading.Event()
        self.running = True
        self._result_from_worker.connect(self._deliver_result)
        self._error_from_worker.connect(self._deliver_error)
        self._cancel_from_worker.connect(self._deliver_cancel)
        self._progress_from_worker.connect(self.progress)

    def cancel(self) -> None:
        """Ask the work to stop; it stops at its next check."""
        self.cancel_flag.set()

    def _finish(self) -> None:
        self.running = False
        self.ended.emit()
        _live.discard(self)

    @Slot(object)
    def _deliver_result(self, result: object) -> None:
        if self.cancel_flag.is_set():  # cancelled while the result was on its way
            self._deliver_cancel()
            return
        self.finished.emit(result)
        self._finish()

    @Slot(object)
    def _deliver_error(self, error: object) -> None:
        self.failed.emit(error)
        self._finish()

    @Slot()
    def _deliver_cancel(self) -> None:
        self.cancelled.emit()
        self._finish()


class _Runnable(QRunnable):
    def __init__(self, handle: TaskHandle, work: Callable[[], Any]) -> None:
        super().__init__()
        self._handle = handle
        self._work = work

    def run(self) -> None:  # worker thread: no widgets here
        try:
            result = self._work()
        except TaskCancelled:
            self._handle._cancel_from_worker.emit()
        except BaseException as exc:  # every failure must reach the GUI
            self._handle._error_from_worker.emit(exc)
        else:
            if self._handle.cancel_flag.is_set():
                self._handle._cancel_from_worker.emit()
            else:
                self._handle._result_from_worker.emit(result)


def run_task(fn: Callable[..., Any], *args: Any,
             on_done: Callable[[Any], None] | None = None,
             on_error: Callable[[BaseException], None] | None = None,
             on_progress: Callable[[int, int, str], None] | None = None,
             on_cancel: Callable[[], None] | None = None,
             with_context: bool = False, name: str = "",
             pool: QThreadPool | None = None, **kwargs: Any) -> TaskHandle:
    """Run ``fn(*args, **kwargs)`` (with a :class:`TaskContext` first if ``with_context``).

    Once ``cancel()`` was called the GUI never receives ``finished``: a task that completes
    anyway (or whose result is still queued) is reported as ``cancelled``.
    """
    handle = TaskHandle(name or getattr(fn, "__name__", "task"))
    if on_done is not None:
        handle.finished.connect(on_done)
    if on_error is not None:
        handle.failed.connect(on_error)
    if on_progress is not None:
        handle.progress.connect(on_progress)
    if on_cancel is not None:
        handle.cancelled.connect(on_cancel)
    if with_context:
        context = TaskContext(handle, handle.cancel_flag)

        def work() -> Any:
            return fn(context, *args, **kwargs)
    else:
        def work() -> Any:
            return fn(*args, **kwargs)
    _live.add(handle)
    (pool or QThreadPool.globalInstance()).start(_Runnable(handle, work))
    return handle


def running_tasks() -> list[TaskHandle]:
    """Tasks that have not reported yet (the main window waits for them on close)."""
    return [h for h in _live if h.running]


def wait_for_all(timeout_ms: int = 30_000, pool: QThreadPool | None = None) -> bool:
    """Block until the pool is idle (used when closing the window); True if it is."""
    return (pool or QThreadPool.globalInstance()).waitForDone(timeout_ms)
