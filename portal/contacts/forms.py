"""Choosing who takes over, among the organization's other active people only."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.db.models import QuerySet

from core.choosers import model_choice
from partnerships.models import Contact, PointOfContact


class SuccessorField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.title})" if obj.title else obj.full_name


class DeactivateForm(forms.Form):
    """One successor per primary post the person holds in a live partnership. Left empty, the handoff rule
    refuses in its own words (partnerships.services.contact_deactivate), and nothing changes."""

    notes = forms.CharField(
        label="Notes for whoever takes over (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, posts: Iterable[PointOfContact], people: QuerySet[Contact], **kwargs):
        super().__init__(*args, **kwargs)
        self.posts = list(posts)
        for poc in self.posts:
            self.fields[f"successor_{poc.pk}"] = SuccessorField(
                queryset=people,
                required=False,
                label=f"Who takes over as primary contact for the partnership with {poc.partnership.school.name}?",
                empty_label="Choose someone",
            )
        self.order_fields([*(f"successor_{poc.pk}" for poc in self.posts), "notes"])

    def successors(self) -> dict[int, Contact]:
        chosen = {poc.pk: self.cleaned_data.get(f"successor_{poc.pk}") for poc in self.posts}
        return {pk: contact for pk, contact in chosen.items() if contact is not None}


class HandoffForm(forms.Form):
    successor = SuccessorField(
        queryset=Contact.objects.none(),
        label="Who takes over",
        empty_label="Choose someone",
        help_text="From today. Not listed? Add them to your contacts first.",
    )
    notes = forms.CharField(
        label="What they should know (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Open goals and commitments are passed on for you.",
    )

    def __init__(self, *args, people: QuerySet[Contact], **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self, "successor").queryset = people
