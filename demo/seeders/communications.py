"""The demo's communications, from demo/data/communications.py, through the communications services: the
log of contacts with partners, success stories, last term's partner surveys and students' thank-you
notes, each made once by a natural key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from communications.feedback import services as feedback
from communications.log import services as communication_services_services
from communications.models import FeedbackRequest, LogEntry, SuccessStory, ThankYouNote
from communications.stories import services as communication_services
from communications.thanks import services as thanks
from demo.data.communications import LOG_ENTRIES, PARTNER_SURVEYS, STORIES, SURVEY_TERM, THANK_YOU_NOTES
from demo.seeders.common import Calendar, PlacementKey, find_partnership
from partnerships.models import Contact, Organization
from students.models import Placement, Student

if TYPE_CHECKING:
    from accounts.models import User


def seed_log(
    *, calendar: Calendar, coordinator: User, organizations: dict[str, Organization], contacts: dict[str, Contact]
) -> None:
    """Contacts with partners, each logged once (a partnership, time and channel identify an entry)."""
    for spec in LOG_ENTRIES:
        partnership = find_partnership(organizations, *spec["partnership"])
        occurred_at = calendar.moment(spec["day"])
        if LogEntry.objects.filter(partnership=partnership, occurred_at=occurred_at, channel=spec["channel"]).exists():
            continue
        follow_up, done = spec.get("follow_up", (None, False))
        communication_services_services.log_entry_save(
            partnership=partnership,
            by=coordinator,
            occurred_at=occurred_at,
            channel=spec["channel"],
            direction=spec["direction"],
            summary=spec["summary"],
            contacts=[contacts[name] for name in spec["people"]],
            users=[coordinator],
            follow_up_on=calendar.day(follow_up),
            follow_up_done=done,
        )


def seed_stories(
    *, calendar: Calendar, coordinator: User, organizations: dict[str, Organization], students: dict[str, Student]
) -> None:
    """Stories in each state, each made once (by title), with students who have media consent."""
    for spec in STORIES:
        if SuccessStory.objects.filter(title=spec["title"]).exists():
            continue
        story = communication_services.story_save(
            by=coordinator,
            partnership=find_partnership(organizations, *spec["partnership"]),
            title=spec["title"],
            body=spec["body"],
            students=[students[district_id] for district_id in spec["students"]],
            channel_newsletter="newsletter" in spec["channels"],
            channel_social="social" in spec["channels"],
            channel_website="website" in spec["channels"],
            publish_on=calendar.day(spec["publish"]),
        )
        if spec["state"] in (SuccessStory.Status.APPROVED, SuccessStory.Status.PUBLISHED):
            communication_services.story_approve(story=story, by=coordinator)
        if spec["state"] == SuccessStory.Status.PUBLISHED:
            communication_services.story_publish(story=story, by=coordinator)


def seed_feedback(*, coordinator: User, organizations: dict[str, Organization], contacts: dict[str, Contact]) -> None:
    """Last term's partner surveys, most answered; each made once (by partnership, contact and term)."""
    for school, business, name, answer in PARTNER_SURVEYS:
        if name not in contacts:
            continue
        partnership, contact = find_partnership(organizations, school, business), contacts[name]
        if FeedbackRequest.objects.filter(partnership=partnership, contact=contact, period=SURVEY_TERM).exists():
            continue
        survey = feedback.feedback_request_create(
            partnership=partnership,
            audience=FeedbackRequest.Audience.PARTNER,
            occasion=FeedbackRequest.Occasion.TERM,
            by=coordinator,
            contact=contact,
            period=SURVEY_TERM,
        )
        if answer is not None:
            assert survey.link is not None  # feedback_request_create made it with the survey
            communication, organization, value, recommend, comments = answer
            feedback.feedback_submit(
                request=survey,
                link=survey.link,
                communication=communication,
                organization=organization,
                value=value,
                would_recommend=recommend,
                comments=comments,
            )


def seed_thank_you_notes(*, coordinator: User, placements: dict[PlacementKey, Placement]) -> None:
    """A delivered note to Acme (partner1 sees it in the portal) and one waiting for the coordinator's
    approval to the hospital (partner2 sees it once approved); each made once, per placement."""
    for key, body, approve in THANK_YOU_NOTES:
        placement = placements[key]
        if ThankYouNote.objects.filter(placement=placement).exists():
            continue
        note = thanks.thanks_start(
            partnership=placement.partnership,
            by=coordinator,
            milestone=ThankYouNote.Milestone.PLACEMENT_COMPLETED,
            milestone_on=placement.end_date,
            placement=placement,
        )
        link = thanks.thanks_invite(note=note, student=placement.student, by=coordinator)
        thanks.thanks_submit(note=note, link=link, body=body)
        if approve:
            thanks.thanks_approve(note=note, by=coordinator)
