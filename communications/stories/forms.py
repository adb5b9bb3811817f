"""The story form and the story list's filters."""

from __future__ import annotations

import django_filters
from django import forms

from communications.models import SuccessStory
from core.choosers import model_choice
from core.concurrency import VersionedForm
from core.filters import BootstrapFilterSet, clean_text
from partnerships.forms import DateInput
from partnerships.models import Partnership
from students.models import Student


class StudentsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} — grade {obj.grade}"


class SuccessStoryForm(VersionedForm, forms.Form):
    """A story of one partnership (chosen on the page before): its students with media consent to name."""

    title = forms.CharField(max_length=200)
    body = forms.CharField(label="Story", max_length=20000, widget=forms.Textarea(attrs={"rows": 8}))
    students = StudentsField(
        queryset=Student.objects.none(),
        required=False,
        help_text="Students placed with this partnership who have media consent.",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    photo = forms.FileField(
        required=False,
        help_text="Optional. A JPEG, PNG or WebP picture of at most 5 MB.",
        widget=forms.FileInput(attrs={"accept": ".jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp"}),
    )
    remove_photo = forms.BooleanField(label="Remove the current photo", required=False)
    photo_alt = forms.CharField(
        label="Photo description",
        max_length=300,
        required=False,
        help_text="Required with a photo: what it shows, for people who cannot see it.",
    )
    channel_newsletter = forms.BooleanField(label="Newsletter", required=False)
    channel_social = forms.BooleanField(label="Social media", required=False)
    channel_website = forms.BooleanField(label="Website", required=False)
    publish_on = forms.DateField(label="Publish on", required=False, widget=DateInput())

    def __init__(self, *args, partnership: Partnership, story: SuccessStory | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        # The partnership's own students, so the choice stays short however large the district.
        students = Student.objects.filter(media_consent=True, placements__partnership=partnership)
        if story is not None:
            # Students already in the story stay choosable, so a withdrawn consent gets the service's message.
            students = students | Student.objects.filter(stories=story)
        model_choice(self, "students").queryset = students.distinct().order_by("last_name", "legal_first_name")
        if not students.exists():
            self.fields[
                "students"
            ].help_text = "No student placed with this partnership has media consent, so the story names none."
        if story is None or not story.photo:
            del self.fields["remove_photo"]

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data, partnership=self.partnership)
        data.setdefault("remove_photo", False)
        return data


class StoryFilter(BootstrapFilterSet):
    q = django_filters.CharFilter(label="Search", method="search", max_length=100, help_text="Words in the title")
    status = django_filters.ChoiceFilter(choices=SuccessStory.Status.choices, empty_label="Any status")

    class Meta:
        model = SuccessStory
        fields = ["q", "status"]

    def search(self, queryset, name, value):
        for word in clean_text(value).split()[:4]:
            queryset = queryset.filter(title__icontains=word)
        return queryset
