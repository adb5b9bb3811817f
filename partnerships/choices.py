"""The words a partnership's records are in: their kinds, statuses, sides and roles. Models, querysets and
constraints all name them, so they live below all three."""

from __future__ import annotations

from django.db import models


class Side(models.TextChoices):
    SCHOOL = "school", "School side"
    BUSINESS = "business", "Business side"


class OrganizationKind(models.TextChoices):
    DISTRICT = "district", "District"
    SCHOOL = "school", "School"
    BUSINESS = "business", "Business"


class PartnershipStatus(models.TextChoices):
    PROSPECT = "prospect", "Prospect"
    ONBOARDING = "onboarding", "Onboarding"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Ended"


class ContactRole(models.TextChoices):
    PRIMARY = "primary", "Primary"
    BACKUP = "backup", "Backup"


class HealthBand(models.TextChoices):
    """How a partnership's health score (0-100, written each day by the dashboard) reads on lists and filters."""

    LOW = "low", "Needs attention: below 50"
    FAIR = "fair", "50–79"
    HIGH = "high", "80 and above"
    NONE = "none", "Not scored yet"


# The scores each band holds, both ends included.
HEALTH_BAND_SCORES = {HealthBand.LOW: (0, 49), HealthBand.FAIR: (50, 79), HealthBand.HIGH: (80, 100)}
HEALTH_BAND_WORDS = {HealthBand.LOW: "Needs attention", HealthBand.FAIR: "Fair", HealthBand.HIGH: "Healthy"}


def health_band(score: int | None) -> HealthBand:
    if score is None:
        return HealthBand.NONE
    return next(band for band, (low, high) in HEALTH_BAND_SCORES.items() if low <= score <= high)
