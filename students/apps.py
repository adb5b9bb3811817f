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

        # What a lost message left waiting, queued again by the beat (core.requeue). A job ends by itself.
        from functools import partial

        from accounts.models import SignedLink
        from core import requeue
        from students.imports.tasks import check_import, run_import
        from students.models import ImportJob
        from students.tasks import send_evaluation_link

        evaluation_links = partial(SignedLink.objects.email_waiting, purpose=services.EVALUATION_LINK)
        requeue.register(requeue.Kind("evaluation links", evaluation_links, send_evaluation_link))
        requeue.register(requeue.Kind("import checks", ImportJob.objects.check_waiting, check_import, horizon=None))
        requeue.register(requeue.Kind("imports", ImportJob.objects.import_waiting, run_import, horizon=None))

        # Who changed what, when and from where, on student data (core.history shows it in words).
        from auditlog.registry import auditlog

        from students import models

        timestamps = ["created_at", "updated_at"]
        auditlog.register(models.Student, exclude_fields=timestamps)
        auditlog.register(models.Placement, exclude_fields=timestamps, m2m_fields={"other_staff"})
        auditlog.register(models.Evaluation)
        auditlog.register(models.HoursEntry, exclude_fields=timestamps)
