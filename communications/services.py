"""Writes to the communications log (each keeps the partnership's "last contacted" current) and to
success stories (draft → approved → published, students only with media consent)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from communications.models import LogEntry, SuccessStory
from communications.uploads import validate_story_photo
from core.locking import lock
from core.voiding import services as voiding
from partnerships.models import Contact, Organization, Partnership


def people_of(partnership: Partnership):
    """Contacts who may take part in a partnership's conversations: both sides' people and the district's."""
    return Contact.objects.filter(
        Q(organization_id__in=[partnership.school_id, partnership.business_id])
        | Q(organization__kind=Organization.Kind.DISTRICT)
    )


def last_contacted_refresh(*, partnership: Partnership) -> datetime.datetime | None:
    """Set `partnership.last_contacted_at` to its latest live entry's time (None when there is none)."""
    latest = LogEntry.objects.live().filter(partnership=partnership).aggregate(at=Max("occurred_at"))["at"]
    Partnership.objects.filter(pk=partnership.pk).update(last_contacted_at=latest)
    partnership.last_contacted_at = latest
    return latest


def log_entry_save(
    *,
    partnership: Partnership,
    by,
    occurred_at: datetime.datetime,
    channel: str,
    direction: str,
    summary: str,
    contacts=(),
    users=(),
    follow_up_on: datetime.date | None = None,
    follow_up_done: bool = False,
    entry: LogEntry | None = None,
) -> LogEntry:
    """Log a contact with a partnership, or correct an entry (`entry`). The contact has happened, its
    people belong to the partnership (either side or the district) and it says what was said.
    `by` is recorded as the one who logged a new entry."""
    contacts, users = list(contacts), list(users)
    errors = {}
    if occurred_at > timezone.now():
        errors["occurred_at"] = "Log a contact once it has happened: choose a time that has passed."
    if not summary.strip():
        errors["summary"] = "Say what was discussed."
    allowed = set(people_of(partnership).filter(pk__in=[c.pk for c in contacts]).values_list("pk", flat=True))
    if any(contact.pk not in allowed for contact in contacts):
        errors["contacts"] = f"Choose people at {partnership.school.name}, {partnership.business.name} or the district."
    if entry is not None and entry.is_voided:
        raise ValidationError("This entry was voided: log a new one instead.")
    if entry is not None and entry.partnership_id != partnership.pk:
        errors["partnership"] = "An entry stays with its partnership: void it and log a new one."
    if errors:
        raise ValidationError(errors)
    entry = entry or LogEntry(logged_by=by)
    entry.partnership = partnership
    entry.occurred_at = occurred_at
    entry.channel = channel
    entry.direction = direction
    entry.summary = summary.strip()
    entry.follow_up_on = follow_up_on
    entry.follow_up_done = bool(follow_up_on and follow_up_done)
    entry.full_clean(exclude=["contacts", "users"])
    with transaction.atomic():
        # Locked so two entries saved at once cannot leave "last contacted" behind.
        Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
        entry.save()
        entry.contacts.set(contacts)
        entry.users.set(users)
        last_contacted_refresh(partnership=partnership)
    return entry


def log_entry_void(*, entry: LogEntry, by, reason: str) -> LogEntry:
    """Void an entry (it stays, marked void) and fall back to the partnership's previous contact."""
    with transaction.atomic():
        Partnership.objects.select_for_update().filter(pk=entry.partnership_id).first()
        voiding.void(record=entry, by=by, reason=reason)
        last_contacted_refresh(partnership=entry.partnership)
    return entry


def partnerships_not_contacted(on: datetime.date, days: int):
    """Live partnerships (onboarding, active, paused) never contacted, or last contacted more than `days`
    days before `on` (exactly `days` ago is still on time), the longest-silent first, never-contacted on top."""
    cutoff = datetime.datetime.combine(on - datetime.timedelta(days=days), datetime.time.min)
    cutoff = timezone.make_aware(cutoff) if timezone.is_naive(cutoff) else cutoff
    return (
        Partnership.objects.engaged()
        .filter(Q(last_contacted_at__isnull=True) | Q(last_contacted_at__lt=cutoff))
        .select_related("school", "business")
        .order_by(F("last_contacted_at").asc(nulls_first=True), "name", "pk")
    )


def students_without_media_consent(students) -> list:
    return [student for student in students if not student.media_consent]


def media_consent_error(students) -> str:
    names = ", ".join(student.full_name for student in students)
    has = "has" if len(students) == 1 else "have"
    return f"{names} {has} no media consent on file: leave them out of the story or record their consent first."


def story_save(
    *,
    by,
    partnership: Partnership,
    title: str,
    body: str,
    students=(),
    photo=None,
    remove_photo: bool = False,
    photo_alt: str = "",
    channel_newsletter: bool = False,
    channel_social: bool = False,
    channel_website: bool = False,
    publish_on: datetime.date | None = None,
    story: SuccessStory | None = None,
) -> SuccessStory:
    """Write a new draft story (`by` is its author) or correct one (`story`). Every student named has media
    consent; a photo is a JPEG, PNG or WebP of at most 5 MB and has a description. Correcting an approved
    story sends it back to draft for a new approval; a published story is not changed."""
    students = list(students)
    errors = {}
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
        story.save()
        story.students.set(students)
    if old_photo and old_photo != (story.photo.name or ""):
        story.photo.storage.delete(old_photo)
    return story


def story_approve(*, story: SuccessStory, by) -> SuccessStory:
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
        current.save(update_fields=["status", "approved_by", "approved_at"])
    story.status, story.approved_by, story.approved_at = current.status, current.approved_by, current.approved_at
    return story


def story_publish(*, story: SuccessStory, by, on: datetime.date | None = None) -> SuccessStory:
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
        current.save(update_fields=["status", "publish_on"])
    story.status, story.publish_on = current.status, current.publish_on
    return story
