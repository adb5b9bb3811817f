"""Migrations that change rows: what they do to rows written before the rule existed."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("safety", "0003_rules_as_constraints")]
AFTER = [("safety", "0004_constraint_words_and_refusal_date")]


@pytest.mark.django_db(transaction=True)
def test_an_undated_refusal_is_dated_the_day_it_was_recorded_before_the_constraint_is_added():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    User = apps.get_model("accounts", "User")
    Organization = apps.get_model("partnerships", "Organization")
    Contact = apps.get_model("partnerships", "Contact")
    BackgroundCheck = apps.get_model("safety", "BackgroundCheck")
    business = Organization.objects.create(name="Acme", kind="business")
    contact = Contact.objects.create(organization=business, first_name="Ana", last_name="Ruiz", email="ana@example.com")
    recorder = User.objects.create(email="old-coordinator@example.com")
    check = BackgroundCheck.objects.create(contact=contact, status="not_cleared", recorded_by=recorder)
    dated = BackgroundCheck.objects.create(
        contact=contact, status="not_cleared", completed_on=datetime.date(2020, 5, 1), recorded_by=recorder
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    executor.loader.build_graph()
    BackgroundCheck = executor.loader.project_state(AFTER).apps.get_model("safety", "BackgroundCheck")

    check = BackgroundCheck.objects.get(pk=check.pk)
    assert check.completed_on == check.created_at.date()
    assert BackgroundCheck.objects.get(pk=dated.pk).completed_on == datetime.date(2020, 5, 1)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # back to today's schema for the tests after
