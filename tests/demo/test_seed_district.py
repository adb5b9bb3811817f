"""`manage.py seed_district`: the large benchmark district, valid row by row, ready by the gate, the same
for the same seed, and refused where it could do harm."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Max, OuterRef, Q, Subquery

from communications.models import LogEntry, ThankYouNote
from partnerships.models import Charter, Commitment, Contact, Organization, Partnership, PointOfContact
from safety.models import BackgroundCheck, CheckIn, ProtocolAcknowledgment, SafetyConcern, SiteVisit
from students import readiness
from students.models import Evaluation, HoursEntry, Placement, Student
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db

SCALE = 0.01


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    return settings


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_district", *args, stdout=out)
    return out.getvalue()


def fingerprint() -> dict[str, list]:
    """What the district holds, without primary keys or the moment rows were written."""
    return {
        "organizations": list(
            Organization.objects.order_by("kind", "name", "sector").values_list("kind", "name", "sector")
        ),
        "contacts": list(
            Contact.objects.order_by("organization__name", "first_name", "last_name", "email").values_list(
                "organization__name", "first_name", "last_name", "email"
            )
        ),
        "partnerships": list(
            Partnership.objects.order_by("name", "status", "start_date", "last_contacted_at").values_list(
                "name", "status", "start_date", "last_contacted_at"
            )
        ),
        "students": list(
            Student.objects.order_by(
                "district_student_id", "legal_first_name", "last_name", "school__name", "guardian_consent_on"
            ).values_list("district_student_id", "legal_first_name", "last_name", "school__name", "guardian_consent_on")
        ),
        "placements": list(
            Placement.objects.order_by(
                "student__district_student_id", "partnership__name", "status", "start_date", "end_date", "mentor__email"
            ).values_list(
                "student__district_student_id", "partnership__name", "status", "start_date", "end_date", "mentor__email"
            )
        ),
        "checks": list(
            BackgroundCheck.objects.order_by("contact__email", "status", "expires_on").values_list(
                "contact__email", "status", "expires_on"
            )
        ),
        "log": list(
            LogEntry.objects.order_by("partnership__name", "occurred_at", "channel", "summary").values_list(
                "partnership__name", "occurred_at", "channel", "summary"
            )
        ),
        "check-ins": list(
            CheckIn.objects.order_by("student__district_student_id", "date", "wellbeing").values_list(
                "student__district_student_id", "date", "wellbeing"
            )
        ),
    }


def test_builds_a_district_in_proportion_to_the_scale(debug):
    out = seed("--scale", str(SCALE), "--seed", "7")
    assert Organization.objects.businesses().count() == 20
    assert Student.objects.count() == 300
    assert 90 <= Placement.objects.count() <= 100
    assert 4_900 <= LogEntry.objects.count() <= 5_100
    # Most businesses have one partnership, some two.
    assert 20 < Partnership.objects.count() < 40
    for model in (
        PointOfContact,
        Charter,
        Commitment,
        BackgroundCheck,
        ProtocolAcknowledgment,
        CheckIn,
        SiteVisit,
        HoursEntry,
        Evaluation,
        ThankYouNote,
        SafetyConcern,
    ):
        assert model.objects.exists(), model
    assert "District built at scale 0.01 (seed 7)" in out
    assert "placements" in out


def test_every_row_passes_its_models_validation(debug):
    seed("--scale", str(SCALE), "--seed", "3")
    for model in (
        Organization,
        Contact,
        Partnership,
        PointOfContact,
        Charter,
        Commitment,
        Student,
        Placement,
        BackgroundCheck,
        ProtocolAcknowledgment,
        CheckIn,
        SiteVisit,
        SafetyConcern,
        HoursEntry,
        Evaluation,
        ThankYouNote,
        LogEntry,
    ):
        for row in model.objects.order_by("?")[:25]:
            row.full_clean()


def test_every_placement_under_way_passes_the_readiness_gate(debug):
    seed("--scale", str(SCALE), "--seed", "3")
    active = Placement.objects.filter(status=Placement.Status.ACTIVE)
    assert active.count() > 20
    for placement in active:
        assert readiness.problems(placement) == [], placement


def test_each_partnership_was_last_contacted_at_its_latest_live_entry(debug):
    seed("--scale", str(SCALE), "--seed", "3")
    latest = LogEntry.objects.live().filter(partnership=OuterRef("pk")).order_by("-occurred_at").values("occurred_at")
    partnerships = Partnership.objects.annotate(latest=Subquery(latest[:1]))
    assert partnerships.filter(last_contacted_at__isnull=False).exists()
    assert not partnerships.filter(~Q(last_contacted_at=Subquery(latest[:1]))).exclude(latest=None).exists()
    # Some running partnerships have gone quiet, so the pages have drifting partners to show.
    newest = LogEntry.objects.aggregate(at=Max("occurred_at"))["at"]
    assert Partnership.objects.filter(status="active", last_contacted_at__lt=newest - timedelta(days=30)).exists()


def test_the_same_seed_gives_the_same_district_and_another_seed_another(debug):
    with transaction.atomic():
        seed("--scale", str(SCALE), "--seed", "11")
        first = fingerprint()
        transaction.set_rollback(True)
    with transaction.atomic():
        seed("--scale", str(SCALE), "--seed", "12")
        other = fingerprint()
        transaction.set_rollback(True)
    seed("--scale", str(SCALE), "--seed", "11")
    assert fingerprint() == first
    assert other != first


def test_refuses_without_force_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        seed("--scale", str(SCALE))
    assert not Organization.objects.exists()


def test_builds_with_force_when_debug_is_off(settings):
    settings.DEBUG = False
    seed("--scale", str(SCALE), "--force")
    assert Student.objects.count() == 300


def test_refuses_a_database_that_already_holds_a_district(debug):
    SchoolFactory(name="Lincoln High")
    with pytest.raises(CommandError, match="already holds a district .*pass --flush to delete everything"):
        seed("--scale", str(SCALE))
    assert list(Organization.objects.values_list("name", flat=True)) == ["Lincoln High"]


@pytest.fixture
def fresh_content_types():
    """`flush` recreates the content types; the test's rollback brings the old ones back, so forget the new."""
    yield
    ContentType.objects.clear_cache()


# Outside a test's transaction, as the command runs: PostgreSQL will not truncate tables a transaction wrote to.
@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_database_first(debug, fresh_content_types):
    SchoolFactory(name="Lincoln High")
    seed("--scale", str(SCALE), "--flush")
    assert not Organization.objects.filter(name="Lincoln High").exists()
    assert Student.objects.count() == 300


@pytest.mark.parametrize("scale", ["0", "-1", "11"])
def test_refuses_a_scale_out_of_range(debug, scale):
    with pytest.raises(CommandError, match="--scale must be more than 0"):
        seed("--scale", scale)


def test_leaves_postgresql_knowing_how_many_rows_it_wrote(debug, django_assert_max_num_queries):
    """Planner statistics are gathered at the end (ANALYZE): without them PostgreSQL plans the first pages
    for near-empty tables. SQLite has nothing to gather and is asked nothing."""
    from django.db import connection

    from demo.district import analyze

    if connection.vendor != "postgresql":
        with django_assert_max_num_queries(0):
            analyze()
        return
    seed("--scale", str(SCALE))
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'students_placement'")
        [(estimate,)] = cursor.fetchall()
    assert estimate == Placement.objects.count()
