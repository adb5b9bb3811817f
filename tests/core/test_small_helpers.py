"""core's small helpers: slices of a long list, a row read locked, a filter's typed text."""

import pytest

from core.batching import chunks
from core.filters import clean_text
from core.locking import lock
from partnerships.models import Organization
from tests.factories import BusinessFactory


def test_chunks_keep_every_item_in_order_in_slices_no_longer_than_asked():
    assert list(chunks([1, 2, 3, 4, 5], 2)) == [[1, 2], [3, 4], [5]]
    assert list(chunks([], 3)) == []


@pytest.mark.django_db
def test_lock_reads_the_stored_row_not_the_callers_copy():
    business = BusinessFactory(name="Acme")
    Organization.objects.filter(pk=business.pk).update(name="Acme Tools")
    business.name = "Typed but not saved"

    assert lock(business).name == "Acme Tools"


def test_typed_text_loses_nul_bytes_and_outer_spaces():
    assert clean_text("  ac\x00me ") == "acme"
