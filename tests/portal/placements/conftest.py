"""Acme Tools hosts two students from Lincoln High: Daisy (legal name Marguerite Okonkwo), mentored by Dana
Lee, and Rosa, mentored by Omar Other. partner_a administers Acme Tools; Birch Bakery (business B) hosts
Bea. Names and private details are canaries: none may reach a page beyond the minimum."""

import datetime

import pytest
from django.test import Client

from students.models import Placement
from tests.factories import (
    ActivePartnershipFactory,
    ContactFactory,
    LearningGoalFactory,
    PlacementFactory,
    PointOfContactFactory,
    SchoolFactory,
    StudentFactory,
)
from tests.factories.portal_placements import portal_mentor

Status = Placement.Status

# What a host never sees of Daisy.
PRIVATE = ("Marguerite", "Okonkwo", "DSID-48213", "2009-03-14", "14 Mar 2009", "Pat Guardian", "guardian.daisy@")


@pytest.fixture
def school(db):
    return SchoolFactory(name="Lincoln High")


@pytest.fixture
def partnership(school, business_a):
    partnership = ActivePartnershipFactory(school=school, business=business_a, points_of_contact=False)
    teacher = ContactFactory(
        organization=school, first_name="Sara", last_name="Teacher", email="sara@lincoln.test", phone="555-0111"
    )
    PointOfContactFactory(partnership=partnership, side="school", contact=teacher)
    PointOfContactFactory(partnership=partnership, side="business")
    return partnership


@pytest.fixture
def mentor(business_a):
    """Dana Lee: a mentor at Acme Tools, with an account."""
    return portal_mentor(business_a, email="dana@acme.test", first_name="Dana", last_name="Lee")


@pytest.fixture
def mentor_user(mentor):
    return mentor[0]


@pytest.fixture
def mentor_client(mentor_user):
    client = Client()
    client.force_login(mentor_user)
    return client


@pytest.fixture
def other_mentor(business_a):
    return portal_mentor(business_a, email="omar@acme.test", first_name="Omar", last_name="Other")


@pytest.fixture
def other_mentor_client(other_mentor):
    client = Client()
    client.force_login(other_mentor[0])
    return client


@pytest.fixture
def daisy(school):
    return StudentFactory(
        legal_first_name="Marguerite",
        preferred_first_name="Daisy",
        last_name="Okonkwo",
        district_student_id="DSID-48213",
        date_of_birth=datetime.date(2009, 3, 14),
        guardian_name="Pat Guardian",
        guardian_email="guardian.daisy@example.test",
        grade=11,
        school=school,
    )


@pytest.fixture
def placement(daisy, partnership, mentor):
    """Daisy's active internship at Acme Tools, mentored by Dana Lee, with two learning goals."""
    placement = PlacementFactory(
        student=daisy, partnership=partnership, mentor=mentor[1], status=Status.ACTIVE, days="Tue, Thu"
    )
    LearningGoalFactory(placement=placement, text="Explain a wiring diagram to a customer", skill="Communication")
    LearningGoalFactory(placement=placement, text="Solder a board to spec", skill="Electronics")
    return placement


@pytest.fixture
def rosas_placement(partnership, other_mentor):
    """Rosa's placement at Acme Tools, mentored by someone else."""
    rosa = StudentFactory(legal_first_name="Rosa", last_name="Zamora", school=partnership.school)
    return PlacementFactory(student=rosa, partnership=partnership, mentor=other_mentor[1], status=Status.ACTIVE)


@pytest.fixture
def beas_placement(business_b):
    bea = StudentFactory(legal_first_name="Bea", last_name="Birchwood")
    return PlacementFactory(
        student=bea, partnership=ActivePartnershipFactory(business=business_b), status=Status.ACTIVE
    )
