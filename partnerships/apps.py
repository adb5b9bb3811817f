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
        # The invitation link's handler registers itself (accounts.signed_links.register) as it loads.
        from partnerships import choosers  # noqa: F401  (its suggestion lists register themselves)
        from partnerships.invitations import links  # noqa: F401
