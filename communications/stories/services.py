"""Success stories: written, approved, published; students appear only with media consent."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from communications.models import SuccessStory
from communications.stories.uploads import validate_story_photo
from core.concurrency import check_version
from core.locking import lock
from partnerships.models import Partnership
from students.models import Student

if TYPE_CHECKING:
    from accounts.models import User


def students_without_media_consent(students: Iterable[Student]) -> list[Student]:
    return [student for student in students if not student.media_consent]


def media_consent_error(students: Sequence[Student]) -> str:
    names = ", ".join(student.full_name for student in students)
    has = "has" if len(students) == 1 else "have"
    return f"{names} {has} no media consent on file: leave them out of the story or record their consent first."


def story_save(
    *,
    by: User,
    partnership: Partnership,
    title: str,
    body: str,
    students: Iterable[Student] = (),
    photo: UploadedFile | None = None,
    remove_photo: bool = False,
    photo_alt: str = "",
    channel_newsletter: bool = False,
    channel_social: bool = False,
    channel_website: bool = False,
    publish_on: datetime.date | None = None,
    story: SuccessStory | None = None,
    version: str | None = None,
) -> SuccessStory:
    """Write a new draft story (`by` is its author) or correct one (`story`). Every student named has media
    consent; a photo is a JPEG, PNG or WebP of at most 5 MB and has a description. Correcting an approved
    story sends it back to draft for a new approval; a published story is not changed. A `version`
    (core.concurrency) saved over by someone else since is refused."""
    students = list(students)
    errors: dict[str, str | list[str]] = {}
    if story is not None and story.status == SuccessStory.Status.PUBLISHED:
        raise ValidationError("This story is published: it can no longer be changed.")
    if not title.strip():
        errors["title"] = "Give the story a title."
    if not body.strip():
        errors["body"] = "Tell the story."
    refused = students_without_media_consent(students)
    if refused:
        errors["students"] = media_consent_error(refused)
    if photo is not None:
        try:
            validate_story_photo(photo)
        except ValidationError as error:
            errors["photo"] = error.messages
    keeps_photo = photo is not None or (story is not None and bool(story.photo) and not remove_photo)
    if keeps_photo and not photo_alt.strip():
        errors["photo_alt"] = "Describe the photo for people who cannot see it."
    if errors:
        raise ValidationError(errors)
    story = story or SuccessStory(created_by=by)
    old_photo = story.photo.name if story.photo else ""
    story.partnership = partnership
    story.title = title.strip()
    story.body = body.strip()
    story.photo_alt = photo_alt.strip() if keeps_photo else ""
    story.channel_newsletter = channel_newsletter
    story.channel_social = channel_social
    story.channel_website = channel_website
    story.publish_on = publish_on
    if story.status == SuccessStory.Status.APPROVED:
        story.status, story.approved_by, story.approved_at = SuccessStory.Status.DRAFT, None, None
    if photo is not None:
        story.photo.save(photo.name, photo, save=False)
    elif remove_photo:
        story.photo = ""
    story.full_clean(exclude=["photo", "students"])
    with transaction.atomic():
        if story.pk:
            check_version(lock(story), version)
        story.save()
        story.students.set(students)
    if old_photo and old_photo != (story.photo.name or ""):
        story.photo.storage.delete(old_photo)
    return story


def story_approve(*, story: SuccessStory, by: User) -> SuccessStory:
    """Approve a draft for publication, recording who approved it and when. Every student in it must
    still have media consent."""
    with transaction.atomic():
        current = lock(story)
        if current.status != SuccessStory.Status.DRAFT:
            raise ValidationError(
                f"Only a draft can be approved: this story is {current.get_status_display().lower()}."
            )
        refused = students_without_media_consent(current.students.all())
        if refused:
            raise ValidationError(media_consent_error(refused))
        current.status = SuccessStory.Status.APPROVED
        current.approved_by, current.approved_at = by, timezone.now()
        current.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    story.status, story.approved_by, story.approved_at = current.status, current.approved_by, current.approved_at
    return story


def story_publish(*, story: SuccessStory, by: User, on: datetime.date | None = None) -> SuccessStory:
    """Publish an approved story on its publish date (`on`, else the date it has, else today). It goes
    out on at least one channel, and every student in it must still have media consent."""
    with transaction.atomic():
        current = lock(story)
        if current.status != SuccessStory.Status.APPROVED:
            raise ValidationError(
                f"Only an approved story can be published: this story is {current.get_status_display().lower()}."
            )
        if not current.channels:
            raise ValidationError("Choose where the story goes (newsletter, social media or website) first.")
        refused = students_without_media_consent(current.students.all())
        if refused:
            raise ValidationError(media_consent_error(refused))
        current.status = SuccessStory.Status.PUBLISHED
        current.publish_on = on or current.publish_on or timezone.localdate()
        current.save(update_fields=["status", "publish_on", "updated_at"])
    story.status, story.publish_on = current.status, current.publish_on
    return story
