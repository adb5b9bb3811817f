"""`python manage.py seed_district --scale S --seed N [--flush] [--force] [--password P]`: the large
benchmark district of DESIGN.md (scale 1 = 2,000 businesses, 30,000 students, 10,000 placements,
500,000 log entries), built with bulk inserts by demo/district/. The same seed gives the same district.

It refuses when DEBUG is off unless --force (like seed_demo), and refuses a database that already holds
organizations or students unless --flush, which first deletes everything in the database.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from demo.district import build_district
from partnerships.models import Organization
from students.models import Student


class Command(BaseCommand):
    help = "Build the large benchmark district (scale 1: 2,000 businesses, 500,000 log entries) on an empty database."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1 is the full district; 0.01 a hundredth of it.")
        parser.add_argument("--seed", type=int, default=1, help="The same seed always gives the same district.")
        parser.add_argument(
            "--flush",
            action="store_true",
            help="Delete EVERYTHING in the database first (every table, every user), then build the district.",
        )
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off.")
        parser.add_argument(
            "--password", help="Let coordinator1@district.schoolbridge.test sign in with this password."
        )

    def handle(self, *args, scale: float, seed: int, flush: bool, force: bool, password: str | None, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this may be a production database: seed_district would fill it with made-up "
                "people. Pass --force if you really want the benchmark district here."
            )
        if not 0 < scale <= 10:
            raise CommandError("--scale must be more than 0 and at most 10 (1 is the full district).")
        if password is not None and not password.strip():
            raise CommandError("--password needs a non-empty value.")
        organizations, students = Organization.objects.count(), Student.objects.count()
        if (organizations or students) and not flush:
            raise CommandError(
                f"This database already holds a district ({organizations} organizations, {students} students). "
                "seed_district builds on an empty database: pass --flush to delete everything in it first."
            )
        started = time.perf_counter()
        if flush:
            call_command("flush", interactive=False, verbosity=0)
        build = build_district(scale=scale, seed=seed, password=password)
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"District built at scale {scale:g} (seed {seed}) in {seconds:.1f} s:"))
        for what, count in build.counts.items():
            self.stdout.write(f"  {count:>9,} {what}")
        if password:
            self.stdout.write("Sign in as coordinator1@district.schoolbridge.test with the password given.")
