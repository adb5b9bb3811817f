"""Personas every test can ask for by name.

- admin_user: a superuser (pytest-django's built-in `admin_client` logs in as this one).
- coordinator: a district coordinator, in the coordinator group.
- business_a, business_b: two businesses; partner_a works for A, partner_b for B.
- *_client: a separate logged-in test client per persona, so one test can use several; anon_client is
  nobody. Clients use force_login: django-axes refuses authenticate() without a request.

Every persona's password is tests.factories.PASSWORD ("pw").
"""

import pytest
from django.test import Client

from tests.factories import BusinessFactory, CoordinatorFactory, PartnerMembershipFactory, UserFactory


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Transactional tests run last, as pytest-django orders them: each ends by emptying every table, the
    safety policy row that a migration wrote among them, which later tests on the same worker expect.
    pytest's own reordering for session-scoped parametrized fixtures (pytest-playwright's browser_name)
    runs after pytest-django's sort and had put the browser tests (live_server) back among the others."""

    def transactional(item) -> bool:
        marker = item.get_closest_marker("django_db")
        if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
            return True
        return "transactional_db" in item.fixturenames or "live_server" in item.fixturenames

    items.sort(key=transactional)  # stable: the order within each group stays


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # The real hasher is slow on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def admin_user(db):
    return UserFactory(email="admin@example.test", is_staff=True, is_superuser=True)


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory(email="coordinator@example.test", first_name="Cora", last_name="Ordinator")


@pytest.fixture
def business_a(db):
    return BusinessFactory(name="Acme Tools")


@pytest.fixture
def business_b(db):
    return BusinessFactory(name="Birch Bakery")


@pytest.fixture
def partner_a(business_a):
    return PartnerMembershipFactory(user__email="partner.a@example.test", organization=business_a).user


@pytest.fixture
def partner_b(business_b):
    return PartnerMembershipFactory(user__email="partner.b@example.test", organization=business_b).user


def _logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coordinator_client(coordinator):
    return _logged_in(coordinator)


@pytest.fixture
def partner_a_client(partner_a):
    return _logged_in(partner_a)


@pytest.fixture
def partner_b_client(partner_b):
    return _logged_in(partner_b)


@pytest.fixture
def anon_client():
    return Client()
