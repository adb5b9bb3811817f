"""partnerships/services.py: organizations, whose kind is fixed once in use."""

import pytest
from django.core.exceptions import ValidationError

from partnerships import services
from tests.factories import (
    BusinessFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db


# Organizations ---------------------------------------------------------------------------------------


def test_an_organization_in_a_partnership_keeps_its_kind(coordinator):
    partnership = active_partnership()
    business = partnership.business

    with pytest.raises(ValidationError) as error:
        services.organization_update(organization=business, by=coordinator, kind="school")

    assert error.value.message_dict["kind"] == [
        f"{business.name} takes part in partnerships or has students, so it stays a business. "
        "Add the other organization on its own instead."
    ]
    business.refresh_from_db()
    assert business.kind == "business"


def test_an_organization_nobody_uses_yet_may_change_kind_and_any_may_change_its_name(coordinator):
    unused = BusinessFactory(name="Typo Co")
    services.organization_update(organization=unused, by=coordinator, kind="school", sector="")
    assert unused.kind == "school"

    school = active_partnership().school
    services.organization_update(organization=school, by=coordinator, name="Renamed High")
    school.refresh_from_db()
    assert school.name == "Renamed High"
