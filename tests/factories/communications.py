"""The log, stories, surveys, notes, reminders and notifications."""

from __future__ import annotations

import datetime

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from factory.django import DjangoModelFactory

from communications.models import (
    FeedbackRequest,
    FeedbackResponse,
    LogEntry,
    Notification,
    Reminder,
    SuccessStory,
    ThankYouNote,
)
from partnerships.models import (
    Partnership,
)
from tests.factories.accounts import CoordinatorFactory
from tests.factories.students import ActivePartnershipFactory, SignedLinkFactory


class LogEntryFactory(DjangoModelFactory[LogEntry]):
    """A phone call an hour ago with an active partnership. Written straight to the table, so it does not
    move the partnership's last_contacted_at: use communications.services.log_entry_save for that."""

    class Meta:
        model = LogEntry

    partnership = factory.SubFactory(ActivePartnershipFactory)
    occurred_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    channel = LogEntry.Channel.PHONE
    direction = LogEntry.Direction.OUTGOING
    summary = "Talked through next term's mentors and the spring site visit."
    logged_by = factory.SubFactory(CoordinatorFactory)


class SuccessStoryFactory(DjangoModelFactory[SuccessStory]):
    """A draft story about an active partnership, for the newsletter, without students or photo."""

    class Meta:
        model = SuccessStory

    title = factory.Sequence(lambda n: f"Robotics club wins regional round {n}")
    body = "Mentors from the partner coached the team every Thursday."
    partnership = factory.SubFactory(ActivePartnershipFactory)
    status = SuccessStory.Status.DRAFT
    channel_newsletter = True
    created_by = factory.SubFactory(CoordinatorFactory)


class FeedbackRequestFactory(DjangoModelFactory[FeedbackRequest]):
    """A partner's end-of-term survey for an active partnership, with an unused 30-day link (purpose
    "feedback"; the link finds its request through `link.feedback_request`)."""

    class Meta:
        model = FeedbackRequest

    partnership = factory.SubFactory(ActivePartnershipFactory)
    audience = FeedbackRequest.Audience.PARTNER
    occasion = FeedbackRequest.Occasion.TERM
    period = factory.Sequence(lambda n: f"Term {n}")
    recipient_name = "Pat Partner"
    recipient_email = "pat.partner@example.test"
    link = factory.SubFactory(
        SignedLinkFactory,
        purpose="feedback",
        payload={},
        recipient_name="Pat Partner",
        recipient_email="pat.partner@example.test",
        expires_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=30)),
    )


class FeedbackResponseFactory(DjangoModelFactory[FeedbackResponse]):
    class Meta:
        model = FeedbackResponse

    request = factory.SubFactory(FeedbackRequestFactory)
    communication = 4
    organization = 4
    value = 5
    would_recommend = 9
    comments = "The students were well prepared."


class ThankYouNoteFactory(DjangoModelFactory[ThankYouNote]):
    """A prompt (no student yet) for a completed placement milestone of an active partnership, today."""

    class Meta:
        model = ThankYouNote

    partnership = factory.SubFactory(ActivePartnershipFactory)
    milestone = ThankYouNote.Milestone.PLACEMENT_COMPLETED
    milestone_key = factory.Sequence(lambda n: f"placement:{n}")
    milestone_on = factory.LazyFunction(timezone.localdate)
    status = ThankYouNote.Status.PROMPTED


class ReminderFactory(DjangoModelFactory[Reminder]):
    """A pending "not contacted" reminder about an active partnership, due today."""

    class Meta:
        model = Reminder

    partnership = factory.SubFactory(ActivePartnershipFactory)
    kind = Reminder.Kind.NOT_CONTACTED
    subject_type = factory.LazyFunction(lambda: ContentType.objects.get_for_model(Partnership))
    subject_id = factory.LazyAttribute(lambda o: o.partnership.pk)
    due_on = factory.LazyFunction(timezone.localdate)
    title = factory.LazyAttribute(lambda o: f"{o.partnership.name}: not contacted in 30 days")
    url = factory.LazyAttribute(lambda o: o.partnership.get_absolute_url())


class NotificationFactory(DjangoModelFactory[Notification]):
    class Meta:
        model = Notification

    user = factory.SubFactory(CoordinatorFactory)
    reminder = factory.SubFactory(ReminderFactory)
