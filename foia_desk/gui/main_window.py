"""The main window: Article (with findings), Letters (one tab per agency) and Tracker tabs.

Loading and exporting run on the task pool with a busy indicator in the status bar. A
failure shows a specific error dialog and changes nothing: the previous article, findings
and letter edits stay as they were.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from foia_desk.errors import UserError
from foia_desk.gui import dialogs, tasks
from foia_desk.gui.app import settings
from foia_desk.gui.article_loading import LoadedArticle, load_file, load_pasted
from foia_desk.gui.article_page import ArticlePage
from foia_desk.gui.draft_tabs import DraftTabs

OPEN_FILTER = ("Articles (*.txt *.md *.markdown *.html *.htm *.docx *.pdf);;"
               "All files (*)")
TRACKER_IDLE_MS = 2000


class MainWindow(QMainWindow):
    load_finished = Signal(bool)  # True when an article was loaded and analysed
    requests_saved = Signal(list)  # tracker request ids just added

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("FOIA Desk")
        self.setAcceptDrops(True)
        self.loaded: LoadedArticle | None = None
        self.letters_kept = True  # False once letters exist that were not exported or tracked
        self.skip_close_question = False  # --quit-after-load closes without asking
        self._busy_count = 0
        self._load_handle: tasks.TaskHandle | None = None

        self.main_tabs = QTabWidget()
        self.main_tabs.setDocumentMode(True)
        self.setCentralWidget(self.main_tabs)
        self.main_tabs.addTab(self._build_article_page(), "&1 Article")
        self.main_tabs.addTab(self._build_letters_page(), "&2 Letters")
        self.main_tabs.addTab(self._build_tracker_page(), "&3 Tracker")
        self.requests_saved.connect(self._saved_requests)
        self._build_status_bar()
        self._build_menus()
        self._restore_geometry()
        self._update_actions()

    # ------------------------------------------------------------------ layout
    def _build_article_page(self) -> QWidget:
        page = ArticlePage()
        self.article_stack = page
        self.paste_editor = page.paste_editor
        self.article_view = page.article_view
        self.findings = page.findings
        page.open_requested.connect(self.open_article)
        page.paste_requested.connect(self.start_paste)
        page.paste_submitted.connect(self.analyse_pasted)
        page.next_requested.connect(lambda: self.main_tabs.setCurrentIndex(1))
        self.findings.evidence_requested.connect(self.article_view.select_span)
        self.findings.agencies_changed.connect(self._agencies_changed)
        self.findings.records_changed.connect(self._records_changed)
        return page

    def _build_letters_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        intro = QLabel("One letter for each agency you ticked. Fill in anything the ⚠ strip "
                       "above a preview lists, check the letter, then save the letters as "
                       "files and record them in the tracker.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.drafts = DraftTabs()
        self.drafts.set_agencies([])
        self.drafts.edit_profiles_requested.connect(self.open_settings)
        self.drafts.letters_changed.connect(self._update_actions)
        layout.addWidget(self.drafts, 1)
        row = QHBoxLayout()
        self.letters_status = QLabel()
        row.addWidget(self.letters_status, 1)
        self.export_all_button = QPushButton("&Export all letters…")
        self.export_all_button.clicked.connect(self.export_all)
        self.save_button = QPushButton("Save to &tracker…")
        self.save_button.clicked.connect(self.save_to_tracker)
        row.addWidget(self.export_all_button)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self._reload_profiles()
        return page

    def _build_tracker_page(self) -> QWidget:
        """A holder for the tracker tab; the TrackerWidget itself is built on first need
        (tab shown, File menu opened, request saved, or two idle seconds after start) so the
        window opens without waiting for the database."""
        self.tracker: QWidget | None = None
        self.tracker_page = QWidget()
        QVBoxLayout(self.tracker_page).setContentsMargins(0, 0, 0, 0)
        self.main_tabs.currentChanged.connect(
            lambda index: self.ensure_tracker() if index == 2 else None)
        self._tracker_timer = QTimer(self)
        self._tracker_timer.setSingleShot(True)
        self._tracker_timer.timeout.connect(self.ensure_tracker)
        self._tracker_timer.start(TRACKER_IDLE_MS)
        return self.tracker_page

    def ensure_tracker(self) -> QWidget:
        if self.tracker is not None:
            return self.tracker
        try:
            from foia_desk.gui.tracker import TrackerWidget

            widget: QWidget = TrackerWidget()
        except ImportError:
            widget = QLabel("The tracker is not available in this build.")
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tracker = widget
        self.tracker_page.layout().addWidget(widget)
        tracker_actions = getattr(widget, "file_menu_actions", None)
        extra = list(tracker_actions()) if callable(tracker_actions) else []
        if extra:
            self.file_menu.insertSeparator(self.quit_action)
            for action in extra:
                self.file_menu.insertAction(self.quit_action, action)
        return widget

    def _saved_requests(self, ids: list[int]) -> None:
        self.letters_kept = True
        refresh = getattr(self.ensure_tracker(), "refresh", None)
        if callable(refresh):
            refresh()

    def _build_status_bar(self) -> None:
        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.setAccessibleName("Working")
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.busy_bar)
        self.busy_bar.hide()

    def _action(self, text: str, slot: Any, shortcut: Any = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.open_action = self._action("&Open article…", self.open_article,
                                        QKeySequence.StandardKey.Open,
                                        "Load an article from a file")
        self.paste_action = self._action("&Paste article text…", self.start_paste,
                                         "Ctrl+Shift+V", "Type or paste an article")
        self.export_action = self._action("&Export all letters…", self.export_all, "Ctrl+E")
        self.save_action = self._action("Save to &tracker…", self.save_to_tracker,
                                        QKeySequence.StandardKey.Save)
        for action in (self.open_action, self.paste_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.save_action)
        file_menu.addSeparator()
        self.quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        file_menu.addAction(self.quit_action)
        file_menu.aboutToShow.connect(self.ensure_tracker)
        self.file_menu = file_menu
        edit_menu = bar.addMenu("&Edit")
        self.copy_letter_action = self._action("&Copy letter text", self._copy_letter,
                                               "Ctrl+Shift+C")
        edit_menu.addAction(self.copy_letter_action)
        edit_menu.addSeparator()
        settings_action = self._action("&Settings…", self.open_settings, "Ctrl+,")
        settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        edit_menu.addAction(settings_action)
        view_menu = bar.addMenu("&View")
        for index, name in enumerate(("&Article", "&Letters", "&Tracker")):
            view_menu.addAction(self._action(
                name, lambda _=False, i=index: self.main_tabs.setCurrentIndex(i),
                f"Ctrl+{index + 1}"))
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self._action("&About FOIA Desk", self._about))

    # ------------------------------------------------------------------ busy state
    def _busy(self, message: str) -> None:
        self._busy_count += 1
        self.busy_label.setText(message)
        self.busy_bar.show()

    def _idle(self) -> None:
        self._busy_count = max(0, self._busy_count - 1)
        if not self._busy_count:
            self.busy_label.setText("")
            self.busy_bar.hide()

    def _update_actions(self) -> None:
        chosen, ready = self.drafts.letter_counts()  # leaves tabs not yet shown unbuilt
        has = bool(chosen)
        for widget in (self.export_all_button, self.export_action, self.save_button,
                       self.save_action, self.copy_letter_action):
            widget.setEnabled(has)
        if not chosen:
            self.letters_status.setText("")
        else:
            self.letters_status.setText(f"{ready} of {chosen} letter(s) ready to save.")

    # ------------------------------------------------------------------ loading
    def _may_replace_letters(self, action: str) -> bool:
        """Ask before drafted letters that were neither exported nor tracked are dropped."""
        if self.letters_kept or not self.drafts.tabs():
            return True
        return dialogs.confirm(
            self, "Letters not saved", f"{action}? The letters drafted from the current "
            "article have not been saved as files or to the tracker and will be lost.",
            ok_label=action, cancel_label="Keep working")

    def open_article(self) -> None:
        if not self._may_replace_letters("Open another article"):
            return
        folder = settings().value("folders/open", str(Path.home()))
        path = dialogs.ask_open_file(self, "Open an article", folder, OPEN_FILTER)
        if path is not None:
            settings().setValue("folders/open", str(path.parent))
            self.load_path(path)

    def load_path(self, path: str | Path) -> tasks.TaskHandle:
        """Read and analyse ``path`` in the background; the current article stays until done."""
        return self.watch_load(tasks.run_task(load_file, Path(path), name="load article"),
                               f"Reading {Path(path).name}…", f"Could not open {Path(path).name}")

    def start_paste(self) -> None:
        self.main_tabs.setCurrentIndex(0)
        self.article_stack.show_paste_editor()

    def analyse_pasted(self) -> tasks.TaskHandle | None:
        if not self._may_replace_letters("Use the pasted article"):
            return None
        text = self.paste_editor.toPlainText()
        return self.watch_load(tasks.run_task(load_pasted, text, name="load article"),
                               "Finding agencies…", "Could not use the pasted text")

    def watch_load(self, handle: tasks.TaskHandle, busy: str,
                   error_title: str) -> tasks.TaskHandle:
        """Show a load task's progress and apply its result (the command line starts the
        task before the window exists, so reading overlaps building the window). A newer
        load supersedes one still running: the older result is dropped, not applied."""
        if self._load_handle is not None and self._load_handle.running:
            self._load_handle.cancel()
        self._busy(busy)
        handle.finished.connect(self._apply_loaded)
        handle.failed.connect(lambda error: self._load_failed(error_title, error))
        handle.ended.connect(self._idle)
        self._load_handle = handle
        return handle

    def _load_failed(self, title: str, error: BaseException) -> None:
        dialogs.show_error(self, title, error)
        self.load_finished.emit(False)

    def _apply_loaded(self, loaded: LoadedArticle) -> None:
        self.loaded = loaded
        self.letters_kept = False
        article = loaded.article
        self.drafts.directory = loaded.directory
        self.drafts.set_agencies([])
        self.drafts.set_article(article)
        self.article_view.set_article(article.text, article.title or "", article.warnings)
        self.findings.set_findings(loaded.findings, loaded.directory)
        self.article_view.set_highlights(self.findings.highlight_spans())
        if loaded.normalised_text is not None:
            self.article_view.set_spun(loaded.spun_score, loaded.normalised_text,
                                       loaded.reworded_spans)
        self.article_stack.setCurrentIndex(2)
        self.main_tabs.setCurrentIndex(0)
        self.setWindowTitle(f"FOIA Desk — {article.title or 'pasted article'}")
        found = len(self.findings.checked_agency_ids())
        self.statusBar().showMessage(
            f"Found {found} agency(ies) named in the article." if found else
            "No federal agency is named in this article; use “Add agency…” to choose one.",
            10000)
        self.load_finished.emit(True)

    def _agencies_changed(self) -> None:
        directory = self.loaded.directory if self.loaded else None
        agencies = []
        for agency_id in self.findings.checked_agency_ids():
            try:
                agencies.append(directory.get(agency_id))
            except UserError:  # not in the directory: cannot be drafted
                continue
        self.drafts.set_agencies(agencies)

    def _records_changed(self) -> None:
        self.drafts.set_records(self.findings.records())
        if self.loaded is not None:
            self.article_view.set_highlights(self.findings.highlight_spans())

    # ------------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # Qt API
        urls = event.mimeData().urls()
        if len(urls) == 1 and urls[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # Qt API
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            if self._may_replace_letters("Open the dropped article"):
                self.load_path(urls[0].toLocalFile())

    # ------------------------------------------------------------------ letters
    def _copy_letter(self) -> None:
        tab = self.drafts.current_tab()
        if tab is not None:
            tab.copy_to_clipboard()

    def export_all(self) -> tasks.TaskHandle | None:
        from foia_desk.gui.letters_export import export_all

        return export_all(self)

    def save_to_tracker(self) -> tasks.TaskHandle | None:
        from foia_desk.gui.letters_export import save_to_tracker

        return save_to_tracker(self)

    # ------------------------------------------------------------------ settings
    def _reload_profiles(self) -> None:
        from foia_desk.profiles import RequesterProfile, list_profiles

        profiles = [p for _path, p in list_profiles() if isinstance(p, RequesterProfile)]
        self.drafts.set_profiles(profiles, str(settings().value("profiles/default", "")))

    def open_settings(self) -> None:
        from foia_desk.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self)
        dialog.exec()
        self._reload_profiles()

    def _about(self) -> None:
        from foia_desk import __version__

        dialogs.show_info(self, "About FOIA Desk", f"FOIA Desk {__version__}",
                          "Drafts U.S. federal FOIA and Privacy Act requests from news articles "
                          "and tracks their legal deadlines. It never uses the network.")

    # ------------------------------------------------------------------ window state
    def _restore_geometry(self) -> None:
        store = settings()
        geometry = store.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        state = store.value("window/state")
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt API
        if not self.skip_close_question and not self._may_replace_letters("Quit"):
            event.ignore()
            return
        store = settings()
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/state", self.saveState())
        store.sync()
        tasks.wait_for_all(10_000)
        super().closeEvent(event)
