"""The sweep (communications.reminders.services.sweep) creates each reminder once, however often it runs."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from communications.models import Reminder
from communications.reminders import services as reminders
from communications.reminders.kinds.events import EVENT_KINDS
from tests.communications.reminders.common import TODAY, Kind, days
from tests.communications.reminders.test_kinds import _emailed_survey
from tests.factories import (
    ActivePartnershipFactory,
    BackgroundCheckFactory,
    CharterFactory,
    GradingPeriodFactory,
    LogEntryFactory,
    PlacementFactory,
    SafetyProtocolFactory,
    ThankYouNoteFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db


# Idempotency -----------------------------------------------------------------------------------------


def _a_bit_of_everything():
    GradingPeriodFactory()
    placement = PlacementFactory(status="active", start_date=days(-20))
    BackgroundCheckFactory(expires_on=days(5))
    BackgroundCheckFactory(expires_on=days(-5))
    LogEntryFactory(follow_up_on=TODAY)
    _emailed_survey(8)
    ThankYouNoteFactory()
    CharterFactory(partnership=active_partnership(), created_at=timezone.now() - datetime.timedelta(days=8))
    SafetyProtocolFactory(effective_on=days(-8))
    ActivePartnershipFactory(points_of_contact=False)
    return placement


def test_a_second_sweep_creates_nothing():
    _a_bit_of_everything()
    first = reminders.sweep(TODAY)
    total = Reminder.objects.count()

    assert reminders.sweep(TODAY) == dict.fromkeys(Kind.values, 0)
    assert Reminder.objects.count() == total
    assert sum(first.values()) == total
    created = {kind for kind, count in first.items() if count}
    # The placement is overdue instead; notices of what partners do are made when they do it, never swept.
    assert created == set(Kind.values) - {Kind.CHECK_IN_DUE} - set(EVENT_KINDS)


def test_the_sweep_reads_a_handful_of_queries_whatever_the_number_of_placements(django_assert_max_num_queries):
    for _ in range(3):
        PlacementFactory(status="active", start_date=days(-20))
    reminders.sweep(TODAY)
    for _ in range(10):
        PlacementFactory(status="active", start_date=days(-30))
    with django_assert_max_num_queries(50):
        created = reminders.sweep(TODAY)
    assert created[Kind.CHECK_IN_OVERDUE] == 10
