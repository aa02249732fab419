"""The desktop app: the only package that imports Qt (PySide6).

Modules: ``app`` (QApplication set-up), ``main_window`` (the window and its menus),
``tasks`` (background work), ``dialogs`` (every message box and file dialog, patched by
tests), the new-request flow (``article_view``, ``findings_panel``, ``draft_tabs``,
``draft_form``, ``save_to_tracker_dialog``), ``settings_dialog`` and ``tracker/``.
"""
