"""Learning goals, the coordinator's own evaluation, and evaluation links for mentors."""

import re

import pytest
from django.core import mail
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts import signed_links
from accounts.models import SignedLink
from students.models import (
    Evaluation,
    LearningGoal,
    Placement,
    Rating,
)
from tests.factories import (
    EvaluationFactory,
    GoalFactory,
    LearningGoalFactory,
    RatingFactory,
)
from tests.form_data import versioned
from tests.students.views.helpers import Status, flashed, text, url

pytestmark = pytest.mark.django_db


# Learning goals --------------------------------------------------------------------------------------


def test_learning_goal_form_offers_only_this_partnerships_goals(coordinator_client, placement, company_goal):
    GoalFactory(description="A goal of some other partnership")
    response = coordinator_client.get(url("learning_goal_create", placement.pk))
    assert response.status_code == 200
    assertContains(response, "Company: Hire two interns a year")
    assertNotContains(response, "A goal of some other partnership")
    assertContains(response, "For Maya Okonkwo at Acme Tools.")


def test_adding_a_learning_goal_links_it_to_the_goals_it_serves(coordinator_client, placement, company_goal):
    data = {
        "text": "Present a design review",
        "skill": "Communication",
        "target_level": "3",
        "serves": [company_goal.pk],
    }
    response = coordinator_client.post(url("learning_goal_create", placement.pk), data)
    assertRedirects(response, placement.get_absolute_url() + "#learning-goals", fetch_redirect_response=False)
    assert flashed(response) == ["Learning goal added."]
    goal = LearningGoal.objects.get(placement=placement)
    assert (goal.text, goal.skill, goal.target_level) == ("Present a design review", "Communication", 3)
    assert list(goal.serves.all()) == [company_goal]

    page = coordinator_client.get(placement.get_absolute_url())
    assertContains(page, "Present a design review")
    assertContains(page, "Company: Hire two interns a year")


def test_a_learning_goal_serving_another_partnerships_goal_is_refused(coordinator_client, placement, company_goal):
    foreign = GoalFactory(description="A goal of some other partnership")
    data = {"text": "Typed goal text", "skill": "CAD", "target_level": "2", "serves": [company_goal.pk, foreign.pk]}
    response = coordinator_client.post(url("learning_goal_create", placement.pk), data)
    assert response.status_code == 200
    assertContains(response, f"Select a valid choice. {foreign.pk} is not one of the available choices.")
    assertContains(response, "Typed goal text")
    assert not LearningGoal.objects.exists()


def test_a_learning_goal_without_text_or_skill_is_refused(coordinator_client, placement):
    response = coordinator_client.post(url("learning_goal_create", placement.pk), {"target_level": "9"})
    assert response.status_code == 200
    assertContains(response, "This field is required.", count=2)
    assertContains(response, "Select a valid choice. 9 is not one of the available choices.")
    assert not LearningGoal.objects.exists()


def test_editing_a_learning_goal_shows_and_then_saves_its_values(
    coordinator_client, placement, company_goal, school_goal
):
    goal = LearningGoalFactory(placement=placement, text="Old text", skill="CAD", target_level=2, serves=[company_goal])
    response = coordinator_client.get(url("learning_goal_edit", placement.pk, goal.pk))
    assert response.status_code == 200
    assertContains(response, "Old text")
    assert re.search(rf'value="{company_goal.pk}"[^>]*checked', response.content.decode())
    assert not re.search(rf'value="{school_goal.pk}"[^>]*checked', response.content.decode())

    data = versioned(goal, {"text": "New text", "skill": "Teamwork", "target_level": "4", "serves": [school_goal.pk]})
    response = coordinator_client.post(url("learning_goal_edit", placement.pk, goal.pk), data)
    assertRedirects(response, placement.get_absolute_url() + "#learning-goals", fetch_redirect_response=False)
    assert flashed(response) == ["Learning goal saved."]
    goal.refresh_from_db()
    assert (goal.text, goal.skill, goal.target_level) == ("New text", "Teamwork", 4)
    assert list(goal.serves.all()) == [school_goal]
    assert LearningGoal.objects.count() == 1


