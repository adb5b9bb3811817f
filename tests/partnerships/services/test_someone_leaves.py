"""partnerships/services.py: someone leaving hands each of their posts over."""

import pytest
from django.core.exceptions import ValidationError

from partnerships import services
from partnerships.models import (
    Handoff,
    PointOfContact,
    Side,
)
from tests.factories import (
    ContactFactory,
    PartnershipFactory,
    PointOfContactFactory,
    active_partnership,
)
from tests.helpers import messages, today
from tests.partnerships.services.helpers import BACKUP, Status, current_primary

pytestmark = pytest.mark.django_db


# Someone leaves --------------------------------------------------------------------------------------


def _person_with_posts():
    """A business person who is primary in an active and a paused partnership, backup in another,
    and primary in a prospect: only the first two need a successor."""
    person = ContactFactory(first_name="Lee", last_name="Leaving")
    business = person.organization
    live = [
        active_partnership(business=business, name="Alpha program"),
        active_partnership(business=business, name="Beta program", status=Status.PAUSED),
    ]
    live_posts = []
    for partnership in live:
        current_primary(partnership, Side.BUSINESS).delete()
        live_posts.append(PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, contact=person))
    backup_in = active_partnership(business=business, name="Gamma program")
    backup_post = PointOfContactFactory(partnership=backup_in, side=Side.BUSINESS, contact=person, role=BACKUP)
    prospect = PartnershipFactory(business=business, name="Delta program")
    prospect_post = PointOfContactFactory(partnership=prospect, side=Side.BUSINESS, contact=person)
    return person, live_posts, [backup_post, prospect_post]


def test_contact_deactivate_refuses_without_successors_listing_each_live_partnership(coordinator):
    person, live_posts, other_posts = _person_with_posts()

    with pytest.raises(ValidationError) as error:
        services.contact_deactivate(contact=person, by=coordinator)

    assert sorted(messages(error)) == [
        "Name a successor for Lee Leaving as primary contact of Alpha program.",
        "Name a successor for Lee Leaving as primary contact of Beta program.",
    ]
    person.refresh_from_db()
    assert person.active
    assert PointOfContact.objects.filter(contact=person, end_date__isnull=True).count() == 4
    assert not Handoff.objects.exists()


def test_contact_deactivate_with_a_missing_successor_changes_nothing(coordinator):
    person, live_posts, other_posts = _person_with_posts()
    successor = ContactFactory(organization=person.organization)

    with pytest.raises(ValidationError) as error:
        services.contact_deactivate(contact=person, by=coordinator, successors={live_posts[0].pk: successor})

    assert messages(error) == ["Name a successor for Lee Leaving as primary contact of Beta program."]
    assert PointOfContact.objects.filter(contact=person, end_date__isnull=True).count() == 4
    assert not Handoff.objects.exists()


def test_contact_deactivate_hands_off_live_posts_ends_the_others_and_deactivates(coordinator):
    person, live_posts, other_posts = _person_with_posts()
    first, second = ContactFactory(organization=person.organization), ContactFactory(organization=person.organization)

    services.contact_deactivate(
        contact=person, by=coordinator, successors={live_posts[0].pk: first, live_posts[1].pk: second}, notes="Retired"
    )

    person.refresh_from_db()
    assert not person.active
    assert not PointOfContact.objects.filter(contact=person, end_date__isnull=True).exists()
    for post, successor in zip(live_posts, [first, second], strict=True):
        handoff = Handoff.objects.get(from_poc=post)
        assert (handoff.to_poc.contact, handoff.notes, handoff.recorded_by) == (successor, "Retired", coordinator)
        assert current_primary(post.partnership, Side.BUSINESS).contact == successor
    for post in other_posts:
        post.refresh_from_db()
        assert post.end_date == today()
    assert Handoff.objects.count() == 2


def test_contact_deactivate_without_posts_just_deactivates(coordinator):
    person = ContactFactory()

    services.contact_deactivate(contact=person, by=coordinator)

    person.refresh_from_db()
    assert not person.active
