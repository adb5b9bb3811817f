"""A mentor's midpoint and final evaluations in the portal: a 1–4 score and a comment per learning goal,
overall comments, one per phase."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from students import disclosures
from students.models import Disclosure, Evaluation
from tests.factories import EvaluationFactory
from tests.helpers import today
from tests.portal.placements.conftest import PRIVATE
from tests.students.views.helpers import flashed

pytestmark = pytest.mark.django_db


def url(placement, phase="midpoint") -> str:
    return reverse("portal:placement_evaluate", args=[placement.pk, phase])


def answers(placement, scores=(2, 4), **extra):
    data = {"overall_comments": "Keen and careful."}
    for goal, score in zip(placement.learning_goals.order_by("pk"), scores, strict=True):
        data[f"score_{goal.pk}"] = str(score)
        data[f"comment_{goal.pk}"] = f"Comment on {goal.skill}"
    return {**data, **extra}


def test_the_form_asks_for_a_score_per_learning_goal(mentor_client, placement):
    response = mentor_client.get(url(placement))

    assert response.status_code == 200
    assertContains(response, '<h1 class="h3 mb-2">Midpoint evaluation of Daisy O.</h1>', html=True)
    for goal in placement.learning_goals.all():
        assertContains(response, goal.text)
        assertContains(response, f'name="score_{goal.pk}"', count=4)
    assertContains(response, "Send midpoint evaluation")
    for private in PRIVATE:
        assertNotContains(response, private)
    assert "no-store" in response["Cache-Control"]


def test_the_form_records_one_disclosure_of_the_name_and_goals(mentor_client, mentor_user, placement):
    mentor_client.get(url(placement, "final"))

    [row] = Disclosure.objects.all()
    assert (row.viewer, row.placement, row.page) == (mentor_user, placement, "Final evaluation")
    assert row.fields == ", ".join([disclosures.NAME, disclosures.GOALS])


def test_sending_it_saves_the_mentors_evaluation_and_shows_it_on_the_placement(mentor_client, mentor_user, placement):
    response = mentor_client.post(url(placement), answers(placement))

    detail = reverse("portal:placement", args=[placement.pk])
    assertRedirects(response, detail + "#evaluations", fetch_redirect_response=False)
    assert flashed(response) == ["Thank you: your midpoint evaluation of Daisy O. is sent."]
    evaluation = Evaluation.objects.get()
    assert (evaluation.evaluator, evaluation.phase, evaluation.submitted_by) == ("mentor", "midpoint", mentor_user)
    assert (evaluation.evaluator_name, evaluation.overall_comments) == ("Dana Lee", "Keen and careful.")
    assert sorted(evaluation.ratings.values_list("score", "comment")) == [
        (2, "Comment on Communication"),
        (4, "Comment on Electronics"),
    ]
    page = mentor_client.get(detail)
    assertContains(page, "Midpoint evaluation, sent")
    assertContains(page, "Keen and careful.")


def test_a_missing_score_is_an_error_and_what_was_typed_is_kept(mentor_client, placement):
    data = answers(placement)
    first, second = placement.learning_goals.order_by("pk")
    del data[f"score_{second.pk}"]

    response = mentor_client.post(url(placement), data)

    assert response.status_code == 200
    assertContains(response, "Choose a score from 1 to 4.", count=1)
    assertContains(response, "Comment on Communication")
    assertContains(response, "Keen and careful.")
    assertContains(response, f'value="2" class="form-check-input" id="id_score_{first.pk}_1" required checked')
    assert not Evaluation.objects.exists()


def test_a_second_evaluation_of_the_same_phase_is_refused_in_words_and_keeps_what_was_typed(
    mentor_client, mentor_user, placement
):
    EvaluationFactory(placement=placement, submitted_by=mentor_user, phase="midpoint")

    response = mentor_client.post(url(placement), answers(placement, overall_comments="Typed a second time."))

    assert response.status_code == 200
    assertContains(response, f"You already sent the midpoint evaluation on {today():%d %b %Y}.")
    assertContains(response, "Typed a second time.")
    assert Evaluation.objects.count() == 1


def test_once_sent_the_page_says_so_instead_of_asking_again(mentor_client, mentor_user, placement):
    EvaluationFactory(placement=placement, submitted_by=mentor_user, phase="final")

    response = mentor_client.get(url(placement, "final"))

    assertContains(response, f"You sent the final evaluation of Daisy O. on {today():%-d %b %Y}.")
    assertNotContains(response, '<form method="post" novalidate')


def test_the_final_one_can_be_sent_after_the_midpoint(mentor_client, mentor_user, placement):
    EvaluationFactory(placement=placement, submitted_by=mentor_user, phase="midpoint")

    mentor_client.post(url(placement, "final"), answers(placement))

    assert sorted(Evaluation.objects.values_list("phase", flat=True)) == ["final", "midpoint"]


def test_a_placement_without_learning_goals_says_what_to_do(mentor_client, placement):
    placement.learning_goals.all().delete()

    response = mentor_client.get(url(placement))

    assertContains(response, "The school has not set learning goals for this placement yet")
    assertNotContains(response, "Send midpoint evaluation")


def test_a_placement_that_has_not_started_is_not_evaluated_yet(mentor_client, placement):
    placement.status = "approved"
    placement.save()

    response = mentor_client.get(url(placement))
    assertContains(response, "Evaluations open once the placement has started")
    response = mentor_client.post(url(placement), answers(placement))
    assertContains(response, "Evaluations open once the placement has started")
    assert not Evaluation.objects.exists()


@pytest.mark.parametrize("phase", ["other", "nonsense"])
def test_only_the_midpoint_and_final_evaluations_are_the_mentors(mentor_client, placement, phase):
    assert mentor_client.get(url(placement, phase)).status_code == 404
    assert mentor_client.post(url(placement, phase), answers(placement)).status_code == 404
    assert not Evaluation.objects.exists()


def test_an_administrator_who_is_not_the_mentor_cannot_evaluate(partner_a_client, placement):
    assert partner_a_client.get(url(placement)).status_code == 404
    assert partner_a_client.post(url(placement), answers(placement)).status_code == 404
    assert not Evaluation.objects.exists()
