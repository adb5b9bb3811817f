"""partnerships/services.py: a partnership's lifecycle, activation needing a primary on both sides every day."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from partnerships import services
from partnerships.models import (
    Partnership,
    Side,
    StatusChange,
)
from tests.factories import (
    PartnershipFactory,
    PointOfContactFactory,
    active_partnership,
)
from tests.helpers import days_ago, messages, today
from tests.partnerships.services.helpers import BACKUP, Status

pytestmark = pytest.mark.django_db


# The lifecycle ---------------------------------------------------------------------------------------


ALL_PAIRS = list(itertools.product(Status.values, Status.values))


ALLOWED_PAIRS = [(a, b) for a, b in ALL_PAIRS if b in Partnership.TRANSITIONS[a]]


REFUSED_PAIRS = [(a, b) for a, b in ALL_PAIRS if b not in Partnership.TRANSITIONS[a]]


def test_lifecycle_allows_exactly_the_designed_moves():
    assert set(ALLOWED_PAIRS) == {
        ("prospect", "onboarding"),
        ("prospect", "ended"),
        ("onboarding", "active"),
        ("onboarding", "prospect"),
        ("onboarding", "ended"),
        ("active", "paused"),
        ("active", "ended"),
        ("paused", "active"),
        ("paused", "ended"),
    }


@pytest.mark.parametrize(("from_status", "to_status"), ALLOWED_PAIRS)
def test_allowed_transition_changes_status_and_records_who_and_why(coordinator, from_status, to_status):
    partnership = active_partnership(status=from_status)

    services.partnership_transition(partnership=partnership, to_status=to_status, by=coordinator, reason="Board vote")

    partnership.refresh_from_db()
    assert partnership.status == to_status
    change = StatusChange.objects.get(partnership=partnership)
    assert (change.from_status, change.to_status) == (from_status, to_status)
    assert change.changed_by == coordinator
    assert change.reason == "Board vote"


@pytest.mark.parametrize(("from_status", "to_status"), REFUSED_PAIRS)
def test_refused_transition_names_what_the_partnership_can_move_to(coordinator, from_status, to_status):
    partnership = active_partnership(status=from_status)

    with pytest.raises(ValidationError) as error:
        services.partnership_transition(partnership=partnership, to_status=to_status, by=coordinator)

    allowed = ", ".join(Status(s).label for s in Partnership.TRANSITIONS[from_status]) or "nothing (it has ended)"
    (message,) = messages(error)
    assert f"cannot become {Status(to_status).label.lower()}" in message
    assert f"It can move to: {allowed}." in message
    partnership.refresh_from_db()
    assert partnership.status == from_status
    assert not StatusChange.objects.filter(partnership=partnership).exists()


def test_activation_is_refused_without_a_school_side_primary(coordinator):
    partnership = PartnershipFactory(status=Status.ONBOARDING)
    PointOfContactFactory(partnership=partnership, side=Side.BUSINESS)

    with pytest.raises(ValidationError) as error:
        services.partnership_transition(partnership=partnership, to_status=Status.ACTIVE, by=coordinator)

    assert messages(error) == [
        f"{partnership.name} cannot be activated yet.",
        "There is no primary point of contact on the school side. Add one under People.",
    ]
    partnership.refresh_from_db()
    assert partnership.status == Status.ONBOARDING


def test_activation_is_refused_without_a_business_side_primary_naming_the_business(coordinator):
    partnership = PartnershipFactory(status=Status.ONBOARDING, business__name="Lakeside Robotics")
    PointOfContactFactory(partnership=partnership, side=Side.SCHOOL)

    with pytest.raises(ValidationError) as error:
        services.partnership_transition(partnership=partnership, to_status=Status.ACTIVE, by=coordinator)

    assert messages(error) == [
        f"{partnership.name} cannot be activated yet.",
        "There is no primary point of contact at Lakeside Robotics. Add one under People.",
    ]
    partnership.refresh_from_db()
    assert partnership.status == Status.ONBOARDING


def test_activation_is_refused_without_either_primary_listing_both_reasons(coordinator):
    partnership = PartnershipFactory(status=Status.ONBOARDING, business__name="Lakeside Robotics")

    with pytest.raises(ValidationError) as error:
        services.partnership_transition(partnership=partnership, to_status=Status.ACTIVE, by=coordinator)

    assert messages(error) == [
        f"{partnership.name} cannot be activated yet.",
        "There is no primary point of contact on the school side. Add one under People.",
        "There is no primary point of contact at Lakeside Robotics. Add one under People.",
    ]
    assert not StatusChange.objects.filter(partnership=partnership).exists()


def test_activation_does_not_count_backups_or_ended_primaries(coordinator):
    partnership = PartnershipFactory(status=Status.ONBOARDING)
    PointOfContactFactory(partnership=partnership, side=Side.SCHOOL, role=BACKUP)
    PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, end_date=days_ago(1))

    with pytest.raises(ValidationError) as error:
        services.partnership_transition(partnership=partnership, to_status=Status.ACTIVE, by=coordinator)

    assert len(messages(error)) == 3


def test_activation_with_both_primaries_succeeds(coordinator):
    partnership = active_partnership(status=Status.ONBOARDING)

    services.partnership_transition(partnership=partnership, to_status=Status.ACTIVE, by=coordinator)

    assert partnership.status == Status.ACTIVE
    assert Partnership.objects.get(pk=partnership.pk).status == Status.ACTIVE


def test_activation_sets_the_start_date_when_it_is_empty(coordinator):
    partnership = active_partnership(status=Status.ONBOARDING, start_date=None)

    services.partnership_transition(partnership=partnership, to_status=Status.ACTIVE, by=coordinator)

    assert partnership.start_date == today()


def test_activation_keeps_a_start_date_that_was_already_set(coordinator):
    partnership = active_partnership(status=Status.ONBOARDING, start_date=days_ago(10))

    services.partnership_transition(partnership=partnership, to_status=Status.ACTIVE, by=coordinator)

    assert partnership.start_date == days_ago(10)


def test_activation_before_the_planned_start_starts_today(coordinator):
    partnership = active_partnership(status=Status.ONBOARDING, start_date=days_ago(-30))

    services.partnership_transition(partnership=partnership, to_status=Status.ACTIVE, by=coordinator)

    assert partnership.start_date == today()


def test_ending_before_the_planned_end_ends_today(coordinator):
    partnership = active_partnership(start_date=days_ago(100), end_date=days_ago(-100))

    services.partnership_transition(partnership=partnership, to_status=Status.ENDED, by=coordinator)

    assert partnership.end_date == today()


def test_ending_sets_the_end_date_when_it_is_empty(coordinator):
    partnership = active_partnership(start_date=days_ago(100))

    services.partnership_transition(partnership=partnership, to_status=Status.ENDED, by=coordinator)

    assert partnership.end_date == today()
