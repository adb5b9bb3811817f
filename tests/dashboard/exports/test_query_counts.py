"""A streamed export costs the same few queries whatever its length (rows come in chunks from one query),
and the export pages a fixed number too: pinned at two data sizes."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboard.models import ExportJob
from students.models import Disclosure
from tests.dashboard.exports.helpers import export_url, table
from tests.factories import (
    BackgroundCheckFactory,
    ContactFactory,
    HoursEntryFactory,
    LogEntryFactory,
    PlacementFactory,
    UserFactory,
    active_partnership,
)

pytestmark = pytest.mark.django_db


def _disclosure(placement, viewer):
    Disclosure.objects.create(
        student=placement.student,
        placement=placement,
        organization=placement.partnership.business,
        viewer=viewer,
        viewer_name=viewer.display_name,
        fields="first name, last initial",
        page="Placements",
    )


def build(size: int) -> None:
    """`size` rows of every kind."""
    viewer = UserFactory()
    for _ in range(size):
        partnership = active_partnership()  # two organizations, two contacts as points of contact
        placement = PlacementFactory(partnership=partnership, status="active")
        HoursEntryFactory(placement=placement)
        LogEntryFactory(partnership=partnership)
        BackgroundCheckFactory(contact=ContactFactory(organization=partnership.business))
        _disclosure(placement, viewer)


# Session, user, their permissions, the count (stream or job?), the rows; checks read
# the safety policy too.
EXPORTS = [
    ("partnerships", 5),
    ("organizations", 5),
    ("contacts", 5),
    ("placements", 5),
    ("hours", 5),
    ("log", 5),
    ("checks", 6),
    ("disclosures", 5),
]


@pytest.mark.parametrize("size", [2, 7])
@pytest.mark.parametrize(("kind", "expected"), EXPORTS)
def test_a_streamed_export_uses_a_fixed_number_of_queries(
    kind, expected, size, coordinator_client, django_assert_num_queries
):
    build(size)
    with django_assert_num_queries(expected):
        response = coordinator_client.get(export_url(kind))
        lines = table(response)  # the rows are read while the response streams
    assert len(lines) > size  # the header and at least one row per partnership built


def _jobs(user, size: int) -> list[ExportJob]:
    now = timezone.now()
    return [
        ExportJob.objects.create(kind="log", requested_by=user, status=status, rows_total=10, expires_at=now)
        for status in (ExportJob.Status.QUEUED, ExportJob.Status.DONE, ExportJob.Status.FAILED) * size
    ]


@pytest.mark.parametrize("size", [1, 9])
def test_the_list_of_exports_uses_a_fixed_number_of_queries(
    size, coordinator, coordinator_client, django_assert_num_queries
):
    _jobs(coordinator, size)
    # Session, user, their permissions, the page's count and rows, the top bar's unread
    # notifications.
    with django_assert_num_queries(6):
        response = coordinator_client.get(reverse("exports:list"))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 9])
def test_an_export_page_uses_a_fixed_number_of_queries(
    size, coordinator, coordinator_client, django_assert_num_queries
):
    job = _jobs(coordinator, size)[0]
    # Session, user, their permissions, the job, the top bar's unread notifications.
    with django_assert_num_queries(5):
        response = coordinator_client.get(reverse("exports:job", args=[job.pk]))
    assert response.status_code == 200
