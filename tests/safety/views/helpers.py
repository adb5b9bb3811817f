"""What the safety page tests share."""

import datetime
import html

from django.contrib.messages import get_messages
from django.urls import reverse

from students.models import Placement
from tests.factories import (
    ContactFactory,
)
from tests.helpers import today

Status = Placement.Status


def url(name: str, *args) -> str:
    return reverse(f"safety:{name}", args=args)


def transition(placement, status: str) -> str:
    return reverse("students:placement_transition", args=[placement.pk, status])


def days(n: int) -> datetime.date:
    """The day `n` days from today (negative: in the past)."""
    return today() + datetime.timedelta(days=n)


def iso(day: datetime.date) -> str:
    return day.isoformat()


def day(value: datetime.date) -> str:
    """A date as the pages write it: 5 Mar 2026."""
    return f"{value.day} {value:%b %Y}"


def flashed(response) -> list[str]:
    """The messages a view added for the next page."""
    return [str(message) for message in get_messages(response.wsgi_request)]


def text(response) -> str:
    """The page as a reader sees its words: HTML entities decoded."""
    return html.unescape(response.content.decode())


def section(response, section_id: str) -> str:
    """The words of one <section id="..."> of a page."""
    page = text(response)
    start = page.index(f'<section id="{section_id}"')
    return page[start : page.index("</section>", start)]


def person(first: str, last: str, **kwargs):
    return ContactFactory(first_name=first, last_name=last, **kwargs)
