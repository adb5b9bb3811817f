"""students/services.py: a signed-in mentor's evaluations (the portal's): only of a placement they work on,
once per phase."""

import pytest
from django.core.exceptions import ValidationError

from students import services
from students.models import Evaluation
from tests.factories import ContactFactory, UserFactory
from tests.helpers import messages, today
from tests.students.services.helpers import MENTOR, MIDPOINT, started_placement_with_goals

pytestmark = pytest.mark.django_db

FINAL = Evaluation.Phase.FINAL


@pytest.fixture
def mentored():
    """An active placement with two learning goals, whose mentor has an account."""
    placement, goals = started_placement_with_goals()
    user = UserFactory(first_name="Dana", last_name="Lee")
    placement.mentor.user = user
    placement.mentor.save()
    return placement, goals, user


def _submit(placement, goals, user, phase=MIDPOINT):
    return services.evaluation_submit(
        placement=placement,
        evaluator=MENTOR,
        phase=phase,
        scores={goal.pk: (3, "") for goal in goals},
        evaluator_name=user.display_name,
        by=user,
    )


def test_the_mentor_sends_a_midpoint_and_a_final_evaluation(mentored):
    placement, goals, user = mentored

    _submit(placement, goals, user, MIDPOINT)
    _submit(placement, goals, user, FINAL)

    sent = Evaluation.objects.filter(placement=placement, submitted_by=user).order_by("pk")
    assert [(e.evaluator, e.phase, e.evaluator_name) for e in sent] == [
        ("mentor", "midpoint", "Dana Lee"),
        ("mentor", "final", "Dana Lee"),
    ]


def test_a_second_evaluation_of_the_same_phase_by_the_same_mentor_is_refused_in_words(mentored):
    placement, goals, user = mentored
    _submit(placement, goals, user)

    with pytest.raises(ValidationError) as error:
        _submit(placement, goals, user)

    assert messages(error) == [
        f"You already sent the midpoint evaluation on {today():%d %b %Y}. "
        "Each mentor sends one per phase; ask the school if something in it needs changing."
    ]
    assert Evaluation.objects.count() == 1


def test_someone_assisting_with_the_placement_sends_their_own(mentored):
    placement, goals, user = mentored
    helper = UserFactory()
    placement.other_staff.add(ContactFactory(organization=placement.partnership.business, user=helper))
    _submit(placement, goals, user)

    _submit(placement, goals, helper)

    assert Evaluation.objects.filter(placement=placement, phase=MIDPOINT).count() == 2


def test_someone_who_does_not_work_on_the_placement_cannot_evaluate_it(mentored):
    placement, goals, _user = mentored
    colleague = UserFactory()
    ContactFactory(organization=placement.partnership.business, user=colleague)

    with pytest.raises(ValidationError) as error:
        _submit(placement, goals, colleague)

    assert messages(error) == ["Only the student's mentor, or others at the business working with them, can evaluate."]
    assert not Evaluation.objects.exists()


def test_an_evaluation_through_the_mentors_signed_link_counts_as_the_mentors(mentor_link_sent):
    placement, goals, user = mentor_link_sent

    with pytest.raises(ValidationError) as error:
        _submit(placement, goals, user)

    assert messages(error)[0].startswith("You already sent the midpoint evaluation on")
    assert Evaluation.objects.count() == 1


def test_the_mentors_signed_link_evaluation_is_not_someone_elses_who_assists(mentor_link_sent):
    placement, goals, _user = mentor_link_sent
    helper = UserFactory()
    placement.other_staff.add(ContactFactory(organization=placement.partnership.business, user=helper))

    _submit(placement, goals, helper)

    assert Evaluation.objects.filter(phase=MIDPOINT).count() == 2


@pytest.fixture
def mentor_link_sent(mentored):
    """The mentor already sent the midpoint evaluation through the signed link the school emailed."""
    placement, goals, user = mentored
    services.evaluation_submit(
        placement=placement,
        evaluator=MENTOR,
        phase=MIDPOINT,
        scores={goal.pk: (2, "") for goal in goals},
        evaluator_name="Dana Lee",
    )
    return mentored


def test_mentor_evaluations_of_a_person_are_theirs_and_their_links(mentor_link_sent, coordinator):
    placement, goals, user = mentor_link_sent
    mine = _submit(placement, goals, user, FINAL)
    services.evaluation_submit(
        placement=placement,
        evaluator=Evaluation.Evaluator.COORDINATOR,
        phase=FINAL,
        scores={goal.pk: (2, "") for goal in goals},
        by=coordinator,
    )

    theirs = Evaluation.objects.filter(services.mentor_evaluations_of(user)).order_by("pk")
    assert [(e.phase, e.submitted_by) for e in theirs] == [("midpoint", None), ("final", user)]
    assert mine in theirs
