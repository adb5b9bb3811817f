"""The charter acknowledgment: one box that says what the person agrees to, for whom."""

from __future__ import annotations

from typing import Any

from django import forms

from partnerships.models import Charter, Organization


class AcknowledgeForm(forms.Form):
    confirm = forms.BooleanField(
        error_messages={"required": "Tick the box to say you have read this version and agree to it."}
    )

    def __init__(self, *args: Any, charter: Charter, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields[
            "confirm"
        ].label = f"I have read version {charter.version} of this charter and agree to it for {organization.name}."
