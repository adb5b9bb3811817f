"""The portal's safety forms: acknowledging protocols, asking for a background check, reporting a concern."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet

from partnerships.models import Contact, Organization
from safety.models import SafetyConcern, SafetyProtocol


class ProtocolsAcknowledgeForm(forms.Form):
    """The protocols shown (hidden inputs the page writes, so only what was read is acknowledged) and one box to
    agree."""

    protocols = forms.ModelMultipleChoiceField(
        queryset=SafetyProtocol.objects.none(),
        widget=forms.MultipleHiddenInput,
        error_messages={
            "required": "There was nothing to acknowledge on the page you sent.",
            "invalid_choice": "The protocols changed while you were reading them: read the current ones below.",
            "invalid_pk_value": "The protocols changed while you were reading them: read the current ones below.",
        },
    )
    confirm = forms.BooleanField(
        error_messages={"required": "Tick the box to say you have read these protocols and will follow them."}
    )

    def __init__(self, *args: Any, protocols: QuerySet[SafetyProtocol], organization: Organization, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["protocols"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = protocols
        self.fields["confirm"].label = (
            f"I have read these protocols, and everyone at {organization.name} who works with students "
            "will follow them."
        )


class CheckRequestForm(forms.Form):
    contact = forms.ModelChoiceField(
        queryset=Contact.objects.none(),
        required=False,
        label="Who needs the check",
        empty_label="Someone new (fill in below)",
    )
    first_name = forms.CharField(max_length=100, required=False, label="First name (someone new)")
    last_name = forms.CharField(max_length=100, required=False, label="Last name (someone new)")
    email = forms.EmailField(
        required=False,
        label="Email (someone new)",
        help_text="The provider who runs the check writes to them here.",
    )

    def __init__(self, *args: Any, staff: QuerySet[Contact], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["contact"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = staff

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("contact") is not None and any(data.get(name) for name in ("first_name", "last_name", "email")):
            raise forms.ValidationError(
                "Choose someone from your staff, or fill in a new person's name and email: not both."
            )
        return data


class ConcernForm(forms.Form):
    placement = forms.TypedChoiceField(coerce=int, label="Which student is it about", choices=())
    severity = forms.ChoiceField(
        choices=SafetyConcern.Severity.choices,
        widget=forms.RadioSelect,
        label="How serious is it",
        help_text="High: the student may not be safe. The district's safety lead is told at once, whatever you choose.",
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="What happened",
        help_text="What you saw or heard, when and where, and who was there. Facts, not conclusions.",
    )

    def __init__(self, *args: Any, choices: Sequence[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["placement"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "Choose a student"), *choices]
