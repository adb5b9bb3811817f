"""Notices of something a partner just did in the portal, for the school side: a message, a proposed change
to a commitment, hours a mentor sent back, a background check asked for. The sweep never makes these:
`communications.reminders.events.notify` does, the moment it happens, and they travel like any reminder
(a notification, an email now or in the digest, once)."""

from __future__ import annotations

from communications.models import LogEntry, Reminder
from communications.reminders.registry import Rule, register
from partnerships.models import CommitmentChange, Contact
from students.models import Placement

Kind = Reminder.Kind


def _never(today, policy) -> list[dict]:
    return []


EVENT_SUBJECTS = {
    Kind.PARTNER_MESSAGE: LogEntry,
    Kind.COMMITMENT_CHANGE: CommitmentChange,
    Kind.HOURS_REJECTED: Placement,
    Kind.CHECK_REQUESTED: Contact,
}
EVENT_KINDS = tuple(EVENT_SUBJECTS)

for kind, subject in EVENT_SUBJECTS.items():
    register(Rule(kinds=(kind,), subject=subject, due=_never))
