from __future__ import annotations

from django import forms

from core.filters import clean_text


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search",
        max_length=100,
        required=False,
        help_text="Names of partnerships, organizations, contacts and students, or a student ID.",
    )

    def clean_q(self) -> str:
        return clean_text(self.cleaned_data["q"])
