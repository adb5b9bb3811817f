"""Small helpers tests across the apps share: today in the district's time zone, days before it, and a
refusal's messages."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone


def today() -> datetime.date:
    return timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return today() - datetime.timedelta(days=days)


def messages(error: pytest.ExceptionInfo) -> list[str]:
    """The words of the ValidationError a `pytest.raises` caught."""
    return error.value.messages
