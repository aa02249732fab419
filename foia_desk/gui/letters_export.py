"""“Export all letters” and “Save to tracker” for the main window's letter tabs.

Both refuse, with the missing fields named per agency, while any letter is incomplete, and
both run their file or database work on the task pool.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog

from foia_desk.errors import UserError
from foia_desk.gui import dialogs, save_to_tracker_dialog, tasks
from foia_desk.gui.app import settings

if TYPE_CHECKING:
    from foia_desk.gui.main_window import MainWindow

DEFAULT_FORMATS = ("docx", "pdf")


def ready_letters(window: MainWindow, action: str) -> list[tuple[Any, Any]] | None:
    """(tab, letter) for every letter tab, or None after telling the user what is missing."""
    tabs = window.drafts.tabs()
    if not tabs:
        dialogs.show_error(window, f"Nothing to {action}", UserError(
            "There are no letters yet.",
            "Load an article and tick at least one agency in the Article tab."))
        return None
    blocked = []
    for tab in tabs:
        tab.render_now()
        if tab.letter is None:
            blocked.append(f"• {tab.agency.name}: " + "; ".join(tab.missing or ["see its tab"]))
    if blocked:
        dialogs.show_error(window, f"Cannot {action} yet", UserError(
            "Some letters still need information, so nothing was done:\n" + "\n".join(blocked),
            "Open each letter's tab, fill in the fields listed at the top, and try again."))
        return None
    return [(tab, tab.letter) for tab in tabs]


def export_formats() -> list[str]:
    value = settings().value("export/formats", ",".join(DEFAULT_FORMATS))
    chosen = [f for f in str(value).split(",") if f in ("docx", "pdf", "eml", "txt", "md")]
    return chosen or list(DEFAULT_FORMATS)


def export_all(window: MainWindow) -> tasks.TaskHandle | None:
    """Ask for a folder and write every letter in the chosen formats, with a progress dialog."""
    from foia_desk.export import batch_targets, export_batch

    pairs = ready_letters(window, "export the letters")
    if pairs is None:
        return None
    folder = dialogs.ask_directory(window, "Choose a folder for the letters",
                                   settings().value("folders/export", str(Path.home())))
    if folder is None:
        return None
    settings().setValue("folders/export", str(folder))
    letters = [letter for _tab, letter in pairs]
    formats = export_formats()
    try:
        targets = batch_targets(letters, folder, formats)
    except UserError as exc:
        dialogs.show_error(window, "Cannot export the letters", exc)
        return None
    clashes = [path.name for _l, _f, path in targets if path.exists()]
    overwrite = False
    if clashes:
        if not dialogs.confirm(window, "Replace files?",
                               f"{len(clashes)} file(s) with these names already exist in "
                               f"{folder}.", detail=", ".join(clashes[:6]),
                               ok_label="Replace them"):
            return None
        overwrite = True
    tab_by_letter = {id(letter): tab for tab, letter in pairs}
    written: list[Path] = []

    def work(ctx: tasks.TaskContext) -> list[Path]:
        def progress(done: int, total: int, message: str) -> None:
            written.append(targets[done - 1][2])
            ctx.progress(done, total, message)

        return export_batch(letters, folder, formats, overwrite=overwrite, progress=progress,
                            cancel=lambda: ctx.cancelled)

    dialog = QProgressDialog("Exporting letters…", "Cancel", 0, len(targets), window)
    dialog.setWindowTitle("Export all letters")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    window.export_progress = dialog  # tests press Cancel on it

    def remember(paths: list[Path]) -> None:
        by_path = {path: letter for letter, _fmt, path in targets}
        for path in paths:
            tab = tab_by_letter.get(id(by_path.get(path)))
            if tab is not None and path not in tab.exported:
                tab.exported.append(path)

    def done(paths: list[Path]) -> None:
        dialog.close()
        remember(list(paths))
        window.letters_kept = True
        window.statusBar().showMessage(f"Saved {len(paths)} file(s) in {folder}.", 10000)

    def cancelled() -> None:
        dialog.close()
        remember(written)
        window.statusBar().showMessage(
            f"Export cancelled; {len(written)} file(s) were finished in {folder}.", 10000)

    def failed(error: BaseException) -> None:
        dialog.close()
        remember(written)
        dialogs.show_error(window, "Could not export all the letters", error)

    def progressed(done_count: int, total: int, message: str) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done_count)
        dialog.setLabelText(message)

    handle = tasks.run_task(work, with_context=True, on_done=done, on_error=failed,
                            on_cancel=cancelled, on_progress=progressed, name="export all")
    dialog.canceled.connect(handle.cancel)
    window._busy("Exporting letters…")
    handle.ended.connect(window._idle)
    return handle


def save_to_tracker(window: MainWindow) -> tasks.TaskHandle | None:
    """Ask draft-or-sent details, then add one tracker request per letter."""
    pairs = ready_letters(window, "save to the tracker")
    if pairs is None:
        return None
    letters = []
    for tab, letter in pairs:
        profile = tab.form.selected_profile()
        letters.append(save_to_tracker_dialog.LetterToSave(
            agency_id=letter.agency_id, agency_name=letter.agency_name,
            subject=letter.subject, kind=letter.kind, markdown=letter.markdown,
            files=tuple(str(p) for p in tab.exported),
            profile=profile.name if profile else None,
            expedited=tab.form.expedite.isChecked()))
    choice = save_to_tracker_dialog.ask_tracker_details(window, letters)
    if choice is None:
        return None

    def saved(ids: list[int]) -> None:
        window.requests_saved.emit(list(ids))
        state = "sent" if choice.submitted else "drafts"
        window.statusBar().showMessage(
            f"Saved {len(ids)} request(s) to the tracker as {state}.", 10000)

    def failed(error: BaseException) -> None:
        dialogs.show_error(window, "Could not save to the tracker", error)

    window._busy("Saving to the tracker…")
    handle = tasks.run_task(save_to_tracker_dialog.record_requests, letters, choice,
                            on_done=saved, on_error=failed, name="save to tracker")
    handle.ended.connect(window._idle)
    return handle
