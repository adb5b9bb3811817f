"""students/services.py: evaluation links for mentors without an account."""

import datetime

import pytest
from django.conf import settings
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts import signed_links
from accounts.models import SignedLink
from students import services
from students.models import Evaluation
from tests.factories import (
    LearningGoalFactory,
    StudentFactory,
)
from tests.helpers import messages
from tests.students.services.helpers import (
    MENTOR,
    MIDPOINT,
    STUDENT,
    Status,
    placement_in,
    started_placement_with_goals,
)

pytestmark = pytest.mark.django_db


# Evaluation links ------------------------------------------------------------------------------------


@pytest.fixture
def private_student():
    """A student whose every identifying detail is distinctive enough to look for."""
    return StudentFactory(
        legal_first_name="Marguerite",
        preferred_first_name="Daisy",
        last_name="Okonkwo",
        district_student_id="DSID-48213",
        date_of_birth=datetime.date(2009, 3, 14),
    )


def test_a_mentor_link_is_emailed_to_the_mentor_once_the_transaction_commits(
    private_student, coordinator, django_capture_on_commit_callbacks
):
    placement, _goals = started_placement_with_goals(student=private_student)
    mentor = placement.mentor

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        link = services.evaluation_link_create(placement=placement, evaluator=MENTOR, phase=MIDPOINT, by=coordinator)
        assert mail.outbox == []  # nothing leaves before the commit

    assert len(callbacks) == 1
    assert (link.purpose, link.recipient_email, link.recipient_name) == ("evaluation", mentor.email, mentor.full_name)
    assert link.payload == {"placement": placement.pk, "evaluator": "mentor", "phase": "midpoint"}
    assert link.created_by == coordinator
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == [mentor.email]
    assert email.subject == "Your evaluation for a SchoolBridge placement"
    for private in ("Marguerite", "Daisy", "Okonkwo", "DSID-48213"):
        assert private not in email.subject
    url = settings.SITE_URL.rstrip("/") + f"/r/{signed_links.token_for(link)}/"
    assert url in email.body
    assert "Daisy O." in email.body  # the partner name, no more
    for private in ("Marguerite", "Okonkwo", "DSID-48213", "2009"):
        assert private not in email.body


def test_a_student_link_sends_no_email(private_student, coordinator, django_capture_on_commit_callbacks):
    placement, _goals = started_placement_with_goals(student=private_student)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        link = services.evaluation_link_create(placement=placement, evaluator=STUDENT, phase=MIDPOINT, by=coordinator)

    assert callbacks == []
    assert mail.outbox == []
    assert (link.recipient_email, link.recipient_name) == ("", "Daisy")
    assert link.payload == {"placement": placement.pk, "evaluator": "student", "phase": "midpoint"}


def test_an_evaluation_link_carries_no_student_data_in_its_url(private_student, coordinator):
    placement, _goals = started_placement_with_goals(student=private_student)

    link = services.evaluation_link_create(placement=placement, evaluator=STUDENT, phase=MIDPOINT, by=coordinator)

    token = signed_links.token_for(link)
    path = signed_links.path_for(link)
    assert path == f"/r/{token}/"
    assert signing.Signer(salt=signed_links.SALT).unsign(token) == str(link.pk)  # the token is the row's id, signed
    for private in ("Marguerite", "Daisy", "Okonkwo", "DSID-48213", "2009-03-14", "20090314"):
        assert private.lower() not in path.lower()


def test_an_evaluation_link_expires_in_14_days(coordinator):
    placement, _goals = started_placement_with_goals()
    before = timezone.now()

    link = services.evaluation_link_create(placement=placement, evaluator=STUDENT, phase=MIDPOINT, by=coordinator)

    assert before + datetime.timedelta(days=14) <= link.expires_at <= timezone.now() + datetime.timedelta(days=14)
    assert not link.is_used


def test_an_evaluation_link_needs_learning_goals(coordinator):
    placement = placement_in(Status.ACTIVE)

    with pytest.raises(ValidationError) as error:
        services.evaluation_link_create(placement=placement, evaluator=MENTOR, phase=MIDPOINT, by=coordinator)

    assert messages(error) == ["Add the placement's learning goals first: the evaluation scores them."]
    assert not SignedLink.objects.exists()


@pytest.mark.parametrize("status", [Status.PROPOSED, Status.APPROVED, Status.CANCELLED])
def test_an_evaluation_link_needs_a_placement_that_has_started(status, coordinator):
    placement = placement_in(status)
    LearningGoalFactory(placement=placement)

    with pytest.raises(ValidationError) as error:
        services.evaluation_link_create(placement=placement, evaluator=STUDENT, phase=MIDPOINT, by=coordinator)

    assert messages(error) == ["Evaluation links can be sent once the placement has started."]
    assert not SignedLink.objects.exists()


def test_a_mentor_link_needs_a_mentor(coordinator):
    # Only a finished placement can be without one: a placement under way keeps its mentor.
    placement = placement_in(Status.COMPLETED, mentor=None)
    LearningGoalFactory(placement=placement)

    with pytest.raises(ValidationError) as error:
        services.evaluation_link_create(placement=placement, evaluator=MENTOR, phase=MIDPOINT, by=coordinator)

    assert messages(error) == ["Name the mentor first."]
    assert not SignedLink.objects.exists()


def test_coordinators_do_not_get_evaluation_links(coordinator):
    placement, _goals = started_placement_with_goals()

    with pytest.raises(ValueError, match="coordinators evaluate in the app"):
        services.evaluation_link_create(
            placement=placement, evaluator=Evaluation.Evaluator.COORDINATOR, phase=MIDPOINT, by=coordinator
        )

    assert not SignedLink.objects.exists()
