"""Reading surveys: where each stands, and results per partnership and overall with NPS."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db.models import Aggregate, Avg, Count, Q, QuerySet, TextChoices
from django.utils import timezone

from accounts import signed_links
from communications.models import FeedbackRequest, FeedbackResponse
from partnerships.models import Partnership

Audience = FeedbackRequest.Audience


def feedback_url(survey: FeedbackRequest) -> str:
    """The survey's full address, to email or to hand over."""
    if survey.link is None:  # every saved survey has one: it is made with the survey
        raise ValueError(f"Survey #{survey.pk} has no link.")
    return settings.SITE_URL.rstrip("/") + signed_links.path_for(survey.link)


class SurveyState(TextChoices):
    """Where a survey stands: computed (see `feedback_state`), never stored."""

    ANSWERED = "answered", "Answered"
    WAITING = "waiting", "Waiting"
    EXPIRED = "expired", "Expired"


def feedback_state(survey: FeedbackRequest, now: datetime.datetime | None = None) -> SurveyState:
    """Answered, waiting, or expired (the link ran out before anyone answered)."""
    if hasattr(survey, "response"):
        return SurveyState.ANSWERED
    if survey.link is not None and survey.link.expires_at <= (now or timezone.now()):
        return SurveyState.EXPIRED
    return SurveyState.WAITING


def feedback_requests_for_list() -> QuerySet[FeedbackRequest]:
    """Surveys with what a list row shows, newest first."""
    return FeedbackRequest.objects.select_related(
        "partnership", "placement__student", "link", "response", "contact"
    ).order_by("-created_at", "-pk")


def feedback_by_state(queryset: QuerySet[FeedbackRequest], state: str) -> QuerySet[FeedbackRequest]:
    now = timezone.now()
    if state == SurveyState.ANSWERED:
        return queryset.filter(response__isnull=False)
    if state == SurveyState.EXPIRED:
        return queryset.filter(response__isnull=True, link__expires_at__lte=now)
    return queryset.filter(response__isnull=True).exclude(link__expires_at__lte=now)


def _aggregates() -> dict[str, Aggregate]:
    now = timezone.now()
    return {
        "sent": Count("pk"),
        "answered": Count("response"),
        "expired": Count("pk", filter=Q(response__isnull=True, link__expires_at__lte=now)),
        "communication": Avg("response__communication"),
        "organization": Avg("response__organization"),
        "value": Avg("response__value"),
        "promoters": Count("response", filter=Q(response__would_recommend__gte=9)),
        "detractors": Count("response", filter=Q(response__would_recommend__lte=6)),
    }


def _finish(row: dict[str, Any]) -> dict[str, Any]:
    """Add the derived numbers: waiting, response rate (%) and NPS (None without answers)."""
    sent, answered = row["sent"], row["answered"]
    row["waiting"] = sent - answered - row["expired"]
    row["response_rate"] = round(100 * answered / sent) if sent else None
    row["nps"] = round(100 * (row["promoters"] - row["detractors"]) / answered) if answered else None
    for name in ("communication", "organization", "value"):
        row[name] = round(row[name], 1) if row[name] is not None else None
    return row


def feedback_summary(requests: QuerySet[FeedbackRequest]) -> dict[str, Any]:
    """Counts (sent, answered, waiting, expired), response rate, the three average ratings and the NPS
    (% promoters 9–10 minus % detractors 0–6) of some surveys, overall and per audience, in one query.

    `by_audience` lists every audience, in the model's order, with the same keys plus `audience` and `label`.
    """
    rows = {row["audience"]: row for row in requests.order_by().values("audience").annotate(**_aggregates())}
    by_audience = []
    for audience, label in Audience.choices:
        row = rows.get(audience) or {
            "sent": 0,
            "answered": 0,
            "expired": 0,
            "promoters": 0,
            "detractors": 0,
            "communication": None,
            "organization": None,
            "value": None,
        }
        raw = {k: row[k] for k in ("communication", "organization", "value")}
        by_audience.append({**_finish(dict(row)), "audience": audience, "label": label, "raw": raw})
    total = {k: sum(r[k] for r in by_audience) for k in ("sent", "answered", "expired", "promoters", "detractors")}
    for name in ("communication", "organization", "value"):  # averages weighted by each audience's answers
        weighted = [(r["raw"][name], r["answered"]) for r in by_audience if r["raw"][name] is not None]
        total[name] = sum(a * n for a, n in weighted) / total["answered"] if weighted else None
    summary = _finish(total)
    for row in by_audience:
        del row["raw"]
    summary["by_audience"] = by_audience
    return summary


def feedback_by_partnership(requests: QuerySet[FeedbackRequest]) -> QuerySet[FeedbackRequest, dict[str, Any]]:
    """One row per partnership with surveys: its name and the summary numbers, in one aggregate query.
    Rows are dicts; call `feedback_row` on the ones shown to add the response rate and NPS."""
    return (
        requests.order_by()
        .values("partnership", "partnership__name")
        .annotate(**_aggregates())
        .order_by("partnership__name", "partnership")
    )


def feedback_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return _finish(dict(row))


def feedback_comments(partnership: Partnership) -> QuerySet[FeedbackResponse]:
    """Answers with comments about one partnership, newest first."""
    return (
        FeedbackResponse.objects.filter(request__partnership=partnership)
        .exclude(comments="")
        .select_related("request")
        .order_by("-submitted_at", "-pk")
    )
