"""The partner guide's staff page (communications/guide): coordinators write it, see it as partners will,
and the common questions are read question first, answer after."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from communications.guide.selectors import Question, is_empty, questions, sections
from communications.models import PartnerGuide
from tests.factories import UserFactory
from tests.form_data import versioned

pytestmark = pytest.mark.django_db

URL = reverse("communications:guide_edit")


def test_questions_are_blocks_of_a_question_line_and_its_answer():
    text = "  First?\r\nAnswer one,\r\nsecond line.\r\n\r\n\r\nSecond?\n   \nThird?\nThree.\n"
    assert questions(text) == [
        Question("First?", "Answer one,\nsecond line."),
        Question("Second?", ""),
        Question("Third?", "Three."),
    ]
    assert questions("   \n\n") == []


def test_sections_leave_out_the_empty_ones_and_keep_the_order():
    guide = PartnerGuide(handbook="", expectations="  Be on time.  ", whom_to_ask="Ask Dana.")
    assert [(s.key, s.heading, s.text) for s in sections(guide)] == [
        ("expectations", "What we expect of hosts", "Be on time."),
        ("whom_to_ask", "Whom to ask", "Ask Dana."),
    ]
    assert not is_empty(guide)
    assert is_empty(PartnerGuide(handbook=" ", questions="\n"))
    assert not is_empty(PartnerGuide(questions="Why?"))


def test_a_coordinator_writes_the_guide_and_who_did_is_kept(coordinator, coordinator_client):
    response = coordinator_client.get(URL)
    assertContains(response, "Partner guide")
    assertContains(response, "Nothing written yet")
    data = {
        "handbook": "Welcome.\n\nSee https://district.example.",
        "expectations": "Be on time.",
        "whom_to_ask": "",
        "questions": "Who signs hours?\nThe mentor.",
    }
    response = coordinator_client.post(URL, versioned(PartnerGuide.current(), data), follow=True)
    assertRedirects(response, URL)
    assertContains(response, "Partner guide saved.")
    guide = PartnerGuide.current()
    assert (guide.handbook, guide.expectations, guide.questions) == (
        data["handbook"],
        data["expectations"],
        data["questions"],
    )
    assert guide.updated_by == coordinator
    # The preview shows it as partners read it.
    assertContains(response, 'href="https://district.example"')
    assertContains(response, "Who signs hours?")
    assertContains(response, "Last saved by Cora Ordinator")


def test_the_preview_never_runs_html(coordinator_client):
    guide = PartnerGuide.current()
    guide.handbook = '<img src=x onerror="alert(1)">'
    guide.save()
    response = coordinator_client.get(URL)
    assertNotContains(response, "<img src=x")
    assertContains(response, "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;")


def test_staff_without_the_guide_permission_cannot_change_it(client):
    """Someone who may open the staff pages (they view partnerships) but not change the guide."""
    user = UserFactory()
    user.user_permissions.add(Permission.objects.get(codename="view_partnership"))
    client.force_login(user)
    assert client.get(reverse("partnerships:list")).status_code == 200
    assert client.post(URL, {"handbook": "Hijacked."}).status_code == 403
    assert PartnerGuide.current().handbook == ""


def test_coordinators_may_change_the_guide(coordinator):
    assert coordinator.has_perm("communications.change_partnerguide")


def test_the_communications_page_links_to_the_guide(coordinator_client):
    assertContains(coordinator_client.get(reverse("communications:log_list")), f'href="{URL}"')
