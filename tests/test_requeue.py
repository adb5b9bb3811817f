"""Every kind of queued work a broker outage can strand is queued again by the beat (core.requeue), once its
grace has passed, and done once: a row left waiting is picked up, one whose work was done is not, nor one
queued a moment ago (its message may still be on its way). A kind registered without a case here fails."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from accounts.background import STALE_CLAIM
from accounts.tasks import requeue_lost_work
from communications.models import Reminder, ThankYouNote
from communications.reminders.tasks import requeue_lost_reminders
from core import requeue
from dashboard.models import ExportJob
from partnerships.models import Handoff, MembershipRole, PartnerMembership
from safety.models import SafetyConcern
from students.models import ImportJob
from tests.factories import (
    ActivePartnershipFactory,
    CoordinatorFactory,
    FeedbackRequestFactory,
    HandoffFactory,
    ImportJobFactory,
    PlacementFactory,
    ReminderFactory,
    SafetyConcernFactory,
    SignedLinkFactory,
    ThankYouNoteFactory,
    UserFactory,
)
from tests.factories.invitations import InvitationFactory

pytestmark = pytest.mark.django_db

LATE = timezone.now() - requeue.GRACE - datetime.timedelta(seconds=1)  # queued before the grace ran out


@dataclass
class Case:
    """How to make a row of one kind: waiting (its work not done), or done; and whether its work is done."""

    make: Callable[..., Any]  # make(done: bool) -> the row, queued at LATE
    done: Callable[[Any], bool]
    emails: int = 1  # emails doing the work of one waiting row sends


def _age(model, row, field: str = "created_at"):
    model.objects.filter(pk=row.pk).update(**{field: LATE})
    return row


def _reminder(done):
    if not done:
        CoordinatorFactory()  # who it is for
    status = Reminder.Status.SENT if done else Reminder.Status.PENDING
    return ReminderFactory(created_at=LATE, status=status)


def _survey(done):
    return FeedbackRequestFactory(created_at=LATE, link__emailed_at=timezone.now() if done else None)


def _thank_you(done):
    partnership = ActivePartnershipFactory()
    user = UserFactory(email=f"host{partnership.pk}@example.test")
    PartnerMembership.objects.create(user=user, organization=partnership.business, role=MembershipRole.ADMIN)
    return ThankYouNoteFactory(
        partnership=partnership,
        status=ThankYouNote.Status.APPROVED,
        body="Thank you for the welcome.",
        signed_as="Maya R.",
        reviewed_at=LATE,
        delivered_at=timezone.now() if done else None,
    )


def _handoff(done):
    return _age(Handoff, HandoffFactory(notified_at=timezone.now() if done else None))


def _invitation(done):
    coordinator = CoordinatorFactory()
    business = ActivePartnershipFactory().business
    emailed = timezone.now() if done else None
    return InvitationFactory(organization=business, created_by=coordinator, created_at=LATE, emailed_at=emailed)


def _concern(done):
    UserFactory(is_superuser=True)  # no lead named: the administrators hear of it
    concern = SafetyConcernFactory(
        severity=SafetyConcern.Severity.HIGH, lead_notified_at=timezone.now() if done else None
    )
    return _age(SafetyConcern, concern)


def _evaluation_link(done):
    placement = PlacementFactory(status="active")
    return SignedLinkFactory(placement=placement, created_at=LATE, emailed_at=timezone.now() if done else None)


def _import_check(done):
    status = ImportJob.Status.CHECKED if done else ImportJob.Status.CHECK_QUEUED
    return _age(ImportJob, ImportJobFactory(status=status, total_rows=0))


def _import(done):
    status = ImportJob.Status.DONE if done else ImportJob.Status.QUEUED
    return ImportJobFactory(status=status, confirmed_at=LATE)


def _export(done):
    status = ExportJob.Status.DONE if done else ExportJob.Status.QUEUED
    job = ExportJob.objects.create(kind="log", requested_by=CoordinatorFactory(), status=status, rows_total=0)
    return _age(ExportJob, job)


def _reloaded(row):
    return type(row).objects.get(pk=row.pk)


CASES: dict[str, Case] = {
    "reminders": Case(_reminder, lambda r: _reloaded(r).status == Reminder.Status.SENT),
    "survey emails": Case(_survey, lambda r: _reloaded(r.link).emailed_at is not None),
    "thank-you notes": Case(_thank_you, lambda r: _reloaded(r).delivered_at is not None),
    "handoff notices": Case(_handoff, lambda r: _reloaded(r).notified_at is not None),
    "invitations": Case(_invitation, lambda r: _reloaded(r).emailed_at is not None),
    "safety-lead notices": Case(_concern, lambda r: _reloaded(r).lead_notified_at is not None),
    "evaluation links": Case(_evaluation_link, lambda r: _reloaded(r).emailed_at is not None),
    "import checks": Case(_import_check, lambda r: _reloaded(r).status != ImportJob.Status.CHECK_QUEUED, emails=0),
    "imports": Case(_import, lambda r: _reloaded(r).status != ImportJob.Status.QUEUED, emails=0),
    "exports": Case(_export, lambda r: _reloaded(r).status == ExportJob.Status.DONE, emails=0),
}


def _kind(name: str) -> requeue.Kind:
    return next(kind for kind in requeue.kinds() if kind.name == name)


def test_every_kind_of_queued_work_registers_its_requeue_and_has_a_case_here():
    assert {kind.name for kind in requeue.kinds()} == set(CASES)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_row_left_waiting_is_queued_again_after_the_grace_and_done_once(
    name, media, django_capture_on_commit_callbacks
):
    case, kind = CASES[name], _kind(name)
    waiting, done = case.make(done=False), case.make(done=True)
    assert kind.lost(timezone.now()) == [waiting.pk]
    assert kind.lost(LATE) == []  # a moment after it was queued: its first message may still be on its way
    sent_before = len(mail.outbox)

    with django_capture_on_commit_callbacks(execute=True):
        counts = requeue_lost_work.apply().get()
    assert counts[name] == 1
    assert case.done(waiting) and case.done(done)
    assert kind.lost(timezone.now()) == []
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_lost_work.apply().get()[name] == 0
    assert len(mail.outbox) - sent_before == case.emails  # the waiting row's work, once; the done row's, never


# Where each email kind's worker marks that it took the email on (accounts.background.claimed_until_sent):
# (the related row holding it, or None for the row itself; the field). Reminders have their own tests
# (tests/communications/reminders/test_lost_work.py).
CLAIMS = {
    "survey emails": ("link", "email_claimed_at"),
    "thank-you notes": (None, "delivery_claimed_at"),
    "handoff notices": (None, "notice_claimed_at"),
    "invitations": (None, "email_claimed_at"),
    "safety-lead notices": (None, "lead_notice_claimed_at"),
    "evaluation links": (None, "email_claimed_at"),
}


def test_every_email_kind_has_a_claim_case_here():
    emails = {name for name, case in CASES.items() if case.emails} - {"reminders"}
    assert set(CLAIMS) == emails


@pytest.mark.parametrize("name", sorted(CLAIMS))
@pytest.mark.parametrize(
    ("claimed_ago", "sent"), [(STALE_CLAIM + datetime.timedelta(seconds=1), 1), (datetime.timedelta(0), 0)]
)
def test_an_email_a_killed_worker_claimed_is_sent_once_its_claim_is_stale(
    name, claimed_ago, sent, django_capture_on_commit_callbacks
):
    """A worker killed between taking the email on and the mail server's answer leaves a claim and nothing
    sent: once the claim is older than any task may run, the requeue's delivery sends it; a live claim
    (its worker may still be sending) is left alone."""
    case = CASES[name]
    waiting = case.make(done=False)
    related, field = CLAIMS[name]
    holder = getattr(waiting, related) if related else waiting
    type(holder).objects.filter(pk=holder.pk).update(**{field: timezone.now() - claimed_ago})
    sent_before = len(mail.outbox)

    with django_capture_on_commit_callbacks(execute=True):
        requeue_lost_work.apply().get()

    assert len(mail.outbox) - sent_before == sent
    assert case.done(waiting) is bool(sent)


# Rows that end by themselves (sent or failed, done or failed): tried for as long as they wait.
ENDS_BY_ITSELF = {"reminders", "import checks", "imports", "exports"}


def test_only_work_that_ends_by_itself_is_tried_with_no_horizon():
    assert {kind.name for kind in requeue.kinds() if kind.horizon is None} == ENDS_BY_ITSELF


@pytest.mark.parametrize("name", sorted(set(CASES) - ENDS_BY_ITSELF))
def test_an_email_still_waiting_after_the_horizon_is_given_up(name):
    """Mail that keeps failing (an address the server refuses, nobody to send to) stops being tried."""
    kind = _kind(name)
    waiting = CASES[name].make(done=False)
    assert kind.lost(timezone.now()) == [waiting.pk]
    assert kind.lost(timezone.now() + kind.horizon) == []


def test_a_concern_reported_by_the_business_reaches_the_lead_whatever_its_severity():
    lead_notices = _kind("safety-lead notices")
    partnership = ActivePartnershipFactory()
    host = UserFactory()
    PartnerMembership.objects.create(user=host, organization=partnership.business, role=MembershipRole.ADMIN)
    placement = PlacementFactory(status="active", partnership=partnership)
    from_partner = _age(SafetyConcern, SafetyConcernFactory(placement=placement, reported_by=host))
    _age(SafetyConcern, SafetyConcernFactory(placement=placement))  # low, from the school: the lead is not told

    assert lead_notices.lost(timezone.now()) == [from_partner.pk]


def test_one_kind_that_fails_does_not_stop_the_others(monkeypatch, django_capture_on_commit_callbacks):
    def broken(before, since):
        raise RuntimeError("this kind's table is gone")

    monkeypatch.setitem(requeue._kinds, "broken", requeue.Kind("broken", broken, requeue_lost_work))
    _reminder(done=False)

    with django_capture_on_commit_callbacks(execute=True):
        counts = requeue_lost_work.apply().get()
    assert "broken" not in counts
    assert counts["reminders"] == 1


def test_the_old_requeue_task_name_does_the_same_for_messages_queued_under_it(django_capture_on_commit_callbacks):
    """Beat sent communications.tasks.requeue_lost_reminders before: a message already queued under it, or an
    old beat's schedule, still queues every kind again."""
    _survey(done=False)
    reminder = _reminder(done=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_lost_reminders.apply().get() == 2
    assert _reloaded(reminder).status == Reminder.Status.SENT
