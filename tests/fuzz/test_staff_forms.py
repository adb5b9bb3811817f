"""Hostile input on every staff page and form: no server error, and a refused form changes nothing.

The targets come from the permission matrix (tests/test_permissions.py): each URL is built from its world and
opened by a persona allowed on it; the page's GET forms and links give its query parameters and its POST forms
(on whatever page they sit) the forms to post. A new URL joins the matrix, and so joins this test.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.fuzz.discover import Target, targets
from tests.fuzz.runner import fuzz, report
from tests.test_permissions import MATRIX, world  # noqa: F401 - the matrix's world is this test's fixture

pytestmark = pytest.mark.django_db


def _persona(access: dict[str, int]) -> str:
    """Who opens the page: a coordinator where they may, else anybody it opens for (the login page)."""
    if access["coordinator"] != 200 and access["anon"] == 200:
        return "anon"
    return "coordinator"


def staff_targets(world, clients) -> list[Target]:  # noqa: F811 - the world fixture's value
    pages = []
    for name in sorted(MATRIX):
        access, kwargs = MATRIX[name]
        persona = _persona(access)
        pages.append((reverse(name, kwargs=kwargs(world)), persona, clients[persona]))
    return targets(pages)


@pytest.fixture
def clients(anon_client, coordinator_client):
    return {"anon": anon_client, "coordinator": coordinator_client}


def test_the_fuzzer_finds_the_pages_parameters_and_forms(world, clients):  # noqa: F811
    found = {(t.method, t.path): t for t in staff_targets(world, clients)}
    partnerships = found["get", reverse("partnerships:list")]
    assert {"q", "status", "school", "page"} <= partnerships.fields.keys()
    create = found["post", reverse("partnerships:create")]
    assert {"name", "school", "business"} <= create.fields.keys()
    # A POST-only URL, and a form found on another page than its own (the detail page's transitions).
    assert ("post", reverse("communications:notification_read_all")) in found
    assert ("post", reverse("logout")) in found


def test_no_query_parameter_of_any_staff_page_is_a_server_error(world, clients):  # noqa: F811
    failures = [
        f
        for t in staff_targets(world, clients)
        if t.method == "get" and (f := fuzz(t, clients[t.persona], allowed=_allowed(t)))
    ]
    assert not failures, report(failures)


def test_no_staff_form_is_a_server_error_or_changes_rows_when_refused(world, clients):  # noqa: F811
    failures = [f for t in staff_targets(world, clients) if t.method == "post" and (f := fuzz(t, clients[t.persona]))]
    assert not failures, report(failures)


def _allowed(target: Target) -> frozenset[int]:
    # The health check answers 503 when the database or broker is down: that is its contract.
    return frozenset({503}) if target.path == reverse("healthz") else frozenset()
