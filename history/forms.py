"""Two tabs, or two people, editing the same record never overwrite each other silently."""

from typing import TYPE_CHECKING, Any

from django import forms

from .changes import differences

STALE = (
    "Someone saved a change to this record after you opened this page, so what you typed "
    "has not been saved yet. Check it against their change, shown below, then save again"
)

UNVERSIONED = (
    "This was sent without saying which version of the record it was opened on, so what "
    "you typed has not been saved yet. Check it against the record as it is now, shown "
    "below, then save again"
)


def current_version(instance) -> str:
    """The id of the record's latest saved version, or "" for a new or untracked one."""
    if instance.pk is None:
        return ""
    latest = instance.history.values_list("history_id", flat=True).first()
    return str(latest or "")


# VersionCheck is only ever mixed into a form, so the type checker is told it is one; at run
# time it stays a plain class, so that the form's own class comes after it in the bases.
if TYPE_CHECKING:
    FormMixin = forms.BaseForm
else:
    FormMixin = object


class VersionCheck(FormMixin):
    """Mix into a ModelForm of a model with history, before GDSForm.

    The form carries the version it was shown with. If the record was saved
    since, the form is refused with a message, keeps everything typed, says in
    `changed_since` what the other save changed, and carries the new version,
    so that saving again is a choice made knowing both.
    """

    instance: Any  # the record, of a model with django-simple-history's (untyped) `history`
    helper: Any  # GDSForm's crispy helper, set up before this adds its field to the layout

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=current_version(self.instance)
        )
        self.helper.layout.fields.insert(0, "version")
        self.changed_since: list[tuple[str, str, str]] = []
        self.stale = False

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        sent, now = cleaned.get("version") or "", current_version(self.instance)
        # A save that does not say which version it was opened on may be over any change
        # since: it is refused like a stale one, never taken as the latest.
        if sent != now:
            self.stale = True
            if now:
                history = self.instance.history
                # A version not one of ours (tampered with) is stale, with nothing to compare.
                ours = sent.isascii() and sent.isdigit() and len(sent) < 19
                self.changed_since = differences(
                    history.filter(history_id=int(sent)).first() if ours else None,
                    history.filter(history_id=now).first(),
                    whole=True,
                    questions={name: str(field.label) for name, field in self.fields.items()},
                )
            # What was sent is a QueryDict (a dict in some tests); either copies and takes a key.
            data: Any = self.data
            self.data = data = data.copy()
            data[self.add_prefix("version")] = now
            self.add_error(None, STALE if sent else UNVERSIONED)
        return cleaned
