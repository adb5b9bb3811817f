"""The large benchmark district of DESIGN.md, built fast with bulk inserts (`seed_district`).

Scale 1 is 2,000 businesses, 30,000 students, 10,000 placements and 500,000 log entries, with everything
around them: schools, people, about 2,500 partnerships with their points of contact, charters and
commitments, protocols and acknowledgments, background checks, check-ins, site visits, hours,
evaluations, concerns, thank-you notes and a few portal users. Rows are written directly, not through the
services (that would take hours), so each builder keeps the rules itself: every row passes its model's
constraints, and every placement under way passes the readiness gate (tests/demo/test_seed_district.py
checks both). One seed gives one district: everything random comes from `random.Random(seed)`, and every
date is counted from today.
"""

from __future__ import annotations

from django.db import connection, transaction
from django.utils import timezone

from demo.district import directory, log, placements, safety
from demo.district.common import Build


def build_district(*, scale: float, seed: int, password: str | None = None) -> Build:
    build = Build(seed=seed, scale=scale, today=timezone.localdate())
    with transaction.atomic():
        directory.build_organizations(build)
        directory.build_people(build, password=password)
        directory.build_partnerships(build)
        directory.build_points_of_contact(build)
        directory.build_charters(build)
        directory.build_commitments(build)
        directory.build_memberships(build)
        safety.build_policy(build)
        safety.build_protocols(build)
        safety.build_background_checks(build)
        placements.build_students(build)
        placements.build_placements(build)
        placements.build_learning(build)
        placements.build_hours(build)
        placements.build_thank_you_notes(build)
        safety.build_check_ins(build)
        safety.build_site_visits(build)
        safety.build_concerns(build)
        log.build_log(build)
    analyze()
    return build


def analyze() -> None:
    """Have PostgreSQL gather the new rows' statistics now. Bulk loading leaves the planner believing the
    tables are nearly empty until autovacuum comes by; meanwhile it picks plans for a handful of rows (at scale 1,
    /safety/ took 820 ms instead of 130). SQLite needs nothing."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
