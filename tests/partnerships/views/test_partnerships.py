"""The partnership pages (partnerships/views/partnerships.py): list, create, detail, edit and lifecycle,
with good and bad input.

The coordinator persona does the work; a user holding only the view permission shows that writes
check their own permission.
"""

import datetime
from decimal import Decimal

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from partnerships.models import (
    Organization,
    Partnership,
    Side,
    StatusChange,
)
from tests.factories import (
    BusinessFactory,
    CharterFactory,
    CommitmentDeliveryFactory,
    CommitmentFactory,
    ContactFactory,
    GoalFactory,
    HandoffFactory,
    PartnershipFactory,
    PartnershipRoleFactory,
    PointOfContactFactory,
    SchoolFactory,
    UserFactory,
    active_partnership,
)
from tests.form_data import versioned
from tests.helpers import today
from tests.partnerships.views.helpers import NO_REASON, Status, detail_url, flashed, iso, url

pytestmark = pytest.mark.django_db


# Partnership list ------------------------------------------------------------------------------------


def test_partnership_list_shows_each_partnership_with_its_sides(coordinator_client, partnership):
    response = coordinator_client.get(url("list"))
    assert response.status_code == 200
    assertContains(response, "Lincoln and Acme")
    assertContains(response, "Lincoln High")
    assertContains(response, "Acme Tools")
    assertContains(response, "1 partnership<")
    assertContains(response, "Missing on both sides")


def test_partnership_list_says_when_both_sides_have_a_primary_contact(coordinator_client):
    active_partnership(name="Fully Staffed")
    response = coordinator_client.get(url("list"))
    assertContains(response, "Fully Staffed")
    assertContains(response, "Both sides named")


def test_partnership_list_filters_by_status(coordinator_client):
    PartnershipFactory(name="Prospect One", status=Status.PROSPECT)
    PartnershipFactory(name="Active One", status=Status.ACTIVE)
    response = coordinator_client.get(url("list"), {"status": "active"})
    assertContains(response, "Active One")
    assertNotContains(response, "Prospect One")


def test_partnership_list_filters_by_business_sector(coordinator_client):
    clinic = BusinessFactory(name="Cedar Clinic", sector=Organization.Sector.HEALTHCARE)
    bakery = BusinessFactory(name="Dough Bakery", sector=Organization.Sector.HOSPITALITY)
    PartnershipFactory(name="Health Partnership", business=clinic)
    PartnershipFactory(name="Food Partnership", business=bakery)
    response = coordinator_client.get(url("list"), {"sector": "healthcare"})
    assertContains(response, "Health Partnership")
    assertNotContains(response, "Food Partnership")


def test_partnership_list_filters_by_school(coordinator_client):
    lincoln = SchoolFactory(name="Lincoln High")
    roosevelt = SchoolFactory(name="Roosevelt Middle")
    PartnershipFactory(name="Partnership at Lincoln", school=lincoln)
    PartnershipFactory(name="Partnership at Roosevelt", school=roosevelt)
    response = coordinator_client.get(url("list"), {"school": roosevelt.pk})
    assertContains(response, "Partnership at Roosevelt")
    assertNotContains(response, "Partnership at Lincoln")


def test_partnership_list_filters_the_live_partnerships_missing_a_primary_contact(coordinator_client):
    PartnershipFactory(name="Nobody Named Yet", status=Status.ONBOARDING)
    active_partnership(name="Fully Staffed")
    PartnershipFactory(name="Early Prospect", status=Status.PROSPECT)

    response = coordinator_client.get(url("list"), {"needs": "contact"})

    assert [p.name for p in response.context["page"].object_list] == ["Nobody Named Yet"]


NOW = datetime.datetime.now(datetime.UTC)


def test_partnership_list_filters_the_charters_waiting_for_acknowledgment(coordinator_client):
    CharterFactory(partnership__name="Waiting Charter", partnership__status=Status.ACTIVE)
    signed = CharterFactory(partnership__name="Signed Charter", acknowledged_by=UserFactory(), acknowledged_at=NOW)
    CharterFactory(partnership=signed.partnership, version=2)  # a newer version waits again
    old = CharterFactory(partnership__name="Acknowledged Now", partnership__status=Status.ACTIVE)
    CharterFactory(partnership=old.partnership, version=2, acknowledged_by=UserFactory(), acknowledged_at=NOW)
    CharterFactory(partnership__name="Ended Charter", partnership__status=Status.ENDED, partnership__end_date=today())

    response = coordinator_client.get(url("list"), {"needs": "acknowledgment"})

    assert sorted(p.name for p in response.context["page"].object_list) == ["Signed Charter", "Waiting Charter"]


