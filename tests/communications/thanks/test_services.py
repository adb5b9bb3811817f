"""Thank-you notes (communications/thanks/services.py): started, a student invited, written once through
the link, approved (perhaps edited) or rejected."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts import signed_links
from communications.models import ThankYouNote
from communications.thanks import services as thanks
from partnerships.models import Partnership
from students.models import Placement
from tests.communications.thanks.helpers import Milestone, Status, days_ago
from tests.factories import (
    PlacementFactory,
    StudentFactory,
    ThankYouNoteFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db


# Starting and inviting -------------------------------------------------------------------------------


def test_a_coordinator_starts_a_note_by_hand_with_a_unique_key(coordinator):
    placement = PlacementFactory(status=Placement.Status.ACTIVE)
    first = thanks.thanks_start(
        partnership=placement.partnership,
        by=coordinator,
        milestone=Milestone.EVENT_HOSTED,
        milestone_on=days_ago(1),
        placement=placement,
    )
    second = thanks.thanks_start(
        partnership=placement.partnership, by=coordinator, milestone=Milestone.EVENT_HOSTED, milestone_on=days_ago(1)
    )
    assert first.milestone_key.startswith("manual:") and first.milestone_key != second.milestone_key
    assert first.student == placement.student and first.status == Status.PROMPTED and first.link is None
    assert second.student is None


def test_starting_a_note_refuses_a_future_date_and_another_partnerships_placement(coordinator):
    partnership = active_partnership()
    with pytest.raises(ValidationError) as error:
        thanks.thanks_start(
            partnership=partnership,
            by=coordinator,
            milestone=Milestone.ANNIVERSARY,
            milestone_on=days_ago(-1),
            placement=PlacementFactory(),
        )
    assert set(error.value.error_dict) == {"milestone_on", "placement"}
    assert not ThankYouNote.objects.exists()


def test_starting_a_note_refuses_an_ended_partnership(coordinator):
    partnership = active_partnership(status=Partnership.Status.ENDED, end_date=timezone.localdate())
    with pytest.raises(ValidationError, match="has ended"):
        thanks.thanks_start(
            partnership=partnership, by=coordinator, milestone=Milestone.ANNIVERSARY, milestone_on=days_ago(1)
        )


def test_inviting_a_student_makes_a_30_day_link_in_their_partner_name(coordinator):
    note = ThankYouNoteFactory()
    student = StudentFactory(preferred_first_name="Jo", legal_first_name="Joanna", last_name="Smith")
    PlacementFactory(partnership=note.partnership, student=student, status=Placement.Status.COMPLETED)
    link = thanks.thanks_invite(note=note, student=student, by=coordinator)
    note.refresh_from_db()
    assert note.link == link and note.student == student
    assert link.recipient_name == "Jo S." and link.created_by == coordinator
    assert signed_links.resolve(signed_links.token_for(link)) == link


def test_a_student_without_a_placement_in_the_partnership_cannot_be_invited(coordinator):
    note = ThankYouNoteFactory()
    elsewhere = PlacementFactory(status=Placement.Status.ACTIVE)  # another partnership
    cancelled = PlacementFactory(
        partnership=note.partnership, status=Placement.Status.CANCELLED, cancel_reason="Moved away"
    )
    for student in (elsewhere.student, cancelled.student):
        with pytest.raises(ValidationError) as error:
            thanks.thanks_invite(note=note, student=student, by=coordinator)
        assert "student" in error.value.error_dict
    note.refresh_from_db()
    assert note.link is None


def test_a_new_invite_replaces_the_unused_earlier_link(coordinator):
    note = ThankYouNoteFactory()
    first = PlacementFactory(partnership=note.partnership, status=Placement.Status.ACTIVE).student
    second = PlacementFactory(partnership=note.partnership, status=Placement.Status.ACTIVE).student
    old = thanks.thanks_invite(note=note, student=first, by=coordinator)
    new = thanks.thanks_invite(note=note, student=second, by=coordinator)
    old.refresh_from_db()
    assert old.is_expired
    with pytest.raises(signed_links.LinkInvalid):
        signed_links.resolve(signed_links.token_for(old))
    note.refresh_from_db()
    assert note.link == new and note.student == second


def test_a_submitted_note_cannot_be_given_a_new_student(coordinator):
    note = ThankYouNoteFactory(status=Status.SUBMITTED)
    student = PlacementFactory(partnership=note.partnership, status=Placement.Status.ACTIVE).student
    with pytest.raises(ValidationError, match="waiting for approval"):
        thanks.thanks_invite(note=note, student=student, by=coordinator)


# The student's note ----------------------------------------------------------------------------------


@pytest.fixture
def invited(coordinator):
    note = ThankYouNoteFactory()
    student = StudentFactory(legal_first_name="Maya", last_name="Rivera")
    PlacementFactory(partnership=note.partnership, student=student, status=Placement.Status.ACTIVE)
    thanks.thanks_invite(note=note, student=student, by=coordinator)
    note.refresh_from_db()
    return note


def test_submitting_keeps_the_words_as_written_uses_the_link_and_signs_with_the_partner_name(invited):
    thanks.thanks_submit(note=invited, link=invited.link, body="  Thank you for teaching me CAD!  ", signed_as="")
    invited.refresh_from_db()
    assert invited.status == Status.SUBMITTED and invited.submitted_at is not None
    assert invited.body == invited.original_body == "Thank you for teaching me CAD!"
    assert invited.signed_as == "Maya R."
    assert invited.link.is_used


def test_the_link_works_once(invited):
    thanks.thanks_submit(note=invited, link=invited.link, body="Thank you!", signed_as="Maya")
    with pytest.raises(ValidationError, match="already been used"):
        thanks.thanks_submit(note=invited, link=invited.link, body="Changed my mind", signed_as="Maya")
    invited.refresh_from_db()
    assert invited.body == "Thank you!"


def test_an_expired_link_cannot_submit(invited):
    invited.link.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    invited.link.save()
    with pytest.raises(ValidationError):
        thanks.thanks_submit(note=invited, link=invited.link, body="Thank you!", signed_as="")
    invited.refresh_from_db()
    assert invited.status == Status.PROMPTED


@pytest.mark.parametrize(("body", "message"), [("   ", "Write the note"), ("x" * 2001, "2,000 characters")])
def test_the_body_is_required_and_at_most_2000_characters(invited, body, message):
    with pytest.raises(ValidationError, match=message):
        thanks.thanks_submit(note=invited, link=invited.link, body=body, signed_as="")
    invited.refresh_from_db()
    assert invited.status == Status.PROMPTED and not invited.link.is_used


def test_2000_characters_are_allowed(invited):
    thanks.thanks_submit(note=invited, link=invited.link, body="y" * 2000, signed_as="")
    invited.refresh_from_db()
    assert len(invited.body) == 2000


def test_another_notes_link_cannot_submit_this_note(invited, coordinator):
    other = ThankYouNoteFactory(partnership=invited.partnership)
    thanks.thanks_invite(note=other, student=invited.student, by=coordinator)
    other.refresh_from_db()
    with pytest.raises(ValidationError):
        thanks.thanks_submit(note=invited, link=other.link, body="Thanks", signed_as="")
    other.link.refresh_from_db()
    assert not other.link.is_used


# Approving and rejecting -----------------------------------------------------------------------------


@pytest.fixture
def submitted(invited):
    thanks.thanks_submit(note=invited, link=invited.link, body="Thank you for the internship.", signed_as="Maya R.")
    invited.refresh_from_db()
    return invited


def test_approving_records_who_and_when_and_emails_the_partner(
    submitted, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        thanks.thanks_approve(note=submitted, by=coordinator)
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED
    assert submitted.reviewed_by == coordinator and submitted.reviewed_at is not None
    assert submitted.delivered_at is not None
    assert len(mail.outbox) == 1


def test_an_edited_note_is_delivered_and_the_students_words_are_kept(
    submitted, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        thanks.thanks_approve(note=submitted, by=coordinator, body="Thank you for the wonderful internship.")
    submitted.refresh_from_db()
    assert submitted.body == "Thank you for the wonderful internship."
    assert submitted.original_body == "Thank you for the internship."
    assert "wonderful internship" in mail.outbox[0].body


def test_an_edit_cannot_empty_the_note(submitted, coordinator):
    with pytest.raises(ValidationError, match="Write the note"):
        thanks.thanks_approve(note=submitted, by=coordinator, body="  ")
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


@pytest.mark.parametrize("status", [Status.PROMPTED, Status.APPROVED, Status.REJECTED])
def test_only_a_submitted_note_is_approved_or_rejected(status, coordinator):
    note = ThankYouNoteFactory(status=status, reviewed_at=timezone.now() if status != Status.PROMPTED else None)
    with pytest.raises(ValidationError, match="Only a note waiting for approval"):
        thanks.thanks_approve(note=note, by=coordinator)
    with pytest.raises(ValidationError, match="Only a note waiting for approval"):
        thanks.thanks_reject(note=note, by=coordinator, reason="No")
    assert ThankYouNote.objects.get(pk=note.pk).status == status


def test_rejecting_needs_a_reason_and_sends_nothing(submitted, coordinator, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError) as error:
        thanks.thanks_reject(note=submitted, by=coordinator, reason=" ")
    assert "reason" in error.value.error_dict
    with django_capture_on_commit_callbacks(execute=True):
        thanks.thanks_reject(note=submitted, by=coordinator, reason="Names a classmate in full.")
    submitted.refresh_from_db()
    assert submitted.status == Status.REJECTED and submitted.reject_reason == "Names a classmate in full."
    assert submitted.reviewed_by == coordinator and submitted.reviewed_at is not None
    assert mail.outbox == []
