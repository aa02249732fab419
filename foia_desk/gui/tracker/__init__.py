"""The Tracker tab of the desktop app: every tracked request, its deadlines and letters.

``TrackerWidget`` is embedded by the main window as its third tab; its
``file_menu_actions()`` go in the File menu and ``refresh()`` is called after "Save to
tracker".
"""

from foia_desk.gui.tracker.widget import TrackerWidget

__all__ = ["TrackerWidget"]
