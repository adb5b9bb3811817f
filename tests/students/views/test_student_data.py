"""Care with student data: what pages never show, and to whom."""

import pytest
from django.urls import reverse

from accounts.models import SignedLink
from students import urls as student_urls
from students.models import (
    HoursEntry,
    LearningGoal,
)
from tests.factories import (
    HoursEntryFactory,
    LearningGoalFactory,
)
from tests.students.views.helpers import Status, hrefs, url

pytestmark = pytest.mark.django_db


# Care with student data ------------------------------------------------------------------------------


def test_placement_pages_never_put_a_students_name_or_id_in_a_url(coordinator_client, active_placement, goals):
    HoursEntryFactory(placement=active_placement)
    pages = [
        url("placement_list"),
        url("placement_detail", active_placement.pk),
        url("placement_alignment", active_placement.pk),
        url("student_list"),
        url("student_detail", active_placement.student.pk),
    ]
    for page in pages:
        response = coordinator_client.get(page)
        assert response.status_code == 200
        links = hrefs(response)
        assert len(links) > 10, page
        leaking = [link for link in links if "okonkwo" in link.lower() or "maya" in link.lower() or "D123456" in link]
        assert leaking == [], page


def _every_students_url(world) -> dict[str, str]:
    placement, goal, entry = world["placement"], world["goal"], world["entry"]
    kwargs = {
        "student_list": (),
        "student_create": (),
        "student_detail": (placement.student.pk,),
        "student_edit": (placement.student.pk,),
        "student_disclosures_csv": (placement.student.pk,),
        "placement_list": (),
        "placement_create": (),
        "placement_detail": (placement.pk,),
        "placement_edit": (placement.pk,),
        "placement_transition": (placement.pk, "completed"),
        "learning_goal_create": (placement.pk,),
        "learning_goal_edit": (placement.pk, goal.pk),
        "learning_goal_delete": (placement.pk, goal.pk),
        "evaluation_create": (placement.pk,),
        "evaluation_link_create": (placement.pk,),
        "hours_create": (placement.pk,),
        "hours_verify": (placement.pk, entry.pk),
        "hours_edit": (placement.pk, entry.pk),
        "placement_alignment": (placement.pk,),
        "partnership_alignment": (placement.partnership.pk,),
    }
    # A new page in students/urls.py must be added here.
    assert set(kwargs) == {pattern.name for pattern in student_urls.urlpatterns}
    return {name: url(name, *args) for name, args in kwargs.items()}


@pytest.fixture
def world(active_placement):
    """Maya's placement runs at Acme Tools: partner A's own business."""
    return {
        "placement": active_placement,
        "goal": LearningGoalFactory(placement=active_placement),
        "entry": HoursEntryFactory(placement=active_placement),
    }


def test_a_partner_gets_404_on_every_students_page_even_about_their_own_business(partner_a_client, business_a, world):
    assert world["placement"].partnership.business == business_a
    for name, address in _every_students_url(world).items():
        assert partner_a_client.get(address).status_code == 404, name
        assert partner_a_client.post(address, {"reason": "x", "verified_by": "x"}).status_code == 404, name

    placement = world["placement"]
    placement.refresh_from_db()
    assert placement.status == Status.ACTIVE
    assert LearningGoal.objects.filter(pk=world["goal"].pk).exists()
    assert HoursEntry.objects.get(pk=world["entry"].pk).verified_at is None
    assert not SignedLink.objects.exists()


def test_someone_not_signed_in_is_sent_to_sign_in_from_every_students_page(anon_client, world):
    for name, address in _every_students_url(world).items():
        response = anon_client.get(address)
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("login")), name
