"""What needs my action: the portal home's list, gathered from each feature (the same registry pattern as
reminders and the readiness gate). A feature registers a function of the request that returns its open
items, each one click from done and gone once done; the home page asks only the features the person's role
may use (portal.access).

Item titles may be shown in the portal but carry no student's full name (Student.partner_name at most).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.http import HttpRequest

from portal.access import Ability, may


@dataclass(frozen=True)
class Action:
    title: str
    url: str
    detail: str = ""
    due_on: datetime.date | None = None
    urgent: bool = False


Provider = Callable[[HttpRequest], Iterable[Action]]
_providers: list[tuple[Ability, Provider]] = []


def provides(ability: Ability) -> Callable[[Provider], Provider]:
    """Register a feature's open items, asked only for people whose role has `ability`."""

    def decorator(provider: Provider) -> Provider:
        _providers.append((ability, provider))
        return provider

    return decorator


def for_request(request: HttpRequest) -> list[Action]:
    """Every open item for this person at this organization: urgent first, then by due date."""
    items = [item for ability, provider in _providers if may(request, ability) for item in provider(request)]
    return sorted(items, key=lambda item: (not item.urgent, item.due_on or datetime.date.max, item.title))
