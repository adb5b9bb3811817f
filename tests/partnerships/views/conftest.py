"""Fixtures for the partnership page tests: a school, a partnership, and a user who may only view."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from tests.factories import (
    PartnershipFactory,
    SchoolFactory,
    UserFactory,
)


@pytest.fixture
def school(db):
    return SchoolFactory(name="Lincoln High")


@pytest.fixture
def partnership(school, business_a):
    return PartnershipFactory(name="Lincoln and Acme", school=school, business=business_a)


@pytest.fixture
def viewer_client(db):
    """Someone who may look at partnerships but not change anything."""
    user = UserFactory(email="viewer@example.test")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="partnerships", codename="view_partnership")
    )
    client = Client()
    client.force_login(user)
    return client
