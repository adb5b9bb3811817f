"""The charter pages (partnerships/views/charters.py): new versions and earlier ones."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from partnerships.models import (
    Charter,
)
from tests.factories import (
    CharterFactory,
    CharterPriorityFactory,
    PartnershipFactory,
)
from tests.form_data import versioned
from tests.partnerships.views.helpers import detail_url, flashed, url

pytestmark = pytest.mark.django_db


# Charter ---------------------------------------------------------------------------------------------


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
    response = coordinator_client.post(url("charter_edit", partnership.pk), versioned(v1, second))
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
