"""The impact report's period: from and to (both included), the current school year unless chosen."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone

from partnerships.forms import DateInput

SCHOOL_YEAR_STARTS = (8, 1)  # 1 August; the year ends on 31 July
LONGEST = datetime.timedelta(days=366 * 5)


def school_year(on: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The school year `on` falls in (today by default): 1 August to 31 July."""
    on = on or timezone.localdate()
    month, day = SCHOOL_YEAR_STARTS
    first_year = on.year if (on.month, on.day) >= (month, day) else on.year - 1
    start = datetime.date(first_year, month, day)
    return start, datetime.date(first_year + 1, month, day) - datetime.timedelta(days=1)


class _DateField(forms.DateField):
    """A date whose error repeats what was typed, which a date picker may not be able to show."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            raise forms.ValidationError(
                f"“{str(value)[:40]}” is not a date: {self.error_messages['invalid']}", code="invalid"
            ) from None


# The years a report can cover: nothing in the district is older, and the end's next day must exist.
EARLIEST, LATEST = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)


class PeriodForm(forms.Form):
    """From and to, as the report's GET parameters. Unbound or empty, it means the current school year."""

    start = _DateField(label="From", widget=DateInput(), error_messages={"invalid": "enter a date, e.g. 2026-08-01."})
    end = _DateField(label="To", widget=DateInput(), error_messages={"invalid": "enter a date, e.g. 2027-07-31."})

    def __init__(self, data=None, **kwargs):
        start, end = school_year()
        if data is not None and not (data.get("start") or data.get("end")):
            data = None  # nothing chosen: the school year
        super().__init__(data, initial={"start": start, "end": end}, **kwargs)
        for name in ("start", "end"):
            self.fields[name].widget.attrs["class"] = "form-control"
            self.fields[name].error_messages["required"] = (
                f"Enter the date the report {'starts' if name == 'start' else 'ends'} on."
            )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        for name, day in (("start", start), ("end", end)):
            if day and not EARLIEST <= day <= LATEST:
                self.add_error(name, f"Choose a date from {EARLIEST.year} to {LATEST.year}.")
                return data
        if start and end:
            if end < start:
                self.add_error(
                    "end", "The period ends before it starts: choose a “To” date on or after the “From” date."
                )
            elif end - start > LONGEST:
                self.add_error("end", "Choose a period of at most five years.")
        return data

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["class"] = "form-control is-invalid"

    def period(self) -> tuple[datetime.date, datetime.date] | None:
        """The chosen period, the school year when none was chosen, or None when the dates are wrong."""
        if not self.is_bound:
            return self.initial["start"], self.initial["end"]
        if self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return None
