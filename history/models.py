"""Who changed what: the records' history is kept by django-simple-history.

The acting user is always passed in explicitly, never taken from a
thread-local "current request".
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from accounts.models import User


class SavedBy:
    """Mix into a model with HistoricalRecords: `save_by` records who saved it."""

    def save_by(self, user: "User", **kwargs) -> None:
        self._history_user = user
        self.save(**kwargs)
