import pytest
from django.db import transaction
from django.test import override_settings

from tests.demo.seeding import seed


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    return settings


@pytest.fixture(scope="module")
def demo_district(django_db_setup, django_db_blocker):
    """The demo, seeded once for a module's tests (seeding takes seconds), in a transaction that is rolled
    back after the module, so nothing of it reaches later tests. Each test runs in a savepoint on top of it,
    as Django's TestCase.setUpTestData does: what one test changes, the next does not see. Yields what
    `seed_demo` printed."""
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # as the suite's autouse fixture
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(DEBUG=True, PASSWORD_HASHERS=hashers):
            output = seed()
        yield output
        transaction.set_rollback(True)
