from __future__ import annotations

from django import forms


class VoidForm(forms.Form):
    reason = forms.CharField(
        label="Why is this record voided?",
        max_length=2000,
        error_messages={"required": "Say why this record is voided: it stays in the history."},
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept with the record, which stays in the history.",
    )
