"""What the partnership service tests share."""

import datetime

import pytest
from django.utils import timezone

from partnerships.models import (
    Partnership,
    PointOfContact,
)

Status = Partnership.Status


PRIMARY = PointOfContact.Role.PRIMARY


BACKUP = PointOfContact.Role.BACKUP


def today() -> datetime.date:
    return timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return today() - datetime.timedelta(days=days)


def messages(error: pytest.ExceptionInfo) -> list[str]:
    return error.value.messages


def current_primary(partnership, side):
    return PointOfContact.objects.filter(partnership=partnership, side=side).current().primary().get()
