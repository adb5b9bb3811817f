"""Hostile input on every portal page and form: no server error, and a refused form changes nothing.

The targets come from the portal's matrix (tests/portal/matrix/): each URL is built for business A's rows and
opened by a persona allowed on it; the matrix's example POST adds plausible values to what the pages offer.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.fuzz.discover import Target, targets
from tests.fuzz.runner import fuzz, report
from tests.portal.conftest import clients, world  # noqa: F401 - the portal matrix's fixtures
from tests.portal.matrix import ADMIN_A, BOTH, MENTOR_A, OTHER_MENTOR_A, all_entries

pytestmark = pytest.mark.django_db

ENTRIES = all_entries()


def portal_targets(world, clients) -> list[Target]:  # noqa: F811 - the fixtures' values
    pages, seeds = [], {}
    for name, entry in sorted(ENTRIES.items()):
        persona = next(p for p in (ADMIN_A, MENTOR_A, BOTH, OTHER_MENTOR_A) if entry.expects(p))
        path = reverse(name, kwargs=entry.own(world))
        pages.append((path, persona, clients[persona]))
        if entry.post:
            seeds[path] = entry.post(world)
    return targets(pages, seeds)


def test_the_fuzzer_finds_the_portal_forms(world, clients):  # noqa: F811
    found = {(t.method, t.path) for t in portal_targets(world, clients)}
    assert ("post", reverse("portal:choose")) in found
    assert ("get", reverse("portal:placements")) in found


def test_no_portal_page_or_form_is_a_server_error_or_changes_rows_when_refused(world, clients):  # noqa: F811
    failures = [f for t in portal_targets(world, clients) if (f := fuzz(t, clients[t.persona]))]
    assert not failures, report(failures)
