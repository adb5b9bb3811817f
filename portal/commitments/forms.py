"""The business's forms for its commitments: a delivery, and a proposed change."""

from __future__ import annotations

from django import forms
from django.template.defaultfilters import floatformat
from django.utils.dateformat import format as format_date

from partnerships.forms import DateInput
from partnerships.forms import DeliveryForm as StaffDeliveryForm
from partnerships.models import Commitment


class DeliveryForm(StaffDeliveryForm):
    def __init__(self, *args, commitment: Commitment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].label = f"How much ({commitment.unit})"
        self.fields["date"].label = "When"
        self.fields["date"].help_text = "Today or earlier: a delivery is recorded once it has happened."
        self.fields["note"].label = "Note (optional)"
        self.fields["note"].help_text = "e.g. “Two mentors at the robotics club”."


class ChangeForm(forms.Form):
    """What should change; a field left empty stays as it is. The service decides the rest."""

    description = forms.CharField(label="New description", max_length=300, required=False)
    amount = forms.DecimalField(label="New amount", max_digits=12, decimal_places=2, min_value=0.01, required=False)
    period_end = forms.DateField(label="New end of the period", widget=DateInput(), required=False)
    reason = forms.CharField(
        label="Why the change",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The district reads this before it approves or declines.",
    )

    def __init__(self, *args, commitment: Commitment, **kwargs):
        super().__init__(*args, **kwargs)
        keep = "Leave empty to keep it."
        self.fields["description"].help_text = f"Now: “{commitment.description}”. {keep}"
        self.fields["amount"].label = f"New amount ({commitment.unit})"
        self.fields["amount"].help_text = f"Now: {floatformat(commitment.amount, -2)} {commitment.unit}. {keep}"
        end = format_date(commitment.period_end, "j M Y") if commitment.period_end else "no end date"
        self.fields["period_end"].help_text = f"Now: {end}. {keep}"
