"""What the safety service tests share."""

import datetime

from django.utils import timezone

from safety.models import BackgroundCheck, SafetyConcern
from students.models import Placement

Status = Placement.Status


CheckStatus = BackgroundCheck.Status


Severity = SafetyConcern.Severity


ConcernStatus = SafetyConcern.Status


def today() -> datetime.date:
    return timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return today() - datetime.timedelta(days=days)
