"""core.pages.CappedPaginator: counts up to its cap and no further, on a queryset and on a list."""

import pytest

from communications.models import LogEntry
from core.pages import CappedPaginator
from tests.factories import LogEntryFactory


@pytest.mark.parametrize(("rows", "count", "capped"), [(4, 4, False), (5, 5, False), (6, 5, True), (40, 5, True)])
def test_a_list_is_counted_to_the_cap(rows, count, capped):
    paginator = CappedPaginator(list(range(rows)), 2, cap=5)
    assert (paginator.count, paginator.capped) == (count, capped)
    assert paginator.num_pages == -(-count // 2)


@pytest.mark.django_db
def test_a_queryset_is_counted_in_one_query_that_stops_at_the_cap(django_assert_num_queries):
    LogEntryFactory.create_batch(7)
    paginator = CappedPaginator(LogEntry.objects.order_by("pk"), 2, cap=5)
    with django_assert_num_queries(1) as captured:
        assert paginator.count == 5
    assert paginator.capped
    assert "LIMIT 6" in captured.captured_queries[0]["sql"]
    # The last page is the cap's: rows past it are not offered.
    assert [entry.pk for entry in paginator.page(3)] == list(
        LogEntry.objects.order_by("pk").values_list("pk", flat=True)[4:5]
    )
