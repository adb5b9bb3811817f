"""A partner's message to the district: about which partnership, a subject line, the message."""

from __future__ import annotations

from django import forms

from communications.log.services import MESSAGE_MAX, SUBJECT_MAX
from core.choosers import model_choice
from partnerships.models import Partnership


class PartnershipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Partnership) -> str:
        return f"{obj.school.name} ({obj.name})"


class MessageForm(forms.Form):
    partnership = PartnershipChoiceField(
        label="About your partnership with",
        queryset=Partnership.objects.none(),
        empty_label="Choose a school",
        help_text="The school's contact for this partnership reads your message.",
    )
    subject = forms.CharField(
        max_length=SUBJECT_MAX, required=False, help_text="Optional, e.g. “Dates for the spring visit”."
    )
    message = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MESSAGE_MAX,
        help_text="An update or a question. Use a student's first name only: this is kept in the school's log.",
    )

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        field = model_choice(self, "partnership")
        field.queryset = partnerships.select_related("school").order_by("school__name", "name")
        field.widget.attrs["class"] = "form-select"
        if len(field.queryset) == 1:
            field.initial = field.queryset[0].pk
            field.empty_label = None
