"""A partnership's health score as a badge with words (never colour alone), read from its denormalized columns:
the dashboard app writes them each day; this app only shows them."""

from __future__ import annotations

import datetime

from django import template
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from partnerships.choices import HEALTH_BAND_WORDS, HealthBand, health_band

register = template.Library()

BADGE_CLASSES = {
    HealthBand.LOW: "text-bg-danger",
    HealthBand.FAIR: "text-bg-warning",
    HealthBand.HIGH: "text-bg-success",
}


@register.simple_tag
def health_badge(score: int | None, as_of: datetime.date | None = None):
    """“72 · Fair”, with “as of 1 Dec 2026” under it when `as_of` is given; “Not scored yet” without a score."""
    band = health_band(score)
    if band == HealthBand.NONE:
        return mark_safe('<span class="badge text-bg-light border">Not scored yet</span>')
    badge = format_html(
        '<span class="badge {}">{}<span class="visually-hidden"> out of 100</span> · {}</span>',
        BADGE_CLASSES[band],
        score,
        HEALTH_BAND_WORDS[band],
    )
    if as_of is None:
        return badge
    return format_html(
        '{} <span class="small text-body-secondary text-nowrap">as of {}</span>', badge, format_date(as_of, "j M Y")
    )
