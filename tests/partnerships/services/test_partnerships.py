"""partnerships/services.py: creating and editing partnerships, and the database behind the rules."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from partnerships import services
from partnerships.models import (
    Partnership,
    PointOfContact,
    Side,
)
from tests.factories import (
    BusinessFactory,
    DistrictFactory,
    PartnershipFactory,
    PointOfContactFactory,
    ProgramFactory,
    SchoolFactory,
    active_partnership,
)
from tests.helpers import days_ago
from tests.partnerships.services.helpers import BACKUP, PRIMARY, Status

pytestmark = pytest.mark.django_db


# Creating and editing --------------------------------------------------------------------------------


def test_partnership_create_starts_a_named_prospect_with_its_programs(coordinator):
    school, business = SchoolFactory(name="Northside High"), BusinessFactory(name="Finch Labs")
    internships = ProgramFactory(name="Internships")

    partnership = services.partnership_create(by=coordinator, school=school, business=business, programs=[internships])

    assert partnership.status == Status.PROSPECT
    assert partnership.name == "Northside High × Finch Labs"
    assert partnership.created_by == coordinator
    assert list(partnership.programs.all()) == [internships]


def test_partnership_create_accepts_the_district_as_the_school_side(coordinator):
    partnership = services.partnership_create(
        by=coordinator, school=DistrictFactory(), business=BusinessFactory(), name="  District-wide careers  "
    )

    assert partnership.name == "District-wide careers"


def test_partnership_create_refuses_sides_of_the_wrong_kind(coordinator):
    with pytest.raises(ValidationError) as error:
        services.partnership_create(by=coordinator, school=BusinessFactory(), business=SchoolFactory())

    assert set(error.value.message_dict) == {"school", "business"}
    assert not Partnership.objects.exists()


def test_partnership_update_refuses_to_change_the_status(coordinator):
    partnership = PartnershipFactory()

    with pytest.raises(ValueError):
        services.partnership_update(partnership=partnership, by=coordinator, status=Status.ACTIVE)

    partnership.refresh_from_db()
    assert partnership.status == Status.PROSPECT


def test_partnership_update_names_a_partnership_whose_name_was_cleared(coordinator):
    partnership = PartnershipFactory(school__name="Northside High", business__name="Finch Labs", name="Old name")

    services.partnership_update(partnership=partnership, by=coordinator, name="  ", notes="Renewed")

    partnership.refresh_from_db()
    assert (partnership.name, partnership.notes) == ("Northside High × Finch Labs", "Renewed")


def test_partnership_update_refuses_an_end_before_the_start(coordinator):
    partnership = PartnershipFactory()

    with pytest.raises(ValidationError):
        services.partnership_update(
            partnership=partnership, by=coordinator, start_date=days_ago(1), end_date=days_ago(10)
        )


# The database backs the rules ------------------------------------------------------------------------


def test_database_refuses_a_second_current_primary_on_a_side():
    partnership = active_partnership()

    with pytest.raises(IntegrityError), transaction.atomic():
        PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, role=PRIMARY)

    assert PointOfContact.objects.filter(partnership=partnership, side=Side.BUSINESS).count() == 1


def test_database_allows_a_current_primary_next_to_ended_primaries_and_backups():
    partnership = active_partnership()
    PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, role=PRIMARY, end_date=days_ago(1))
    PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, role=BACKUP)

    assert PointOfContact.objects.filter(partnership=partnership, side=Side.BUSINESS).count() == 3


def test_changing_the_business_of_a_partnership_with_current_contacts_is_refused(coordinator):
    partnership = active_partnership()
    original = partnership.business

    with pytest.raises(ValidationError) as refusal:
        services.partnership_update(partnership=partnership, by=coordinator, business=BusinessFactory())

    assert "Hand them off" in str(refusal.value)
    assert Partnership.objects.get(pk=partnership.pk).business == original


def test_changing_the_business_of_a_partnership_without_contacts_is_allowed(coordinator):
    partnership = PartnershipFactory()
    new_business = BusinessFactory()

    services.partnership_update(partnership=partnership, by=coordinator, business=new_business)

    assert Partnership.objects.get(pk=partnership.pk).business == new_business
