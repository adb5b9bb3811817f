"""Every coordinator page and form in partnerships/views.py, with good and bad input.

The coordinator persona does the work; a user holding only the view permission shows that writes
check their own permission.
"""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from partnerships.models import (
    Charter,
    Commitment,
    CommitmentDelivery,
    Contact,
    Goal,
    Handoff,
    Organization,
    Partnership,
    PartnershipRole,
    PointOfContact,
    Side,
    StatusChange,
)
from tests.factories import (
    ActivePartnershipFactory,
    BusinessFactory,
    CharterFactory,
    CharterPriorityFactory,
    CommitmentDeliveryFactory,
    CommitmentFactory,
    ContactFactory,
    DistrictFactory,
    GoalFactory,
    HandoffFactory,
    PartnershipFactory,
    PartnershipRoleFactory,
    PointOfContactFactory,
    SchoolFactory,
    UserFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db

Status = Partnership.Status
PRIMARY = PointOfContact.Role.PRIMARY
BACKUP = PointOfContact.Role.BACKUP

# What a browser posts from a confirmation form whose only field (optional) was left empty.
NO_REASON = {"reason": ""}
NO_NOTES = {"notes": ""}


def url(name: str, *args) -> str:
    return reverse(f"partnerships:{name}", args=args)


def today() -> datetime.date:
    return timezone.localdate()


def iso(day: datetime.date) -> str:
    return day.isoformat()


def detail_url(partnership, anchor: str = "") -> str:
    return url("detail", partnership.pk) + (f"#{anchor}" if anchor else "")


def flashed(response) -> list[str]:
    """The messages a view added for the next page."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def current_primary(partnership, side) -> PointOfContact:
    return PointOfContact.objects.filter(partnership=partnership, side=side, end_date__isnull=True, role=PRIMARY).get()


@pytest.fixture
def school(db):
    return SchoolFactory(name="Lincoln High")


@pytest.fixture
def partnership(school, business_a):
    return PartnershipFactory(name="Lincoln and Acme", school=school, business=business_a)


@pytest.fixture
def viewer_client(db):
    """Someone who may look at partnerships but not change anything."""
    user = UserFactory(email="viewer@example.test")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="partnerships", codename="view_partnership")
    )
    client = Client()
    client.force_login(user)
    return client


# Partnership list -------------------------------------------------------------------------------


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


# Partnership create -----------------------------------------------------------------------------


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
    assert response.context["form"]["business"].value() == str(business_a.pk)
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


# Partnership detail -----------------------------------------------------------------------------


def test_partnership_detail_shows_charter_goals_commitments_people_handoffs_and_roles(coordinator_client):
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
    assertContains(response, "No point of contact on this side.", count=2)


def test_partnership_detail_of_an_onboarding_partnership_with_both_primaries_has_no_checklist(coordinator_client):
    partnership = active_partnership(status=Status.ONBOARDING)
    response = coordinator_client.get(detail_url(partnership))
    assert response.status_code == 200
    assertNotContains(response, "Before this partnership can be active")


def test_partnership_detail_of_a_missing_partnership_is_404(coordinator_client):
    assert coordinator_client.get(url("detail", 999999)).status_code == 404


# Partnership edit -------------------------------------------------------------------------------


def test_partnership_edit_form_shows_the_current_values(coordinator_client, partnership):
    response = coordinator_client.get(url("edit", partnership.pk))
    assert response.status_code == 200
    assertContains(response, 'value="Lincoln and Acme"')


def test_partnership_edit_saves_the_changes(coordinator_client, partnership, school, business_a):
    data = partnership_data(school, business_a, name="Acme Academy", notes="Renamed after the board meeting.")
    response = coordinator_client.post(url("edit", partnership.pk), data)
    assertRedirects(response, detail_url(partnership))
    partnership.refresh_from_db()
    assert partnership.name == "Acme Academy"
    assert partnership.notes == "Renamed after the board meeting."
    assert partnership.status == Status.PROSPECT


def test_partnership_edit_with_a_blank_name_names_it_after_both_sides(coordinator_client, partnership, school):
    coordinator_client.post(url("edit", partnership.pk), partnership_data(school, partnership.business, name=""))
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
    response = coordinator_client.post(url("edit", partnership.pk), data)
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


# Status transitions -----------------------------------------------------------------------------


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


# Charter ----------------------------------------------------------------------------------------


def charter_data(vision="Students learn from working engineers.", hopes="", priorities=(), **extra):
    """Form data for the charter page: the charter fields and the 'priorities' formset, plus one empty row."""
    rows = list(priorities) + [{}]
    data = {
        "vision": vision,
        "hopes": hopes,
        "direction": extra.pop("direction", ""),
        "change_note": extra.pop("change_note", ""),
        "priorities-TOTAL_FORMS": str(len(rows)),
        "priorities-INITIAL_FORMS": "0",
        "priorities-MIN_NUM_FORMS": "0",
        "priorities-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for field in ("district_goal", "company_goal", "tags"):
            data[f"priorities-{index}-{field}"] = row.get(field, "")
    data.update(extra)
    return data


def test_charter_page_of_a_partnership_without_a_charter_offers_version_1(coordinator_client, partnership):
    response = coordinator_client.get(url("charter_edit", partnership.pk))
    assert response.status_code == 200
    assertContains(response, "This is the first version.")
    assertContains(response, "Save version 1")
    assertContains(response, 'name="priorities-TOTAL_FORMS"')


def test_charter_page_prefills_the_current_version(coordinator_client, partnership):
    charter = CharterFactory(partnership=partnership, vision="Every student meets an engineer.")
    CharterPriorityFactory(charter=charter, district_goal="Career readiness", company_goal="Future hires")
    response = coordinator_client.get(url("charter_edit", partnership.pk))
    assert response.status_code == 200
    assertContains(response, "Every student meets an engineer.")
    assertContains(response, 'value="Career readiness"')
    assertContains(response, "Save version 2")


def test_charter_saves_version_1_then_version_2_with_priorities(coordinator_client, coordinator, partnership):
    first = charter_data(
        vision="Students learn from working engineers.",
        hopes="Two internships a year.",
        priorities=[{"district_goal": "STEM pathways", "company_goal": "Local talent", "tags": "STEM, workforce"}],
    )
    response = coordinator_client.post(url("charter_edit", partnership.pk), first)
    assertRedirects(response, detail_url(partnership, "charter"))
    v1 = Charter.objects.get(partnership=partnership)
    assert (v1.version, v1.vision, v1.hopes, v1.created_by) == (
        1,
        "Students learn from working engineers.",
        "Two internships a year.",
        coordinator,
    )
    assert [(p.district_goal, p.company_goal, p.tag_list) for p in v1.priorities.all()] == [
        ("STEM pathways", "Local talent", ["STEM", "workforce"])
    ]
    assert flashed(response) == ["Charter version 1 saved. Acme Tools can now acknowledge it."]

    second = charter_data(
        vision="Students build things with working engineers.",
        change_note="Added making.",
        priorities=[
            {"district_goal": "STEM pathways", "company_goal": "Local talent"},
            {"district_goal": "Hands-on learning", "company_goal": "Community presence", "tags": "making"},
        ],
    )
    response = coordinator_client.post(url("charter_edit", partnership.pk), second)
    assertRedirects(response, detail_url(partnership, "charter"))
    versions = list(Charter.objects.filter(partnership=partnership).order_by("version"))
    assert [c.version for c in versions] == [1, 2]
    assert versions[0].vision == "Students learn from working engineers."
    assert versions[1].vision == "Students build things with working engineers."
    assert versions[1].priorities.count() == 2
    assert versions[0].priorities.count() == 1


def resubmitted(response) -> dict:
    """What a browser posts back from the charter page when the coordinator changes nothing."""
    form, formset = response.context["form"], response.context["formset"]
    fields = [*form, *formset.management_form, *(field for row in formset for field in row if field.name != "DELETE")]
    return {field.html_name: "" if field.value() is None else field.value() for field in fields}


def test_charter_page_saved_unchanged_makes_a_new_version_with_the_same_priorities(coordinator_client, partnership):
    v1 = CharterFactory(partnership=partnership, vision="Every student meets an engineer.")
    CharterPriorityFactory(charter=v1, district_goal="Career readiness", company_goal="Future hires", tags="jobs")
    page = coordinator_client.get(url("charter_edit", partnership.pk))
    data = resubmitted(page)
    assert data["priorities-INITIAL_FORMS"] == 1

    response = coordinator_client.post(url("charter_edit", partnership.pk), data)
    assertRedirects(response, detail_url(partnership, "charter"))
    v2 = Charter.objects.get(partnership=partnership, version=2)
    assert v2.vision == "Every student meets an engineer."
    assert [(p.district_goal, p.company_goal, p.tags) for p in v2.priorities.all()] == [
        ("Career readiness", "Future hires", "jobs")
    ]


def test_charter_priority_marked_for_deletion_is_left_out_of_the_new_version(coordinator_client, partnership):
    v1 = CharterFactory(partnership=partnership)
    CharterPriorityFactory(charter=v1, district_goal="Keep this", company_goal="Kept")
    CharterPriorityFactory(charter=v1, district_goal="Drop this", company_goal="Dropped")
    data = resubmitted(coordinator_client.get(url("charter_edit", partnership.pk)))
    data["priorities-1-DELETE"] = "on"

    coordinator_client.post(url("charter_edit", partnership.pk), data)
    v2 = Charter.objects.get(partnership=partnership, version=2)
    assert [p.district_goal for p in v2.priorities.all()] == ["Keep this"]
    assert v1.priorities.count() == 2


def test_charter_without_a_vision_is_refused_and_keeps_the_hopes(coordinator_client, partnership):
    response = coordinator_client.post(
        url("charter_edit", partnership.pk), charter_data(vision="   ", hopes="More girls in engineering.")
    )
    assert response.status_code == 200
    assertContains(response, "This field is required.")
    assertContains(response, "More girls in engineering.")
    assert not Charter.objects.exists()


def test_charter_priority_with_only_one_goal_is_refused(coordinator_client, partnership):
    data = charter_data(priorities=[{"district_goal": "Career readiness", "company_goal": ""}])
    response = coordinator_client.post(url("charter_edit", partnership.pk), data)
    assert response.status_code == 200
    assertContains(response, "Fill in both goals of a priority, or leave the row empty.")
    assertContains(response, 'value="Career readiness"')
    assertContains(response, "Students learn from working engineers.")
    assert not Charter.objects.exists()


def test_charter_version_page_shows_its_priorities_and_every_version(coordinator_client, partnership):
    v1 = CharterFactory(partnership=partnership, vision="The first vision.")
    v2 = CharterFactory(partnership=partnership, vision="The second vision.", change_note="Sharper wording.")
    CharterPriorityFactory(charter=v2, district_goal="Career readiness", company_goal="Future hires", tags="jobs")
    CharterPriorityFactory(charter=v1, district_goal="Old district goal", company_goal="Old company goal")

    response = coordinator_client.get(url("charter_version", partnership.pk, 2))
    assert response.status_code == 200
    assertContains(response, "The second vision.")
    assertContains(response, "Sharper wording.")
    assertContains(response, "Career readiness")
    assertContains(response, "Future hires")
    assertNotContains(response, "Old district goal")
    assertContains(response, "<strong>v2</strong>")
    assertContains(response, f'href="{url("charter_version", partnership.pk, 1)}"')
    assertContains(response, "Not acknowledged")

    older = coordinator_client.get(url("charter_version", partnership.pk, 1))
    assertContains(older, "The first vision.")
    assertContains(older, "Old district goal")


def test_charter_version_that_does_not_exist_is_404(coordinator_client, partnership):
    CharterFactory(partnership=partnership)
    assert coordinator_client.get(url("charter_version", partnership.pk, 7)).status_code == 404


def test_charter_version_of_another_partnership_is_404(coordinator_client, partnership):
    CharterFactory(partnership=PartnershipFactory())
    assert coordinator_client.get(url("charter_version", partnership.pk, 1)).status_code == 404


# Goals ------------------------------------------------------------------------------------------


def goal_data(**overrides):
    data = {
        "owner": Goal.Owner.SCHOOL,
        "description": "Twelve students in internships each year",
        "measure": "Students placed",
        "target": "12 a year",
        "status": Goal.Status.NOT_STARTED,
    }
    data.update(overrides)
    return data


def test_goal_create_form_answers_200(coordinator_client, partnership):
    response = coordinator_client.get(url("goal_create", partnership.pk))
    assert response.status_code == 200
    assertContains(response, "Add goal")


def test_goal_create_adds_the_goal_to_the_partnership(coordinator_client, partnership):
    response = coordinator_client.post(url("goal_create", partnership.pk), goal_data())
    assertRedirects(response, detail_url(partnership, "goals"))
    goal = Goal.objects.get()
    assert goal.partnership == partnership
    assert goal.description == "Twelve students in internships each year"
    assert flashed(response) == ["Goal added."]


def test_goal_create_without_a_description_is_refused_and_keeps_the_input(coordinator_client, partnership):
    response = coordinator_client.post(url("goal_create", partnership.pk), goal_data(description=""))
    assert response.status_code == 200
    assertContains(response, "This field is required.")
    assertContains(response, 'value="Students placed"')
    assert not Goal.objects.exists()


def test_goal_create_with_an_unknown_owner_is_refused(coordinator_client, partnership):
    response = coordinator_client.post(url("goal_create", partnership.pk), goal_data(owner="nobody"))
    assert response.status_code == 200
    assertContains(response, "Select a valid choice")
    assert not Goal.objects.exists()


def test_goal_edit_saves_the_changes(coordinator_client, partnership):
    goal = GoalFactory(partnership=partnership)
    response = coordinator_client.post(
        url("goal_edit", partnership.pk, goal.pk), goal_data(status=Goal.Status.ON_TRACK, target="15 a year")
    )
    assertRedirects(response, detail_url(partnership, "goals"))
    goal.refresh_from_db()
    assert (goal.status, goal.target) == (Goal.Status.ON_TRACK, "15 a year")
    assert flashed(response) == ["Goal saved."]


def test_goal_edit_with_bad_input_changes_nothing(coordinator_client, partnership):
    goal = GoalFactory(partnership=partnership, description="Keep me")
    response = coordinator_client.post(url("goal_edit", partnership.pk, goal.pk), goal_data(description=""))
    assert response.status_code == 200
    assertContains(response, "This field is required.")
    goal.refresh_from_db()
    assert goal.description == "Keep me"


def test_goal_delete_asks_first_and_deletes_nothing_on_get(coordinator_client, partnership):
    goal = GoalFactory(partnership=partnership, description="Mentor every senior")
    response = coordinator_client.get(url("goal_delete", partnership.pk, goal.pk))
    assert response.status_code == 200
    assertContains(response, "Remove this goal?")
    assertContains(response, "“Mentor every senior” will be removed from Lincoln and Acme.")
    assert Goal.objects.filter(pk=goal.pk).exists()


def test_goal_delete_on_post_removes_the_goal(coordinator_client, partnership):
    goal = GoalFactory(partnership=partnership)
    response = coordinator_client.post(url("goal_delete", partnership.pk, goal.pk))
    assertRedirects(response, detail_url(partnership, "goals"))
    assert not Goal.objects.filter(pk=goal.pk).exists()


def test_goal_of_another_partnership_is_404_through_this_partnerships_urls(coordinator_client, partnership):
    foreign = GoalFactory(partnership=PartnershipFactory(), description="Not yours")
    assert coordinator_client.get(url("goal_edit", partnership.pk, foreign.pk)).status_code == 404
    assert coordinator_client.post(url("goal_edit", partnership.pk, foreign.pk), goal_data()).status_code == 404
    assert coordinator_client.post(url("goal_delete", partnership.pk, foreign.pk)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.description == "Not yours"


# Commitments ------------------------------------------------------------------------------------


def commitment_data(**overrides):
    data = {
        "party": Side.BUSINESS,
        "kind": Commitment.Kind.TIME,
        "description": "Mentoring hours for the robotics club",
        "amount": "20",
        "unit": "hours",
        "cadence": Commitment.Cadence.MONTHLY,
        "period_start": iso(today()),
        "period_end": iso(today() + datetime.timedelta(days=90)),
        "status": Commitment.Status.PLANNED,
    }
    data.update(overrides)
    return data


def test_commitment_create_adds_the_commitment(coordinator_client, partnership):
    response = coordinator_client.post(url("commitment_create", partnership.pk), commitment_data())
    assertRedirects(response, detail_url(partnership, "commitments"))
    commitment = Commitment.objects.get()
    assert commitment.partnership == partnership
    assert commitment.amount == Decimal("20")
    assertContains(coordinator_client.get(detail_url(partnership)), "Mentoring hours for the robotics club")


def test_commitment_create_refuses_a_zero_amount_and_a_period_that_ends_before_it_starts(
    coordinator_client, partnership
):
    data = commitment_data(amount="0", period_end=iso(today() - datetime.timedelta(days=1)))
    response = coordinator_client.post(url("commitment_create", partnership.pk), data)
    assert response.status_code == 200
    assertContains(response, "Enter an amount greater than zero.")
    assertContains(response, "The period ends before it starts.")
    assertContains(response, 'value="Mentoring hours for the robotics club"')
    assert not Commitment.objects.exists()


def test_commitment_create_refuses_a_negative_amount(coordinator_client, partnership):
    response = coordinator_client.post(url("commitment_create", partnership.pk), commitment_data(amount="-5"))
    assert response.status_code == 200
    assertContains(response, "Enter an amount greater than zero.")
    assert not Commitment.objects.exists()


def test_commitment_edit_saves_the_changes(coordinator_client, partnership):
    commitment = CommitmentFactory(partnership=partnership)
    response = coordinator_client.post(
        url("commitment_edit", partnership.pk, commitment.pk), commitment_data(amount="35")
    )
    assertRedirects(response, detail_url(partnership, "commitments"))
    commitment.refresh_from_db()
    assert commitment.amount == Decimal("35")


def test_commitment_edit_with_bad_input_changes_nothing(coordinator_client, partnership):
    commitment = CommitmentFactory(partnership=partnership, amount=Decimal("10"))
    response = coordinator_client.post(
        url("commitment_edit", partnership.pk, commitment.pk), commitment_data(amount="0")
    )
    assert response.status_code == 200
    assertContains(response, "Enter an amount greater than zero.")
    commitment.refresh_from_db()
    assert commitment.amount == Decimal("10")


def test_commitment_delete_asks_first_then_removes_on_post(coordinator_client, partnership):
    commitment = CommitmentFactory(partnership=partnership, description="Ten laptops")
    response = coordinator_client.get(url("commitment_delete", partnership.pk, commitment.pk))
    assertContains(response, "Remove this commitment?")
    assertContains(response, "“Ten laptops”")
    assert Commitment.objects.filter(pk=commitment.pk).exists()

    response = coordinator_client.post(url("commitment_delete", partnership.pk, commitment.pk))
    assertRedirects(response, detail_url(partnership, "commitments"))
    assert not Commitment.objects.filter(pk=commitment.pk).exists()


def test_commitment_of_another_partnership_is_404_through_this_partnerships_urls(coordinator_client, partnership):
    foreign = CommitmentFactory(partnership=PartnershipFactory())
    assert coordinator_client.get(url("commitment_edit", partnership.pk, foreign.pk)).status_code == 404
    assert coordinator_client.post(url("commitment_delete", partnership.pk, foreign.pk)).status_code == 404
    assert coordinator_client.get(url("commitment_delivery", partnership.pk, foreign.pk)).status_code == 404
    assert Commitment.objects.filter(pk=foreign.pk).exists()


# Commitment deliveries --------------------------------------------------------------------------


def test_delivery_page_says_what_was_promised_and_delivered(coordinator_client, partnership):
    commitment = CommitmentFactory(partnership=partnership, amount=Decimal("10"), unit="laptops")
    CommitmentDeliveryFactory(commitment=commitment, amount=Decimal("4"))
    response = coordinator_client.get(url("commitment_delivery", partnership.pk, commitment.pk))
    assert response.status_code == 200
    assertContains(response, "Record delivery")
    # Numbers read as on the partnership page ("10 laptops"), not as database decimals ("10.00").
    assertContains(response, "Promised 10 laptops (once); delivered so far 4.")


def test_delivery_is_recorded_and_starts_a_planned_commitment(coordinator_client, coordinator, partnership):
    commitment = CommitmentFactory(partnership=partnership, amount=Decimal("10"), unit="laptops")
    response = coordinator_client.post(
        url("commitment_delivery", partnership.pk, commitment.pk),
        {"amount": "3", "date": iso(today()), "note": "First batch"},
    )
    assertRedirects(response, detail_url(partnership, "commitments"))
    delivery = CommitmentDelivery.objects.get()
    assert (delivery.amount, delivery.note, delivery.recorded_by) == (Decimal("3"), "First batch", coordinator)
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.IN_PROGRESS
    assert flashed(response) == [f"Recorded 3 laptops for “{commitment.description}”."]
    assertContains(coordinator_client.get(detail_url(partnership)), "3 laptops")


def test_delivery_dated_in_the_future_is_refused(coordinator_client, partnership):
    commitment = CommitmentFactory(partnership=partnership)
    response = coordinator_client.post(
        url("commitment_delivery", partnership.pk, commitment.pk),
        {"amount": "3", "date": iso(today() + datetime.timedelta(days=1))},
    )
    assert response.status_code == 200
    assertContains(response, "A delivery is recorded once it has happened: choose today or earlier.")
    assert not CommitmentDelivery.objects.exists()
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.PLANNED


def test_delivery_of_zero_is_refused(coordinator_client, partnership):
    commitment = CommitmentFactory(partnership=partnership)
    response = coordinator_client.post(
        url("commitment_delivery", partnership.pk, commitment.pk), {"amount": "0", "date": iso(today())}
    )
    assert response.status_code == 200
    assertContains(response, "Ensure this value is greater than or equal to 0.01.")
    assert not CommitmentDelivery.objects.exists()


def test_delivery_on_a_fulfilled_commitment_is_refused(coordinator_client, partnership):
    commitment = CommitmentFactory(partnership=partnership, status=Commitment.Status.FULFILLED)
    response = coordinator_client.post(
        url("commitment_delivery", partnership.pk, commitment.pk), {"amount": "1", "date": iso(today())}
    )
    assert response.status_code == 200
    assertContains(response, "This commitment is fulfilled; reopen it to record more.")
    assert not CommitmentDelivery.objects.exists()


# Roles ------------------------------------------------------------------------------------------


@pytest.fixture
def mentor(partnership):
    return ContactFactory(organization=partnership.business, first_name="Maya", last_name="Mentor")


def role_data(contact, **overrides):
    data = {
        "contact": contact.pk,
        "title": "Mentor lead",
        "responsibilities": "Recruits the mentors.",
        "hours_per_month": "4",
    }
    data.update(overrides)
    return data


def test_role_create_form_suggests_titles(coordinator_client, partnership):
    response = coordinator_client.get(url("role_create", partnership.pk))
    assert response.status_code == 200
    assertContains(response, '<datalist id="role-titles">')
    assertContains(response, "Executive sponsor")


def test_role_create_gives_a_person_a_role(coordinator_client, partnership, mentor):
    response = coordinator_client.post(url("role_create", partnership.pk), role_data(mentor))
    assertRedirects(response, detail_url(partnership, "people"))
    role = PartnershipRole.objects.get()
    assert (role.partnership, role.contact, role.title) == (partnership, mentor, "Mentor lead")
    page = coordinator_client.get(detail_url(partnership))
    assertContains(page, "Mentor lead")
    assertContains(page, "4 h a month")


def test_role_create_refuses_the_same_title_twice_for_the_same_person(coordinator_client, partnership, mentor):
    PartnershipRoleFactory(partnership=partnership, contact=mentor, title="Mentor lead")
    response = coordinator_client.post(url("role_create", partnership.pk), role_data(mentor, title="mentor lead"))
    assert response.status_code == 200
    assertContains(response, "Maya Mentor already holds this role here.")
    assertContains(response, "Recruits the mentors.")
    assert PartnershipRole.objects.count() == 1


def test_role_create_refuses_someone_from_an_unrelated_organization(coordinator_client, partnership):
    stranger = ContactFactory(organization=BusinessFactory())
    response = coordinator_client.post(url("role_create", partnership.pk), role_data(stranger))
    assert response.status_code == 200
    assertContains(response, "Select a valid choice")
    assert not PartnershipRole.objects.exists()


def test_role_edit_saves_the_changes(coordinator_client, partnership, mentor):
    role = PartnershipRoleFactory(partnership=partnership, contact=mentor)
    response = coordinator_client.post(
        url("role_edit", partnership.pk, role.pk), role_data(mentor, title="Executive sponsor", hours_per_month="2")
    )
    assertRedirects(response, detail_url(partnership, "people"))
    role.refresh_from_db()
    assert (role.title, role.hours_per_month) == ("Executive sponsor", Decimal("2"))


def test_role_edit_may_keep_its_own_title(coordinator_client, partnership, mentor):
    role = PartnershipRoleFactory(partnership=partnership, contact=mentor, title="Mentor lead")
    response = coordinator_client.post(
        url("role_edit", partnership.pk, role.pk), role_data(mentor, hours_per_month="6")
    )
    assertRedirects(response, detail_url(partnership, "people"))
    role.refresh_from_db()
    assert role.hours_per_month == Decimal("6")


def test_role_edit_refuses_negative_hours(coordinator_client, partnership, mentor):
    role = PartnershipRoleFactory(partnership=partnership, contact=mentor, hours_per_month=Decimal("4"))
    response = coordinator_client.post(
        url("role_edit", partnership.pk, role.pk), role_data(mentor, hours_per_month="-1")
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    role.refresh_from_db()
    assert role.hours_per_month == Decimal("4")


def test_role_delete_asks_first_then_removes_on_post(coordinator_client, partnership, mentor):
    role = PartnershipRoleFactory(partnership=partnership, contact=mentor, title="Mentor lead")
    response = coordinator_client.get(url("role_delete", partnership.pk, role.pk))
    assertContains(response, "Remove this role?")
    assertContains(response, "Mentor lead: Maya Mentor")
    assert PartnershipRole.objects.filter(pk=role.pk).exists()

    response = coordinator_client.post(url("role_delete", partnership.pk, role.pk))
    assertRedirects(response, detail_url(partnership, "people"))
    assert not PartnershipRole.objects.filter(pk=role.pk).exists()


def test_role_of_another_partnership_is_404_through_this_partnerships_urls(coordinator_client, partnership):
    foreign = PartnershipRoleFactory()
    assert coordinator_client.get(url("role_edit", partnership.pk, foreign.pk)).status_code == 404
    assert coordinator_client.post(url("role_delete", partnership.pk, foreign.pk)).status_code == 404
    assert PartnershipRole.objects.filter(pk=foreign.pk).exists()


# Points of contact ------------------------------------------------------------------------------


def poc_data(contact, side=Side.SCHOOL, role=PRIMARY):
    return {"side": side, "contact": contact.pk, "role": role, "start_date": iso(today())}


def test_poc_add_form_preselects_the_side(coordinator_client, partnership):
    response = coordinator_client.get(url("poc_add", partnership.pk), {"side": "business"})
    assert response.status_code == 200
    assert response.context["form"]["side"].value() == "business"


def test_poc_add_names_a_primary_contact(coordinator_client, partnership):
    teacher = ContactFactory(organization=partnership.school, first_name="Sara", last_name="Teacher")
    response = coordinator_client.post(url("poc_add", partnership.pk), poc_data(teacher))
    assertRedirects(response, detail_url(partnership, "people"))
    poc = current_primary(partnership, Side.SCHOOL)
    assert poc.contact == teacher
    assert flashed(response) == ["Sara Teacher is now primary contact on the school side."]


def test_poc_add_accepts_district_staff_on_the_school_side(coordinator_client, partnership):
    district_person = ContactFactory(organization=DistrictFactory(), first_name="Dora", last_name="District")
    response = coordinator_client.post(url("poc_add", partnership.pk), poc_data(district_person))
    assertRedirects(response, detail_url(partnership, "people"))
    assert current_primary(partnership, Side.SCHOOL).contact == district_person


def test_poc_add_refuses_a_second_primary_on_the_same_side_and_names_the_current_one(coordinator_client, partnership):
    PointOfContactFactory(
        partnership=partnership,
        side=Side.SCHOOL,
        contact=ContactFactory(organization=partnership.school, first_name="Sara", last_name="Teacher"),
    )
    other = ContactFactory(organization=partnership.school, first_name="Omar", last_name="Other")
    response = coordinator_client.post(url("poc_add", partnership.pk), poc_data(other))
    assert response.status_code == 200
    assertContains(response, "Sara Teacher is the primary contact on this side. Hand off from them instead.")
    assert current_primary(partnership, Side.SCHOOL).contact.last_name == "Teacher"
    assert not PointOfContact.objects.filter(contact=other).exists()


def test_poc_add_refuses_a_business_person_on_the_school_side(coordinator_client, partnership):
    worker = ContactFactory(organization=partnership.business, first_name="Walt", last_name="Worker")
    response = coordinator_client.post(url("poc_add", partnership.pk), poc_data(worker, side=Side.SCHOOL))
    assert response.status_code == 200
    assertContains(response, "Walt Worker does not work at Lincoln High or the district.")
    assert not PointOfContact.objects.exists()


def test_poc_add_adds_a_backup_beside_the_primary(coordinator_client):
    partnership = active_partnership()
    backup = ContactFactory(organization=partnership.business)
    response = coordinator_client.post(url("poc_add", partnership.pk), poc_data(backup, Side.BUSINESS, BACKUP))
    assertRedirects(response, detail_url(partnership, "people"))
    assert PointOfContact.objects.get(contact=backup).role == BACKUP


@pytest.fixture
def handoff_setup(business_a):
    partnership = active_partnership(name="Acme Mentoring", business=business_a)
    poc = current_primary(partnership, Side.BUSINESS)
    successor = ContactFactory(
        organization=business_a, first_name="Sam", last_name="Successor", email="sam@example.test"
    )
    return partnership, poc, successor


def test_handoff_page_lists_what_is_still_open(coordinator_client, handoff_setup):
    partnership, poc, _ = handoff_setup
    GoalFactory(partnership=partnership, description="Twenty job shadows")
    response = coordinator_client.get(url("poc_handoff", partnership.pk, poc.pk))
    assert response.status_code == 200
    assertContains(response, f"Hand off from {poc.contact.full_name}")
    assertContains(response, "Goal: Twenty job shadows")
    assertContains(response, "Sam Successor")


def test_handoff_passes_the_post_to_the_successor_records_it_and_emails_both_sides(
    coordinator_client, coordinator, handoff_setup, django_capture_on_commit_callbacks
):
    partnership, poc, successor = handoff_setup
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            url("poc_handoff", partnership.pk, poc.pk),
            {"successor": successor.pk, "date": iso(today()), "notes": "Sam has met the mentors."},
        )
    assertRedirects(response, detail_url(partnership, "people"))

    poc.refresh_from_db()
    assert poc.end_date == today()
    new = current_primary(partnership, Side.BUSINESS)
    assert new.contact == successor
    handoff = Handoff.objects.get()
    assert (handoff.from_poc, handoff.to_poc, handoff.notes, handoff.recorded_by) == (
        poc,
        new,
        "Sam has met the mentors.",
        coordinator,
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "New point of contact for Acme Mentoring"
    assert "sam@example.test" in mail.outbox[0].to
    assert poc.contact.email in mail.outbox[0].to
    assert flashed(response) == [
        f"Sam Successor took over from {poc.contact.full_name}. Both sides will be told by email."
    ]
    assertContains(coordinator_client.get(detail_url(partnership)), "Sam has met the mentors.")


def test_handoff_without_a_successor_is_refused_and_changes_nothing(coordinator_client, handoff_setup):
    partnership, poc, _ = handoff_setup
    response = coordinator_client.post(
        url("poc_handoff", partnership.pk, poc.pk), {"successor": "", "date": iso(today()), "notes": "Kept notes"}
    )
    assert response.status_code == 200
    assertContains(response, "This field is required.")
    assertContains(response, "Kept notes")
    assert not Handoff.objects.exists()
    poc.refresh_from_db()
    assert poc.is_current


def test_handoff_dated_in_the_future_is_refused(coordinator_client, handoff_setup):
    partnership, poc, successor = handoff_setup
    response = coordinator_client.post(
        url("poc_handoff", partnership.pk, poc.pk),
        {"successor": successor.pk, "date": iso(today() + datetime.timedelta(days=3))},
    )
    assert response.status_code == 200
    assertContains(response, "A handoff is recorded on or after the day it happens: choose today or earlier.")
    assert not Handoff.objects.exists()


def test_handoff_of_a_post_that_already_ended_goes_back_with_a_message(coordinator_client, handoff_setup):
    partnership, poc, _ = handoff_setup
    PointOfContact.objects.filter(pk=poc.pk).update(end_date=today())
    response = coordinator_client.get(url("poc_handoff", partnership.pk, poc.pk), follow=True)
    assertRedirects(response, detail_url(partnership, "people"))
    assertContains(response, "already handed over on")


def test_remove_primary_of_an_active_partnership_is_refused_with_a_hint_to_hand_off(coordinator_client, handoff_setup):
    partnership, poc, _ = handoff_setup
    confirm = coordinator_client.get(url("poc_end", partnership.pk, poc.pk))
    assertContains(confirm, f"Remove {poc.contact.full_name} as point of contact?")

    response = coordinator_client.post(url("poc_end", partnership.pk, poc.pk))
    assert response.status_code == 200
    assertContains(response, f"hand off from {poc.contact.full_name} to a successor instead")
    poc.refresh_from_db()
    assert poc.is_current


def test_remove_a_backup_ends_their_post(coordinator_client):
    partnership = active_partnership()
    backup = PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, role=BACKUP)
    response = coordinator_client.post(url("poc_end", partnership.pk, backup.pk))
    assertRedirects(response, detail_url(partnership, "people"))
    backup.refresh_from_db()
    assert backup.end_date == today()
    assert not backup.is_current
    assert flashed(response) == [f"{backup.contact.full_name} is no longer a point of contact for {partnership.name}."]


def test_point_of_contact_of_another_partnership_is_404(coordinator_client, partnership):
    foreign = PointOfContactFactory()
    assert coordinator_client.get(url("poc_handoff", partnership.pk, foreign.pk)).status_code == 404
    assert coordinator_client.post(url("poc_end", partnership.pk, foreign.pk)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.is_current


# Organizations ----------------------------------------------------------------------------------


def test_organization_list_shows_organizations_with_a_count(coordinator_client, business_a):
    SchoolFactory(name="Lincoln High")
    response = coordinator_client.get(url("organization_list"))
    assert response.status_code == 200
    assertContains(response, "Acme Tools")
    assertContains(response, "Lincoln High")
    assertContains(response, "2 organizations")


def test_organization_list_filters_by_kind_and_sector(coordinator_client):
    SchoolFactory(name="Lincoln High")
    BusinessFactory(name="Cedar Clinic", sector=Organization.Sector.HEALTHCARE)
    BusinessFactory(name="Dough Bakery", sector=Organization.Sector.HOSPITALITY)

    by_kind = coordinator_client.get(url("organization_list"), {"kind": "business"})
    assertContains(by_kind, "Cedar Clinic")
    assertContains(by_kind, "Dough Bakery")
    assertNotContains(by_kind, "Lincoln High")

    by_sector = coordinator_client.get(url("organization_list"), {"sector": "healthcare"})
    assertContains(by_sector, "Cedar Clinic")
    assertNotContains(by_sector, "Dough Bakery")


def test_organization_list_searches_by_name(coordinator_client, business_a, business_b):
    response = coordinator_client.get(url("organization_list"), {"q": "acme"})
    assertContains(response, "Acme Tools")
    assertNotContains(response, "Birch Bakery")


def test_organization_list_with_a_nul_byte_in_the_search_answers_200(coordinator_client, business_a):
    response = coordinator_client.get(url("organization_list"), {"q": "\x00"})
    assert response.status_code == 200


def test_organization_list_without_organizations_says_how_to_add_the_first(coordinator_client):
    response = coordinator_client.get(url("organization_list"))
    assertContains(response, "No organizations yet.")
    assertContains(response, "Add the first one")


def test_organization_list_says_when_filters_match_nothing(coordinator_client, business_a):
    response = coordinator_client.get(url("organization_list"), {"q": "zzz"})
    assertContains(response, "No organizations match these filters.")


def organization_data(**overrides):
    data = {
        "name": "Cedar Clinic",
        "kind": Organization.Kind.BUSINESS,
        "parent": "",
        "sector": Organization.Sector.HEALTHCARE,
        "size": "",
        "street": "1 Main Street",
        "city": "Springfield",
        "state": "IL",
        "postal_code": "62701",
        "website": "",
        "notes": "Runs a nursing apprenticeship.",
    }
    data.update(overrides)
    return data


def test_organization_create_adds_a_business(coordinator_client):
    response = coordinator_client.post(url("organization_create"), organization_data())
    organization = Organization.objects.get(name="Cedar Clinic")
    assertRedirects(response, organization.get_absolute_url())
    assert (organization.kind, organization.sector) == (Organization.Kind.BUSINESS, Organization.Sector.HEALTHCARE)
    assert flashed(response) == ["Cedar Clinic added. Next: add the people you work with there."]


def test_organization_create_refuses_a_business_without_a_sector_and_keeps_the_input(coordinator_client):
    response = coordinator_client.post(url("organization_create"), organization_data(sector=""))
    assert response.status_code == 200
    assertContains(response, "Choose the sector the business works in.")
    assertContains(response, 'value="Cedar Clinic"')
    assertContains(response, "Runs a nursing apprenticeship.")
    assert not Organization.objects.filter(name="Cedar Clinic").exists()


def test_organization_create_refuses_a_district_inside_a_district(coordinator_client):
    district = DistrictFactory(name="Springfield District")
    response = coordinator_client.post(
        url("organization_create"),
        organization_data(name="Second District", kind=Organization.Kind.DISTRICT, sector="", parent=district.pk),
    )
    assert response.status_code == 200
    assertContains(response, "Only a school belongs to a district.")
    assert not Organization.objects.filter(name="Second District").exists()


def test_organization_detail_shows_its_people_and_partnerships(coordinator_client, partnership, business_a):
    ContactFactory(organization=business_a, first_name="Pat", last_name="Person", title="Plant manager")
    ContactFactory(organization=business_a, first_name="Ina", last_name="Gone", active=False)
    response = coordinator_client.get(business_a.get_absolute_url())
    assert response.status_code == 200
    assertContains(response, "Pat Person")
    assertContains(response, "Plant manager")
    assertContains(response, "Ina Gone")
    assertContains(response, "Inactive")
    assertContains(response, "Lincoln and Acme")
    assertContains(response, f"?business={business_a.pk}")


def test_organization_detail_of_a_missing_organization_is_404(coordinator_client):
    assert coordinator_client.get(url("organization_detail", 999999)).status_code == 404


def test_organization_edit_saves_the_changes(coordinator_client, business_a):
    response = coordinator_client.post(
        url("organization_edit", business_a.pk), organization_data(name="Acme Tools", city="Shelbyville")
    )
    assertRedirects(response, business_a.get_absolute_url())
    business_a.refresh_from_db()
    assert business_a.city == "Shelbyville"


def test_organization_edit_with_bad_input_changes_nothing(coordinator_client, business_a):
    response = coordinator_client.post(
        url("organization_edit", business_a.pk), organization_data(name="Acme Tools", sector="", city="Shelbyville")
    )
    assert response.status_code == 200
    assertContains(response, "Choose the sector the business works in.")
    business_a.refresh_from_db()
    assert business_a.city == "Springfield"


def test_organization_edit_refuses_turning_a_partner_business_into_a_school(coordinator_client, business_a):
    ActivePartnershipFactory(business=business_a)
    response = coordinator_client.post(
        url("organization_edit", business_a.pk), organization_data(name="Acme Tools", kind="school", sector="")
    )
    assert response.status_code == 200
    assertContains(response, "takes part in partnerships or has students, so it stays a business.")
    business_a.refresh_from_db()
    assert business_a.kind == "business"


def test_organization_edit_refused_keeps_the_saved_name_in_the_title(coordinator_client, business_a):
    response = coordinator_client.post(
        url("organization_edit", business_a.pk), organization_data(name="Typed Name", sector="")
    )
    assert response.status_code == 200
    assertContains(response, 'value="Typed Name"')
    assertContains(response, "<title>Edit Acme Tools")
    assertNotContains(response, "Edit Typed Name")


def test_organization_edit_refuses_a_name_another_business_has(coordinator_client, business_a, business_b):
    response = coordinator_client.post(url("organization_edit", business_a.pk), organization_data(name="Birch Bakery"))
    assert response.status_code == 200
    assert response.context["form"].errors
    business_a.refresh_from_db()
    assert business_a.name == "Acme Tools"


# Contacts ---------------------------------------------------------------------------------------


def contact_data(**overrides):
    data = {
        "first_name": "Pat",
        "last_name": "Person",
        "title": "Plant manager",
        "email": "pat@example.test",
        "phone": "555-0199",
    }
    data.update(overrides)
    return data


def test_contact_create_adds_a_person_to_the_organization(coordinator_client, business_a):
    response = coordinator_client.post(url("contact_create", business_a.pk), contact_data())
    assertRedirects(response, business_a.get_absolute_url() + "#contacts")
    contact = Contact.objects.get()
    assert (contact.organization, contact.full_name, contact.active) == (business_a, "Pat Person", True)
    assert flashed(response) == ["Pat Person added to Acme Tools."]


def test_contact_create_with_bad_input_is_refused_and_keeps_the_input(coordinator_client, business_a):
    response = coordinator_client.post(url("contact_create", business_a.pk), contact_data(last_name="", email="nope"))
    assert response.status_code == 200
    assertContains(response, "This field is required.")
    assertContains(response, "Enter a valid email address.")
    assertContains(response, 'value="Plant manager"')
    assert not Contact.objects.exists()


def test_contact_create_for_a_missing_organization_is_404(coordinator_client):
    assert coordinator_client.post(url("contact_create", 999999), contact_data()).status_code == 404


def test_contact_edit_saves_the_changes(coordinator_client, business_a):
    contact = ContactFactory(organization=business_a)
    response = coordinator_client.post(url("contact_edit", contact.pk), contact_data(title="Director"))
    assertRedirects(response, business_a.get_absolute_url() + "#contacts")
    contact.refresh_from_db()
    assert (contact.full_name, contact.title) == ("Pat Person", "Director")


def test_contact_edit_with_bad_input_changes_nothing(coordinator_client, business_a):
    contact = ContactFactory(organization=business_a, first_name="Ana", last_name="Keep")
    response = coordinator_client.post(url("contact_edit", contact.pk), contact_data(first_name=""))
    assert response.status_code == 200
    assertContains(response, "This field is required.")
    contact.refresh_from_db()
    assert contact.full_name == "Ana Keep"


def test_contact_edit_refused_keeps_the_saved_name_in_the_title(coordinator_client, business_a):
    contact = ContactFactory(organization=business_a, first_name="Ana", last_name="Keep")
    response = coordinator_client.post(url("contact_edit", contact.pk), contact_data(first_name="Typed", email="x"))
    assert response.status_code == 200
    assertContains(response, "<title>Edit Ana Keep")
    assertNotContains(response, "Edit Typed")


@pytest.fixture
def leaving_primary(business_a):
    """Lee Leaver is the business-side primary of an active partnership; Sam Successor works there too."""
    partnership = active_partnership(name="Acme Mentoring", business=business_a)
    poc = current_primary(partnership, Side.BUSINESS)
    Contact.objects.filter(pk=poc.contact_id).update(first_name="Lee", last_name="Leaver")
    poc.contact.refresh_from_db()
    successor = ContactFactory(organization=business_a, first_name="Sam", last_name="Successor")
    return partnership, poc, successor


def test_contact_deactivate_asks_for_a_successor_for_each_live_primary_post(coordinator_client, leaving_primary):
    partnership, poc, _ = leaving_primary
    response = coordinator_client.get(url("contact_deactivate", poc.contact_id))
    assert response.status_code == 200
    assertContains(response, f'name="successor_{poc.pk}"')
    assertContains(response, "Successor as primary contact of Acme Mentoring")
    assertContains(response, "name who takes over each one")


def test_contact_deactivate_without_the_successor_is_refused_and_the_contact_stays_active(
    coordinator_client, leaving_primary
):
    partnership, poc, _ = leaving_primary
    response = coordinator_client.post(url("contact_deactivate", poc.contact_id), {"notes": "Leaving in June"})
    assert response.status_code == 200
    assertContains(response, "This field is required.")
    assertContains(response, "Leaving in June")
    poc.contact.refresh_from_db()
    assert poc.contact.active
    assert current_primary(partnership, Side.BUSINESS).pk == poc.pk


def test_contact_deactivate_with_the_successor_hands_off_and_deactivates(
    coordinator_client, leaving_primary, django_capture_on_commit_callbacks
):
    partnership, poc, successor = leaving_primary
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            url("contact_deactivate", poc.contact_id),
            {f"successor_{poc.pk}": successor.pk, "notes": "Leaving in June"},
        )
    assertRedirects(response, partnership.business.get_absolute_url() + "#contacts")
    poc.contact.refresh_from_db()
    assert not poc.contact.active
    assert current_primary(partnership, Side.BUSINESS).contact == successor
    handoff = Handoff.objects.get()
    assert (handoff.from_poc_id, handoff.notes) == (poc.pk, "Leaving in June")
    assert len(mail.outbox) == 1
    assert flashed(response) == ["Lee Leaver is now inactive."]


def test_contact_deactivate_of_someone_without_posts_needs_only_the_click(coordinator_client, business_a):
    contact = ContactFactory(organization=business_a, first_name="Quinn", last_name="Quiet")
    page = coordinator_client.get(url("contact_deactivate", contact.pk))
    assertContains(page, "Deactivate Quinn Quiet?")
    assertNotContains(page, 'name="successor_')

    response = coordinator_client.post(url("contact_deactivate", contact.pk), NO_NOTES)
    assertRedirects(response, business_a.get_absolute_url() + "#contacts")
    contact.refresh_from_db()
    assert not contact.active


def test_contact_deactivate_posted_with_an_empty_body_deactivates(coordinator_client, business_a):
    # Handoff notes are optional: an empty POST confirms the deactivation.
    contact = ContactFactory(organization=business_a)
    response = coordinator_client.post(url("contact_deactivate", contact.pk))
    assertRedirects(response, business_a.get_absolute_url() + "#contacts")
    contact.refresh_from_db()
    assert not contact.active


def test_contact_deactivate_ends_their_backup_posts(coordinator_client, business_a):
    partnership = active_partnership(business=business_a)
    backup = PointOfContactFactory(partnership=partnership, side=Side.BUSINESS, role=BACKUP)
    response = coordinator_client.post(url("contact_deactivate", backup.contact_id), NO_NOTES)
    assertRedirects(response, business_a.get_absolute_url() + "#contacts")
    backup.refresh_from_db()
    assert backup.end_date == today()


def test_contact_deactivate_of_an_inactive_contact_goes_back_with_a_message(coordinator_client, business_a):
    contact = ContactFactory(organization=business_a, first_name="Ina", last_name="Gone", active=False)
    response = coordinator_client.post(url("contact_deactivate", contact.pk), follow=True)
    assertRedirects(response, business_a.get_absolute_url() + "#contacts")
    assertContains(response, "Ina Gone is already inactive.")


def test_organization_of_a_contact_must_exist(coordinator_client):
    assert coordinator_client.get(url("contact_edit", 999999)).status_code == 404
    assert coordinator_client.post(url("contact_deactivate", 999999)).status_code == 404


def test_the_start_date_of_an_active_partnership_cannot_be_emptied(coordinator_client):
    partnership = ActivePartnershipFactory()
    data = {
        "school": partnership.school_id,
        "business": partnership.business_id,
        "name": partnership.name,
        "start_date": "",
        "end_date": "",
        "notes": "",
    }

    response = coordinator_client.post(url("edit", partnership.pk), data)

    assert response.status_code == 200
    assertContains(response, "A partnership that has started keeps its start date.")
    assert Partnership.objects.get(pk=partnership.pk).start_date is not None
