"""The retention policy (settings.RETENTION) comes from the environment, and a period under 1 stops the start."""

from __future__ import annotations

import pytest

from tests.config.test_settings import A_SECRET, settings_error, settings_values


def test_the_policys_defaults():
    values = settings_values({"SECRET_KEY": A_SECRET}, "RETENTION")

    assert values["RETENTION"] == {
        "student_years": 3,
        "safety_concern_years": 7,
        "signed_link_grace_days": 30,
        "notification_days": 90,
        "import_upload_hours": 24,
        "export_days": 30,
        "login_attempt_days": 30,
    }


def test_the_environment_sets_the_main_periods():
    env = {
        "SECRET_KEY": A_SECRET,
        "RETENTION_STUDENT_YEARS": "5",
        "RETENTION_SAFETY_CONCERN_YEARS": "10",
        "RETENTION_SIGNED_LINK_DAYS": "7",
        "RETENTION_NOTIFICATION_DAYS": "60",
        "RETENTION_IMPORT_UPLOAD_HOURS": "12",
        "RETENTION_EXPORT_DAYS": "14",
        "RETENTION_LOGIN_ATTEMPT_DAYS": "90",
    }

    assert list(settings_values(env, "RETENTION")["RETENTION"].values()) == [5, 10, 7, 60, 12, 14, 90]


@pytest.mark.parametrize("value", ["0", "-1"])
def test_a_period_under_one_is_refused(value):
    message = settings_error({"SECRET_KEY": A_SECRET, "RETENTION_STUDENT_YEARS": value})

    assert "student_years" in message and "at least 1" in message
