"""A coordinator changes a student's guardian phone and then reads, on the student's page, who changed
what, when and from where (the audit trail in words, core/_history.html)."""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import StudentFactory


def test_a_change_to_a_student_shows_in_the_history_in_words(journey, coordinator):
    student = StudentFactory(legal_first_name="Daisy", last_name="Nguyen", guardian_phone="555-0100")
    page = journey.page

    journey.sign_in(coordinator)
    journey.visit(reverse("students:student_edit", args=[student.pk]), "student form")
    page.get_by_label("Guardian phone").fill("555-0177")
    journey.press("Save changes", "student saved")

    journey.visit(reverse("students:student_detail", args=[student.pk]), "student with history")
    history = page.locator("section[aria-labelledby='history-h']")
    expect(history).to_contain_text("Changed by Cora Ordinator")
    expect(history).to_contain_text("555-0100 → 555-0177")
    expect(history).to_contain_text("from 127.0.0.1")
