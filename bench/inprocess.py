"""What the benchmark measures inside its own process, on the same scratch database as the server: the pages
to load (found in the seeded district), the queries each one makes, the reminder sweep and a CSV export.

Call `django.setup()` (with bench.server.server_environment in os.environ) before importing this module.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Iterator, Sequence

from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from bench.load import Page
from bench.server import PASSWORD
from communications.calendar import services as calendar
from communications.reminders import services as reminders
from core.csv import csv_response
from dashboard.exports import registry
from dashboard.exports import selectors as exports
from partnerships.models import PartnerMembership, Partnership
from students.models import Placement

COORDINATOR = "coordinator1@district.schoolbridge.test"


def personas() -> dict[str, User]:
    """The two people the load signs in as: the district's first coordinator (seeded with PASSWORD) and the
    first portal user, given the same password here (seeded partners have none until invited)."""
    partner = PartnerMembership.objects.select_related("user").order_by("pk").first().user  # type: ignore[union-attr]
    partner.set_password(PASSWORD)
    partner.save(update_fields=["password"])
    return {"coordinator": User.objects.get(email=COORDINATOR), "partner": partner}


def pages(people: dict[str, User]) -> list[Page]:
    """The pages of issue 13, in the order each round visits them; the trivial view first."""
    partnership = (
        Partnership.objects.filter(status__in=Partnership.ONGOING_STATUSES, placements__status=Placement.Status.ACTIVE)
        .order_by("pk")
        .first()
    )
    if partnership is None:
        raise SystemExit("The seeded district has no running partnership with an active placement.")
    placement = partnership.placements.filter(status=Placement.Status.ACTIVE).order_by("pk").first()
    term = partnership.business.name.split()[0]
    token = calendar.calendar_feed_create(by=people["coordinator"], user=people["coordinator"])
    staff = "coordinator"
    return [
        Page("trivial view", "trivial", None, "/livez"),
        Page("login page", "other", None, "/accounts/login/"),
        Page("dashboard", "dashboard", staff, "/"),
        Page("partnership list", "list", staff, "/partnerships/"),
        Page("partnership detail", "detail", staff, f"/partnerships/{partnership.pk}/"),
        Page("placement list", "list", staff, "/placements/"),
        Page("placement detail", "detail", staff, f"/placements/{placement.pk}/"),
        Page("safety", "dashboard", staff, "/safety/"),
        Page("communications log", "list", staff, "/communications/"),
        Page("search", "list", staff, f"/search/?q={term}"),
        Page("portal home", "dashboard", "partner", "/portal/"),
        Page("portal placements", "list", "partner", "/portal/placements/"),
        Page("placements CSV", "other", staff, "/exports/placements.csv"),
        Page("ICS feed", "other", None, f"/calendar/feed/{token}.ics"),
    ]


def queries_per_view(page_list: Sequence[Page], people: dict[str, User]) -> dict[str, int]:
    """The queries each page makes for a signed-in user whose session is already stamped (the second request:
    the first after signing in also writes the session), streamed bodies read to the end."""
    clients = {None: Client()}
    for persona, user in people.items():
        clients[persona] = Client()  # type: ignore[index]
        clients[persona].force_login(user)  # type: ignore[index]
    counts = {}
    for page in page_list:
        client = clients[page.persona]  # type: ignore[index]
        _read(client.get(page.path))
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.path)
            _read(response)
        if response.status_code != 200:
            raise SystemExit(f"{page.path} answered {response.status_code} in the test client")
        counts[page.name] = len(captured.captured_queries)
    return counts


def _read(response) -> None:
    if response.streaming:
        for _chunk in response.streaming_content:
            pass


def sweep() -> dict[str, float]:
    """The daily reminder sweep over every placement of the district, then a rerun that must create nothing.
    It writes reminders: run it last."""
    placements = Placement.objects.count()
    started = time.perf_counter()
    created = reminders.sweep()
    first = time.perf_counter() - started
    started = time.perf_counter()
    again = reminders.sweep()
    rerun = time.perf_counter() - started
    return {
        "placements": placements,
        "seconds": round(first, 3),
        "seconds_per_10000": round(first * 10_000 / max(placements, 1), 3),
        "created": sum(created.values()),
        "rerun_seconds": round(rerun, 3),
        "rerun_created": sum(again.values()),
    }


def csv_export(user: User, slug: str = "log") -> dict[str, float | str]:
    """Every row of the `slug` export, streamed as the download streams it: rows per second (a pass without
    tracing), then Python's peak memory over a second pass (tracemalloc), at its first tenth and at the end."""
    kind = registry.get(slug)
    if kind is None:
        raise SystemExit(f"No export kind {slug!r}")
    total = exports.export_for(kind, QueryDict(), user=user).rows.count()

    def stream() -> Iterator[bytes]:
        wanted = exports.export_for(kind, QueryDict(), user=user)
        response = csv_response(filename="bench.csv", header=wanted.header, rows=wanted.lines())
        return iter(response.streaming_content)  # type: ignore[arg-type]

    started = time.perf_counter()
    chunks = sum(1 for _chunk in stream())  # the header, then a chunk of rows each (core.csv.ROWS_PER_CHUNK)
    seconds = time.perf_counter() - started

    tracemalloc.start()
    early_peak = 0
    try:
        for done, _chunk in enumerate(stream()):
            if done == max(1, chunks // 10):
                early_peak = tracemalloc.get_traced_memory()[1]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return {
        "kind": slug,
        "rows": total,
        "seconds": round(seconds, 3),
        "rows_per_second": round(total / seconds, 1),
        "early_peak_mb": round(early_peak / 2**20, 2),
        "peak_mb": round(peak / 2**20, 2),
    }
