"""manage.py send_reminders."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from communications.models import Reminder
from tests.communications.reminders.common import TODAY, days
from tests.factories import (
    CoordinatorFactory,
    LogEntryFactory,
    NotificationFactory,
    PlacementFactory,
    ReminderFactory,
)

pytestmark = pytest.mark.django_db


# The command -----------------------------------------------------------------------------------------


def _run(*args) -> str:
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_send_reminders_sweeps_sends_and_then_has_nothing_due():
    CoordinatorFactory()
    PlacementFactory(status="active", start_date=days(-20))
    LogEntryFactory(follow_up_on=TODAY)

    output = _run("--date", TODAY.isoformat())
    assert "Student check-in overdue: 1 created, 1 sent" in output
    assert "Follow-up due: 1 created, 1 sent" in output
    sent = len(mail.outbox)
    assert sent >= 2

    assert _run("--date", TODAY.isoformat()).strip() == "Nothing due."
    assert len(mail.outbox) == sent


def test_send_reminders_reports_failures_and_exits_non_zero(flaky_mail):
    CoordinatorFactory()
    reminder = ReminderFactory()
    flaky_mail.failures = 100
    with pytest.raises(CommandError, match="could not be sent"):
        _run("--date", TODAY.isoformat())
    reminder.refresh_from_db()
    assert reminder.status == Reminder.Status.FAILED


def test_send_reminders_sends_digests_when_asked():
    NotificationFactory(email="digest")
    assert "Digests: 1 sent" in _run("--digests")
    assert [email.subject for email in mail.outbox].count("Your SchoolBridge reminders: 1 item") == 1


def test_send_reminders_refuses_a_bad_date():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--date", "31/12/2026")
