"""Forms for students, placements, learning goals, evaluations and hours. Rules live in services."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.roles import COORDINATOR_GROUP
from core.choosers import model_choice
from core.concurrency import VersionedForm
from core.suggest import SuggestChoiceField
from partnerships.choosers import BUSINESS_PEOPLE, OPEN_PARTNERSHIPS
from partnerships.forms import DateInput
from partnerships.models import Contact, Goal, Organization, Partnership
from students.choosers import STUDENTS
from students.models import Evaluation, LearningGoal, Placement, Student
from students.services import STUDENT_FIELDS


class StudentForm(VersionedForm, forms.ModelForm):
    class Meta:
        model = Student
        fields = list(STUDENT_FIELDS)  # what students.services.student_update may change
        widgets = {
            "date_of_birth": DateInput(),
            "guardian_consent_on": DateInput(),
            "media_consent_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self, "school").queryset = Organization.objects.filter(kind=Organization.Kind.SCHOOL)

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        if data.get("media_consent") and not data.get("media_consent_on"):
            self.add_error("media_consent_on", "Give the date media consent was given.")
        for name in ("guardian_consent_on", "media_consent_on"):
            if data.get(name) and data[name] > today:
                self.add_error(name, "A consent date cannot be in the future.")
        born = data.get("date_of_birth")
        if born:
            age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
            if not 8 <= age <= 25:
                self.add_error("date_of_birth", "Check the date of birth: students here are 8 to 25 years old.")
        return data


class PlacementForm(VersionedForm, forms.ModelForm):
    student = SuggestChoiceField(STUDENTS)
    partnership = SuggestChoiceField(OPEN_PARTNERSHIPS)
    mentor = SuggestChoiceField(
        BUSINESS_PEOPLE, required=False, help_text="Someone at the business: type their name. Needed before it starts."
    )

    class Meta:
        model = Placement
        fields = [
            "student",
            "partnership",
            "kind",
            "mentor",
            "other_staff",
            "supervisor",
            "site_address",
            "start_date",
            "end_date",
            "days",
            "hours_per_week",
            "check_in_every_days",
            "notes",
        ]
        widgets = {"start_date": DateInput(), "end_date": DateInput(), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self, "student").queryset = Student.objects.active().select_related("school")
        model_choice(self, "partnership").queryset = Partnership.objects.open().select_related("school", "business")
        model_choice(self, "mentor").queryset = (
            Contact.objects.active()
            .filter(organization__kind=Organization.Kind.BUSINESS)
            .select_related("organization")
        )
        # Only the partnership's business's people: the district's every business person would be thousands.
        business = self._business()
        people = model_choice(self, "mentor").queryset
        model_choice(self, "other_staff").queryset = (
            people.filter(organization=business) if business is not None else people.none()
        )
        self.fields["other_staff"].help_text = (
            "Others at the business with the student (Ctrl-click to pick several)."
            if business is not None
            else "Others at the business with the student: once the partnership is chosen, its people are offered "
            "here (send the form, or edit the placement later)."
        )
        model_choice(self, "supervisor").queryset = get_user_model().objects.filter(
            groups__name=COORDINATOR_GROUP, is_active=True
        )
        if self.instance.pk:
            # Who and where are fixed once a placement exists; cancel and propose again to change them.
            for name in ("student", "partnership"):
                self.fields[name].disabled = True

    def _business(self) -> Organization | None:
        """The business of the placement's partnership, as far as it is known yet (None: not chosen)."""
        if self.instance.pk:
            return self.instance.partnership.business
        field = self.fields["partnership"]
        value = self.data.get("partnership") if self.is_bound else self.initial.get("partnership")
        try:
            partnership = field.to_python(value) if value else None
        except ValidationError:
            return None
        return partnership.business if partnership is not None else None

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The placement ends before it starts.")
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), help_text="Kept on the student's record.")


class _GoalChoicesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Goal) -> str:
        return f"{obj.get_owner_display()}: {obj.description}"


class LearningGoalForm(VersionedForm, forms.Form):
    text = forms.CharField(label="What the student will learn", widget=forms.Textarea(attrs={"rows": 3}))
    skill = forms.CharField(
        label="Skill or competency", max_length=100, help_text="e.g. Teamwork, CAD, Customer service"
    )
    target_level = forms.TypedChoiceField(choices=LearningGoal.LEVELS, coerce=int, initial=3)
    serves = _GoalChoicesField(
        queryset=Goal.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Goals it serves",
        help_text="The partnership's and the company's goals this learning goal helps meet.",
    )

    def __init__(self, *args, placement: Placement, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self, "serves").queryset = Goal.objects.filter(partnership=placement.partnership)


class EvaluationForm(forms.Form):
    """A 1–4 score and a comment for each learning goal, then overall comments."""

    def __init__(self, *args, goals, with_name: bool = False, with_phase: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        if with_phase:
            self.fields["phase"] = forms.ChoiceField(choices=Evaluation.Phase.choices)
        if with_name:
            self.fields["evaluator_name"] = forms.CharField(label="Your name", max_length=200)
        for goal in self.goals:
            self.fields[f"score_{goal.pk}"] = forms.TypedChoiceField(
                label=goal.text,
                choices=LearningGoal.LEVELS,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )
            self.fields[f"comment_{goal.pk}"] = forms.CharField(
                label="Comment (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
        self.fields["overall_comments"] = forms.CharField(
            label="Overall comments", required=False, widget=forms.Textarea(attrs={"rows": 4})
        )

    def scores(self) -> dict[int, tuple[int, str]]:
        return {g.pk: (self.cleaned_data[f"score_{g.pk}"], self.cleaned_data[f"comment_{g.pk}"]) for g in self.goals}

    def goal_fields(self):
        """(goal, score field, comment field) triples, for the template."""
        return [(g, self[f"score_{g.pk}"], self[f"comment_{g.pk}"]) for g in self.goals]


class EvaluationLinkForm(forms.Form):
    evaluator = forms.ChoiceField(
        label="Who evaluates",
        choices=[
            (Evaluation.Evaluator.MENTOR, "The mentor (sent by email)"),
            (Evaluation.Evaluator.STUDENT, "The student (you pass the link on)"),
        ],
    )
    phase = forms.ChoiceField(choices=Evaluation.Phase.choices)


class HoursForm(VersionedForm, forms.Form):
    date = forms.DateField(widget=DateInput(), initial=timezone.localdate)
    hours = forms.DecimalField(max_digits=4, decimal_places=2, min_value=0.25, max_value=24)
    activity = forms.CharField(max_length=300)


class VerifyHoursForm(forms.Form):
    verified_by = forms.CharField(
        label="Confirmed by", max_length=200, help_text="The mentor or supervisor who confirmed."
    )
