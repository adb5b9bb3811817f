"""What the gate-holds tests share: a running placement and the gate's words."""

import datetime
import html

import pytest
from django.contrib.messages import get_messages

from core.refusals import Refused
from partnerships.models import Contact
from students import readiness, services
from students.models import Placement
from tests.factories import (
    ContactFactory,
    ready_placement,
)
from tests.helpers import today

Status = Placement.Status


NOT_SAVED = "Not saved: this placement is active, and the change would fail its checklist."


def days_from_today(days: int) -> datetime.date:
    return today() + datetime.timedelta(days=days)


def text(response) -> str:
    return html.unescape(response.content.decode())


def flashed(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def running(**kwargs) -> Placement:
    """A placement that passed the gate and started."""
    placement = ready_placement(**kwargs)
    return services.placement_activate(placement=placement, by=None)


def refused(call) -> Refused:
    with pytest.raises(Refused) as error:
        call()
    return error.value


def uncleared(placement) -> Contact:
    return ContactFactory.create(organization=placement.partnership.business, first_name="Una", last_name="Cleared")


def words_at_activation(placement, **changes) -> list[str]:
    """What the gate says of the same placement, so changed, if it were starting now."""
    for name, value in changes.items():
        setattr(placement, name, value)
    return readiness.problems(placement)
