"""partnerships/services.py: naming points of contact."""

import pytest
from django.core.exceptions import ValidationError

from partnerships import services
from partnerships.models import (
    PointOfContact,
    Side,
)
from tests.factories import (
    ContactFactory,
    DistrictFactory,
    PartnershipFactory,
    SchoolFactory,
    active_partnership,
)
from tests.helpers import today
from tests.partnerships.services.helpers import BACKUP, PRIMARY, current_primary

pytestmark = pytest.mark.django_db


# Points of contact -----------------------------------------------------------------------------------


def test_poc_assign_names_a_primary_from_today(coordinator):
    partnership = PartnershipFactory()
    contact = ContactFactory(organization=partnership.business)

    poc = services.poc_assign(
        partnership=partnership, side=Side.BUSINESS, contact=contact, role=PRIMARY, by=coordinator
    )

    assert (poc.partnership, poc.side, poc.contact, poc.role) == (partnership, Side.BUSINESS, contact, PRIMARY)
    assert poc.start_date == today()
    assert poc.end_date is None


def test_poc_assign_refuses_a_second_primary_on_a_side_naming_the_current_one(coordinator):
    partnership = active_partnership()
    current = current_primary(partnership, Side.BUSINESS)
    newcomer = ContactFactory(organization=partnership.business)

    with pytest.raises(ValidationError) as error:
        services.poc_assign(partnership=partnership, side=Side.BUSINESS, contact=newcomer, role=PRIMARY, by=coordinator)

    assert error.value.message_dict == {
        "role": [f"{current.contact} is the primary contact on this side. Hand off from them instead."]
    }
    assert current_primary(partnership, Side.BUSINESS) == current


def test_poc_assign_allows_a_backup_next_to_the_primary(coordinator):
    partnership = active_partnership()
    backup = ContactFactory(organization=partnership.business)

    poc = services.poc_assign(partnership=partnership, side=Side.BUSINESS, contact=backup, role=BACKUP, by=coordinator)

    assert poc.role == BACKUP
    assert PointOfContact.objects.filter(partnership=partnership, side=Side.BUSINESS).current().count() == 2


def test_poc_assign_refuses_the_same_person_twice_on_a_side(coordinator):
    partnership = active_partnership()
    current = current_primary(partnership, Side.BUSINESS)

    with pytest.raises(ValidationError) as error:
        services.poc_assign(
            partnership=partnership, side=Side.BUSINESS, contact=current.contact, role=BACKUP, by=coordinator
        )

    assert "already a point of contact" in error.value.message_dict["contact"][0]


def test_poc_assign_refuses_a_contact_from_another_business(coordinator, business_b):
    partnership = PartnershipFactory(business__name="Lakeside Robotics")
    outsider = ContactFactory(organization=business_b)

    with pytest.raises(ValidationError) as error:
        services.poc_assign(partnership=partnership, side=Side.BUSINESS, contact=outsider, role=PRIMARY, by=coordinator)

    assert error.value.message_dict == {"contact": [f"{outsider} does not work at Lakeside Robotics."]}
    assert not PointOfContact.objects.filter(partnership=partnership).exists()


def test_poc_assign_refuses_a_business_person_on_the_school_side(coordinator):
    partnership = PartnershipFactory()
    business_person = ContactFactory(organization=partnership.business)

    with pytest.raises(ValidationError) as error:
        services.poc_assign(
            partnership=partnership, side=Side.SCHOOL, contact=business_person, role=PRIMARY, by=coordinator
        )

    assert error.value.message_dict == {
        "contact": [f"{business_person} does not work at {partnership.school.name} or the district."]
    }


def test_poc_assign_refuses_a_teacher_from_another_school(coordinator):
    partnership = PartnershipFactory()
    teacher = ContactFactory(organization=SchoolFactory())

    with pytest.raises(ValidationError):
        services.poc_assign(partnership=partnership, side=Side.SCHOOL, contact=teacher, role=PRIMARY, by=coordinator)


def test_poc_assign_accepts_district_staff_on_the_school_side(coordinator):
    partnership = PartnershipFactory()
    district_person = ContactFactory(organization=DistrictFactory())

    poc = services.poc_assign(
        partnership=partnership, side=Side.SCHOOL, contact=district_person, role=PRIMARY, by=coordinator
    )

    assert poc.contact == district_person


def test_poc_assign_refuses_an_inactive_contact(coordinator):
    partnership = PartnershipFactory()
    former = ContactFactory(organization=partnership.business, active=False)

    with pytest.raises(ValidationError) as error:
        services.poc_assign(partnership=partnership, side=Side.BUSINESS, contact=former, role=BACKUP, by=coordinator)

    assert error.value.message_dict == {"contact": [f"{former} is no longer active: choose someone who is."]}
