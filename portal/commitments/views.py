"""What each side of the organization's partnerships promised, against what it delivered; the business records
a delivery of its own commitments and proposes changes to them, which the district approves or declines.
School-side commitments are shown, never changed here (404)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse

from communications.models import Reminder
from communications.reminders import events
from core.pages import GET_POST, add_service_errors, paginate, posted
from partnerships.commitments import services as commitments
from partnerships.models import Commitment, CommitmentChange, CommitmentDelivery, Side
from partnerships.templatetags.commitment_changes import change_lines
from portal import pages, scope
from portal.access import Ability, needs
from portal.commitments.forms import ChangeForm, DeliveryForm

RECENT_DELIVERIES = 3
PARTNERSHIPS_PER_PAGE = 10


@dataclass(frozen=True)
class Row:
    """A commitment as the page shows it: how far along, in numbers and in words."""

    commitment: Commitment
    percent: int  # of the promised amount, at most 100 (the bar)
    words: str  # "4 of 10 hours delivered (40%)"
    ours: bool  # the business's own: it records deliveries and proposes changes
    latest_change: CommitmentChange | None

    @property
    def can_record(self) -> bool:
        return self.ours and self.commitment.status in Commitment.OPEN_STATUSES

    @property
    def can_propose(self) -> bool:
        waiting = self.latest_change is not None and self.latest_change.status == CommitmentChange.Status.PROPOSED
        return self.can_record and not waiting


def _row(commitment: Commitment, latest_change: CommitmentChange | None) -> Row:
    delivered: Decimal = commitment.delivered  # type: ignore[attr-defined]  # with_delivered()
    share = round(delivered / commitment.amount * 100)
    words = (
        f"{floatformat(delivered, -2)} of {floatformat(commitment.amount, -2)} {commitment.unit} delivered ({share}%)"
    )
    return Row(commitment, min(share, 100), words, commitment.party == Side.BUSINESS, latest_change)


def _commitments(request):
    return Commitment.objects.filter(partnership__in=scope.partnerships(request))


def _ours(request, pk) -> Commitment:
    """One of the business's own commitments: a school-side one, or another business's, is a 404."""
    return get_object_or_404(
        _commitments(request).filter(party=Side.BUSINESS).with_delivered().select_related("partnership"), pk=pk
    )


def _back(commitment: Commitment) -> str:
    return reverse("portal:commitment", args=[commitment.pk])


def _crumbs(commitment: Commitment | None = None) -> list[tuple[str, str]]:
    crumbs = [("Commitments", reverse("portal:commitments"))]
    if commitment is not None:
        crumbs.append((commitment.description, _back(commitment)))
    return crumbs


@needs(Ability.COMMITMENTS)
def commitment_list(request):
    """Each partnership with its commitments on both sides, their progress, latest deliveries and the
    business's latest proposal (the one waiting, or the last decided)."""
    partnerships = scope.partnerships(request).select_related("school").order_by("name", "pk")
    page = paginate(request, partnerships, per_page=PARTNERSHIPS_PER_PAGE)
    shown = list(page.object_list)
    commitments = (
        Commitment.objects.filter(partnership__in=[p.pk for p in shown])
        .with_delivered()
        .annotate(delivery_count=Count("deliveries"))
        .prefetch_related(
            Prefetch(
                "deliveries",
                queryset=CommitmentDelivery.objects.order_by("-date", "-pk")[:RECENT_DELIVERIES],
                to_attr="recent_deliveries",
            ),
            Prefetch(
                "changes", queryset=CommitmentChange.objects.order_by("-proposed_at", "-pk")[:1], to_attr="latest"
            ),
        )
        .order_by("party", "pk")
    )
    by_partnership = {p.pk: [] for p in shown}
    for commitment in commitments:
        latest = commitment.latest[0] if commitment.latest else None
        by_partnership[commitment.partnership_id].append(_row(commitment, latest))
    sections = [
        (
            partnership,
            [row for row in by_partnership[partnership.pk] if row.ours],
            [row for row in by_partnership[partnership.pk] if not row.ours],
        )
        for partnership in shown
    ]
    return render(
        request,
        "portal/commitments/list.html",
        {
            "title": "Commitments",
            "page": page,
            "sections": sections,
            "recent": RECENT_DELIVERIES,
        },
    )


