"""Search: one box across partnerships, organizations, contacts and students, grouped by kind. These tests run
on SQLite (icontains) and on PostgreSQL (full-text search) alike: the same results on both."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.urls import reverse

from dashboard.search import selectors
from tests.factories import (
    BusinessFactory,
    ContactFactory,
    SchoolFactory,
    StudentFactory,
    UserFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db

SEARCH = reverse("search:results")


def found(user, q: str) -> dict[str, list[str]]:
    """The titles each kind finds, by kind."""
    return {group.kind.key: [hit.title for hit in group.hits] for group in selectors.search(user, q)}


@pytest.fixture
def acme():
    business = BusinessFactory(name="Acme Robotics", city="Brookhaven")
    school = SchoolFactory(name="Lincoln High")
    partnership = active_partnership(business=business, school=school, name="Lincoln and Acme Robotics")
    ContactFactory(organization=business, first_name="Dana", last_name="Robles", title="Engineer")
    StudentFactory(legal_first_name="Maya", last_name="Okonkwo", school=school, district_student_id="RUSD-100358")
    return partnership


def test_results_are_grouped_by_kind_in_a_fixed_order(coordinator, acme):
    groups = selectors.search(coordinator, "rob")
    assert [group.kind.key for group in groups] == ["partnerships", "organizations", "contacts", "students"]
    assert found(coordinator, "rob") == {
        "partnerships": ["Lincoln and Acme Robotics"],
        "organizations": ["Acme Robotics"],
        "contacts": ["Dana Robles"],
        "students": [],
    }


def test_every_word_must_match_in_any_order_and_any_case(coordinator, acme):
    assert found(coordinator, "okonkwo MAYA")["students"] == ["Maya Okonkwo"]
    assert found(coordinator, "maya smith")["students"] == []
    assert found(coordinator, "DANA engineer")["contacts"] == ["Dana Robles"]


def test_a_word_may_be_the_start_of_a_name(coordinator, acme):
    assert found(coordinator, "okon")["students"] == ["Maya Okonkwo"]
    assert found(coordinator, "brook")["organizations"] == ["Acme Robotics"]


def test_a_student_is_found_by_district_student_id(coordinator, acme):
    assert found(coordinator, "rusd-100358")["students"] == ["Maya Okonkwo"]
    assert found(coordinator, "RUSD-100358")["students"] == ["Maya Okonkwo"]


def test_a_student_is_found_by_preferred_first_name(coordinator):
    StudentFactory(legal_first_name="Alexandra", preferred_first_name="Sasha", last_name="Ivanova")
    assert found(coordinator, "sasha")["students"] == ["Sasha Ivanova"]


def test_each_kind_shows_at_most_ten_with_the_full_count_and_a_link_to_see_all(coordinator):
    for n in range(13):
        BusinessFactory(name=f"Harbor Supply {n:02d}")
    [organizations] = [g for g in selectors.search(coordinator, "harbor") if g.kind.key == "organizations"]
    assert organizations.count == 13
    assert len(organizations.hits) == selectors.PER_KIND == 10
    assert organizations.more
    assert organizations.see_all_url == reverse("partnerships:organization_list") + "?q=harbor"


def test_contacts_have_no_list_to_see_all_in(coordinator, acme):
    [contacts] = [g for g in selectors.search(coordinator, "dana") if g.kind.key == "contacts"]
    assert contacts.see_all_url == ""


def test_punctuation_and_operators_are_not_a_syntax_to_break(coordinator, acme):
    # ʼ ŉ ⑴ ½ are word characters that unaccent turns into quotes, brackets and slashes.
    for q in ("rob & | ! :* ( ) '", "'; DROP TABLE x; --", "<b>rob</b>", "\\", "%", "_", "ʼ", "ŉ", "⑴ rob", "½"):
        selectors.search(coordinator, q)  # no error on either database
    assert found(coordinator, "acme!")["organizations"] == ["Acme Robotics"]


def test_accents_are_ignored_on_postgresql_and_must_be_typed_on_sqlite(coordinator):
    school = SchoolFactory(name="Escuela Sánchez")
    business = BusinessFactory(name="PANADERÍA JOSÉ", city="San José")
    active_partnership(business=business, school=school, name="Bread for Sánchez")
    ContactFactory(organization=business, first_name="Zoë", last_name="Łukasik")
    StudentFactory(legal_first_name="José", last_name="Núñez", school=school)
    if connection.vendor == "postgresql":
        assert found(coordinator, "jose nunez")["students"] == ["José Núñez"]
        assert found(coordinator, "JOSÉ")["students"] == ["José Núñez"]
        assert found(coordinator, "panaderia")["organizations"] == ["PANADERÍA JOSÉ"]
        assert found(coordinator, "jose")["organizations"] == ["PANADERÍA JOSÉ"]
        assert found(coordinator, "zoe lukasik")["contacts"] == ["Zoë Łukasik"]
        # Through the school's name, as through the partnership's own.
        assert found(coordinator, "escuela sanchez")["partnerships"] == ["Bread for Sánchez"]
        assert found(coordinator, "panaderia bread")["partnerships"] == ["Bread for Sánchez"]
    else:
        assert found(coordinator, "josé Núñez")["students"] == ["José Núñez"]
        assert found(coordinator, "jose")["students"] == []
        assert found(coordinator, "escuela sánchez")["partnerships"] == ["Bread for Sánchez"]


def test_a_partnership_is_found_by_words_of_its_name_school_and_business_together(coordinator, acme):
    assert found(coordinator, "lincoln acme")["partnerships"] == ["Lincoln and Acme Robotics"]
    acme.name = "Robots after school"
    acme.save()
    assert found(coordinator, "lincoln acme")["partnerships"] == ["Robots after school"]
    assert found(coordinator, "high robots")["partnerships"] == ["Robots after school"]
    assert found(coordinator, "high brookhaven")["partnerships"] == []  # a business's city is not its name


def test_an_empty_query_finds_nothing(coordinator, acme):
    assert selectors.search(coordinator, "   ") == []


def test_a_coordinator_without_a_kinds_permission_gets_no_group_of_it(acme):
    user = UserFactory()
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_partnership", "view_organization", "view_contact"])
    )
    assert [group.kind.key for group in selectors.search(user, "maya")] == ["partnerships", "organizations", "contacts"]


# The page ------------------------------------------------------------------------------------------------


def test_the_page_shows_each_kind_with_its_count_and_links(coordinator_client, acme):
    page = coordinator_client.get(SEARCH, {"q": "rob"}).content.decode()
    assert 'role="search"' in page
    assert "3 results for “rob”" in page
    assert f'href="{acme.get_absolute_url()}"' in page
    assert 'id="results-partnerships-h"' in page
    assert 'id="results-students-h"' not in page
    assert "No students match." in page


def test_the_page_without_words_says_what_to_type(coordinator_client):
    page = coordinator_client.get(SEARCH).content.decode()
    assert "Type a name, part of one, or a student ID" in page


def test_the_page_says_when_nothing_matches(coordinator_client, acme):
    page = coordinator_client.get(SEARCH, {"q": "zebra"}).content.decode()
    assert "Nothing matches “zebra”" in page


def test_a_query_too_long_is_refused_with_a_message_and_kept(coordinator_client):
    long = "robotics " * 20
    page = coordinator_client.get(SEARCH, {"q": long}).content.decode()
    assert "Ensure this value has at most 100 characters" in page
    assert long.strip() in page


def test_a_nul_byte_is_dropped_not_a_server_error(coordinator_client, acme):
    response = coordinator_client.get(SEARCH, {"q": "rob\x00otics"})
    assert response.status_code == 200


def test_a_partner_gets_the_404_of_any_staff_page(partner_a_client, business_a):
    active_partnership(business=business_a)
    response = partner_a_client.get(SEARCH, {"q": business_a.name})
    assert response.status_code == 404
    assert business_a.name not in response.content.decode()


def test_the_top_bar_search_box_goes_to_the_search_page(coordinator_client):
    page = coordinator_client.get(reverse("partnerships:list")).content.decode()
    assert f'action="{SEARCH}"' in page


@pytest.mark.parametrize("size", [2, 12])
def test_the_page_uses_a_fixed_number_of_queries(size, coordinator, django_assert_num_queries):
    for n in range(size):
        business = BusinessFactory(name=f"Harbor Works {n}")
        active_partnership(business=business, name=f"Harbor partnership {n}")
        ContactFactory(organization=business, last_name=f"Harbor{n}")
        StudentFactory(last_name=f"Harbor{n}")
    client = Client()
    client.force_login(coordinator)
    # Session, user, their permissions, the unread notifications, and one per kind (4).
    with django_assert_num_queries(8):
        response = client.get(SEARCH, {"q": "harbor"})
    assert response.status_code == 200


def test_postgresql_searches_with_full_text_search_and_sqlite_with_icontains(acme):
    kind = next(kind for kind in selectors.KINDS if kind.key == "students")
    sql = str(selectors.matching(kind, "maya").query)
    if connection.vendor == "postgresql":
        assert "to_tsvector" in sql and "to_tsquery" in sql
    else:
        assert "LIKE" in sql
