"""Forms for feedback surveys: the answer (through a signed link), a coordinator's new survey, the list's
filters. They check input; the rules live in communications.feedback."""

from __future__ import annotations

import django_filters
from django import forms

from communications.feedback.selectors import SurveyState, feedback_by_state
from communications.models import FeedbackRequest
from core.choosers import model_choice
from core.filters import BootstrapFilterSet
from core.suggest import SuggestChoiceFilter
from partnerships.choosers import PARTNERSHIPS
from partnerships.models import Contact, Partnership
from students.models import Placement

Audience = FeedbackRequest.Audience

RATING_CHOICES = [(n, str(n)) for n in range(1, 6)]
RECOMMEND_CHOICES = [(n, str(n)) for n in range(0, 11)]

# The questions, worded for who answers. The numbers mean the same for everyone.
QUESTIONS: dict[str, dict[str, str]] = {
    Audience.PARTNER: {
        "communication": "How well did the school keep in touch with you?",
        "organization": "How well organized was the partnership?",
        "value": "How worthwhile was the partnership for your business?",
        "would_recommend": "How likely are you to recommend partnering with the school to another business?",
    },
    Audience.MENTOR: {
        "communication": "How well did the school keep in touch with you?",
        "organization": "How well organized was the placement?",
        "value": "How worthwhile was mentoring for you and your team?",
        "would_recommend": "How likely are you to recommend mentoring a student to a colleague?",
    },
    Audience.STUDENT: {
        "communication": "How well did the school keep in touch with you during the placement?",
        "organization": "How well organized was the placement?",
        "value": "How worthwhile was the placement for you?",
        "would_recommend": "How likely are you to recommend this placement to another student?",
    },
}


class FeedbackForm(forms.Form):
    """The survey: three 1–5 ratings, a 0–10 "would you recommend", comments."""

    communication = forms.TypedChoiceField(
        choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect, help_text="1 = poor, 5 = excellent"
    )
    organization = forms.TypedChoiceField(
        choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect, help_text="1 = poor, 5 = excellent"
    )
    value = forms.TypedChoiceField(
        choices=RATING_CHOICES, coerce=int, widget=forms.RadioSelect, help_text="1 = not at all, 5 = very"
    )
    would_recommend = forms.TypedChoiceField(
        choices=RECOMMEND_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        help_text="0 = not at all likely, 10 = extremely likely",
    )
    comments = forms.CharField(
        label="Anything else you would like to tell us?",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Optional. What went well, and what should we do differently?",
    )

    MESSAGES = {
        "communication": "Choose a rating from 1 to 5.",
        "organization": "Choose a rating from 1 to 5.",
        "value": "Choose a rating from 1 to 5.",
        "would_recommend": "Choose a number from 0 to 10.",
    }

    def __init__(self, *args, audience: str, **kwargs):
        super().__init__(*args, **kwargs)
        for name, question in QUESTIONS[audience].items():
            self.fields[name].label = question
        for name, message in self.MESSAGES.items():
            self.fields[name].error_messages.update(required=message, invalid_choice=message)

    def rating_fields(self):
        return [self[name] for name in ("communication", "organization", "value", "would_recommend")]


class _ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Contact) -> str:
        return f"{obj.full_name}{f' ({obj.email})' if obj.email else ''}"


class _PlacementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Placement) -> str:
        return _placement_label(obj)


class FeedbackCreateForm(forms.Form):
    """A new survey for one partnership: who answers, on which occasion, about what."""

    audience = forms.ChoiceField(label="Who should answer?", choices=Audience.choices, widget=forms.RadioSelect)
    occasion = forms.ChoiceField(choices=FeedbackRequest.Occasion.choices)
    contact = _ContactChoiceField(
        label="Partner contact",
        queryset=Contact.objects.none(),
        required=False,
        empty_label="Choose a person",
        help_text="For a partner survey: who at the business answers.",
    )
    period = forms.CharField(
        label="Term",
        max_length=60,
        required=False,
        help_text="For a partner survey: the term it is about, e.g. “Fall 2026”.",
    )
    placement = _PlacementChoiceField(
        queryset=Placement.objects.none(),
        required=False,
        empty_label="Choose a placement",
        help_text="For a mentor or student survey. The mentor's survey goes to the placement's mentor.",
    )
    recipient_email = forms.EmailField(
        label="Email the student at",
        required=False,
        help_text="Optional, for a student survey. Leave it empty to hand the link to the student yourself.",
    )

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self, "contact").queryset = Contact.objects.active().filter(organization=partnership.business_id)
        model_choice(self, "placement").queryset = (
            Placement.objects.started()
            .filter(partnership=partnership)
            .select_related("student", "mentor")
            .order_by("-start_date", "pk")
        )
        for name in ("occasion", "contact", "placement"):
            self.fields[name].widget.attrs["class"] = "form-select"

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        if data["audience"] != Audience.STUDENT:
            data["recipient_email"] = ""
        return data


def _placement_label(placement: Placement) -> str:
    mentor = f", mentor {placement.mentor.full_name}" if placement.mentor else ", no mentor named"
    return (
        f"{placement.student.full_name}: {placement.get_kind_display()} "
        f"{placement.start_date:%-d %b %Y} to {placement.end_date:%-d %b %Y}{mentor}"
    )


class FeedbackFilter(BootstrapFilterSet):
    partnership = SuggestChoiceFilter(chooser=PARTNERSHIPS, label="Partnership")
    audience = django_filters.ChoiceFilter(choices=Audience.choices, empty_label="Anyone", label="Who answers")
    state = django_filters.ChoiceFilter(
        choices=SurveyState.choices, method="by_state", empty_label="Any status", label="Status"
    )

    class Meta:
        model = FeedbackRequest
        fields = ["partnership", "audience", "state"]

    def by_state(self, queryset, name, value):
        return feedback_by_state(queryset, value)
