"""A student's record goes, with everything about them, the day after their years are up, and nothing shared goes
with it (dashboard.retention, students.retention, safety.retention, communications.retention)."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry as AuditEntry
from django.contrib.contenttypes.models import ContentType

from communications.models import FeedbackRequest, Notification, Reminder, SuccessStory, ThankYouNote
from dashboard.models import PurgeRecord
from dashboard.retention.services import purge_expired
from partnerships.models import Contact, Organization, Partnership
from safety.models import CheckIn, SafetyConcern, SiteVisit
from students.models import Disclosure, Evaluation, HoursEntry, LearningGoal, Placement, Rating, Student
from tests.dashboard.retention.helpers import ENDED, FIRST_PURGED, LAST_KEPT, at, back_then, ended_placement
from tests.factories import (
    CheckInFactory,
    FeedbackRequestFactory,
    HoursEntryFactory,
    NotificationFactory,
    PlacementFactory,
    RatingFactory,
    ReminderFactory,
    SafetyConcernFactory,
    SiteVisitFactory,
    StudentFactory,
    SuccessStoryFactory,
    ThankYouNoteFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
COMMAND = PurgeRecord.By.COMMAND


def _purge(now: datetime.datetime) -> PurgeRecord:
    return purge_expired(by=COMMAND, now=now)


def test_a_student_is_kept_through_the_last_day_of_their_years_and_purged_the_day_after():
    student = ended_placement().student

    assert _purge(LAST_KEPT).counts["students"] == 0
    assert Student.objects.filter(pk=student.pk).exists()

    assert _purge(FIRST_PURGED).counts["students"] == 1
    assert not Student.objects.filter(pk=student.pk).exists()


def test_the_last_placement_counts_not_the_first():
    first = ended_placement()
    with back_then():
        PlacementFactory(
            student=first.student,
            partnership=first.partnership,
            status=Placement.Status.COMPLETED,
            start_date=ENDED,
            end_date=ENDED + datetime.timedelta(days=1),
        )

    assert _purge(FIRST_PURGED).counts["students"] == 0
    assert _purge(FIRST_PURGED + datetime.timedelta(days=1)).counts["students"] == 1


def test_a_student_with_a_placement_still_planned_is_kept_however_old():
    placement = ended_placement()
    Placement.objects.filter(pk=placement.pk).update(status=Placement.Status.APPROVED)

    assert _purge(FIRST_PURGED + datetime.timedelta(days=3650)).counts["students"] == 0


def test_a_student_never_placed_goes_years_after_they_were_added():
    with back_then():
        student = StudentFactory()

    assert _purge(LAST_KEPT).counts["students"] == 0
    assert _purge(FIRST_PURGED).counts["students"] == 1
    assert not Student.objects.filter(pk=student.pk).exists()


def test_everything_about_the_student_goes_with_them():
    placement = ended_placement()
    with back_then():
        RatingFactory(evaluation__placement=placement)
        HoursEntryFactory(placement=placement)
        CheckInFactory(placement=placement)
        ThankYouNoteFactory(partnership=placement.partnership, placement=placement, student=placement.student)
        survey = FeedbackRequestFactory(partnership=placement.partnership, placement=placement)
        reminder = ReminderFactory(
            partnership=placement.partnership,
            kind=Reminder.Kind.CHECK_IN_DUE,
            subject_type=ContentType.objects.get_for_model(Placement),
            subject_id=placement.pk,
        )
        NotificationFactory(reminder=reminder)
        Disclosure.objects.create(
            student=placement.student,
            placement=placement,
            organization=placement.partnership.business,
            viewer=UserFactory(),
            viewer_name="Ana Mentor",
            fields="first name, last initial",
            page="Placements",
        )
    assert survey.pk

    record = _purge(FIRST_PURGED)

    assert record.counts["students"] == 1
    for model in (Placement, Evaluation, Rating, LearningGoal, HoursEntry, CheckIn, ThankYouNote, FeedbackRequest):
        assert not model.objects.exists(), model.__name__
    assert not Reminder.objects.exists() and not Notification.objects.exists() and not Disclosure.objects.exists()


def test_shared_records_and_other_students_stay():
    placement = ended_placement()
    with back_then():
        other = PlacementFactory(
            partnership=placement.partnership, status=Placement.Status.COMPLETED, start_date=ENDED, end_date=ENDED
        )
        visit = SiteVisitFactory(partnership=placement.partnership, placements=[placement, other])
        story = SuccessStoryFactory(partnership=placement.partnership)
        story.students.set([placement.student])
        other_check_in = CheckInFactory(placement=other)
    Student.objects.filter(pk=other.student_id).update(created_at=at(datetime.date(2026, 1, 1)))
    Placement.objects.filter(pk=other.pk).update(end_date=datetime.date(2026, 1, 1))

    _purge(FIRST_PURGED)

    assert not Student.objects.filter(pk=placement.student_id).exists()
    assert Partnership.objects.filter(pk=placement.partnership_id).exists()
    sides = [placement.partnership.school_id, placement.partnership.business_id]
    assert Organization.objects.filter(pk__in=sides).count() == 2
    assert Contact.objects.filter(pk=placement.mentor_id).exists()
    assert list(SiteVisit.objects.get(pk=visit.pk).placements.all()) == [other]
    assert SuccessStory.objects.filter(pk=story.pk).exists()
    assert Placement.objects.filter(pk=other.pk).exists() and CheckIn.objects.filter(pk=other_check_in.pk).exists()


def test_a_concern_holds_its_students_record_for_its_own_years_after_it_was_reported():
    placement = ended_placement()
    with back_then():
        concern = SafetyConcernFactory(
            placement=placement, status=SafetyConcern.Status.RESOLVED, resolution="Talked it through."
        )
    seven_years_on = at(datetime.date(2030, 6, 15), 23)

    assert _purge(FIRST_PURGED).counts["students"] == 0
    assert _purge(seven_years_on).counts["students"] == 0

    assert _purge(seven_years_on + datetime.timedelta(hours=1)).counts["students"] == 1
    assert not SafetyConcern.objects.filter(pk=concern.pk).exists()


def test_an_open_concern_holds_its_students_record_however_old():
    with back_then():
        concern = SafetyConcernFactory()
    Placement.objects.filter(pk=concern.placement_id).update(status=Placement.Status.COMPLETED, end_date=ENDED)

    assert _purge(at(datetime.date(2040, 1, 1))).counts["students"] == 0
    assert Student.objects.filter(pk=concern.student_id).exists()


def test_the_audit_trail_of_a_purged_student_goes_with_it_and_is_counted():
    placement = ended_placement()
    with back_then():
        check_in = CheckInFactory(placement=placement)
        CheckInFactory(placement__status=Placement.Status.ACTIVE)  # another student's, in progress
    check_ins = ContentType.objects.get_for_model(CheckIn)
    assert AuditEntry.objects.filter(content_type=check_ins, object_id=check_in.pk).exists()
    before = AuditEntry.objects.count()

    record = _purge(FIRST_PURGED)

    assert not AuditEntry.objects.filter(content_type=check_ins, object_id=check_in.pk).exists()
    assert record.counts["audit entries"] >= 1
    # Only those went, and the purge wrote no "deleted" entry (which would carry the data) either.
    assert AuditEntry.objects.count() == before - record.counts["audit entries"]
    assert AuditEntry.objects.filter(content_type=check_ins).count() == 1
