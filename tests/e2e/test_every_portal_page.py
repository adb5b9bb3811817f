"""axe-core on every portal page, at desktop and phone width, as an administrator and as a mentor.

The walk takes each portal URL of the portal's matrix (tests/portal/matrix/) with the matrix's world, as the
partner administrator of business A and as the mentor of its first placement, wherever the matrix lets
them in. A new portal URL must join the matrix, and so joins this walk. At 375 px no page may need
scrolling sideways.
"""

from __future__ import annotations

from django.urls import reverse

from tests.e2e.browser import DESKTOP, PHONE, axe_violations, describe_violations, sideways_overflow, sign_in
from tests.portal.conftest import world  # noqa: F401 (the matrix's world, as a fixture here)
from tests.portal.matrix import ADMIN_A, MENTOR_A, all_entries

ENTRIES = all_entries()


def test_every_portal_page_passes_axe_on_desktop_and_phone(world, page, live_server):  # noqa: F811
    problems, checked = [], []
    for persona in (ADMIN_A, MENTOR_A):
        page.context.clear_cookies()
        sign_in(page, live_server.url, world["users"][persona])
        for name, entry in sorted(ENTRIES.items()):
            if entry.get_status != 200 or not entry.expects(persona):
                continue
            url = reverse(name, kwargs=entry.own(world))
            page.set_viewport_size(DESKTOP)
            response = page.goto(live_server.url + url)
            assert response is not None and response.status == 200, f"{persona} GET {url}"
            if not response.headers.get("content-type", "").startswith("text/html"):
                continue  # a photo or a file: nothing for axe to read
            for size in (DESKTOP, PHONE):
                page.set_viewport_size(size)
                where = f"{url} as {persona}, {size['width']} px wide"
                if violations := axe_violations(page):
                    problems.append(describe_violations(where, violations))
                if size == PHONE and (overflow := sideways_overflow(page)) > 0:
                    problems.append(f"{where}: the page is {overflow} px too wide and scrolls sideways")
            checked.append((persona, url))
    assert {persona for persona, _url in checked} == {ADMIN_A, MENTOR_A}
    assert not problems, "\n\n".join(problems)
