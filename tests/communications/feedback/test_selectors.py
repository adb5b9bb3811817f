"""Results (communications/feedback/selectors.py): states, summaries, NPS."""

import pytest
from django.utils import timezone

from accounts import signed_links
from communications.feedback import selectors as feedback_selectors
from communications.feedback import services as feedback
from communications.models import FeedbackRequest
from tests.communications.feedback.helpers import days
from tests.factories import (
    FeedbackRequestFactory,
    FeedbackResponseFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db


# Results ---------------------------------------------------------------------------------------------


def answered(partnership, audience, recommend, ratings=(4, 4, 4)):
    survey = FeedbackRequestFactory(partnership=partnership, audience=audience)
    communication, organization, value = ratings
    return FeedbackResponseFactory(
        request=survey, communication=communication, organization=organization, value=value, would_recommend=recommend
    )


def test_the_summary_counts_rates_averages_and_nps():
    partnership = active_partnership()
    for recommend in (10, 9, 8, 6, 0):  # 2 promoters, 2 detractors of 5: NPS 0
        answered(partnership, "partner", recommend, ratings=(5, 4, 3))
    answered(partnership, "mentor", 10, ratings=(2, 2, 2))
    answered(partnership, "mentor", 10, ratings=(4, 4, 4))
    answered(partnership, "mentor", 7, ratings=(3, 3, 3))  # passive: 2 of 3 promoters, NPS 67
    FeedbackRequestFactory(partnership=partnership, audience="student")  # waiting
    FeedbackRequestFactory(partnership=partnership, audience="student", link__expires_at=timezone.now() - days(1))

    summary = feedback_selectors.feedback_summary(FeedbackRequest.objects.all())

    assert (summary["sent"], summary["answered"], summary["waiting"], summary["expired"]) == (10, 8, 1, 1)
    assert summary["response_rate"] == 80
    assert summary["nps"] == round(100 * (4 - 2) / 8)  # 25
    assert summary["communication"] == round((5 * 5 + 2 + 4 + 3) / 8, 1)  # 4.2
    rows = {row["audience"]: row for row in summary["by_audience"]}
    assert rows["partner"]["nps"] == 0
    assert (rows["partner"]["communication"], rows["partner"]["organization"], rows["partner"]["value"]) == (5, 4, 3)
    assert rows["mentor"]["nps"] == 67
    assert rows["mentor"]["communication"] == 3
    assert rows["student"]["nps"] is None and rows["student"]["response_rate"] == 0
    assert (rows["student"]["waiting"], rows["student"]["expired"]) == (1, 1)


def test_the_summary_of_no_surveys_has_no_rates():
    summary = feedback_selectors.feedback_summary(FeedbackRequest.objects.all())

    assert (summary["sent"], summary["response_rate"], summary["nps"], summary["communication"]) == (
        0,
        None,
        None,
        None,
    )
    assert [row["label"] for row in summary["by_audience"]] == ["Partner contact", "Mentor", "Student"]


def test_the_summary_is_one_query(django_assert_num_queries):
    answered(active_partnership(), "partner", 9)
    with django_assert_num_queries(1):
        feedback_selectors.feedback_summary(FeedbackRequest.objects.all())


def test_results_by_partnership_are_one_aggregate_query(django_assert_num_queries):
    first, second = active_partnership(name="Alpha"), active_partnership(name="Beta")
    answered(first, "partner", 10)
    answered(first, "mentor", 0)
    FeedbackRequestFactory(partnership=second)

    with django_assert_num_queries(1):
        rows = [
            feedback_selectors.feedback_row(row)
            for row in feedback_selectors.feedback_by_partnership(FeedbackRequest.objects.all())
        ]

    assert [(r["partnership__name"], r["sent"], r["answered"], r["nps"], r["response_rate"]) for r in rows] == [
        ("Alpha", 2, 2, 0, 100),
        ("Beta", 1, 0, None, 0),
    ]


def test_states_follow_the_answer_and_the_link():
    waiting = FeedbackRequestFactory()
    expired = FeedbackRequestFactory(link__expires_at=timezone.now() - days(1))
    done = FeedbackResponseFactory().request

    assert [feedback_selectors.feedback_state(s) for s in (waiting, expired, done)] == [
        "waiting",
        "expired",
        "answered",
    ]
    for state, survey in (("waiting", waiting), ("expired", expired), ("answered", done)):
        assert list(feedback_selectors.feedback_by_state(FeedbackRequest.objects.all(), state)) == [survey]


def test_the_link_handler_is_registered():
    assert signed_links.handler_for(feedback.FEEDBACK_LINK).__name__ == "feedback_link"
