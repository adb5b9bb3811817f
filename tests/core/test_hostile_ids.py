"""Ids in query strings that are not ids: found by the fuzzer (tests/fuzz/), each a 500 before.

`str.isdigit()` is true of "²" (and other digits `int()` refuses), so `?partnership=²` reached `int()` or a
primary-key lookup and raised ValueError. `core.filters.id_from` takes ASCII digits only, within bigint.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.filters import BIGGEST_ID, id_from
from partnerships.choosers import PARTNERSHIPS
from partnerships.models import Partnership
from tests.factories import active_partnership

NOT_IDS = ["²", "¹²", "１２", "٣", "12\x00", str(BIGGEST_ID + 1), str(10**30), "-1", "", " "]


@pytest.mark.parametrize("value", NOT_IDS)
def test_what_is_not_an_id_names_no_row(value):
    assert id_from(value) is None


def test_an_id_is_ascii_digits_within_bigint():
    assert id_from("12") == 12
    assert id_from(" 12 ") == 12
    assert id_from(str(BIGGEST_ID)) == BIGGEST_ID


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        reverse("communications:log_create") + "?partnership=²",
        reverse("communications:story_create") + "?partnership=²",
        reverse("communications:thanks_create") + "?partnership=²",
        reverse("communications:feedback_create") + "?partnership=²",
        reverse("communications:feedback_create") + "?placement=²",
        reverse("safety:visit_create") + "?partnership=²",
        reverse("safety:check_in_create") + "?placement=²",
        reverse("safety:check_create") + "?contact=²",
        reverse("safety:concern_create") + "?placement=²",
    ],
)
def test_a_superscript_digit_as_an_id_is_no_row_not_a_server_error(url, coordinator_client):
    assert coordinator_client.get(url).status_code == 200  # the page asks which one instead


@pytest.mark.django_db
def test_a_superscript_digit_as_a_contact_to_invite_is_ignored(coordinator_client, business_a):
    url = reverse("partnerships:invitation_create", kwargs={"pk": business_a.pk})
    assert coordinator_client.get(url + "?contact=²").status_code == 200


@pytest.mark.django_db
def test_a_chooser_takes_a_superscript_digit_as_typed_text(business_a):
    active_partnership(business=business_a)
    queryset = Partnership.objects.all()
    with pytest.raises(ValidationError, match="No partnership matches"):
        PARTNERSHIPS.resolve(queryset, "²")
