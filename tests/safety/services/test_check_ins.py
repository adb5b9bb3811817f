"""safety/services.py: check-ins with students."""

import pytest
from django.core.exceptions import ValidationError

from safety import services
from safety.models import CheckIn
from tests.factories import (
    ready_placement,
)
from tests.helpers import days_ago, today
from tests.safety.services.helpers import Status

pytestmark = pytest.mark.django_db


# Check-ins -------------------------------------------------------------------------------------------


def check_in(placement, by, **kwargs):
    fields = {"date": today(), "mode": CheckIn.Mode.PHONE, "wellbeing": 4, **kwargs}
    return services.check_in_record(placement=placement, by=by, **fields)


@pytest.mark.parametrize("status", [Status.ACTIVE, Status.PAUSED, Status.COMPLETED])
def test_check_in_record_saves_a_check_in_with_the_placements_student(status, coordinator):
    placement = ready_placement(status=status)

    made = check_in(placement, coordinator, notes=" Happy. ", wellbeing=5)

    made.refresh_from_db()
    assert (made.placement, made.student, made.by) == (placement, placement.student, coordinator)
    assert (made.date, made.wellbeing, made.notes) == (today(), 5, "Happy.")


@pytest.mark.parametrize("status", [Status.PROPOSED, Status.APPROVED, Status.CANCELLED])
def test_check_in_record_refuses_a_placement_that_has_not_started(status, coordinator):
    placement = ready_placement(status=status, cancel_reason="Moved away." if status == Status.CANCELLED else "")

    with pytest.raises(ValidationError) as error:
        check_in(placement, coordinator)

    assert error.value.messages == ["Check-ins are for placements that have started."]
    assert not CheckIn.objects.exists()


def test_check_in_record_refuses_a_future_date(coordinator):
    with pytest.raises(ValidationError) as error:
        check_in(ready_placement(status=Status.ACTIVE), coordinator, date=days_ago(-1))

    assert error.value.message_dict == {"date": ["Record a check-in once it has happened: choose today or earlier."]}
    assert not CheckIn.objects.exists()


def test_check_in_record_refuses_a_date_before_the_start(coordinator):
    placement = ready_placement(status=Status.ACTIVE, start_date=days_ago(10))

    with pytest.raises(ValidationError) as error:
        check_in(placement, coordinator, date=days_ago(11))

    assert error.value.message_dict == {"date": [f"The placement started on {days_ago(10):%d %b %Y}."]}
    assert check_in(placement, coordinator, date=days_ago(10)).date == days_ago(10)


def test_check_in_record_refuses_wellbeing_outside_1_to_5(coordinator):
    with pytest.raises(ValidationError) as error:
        check_in(ready_placement(status=Status.ACTIVE), coordinator, wellbeing=6)

    assert "wellbeing" in error.value.message_dict
    assert not CheckIn.objects.exists()


def test_check_in_notes_are_kept_from_the_mentor_unless_shared(coordinator):
    placement = ready_placement(status=Status.ACTIVE)

    kept = check_in(placement, coordinator, notes="Worried about exams.")
    shared = check_in(placement, coordinator, notes="Wants more time on the lathe.", shared_with_mentor=True)

    assert (kept.shared_with_mentor, shared.shared_with_mentor) == (False, True)
    assert list(CheckIn.objects.shared_with_mentor()) == [shared]


def test_a_check_in_that_raises_a_concern_is_never_shared(coordinator):
    """The concern may be about the host: what the student said stays with the school."""
    with pytest.raises(ValidationError) as error:
        check_in(
            ready_placement(status=Status.ACTIVE), coordinator, notes="Upset.", concern=True, shared_with_mentor=True
        )

    assert error.value.message_dict == {
        "shared_with_mentor": ["A check-in that raises a concern stays with the school: do not share it."]
    }
    assert not CheckIn.objects.exists()


def test_sharing_needs_notes_to_share(coordinator):
    with pytest.raises(ValidationError) as error:
        check_in(ready_placement(status=Status.ACTIVE), coordinator, notes="  ", shared_with_mentor=True)

    assert error.value.message_dict == {"notes": ["Write the notes you want the mentor to read, or do not share them."]}
    assert not CheckIn.objects.exists()


def test_voided_and_concern_check_ins_are_not_among_the_shared(coordinator):
    placement = ready_placement(status=Status.ACTIVE)
    voided = check_in(placement, coordinator, notes="Wrong student.", shared_with_mentor=True)
    services.void(record=voided, by=coordinator, reason="Recorded on the wrong placement.")

    assert not CheckIn.objects.shared_with_mentor().exists()
