"""A coordinator opens the reports, computes the district's figures, reads a chart and its table, then opens a
partnership's impact report, changes its period, and prints it on A4 and Letter paper."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from dashboard.reports.forms import school_year
from students.models import Placement
from tests.e2e.browser import DESKTOP, PHONE, sideways_overflow, sign_in
from tests.factories import BusinessFactory, HoursEntryFactory, PlacementFactory, StudentFactory, active_partnership


def acme_with_hours():
    """Acme Robotics hosting Maya Okonkwo since 60 days ago, with verified hours 40 days ago and yesterday."""
    today = timezone.localdate()
    partnership = active_partnership(
        business=BusinessFactory(name="Acme Robotics"), name="Riverside High × Acme Robotics"
    )
    placement = PlacementFactory(
        partnership=partnership,
        status=Placement.Status.ACTIVE,
        start_date=today - datetime.timedelta(days=60),
        student=StudentFactory(legal_first_name="Maya", last_name="Okonkwo", school=partnership.school),
    )
    verified = {"verified_at": timezone.now(), "verified_by": "Ana Mentor"}
    for days, hours in ((40, "5"), (1, "3")):
        HoursEntryFactory(
            placement=placement, date=today - datetime.timedelta(days=days), hours=Decimal(hours), **verified
        )
    return partnership


def pdf_page_count(pdf: bytes) -> int:
    """The page count in the PDF's page tree (Chromium writes one /Pages node with /Count)."""
    counts = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf, re.S)]
    counts += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf, re.S)]
    return max(counts, default=0)


def pdf_title(pdf: bytes) -> str:
    """The document's title in the PDF's metadata (Chromium writes the page's <title> as UTF-16 hex)."""
    found = re.search(rb"/Title\s*<FEFF([0-9A-Fa-f]*)>", pdf)
    return bytes.fromhex(found.group(1).decode()).decode("utf-16-be") if found else ""


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_coordinator_reads_the_charts_and_a_partnerships_impact_report_for_a_chosen_period(journey, coordinator, size):
    partnership = acme_with_hours()
    today = timezone.localdate()
    start, _end = school_year()
    in_school_year = sum(h for days, h in ((40, 5), (1, 3)) if today - datetime.timedelta(days=days) >= start)
    page = journey.page
    page.set_viewport_size(size)

    journey.sign_in(coordinator)
    journey.visit(reverse("reports:charts"), "reports before any figures")
    expect(page.get_by_role("heading", name="No figures yet")).to_be_visible()

    journey.press("Compute the figures now", "figures computed")
    assert "figures for" in journey.message()
    chart = page.get_by_role("img", name="Placements by status over time, a line chart", exact=False)
    expect(chart).to_be_visible()
    assert page.evaluate("() => !!Chart.getChart(document.getElementById('placements-status-canvas'))")
    table = page.get_by_role("table", name="Placements by status over time")
    month = f"{today:%b %Y}"
    expect(table.get_by_role("row", name=month)).to_contain_text("1")  # the one active placement
    expect(page.get_by_role("table", name="Hours per month").get_by_role("row", name=month)).to_be_visible()
    assert sideways_overflow(page) == 0

    journey.visit(partnership.get_absolute_url(), "partnership")
    journey.follow("Impact report", "impact report for the school year")
    expect(page.get_by_role("heading", name="Impact report: Riverside High × Acme Robotics")).to_be_visible()
    glance = page.get_by_role("region", name="At a glance")
    expect(glance).to_contain_text(re.compile(rf"Hours \(verified\)\s*{in_school_year}\b"))
    expect(page.get_by_role("region", name="Students and hours")).to_contain_text("Maya O.")
    assert "Okonkwo" not in page.content()
    assert sideways_overflow(page) == 0

    page.get_by_label("From", exact=True).fill(f"{today - datetime.timedelta(days=7):%Y-%m-%d}")
    page.get_by_label("To", exact=True).fill(f"{today:%Y-%m-%d}")
    journey.press("Show this period", "impact report for the last week")
    expect(glance).to_contain_text(re.compile(r"Hours \(verified\)\s*3\b"))

    page.get_by_label("From", exact=True).fill(f"{today:%Y-%m-%d}")
    page.get_by_label("To", exact=True).fill(f"{today - datetime.timedelta(days=7):%Y-%m-%d}")
    journey.press("Show this period", "a period that ends before it starts")
    expect(page.get_by_text("The period ends before it starts")).to_be_visible()
    expect(page.get_by_label("From", exact=True)).to_have_value(f"{today:%Y-%m-%d}")


def test_the_impact_report_prints_clean_a4_and_letter_pages(page, live_server, coordinator):
    partnership = acme_with_hours()
    sign_in(page, live_server.url, coordinator)
    page.goto(live_server.url + reverse("reports:partnership_impact", args=[partnership.pk]))
    expect(page.get_by_role("button", name="Print")).to_be_visible()  # shown once its script runs

    for paper in ("A4", "Letter"):
        pdf = page.pdf(format=paper)
        assert pdf.startswith(b"%PDF-")
        assert pdf_page_count(pdf) >= 1, f"no page in the {paper} PDF"
        assert pdf_title(pdf).startswith("Impact report: Riverside High × Acme Robotics"), paper

    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Sections")).to_be_hidden()
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    expect(page.get_by_role("form", name="Period of the report")).to_be_hidden()
    expect(page.get_by_role("region", name="Students and hours")).to_contain_text("Maya O.")
    expect(page.get_by_text("Printed from SchoolBridge.")).to_be_visible()
