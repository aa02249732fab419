"""The desktop app: the only package that imports Qt (PySide6).

Shell: ``app`` (QApplication, settings file, instance lock), ``main_window``, ``tasks``
(background work), ``dialogs`` (every message box and file dialog; tests patch it).
New-request flow: ``article_loading`` (worker side), ``article_page`` and ``article_view``,
``findings_panel`` and ``agency_picker``, ``draft_tabs`` and ``draft_form``,
``letters_export`` (export all, save to tracker) and ``save_to_tracker_dialog``.
Settings: ``settings_dialog`` and ``closures_editor``. The Tracker tab lives in ``tracker/``.
"""
