"""`python manage.py seed_demo [--password P] [--force]`: load a small, realistic demo district.

The district is data (demo/data/, one module per app); one seeder per app (demo/seeders/) turns it into
rows through that app's services, so the demo obeys the same rules as real data. This command only runs
the seeders in order, in one transaction, and says what it did.

The command is idempotent. Every record is looked up by a natural key (an organization by kind and
name, a person by organization and email, a user by email, a partnership by its school and business, a
student by district student id, a placement by student, partnership and kind) and created only when
missing; a partnership's or a placement's history is built once, when it is created. What the readiness
gate asks for (cleared mentors, acknowledged protocols) is made before the placements start; what
happened since (a revised protocol, visits, check-ins, concerns, one of which pauses a placement) after.
Dates are relative to today so the demo never looks stale.
"""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from demo.data.accounts import DEFAULT_PASSWORD, DEMO_USERS
from demo.seeders import accounts, communications, partnerships, safety, students
from demo.seeders.common import Calendar


class Command(BaseCommand):
    help = "Load the demo district and its logins. Safe to run again; refuses when DEBUG is off unless --force."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            help=f"Set the demo users' password (new users get {DEFAULT_PASSWORD!r}; existing ones keep theirs).",
        )
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off.")

    def handle(self, *args, password=None, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this may be a production database: seed_demo would add demo users with known "
                "passwords. Pass --force if you really want the demo data here."
            )
        if password is not None and not password.strip():
            raise CommandError("--password needs a non-empty value.")

        calendar = Calendar(today=timezone.localdate())
        before = _row_count()
        with transaction.atomic():
            directory = partnerships.seed_directory()
            organizations, contacts = directory.organizations, directory.contacts
            logins = accounts.seed_users(password=password)
            accounts.seed_user_links(logins=logins, organizations=organizations, contacts=contacts)
            coordinator = logins.coordinator
            partnerships.seed_partnerships(
                calendar=calendar, directory=directory, users=logins.users, coordinator=coordinator
            )
            roster = students.seed_students(calendar=calendar, organizations=organizations)
            # The gate asks for these before a placement starts.
            safety.seed_safety_policy(calendar=calendar, coordinator=coordinator)
            safety.seed_protocols(
                calendar=calendar, organizations=organizations, contacts=contacts, after_placements=False
            )
            safety.seed_background_checks(calendar=calendar, coordinator=coordinator, contacts=contacts)
            placements = students.seed_placements(
                calendar=calendar,
                coordinator=coordinator,
                organizations=organizations,
                contacts=contacts,
                students=roster,
            )
            # What happened since the placements started.
            safety.seed_protocols(
                calendar=calendar, organizations=organizations, contacts=contacts, after_placements=True
            )
            safety.seed_site_visits(
                calendar=calendar, coordinator=coordinator, organizations=organizations, placements=placements
            )
            safety.seed_check_ins(calendar=calendar, coordinator=coordinator, placements=placements)
            safety.seed_concerns(calendar=calendar, coordinator=coordinator, placements=placements)
            link_path = students.seed_evaluation_link(coordinator=coordinator, placements=placements)
            communications.seed_log(
                calendar=calendar, coordinator=coordinator, organizations=organizations, contacts=contacts
            )
            communications.seed_stories(
                calendar=calendar, coordinator=coordinator, organizations=organizations, students=roster
            )
            communications.seed_feedback(coordinator=coordinator, organizations=organizations, contacts=contacts)
            communications.seed_thank_you_notes(coordinator=coordinator, placements=placements)
        self._report(logins.passwords, link_path, created=_row_count() - before)

    def _report(self, passwords: dict[str, str], link_path: str, *, created: int) -> None:
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo district ready: {created} records created."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo district already loaded: nothing new to create."))
        self.stdout.write("Demo logins:")
        for spec in DEMO_USERS:
            businesses = [business for business, _role, _title in spec.get("also", ())]
            if "business" in spec:
                businesses.insert(0, spec["business"])
            where = f"  ({' and '.join(businesses)})" if businesses else ""
            password = passwords[spec["email"]]
            self.stdout.write(f"  {spec['label']:<26} {spec['email']:<36} password: {password}{where}")
        if link_path:
            self.stdout.write(f"Try an evaluation link: {link_path}  (a mentor's final evaluation, not yet used)")


def _row_count() -> int:
    """Rows in our own apps' tables, to tell whether a run created anything."""
    labels = {"accounts", "partnerships", "students", "safety", "communications"}
    return sum(
        model._default_manager.count()
        for config in apps.get_app_configs()
        if config.label in labels
        for model in config.get_models()
    )
