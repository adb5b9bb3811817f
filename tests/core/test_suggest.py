"""Choosing a row of a large table by typing (core/suggest.py): the suggestions, the typed name looked up,
the messages when it names none or several, and list pages that no longer grow with the district."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from core import suggest
from partnerships.choosers import PARTNERSHIPS
from partnerships.models import Partnership
from tests.factories import (
    BusinessFactory,
    ContactFactory,
    PartnershipFactory,
    PlacementFactory,
    SchoolFactory,
    StudentFactory,
)

pytestmark = pytest.mark.django_db

CHOOSERS = ["partnerships", "open-partnerships", "businesses", "business-people", "students", "open-placements"]


def suggestions(client, name: str, text: str):
    return client.get(reverse("suggest", args=[name]), {"q": text})


@pytest.fixture
def lincoln():
    return SchoolFactory(name="Lincoln High")


@pytest.fixture
def summit(lincoln):
    return PartnershipFactory(school=lincoln, business=BusinessFactory(name="Summit Solar"))


@pytest.fixture
def harbor(lincoln):
    return PartnershipFactory(school=lincoln, business=BusinessFactory(name="Harbor Solar"))


# The suggestions ----------------------------------------------------------------------------------------


def test_a_coordinator_gets_the_rows_whose_fields_hold_every_typed_word(coordinator_client, summit, harbor):
    response = suggestions(coordinator_client, "partnerships", "lincoln summ")

    assert response.status_code == 200
    assert response.json() == {
        "results": [{"value": f"Lincoln High × Summit Solar (#{summit.pk})", "label": "Lincoln High × Summit Solar"}]
    }


def test_suggestions_are_a_few_rows_however_many_match(coordinator_client, lincoln):
    for n in range(15):
        PartnershipFactory(school=lincoln, business=BusinessFactory(name=f"Solar {n:02d}"))

    results = suggestions(coordinator_client, "partnerships", "solar").json()["results"]

    assert len(results) == suggest.SUGGESTIONS


def test_nothing_typed_suggests_nothing(coordinator_client, summit):
    assert suggestions(coordinator_client, "partnerships", " ").json() == {"results": []}


@pytest.mark.parametrize("name", CHOOSERS)
def test_every_chooser_answers_coordinators_and_never_partners(name, coordinator_client, partner_a_client, anon_client):
    assert suggestions(coordinator_client, name, "a").status_code == 200
    assert suggestions(partner_a_client, name, "a").status_code == 404
    assert suggestions(anon_client, name, "a").status_code == 302


def test_an_unknown_chooser_is_not_found(coordinator_client):
    assert suggestions(coordinator_client, "passwords", "a").status_code == 404


def test_each_chooser_finds_its_rows_by_name(coordinator_client):
    placement = PlacementFactory(student=StudentFactory(legal_first_name="Maya", last_name="Rivera"))
    business = placement.partnership.business

    assert (
        suggestions(coordinator_client, "students", "maya riv")
        .json()["results"][0]["label"]
        .startswith("Maya Rivera, grade")
    )
    assert business.name in suggestions(coordinator_client, "businesses", business.name).json()["results"][0]["label"]
    label = suggestions(coordinator_client, "open-placements", "rivera").json()["results"][0]["label"]
    assert label.startswith(f"Maya Rivera's {placement.get_kind_display().lower()} at {business.name}")
    mentor = placement.mentor
    label = suggestions(coordinator_client, "business-people", mentor.last_name).json()["results"][0]["label"]
    assert label == f"{mentor.full_name}, {business.name}"


# Typing a name and sending the form ----------------------------------------------------------------------


def resolve(text: str):
    return PARTNERSHIPS.resolve(Partnership.objects.all(), text)


def test_a_chosen_suggestion_names_its_row_by_id(summit, harbor):
    assert resolve(f"Lincoln High × Summit Solar (#{summit.pk})") == summit


def test_a_bare_id_as_links_pass_it_is_accepted(summit):
    assert resolve(str(summit.pk)) == summit


def test_part_of_a_name_that_only_one_row_has_chooses_it(summit, harbor):
    assert resolve("summit") == summit


def test_a_name_typed_in_full_chooses_it_even_when_others_contain_it(lincoln, summit):
    longer = PartnershipFactory(school=lincoln, business=BusinessFactory(name="Summit Solar East"))

    assert resolve("Lincoln High × Summit Solar") == summit
    assert resolve("summit solar east") == longer


def test_a_name_that_matches_nothing_says_so(summit):
    with pytest.raises(ValidationError, match="No partnership matches “Sunrise”. Check the spelling"):
        resolve("Sunrise")


def test_a_name_that_several_rows_share_asks_for_more(summit, harbor):
    with pytest.raises(ValidationError, match="More than one partnership matches “solar” .*: type more of the name"):
        resolve("solar")


def test_an_id_outside_what_the_form_accepts_is_refused(summit, harbor):
    with pytest.raises(ValidationError, match="is not a partnership you can choose here"):
        PARTNERSHIPS.resolve(Partnership.objects.exclude(pk=summit.pk), f"Anything (#{summit.pk})")


# On a list page ---------------------------------------------------------------------------------------------


def test_the_placement_list_filters_by_a_typed_partnership(coordinator_client, summit, harbor):
    at_summit = PlacementFactory(partnership=summit, student=StudentFactory(last_name="Atsummit"))
    PlacementFactory(partnership=harbor, student=StudentFactory(last_name="Atharbor"))

    response = coordinator_client.get(reverse("students:placement_list"), {"partnership": "summit"})

    assertContains(response, at_summit.student.last_name)
    assertNotContains(response, "Atharbor")
    # The field shows the partnership it chose, by name and id, tied to its suggestions.
    assertContains(response, f'value="Lincoln High × Summit Solar (#{summit.pk})"')
    assertContains(response, 'list="id_partnership-suggestions"')
    assertContains(response, f'data-suggest="{reverse("suggest", args=["partnerships"])}"')


def test_the_placement_list_says_what_is_wrong_with_a_typed_partnership(coordinator_client, summit, harbor):
    response = coordinator_client.get(reverse("students:placement_list"), {"partnership": "solar"})

    assert response.status_code == 200
    assertContains(response, "More than one partnership matches “solar”")
    assertContains(response, 'value="solar"')  # what was typed stays, to correct


@pytest.mark.parametrize(
    "url_name", ["students:placement_list", "communications:log_list", "communications:feedback_list"]
)
def test_a_list_page_does_not_grow_with_the_partnerships(url_name, coordinator_client, lincoln):
    def size() -> int:
        return len(coordinator_client.get(reverse(url_name)).content)

    PartnershipFactory(school=lincoln, status="active")
    before = size()
    for n in range(40):
        PartnershipFactory(school=lincoln, business=BusinessFactory(name=f"Quiet Business Number {n:02d}"))

    assert size() - before < 100


# Choosing a partnership before a form about it --------------------------------------------------------------


def test_the_choose_page_continues_with_the_typed_partnership(coordinator_client, summit, harbor):
    url = reverse("communications:log_create")

    response = coordinator_client.get(url, {"partnership": "summit", "next": "/safety/"})

    assert response.status_code == 302
    assert response.url == f"{url}?partnership={summit.pk}&next=%2Fsafety%2F"


def test_the_choose_page_asks_again_when_the_typed_name_is_not_one_partnership(coordinator_client, summit, harbor):
    response = coordinator_client.get(reverse("communications:log_create"), {"partnership": "solar"})

    assert response.status_code == 200
    assertContains(response, "More than one partnership matches “solar”")
    assertContains(response, 'aria-invalid="true"')


# On the placement form --------------------------------------------------------------------------------------


def test_the_placement_form_offers_as_other_staff_only_the_chosen_partnerships_people(coordinator_client, summit):
    ContactFactory(organization=summit.business, first_name="Sam", last_name="Summitstaff")
    ContactFactory(organization=BusinessFactory(name="Elsewhere Inc"), first_name="Eve", last_name="Elsewhere")
    url = reverse("students:placement_create")

    chosen = coordinator_client.get(url, {"partnership": summit.pk})
    assertContains(chosen, "Sam Summitstaff")
    assertNotContains(chosen, "Eve Elsewhere")

    not_yet = coordinator_client.get(url)
    assertNotContains(not_yet, "Sam Summitstaff")
    assertContains(not_yet, "once the partnership is chosen, its people are offered here")
