"""Follow-ups owed are found through the partial index log_follow_up_owed (live entries whose follow-up is not
done, by date) wherever they are asked for: the dashboard's card, the calendar feed, the reminders and the
log's follow-up filter. Each test runs the real code, keeps the queries it sent about follow-ups, and asks
the database for their plans (on PostgreSQL with sequential scans off, so a plan without the index is one
that cannot use it)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from communications.models import Reminder
from communications.reminders.registry import rule_for
from dashboard.calendar.events import coordinator_events
from safety.models import SafetyPolicy
from tests.factories import LogEntryFactory

pytestmark = pytest.mark.django_db

INDEX = "log_follow_up_owed"
BY_FOLLOW_UP = re.compile(r'"follow_up_on" (<|BETWEEN)')
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def some_entries():
    for days in range(-3, 4):
        LogEntryFactory(follow_up_on=TODAY + datetime.timedelta(days=days))
    LogEntryFactory(follow_up_on=None)
    LogEntryFactory(follow_up_on=TODAY, follow_up_done=True)


def plans_of_follow_up_queries(run) -> list[str]:
    """The plan of every query `run()` sends that picks log entries by their follow-up date."""
    with CaptureQueriesContext(connection) as captured:
        run()
    sqls = [
        query["sql"]
        for query in captured.captured_queries
        if 'FROM "communications_logentry"' in query["sql"] and BY_FOLLOW_UP.search(query["sql"])
    ]
    assert sqls, "no query asked for follow-ups"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # until the test's transaction rolls back
            prefix = "EXPLAIN "
        else:
            prefix = "EXPLAIN QUERY PLAN "
        plans = []
        for sql in sqls:
            cursor.execute(prefix + sql)
            plans.append("\n".join(" ".join(str(column) for column in row) for row in cursor.fetchall()))
    return plans


def uses_the_index(plan: str) -> bool:
    return f"INDEX {INDEX} " in plan or f"using {INDEX} " in plan or f"on {INDEX} " in plan


def test_the_dashboards_follow_ups_due_use_the_index(coordinator_client):
    plans = plans_of_follow_up_queries(lambda: coordinator_client.get(reverse("home")))
    assert all(uses_the_index(plan) for plan in plans), "\n\n".join(plans)


def test_the_calendar_feeds_follow_ups_use_the_index(coordinator):
    plans = plans_of_follow_up_queries(lambda: coordinator_events(coordinator, TODAY))
    if connection.vendor == "postgresql":
        assert all(uses_the_index(plan) for plan in plans), "\n\n".join(plans)
    else:
        # SQLite, without statistics, may rather go through the entries of the partnerships the coordinator
        # sees (their foreign key's index): an index either way, never the whole log.
        assert all("SEARCH communications_logentry USING INDEX" in plan for plan in plans), "\n\n".join(plans)


def test_the_follow_up_reminders_use_the_index():
    rule = rule_for(Reminder.Kind.FOLLOW_UP_DUE)
    plans = plans_of_follow_up_queries(lambda: rule.due(TODAY, SafetyPolicy.current()))
    assert all(uses_the_index(plan) for plan in plans), "\n\n".join(plans)


def test_the_logs_follow_ups_due_filter_uses_the_index(coordinator_client):
    url = reverse("communications:log_list")
    plans = plans_of_follow_up_queries(lambda: coordinator_client.get(url, {"follow_up": "due"}))
    assert all(uses_the_index(plan) for plan in plans), "\n\n".join(plans)
