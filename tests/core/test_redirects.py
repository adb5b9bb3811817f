"""The safe `next`: a page only ever sends someone on to a path on this site."""

import pytest
from django.test import RequestFactory

from core.redirects import local_path, next_url


@pytest.mark.parametrize("url", ["/partnerships/3/", "/safety/?tab=checks#open"])
def test_a_path_on_this_site_is_kept(url):
    assert local_path(url) == url


@pytest.mark.parametrize(
    "url",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)", "", None, "partnerships/"],
)
def test_anything_that_could_leave_the_site_is_dropped(url):
    assert local_path(url) is None


def test_next_comes_from_the_form_then_the_query_else_the_default():
    factory = RequestFactory()
    assert next_url(factory.post("/?next=/from-query/", {"next": "/from-form/"}), "/home/") == "/from-form/"
    assert next_url(factory.get("/", {"next": "/from-query/"}), "/home/") == "/from-query/"
    assert next_url(factory.get("/", {"next": "https://evil.example/"}), "/home/") == "/home/"
    assert next_url(factory.get("/"), "/home/") == "/home/"
