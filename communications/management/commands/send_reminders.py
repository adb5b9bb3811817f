"""`python manage.py send_reminders [--date YYYY-MM-DD] [--digests]`: the daily sweep and dispatch, in this
process, with no broker (for cron or by hand). Prints what it did; exits non-zero if anything failed."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from communications.models import Reminder
from communications.reminders import services as reminders


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date {value!r} is not a date: write it as YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = "Create the reminders due today and send every reminder waiting to be sent, once each."

    def add_arguments(self, parser):
        parser.add_argument("--date", type=_date, help="Sweep as if today were this day (YYYY-MM-DD).")
        parser.add_argument("--digests", action="store_true", help="Also send the daily email digests.")

    def handle(self, *args: Any, date: datetime.date | None = None, digests: bool = False, **options: Any) -> None:
        created = reminders.sweep(date)
        labels = dict(Reminder.Kind.choices)
        sent: dict[str, int] = {}
        failures = []
        waiting = Reminder.objects.filter(status=Reminder.Status.PENDING).order_by("pk")
        pending = dict(waiting.values_list("pk", "kind"))
        for reminder_id, kind in pending.items():
            try:
                reminders.dispatch(reminder_id)
            except Exception as error:  # noqa: BLE001 (report every failure, carry on with the others)
                reminders.mark_failed(reminder_id, error)
                failures.append((reminder_id, labels[kind], f"{type(error).__name__}: {error}"))
            else:
                sent[kind] = sent.get(kind, 0) + 1
        digest_count = reminders.send_digests() if digests else 0

        did_something = any(created.values()) or pending or digest_count
        if not did_something:
            self.stdout.write("Nothing due.")
        for kind, label in Reminder.Kind.choices:
            if created.get(kind) or sent.get(kind):
                self.stdout.write(f"{label}: {created.get(kind, 0)} created, {sent.get(kind, 0)} sent")
        if digests:
            self.stdout.write(f"Digests: {digest_count} sent")
        failed_total = Reminder.objects.filter(status=Reminder.Status.FAILED).aggregate(n=Count("pk"))["n"]
        for reminder_id, label, message in failures:
            self.stderr.write(f"Failed: reminder {reminder_id} ({label}): {message}")
        if failures:
            raise CommandError(f"{len(failures)} reminder(s) could not be sent ({failed_total} failed in all).")
