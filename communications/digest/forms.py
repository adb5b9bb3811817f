"""The digest's period."""

from __future__ import annotations

from django import forms

from partnerships.forms import DateInput


class DigestForm(forms.Form):
    start = forms.DateField(label="From", widget=DateInput())
    end = forms.DateField(label="To", widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "Choose an end date on or after the start date.")
        if start and end and (end - start).days > 366:
            self.add_error("end", "Choose a period of at most a year.")
        return cleaned
