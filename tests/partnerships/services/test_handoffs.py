"""partnerships/services.py: handing a post over without a gap."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from kombu.exceptions import OperationalError

from partnerships import services
from partnerships.models import (
    Commitment,
    Goal,
    Handoff,
    Partnership,
    PointOfContact,
    Side,
)
from partnerships.tasks import send_handoff_notice
from tests.factories import (
    CharterFactory,
    CommitmentFactory,
    ContactFactory,
    GoalFactory,
    PointOfContactFactory,
    active_partnership,
)
from tests.helpers import days_ago, messages, today
from tests.partnerships.services.helpers import BACKUP, PRIMARY, current_primary

pytestmark = pytest.mark.django_db


# Handoffs --------------------------------------------------------------------------------------------


def test_handoff_ends_the_old_post_and_starts_the_successors_on_the_date(coordinator):
    partnership = active_partnership()
    old = current_primary(partnership, Side.BUSINESS)
    successor = ContactFactory(organization=partnership.business)
    handoff_date = days_ago(5)

    handoff = services.poc_handoff(poc=old, successor=successor, by=coordinator, date=handoff_date, notes="Met twice")

    old.refresh_from_db()
    assert old.end_date == handoff_date
    new = current_primary(partnership, Side.BUSINESS)
    assert (new.contact, new.role, new.start_date, new.end_date) == (successor, PRIMARY, handoff_date, None)
    assert (handoff.partnership, handoff.side, handoff.from_poc, handoff.to_poc) == (
        partnership,
        Side.BUSINESS,
        old,
        new,
    )
    assert (handoff.date, handoff.notes, handoff.recorded_by) == (handoff_date, "Met twice", coordinator)


def test_handoff_defaults_to_today(coordinator):
    partnership = active_partnership()
    old = current_primary(partnership, Side.SCHOOL)

    handoff = services.poc_handoff(poc=old, successor=ContactFactory(organization=partnership.school), by=coordinator)

    assert handoff.date == today()
    assert current_primary(partnership, Side.SCHOOL) == handoff.to_poc


def test_handoff_of_a_backup_post_passes_on_the_backup_role(coordinator):
    partnership = active_partnership()
    backup = PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, role=BACKUP)

    handoff = services.poc_handoff(
        poc=backup, successor=ContactFactory(organization=partnership.business), by=coordinator
    )

    assert handoff.to_poc.role == BACKUP


def test_handoff_records_open_goals_commitments_and_unacknowledged_charter(coordinator):
    partnership = active_partnership()
    GoalFactory(partnership=partnership, description="Place 12 interns", status=Goal.Status.ON_TRACK)
    GoalFactory(partnership=partnership, description="Done already", status=Goal.Status.ACHIEVED)
    CommitmentFactory(partnership=partnership, description="40 mentoring hours", party=Side.BUSINESS)
    CommitmentFactory(partnership=partnership, description="Given", status=Commitment.Status.FULFILLED)
    CharterFactory(partnership=partnership)
    old = current_primary(partnership, Side.BUSINESS)

    handoff = services.poc_handoff(poc=old, successor=ContactFactory(organization=partnership.business), by=coordinator)

    assert handoff.open_items == [
        "Goal: Place 12 interns",
        "Commitment (Business side): 40 mentoring hours",
        "Charter version 1 is waiting for the business's acknowledgment.",
    ]


def test_handoff_does_not_list_an_acknowledged_charter(coordinator, partner_a, business_a):
    partnership = active_partnership(business=business_a)
    services.charter_acknowledge(charter=CharterFactory(partnership=partnership), by=partner_a)
    old = current_primary(partnership, Side.BUSINESS)

    handoff = services.poc_handoff(poc=old, successor=ContactFactory(organization=partnership.business), by=coordinator)

    assert handoff.open_items == []


def test_handoff_refuses_the_same_person(coordinator):
    partnership = active_partnership()
    old = current_primary(partnership, Side.BUSINESS)

    with pytest.raises(ValidationError) as error:
        services.poc_handoff(poc=old, successor=old.contact, by=coordinator)

    assert "successor" in error.value.message_dict
    assert not Handoff.objects.exists()


def test_handoff_refuses_a_future_date(coordinator):
    partnership = active_partnership()
    old = current_primary(partnership, Side.BUSINESS)
    successor = ContactFactory(organization=partnership.business)

    with pytest.raises(ValidationError) as error:
        services.poc_handoff(poc=old, successor=successor, by=coordinator, date=today() + datetime.timedelta(days=1))

    assert "date" in error.value.message_dict
    assert current_primary(partnership, Side.BUSINESS) == old


def test_handoff_refuses_a_date_before_the_post_began(coordinator):
    partnership = active_partnership()
    old = current_primary(partnership, Side.BUSINESS)

    with pytest.raises(ValidationError) as error:
        services.poc_handoff(
            poc=old,
            successor=ContactFactory(organization=partnership.business),
            by=coordinator,
            date=old.start_date - datetime.timedelta(days=1),
        )

    assert "date" in error.value.message_dict


def test_handoff_refuses_a_post_that_has_already_ended(coordinator):
    partnership = active_partnership()
    ended = PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, end_date=days_ago(3))

    with pytest.raises(ValidationError) as error:
        services.poc_handoff(poc=ended, successor=ContactFactory(organization=partnership.business), by=coordinator)

    assert f"{ended.contact} already handed this over on" in messages(error)[0]


def test_handoff_refuses_a_successor_from_another_organization(coordinator, business_b):
    partnership = active_partnership()
    old = current_primary(partnership, Side.BUSINESS)

    with pytest.raises(ValidationError) as error:
        services.poc_handoff(poc=old, successor=ContactFactory(organization=business_b), by=coordinator)

    assert "successor" in error.value.message_dict
    assert current_primary(partnership, Side.BUSINESS) == old


def test_handoff_refuses_an_inactive_successor(coordinator):
    partnership = active_partnership()
    old = current_primary(partnership, Side.BUSINESS)
    former = ContactFactory(organization=partnership.business, active=False)

    with pytest.raises(ValidationError) as error:
        services.poc_handoff(poc=old, successor=former, by=coordinator)

    assert "successor" in error.value.message_dict


def test_handoff_ends_the_successors_earlier_backup_post_on_that_side(coordinator):
    partnership = active_partnership()
    old = current_primary(partnership, Side.BUSINESS)
    backup = PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, role=BACKUP)
    handoff_date = days_ago(2)

    services.poc_handoff(poc=old, successor=backup.contact, by=coordinator, date=handoff_date)

    backup.refresh_from_db()
    assert backup.end_date == handoff_date
    posts = PointOfContact.objects.filter(partnership=partnership, contact=backup.contact, end_date__isnull=True)
    assert [(p.role, p.start_date) for p in posts] == [(PRIMARY, handoff_date)]


def test_handoff_dated_before_the_successors_backup_post_began_is_refused_with_the_reason(coordinator):
    # The backup post began yesterday; a handoff dated a week ago would have them take over before they
    # were there at all. It is refused in words, not with a database error, and nothing changes.
    partnership = active_partnership()
    old = current_primary(partnership, Side.BUSINESS)
    backup = PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, role=BACKUP, start_date=days_ago(1))

    with pytest.raises(ValidationError) as refusal:
        services.poc_handoff(poc=old, successor=backup.contact, by=coordinator, date=days_ago(7))

    assert "choose that day or later" in str(refusal.value)
    backup.refresh_from_db()
    assert backup.end_date is None
    assert current_primary(partnership, Side.BUSINESS) == old


def test_handing_a_backup_post_to_the_current_primary_never_leaves_the_side_without_a_primary(coordinator):
    partnership = active_partnership()
    primary = current_primary(partnership, Side.BUSINESS)
    backup = PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, role=BACKUP)

    with pytest.raises(ValidationError, match="already the primary contact"):
        services.poc_handoff(poc=backup, successor=primary.contact, by=coordinator)

    assert Partnership.objects.filter(pk=partnership.pk).missing_primary_contact().count() == 0
    assert current_primary(partnership, Side.BUSINESS).contact == primary.contact


def test_handoff_emails_outgoing_incoming_and_the_other_sides_primary_after_commit(
    coordinator, django_capture_on_commit_callbacks
):
    partnership = active_partnership()
    old = current_primary(partnership, Side.BUSINESS)
    other_side = current_primary(partnership, Side.SCHOOL)
    successor = ContactFactory(organization=partnership.business, first_name="Nadia", last_name="Newcomer")

    with django_capture_on_commit_callbacks(execute=True):
        services.poc_handoff(poc=old, successor=successor, by=coordinator)
        assert mail.outbox == []  # nothing leaves before the transaction commits

    (message,) = mail.outbox
    assert sorted(message.to) == sorted([old.contact.email, successor.email, other_side.contact.email])
    assert partnership.name in message.subject
    assert "Nadia Newcomer" in message.body


@pytest.mark.parametrize("broker_error", [ConnectionError("broker down"), OperationalError("broker down")])
def test_handoff_succeeds_when_the_broker_is_down(coordinator, django_capture_on_commit_callbacks, broker_error):
    partnership = active_partnership()
    old = current_primary(partnership, Side.BUSINESS)
    successor = ContactFactory(organization=partnership.business)

    with (
        mock.patch.object(send_handoff_notice, "delay", side_effect=broker_error) as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        handoff = services.poc_handoff(poc=old, successor=successor, by=coordinator)

    delay.assert_called_once_with(handoff.pk)
    assert Handoff.objects.filter(pk=handoff.pk).exists()
    assert current_primary(partnership, Side.BUSINESS).contact == successor
    assert mail.outbox == []
