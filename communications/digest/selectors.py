"""The newsletter digest for a period: HTML, Markdown and draft social posts of the published stories,
and a thank-you list of partners.

Only partners who agreed to public recognition are named, and students only by preferred first name and
last initial, and only while they have media consent: consent is checked again here, because it may be
withdrawn after a story was written or published.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.template.loader import render_to_string

from communications.models import SuccessStory
from partnerships.models import Organization, Partnership
from students.models import Student

SOCIAL_LIMIT = 280
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|<>~])")
_MARKDOWN_LIST = re.compile(r"^(\s*)([-+=])", re.MULTILINE)
_MARKDOWN_NUMBERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)


def consenting_students() -> Prefetch:
    """A story's students who have media consent now, into `story.consenting_students` (the digest's
    and the portal's stories name no one else)."""
    return Prefetch(
        "students",
        queryset=Student.objects.filter(media_consent=True).order_by("preferred_first_name", "legal_first_name"),
        to_attr="consenting_students",
    )


def recognized_partners(start: datetime.date, end: datetime.date) -> QuerySet[Organization]:
    """Businesses that agreed to public recognition and had an active partnership during the period:
    active now and started by its end, or ended during or after it."""
    overlapping = Partnership.objects.filter(Q(start_date__isnull=True) | Q(start_date__lte=end)).filter(
        Q(status=Partnership.Status.ACTIVE, end_date__isnull=True)
        | Q(status__in=[Partnership.Status.ACTIVE, Partnership.Status.ENDED], end_date__gte=start)
    )
    return (
        Organization.objects.filter(
            kind=Organization.Kind.BUSINESS,
            public_recognition=True,
            business_partnerships__in=overlapping,
        )
        .distinct()
        .order_by("name")
    )


def _story_item(story: SuccessStory) -> dict[str, Any]:
    return {
        "title": story.title,
        "body": story.body,
        "publish_on": story.publish_on,
        "partner": story.partnership.business.name if story.partnership.business.public_recognition else "",
        "students": [student.partner_name for student in story.consenting_students],
    }


def markdown_escape(text: str) -> str:
    """User text made literal in Markdown: punctuation that would format or link is backslash-escaped,
    so neither Markdown nor raw HTML in a title can run."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _MARKDOWN_LIST.sub(r"\1\\\2", text)
    return _MARKDOWN_NUMBERED.sub(r"\1\\\2", text)


def _fit(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:.-—") + "…"


def social_post(story: SuccessStory) -> str:
    """A draft post of at most 280 characters: the title, the partner's thanks when they agreed to it, and
    as much of the story as fits. Students are never named in social posts."""
    business = story.partnership.business
    thanks = f" Thank you, {_fit(business.name, 80)}!" if business.public_recognition else ""
    title = _fit(story.title, SOCIAL_LIMIT - len(thanks))
    post = f"{title}{thanks}"
    room = SOCIAL_LIMIT - len(post) - 1
    if room > 20:
        post = f"{post} {_fit(story.body, room)}"
    return post


def _markdown(start: datetime.date, end: datetime.date, stories: list[dict[str, Any]], partners: list[str]) -> str:
    lines = [f"# Partnership news, {start:%-d %b %Y} to {end:%-d %b %Y}", ""]
    if not stories:
        lines += ["No stories were published in this period.", ""]
    for story in stories:
        lines += [f"## {markdown_escape(story['title'])}", ""]
        if story["partner"]:
            lines += [f"*With {markdown_escape(story['partner'])}*", ""]
        lines += [markdown_escape(paragraph) for paragraph in story["body"].splitlines()]
        lines.append("")
        if story["students"]:
            lines += [f"Students: {markdown_escape(', '.join(story['students']))}", ""]
    lines += ["## Thank you to our partners", ""]
    lines += [f"- {markdown_escape(name)}" for name in partners] or ["No partners to thank by name this time."]
    return "\n".join(lines).rstrip() + "\n"


def build_digest(start: datetime.date, end: datetime.date) -> dict[str, Any]:
    """The digest of published newsletter stories with a publish date from `start` to `end`.

    Returns `html` (a whole page, every value escaped by the template), `markdown`, `social_posts`
    (each at most 280 characters, for stories published on social media in the period), and the
    `stories` and `partners` they were built from."""
    related = SuccessStory.objects.select_related("partnership__business").prefetch_related(consenting_students())
    stories = [_story_item(story) for story in related.for_newsletter(start, end).order_by("publish_on", "pk")]
    partners = list(recognized_partners(start, end).values_list("name", flat=True))
    social = [social_post(story) for story in related.for_social(start, end).order_by("publish_on", "pk")]
    context = {"start": start, "end": end, "stories": stories, "partners": partners}
    return {
        "html": render_to_string("communications/digest_email.html", context),
        "markdown": _markdown(start, end, stories, partners),
        "social_posts": social,
        "stories": stories,
        "partners": partners,
    }
