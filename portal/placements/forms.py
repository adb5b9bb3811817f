"""The hours a mentor chose in the list, carried through the confirmation step, and the reason to send them
back. Which hours may be chosen is the placement's (a foreign id is not a choice); whether they may still be
confirmed or sent back is the service's to decide."""

from __future__ import annotations

from django import forms

from students.models import HoursEntry


class ChosenHoursForm(forms.Form):
    entries = forms.ModelMultipleChoiceField(
        queryset=HoursEntry.objects.none(),
        widget=forms.MultipleHiddenInput,
        error_messages={"required": "Choose the hours first: tick them in the list."},
    )

    def __init__(self, *args, entries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = entries

    def names_other_hours(self) -> bool:
        """Whether an id was posted that is not one of this placement's hours (someone else's, or made up)."""
        return self.has_error("entries", "invalid_choice") or self.has_error("entries", "invalid_pk_value")


class SendBackForm(ChosenHoursForm):
    reason = forms.CharField(
        label="What is not right",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The school's coordinator reads this, corrects the hours and sends them back to you.",
    )
