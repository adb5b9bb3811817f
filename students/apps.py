from django.apps import AppConfig


class StudentsConfig(AppConfig):
    name = "students"
    # Coordinators add, change, delete and view these (accounts.roles gives them to the group).
    coordinator_models = (
        "student",
        "placement",
        "placementstatuschange",
        "learninggoal",
        "evaluation",
        "rating",
        "hoursentry",
        "importjob",
    )

    def ready(self):
        # Registers the evaluation link handler and the gate's own checks.
        from partnerships import guards
        from students import choosers, links, readiness, retention, services  # noqa: F401

        # Partnerships never import students: the gate is kept through their writes from here.
        guards.register(guards.PARTNERSHIP_STATUS, services.partnership_keeps_placements)
        guards.register(guards.CONTACT_DEACTIVATE, services.contact_keeps_placements)

        # Who changed what, when and from where, on student data (core.history shows it in words).
        from auditlog.registry import auditlog

        from students import models

        timestamps = ["created_at", "updated_at"]
        auditlog.register(models.Student, exclude_fields=timestamps)
        auditlog.register(models.Placement, exclude_fields=timestamps, m2m_fields={"other_staff"})
        auditlog.register(models.Evaluation)
        auditlog.register(models.HoursEntry, exclude_fields=timestamps)
