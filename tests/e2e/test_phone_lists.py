"""List pages on a 375 px phone: the filters fold behind a button and every row reads whole, as a card."""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import expect

from partnerships.models import Partnership
from tests import test_permissions as matrix
from tests.e2e.browser import DESKTOP, PHONE
from tests.factories import active_partnership

# The permission matrix's objects: at least one row on every list page.
world = matrix.world

LIST_PAGES = [
    "partnerships:list",
    "partnerships:organization_list",
    "students:student_list",
    "students:placement_list",
    "safety:check_list",
    "safety:protocol_list",
    "communications:log_list",
    "communications:story_list",
    "communications:feedback_list",
    "communications:reminder_list",
    "communications:thanks_list",
]

# Every cell of the page's list tables: whether it lies inside the window, the label it shows, and the
# words of its column's header (null for the row's first cell and for a header with only hidden words).
CELLS = """() => [...document.querySelectorAll('table.sb-stack tbody tr > *')].map(cell => {
    const box = cell.getBoundingClientRect();
    const th = cell.closest('table').tHead.rows[0].cells[cell.cellIndex];
    const hidden = th.querySelector('.visually-hidden');
    const shown = cell.cellIndex > 0 && !(hidden && hidden.textContent.trim() === th.textContent.trim());
    const label = getComputedStyle(cell, '::before').content;
    return {
        text: cell.innerText.trim().slice(0, 40),
        inside: box.left >= 0 && box.right <= window.innerWidth,
        header: shown ? th.textContent.replace(/[▲▼]/g, '').trim() : null,
        label: label.startsWith('"') ? JSON.parse(label) : null,
    };
})"""


def test_list_pages_fold_their_filters_and_show_every_cell_on_a_phone(journey, world, coordinator):
    page = journey.page
    page.set_viewport_size(PHONE)
    journey.sign_in(coordinator)
    for name in LIST_PAGES:
        journey.visit(reverse(name), f"{name} at 375 px")
        cells = page.evaluate(CELLS)
        assert cells, f"{name}: no rows to show"
        cut_off = [cell["text"] for cell in cells if not cell["inside"]]
        assert not cut_off, f"{name}: cells cut off at 375 px: {cut_off}"
        mislabelled = [
            (cell["text"], cell["label"], cell["header"]) for cell in cells if cell["label"] != cell["header"]
        ]
        assert not mislabelled, f"{name}: cells not under their column's name (text, label, header): {mislabelled}"
        header = page.locator("table.sb-stack thead").first.bounding_box()
        assert header["height"] <= 1, f"{name}: the column headers still show above the cards"  # kept for readers

        toggle = page.locator(".sb-filter-toggle")
        if toggle.count():  # the page has a filter bar
            form = page.locator("form.sb-filter")
            expect(toggle).to_have_attribute("aria-expanded", "false")
            expect(form).to_be_hidden()
            toggle.click()
            expect(form).to_be_visible()
            expect(toggle).to_have_attribute("aria-expanded", "true")
            assert toggle.get_attribute("aria-controls") == form.get_attribute("id")


def test_filters_start_open_on_a_phone_when_one_is_on_but_not_for_sorting(journey, world, coordinator):
    page = journey.page
    page.set_viewport_size(PHONE)
    journey.sign_in(coordinator)
    toggle, form = page.locator(".sb-filter-toggle"), page.locator("form.sb-filter")

    journey.visit(reverse("partnerships:list") + "?status=active", "filtered by status")
    expect(form).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(toggle).to_contain_text("Status")  # the button names the filter that is on
    expect(page.get_by_label("Status")).to_have_value("active")
    business = world["partnership"].business.name
    expect(page.locator('td[data-label="Business"]', has_text=business)).to_be_visible()  # under its column's name

    journey.visit(reverse("partnerships:list") + "?sort=name", "sorted only")
    expect(form).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")


def test_on_a_phone_a_list_sorts_from_its_filter_bar(journey, world, coordinator):
    """The sortable column headers fold away below 768 px; the same sorts are a choice in the filter bar."""
    for name, score in (("Aardvark Works", 90), ("Zebra Labs", 20)):
        Partnership.objects.filter(pk=active_partnership(name=name).pk).update(health_score=score)
    page = journey.page
    page.set_viewport_size(PHONE)
    journey.sign_in(coordinator)
    journey.visit(reverse("partnerships:list"), "partnerships at 375 px")

    journey.open_filters()
    page.get_by_label("Sort by").select_option(label="Health score")
    journey.press("Filter", "sorted by health")

    expect(page.locator("table.sb-stack tbody tr").first).to_contain_text("Zebra Labs")
    expect(page.get_by_label("Sort by")).to_have_value("health")


def test_list_pages_keep_their_filter_bar_and_table_on_a_desktop(journey, world, coordinator):
    page = journey.page
    page.set_viewport_size(DESKTOP)
    journey.sign_in(coordinator)
    journey.visit(reverse("partnerships:list"), "partnerships at 1280 px")
    expect(page.locator(".sb-filter-toggle")).to_be_hidden()
    expect(page.locator("form.sb-filter")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Business")).to_be_visible()
    expect(page.get_by_label("Sort by")).to_be_hidden()  # the column headers sort on a desktop
    partnership = world["partnership"]
    row = page.get_by_role("row").filter(has_text=partnership.name)
    expect(row.get_by_role("cell").nth(1)).to_have_text(partnership.business.name)