def test_a_learning_goal_of_another_placement_is_404(coordinator_client, placement):
    elsewhere = LearningGoalFactory()
    for name in ("learning_goal_edit", "learning_goal_delete"):
        assert coordinator_client.get(url(name, placement.pk, elsewhere.pk)).status_code == 404
    assert coordinator_client.post(url("learning_goal_delete", placement.pk, elsewhere.pk)).status_code == 404
    assert LearningGoal.objects.filter(pk=elsewhere.pk).exists()


def test_the_placement_page_shows_each_learning_goal_with_the_goals_it_serves_and_each_evaluations_scores(
    coordinator_client, goals, company_goal, school_goal
):
    goals[0].serves.set([school_goal, company_goal])
    evaluation = EvaluationFactory(placement=goals[0].placement, overall_comments="Good progress.")
    RatingFactory(evaluation=evaluation, learning_goal=goals[1], score=2, comment="Needs practice")
    RatingFactory(evaluation=evaluation, learning_goal=goals[0], score=4)
    EvaluationFactory(placement=goals[0].placement, overall_comments="Scored before its goals were removed.")
    page = text(coordinator_client.get(goals[0].placement.get_absolute_url()))

    rows = page[page.index('<section id="learning-goals"') : page.index('<section id="evaluations"')]
    first, second = rows.split("<tr><td>")[1:]
    assert first.startswith("Explain a design to a client</td>")
    assert "<div>Company: Hire two interns a year</div><div>School: Every senior meets a professional</div>" in first
    assert second.startswith("Use the CAD software</td>") and "Not linked" in second
    evaluations = page[page.index('<section id="evaluations"') : page.index('<section id="hours"')]
    scored, unscored = evaluations.split("<tr><td")[1:]
    assert re.findall(r'title="([^"]*)">(\d)/4<', scored) == [("", "4"), ("Needs practice", "2")]
    assert "/4<" not in unscored and "Scored before its goals were removed." in unscored


def test_removing_a_learning_goal_says_how_many_scores_go_with_it(coordinator_client, goals):
    goal = goals[0]
    for _ in range(2):
        RatingFactory(evaluation=EvaluationFactory(placement=goal.placement), learning_goal=goal)
    response = coordinator_client.get(url("learning_goal_delete", goal.placement.pk, goal.pk))
    assert response.status_code == 200
    assertContains(response, "Remove this learning goal?")
    assertContains(response, "with the 2 scores it received in evaluations.")
    assert LearningGoal.objects.filter(pk=goal.pk).exists()


def test_removing_an_unscored_learning_goal_says_just_that_it_goes(coordinator_client, goals):
    goal = goals[1]
    response = coordinator_client.get(url("learning_goal_delete", goal.placement.pk, goal.pk))
    assert "<p>“Use the CAD software” will be removed.</p>" in text(response)


def test_removing_a_learning_goal_deletes_it_and_its_scores(coordinator_client, goals):
    goal = goals[0]
    RatingFactory(evaluation=EvaluationFactory(placement=goal.placement), learning_goal=goal)
    response = coordinator_client.post(url("learning_goal_delete", goal.placement.pk, goal.pk))
    assertRedirects(response, goal.placement.get_absolute_url() + "#learning-goals", fetch_redirect_response=False)
    assert flashed(response) == ["Learning goal removed."]
    assert not LearningGoal.objects.filter(pk=goal.pk).exists()
    assert not Rating.objects.exists()
    assert LearningGoal.objects.filter(pk=goals[1].pk).exists()


# The coordinator's own evaluation --------------------------------------------------------------------


def evaluation_data(goals, phase="midpoint", scores=None) -> dict:
    data = {"phase": phase, "overall_comments": "Keeps improving."}
    for goal, score in zip(goals, scores or [3] * len(goals), strict=True):
        data[f"score_{goal.pk}"] = str(score)
        data[f"comment_{goal.pk}"] = f"Comment on {goal.skill}"
    return data


