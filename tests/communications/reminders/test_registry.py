"""Reminder kinds are rules in a registry: the sweep, dispatch and the partner settings ask it, so a kind is
one module (what is due, its words and link, who receives it) and the machinery never changes for one."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from django.core import mail
from django.utils import timezone

from communications.models import Notification, Reminder
from communications.reminders import registry
from communications.reminders import services as reminders
from communications.reminders.kinds import charters
from tests.factories import (
    CharterFactory,
    CoordinatorFactory,
    PartnershipFactory,
    PlacementFactory,
    _days_ago,
    active_partnership,
)

Kind = Reminder.Kind


def test_every_kind_has_exactly_one_rule():
    registered = [kind for rule in registry.RULES for kind in rule.kinds]
    assert sorted(registered) == sorted(Kind.values)


def test_a_kind_cannot_be_registered_twice_or_be_unknown():
    rule = registry.rule_for(Kind.CONTACT_MISSING)
    with pytest.raises(ValueError, match="twice"):
        registry.register(rule)
    with pytest.raises(ValueError, match="Not a Reminder.Kind"):
        registry.register(dataclasses.replace(rule, kinds=("no_such_kind",)))
    assert registry.RULES.count(rule) == 1


def test_partners_choose_about_the_kinds_their_rules_send_to_partners():
    assert registry.partner_kinds() == (Kind.CHARTER_ACK_PENDING, Kind.PROTOCOL_ACK_PENDING)


@pytest.fixture
def a_new_rule(monkeypatch):
    """CONTACT_MISSING's rule swapped for one written here, as a new kind's module would register it."""
    received = CoordinatorFactory(email="someone@example.org")
    partnership = PartnershipFactory()

    def due(today, policy):
        return [
            registry.Due(
                kind=Kind.CONTACT_MISSING,
                subject_id=partnership.pk,
                due_on=today,
                partnership_id=partnership.pk,
                title="Words this rule chose",
                body="And a body.",
                url="/somewhere/",
            )
        ]

    old = registry.rule_for(Kind.CONTACT_MISSING)
    new = registry.Rule(
        kinds=(Kind.CONTACT_MISSING,), subject=type(partnership), due=due, recipients=lambda r: [received]
    )
    monkeypatch.setattr(registry, "RULES", [new if rule is old else rule for rule in registry.RULES])
    return received


@pytest.mark.django_db
def test_the_sweep_and_dispatch_carry_a_rules_rows_to_its_recipients_once(a_new_rule):
    today = timezone.localdate()

    created = reminders.sweep(today)
    again = reminders.sweep(today)

    assert created[Kind.CONTACT_MISSING] == 1 and again[Kind.CONTACT_MISSING] == 0
    reminder = Reminder.objects.get(kind=Kind.CONTACT_MISSING)
    assert (reminder.title, reminder.url) == ("Words this rule chose", "/somewhere/")
    assert reminders.dispatch(reminder.pk) == 1
    assert reminders.dispatch(reminder.pk) == 0
    assert list(Notification.objects.filter(reminder=reminder).values_list("user", flat=True)) == [a_new_rule.pk]
    assert [message.subject for message in mail.outbox] == ["Words this rule chose"]


@pytest.mark.django_db
def test_a_rules_link_is_worked_out_only_for_reminders_not_made_yet(monkeypatch):
    PlacementFactory(status="active", start_date=_days_ago(20))
    today = timezone.localdate()
    old = registry.rule_for(Kind.CHECK_IN_OVERDUE)
    asked = []
    counting = dataclasses.replace(old, link=lambda pk: asked.append(pk) or old.link(pk))
    monkeypatch.setattr(registry, "RULES", [counting if rule is old else rule for rule in registry.RULES])

    reminders.sweep(today)
    first = len(asked)
    reminders.sweep(today)

    assert first == 1 and len(asked) == 1  # the rerun made nothing, so it reversed nothing
    assert Reminder.objects.get(kind=Kind.CHECK_IN_OVERDUE).url.startswith("/placements/")


@pytest.mark.django_db
def test_a_rows_own_link_is_worked_out_only_for_reminders_not_made_yet(monkeypatch):
    charter = CharterFactory(partnership=active_partnership())
    asked = []
    real = charters.acknowledge_url
    monkeypatch.setattr(charters, "acknowledge_url", lambda *args: asked.append(args) or real(*args))
    a_week_on = timezone.localdate() + datetime.timedelta(days=charters.ACK_GRACE_DAYS)

    reminders.sweep(a_week_on)
    reminders.sweep(a_week_on)

    assert asked == [(charter.pk, charter.partnership.business_id)]  # once: the rerun reversed nothing
    assert Reminder.objects.get(kind=Kind.CHARTER_ACK_PENDING).url == real(*asked[0])
