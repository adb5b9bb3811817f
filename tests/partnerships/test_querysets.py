"""The named reads in partnerships/querysets.py."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from partnerships.models import Charter, Commitment, Partnership, PointOfContact, Side
from tests.factories import (
    CharterFactory,
    CommitmentDeliveryFactory,
    CommitmentFactory,
    PartnershipFactory,
    PointOfContactFactory,
    UserFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db

Status = Partnership.Status
BACKUP = PointOfContact.Role.BACKUP


def days_from_today(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


# PointOfContact.objects.current ------------------------------------------------------------------

START = datetime.date(2025, 3, 10)
END = datetime.date(2025, 6, 20)


@pytest.mark.parametrize(
    ("on", "in_post"),
    [
        (START - datetime.timedelta(days=1), False),
        (START, True),
        (END - datetime.timedelta(days=1), True),
        (END, False),
        (END + datetime.timedelta(days=1), False),
    ],
)
def test_current_includes_the_start_day_and_excludes_the_end_day(on, in_post):
    poc = PointOfContactFactory(start_date=START, end_date=END)

    assert PointOfContact.objects.current(on=on).filter(pk=poc.pk).exists() is in_post


def test_current_includes_an_open_ended_post_from_its_start_onwards():
    poc = PointOfContactFactory(start_date=START, end_date=None)

    assert not PointOfContact.objects.current(on=START - datetime.timedelta(days=1)).filter(pk=poc.pk).exists()
    assert PointOfContact.objects.current(on=datetime.date(2099, 1, 1)).filter(pk=poc.pk).exists()


def test_current_defaults_to_today():
    in_post = PointOfContactFactory(start_date=days_from_today(-3))
    starts_tomorrow = PointOfContactFactory(start_date=days_from_today(1))
    ended_today = PointOfContactFactory(start_date=days_from_today(-3), end_date=days_from_today(0))

    current = set(PointOfContact.objects.current())

    assert in_post in current
    assert starts_tomorrow not in current
    assert ended_today not in current


# Partnership.objects.missing_primary_contact / with_primary_flags --------------------------------


def test_missing_primary_contact_finds_live_partnerships_lacking_a_side():
    complete = active_partnership(name="Complete")
    no_business = PartnershipFactory(name="No business primary", status=Status.ACTIVE)
    PointOfContactFactory(partnership=no_business, side=Side.SCHOOL)
    no_school = PartnershipFactory(name="No school primary", status=Status.ONBOARDING)
    PointOfContactFactory(partnership=no_school, side=Side.BUSINESS)
    paused_empty = PartnershipFactory(name="Paused, nobody", status=Status.PAUSED)
    only_backup = PartnershipFactory(name="Backup only", status=Status.ACTIVE)
    PointOfContactFactory(partnership=only_backup, side=Side.SCHOOL)
    PointOfContactFactory(partnership=only_backup, side=Side.BUSINESS, role=BACKUP)
    primary_left = PartnershipFactory(name="Primary left", status=Status.ACTIVE)
    PointOfContactFactory(partnership=primary_left, side=Side.SCHOOL)
    PointOfContactFactory(partnership=primary_left, side=Side.BUSINESS, end_date=days_from_today(0))
    PartnershipFactory(name="Prospect, nobody", status=Status.PROSPECT)
    PartnershipFactory(name="Ended, nobody", status=Status.ENDED)

    missing = set(Partnership.objects.missing_primary_contact())

    assert missing == {no_business, no_school, paused_empty, only_backup, primary_left}
    assert complete not in missing


def test_with_primary_flags_says_which_side_has_a_current_primary():
    partnership = PartnershipFactory()
    PointOfContactFactory(partnership=partnership, side=Side.SCHOOL)
    PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, start_date=days_from_today(2))

    flagged = Partnership.objects.with_primary_flags().get(pk=partnership.pk)

    assert flagged.has_school_primary is True
    assert flagged.has_business_primary is False


def test_with_primary_flags_sees_both_sides_of_an_active_partnership():
    partnership = active_partnership()

    flagged = Partnership.objects.with_primary_flags().get(pk=partnership.pk)

    assert (flagged.has_school_primary, flagged.has_business_primary) == (True, True)


# Partnership.objects.visible_to / search -------------------------------------------------------


def test_coordinator_sees_every_partnership(coordinator, business_a, business_b):
    ours, theirs = PartnershipFactory(business=business_a), PartnershipFactory(business=business_b)

    assert set(Partnership.objects.visible_to(coordinator)) == {ours, theirs}


def test_partner_sees_only_their_business_partnerships(partner_a, partner_b, business_a, business_b):
    ours = {PartnershipFactory(business=business_a), PartnershipFactory(business=business_a)}
    theirs = PartnershipFactory(business=business_b)

    assert set(Partnership.objects.visible_to(partner_a)) == ours
    assert list(Partnership.objects.visible_to(partner_b)) == [theirs]


def test_user_without_a_role_sees_no_partnerships():
    PartnershipFactory()

    assert not Partnership.objects.visible_to(UserFactory()).exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("robotics club", {"club"}),
        ("NORTHSIDE", {"club"}),
        ("harbor", {"bank"}),
        ("Eastside high", {"bank"}),
        ("finch", {"club"}),
        ("  ", {"club", "bank"}),
        ("nothing like this", set()),
    ],
)
def test_search_matches_name_school_or_business(query, expected):
    club = PartnershipFactory(name="Robotics Club", school__name="Northside High", business__name="Finch Labs")
    bank = PartnershipFactory(name="Savings lessons", school__name="Eastside High", business__name="Harbor Bank")
    by_key = {"club": club, "bank": bank}

    assert set(Partnership.objects.search(query)) == {by_key[key] for key in expected}


# Charter.objects.current -------------------------------------------------------------------------


def test_current_charters_are_only_the_newest_version_of_each():
    first = PartnershipFactory()
    CharterFactory(partnership=first)
    CharterFactory(partnership=first)
    newest = CharterFactory(partnership=first)
    only = CharterFactory()

    assert set(Charter.objects.current()) == {newest, only}
    assert newest.version == 3


# Commitment.objects.with_delivered -------------------------------------------------------------------


def test_with_delivered_sums_deliveries_and_gives_zero_without_any():
    given = CommitmentFactory(amount=Decimal("10"))
    CommitmentDeliveryFactory(commitment=given, amount=Decimal("2.50"))
    CommitmentDeliveryFactory(commitment=given, amount=Decimal("3"))
    untouched = CommitmentFactory()

    delivered = dict(Commitment.objects.with_delivered().values_list("pk", "delivered"))

    assert delivered == {given.pk: Decimal("5.50"), untouched.pk: Decimal("0")}
