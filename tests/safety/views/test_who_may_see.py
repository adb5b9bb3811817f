"""Who may see the safety pages: coordinators only."""

import pytest

from tests.factories import (
    BackgroundCheckFactory,
    ContactFactory,
)
from tests.safety.views.helpers import url

pytestmark = pytest.mark.django_db


# Who may see -----------------------------------------------------------------------------------------


def test_a_partner_gets_404_on_safety_pages(partner_a_client, business_a):
    check = BackgroundCheckFactory(contact=ContactFactory(organization=business_a))
    for page in (url("dashboard"), url("check_list"), check.get_absolute_url(), url("check_create")):
        assert partner_a_client.get(page).status_code == 404
    assert partner_a_client.post(url("check_void", check.pk), {"reason": "x"}).status_code == 404
    check.refresh_from_db()
    assert not check.is_voided
