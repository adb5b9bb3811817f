"""Forms for thank-you notes. They check input; the rules live in communications.thanks."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from communications.models import ThankYouNote
from communications.thanks.selectors import invitable_students
from communications.thanks.services import BODY_LIMIT, SIGNED_AS_LIMIT
from core.choosers import model_choice
from partnerships.forms import DateInput
from partnerships.models import Partnership
from students.models import Placement, Student

STATUS_TABS = [
    (ThankYouNote.Status.SUBMITTED, "Waiting for approval"),
    (ThankYouNote.Status.PROMPTED, "Waiting for a student"),
    (ThankYouNote.Status.APPROVED, "Approved"),
    (ThankYouNote.Status.REJECTED, "Rejected"),
]


def _body_field(**kwargs) -> forms.CharField:
    return forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": BODY_LIMIT, "data-count": BODY_LIMIT}),
        max_length=BODY_LIMIT,
        **kwargs,
    )


class PlacementField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        dates = f"{obj.start_date:%-d %b %Y} to {obj.end_date:%-d %b %Y}"
        return f"{obj.student.full_name} — {obj.get_kind_display()}, {dates}"


class ThanksStartForm(forms.Form):
    milestone = forms.ChoiceField(label="What is the note for?", choices=ThankYouNote.Milestone.choices)
    milestone_on = forms.DateField(
        label="When was it reached?", widget=DateInput(), initial=timezone.localdate, help_text="Today or earlier."
    )
    placement = PlacementField(
        queryset=Placement.objects.none(),
        required=False,
        empty_label="No particular placement",
        help_text="If the milestone is one student's placement, that student is asked to write the note.",
    )

    def __init__(self, *args, partnership: Partnership, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self, "placement").queryset = (
            Placement.objects.filter(partnership=partnership)
            .not_cancelled()
            .select_related("student")
            .order_by("student__last_name", "student__legal_first_name", "-start_date")
        )


class StudentField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name}, grade {obj.grade}"


class ThanksInviteForm(forms.Form):
    student = StudentField(
        queryset=Student.objects.none(),
        empty_label="Choose a student",
        label="Who writes the note?",
        help_text="Students with a placement in this partnership. They get a link that works for 30 days.",
    )

    def __init__(self, *args, note: ThankYouNote, **kwargs):
        super().__init__(*args, **kwargs)
        model_choice(self, "student").queryset = invitable_students(note.partnership)
        self.fields["student"].widget.attrs["class"] = "form-select"


class ThanksWriteForm(forms.Form):
    """The student's form on the signed-link page."""

    body = _body_field(label="Your note", help_text=f"A few sentences are plenty. At most {BODY_LIMIT:,} characters.")
    signed_as = forms.CharField(
        label="Sign as",
        max_length=SIGNED_AS_LIMIT,
        required=False,
        help_text="How your name appears under the note. Your first name and last initial is a good choice.",
    )


class ThanksApproveForm(forms.Form):
    body = _body_field(
        label="The note as the partner will read it",
        help_text="Correct spelling or remove anything private. The student's own words are kept on record.",
    )
    confirm = forms.CharField(widget=forms.HiddenInput, required=False, initial="yes")


class ThanksRejectForm(forms.Form):
    reason = forms.CharField(
        label="Why is it not sent?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="For the record: the partner never sees this note or the reason.",
    )


class ThanksStatusForm(forms.Form):
    """The status tab of the list, checked rather than trusted."""

    status = forms.ChoiceField(choices=STATUS_TABS, required=False)

    def status_or_default(self) -> str:
        if self.is_valid() and self.cleaned_data["status"]:
            return self.cleaned_data["status"]
        return ThankYouNote.Status.SUBMITTED
