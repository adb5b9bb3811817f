"""Template helpers for how SchoolBridge shows things: status badges and relative dates."""

from __future__ import annotations

import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html

register = template.Library()

# Badge colours by status value; the text always says the status too (never colour alone).
BADGE_CLASSES = {
    "prospect": "text-bg-secondary",
    "onboarding": "text-bg-info",
    "active": "text-bg-success",
    "paused": "text-bg-warning",
    "ended": "text-bg-dark",
    "not_started": "text-bg-secondary",
    "on_track": "text-bg-success",
    "at_risk": "text-bg-warning",
    "achieved": "text-bg-primary",
    "dropped": "text-bg-dark",
    "planned": "text-bg-secondary",
    "in_progress": "text-bg-info",
    "fulfilled": "text-bg-success",
    "missed": "text-bg-danger",
    "cancelled": "text-bg-dark",
    "proposed": "text-bg-secondary",
    "approved": "text-bg-primary",
    "completed": "text-bg-dark",
    "draft": "text-bg-secondary",
    "published": "text-bg-success",
}


@register.simple_tag
def status_badge(value: str, label: str):
    return format_html('<span class="badge {}">{}</span>', BADGE_CLASSES.get(value, "text-bg-light"), label)


@register.filter
def relative_day(value: datetime.date | None) -> str:
    """“today”, “in 5 days”, “3 weeks ago”: a hint beside a date, not a replacement for it."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    days = (value - timezone.localdate()).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    count, unit = abs(days), "day"
    if count >= 14:
        count, unit = count // 7, "week"
    if count >= 9 and unit == "week":
        count, unit = round(abs(days) / 30), "month"
    text = f"{count} {unit}{'s' if count != 1 else ''}"
    return f"in {text}" if days > 0 else f"{text} ago"


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters changed (for pagination and sorting links)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + query.urlencode() if query else "?"
