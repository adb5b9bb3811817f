"""Fixtures for the CSV import tests."""

from __future__ import annotations

import pytest

from partnerships.models import Partnership
from tests.factories import BusinessFactory, ContactFactory, PartnershipFactory, SchoolFactory
from tests.students.imports.helpers import make_student


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def school(db):
    return SchoolFactory(name="Riverside High School")


@pytest.fixture
def placement_world(school):
    business = BusinessFactory(name="Acme Robotics")
    other = BusinessFactory(name="Birch Bakery")
    return {
        "partnership": PartnershipFactory(school=school, business=business, status=Partnership.Status.ACTIVE),
        "ended": PartnershipFactory(
            school=school, business=other, status=Partnership.Status.ENDED, name="Old bakery visits"
        ),
        "mentor": ContactFactory(organization=business, email="jordan@acme.test"),
        "baker": ContactFactory(organization=other, email="baker@birch.test"),
        "student": make_student("S1", school),
    }
