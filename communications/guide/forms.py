"""The partner guide's form: four plain-text sections, edited by coordinators."""

from __future__ import annotations

from django import forms

from communications.models import PartnerGuide
from core.concurrency import VersionedForm


class PartnerGuideForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = PartnerGuide
        fields = ["handbook", "expectations", "whom_to_ask", "questions"]
        widgets = {name: forms.Textarea(attrs={"rows": 8}) for name in fields}
        help_texts = {
            "handbook": "How partnerships work, step by step. Blank lines separate paragraphs; web and email "
            "addresses become links.",
            "expectations": "What a host business and its mentors agree to do.",
            "whom_to_ask": "Who at the district answers which questions, with their email or phone. Partners "
            "also see their own school contacts.",
            "questions": "A question on one line, its answer on the lines after it, a blank line before the "
            "next question.",
        }
