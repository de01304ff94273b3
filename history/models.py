"""Who changed what: the records' history is kept by django-simple-history.

The acting user is always passed in explicitly, never taken from a
thread-local "current request".
"""

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from accounts.models import User

# SavedBy is only ever mixed into a model, so the type checker is told it is one; at run time
# it stays a plain class, as the migrations name it among the models' bases.
if TYPE_CHECKING:
    ModelMixin = models.Model
else:
    ModelMixin = object


class SavedBy(ModelMixin):
    """Mix into a model with HistoricalRecords: `save_by` records who saved it."""

    # django-simple-history's manager of the model's versions (the library is untyped).
    history: Any

    def save_by(self, user: "User", **kwargs) -> None:
        self._history_user = user
        self.save(**kwargs)
