from django.apps import AppConfig


class CommunicationsConfig(AppConfig):
    name = "communications"
    # Coordinators add, change, delete and view these (accounts.roles gives them to the group).
    coordinator_models = (
        "logentry",
        "successstory",
        "feedbackrequest",
        "feedbackresponse",
        "thankyounote",
        "reminder",
        "partnerguide",
    )

    def ready(self):
        from auditlog.registry import auditlog

        from communications import models, retention
        from students import retention as student_retention

        # Who changed what, when: log entries are corrected and voided, never deleted.
        auditlog.register(models.LogEntry)

        # Each kind of reminder registers its rule (communications.reminders.registry).
        from communications.reminders import kinds

        kinds.load()

        # What goes with an expired student, registered from here: students never imports communications.
        student_retention.register_dependent(retention.delete_communications)

        # What a lost message left unsent, queued again by the beat (core.requeue).
        from communications.feedback.tasks import send_feedback_request
        from communications.reminders.tasks import dispatch_reminder
        from communications.thanks.tasks import deliver_thank_you
        from core import requeue

        # A reminder ends sent or failed by itself: no horizon.
        requeue.register(requeue.Kind("reminders", models.Reminder.objects.lost, dispatch_reminder, horizon=None))
        requeue.register(
            requeue.Kind("survey emails", models.FeedbackRequest.objects.email_waiting, send_feedback_request)
        )
        requeue.register(
            requeue.Kind("thank-you notes", models.ThankYouNote.objects.delivery_waiting, deliver_thank_you)
        )

        # Signed-link handlers register themselves (signed_links.register) as their modules load.
        from communications.feedback import links as feedback_links  # noqa: F401
        from communications.thanks import links as thanks_links  # noqa: F401
