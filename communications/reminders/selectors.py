"""Who a reminder goes to, and how each person chose to hear about each kind."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from communications.models import Notification, Reminder, ReminderPreference
from communications.reminders import registry

if TYPE_CHECKING:
    from accounts.models import User

Kind = Reminder.Kind


def recipients(reminder: Reminder) -> list[User]:
    """The users a reminder goes to (its external email, if any, is on the row), as its kind's rule says."""
    return registry.rule_for(reminder.kind).recipients(reminder)


def preferences(users: Sequence[User], kind: str) -> dict[int, str]:
    """Each user's email choice for one kind (no row: by email at once)."""
    rows = ReminderPreference.objects.filter(user__in=users, kind=kind).values_list("user_id", "email")
    chosen = dict(rows)
    return {user.pk: chosen.get(user.pk, Notification.Email.NOW) for user in users}


def preferences_for(user: User, kinds: Iterable[str] = Kind.values) -> dict[str, str]:
    chosen = dict(ReminderPreference.objects.filter(user=user).values_list("kind", "email"))
    return {kind: chosen.get(kind, Notification.Email.NOW) for kind in kinds}
