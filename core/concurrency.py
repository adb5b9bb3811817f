"""Lost updates: two people editing the same record at once never silently overwrite each other.

An edit form (`VersionedForm`) carries, in a hidden field, the version of the record it was loaded from:
the row's `updated_at` (auto_now) as an ISO string. The save reads the stored row locked (core.locking)
and, inside the same transaction, `check_version` refuses with a `Conflict` when the row was saved since.
The form then shows who saved it and when, their values next to what the user typed (kept), and carries
the stored version from then on: saving again keeps the user's values, on purpose this time.

A POST that edits a record but carries no version at all (a script, a page saved long ago, a tampered form)
is refused the same way, since nobody can tell what it was loaded from: the form comes back with the values
sent and the stored version, and saving again is deliberate.
Small one-step actions (approve, acknowledge, confirm) need none of this: they lock the row and check its
state, so a double submit or a race does the step once.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from auditlog.models import LogEntry
from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.http import QueryDict
from django.template.defaultfilters import floatformat
from django.utils import dateformat, timezone

from core.locking import lock

VERSION_FIELD = "version"
NO_VERSION = (
    "This form was sent without saying which version of the record it changes, so nothing was saved. "
    "Check the values below (they are what you sent) and save again."
)
UNKNOWN = "Someone else"


def version_of(record: models.Model | None) -> str:
    """The version an edit form carries: the row's `updated_at` as an ISO string ("" for a new record)."""
    stamp = getattr(record, "updated_at", None) if record is not None else None
    return stamp.isoformat() if stamp else ""


def _same(loaded: str, stored: str) -> bool:
    try:
        return datetime.datetime.fromisoformat(loaded) == datetime.datetime.fromisoformat(stored)
    except ValueError:  # not a timestamp: a version of another kind (a charter's number), or tampered with
        return loaded == stored