def test_partnership_list_searches_by_business_name(coordinator_client, business_a, business_b):
    PartnershipFactory(name="First", business=business_a)
    PartnershipFactory(name="Second", business=business_b)
    response = coordinator_client.get(url("list"), {"q": "birch"})
    assertContains(response, "Second")
    assertNotContains(response, ">First<")
    assertContains(response, "1 partnership<")


def test_partnership_list_with_a_nul_byte_in_the_search_answers_200(coordinator_client, partnership):
    response = coordinator_client.get(url("list"), {"q": "\x00"})
    assert response.status_code == 200
    # The bad search is ignored rather than sent to the database.
    assertContains(response, "Lincoln and Acme")

    response = coordinator_client.get(url("list"), {"q": "Acme\x00"})
    assert response.status_code == 200


def test_partnership_list_escapes_the_search_text(coordinator_client, partnership):
    response = coordinator_client.get(url("list"), {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assertNotContains(response, "<script>alert(1)</script>")
    assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")


def test_partnership_list_ignores_an_unknown_status_and_says_so(coordinator_client, partnership):
    response = coordinator_client.get(url("list"), {"status": "bogus"})
    assert response.status_code == 200
    assertContains(response, "Select a valid choice")
    assertContains(response, "Lincoln and Acme")


@pytest.mark.parametrize("page", ["abc", "999", "-1", "0"])
def test_partnership_list_with_a_bad_page_number_shows_a_real_page(coordinator_client, partnership, page):
    response = coordinator_client.get(url("list"), {"page": page})
    assert response.status_code == 200
    assertContains(response, "Lincoln and Acme")


def test_partnership_list_shows_25_a_page_and_the_rest_on_page_two(coordinator_client, school, business_a):
    for n in range(1, 31):
        PartnershipFactory(name=f"Pship {n:02d}", school=school, business=business_a)

    first = coordinator_client.get(url("list"))
    assertContains(first, "30 partnerships")
    assert len(first.context["page"].object_list) == 25
    assertContains(first, "Pship 25")
    assertNotContains(first, "Pship 26")
    assertContains(first, "Page 1 of 2")

    second = coordinator_client.get(url("list"), {"page": 2})
    assertContains(second, "30 partnerships")
    assert [p.name for p in second.context["page"].object_list] == [f"Pship {n}" for n in range(26, 31)]
    assertNotContains(second, "Pship 25")
    assertContains(second, "Page 2 of 2")


def test_partnership_list_without_partnerships_says_how_to_add_the_first(coordinator_client):
    response = coordinator_client.get(url("list"))
    assertContains(response, "No partnerships yet")
    assertContains(response, "Add the first one")
    assertContains(response, "0 partnerships")


def test_partnership_list_says_when_filters_match_nothing(coordinator_client, partnership):
    response = coordinator_client.get(url("list"), {"q": "nothing like this"})
    assertContains(response, "No partnerships match these filters.")
    assertNotContains(response, "No partnerships yet")
    assertNotContains(response, "Lincoln and Acme</a>")


def test_partnership_list_sorts_by_name_descending(coordinator_client, school, business_a):
    for name in ("Bravo", "Alpha", "Charlie"):
        PartnershipFactory(name=name, school=school, business=business_a)
    text = coordinator_client.get(url("list"), {"sort": "-name"}).content.decode()
    assert text.index(">Charlie<") < text.index(">Bravo<") < text.index(">Alpha<")

    text = coordinator_client.get(url("list"), {"sort": "name"}).content.decode()
    assert text.index(">Alpha<") < text.index(">Bravo<") < text.index(">Charlie<")


# Partnership create ----------------------------------------------------------------------------------


def partnership_data(school, business, **overrides):
    data = {
        "school": school.pk if school else "",
        "business": business.pk if business else "",
        "name": "",
        "start_date": "",
        "end_date": "",
        "notes": "Met at the careers fair.",
    }
    data.update(overrides)
    return data


def test_partnership_create_form_preselects_the_business_from_the_query(coordinator_client, business_a):
    response = coordinator_client.get(url("create"), {"business": business_a.pk})
    assert response.status_code == 200
    assert response.context["form"]["business"].value() == f"{business_a.name} (#{business_a.pk})"
    assertContains(response, "Add partnership")


def test_partnership_create_adds_a_prospect_named_after_both_sides(coordinator_client, coordinator, school, business_a):
    response = coordinator_client.post(url("create"), partnership_data(school, business_a))
    partnership = Partnership.objects.get()
    assertRedirects(response, detail_url(partnership))
    assert partnership.name == "Lincoln High × Acme Tools"
    assert partnership.status == Status.PROSPECT
    assert partnership.notes == "Met at the careers fair."
    assert partnership.created_by == coordinator
    assert flashed(response) == [
        "Lincoln High × Acme Tools added as a prospect. Next: name a point of contact on each side."
    ]


def test_partnership_create_keeps_a_typed_name(coordinator_client, school, business_a):
    coordinator_client.post(url("create"), partnership_data(school, business_a, name="Tools for Learning"))
    assert Partnership.objects.get().name == "Tools for Learning"


def test_partnership_create_refuses_an_end_date_before_the_start_and_keeps_the_input(
    coordinator_client, school, business_a
):
    data = partnership_data(
        school, business_a, start_date=iso(today()), end_date=iso(today() - datetime.timedelta(days=1))
    )
    response = coordinator_client.post(url("create"), data)
    assert response.status_code == 200
    assertContains(response, "The end date comes before the start date.")
    assertContains(response, "Met at the careers fair.")
    assertContains(response, f'value="{iso(today())}"')
    assert not Partnership.objects.exists()


def test_partnership_create_without_a_business_says_it_is_required_and_keeps_the_input(coordinator_client, school):
    response = coordinator_client.post(url("create"), partnership_data(school, None, name="Half a partnership"))
    assert response.status_code == 200
    assertContains(response, "This field is required.")
    assertContains(response, "Met at the careers fair.")
    assertContains(response, 'value="Half a partnership"')
    assert response.context["form"]["school"].value() == str(school.pk)
    assert not Partnership.objects.exists()


def test_partnership_create_refuses_a_business_in_the_school_field(coordinator_client, business_a, business_b):
    response = coordinator_client.post(url("create"), partnership_data(business_b, business_a))
    assert response.status_code == 200
    assertContains(response, "Select a valid choice")
    assert not Partnership.objects.exists()


def test_partnership_create_is_forbidden_to_a_user_who_may_only_view(viewer_client, school, business_a):
    assert viewer_client.get(url("list")).status_code == 200
    assert viewer_client.get(url("create")).status_code == 403
    response = viewer_client.post(url("create"), partnership_data(school, business_a))
    assert response.status_code == 403
    assert not Partnership.objects.exists()


# Partnership detail ----------------------------------------------------------------------------------


def test_partnership_overview_shows_charter_goals_and_commitments_and_people_tab_shows_contacts_handoffs_and_roles(
    coordinator_client,
):
    partnership = PartnershipFactory(name="Lincoln and Acme", status=Status.ACTIVE)
    CharterFactory(partnership=partnership, vision="Every senior shadows an engineer.")
    GoalFactory(partnership=partnership, description="Ten students in summer internships")
    commitment = CommitmentFactory(
        partnership=partnership, description="Laptops for the robotics club", amount=Decimal("10"), unit="laptops"
    )
    CommitmentDeliveryFactory(commitment=commitment, amount=Decimal("3"))
    PointOfContactFactory(
        partnership=partnership,
        side=Side.SCHOOL,
        contact=ContactFactory(organization=partnership.school, first_name="Sara", last_name="Teacher"),
    )
    old = ContactFactory(organization=partnership.business, first_name="Olga", last_name="Leaver")
    new = ContactFactory(organization=partnership.business, first_name="Nina", last_name="Newcomer")
    HandoffFactory(
        partnership=partnership,
        side=Side.BUSINESS,
        from_poc__contact=old,
        to_poc__contact=new,
        notes="Nina knows the mentors already.",
    )
    PartnershipRoleFactory(partnership=partnership, contact=new, title="Executive sponsor")

    response = coordinator_client.get(detail_url(partnership))
    assert response.status_code == 200
    assertContains(response, "<h1", count=1)
    assertContains(response, "Every senior shadows an engineer.")
    assertContains(response, "Ten students in summer internships")
    assertContains(response, "Laptops for the robotics club")
    assertContains(response, "10 laptops")
    assertContains(response, "3 laptops")
    assertContains(response, f'href="{url("people", partnership.pk)}"')

    response = coordinator_client.get(url("people", partnership.pk))
    assert response.status_code == 200
    assertContains(response, "<h1", count=1)
    assertContains(response, 'aria-current="page" href="' + url("people", partnership.pk) + '"')
    assertContains(response, "Sara Teacher")
    assertContains(response, "Nina Newcomer")
    assertContains(response, "Olga Leaver → Nina Newcomer")
    assertContains(response, "Nina knows the mentors already.")
    assertContains(response, "Executive sponsor")
    # Both sides named: no warning about activation.
    assertNotContains(response, "No point of contact on this side.")
    current_people = [p.contact.full_name for _, _, pocs in response.context["people_sides"] for p in pocs]
    assert sorted(current_people) == ["Nina Newcomer", "Sara Teacher"]


def test_partnership_detail_of_an_onboarding_partnership_lists_what_blocks_activation(coordinator_client, business_a):
    partnership = PartnershipFactory(status=Status.ONBOARDING, business=business_a)
    response = coordinator_client.get(detail_url(partnership))
    assertContains(response, "Before this partnership can be active")
    assertContains(response, "There is no primary point of contact on the school side.")
    assertContains(response, "There is no primary point of contact at Acme Tools.")
    people = coordinator_client.get(url("people", partnership.pk))
    assertContains(people, "No point of contact on this side.", count=2)


def test_partnership_detail_of_an_onboarding_partnership_with_both_primaries_has_no_checklist(coordinator_client):
    partnership = active_partnership(status=Status.ONBOARDING)
    response = coordinator_client.get(detail_url(partnership))
    assert response.status_code == 200
    assertNotContains(response, "Before this partnership can be active")


def test_partnership_detail_of_a_missing_partnership_is_404(coordinator_client):
    assert coordinator_client.get(url("detail", 999999)).status_code == 404


# Partnership edit ------------------------------------------------------------------------------------


def test_partnership_edit_form_shows_the_current_values(coordinator_client, partnership):
    response = coordinator_client.get(url("edit", partnership.pk))
    assert response.status_code == 200
    assertContains(response, 'value="Lincoln and Acme"')


def test_partnership_edit_saves_the_changes(coordinator_client, partnership, school, business_a):
    data = partnership_data(school, business_a, name="Acme Academy", notes="Renamed after the board meeting.")
    response = coordinator_client.post(url("edit", partnership.pk), versioned(partnership, data))
    assertRedirects(response, detail_url(partnership))
    partnership.refresh_from_db()
    assert partnership.name == "Acme Academy"
    assert partnership.notes == "Renamed after the board meeting."
    assert partnership.status == Status.PROSPECT


def test_partnership_edit_with_a_blank_name_names_it_after_both_sides(coordinator_client, partnership, school):
    coordinator_client.post(
        url("edit", partnership.pk), versioned(partnership, partnership_data(school, partnership.business, name=""))
    )
    partnership.refresh_from_db()
    assert partnership.name == "Lincoln High × Acme Tools"


def test_partnership_edit_refuses_bad_dates_keeps_the_input_and_saves_nothing(
    coordinator_client, partnership, school, business_a
):
    data = partnership_data(
        school,
        business_a,
        name="Should not stick",
        notes="Typed but refused.",
        start_date=iso(today()),
        end_date=iso(today() - datetime.timedelta(days=10)),
    )
    response = coordinator_client.post(url("edit", partnership.pk), versioned(partnership, data))
    assert response.status_code == 200
    assertContains(response, "The end date comes before the start date.")
    assertContains(response, "Typed but refused.")
    partnership.refresh_from_db()
    assert partnership.name == "Lincoln and Acme"
    assert partnership.end_date is None


def test_partnership_edit_refused_keeps_the_saved_name_in_the_title_and_breadcrumb(
    coordinator_client, partnership, school, business_a
):
    data = partnership_data(
        school, business_a, name="Typed Name", start_date=iso(today()), end_date=iso(today() - datetime.timedelta(1))
    )
    response = coordinator_client.post(url("edit", partnership.pk), data)
    assert response.status_code == 200
    # The typed name stays in its field, but the page is still about the partnership as saved.
    assertContains(response, 'value="Typed Name"')
    assertContains(response, "<title>Edit Lincoln and Acme")
    assertContains(response, f'<a href="{detail_url(partnership)}">Lincoln and Acme</a>')
    assertNotContains(response, "Edit Typed Name")


def test_partnership_edit_of_a_missing_partnership_is_404(coordinator_client):
    assert coordinator_client.get(url("edit", 999999)).status_code == 404


# Status transitions ----------------------------------------------------------------------------------


def test_transition_page_asks_for_confirmation_and_changes_nothing(coordinator_client, partnership):
    response = coordinator_client.get(url("transition", partnership.pk, "onboarding"))
    assert response.status_code == 200
    assertContains(response, "Start onboarding")
    assertContains(response, "The partnership moves to onboarding")
    partnership.refresh_from_db()
    assert partnership.status == Status.PROSPECT


def test_transition_moves_a_prospect_to_onboarding_and_says_so(coordinator_client, coordinator, partnership):
    response = coordinator_client.post(
        url("transition", partnership.pk, "onboarding"), {"reason": "Letter of intent signed."}
    )
    assertRedirects(response, detail_url(partnership))
    partnership.refresh_from_db()
    assert partnership.status == Status.ONBOARDING
    change = StatusChange.objects.get(partnership=partnership)
    assert (change.from_status, change.to_status, change.reason, change.changed_by) == (
        Status.PROSPECT,
        Status.ONBOARDING,
        "Letter of intent signed.",
        coordinator,
    )
    assert flashed(response) == ["Lincoln and Acme is now onboarding."]
    assertContains(coordinator_client.get(detail_url(partnership)), "Letter of intent signed.")


def test_activate_page_warns_up_front_when_points_of_contact_are_missing(coordinator_client, business_a):
    partnership = PartnershipFactory(name="Not Ready", status=Status.ONBOARDING, business=business_a)
    response = coordinator_client.get(url("transition", partnership.pk, "active"))
    assert response.status_code == 200
    assertContains(response, "Not Ready cannot be activated yet.")
    assertContains(response, "There is no primary point of contact on the school side.")


def test_activate_without_points_of_contact_is_refused_with_the_reasons(coordinator_client, business_a):
    partnership = PartnershipFactory(name="Not Ready", status=Status.ONBOARDING, business=business_a)
    response = coordinator_client.post(url("transition", partnership.pk, "active"), NO_REASON)
    assert response.status_code == 200
    assertContains(response, "Not Ready cannot be activated yet.")
    assertContains(response, "There is no primary point of contact on the school side.")
    assertContains(response, "There is no primary point of contact at Acme Tools.")
    partnership.refresh_from_db()
    assert partnership.status == Status.ONBOARDING
    assert not StatusChange.objects.exists()


def test_activate_with_both_primaries_makes_the_partnership_active(coordinator_client):
    partnership = active_partnership(name="Ready", status=Status.ONBOARDING)
    response = coordinator_client.post(url("transition", partnership.pk, "active"), NO_REASON)
    assertRedirects(response, detail_url(partnership))
    partnership.refresh_from_db()
    assert partnership.status == Status.ACTIVE
    assert flashed(response) == ["Ready is now active."]


def test_transition_to_an_unknown_status_goes_back_to_the_partnership(coordinator_client, partnership):
    response = coordinator_client.post(url("transition", partnership.pk, "flying"))
    assertRedirects(response, detail_url(partnership))
    response = coordinator_client.get(url("transition", partnership.pk, "flying"))
    assertRedirects(response, detail_url(partnership))
    partnership.refresh_from_db()
    assert partnership.status == Status.PROSPECT


def test_transition_the_lifecycle_does_not_allow_is_refused_with_the_reason(coordinator_client, partnership):
    response = coordinator_client.post(url("transition", partnership.pk, "paused"), NO_REASON)
    assert response.status_code == 200
    assertContains(response, "A partnership that is prospect cannot become paused.")
    assertContains(response, "It can move to: Onboarding, Ended.")
    partnership.refresh_from_db()
    assert partnership.status == Status.PROSPECT


def test_transition_of_a_missing_partnership_is_404(coordinator_client):
    assert coordinator_client.post(url("transition", 999999, "onboarding")).status_code == 404


def test_transition_posted_with_an_empty_body_still_moves_the_partnership(coordinator_client, partnership):
    # The reason is optional, so a POST without any field (a script, or fetch() sending the CSRF
    # token as a header) is a confirmed move, not a request to show the page again.
    response = coordinator_client.post(url("transition", partnership.pk, "onboarding"))
    assertRedirects(response, detail_url(partnership))
    partnership.refresh_from_db()
    assert partnership.status == Status.ONBOARDING
