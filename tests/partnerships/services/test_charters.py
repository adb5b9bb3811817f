"""partnerships/services.py: charter versions and their acknowledgment."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from partnerships import services
from partnerships.models import (
    Charter,
)
from tests.factories import (
    CharterFactory,
    PartnerMembershipFactory,
    PartnershipFactory,
)
from tests.helpers import messages

pytestmark = pytest.mark.django_db


# The charter -----------------------------------------------------------------------------------------


def test_charter_publish_numbers_versions_and_keeps_old_versions_unchanged(coordinator):
    partnership = PartnershipFactory()

    first = services.charter_publish(
        partnership=partnership,
        by=coordinator,
        vision="  Students meet engineers.  ",
        priorities=[{"district_goal": "Career readiness", "company_goal": "Future hires", "tags": "STEM, ,workforce "}],
    )
    second = services.charter_publish(
        partnership=partnership,
        by=coordinator,
        vision="Students build robots.",
        change_note="Added robotics",
        priorities=[
            {"district_goal": "Hands-on STEM", "company_goal": "Brand in schools"},
            {"district_goal": "Internships", "company_goal": "Pipeline"},
        ],
    )
    third = services.charter_publish(partnership=partnership, by=coordinator, vision="Students run a company.")

    assert [first.version, second.version, third.version] == [1, 2, 3]
    first.refresh_from_db()
    assert first.vision == "Students meet engineers."
    assert first.created_by == coordinator
    assert [(p.district_goal, p.company_goal, p.tags) for p in first.priorities.all()] == [
        ("Career readiness", "Future hires", "STEM, workforce")
    ]
    assert [(p.district_goal, p.position) for p in second.priorities.all()] == [
        ("Hands-on STEM", 0),
        ("Internships", 1),
    ]
    assert second.change_note == "Added robotics"
    assert not third.priorities.exists()
    assert Charter.objects.filter(partnership=partnership).count() == 3


def test_charter_publish_keeps_the_acknowledgment_of_the_old_version(coordinator, partner_a, business_a):
    partnership = PartnershipFactory(business=business_a)
    first = services.charter_publish(partnership=partnership, by=coordinator, vision="One")
    services.charter_acknowledge(charter=first, by=partner_a)

    second = services.charter_publish(partnership=partnership, by=coordinator, vision="Two")

    first.refresh_from_db()
    assert first.acknowledged_by == partner_a
    assert not second.is_acknowledged


def test_charter_versions_count_per_partnership(coordinator):
    services.charter_publish(partnership=PartnershipFactory(), by=coordinator, vision="Elsewhere")

    charter = services.charter_publish(partnership=PartnershipFactory(), by=coordinator, vision="Here")

    assert charter.version == 1


@pytest.mark.parametrize("vision", ["", "   \n "])
def test_charter_publish_refuses_an_empty_vision(coordinator, vision):
    partnership = PartnershipFactory()

    with pytest.raises(ValidationError) as error:
        services.charter_publish(partnership=partnership, by=coordinator, vision=vision)

    assert "vision" in error.value.message_dict
    assert not Charter.objects.filter(partnership=partnership).exists()


def test_charter_acknowledge_records_who_and_when(partner_a, business_a):
    charter = CharterFactory(partnership__business=business_a)
    before = timezone.now()

    services.charter_acknowledge(charter=charter, by=partner_a)

    assert charter.acknowledged_by == partner_a
    assert before <= charter.acknowledged_at <= timezone.now()


def test_charter_acknowledge_twice_keeps_the_first_acknowledgment(partner_a, business_a):
    charter = CharterFactory(partnership__business=business_a)
    colleague = PartnerMembershipFactory(organization=business_a).user
    services.charter_acknowledge(charter=charter, by=partner_a)
    first_at = charter.acknowledged_at

    services.charter_acknowledge(charter=charter, by=colleague)

    assert (charter.acknowledged_by, charter.acknowledged_at) == (partner_a, first_at)


def test_charter_acknowledge_refuses_someone_outside_the_business(partner_b, coordinator, business_a):
    charter = CharterFactory(partnership__business=business_a)

    for outsider in (partner_b, coordinator):
        with pytest.raises(ValidationError, match="Only an administrator at Acme Tools"):
            services.charter_acknowledge(charter=charter, by=outsider)

    charter.refresh_from_db()
    assert charter.acknowledged_at is None


def test_charter_acknowledge_refuses_a_mentor_and_someone_deactivated(business_a):
    """Acknowledging binds the business: its administrators do it, and only while their membership is active."""
    charter = CharterFactory(partnership__business=business_a)
    mentor = PartnerMembershipFactory(organization=business_a, role="mentor").user
    gone = PartnerMembershipFactory(organization=business_a, active=False, deactivated_at=timezone.now()).user

    for person in (mentor, gone):
        with pytest.raises(ValidationError, match="Only an administrator at Acme Tools"):
            services.charter_acknowledge(charter=charter, by=person)

    charter.refresh_from_db()
    assert charter.acknowledged_at is None


def test_charter_acknowledge_refuses_an_older_version(partner_a, business_a):
    old = CharterFactory(partnership__business=business_a)
    CharterFactory(partnership=old.partnership)

    with pytest.raises(ValidationError) as error:
        services.charter_acknowledge(charter=old, by=partner_a)

    assert messages(error) == ["Version 1 has been replaced by version 2: acknowledge that one."]
    old.refresh_from_db()
    assert old.acknowledged_at is None