def _moment_in_words(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return dateformat.format(local, "H:i \\o\\n j M Y")


def _latest_actor(record: models.Model, since: str) -> str | None:
    """Who made the record's latest audited change after `since`, when django-auditlog saw one."""
    entry = LogEntry.objects.get_for_object(record).select_related("actor").order_by("-timestamp", "-pk").first()
    if entry is None or entry.actor is None:
        return None
    try:
        if entry.timestamp < datetime.datetime.fromisoformat(since):
            return None  # an older change: the one in between was not audited
    except ValueError:
        pass
    return entry.actor.display_name


def _by_whom(who: str, when: datetime.datetime | None) -> str:
    at = f"at {_moment_in_words(when)}" if when else ""
    if who == UNKNOWN:
        return f", {at}" if at else ""
    return f": {who}, {at}" if at else f": {who}"


class Conflict(ValidationError):
    """Someone else saved the record after the form was loaded: nothing was saved."""

    def __init__(self, record: models.Model, *, version: str, who: str, when: datetime.datetime | None) -> None:
        self.record, self.version, self.who, self.when = record, version, who, when
        super().__init__(
            f"Someone else saved this record while you were editing it{_by_whom(who, when)}. "
            "Nothing you typed is saved yet: their values are next to yours below. "
            "Save again to keep yours, or cancel to keep theirs."
        )


def check_version(
    locked: models.Model,
    version: str | None,
    *,
    current: str | None = None,
    who: str | None = None,
    when: datetime.datetime | None = None,
) -> None:
    """Refuse with a `Conflict` when `version` (the form's; None or "" asks nothing) is not the stored
    row's. Call with `locked` read under select_for_update, in the transaction that then saves. `current`,
    `who` and `when` are for a record whose version is not its `updated_at` (a charter's number)."""
    if not version:
        return
    stored = version_of(locked) if current is None else current
    if _same(version, stored):
        return
    if who is None:
        who = _latest_actor(locked, version) or UNKNOWN
    if when is None:
        when = getattr(locked, "updated_at", None)
    raise Conflict(locked, version=stored, who=who, when=when)


class VersionedForm(forms.Form):
    """Mix into an edit form (before ModelForm or Form). It carries the version of `record` (a ModelForm's
    instance by default) in a hidden field; the save passes `form.loaded_version` to `check_version`."""

    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, record: models.Model | None = None, version: str | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if record is None and instance is not None and instance.pk:
            record = instance
        self.record = record
        self.fields[VERSION_FIELD].initial = version if version is not None else version_of(record)

    def clean(self) -> dict[str, Any]:
        # Kept apart from the cleaned data, which views hand to services field by field.
        if self._edits_record() and self.add_prefix(VERSION_FIELD) not in self.data:
            carry_version(self, self.fields[VERSION_FIELD].initial)
            raise ValidationError(NO_VERSION, code="no_version")
        cleaned = super().clean() or self.cleaned_data
        self._loaded_version = cleaned.pop(VERSION_FIELD, None) or None
        return cleaned

    def _edits_record(self) -> bool:
        return self.record is not None and self.record.pk is not None and bool(self.fields[VERSION_FIELD].initial)

    @property
    def loaded_version(self) -> str | None:
        """The version the form was loaded from, once cleaned (None before, or when it carried none)."""
        return getattr(self, "_loaded_version", None)


def save_form(form: forms.ModelForm[Any], *, commit: bool = True) -> Any:
    """Save an edit ModelForm with no service of its own: check the version under the row's lock, then save
    (`commit=False` returns the unsaved object: call inside your own `transaction.atomic()`)."""
    with transaction.atomic():
        if form.instance.pk and isinstance(form, VersionedForm):
            check_version(lock(form.instance), form.loaded_version)
        return form.save(commit=commit)


# Showing a conflict ------------------------------------------------------------------------------


@dataclass
class Difference:
    label: str
    theirs: str
    yours: str


def _model_field(record: models.Model, name: str) -> models.Field[Any, Any] | None:
    try:
        field = record._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _in_words(value: Any, model_field: models.Field[Any, Any] | None = None) -> str:
    if isinstance(value, models.Manager):
        value = value.all()
    if value is None or value == "":
        return "—"
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, (models.QuerySet, list, tuple, set)):
        return ", ".join(sorted(_in_words(item, model_field) for item in value)) or "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        return dateformat.format(timezone.localtime(value) if timezone.is_aware(value) else value, "j M Y, H:i")
    if isinstance(value, datetime.date):
        return dateformat.format(value, "j M Y")
    if isinstance(value, (Decimal, float)):
        return floatformat(value, -2)
    if model_field is not None and model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


def differences(form: forms.BaseForm, record: models.Model) -> list[Difference]:
    """The form's fields whose stored value (in `record`) differs from what was typed, in words."""
    typed = getattr(form, "cleaned_data", None) or {}
    rows = []
    for name, field in form.fields.items():
        if name == VERSION_FIELD or name not in typed or not hasattr(record, name):
            continue
        if isinstance(field, forms.FileField):  # a file is not typed again: nothing to compare
            continue
        model_field = _model_field(record, name)
        theirs, yours = _in_words(getattr(record, name), model_field), _in_words(typed[name], model_field)
        if theirs != yours:
            rows.append(Difference(str(field.label or name.replace("_", " ").capitalize()), theirs, yours))
    return rows


def show_conflict(form: forms.BaseForm, conflict: Conflict) -> None:
    """Put a conflict on the form (read by includes/form_errors.html): the message, the differences, and the
    stored version in the hidden field, so that saving again is a deliberate overwrite. What the user typed
    stays in the form."""
    form.conflict = conflict  # type: ignore[attr-defined]  # our own attribute, read by the template
    form.conflict_rows = differences(form, conflict.record)  # type: ignore[attr-defined]
    carry_version(form, conflict.version)


def carry_version(form: forms.BaseForm, version: str) -> None:
    """Put `version` in a bound form's hidden version field (the rest of what was sent stays)."""
    data = form.data.copy() if isinstance(form.data, QueryDict) else dict(form.data)
    data[form.add_prefix(VERSION_FIELD)] = version
    form.data = data
