"""The guard every public Store method goes through: right thread, clear sqlite errors."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

from foia_desk.store import db

F = TypeVar("F", bound=Callable[..., Any])


def api(method: F) -> F:
    """Check the calling thread and translate sqlite3 errors for a public Store method."""
    @functools.wraps(method)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        self._check_usable()
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error as exc:
            raise db.translate(exc, self.locations) from exc
    return wrapper  # type: ignore[return-value]
