"""The safety records in the Django admin. Records with legal weight (checks, visits, check-ins, concerns)
are shown here and never added, changed or deleted: in the app a change to one may pause a placement
and is kept in its history, and a record made in error is voided there, not deleted (core/admin.py)."""

from django.contrib import admin

from core.admin import ShownAdmin, ShownInline, VoidableAdmin
from safety import models


class GradingPeriodInline(admin.TabularInline):
    model = models.GradingPeriod
    extra = 0


@admin.register(models.SafetyPolicy)
class SafetyPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "check_valid_days",
        "renewal_window_days",
        "checks_required_for",
        "student_check_in_days",
        "site_visits_per_period",
        "safety_lead",
        "updated_at",
    ]
    list_filter = ["checks_required_for"]
    search_fields = ["safety_lead__email", "safety_lead__last_name"]
    list_select_related = ["safety_lead"]
    autocomplete_fields = ["safety_lead"]
    inlines = [GradingPeriodInline]

    def has_add_permission(self, request):
        # One policy for the district: SafetyPolicy.current() makes it when missing.
        return not models.SafetyPolicy.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False  # it would come back with the defaults: checks for the mentor only, no safety lead


@admin.register(models.GradingPeriod)
class GradingPeriodAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date", "policy"]
    search_fields = ["name"]
    list_select_related = ["policy"]
    list_filter = [("start_date", admin.DateFieldListFilter)]
    date_hierarchy = "start_date"


@admin.register(models.BackgroundCheck)
class BackgroundCheckAdmin(VoidableAdmin):
    list_display = ["contact", "organization", "status", "completed_on", "expires_on", "provider", "voided_at"]
    list_filter = ["status", ("voided_at", admin.EmptyFieldListFilter), ("expires_on", admin.DateFieldListFilter)]
    search_fields = [
        "contact__first_name",
        "contact__last_name",
        "contact__organization__name",
        "provider",
        "reference",
    ]
    list_select_related = ["contact__organization"]
    autocomplete_fields = ["contact", "recorded_by"]
    date_hierarchy = "expires_on"

    @admin.display(ordering="contact__organization__name", description="business")
    def organization(self, obj):
        return obj.contact.organization.name


class AcknowledgmentInline(ShownInline):
    model = models.ProtocolAcknowledgment
    fields = ["organization", "acknowledged_by_name", "acknowledged_at"]


@admin.register(models.SafetyProtocol)
class SafetyProtocolAdmin(ShownAdmin):
    """A published version is fixed, since businesses acknowledged its words: a change is a new version
    (staff UI, services.protocol_publish), which asks every business again."""

    list_display = ["title", "key", "version", "effective_on", "created_at"]
    list_filter = [("effective_on", admin.DateFieldListFilter)]
    search_fields = ["title", "key", "body"]
    inlines = [AcknowledgmentInline]


@admin.register(models.ProtocolAcknowledgment)
class ProtocolAcknowledgmentAdmin(ShownAdmin):
    """Recorded once per business and version; taking one away would stop placements the gate let start."""

    list_display = ["organization", "protocol", "acknowledged_by_name", "acknowledged_at"]
    list_filter = [("acknowledged_at", admin.DateFieldListFilter)]
    search_fields = ["organization__name", "protocol__title", "acknowledged_by_name"]
    list_select_related = ["organization", "protocol"]
    autocomplete_fields = ["organization", "protocol", "acknowledged_by"]


@admin.register(models.SiteVisit)
class SiteVisitAdmin(VoidableAdmin):
    list_display = ["partnership", "scheduled_for", "status", "completed_on", "visitor", "voided_at"]
    list_filter = ["status", ("voided_at", admin.EmptyFieldListFilter)]
    search_fields = ["partnership__name", "partnership__business__name", "site", "findings"]
    list_select_related = ["partnership", "visitor"]
    autocomplete_fields = ["partnership", "visitor", "placements"]
    date_hierarchy = "scheduled_for"


@admin.register(models.CheckIn)
class CheckInAdmin(VoidableAdmin):
    list_display = [
        "student",
        "placement",
        "date",
        "mode",
        "wellbeing",
        "concern",
        "shared_with_mentor",
        "by",
        "voided_at",
    ]
    list_filter = ["mode", "wellbeing", "concern", "shared_with_mentor", ("voided_at", admin.EmptyFieldListFilter)]
    search_fields = ["student__last_name", "student__legal_first_name", "placement__partnership__business__name"]
    list_select_related = ["student", "placement__partnership__business", "by"]
    autocomplete_fields = ["placement", "student", "by"]
    date_hierarchy = "date"


@admin.register(models.SafetyConcern)
class SafetyConcernAdmin(VoidableAdmin):
    list_display = ["__str__", "student", "partnership", "severity", "status", "created_at", "voided_at"]
    list_filter = ["severity", "status", ("voided_at", admin.EmptyFieldListFilter)]
    search_fields = ["student__last_name", "partnership__name", "description"]
    list_select_related = ["student", "partnership"]
    autocomplete_fields = ["student", "placement", "partnership", "reported_by"]
