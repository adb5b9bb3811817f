from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "safety"
    # Coordinators add, change, delete and view these (accounts.roles gives them to the group).
    coordinator_models = (
        "safetypolicy",
        "gradingperiod",
        "backgroundcheck",
        "safetyprotocol",
        "protocolacknowledgment",
        "sitevisit",
        "checkin",
        "safetyconcern",
    )

    def ready(self):
        from auditlog.registry import auditlog

        from safety import gate, models
        from safety import retention as safety_retention
        from students import readiness
        from students import retention as student_retention

        # The gate's safety items, added from below: students never imports safety.
        readiness.register(gate.people_are_cleared)
        readiness.register(gate.protocols_are_acknowledged)
        readiness.register(gate.no_serious_concern_is_open)
        # Safety records go only with their student, and a concern keeps the student's record longer.
        student_retention.register_hold(safety_retention.concern_hold)
        student_retention.register_dependent(safety_retention.delete_safety_records)
        # A safety lead's notice that a lost message left unsent, queued again by the beat (core.requeue).
        from core import requeue
        from safety.tasks import notify_safety_lead

        requeue.register(
            requeue.Kind("safety-lead notices", models.SafetyConcern.objects.lead_notice_waiting, notify_safety_lead)
        )
        # Who changed what, when, on every record with legal weight.
        for model in (
            models.BackgroundCheck,
            models.SiteVisit,
            models.CheckIn,
            models.SafetyConcern,
            models.SafetyPolicy,
            models.SafetyProtocol,
            models.ProtocolAcknowledgment,
        ):
            auditlog.register(model)
