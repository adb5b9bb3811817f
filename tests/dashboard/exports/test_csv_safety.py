"""An export opens cleanly and safely in a spreadsheet: UTF-8 with a byte-order mark (accented names read
right), and a cell that a spreadsheet would run as a formula is shown as text."""

from __future__ import annotations

import pytest

from tests.dashboard.exports.helpers import body, column, export_url
from tests.factories import BusinessFactory, ContactFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


def test_an_export_is_utf8_with_a_byte_order_mark_so_accented_names_survive(coordinator_client):
    ContactFactory(first_name="Zoë", last_name="Nuñez", organization=BusinessFactory(name="Café Müller"))

    response = coordinator_client.get(export_url("contacts"))
    raw = b"".join(response.streaming_content)

    assert raw.startswith(b"\xef\xbb\xbf")
    assert "Café Müller" in raw.decode("utf-8")
    assert column(coordinator_client.get(export_url("contacts")), "First name") == ["Zoë"]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_would_start_a_formula_is_escaped(start, coordinator_client):
    PartnershipFactory(name=f'{start}HYPERLINK("http://evil.test","Click")')

    response = coordinator_client.get(export_url("partnerships"))

    assert column(response, "Partnership") == [f'\'{start}HYPERLINK("http://evil.test","Click")']


def test_numbers_and_dates_are_left_as_they_are(coordinator_client):
    partnership = PartnershipFactory(name="Plain", status="prospect")
    type(partnership).objects.filter(pk=partnership.pk).update(health_score=5)

    text = body(coordinator_client.get(export_url("partnerships")))

    assert f"\r\n{partnership.pk},Plain," in text  # the id is a number: no apostrophe in front
    assert column(coordinator_client.get(export_url("partnerships")), "Health score") == ["5"]
