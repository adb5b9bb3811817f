"""EXPORT_STREAM_LIMIT comes from the environment: 50,000 rows unless set, and a value that is no number of
rows stops the start with a clear message."""

from __future__ import annotations

import pytest

from tests.config.test_settings import A_SECRET, settings_error, settings_values


def test_exports_stream_up_to_fifty_thousand_rows_unless_told_otherwise():
    assert settings_values({"SECRET_KEY": A_SECRET}, "EXPORT_STREAM_LIMIT") == {"EXPORT_STREAM_LIMIT": 50000}
    assert settings_values({"SECRET_KEY": A_SECRET, "EXPORT_STREAM_LIMIT": "2000"}, "EXPORT_STREAM_LIMIT") == {
        "EXPORT_STREAM_LIMIT": 2000
    }


@pytest.mark.parametrize(("raw", "message"), [("lots", "is not a whole number"), ("0", "must be at least 1")])
def test_a_stream_limit_that_is_no_number_of_rows_stops_the_start(raw, message):
    error = settings_error({"SECRET_KEY": A_SECRET, "EXPORT_STREAM_LIMIT": raw})

    assert error.startswith("django.core.exceptions.ImproperlyConfigured: EXPORT_STREAM_LIMIT=")
    assert message in error
