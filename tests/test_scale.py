"""The main staff pages on a district of `seed_district --scale 0.1` (200 businesses, 3,000 students, 1,000
placements, 50,000 log entries): each uses at most MAX_QUERIES queries, however large the district.

The district is built once for this module and emptied after it. The lead adds the new pages of issue 12
to PAGES (a URL name, and how to find the row a detail page shows)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from partnerships.models import Organization, Partnership
from students.models import Placement, Student

MAX_QUERIES = 12
SCALE = "0.1"
# Pages not yet within MAX_QUERIES, at their pinned counts (fixed, not growing: tests/test_query_counts.py):
# each shows many small sections, a query each. Bring them down and delete them from here.
NOT_YET = {"partnerships:detail": 22, "students:placement_detail": 18}


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
    ("partnerships:organization_list", nothing),
    ("partnerships:organization_detail", busiest_business),
    ("students:student_list", nothing),
    ("students:student_detail", placed_student),
    ("students:placement_list", nothing),
    ("students:placement_detail", active_placement),
    ("safety:dashboard", nothing),
    ("safety:check_list", nothing),
    ("communications:log_list", nothing),
    ("communications:feedback_list", nothing),
    ("communications:story_list", nothing),
    ("communications:thanks_list", nothing),
]


@pytest.fixture(scope="module")
def district(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed_district", "--scale", SCALE, "--seed", "1", "--force")
        yield
        call_command("flush", interactive=False, verbosity=0)
        ContentType.objects.clear_cache()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "kwargs"), PAGES, ids=[name for name, _ in PAGES])
def test_a_main_page_of_a_large_district_uses_few_queries(
    name, kwargs, district, coordinator_client, django_assert_max_num_queries
):
    url = reverse(name, kwargs=kwargs())
    coordinator_client.get(url)  # the session and the permission caches warm
    with django_assert_max_num_queries(NOT_YET.get(name, MAX_QUERIES)):
        response = coordinator_client.get(url)
    assert response.status_code == 200
