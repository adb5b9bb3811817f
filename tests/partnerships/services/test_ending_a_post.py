"""partnerships/services.py: ending a point of contact's post needs a successor from that day."""

import pytest
from django.core.exceptions import ValidationError

from partnerships import services
from partnerships.models import (
    PointOfContact,
    Side,
)
from tests.factories import (
    PartnershipFactory,
    PointOfContactFactory,
    active_partnership,
)
from tests.helpers import days_ago, messages, today
from tests.partnerships.services.helpers import BACKUP, Status, current_primary

pytestmark = pytest.mark.django_db


# Ending a post ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Status.ACTIVE, Status.PAUSED])
def test_poc_end_refuses_removing_the_primary_of_a_live_partnership(coordinator, status):
    partnership = active_partnership(status=status)
    primary = current_primary(partnership, Side.SCHOOL)

    with pytest.raises(ValidationError) as error:
        services.poc_end(poc=primary, by=coordinator)

    (message,) = messages(error)
    assert f"hand off from {primary.contact} to a successor instead" in message
    assert "school side" in message
    primary.refresh_from_db()
    assert primary.end_date is None


def test_poc_end_allows_removing_a_backup_of_an_active_partnership(coordinator):
    partnership = active_partnership()
    backup = PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, role=BACKUP)

    services.poc_end(poc=backup, by=coordinator)

    backup.refresh_from_db()
    assert backup.end_date == today()


@pytest.mark.parametrize("status", [Status.PROSPECT, Status.ONBOARDING])
def test_poc_end_allows_removing_the_primary_before_the_partnership_is_live(coordinator, status):
    partnership = active_partnership(status=status)
    primary = current_primary(partnership, Side.BUSINESS)

    services.poc_end(poc=primary, by=coordinator)

    primary.refresh_from_db()
    assert primary.end_date == today()
    assert not PointOfContact.objects.filter(partnership=partnership, side=Side.BUSINESS).current().exists()


def test_poc_end_never_ends_a_post_before_it_began(coordinator):
    partnership = PartnershipFactory()
    poc = PointOfContactFactory(partnership=partnership, start_date=days_ago(1))

    services.poc_end(poc=poc, by=coordinator, date=days_ago(5))

    poc.refresh_from_db()
    assert poc.end_date == days_ago(1)


@pytest.mark.parametrize("status", list(Status))
def test_poc_end_refuses_a_date_in_the_future_on_every_partnership(coordinator, status):
    """Hole: a prospect's primary "ending next week" let it be activated today and lose its primary later."""
    partnership = active_partnership(status=status)
    backup = PointOfContactFactory(partnership=partnership, side=Side.SCHOOL, role=BACKUP)

    with pytest.raises(ValidationError) as error:
        services.poc_end(poc=backup, by=coordinator, date=days_ago(-5))

    assert error.value.message_dict == {"date": ["Record the end once it happens: choose today or earlier."]}
    backup.refresh_from_db()
    assert backup.end_date is None


def test_a_prospect_whose_primary_ended_cannot_be_activated_until_someone_takes_over(coordinator):
    partnership = active_partnership(status=Status.ONBOARDING)
    primary = current_primary(partnership, Side.SCHOOL)
    services.poc_end(poc=primary, by=coordinator)

    with pytest.raises(ValidationError) as error:
        services.partnership_transition(partnership=partnership, to_status=Status.ACTIVE, by=coordinator)

    assert "There is no primary point of contact on the school side. Add one under People." in messages(error)


def test_activation_refuses_a_primary_whose_post_is_recorded_to_end_later(coordinator):
    """An old row may still carry an end ahead of today: active must mean a primary on every day."""
    partnership = active_partnership(status=Status.ONBOARDING)
    primary = current_primary(partnership, Side.BUSINESS)
    PointOfContact.objects.filter(pk=primary.pk).update(end_date=days_ago(-7))

    with pytest.raises(ValidationError) as error:
        services.partnership_transition(partnership=partnership, to_status=Status.ACTIVE, by=coordinator)

    assert messages(error) == [
        f"{partnership.name} cannot be activated yet.",
        f"{primary.contact}'s post as primary contact at {partnership.business.name} ends on "
        f"{days_ago(-7):%d %b %Y}: hand it off to a successor first.",
    ]
    partnership.refresh_from_db()
    assert partnership.status == Status.ONBOARDING


def test_poc_end_refuses_a_post_that_has_already_ended(coordinator):
    poc = PointOfContactFactory(end_date=days_ago(2))

    with pytest.raises(ValidationError):
        services.poc_end(poc=poc, by=coordinator)

    poc.refresh_from_db()
    assert poc.end_date == days_ago(2)
