"""Fixtures the reminder tests share."""

from __future__ import annotations

import pytest

from tests.communications.reminders.helpers import FLAKY, FlakyBackend


@pytest.fixture
def flaky_mail(settings):
    settings.EMAIL_BACKEND = FLAKY
    FlakyBackend.failures = 0
    FlakyBackend.calls = 0
    yield FlakyBackend
    FlakyBackend.failures = 0
