"""The policy page (safety/views/policy.py)."""

import pytest
from pytest_django.asserts import assertContains, assertRedirects

from safety.models import (
    GradingPeriod,
    SafetyPolicy,
)
from tests.factories import (
    GradingPeriodFactory,
)
from tests.form_data import versioned
from tests.safety.views.helpers import days, flashed, iso, url

pytestmark = pytest.mark.django_db


# Policy ----------------------------------------------------------------------------------------------


def test_the_policy_refuses_overlapping_grading_periods_and_saves_good_ones(coordinator_client, coordinator):
    first = GradingPeriodFactory(name="Fall", start_date=days(-30), end_date=days(30))
    data = {
        "check_valid_days": 365,
        "renewal_window_days": 45,
        "checks_required_for": "everyone",
        "student_check_in_days": 7,
        "site_visits_per_period": 2,
        "partner_check_in_days": 30,
        "safety_lead": coordinator.pk,
        "periods-TOTAL_FORMS": 2,
        "periods-INITIAL_FORMS": 1,
        "periods-MIN_NUM_FORMS": 0,
        "periods-MAX_NUM_FORMS": 1000,
        "periods-0-id": first.pk,
        "periods-0-name": "Fall",
        "periods-0-start_date": iso(days(-30)),
        "periods-0-end_date": iso(days(30)),
        "periods-1-name": "Spring",
        "periods-1-start_date": iso(days(30)),
        "periods-1-end_date": iso(days(120)),
    }

    data = versioned(SafetyPolicy.current(), data)
    response = coordinator_client.post(url("policy_edit"), data)
    assert response.status_code == 200
    assertContains(response, f"Spring overlaps Fall, which ends on {days(30):%d %b %Y}.")
    assert GradingPeriod.objects.count() == 1
    assert SafetyPolicy.current().check_valid_days == 730

    response = coordinator_client.post(url("policy_edit"), {**data, "periods-1-start_date": iso(days(31))})
    assertRedirects(response, url("policy_edit"))
    assert flashed(response) == ["Safety policy saved. Due dates everywhere follow it from now on."]
    policy = SafetyPolicy.current()
    assert (policy.check_valid_days, policy.student_check_in_days, policy.safety_lead) == (365, 7, coordinator)
    assert list(GradingPeriod.objects.order_by("start_date").values_list("name", "start_date")) == [
        ("Fall", days(-30)),
        ("Spring", days(31)),
    ]
