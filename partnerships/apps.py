from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    # Coordinators add, change, delete and view these (accounts.roles gives them to the group).
    coordinator_models = (
        "organization",
        "contact",
        "partnermembership",
        "program",
        "partnership",
        "charter",
        "charterpriority",
        "goal",
        "commitment",
        "commitmentdelivery",
        "pointofcontact",
        "handoff",
        "partnershiprole",
    )

    def ready(self):
        # Who changed what, when and from where, on the records with legal weight: who answers for a
        # partnership and since when, the handoffs, the charter versions and their acknowledgment, and who
        # may use the portal for a business (core.history shows it in words).
        # What a lost message left unsent, queued again by the beat (core.requeue).
        from functools import partial

        from auditlog.registry import auditlog

        from accounts.models import SignedLink
        from core import requeue

        # The invitation link's handler registers itself (accounts.signed_links.register) as it loads, and
        # the suggestion lists too.
        from partnerships import choosers, models  # noqa: F401
        from partnerships.invitations import links  # noqa: F401
        from partnerships.invitations.selectors import INVITATION_LINK
        from partnerships.invitations.tasks import send_invitation
        from partnerships.tasks import send_handoff_notice

        requeue.register(requeue.Kind("handoff notices", models.Handoff.objects.notice_waiting, send_handoff_notice))
        invitations = partial(SignedLink.objects.email_waiting, purpose=INVITATION_LINK)
        requeue.register(requeue.Kind("invitations", invitations, send_invitation))

        timestamps = ["created_at", "updated_at"]
        # The people themselves (a conflict on a person's edit page then names who saved).
        auditlog.register(models.Contact, exclude_fields=timestamps)
        auditlog.register(models.PointOfContact, exclude_fields=timestamps)
        auditlog.register(models.PartnershipRole, exclude_fields=timestamps)
        # The open items are a snapshot taken once, with the handoff; the notice's time is bookkeeping.
        auditlog.register(models.Handoff, exclude_fields=[*timestamps, "open_items", "notified_at"])
        auditlog.register(models.Charter, exclude_fields=timestamps)
        auditlog.register(models.PartnerMembership, exclude_fields=timestamps)