@needs(Ability.COMMITMENTS)
def commitment_detail(request, pk):
    """One commitment: its progress, every delivery (paged) and every proposal with the district's answer."""
    commitment = get_object_or_404(
        _commitments(request).with_delivered().select_related("partnership__school", "partnership__business"), pk=pk
    )
    changes = list(commitment.changes.select_related("proposed_by"))
    row = _row(commitment, changes[0] if changes else None)
    deliveries = paginate(request, commitment.deliveries.select_related("recorded_by"))
    return render(
        request,
        "portal/commitments/detail.html",
        {
            "title": commitment.description,
            "row": row,
            "commitment": commitment,
            "page": deliveries,
            "changes": changes,
            "breadcrumbs": _crumbs(),
        },
    )


@GET_POST
@needs(Ability.COMMITMENTS)
def commitment_delivery(request, pk):
    """Record part of a business-side commitment that was given."""
    commitment = _ours(request, pk)
    if commitment.status not in Commitment.OPEN_STATUSES:
        messages.info(
            request,
            f"This commitment is {commitment.get_status_display().lower()}: there is nothing more to record. "
            "Ask the district if it should be reopened.",
        )
        return redirect(_back(commitment))
    row = _row(commitment, None)
    form = DeliveryForm(posted(request), commitment=commitment)
    if request.method == "POST" and form.is_valid():
        try:
            commitments.commitment_record_delivery(commitment=commitment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            amount = floatformat(form.cleaned_data["amount"], -2)
            messages.success(request, f"Recorded {amount} {commitment.unit} for “{commitment.description}”. Thank you.")
            return redirect(_back(commitment))
    return pages.form_page(
        request,
        title="Record a delivery",
        intro=f"For “{commitment.description}”. So far: {row.words} ({commitment.get_cadence_display().lower()}).",
        form=form,
        submit="Record delivery",
        cancel_url=_back(commitment),
        breadcrumbs=_crumbs(commitment),
    )


@GET_POST
@needs(Ability.COMMITMENTS)
def commitment_change(request, pk):
    """Propose a change to a business-side commitment; the school side is told at once."""
    commitment = _ours(request, pk)
    waiting = commitment.changes.filter(status=CommitmentChange.Status.PROPOSED).exists()
    if waiting or commitment.status not in Commitment.OPEN_STATUSES:
        messages.info(
            request,
            "A change to this commitment is already waiting for the district: you will see their answer here."
            if waiting
            else f"This commitment is {commitment.get_status_display().lower()}: only planned or running ones "
            "can change. Write to the district if it should be reopened.",
        )
        return redirect(_back(commitment))
    form = ChangeForm(posted(request), commitment=commitment)
    if request.method == "POST" and form.is_valid():
        try:
            change = commitments.commitment_change_propose(commitment=commitment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _tell_the_school(request, change)
            messages.success(request, "Your proposal went to the district. Their answer will show here.")
            return redirect(_back(commitment))
    return pages.form_page(
        request,
        title="Propose a change",
        intro=f"To “{commitment.description}”. Say what should change and why: nothing changes until the district "
        "approves it.",
        form=form,
        submit="Send the proposal",
        cancel_url=_back(commitment),
        breadcrumbs=_crumbs(commitment),
    )


def _tell_the_school(request, change: CommitmentChange) -> None:
    commitment = change.commitment
    partnership = commitment.partnership
    events.notify(
        kind=Reminder.Kind.COMMITMENT_CHANGE,
        subject=change,
        title=f"{request.organization.name} proposes a change to “{commitment.description}”",
        body="\n".join([*change_lines(change), f"Why: {change.reason}"]),
        url=reverse("partnerships:detail", args=[partnership.pk]) + f"#change-{change.pk}",
        partnership_id=partnership.pk,
    )
