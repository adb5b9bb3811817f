"""Each kind's search is an index lookup on PostgreSQL: the plan of the very query the search page runs uses
the kind's GIN indexes (dashboard migration 0002) and reads no table whole. Sequential scans are turned off,
so a plan that still has one has no index to use: an index whose expression no longer matches the query's
fails here. On SQLite, which matches with LIKE '%word%', that migration creates nothing."""

from __future__ import annotations

import pytest
from django.db import connection

from dashboard.search import selectors
from tests.factories import BusinessFactory, ContactFactory, SchoolFactory, StudentFactory, active_partnership

pytestmark = pytest.mark.django_db

SEARCH_INDEXES = {
    "search_partnership",
    "search_organization",
    "search_organization_name",
    "search_contact",
    "search_student",
}

# The indexes each kind's search must use (the student ID's too, which a student search also looks up).
USES = {
    "partnerships": {"search_partnership", "search_organization_name"},
    "organizations": {"search_organization"},
    "contacts": {"search_contact"},
    "students": {"search_student", "student_id_upper"},
}


@pytest.fixture
def some_of_each():
    for n in range(5):
        business = BusinessFactory(name=f"José Robotics {n}", city="Brookhaven")
        school = SchoolFactory(name=f"Lincoln High {n}")
        active_partnership(business=business, school=school, name=f"Lincoln and José Robotics {n}")
        ContactFactory(organization=business, first_name="José", last_name=f"Robles{n}", title="Engineer")
        StudentFactory(legal_first_name="José", last_name=f"Okonkwo{n}", school=school)


def plan_of(kind_key: str, q: str) -> str:
    kind = next(kind for kind in selectors.KINDS if kind.key == kind_key)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # until the test's transaction rolls back
    return selectors.first_matches(kind, q).explain()


@pytest.mark.parametrize("kind_key", list(USES))
@pytest.mark.parametrize("q", ["jose", "jose rob"], ids=["one word", "two words"])
def test_each_kinds_search_is_an_index_lookup_on_postgresql(kind_key, q, some_of_each):
    plan = plan_of(kind_key, q)
    if connection.vendor == "postgresql":
        assert "Seq Scan" not in plan, plan
        assert {index for index in USES[kind_key] if f"Index Scan on {index} " in plan} == USES[kind_key], plan
    else:
        # LIKE '%jose%' can use no index: SQLite reads the table, as docs say it does.
        assert "SCAN" in plan


def search_indexes_present() -> set[str]:
    with connection.cursor() as cursor:
        tables = ["partnerships_partnership", "partnerships_organization", "partnerships_contact", "students_student"]
        return {
            name
            for table in tables
            for name in connection.introspection.get_constraints(cursor, table)
            if name in SEARCH_INDEXES
        }


def test_the_search_indexes_are_made_on_postgresql_and_nothing_on_sqlite():
    if connection.vendor == "postgresql":
        assert search_indexes_present() == SEARCH_INDEXES
    else:
        assert search_indexes_present() == set()
