"""Choosing a partnership by typing (core/suggest.py): suggestions appear as the coordinator types, a
chosen or typed name filters the placements, and a name that fits several says so; on desktop and phone."""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.browser import DESKTOP, PHONE
from tests.factories import BusinessFactory, PlacementFactory, SchoolFactory, StudentFactory, active_partnership


def test_a_coordinator_filters_placements_by_a_partnership_typed_with_suggestions(journey, coordinator):
    school = SchoolFactory(name="Lincoln High")
    summit = active_partnership(school=school, business=BusinessFactory(name="Summit Solar"))
    harbor = active_partnership(school=school, business=BusinessFactory(name="Harbor Solar"))
    PlacementFactory(partnership=summit, student=StudentFactory(legal_first_name="Maya", last_name="Okonkwo"))
    PlacementFactory(partnership=harbor, student=StudentFactory(legal_first_name="Ivo", last_name="Petrov"))
    page = journey.page
    field = page.get_by_label("Partnership", exact=True)
    table = page.get_by_role("table")

    journey.sign_in(coordinator)
    journey.visit(reverse("students:placement_list"), "placements")
    expect(table).to_contain_text("Ivo Petrov")

    # Typing asks for suggestions; the coordinator picks one (as choosing from the list fills the field).
    field.fill("summ")
    suggestion = page.locator("#id_partnership-suggestions option")
    expect(suggestion).to_have_count(1)
    expect(suggestion).to_have_attribute("value", f"Lincoln High × Summit Solar (#{summit.pk})")
    field.fill(suggestion.get_attribute("value") or "")
    journey.press("Filter", "filtered by a chosen partnership")
    expect(table).to_contain_text("Maya Okonkwo")
    expect(table).not_to_contain_text("Ivo Petrov")

    # A name that fits two partnerships: the list stays, the field says what to do, the typed text is kept.
    field.fill("solar")
    journey.press("Filter", "a name that fits two")
    expect(page.get_by_text("More than one partnership matches “solar”")).to_be_visible()
    expect(field).to_have_value("solar")

    # Typed in part, not picked: the one partnership with it is chosen.
    field.fill("harbor")
    journey.press("Filter", "filtered by a typed name")
    expect(field).to_have_value(f"Lincoln High × Harbor Solar (#{harbor.pk})")
    expect(table).to_contain_text("Ivo Petrov")
    page.set_viewport_size(PHONE)
    journey.check("filtered, on a phone")
    page.set_viewport_size(DESKTOP)
