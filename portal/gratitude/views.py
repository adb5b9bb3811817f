"""Thanks to the business: students' approved thank-you notes, the stories the district wrote about its
partnerships (approved or published), and its consent to being thanked in public, which an administrator
may change."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from communications.digest.selectors import consenting_students
from communications.models import SuccessStory, ThankYouNote
from communications.stories.uploads import read_head, sniff_image
from core.pages import GET_POST, paginate, posted
from partnerships.services import organization_update
from portal import pages, scope
from portal.access import Ability, needs

SHOWN_STORIES = (SuccessStory.Status.APPROVED, SuccessStory.Status.PUBLISHED)


@needs(Ability.THANKS)
def thanks(request):
    """Approved thank-you notes to this organization's partnerships, newest first. A note shows its words,
    how the student signed it and the partnership's school: nothing else about the student."""
    notes = (
        ThankYouNote.objects.filter(partnership__business=request.organization, status=ThankYouNote.Status.APPROVED)
        .select_related("partnership__school")
        .order_by("-reviewed_at", "-pk")
    )
    return render(request, "portal/thanks.html", {"page": paginate(request, notes), "title": "Notes from students"})


@dataclass(frozen=True)
class StoryRow:
    """A story as partners read it: students only by the name a partner may see, only with media consent."""

    pk: int
    title: str
    body: str
    school: str
    status: str
    publish_on: datetime.date | None
    has_photo: bool
    photo_alt: str
    students: tuple[str, ...]


def _stories(request):
    return SuccessStory.objects.filter(partnership__in=scope.partnerships(request), status__in=SHOWN_STORIES)


@needs(Ability.THANKS)
def stories(request):
    """Stories about the organization's partnerships, the published ones first, newest first. Students are
    named as the newsletter names them: preferred first name and last initial, and only while they have
    media consent (the same text is public once published, so no disclosure is recorded)."""
    found = (
        _stories(request)
        .select_related("partnership__school")
        .prefetch_related(consenting_students())
        .order_by("-status", "-publish_on", "-approved_at", "-pk")
    )
    page = paginate(request, found)
    rows = [
        StoryRow(
            pk=story.pk,
            title=story.title,
            body=story.body,
            school=story.partnership.school.name,
            status=story.status,
            publish_on=story.publish_on,
            has_photo=bool(story.photo),
            photo_alt=story.photo_alt,
            students=tuple(student.partner_name for student in story.consenting_students),
        )
        for story in page.object_list
    ]
    return render(request, "portal/gratitude/stories.html", {"title": "Stories", "page": page, "rows": rows})


@needs(Ability.THANKS)
@require_GET
def story_photo(request, pk):
    """A story's photo, as the image it is: never HTML, never sniffed into something else."""
    story = get_object_or_404(_stories(request), pk=pk)
    if not story.photo:
        raise Http404("This story has no photo.")
    try:
        handle = story.photo.open("rb")
    except FileNotFoundError as error:
        raise Http404("The photo file is missing.") from error
    content_type = sniff_image(read_head(handle))
    if content_type is None:  # not an image after all: not shown
        handle.close()
        raise Http404("This story has no photo to show.")
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@needs(Ability.THANKS)
def recognition(request):
    """Whether the organization agreed to be thanked in public, and (for an administrator) how to change it."""
    return render(request, "portal/gratitude/recognition.html", {"title": "Public thanks"})


class RecognitionForm(forms.Form):
    agree = forms.TypedChoiceField(
        choices=[("yes", "Yes"), ("no", "No")], coerce=lambda value: value == "yes", widget=forms.HiddenInput
    )


@needs(Ability.RECOGNITION)
@GET_POST
def recognition_change(request):
    """Confirm, then give or withdraw the organization's consent to public thanks (partnerships.services)."""
    organization = request.organization
    agree = not organization.public_recognition
    form = RecognitionForm(posted(request), initial={"agree": "yes" if agree else "no"})
    back = reverse("portal:recognition")
    errors = []
    if request.method == "POST" and form.is_valid():
        agree = form.cleaned_data["agree"]
        try:
            organization_update(organization=organization, by=request.user, public_recognition=agree)
        except ValidationError as error:
            errors = error.messages
        else:
            if agree:
                messages.success(request, f"Thank you: the district may now thank {organization.name} in public.")
            else:
                messages.success(request, f"The district will no longer name {organization.name} in public.")
            return redirect(back)
    if agree:
        title = "Agree to be thanked in public?"
        message = (
            f"The district may name {organization.name} when it thanks its partners: in its newsletter, on its "
            "website and on social media. Students are named only with their family's consent."
        )
        submit = "Yes, thank us in public"
    else:
        title = "Stop public thanks?"
        message = (
            f"The district will no longer name {organization.name} in its newsletter, on its website or on social "
            "media from now on. What was already published stays published."
        )
        submit = "Stop public thanks"
    return pages.confirm_page(
        request,
        title=title,
        message=message,
        submit=submit,
        cancel_url=back,
        form=form,
        errors=errors,
        danger=not agree,
        breadcrumbs=[("Notes from students", reverse("portal:thanks")), ("Public thanks", back)],
    )
