"""axe-core on every page a GET can reach, at desktop and phone width.

The walk takes each URL pattern (as tests/test_permissions.py does) as the first persona the permission
matrix lets in (coordinator, then partner, then anonymous), with the matrix's objects so that detail
pages have something to show. A new URL must join the matrix, and so joins this walk. At 375 px no page
may need scrolling sideways.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import test_permissions as matrix
from tests.e2e.browser import DESKTOP, PHONE, axe_violations, describe_violations, sideways_overflow, sign_in

# The permission matrix's objects: a partnership with everything on it, a placement, a note, ...
world = matrix.world

PERSONAS = ("coordinator", "partner", "anon")
# Files the browser downloads rather than shows (CSV exports): nothing for axe to read, and Chromium refuses
# to `goto` a download. Their content is tested where they are made.
DOWNLOADS = {"students:student_disclosures_csv", "exports:export", "calendar:feed"}  # CSV files, an .ics feed


def _pages() -> list[tuple[str, str]]:
    """(persona, URL name) for every pattern that answers a GET with a page."""
    pages = []
    for name in sorted(matrix.all_url_names()):
        if name.startswith((matrix.ADMIN_NAMESPACE + ":", "portal:")) or name in DOWNLOADS:
            continue  # the portal has a walk of its own (test_every_portal_page.py); a CSV is not a page
        access, _kwargs = matrix.MATRIX[name]
        persona = next((p for p in PERSONAS if access[p] == 200), None)
        if persona:
            pages.append((persona, name))
    return pages


def _section(name: str) -> str:
    return name.split(":")[0] if ":" in name else "accounts"


PAGES = _pages()
# One test per section, so that xdist shares the walk out while each test builds the world only once.
SECTIONS = sorted({_section(name) for _persona, name in PAGES})


@pytest.mark.parametrize("section", SECTIONS)
def test_every_page_passes_axe_on_desktop_and_phone(section, world, page, live_server, coordinator, partner_a):
    users = {"coordinator": coordinator, "partner": partner_a}
    signed_in_as = None
    problems = []
    checked = []
    for persona, name in (p for p in PAGES if _section(p[1]) == section):
        if persona != signed_in_as:
            page.context.clear_cookies()
            if persona in users:
                sign_in(page, live_server.url, users[persona])
            signed_in_as = persona
        url = reverse(name, kwargs=matrix.MATRIX[name][1](world))
        page.set_viewport_size(DESKTOP)
        response = page.goto(live_server.url + url)
        assert response is not None and response.status == 200, f"{persona} GET {url}: {response and response.status}"
        if not response.headers.get("content-type", "").startswith("text/html"):
            continue  # a photo or JSON: nothing for axe to read
        for size in (DESKTOP, PHONE):
            page.set_viewport_size(size)
            where = f"{url} as {persona}, {size['width']} px wide"
            if violations := axe_violations(page):
                problems.append(describe_violations(where, violations))
            if size == PHONE and (overflow := sideways_overflow(page)) > 0:
                problems.append(f"{where}: the page is {overflow} px too wide and scrolls sideways")
        checked.append(url)
    assert checked, f"No page checked in section {section}"
    assert not problems, "\n\n".join(problems)
