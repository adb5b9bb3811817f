"""`make bench`: how much slower the main pages are than a trivial view, measured in one run.

These machines are noisy, so absolute times mean little: each page is reported as a ratio to a
trivial view timed in the same run, on the same data. Uses its own throwaway database (SQLite,
or DATABASE_URL when set: point it at a scratch database, it is flushed).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import warnings

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("STATIC_MANIFEST", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")

warnings.filterwarnings("ignore", "No directory at")  # no collectstatic needed to measure views

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

PARTNERSHIPS = int(os.environ.get("BENCH_PARTNERSHIPS", "300"))
SWEEP_PLACEMENTS = int(os.environ.get("BENCH_SWEEP_PLACEMENTS", "10000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))


def build():
    from tests.factories import (
        CharterFactory,
        CheckInFactory,
        CommitmentDeliveryFactory,
        CoordinatorFactory,
        GoalFactory,
        PlacementFactory,
        SchoolFactory,
        StudentFactory,
        active_partnership,
    )

    school = SchoolFactory()
    for _ in range(PARTNERSHIPS):
        partnership = active_partnership(school=school)
        CharterFactory(partnership=partnership)
        GoalFactory.create_batch(2, partnership=partnership)
        CommitmentDeliveryFactory(commitment__partnership=partnership)
        placement = PlacementFactory(partnership=partnership, student=StudentFactory(school=school), status="active")
        CheckInFactory(placement=placement)
    return CoordinatorFactory(), partnership


def timed(client: Client, url: str) -> float:
    samples = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples)


def build_sweep_placements(count: int) -> None:
    """`count` active placements (bulk-created), spread over 100 partnerships and a range of start dates so
    a few check-ins are due, fewer overdue, and most not yet (as in a district that keeps up)."""
    import datetime

    from django.utils import timezone

    from students.models import Placement, Student
    from tests.factories import ContactFactory, SchoolFactory, active_partnership

    today = timezone.localdate()
    school = SchoolFactory.create()
    partnerships = [active_partnership(school=school) for _ in range(100)]
    mentors = [ContactFactory.create(organization=partnership.business) for partnership in partnerships]
    students = Student.objects.bulk_create(
        [
            Student(
                legal_first_name="Bench",
                last_name=f"Student{n}",
                date_of_birth=datetime.date(2010, 1, 1),
                grade=11,
                school=school,
                district_student_id=f"BENCH{n:06d}",
            )
            for n in range(count)
        ],
        batch_size=2000,
    )
    Placement.objects.bulk_create(
        [
            Placement(
                student=student,
                partnership=partnerships[n % 100],
                mentor=mentors[n % 100],
                kind=Placement.Kind.INTERNSHIP,
                start_date=today - datetime.timedelta(days=n % 16),
                end_date=today + datetime.timedelta(days=90),
                status=Placement.Status.ACTIVE,
            )
            for n, student in enumerate(students)
        ],
        batch_size=2000,
    )


def bench_sweep() -> None:
    """The daily reminder sweep over SWEEP_PLACEMENTS active placements, then a rerun that must add nothing.
    Mail is not timed (dispatch is not run)."""
    from communications.reminders import services as reminders

    call_command("flush", interactive=False, verbosity=0)
    build_sweep_placements(SWEEP_PLACEMENTS)
    start = time.perf_counter()
    created = reminders.sweep()
    first = time.perf_counter() - start
    start = time.perf_counter()
    again = reminders.sweep()
    rerun = time.perf_counter() - start
    counts = ", ".join(f"{kind} {n}" for kind, n in created.items() if n) or "none"
    print()
    print(f"Reminder sweep over {SWEEP_PLACEMENTS:,} active placements: {first:.3f} s, created {counts}")
    print(f"Rerun: {rerun:.3f} s, created {sum(again.values())} (must be 0)")
    print(f"Rerun ÷ first run: {rerun / first:.2f}")
    assert sum(again.values()) == 0, again


def main() -> int:
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    coordinator, partnership = build()
    client = Client()
    client.force_login(coordinator)
    baseline = timed(client, reverse("healthz"))
    pages = {
        "dashboard": reverse("home"),
        f"partnership list (25 of {PARTNERSHIPS})": reverse("partnerships:list"),
        "partnership list, searched": reverse("partnerships:list") + "?q=School&status=active",
        "partnership detail": reverse("partnerships:detail", args=[partnership.pk]),
        "organization list": reverse("partnerships:organization_list"),
        "student list": reverse("students:student_list"),
        "placement list": reverse("students:placement_list"),
        "placement detail": reverse("students:placement_detail", args=[partnership.placements.first().pk]),
        "safety dashboard": reverse("safety:dashboard"),
        "communications": reverse("communications:log_list"),
    }
    print(f"Trivial view (/healthz): median {baseline * 1000:.2f} ms over {ROUNDS} requests = 1.0")
    for label, url in pages.items():
        ratio = timed(client, url) / baseline
        print(f"{label:40s} {ratio:6.1f} × the trivial view")
    bench_sweep()
    return 0


if __name__ == "__main__":
    sys.exit(main())
