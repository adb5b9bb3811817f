"""Who was thanked this term (communications/thanks/selectors.py)."""

import datetime

import pytest
from django.utils import timezone

from communications.thanks import selectors as thanks_selectors
from partnerships.models import Partnership
from tests.communications.thanks.helpers import Status, days_ago
from tests.factories import (
    GradingPeriodFactory,
    ThankYouNoteFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db


# Thanked this term -----------------------------------------------------------------------------------


def test_partners_thanked_this_term_counts_notes_approved_in_the_grading_period():
    GradingPeriodFactory(start_date=days_ago(30), end_date=days_ago(-60))
    thanked = active_partnership(name="A Thanked")
    earlier = active_partnership(name="B Thanked last term")
    pending = active_partnership(name="C Only waiting")
    active_partnership(name="D Never")
    active_partnership(name="E Paused", status=Partnership.Status.PAUSED)
    ThankYouNoteFactory(partnership=thanked, status=Status.APPROVED, reviewed_at=timezone.now())
    ThankYouNoteFactory(
        partnership=earlier, status=Status.APPROVED, reviewed_at=timezone.now() - datetime.timedelta(days=31)
    )
    ThankYouNoteFactory(partnership=pending, status=Status.SUBMITTED)
    ThankYouNoteFactory(partnership=pending, status=Status.REJECTED, reviewed_at=timezone.now())
    yes, no = thanks_selectors.partners_thanked_this_term(timezone.localdate())
    assert [p.name for p in yes] == ["A Thanked"]
    assert [p.name for p in no] == ["B Thanked last term", "C Only waiting", "D Never"]


def test_without_a_grading_period_this_term_is_the_last_90_days():
    recent = active_partnership(name="Recent")
    old = active_partnership(name="Old")
    ThankYouNoteFactory(
        partnership=recent, status=Status.APPROVED, reviewed_at=timezone.now() - datetime.timedelta(days=89)
    )
    ThankYouNoteFactory(
        partnership=old, status=Status.APPROVED, reviewed_at=timezone.now() - datetime.timedelta(days=92)
    )
    yes, no = thanks_selectors.partners_thanked_this_term(timezone.localdate())
    assert [p.name for p in yes] == ["Recent"] and [p.name for p in no] == ["Old"]
    assert thanks_selectors.thanks_term(timezone.localdate())[0] == "the last 90 days"


def test_thanked_this_term_takes_two_queries(django_assert_num_queries):
    for _ in range(3):
        ThankYouNoteFactory(partnership=active_partnership(), status=Status.APPROVED, reviewed_at=timezone.now())
    active_partnership()
    with django_assert_num_queries(2):
        yes, no = thanks_selectors.partners_thanked_this_term(timezone.localdate())
        assert [p.business.name for p in yes + no]
    assert (len(yes), len(no)) == (3, 1)
