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
    return 0


if __name__ == "__main__":
    sys.exit(main())
