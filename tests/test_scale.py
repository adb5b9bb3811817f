"""The main staff pages on a district of `seed_district --scale 0.1` (200 businesses, 3,000 students, 1,000
placements, 50,000 log entries): each uses at most MAX_QUERIES queries, however large the district.

The district is built once for this module and emptied after it. The lead adds the new pages of issue 12
to PAGES (a URL name, and how to find the row a detail page shows)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.db.models import Count
from django.urls import reverse

from partnerships.models import Organization, Partnership
from safety.models import SafetyPolicy
from students.models import Placement, Student

MAX_QUERIES = 12
SCALE = "0.1"
# Pages not yet within MAX_QUERIES, at their pinned counts (fixed, not growing: tests/test_query_counts.py):
# each shows many small sections, a query each. Bring them down and delete them from here.
NOT_YET: dict[str, int] = {}


def busiest_partnership() -> dict:
    return {"pk": Partnership.objects.active().annotate(n=Count("placements")).order_by("-n", "pk")[0].pk}


def busiest_business() -> dict:
    return {
        "pk": Organization.objects.businesses().annotate(n=Count("business_partnerships")).order_by("-n", "pk")[0].pk
    }


def active_placement() -> dict:
    return {"pk": Placement.objects.active().annotate(n=Count("hours")).order_by("-n", "pk")[0].pk}


def placed_student() -> dict:
    return {"pk": Student.objects.annotate(n=Count("placements")).filter(n__gt=0).order_by("-n", "pk")[0].pk}


def nothing() -> dict:
    return {}


# (URL name, the URL's kwargs on the built district)
PAGES: list[tuple[str, Callable[[], dict]]] = [
    ("home", nothing),
    ("partnerships:list", nothing),
    ("partnerships:detail", busiest_partnership),
    ("partnerships:people", busiest_partnership),
    ("safety:partnership", busiest_partnership),
    ("partnerships:organization_list", nothing),
    ("partnerships:organization_detail", busiest_business),
    ("students:student_list", nothing),
    ("students:student_detail", placed_student),
    ("students:placement_list", nothing),
    ("students:placement_detail", active_placement),
    ("safety:placement", active_placement),
    ("safety:dashboard", nothing),
    ("safety:check_list", nothing),
    ("communications:log_list", nothing),
    ("communications:feedback_list", nothing),
    ("communications:story_list", nothing),
    ("communications:thanks_list", nothing),
    # Issue 12's pages.
    ("health:help", nothing),
    ("health:partnership", busiest_partnership),
    ("reports:charts", nothing),
    ("reports:partnership_impact", busiest_partnership),
    ("reports:business_impact", busiest_business),
    ("exports:list", nothing),
    ("calendar:home", nothing),
    ("search:results", nothing),
]
# The query string a page is asked with, where it matters: a search that finds something of every kind.
QUERY = {"search:results": {"q": "an"}, "partnerships:list": {"sort": "health"}}


def empty_the_database() -> None:
    """Every row gone but those migrations wrote (content types, permissions, the safety policy), as the
    tests after this module expect: the content types keep their ids, so their cache stays right."""
    keep = {"django_migrations", "django_content_type", "auth_permission"}
    tables = [name for name in connection.introspection.django_table_names(only_existing=True) if name not in keep]
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables, allow_cascade=True))
    SafetyPolicy.objects.create()  # as safety/migrations/0002_create_policy.py does


@pytest.fixture(scope="module")
def district(django_db_setup, django_db_blocker):
    """The district, committed for the module's tests (each runs in a transaction of its own on top)."""
    with django_db_blocker.unblock():
        call_command("seed_district", "--scale", SCALE, "--seed", "1", "--force")
        call_command("snapshot_health")  # as the beat does each morning: scores for the lists and health pages
        call_command("snapshot_district")  # and the figures the charts draw
        yield
        empty_the_database()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kwargs"), PAGES, ids=[name for name, _ in PAGES])
def test_a_main_page_of_a_large_district_uses_few_queries(
    name, kwargs, district, coordinator_client, django_assert_max_num_queries
):
    url = reverse(name, kwargs=kwargs())
    query = QUERY.get(name, {})
    coordinator_client.get(url, query)  # the session and the permission caches warm
    with django_assert_max_num_queries(NOT_YET.get(name, MAX_QUERIES)):
        response = coordinator_client.get(url, query)
    assert response.status_code == 200