def test_evaluation_form_shows_each_learning_goal(coordinator_client, goals):
    placement = goals[0].placement
    response = coordinator_client.get(url("evaluation_create", placement.pk))
    assert response.status_code == 200
    assertContains(response, "Explain a design to a client")
    assertContains(response, "Use the CAD software")
    assertContains(response, f'name="score_{goals[0].pk}"', count=4)
    assertContains(response, "Save evaluation")


def test_a_coordinator_evaluation_is_saved_with_a_score_per_goal(coordinator_client, coordinator, goals):
    placement = goals[0].placement
    data = evaluation_data(goals, phase="final", scores=[2, 4])
    response = coordinator_client.post(url("evaluation_create", placement.pk), data)
    assertRedirects(response, placement.get_absolute_url() + "#evaluations", fetch_redirect_response=False)
    assert flashed(response) == ["Evaluation saved."]
    evaluation = Evaluation.objects.get()
    assert evaluation.evaluator == Evaluation.Evaluator.COORDINATOR
    assert evaluation.phase == Evaluation.Phase.FINAL
    assert evaluation.submitted_by == coordinator
    assert evaluation.evaluator_name == "Cora Ordinator"
    assert evaluation.overall_comments == "Keeps improving."
    scores = {r.learning_goal_id: (r.score, r.comment) for r in evaluation.ratings.all()}
    assert scores == {goals[0].pk: (2, "Comment on Communication"), goals[1].pk: (4, "Comment on CAD")}

    page = coordinator_client.get(placement.get_absolute_url())
    assertContains(page, "2/4")
    assertContains(page, "4/4")
    assertContains(page, "Cora Ordinator")


def test_an_evaluation_missing_a_score_is_refused_and_saves_nothing(coordinator_client, goals):
    placement = goals[0].placement
    data = evaluation_data(goals)
    del data[f"score_{goals[1].pk}"]
    response = coordinator_client.post(url("evaluation_create", placement.pk), data)
    assert response.status_code == 200
    assertContains(response, "Choose a score from 1 to 4.", count=1)
    assertContains(response, "Keeps improving.")
    assert not Evaluation.objects.exists()


def test_an_evaluation_without_a_phase_is_refused(coordinator_client, goals):
    data = evaluation_data(goals)
    data["phase"] = "someday"
    response = coordinator_client.post(url("evaluation_create", goals[0].placement.pk), data)
    assert response.status_code == 200
    assertContains(response, "Select a valid choice. someday is not one of the available choices.")
    assert not Evaluation.objects.exists()


def test_a_placement_without_learning_goals_asks_for_them_first(coordinator_client, active_placement):
    response = coordinator_client.get(url("evaluation_create", active_placement.pk))
    assert response.status_code == 200
    assertContains(response, "Add them first")
    assertContains(response, f'href="{url("learning_goal_create", active_placement.pk)}"')
    assertNotContains(response, "Save evaluation")


def test_a_placement_that_has_not_started_cannot_be_evaluated(coordinator_client, placement):
    goal = LearningGoalFactory(placement=placement)
    response = coordinator_client.post(url("evaluation_create", placement.pk), evaluation_data([goal]))
    assert response.status_code == 200
    assertContains(response, "Evaluations are for placements that have started.")
    assert not Evaluation.objects.exists()


# Evaluation links ------------------------------------------------------------------------------------


def test_a_mentor_link_is_shown_and_emailed_to_the_mentor(
    coordinator_client, goals, django_capture_on_commit_callbacks
):
    placement = goals[0].placement
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            url("evaluation_link_create", placement.pk), {"evaluator": "mentor", "phase": "midpoint"}
        )
    assert response.status_code == 200
    link = SignedLink.objects.get()
    assert link.payload == {"placement": placement.pk, "evaluator": "mentor", "phase": "midpoint"}
    page = text(response)
    shown = re.search(r'value="(http://testserver(/r/[^"]+/))"', page)
    assert shown, "the page shows the link"
    assert "The link has been sent to Dana Lee at dana.lee@example.test." in page

    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["dana.lee@example.test"]
    # Each rendering signs the link afresh (the signature holds a timestamp): the email's and the page's
    # tokens may differ by a second, but both open this one link.
    emailed = re.search(r"/r/([^/\s]+)/", email.body).group(1)
    token = shown.group(2).split("/")[2]
    assert signed_links.resolve(emailed) == signed_links.resolve(token) == link
    assert "Okonkwo" not in email.subject and "Maya" not in email.subject


