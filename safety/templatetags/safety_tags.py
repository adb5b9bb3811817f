"""How safety things look: state badges, due hints, and the Safety card of the placement page (a handful
of queries, whatever the number of rows)."""

from __future__ import annotations

import datetime
import types

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from accounts.templatetags.ui import relative_day
from safety import cadence, gate
from safety.models import (
    BackgroundCheck,
    SafetyConcern,
    SafetyPolicy,
    SiteVisit,
)
from safety.selectors import checks_of
from students.models import Placement

register = template.Library()

# (text, Bootstrap class) per state: the text always says it, never colour alone.
State = BackgroundCheck.State
NO_CHECK, VOIDED = "none", "voided"  # badges for a person without a check, and for a voided one
CHECK_STATES = {
    State.CLEARED: ("Cleared", "text-bg-success"),
    State.EXPIRING: ("Expiring", "text-bg-warning"),
    State.EXPIRED: ("Expired", "text-bg-danger"),
    State.PENDING: ("Pending", "text-bg-info"),
    State.NOT_STARTED: ("Not started", "text-bg-secondary"),
    State.NOT_CLEARED: ("Not cleared", "text-bg-danger"),
    NO_CHECK: ("No check", "text-bg-danger"),
    VOIDED: ("Voided", "text-bg-dark"),
}
SEVERITY_CLASSES = {
    SafetyConcern.Severity.HIGH: "text-bg-danger",
    SafetyConcern.Severity.MEDIUM: "text-bg-warning",
    SafetyConcern.Severity.LOW: "text-bg-secondary",
}
CONCERN_STATUS_CLASSES = {
    SafetyConcern.Status.OPEN: "text-bg-danger",
    SafetyConcern.Status.INVESTIGATING: "text-bg-warning",
    SafetyConcern.Status.RESOLVED: "text-bg-success",
}
VISIT_STATUS_CLASSES = {
    SiteVisit.Status.SCHEDULED: "text-bg-info",
    SiteVisit.Status.COMPLETED: "text-bg-success",
    SiteVisit.Status.CANCELLED: "text-bg-dark",
}


def _badge(css: str, text: str):
    return format_html('<span class="badge {}">{}</span>', css, text)


@register.simple_tag
def check_badge(check, window_days: int = 60):
    """A background check's state: Cleared, Expiring, Expired, Pending, Not started, Not cleared, Voided."""
    if check is None:
        state = NO_CHECK
    elif check.is_voided:
        state = VOIDED
    else:
        state = check.state(window_days=window_days)
    text, css = CHECK_STATES.get(state, (state, "text-bg-light"))
    return _badge(css, text)


@register.simple_tag
def state_badge(state: str):
    text, css = CHECK_STATES.get(state, (state, "text-bg-light"))
    return _badge(css, text)


@register.simple_tag
def severity_badge(concern):
    return _badge(SEVERITY_CLASSES.get(concern.severity, "text-bg-light"), f"{concern.get_severity_display()} severity")


@register.simple_tag
def concern_status_badge(concern):
    if concern.is_voided:
        return _badge("text-bg-dark", "Voided")
    return _badge(CONCERN_STATUS_CLASSES.get(concern.status, "text-bg-light"), concern.get_status_display())


@register.simple_tag
def visit_badge(visit):
    if visit.is_voided:
        return _badge("text-bg-dark", "Voided")
    return _badge(VISIT_STATUS_CLASSES.get(visit.status, "text-bg-light"), visit.get_status_display())


@register.filter
def due_hint(value: datetime.date | None) -> str:
    """“due today”, “due in 5 days”, “3 days overdue”: a hint beside a due date."""
    if value is None:
        return ""
    days = (value - timezone.localdate()).days
    if days == 0:
        return "due today"
    if days > 0:
        return f"due {relative_day(value)}"
    if days == -1:
        return "1 day overdue"
    return relative_day(value).replace(" ago", " overdue")


# The placement page's Safety card ---------------------------------------------------------------


@register.inclusion_tag("safety/_placement_safety.html")
def placement_safety(placement):
    today = timezone.localdate()
    policy = SafetyPolicy.current()
    people = gate.people_to_clear(placement, policy)
    checks = checks_of([c.pk for _, c in people], through=placement.end_date) if people else []
    covered = {check.contact_id for check in checks if check.covers_end}
    rows = []
    for role, contact in people:
        latest = BackgroundCheck.deciding([c for c in checks if c.contact_id == contact.pk])
        covers_end = contact.pk in covered
        rows.append(
            {
                "role": role,
                "contact": contact,
                "latest": latest,
                "state": latest.state(today, policy.renewal_window_days) if latest else NO_CHECK,
                "covers_end": covers_end,
            }
        )
    check_ins = list(placement.check_ins.live().select_related("by")[:5])
    last = check_ins[0].date if check_ins else None
    next_due = None
    if placement.status == Placement.Status.ACTIVE:
        since = types.SimpleNamespace(
            check_in_every_days=placement.check_in_every_days, check_in_since=last or placement.start_date
        )
        next_due = cadence.next_check_in(since, policy)
    visits = list(placement.site_visits.live().select_related("visitor").order_by("-scheduled_for", "-pk")[:5])
    concerns = list(placement.safety_concerns.live().select_related("reported_by").order_by("-created_at")[:5])
    return {
        "placement": placement,
        "policy": policy,
        "people": rows,
        "everyone": policy.checks_required_for == SafetyPolicy.ChecksFor.EVERYONE,
        "check_ins": check_ins,
        "last_check_in": last,
        "next_due": next_due,
        "overdue": next_due is not None and next_due < today,
        "visits": visits,
        "concerns": concerns,
        "open_concerns": [c for c in concerns if c.status in SafetyConcern.OPEN_STATUSES],
        "can_check_in": placement.status in Placement.ONGOING_STATUSES,
        "here": reverse("safety:placement", args=[placement.pk]),
    }
