"""students/services.py: a mentor confirms hours in a batch or sends them back with a reason, all or
nothing; the coordinator corrects what was sent back, and it goes back to the mentor."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.concurrency import Conflict, version_of
from students.hours import services as hours_services
from students.models import HoursEntry
from tests.factories import ContactFactory, HoursEntryFactory, UserFactory
from tests.helpers import days_ago, messages, today
from tests.students.services.helpers import Status, placement_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentor():
    return UserFactory(first_name="Dana", last_name="Lee")


@pytest.fixture
def placement(mentor):
    placement = placement_in(Status.ACTIVE)
    placement.mentor.user = mentor
    placement.mentor.save()
    return placement


@pytest.fixture
def entries(placement):
    return [
        HoursEntryFactory(placement=placement, date=days_ago(3), hours=Decimal("3")),
        HoursEntryFactory(placement=placement, date=days_ago(2), hours=Decimal("2.5")),
    ]


def _state(entries):
    return [
        (entry.verified_by, entry.verified_at, entry.rejected_at, entry.rejected_by_id, entry.reject_reason)
        for entry in HoursEntry.objects.filter(pk__in=[e.pk for e in entries]).order_by("pk")
    ]


# Confirming ------------------------------------------------------------------------------------------


def test_the_mentor_confirms_many_entries_at_once_under_their_name(mentor, entries):
    done = hours_services.hours_verify_batch(entries=entries, by=mentor)

    assert [entry.pk for entry in done] == [entry.pk for entry in entries]
    for entry in HoursEntry.objects.all():
        assert entry.verified_by == "Dana Lee"
        assert entry.verified_at is not None
        assert not entry.is_rejected


def test_someone_assisting_with_the_placement_may_confirm(placement, entries):
    helper = UserFactory()
    placement.other_staff.add(ContactFactory(organization=placement.partnership.business, user=helper))

    hours_services.hours_verify_batch(entries=entries, by=helper)

    assert HoursEntry.objects.verified().count() == 2


def test_confirming_nothing_is_refused(mentor):
    with pytest.raises(ValidationError) as error:
        hours_services.hours_verify_batch(entries=[], by=mentor)

    assert messages(error) == ["Choose the hours to confirm."]


def test_an_entry_already_confirmed_refuses_the_whole_batch(mentor, entries):
    hours_services.hours_verify(entry=entries[1], verified_by="Ana Office")
    before = _state(entries)

    with pytest.raises(ValidationError) as error:
        hours_services.hours_verify_batch(entries=entries, by=mentor)

    assert messages(error) == [
        "Nothing was changed: 1 of these entries was already confirmed or sent back.",
        f"2.50 hours on {days_ago(2):%d %b %Y}: confirmed by Ana Office.",
    ]
    assert _state(entries) == before
    assert HoursEntry.objects.get(pk=entries[0].pk).verified_at is None


def test_an_entry_sent_back_cannot_be_confirmed_until_it_is_corrected(mentor, entries):
    hours_services.hours_reject(entries=[entries[0]], by=mentor, reason="Not there that day.")

    with pytest.raises(ValidationError) as error:
        hours_services.hours_verify_batch(entries=entries, by=mentor)

    assert messages(error)[1] == f"3 hours on {days_ago(3):%d %b %Y}: sent back."
    assert not HoursEntry.objects.verified().exists()


def test_hours_of_a_placement_the_person_does_not_work_on_refuse_the_whole_batch(mentor, entries):
    elsewhere = HoursEntryFactory()  # another placement, another mentor
    before = _state([*entries, elsewhere])

    with pytest.raises(ValidationError) as error:
        hours_services.hours_verify_batch(entries=[*entries, elsewhere], by=mentor)

    assert messages(error) == [
        "You can only confirm the hours of students you mentor or work with. Nothing was changed."
    ]
    assert _state([*entries, elsewhere]) == before


def test_a_colleague_at_the_same_business_who_does_not_work_on_it_cannot_confirm(placement, entries):
    colleague = UserFactory()
    ContactFactory(organization=placement.partnership.business, user=colleague)

    with pytest.raises(ValidationError):
        hours_services.hours_verify_batch(entries=entries, by=colleague)

    assert not HoursEntry.objects.verified().exists()


def test_hours_deleted_meanwhile_refuse_the_batch(mentor, entries):
    gone = HoursEntryFactory(placement=entries[0].placement)
    HoursEntry.objects.filter(pk=gone.pk).delete()

    with pytest.raises(ValidationError) as error:
        hours_services.hours_verify_batch(entries=[*entries, gone], by=mentor)

    assert messages(error) == ["Some of these hours are no longer recorded. Nothing was changed: choose again."]
    assert not HoursEntry.objects.verified().exists()


# Sending back ----------------------------------------------------------------------------------------


def test_the_mentor_sends_entries_back_with_a_reason(mentor, entries):
    done = hours_services.hours_reject(entries=entries, by=mentor, reason="  Tuesday was a holiday. ")

    assert len(done) == 2
    for entry in HoursEntry.objects.all():
        assert entry.is_rejected and not entry.is_verified
        assert (entry.rejected_by, entry.reject_reason) == (mentor, "Tuesday was a holiday.")


def test_sending_back_needs_a_reason(mentor, entries):
    with pytest.raises(ValidationError) as error:
        hours_services.hours_reject(entries=entries, by=mentor, reason="   ")

    assert error.value.message_dict == {
        "reason": ["Say what is wrong with these hours, so the school can correct them."]
    }
    assert not HoursEntry.objects.rejected().exists()


def test_sending_back_an_entry_already_confirmed_refuses_the_whole_batch(mentor, entries):
    hours_services.hours_verify_batch(entries=[entries[0]], by=mentor)

    with pytest.raises(ValidationError) as error:
        hours_services.hours_reject(entries=entries, by=mentor, reason="Wrong.")

    assert "Nothing was changed" in messages(error)[0]
    assert not HoursEntry.objects.rejected().exists()


def test_hours_of_another_placement_cannot_be_sent_back(mentor, entries):
    elsewhere = HoursEntryFactory()

    with pytest.raises(ValidationError) as error:
        hours_services.hours_reject(entries=[elsewhere], by=mentor, reason="Wrong.")

    assert messages(error) == [
        "You can only send back the hours of students you mentor or work with. Nothing was changed."
    ]
    assert not HoursEntry.objects.rejected().exists()


def test_a_coordinator_cannot_confirm_hours_the_mentor_sent_back(mentor, entries):
    hours_services.hours_reject(entries=[entries[0]], by=mentor, reason="Not there that day.")

    with pytest.raises(ValidationError) as error:
        hours_services.hours_verify(entry=entries[0], verified_by="Cora Ordinator")

    assert messages(error) == ["The mentor sent these hours back: correct them first, then the mentor confirms them."]
    assert HoursEntry.objects.get(pk=entries[0].pk).verified_at is None


# Correcting ------------------------------------------------------------------------------------------


def test_correcting_an_entry_sent_back_clears_the_rejection_so_it_goes_back_to_the_mentor(coordinator, mentor, entries):
    hours_services.hours_reject(entries=[entries[0]], by=mentor, reason="It was 2 hours.")

    entry = hours_services.hours_correct(
        entry=entries[0], by=coordinator, date=days_ago(3), hours=Decimal("2"), activity=" Sanding "
    )

    assert (entry.date, entry.hours, entry.activity) == (days_ago(3), Decimal("2"), "Sanding")
    assert (entry.rejected_at, entry.rejected_by, entry.reject_reason) == (None, None, "")
    assert list(HoursEntry.objects.to_verify().order_by("pk")) == entries
    hours_services.hours_verify_batch(entries=[entry], by=mentor)  # and the mentor can confirm it now
    assert HoursEntry.objects.get(pk=entry.pk).is_verified


def test_a_correction_keeps_to_the_placement_dates(coordinator, mentor, entries):
    hours_services.hours_reject(entries=[entries[0]], by=mentor, reason="Wrong day.")

    with pytest.raises(ValidationError) as error:
        hours_services.hours_correct(
            entry=entries[0], by=coordinator, date=today() + datetime.timedelta(days=1), hours=2, activity="x"
        )

    assert error.value.message_dict == {"date": ["Record hours once they are worked: choose today or earlier."]}
    assert HoursEntry.objects.get(pk=entries[0].pk).is_rejected


def test_confirmed_hours_cannot_be_corrected(coordinator, mentor, entries):
    hours_services.hours_verify_batch(entries=[entries[0]], by=mentor)

    with pytest.raises(ValidationError) as error:
        hours_services.hours_correct(
            entry=entries[0], by=coordinator, date=days_ago(3), hours=Decimal("1"), activity="x"
        )

    assert messages(error) == [
        "These hours were confirmed by Dana Lee: they stay as confirmed. Record new hours instead."
    ]
    assert HoursEntry.objects.get(pk=entries[0].pk).hours == Decimal("3")


def test_a_correction_loaded_before_the_mentor_sent_the_hours_back_is_refused(mentor, entries, coordinator):
    loaded = version_of(entries[0])  # the coordinator opens the correction form
    hours_services.hours_reject(entries=[entries[0]], by=mentor, reason="Not there that day.")

    with pytest.raises(Conflict):
        hours_services.hours_correct(
            entry=entries[0], by=coordinator, date=days_ago(1), hours=Decimal("1"), activity="Typed", version=loaded
        )

    assert HoursEntry.objects.get(pk=entries[0].pk).reject_reason == "Not there that day."