def test_a_student_link_is_shown_to_pass_on_and_not_emailed(
    coordinator_client, goals, django_capture_on_commit_callbacks
):
    placement = goals[0].placement
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            url("evaluation_link_create", placement.pk), {"evaluator": "student", "phase": "final"}
        )
    assert response.status_code == 200
    assert re.search(r'value="http://testserver/r/[^"]+/"', response.content.decode())
    assertContains(response, "Pass this link on to Maya: it is not emailed.")
    assert mail.outbox == []
    assert SignedLink.objects.get().payload["evaluator"] == "student"


def test_the_link_in_the_page_opens_the_evaluation_form(coordinator_client, anon_client, goals):
    placement = goals[0].placement
    response = coordinator_client.post(
        url("evaluation_link_create", placement.pk), {"evaluator": "student", "phase": "midpoint"}
    )
    path = re.search(r'value="http://testserver(/r/[^"]+/)"', response.content.decode()).group(1)
    assert "okonkwo" not in path.lower()
    form = anon_client.get(path)
    assert form.status_code == 200
    assertContains(form, "Explain a design to a client")


def test_a_mentor_link_for_a_mentor_without_email_is_shown_to_pass_on(
    coordinator_client, goals, mentor, django_capture_on_commit_callbacks
):
    mentor.email = ""
    mentor.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            url("evaluation_link_create", goals[0].placement.pk), {"evaluator": "mentor", "phase": "final"}
        )
    assertContains(response, "Pass this link on to Dana Lee: it is not emailed.")
    assert mail.outbox == []


def test_a_mentor_link_for_a_placement_without_a_mentor_is_refused(coordinator_client, goals):
    placement = goals[0].placement
    # Only a finished placement can be without one: a placement under way keeps its mentor.
    Placement.objects.filter(pk=placement.pk).update(mentor=None, status=Status.COMPLETED)
    response = coordinator_client.post(
        url("evaluation_link_create", placement.pk), {"evaluator": "mentor", "phase": "midpoint"}
    )
    assertRedirects(response, placement.get_absolute_url() + "#evaluations", fetch_redirect_response=False)
    assert flashed(response) == ["Name the mentor first."]
    assert not SignedLink.objects.exists()


def test_a_link_for_a_placement_that_has_not_started_is_refused(coordinator_client, placement):
    LearningGoalFactory(placement=placement)
    response = coordinator_client.post(
        url("evaluation_link_create", placement.pk), {"evaluator": "mentor", "phase": "midpoint"}
    )
    assertRedirects(response, placement.get_absolute_url() + "#evaluations", fetch_redirect_response=False)
    assert flashed(response) == ["Evaluation links can be sent once the placement has started."]
    assert not SignedLink.objects.exists()


def test_a_link_for_a_placement_without_learning_goals_is_refused(coordinator_client, active_placement):
    response = coordinator_client.post(
        url("evaluation_link_create", active_placement.pk), {"evaluator": "student", "phase": "midpoint"}
    )
    assertRedirects(response, active_placement.get_absolute_url() + "#evaluations", fetch_redirect_response=False)
    assert flashed(response) == ["Add the placement's learning goals first: the evaluation scores them."]
    assert not SignedLink.objects.exists()


def test_a_link_request_with_an_unknown_evaluator_is_refused(coordinator_client, goals):
    placement = goals[0].placement
    response = coordinator_client.post(
        url("evaluation_link_create", placement.pk), {"evaluator": "coordinator", "phase": "midpoint"}
    )
    assertRedirects(response, placement.get_absolute_url() + "#evaluations", fetch_redirect_response=False)
    assert flashed(response) == ["Choose who evaluates and which evaluation it is."]
    assert not SignedLink.objects.exists()


def test_the_link_page_only_answers_a_post(coordinator_client, goals):
    response = coordinator_client.get(url("evaluation_link_create", goals[0].placement.pk))
    assert response.status_code == 405
    assert not SignedLink.objects.exists()
