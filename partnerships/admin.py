"""Partnerships in the Django admin. The rules of SchoolBridge hold here too (core/admin.py): a partnership's
status and sides, points of contact and handoffs, charters and their acknowledgments change only in the app,
where the services check them; the admin shows them and links there."""

from django.contrib import admin
from django.db import models as db_models
from django.urls import reverse

from core.admin import RuledAdmin, ShownAdmin, ShownInline
from partnerships import models


class ContactInline(admin.TabularInline):
    model = models.Contact
    extra = 0
    fields = ["first_name", "last_name", "title", "email", "phone", "active"]
    readonly_fields = ["active"]  # someone leaving hands their posts over: the contact's Deactivate page


class MembershipInline(admin.TabularInline):
    model = models.PartnerMembership
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "role", "active", "deactivated_at"]
    readonly_fields = ["active", "deactivated_at"]  # ended on the business's page, which records by whom


@admin.register(models.Organization)
class OrganizationAdmin(RuledAdmin):
    ruled_fields = ("kind",)  # a school cannot become a business under its partnerships and students
    formfield_overrides = {db_models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "kind", "sector", "size", "city", "parent"]
    list_filter = ["kind", "sector", "size"]
    search_fields = ["name", "city", "notes"]
    autocomplete_fields = ["parent"]
    inlines = [ContactInline, MembershipInline]


@admin.register(models.Contact)
class ContactAdmin(RuledAdmin):
    # Moving someone to another organization, or deactivating them, would take them out of their posts
    # and placements without the handoff: both are done on the organization's page.
    ruled_fields = ("organization", "active")
    list_display = ["full_name", "organization", "title", "email", "phone", "active"]
    list_filter = ["active", "organization__kind"]
    search_fields = ["first_name", "last_name", "email", "organization__name"]
    list_select_related = ["organization"]
    autocomplete_fields = ["organization", "user"]


@admin.register(models.PartnerMembership)
class PartnerMembershipAdmin(RuledAdmin):
    # Ending someone's access is recorded (when, by whom) on the business's page.
    ruled_fields = ("active", "deactivated_at", "deactivated_by", "invited_by")
    list_display = ["user", "organization", "role", "active", "created_at"]
    list_filter = ["role", "active"]
    search_fields = ["user__email", "organization__name"]
    list_select_related = ["user", "organization"]
    autocomplete_fields = ["user", "organization"]


@admin.register(models.CommitmentChange)
class CommitmentChangeAdmin(ShownAdmin):
    """A business proposes a change in the portal; a coordinator approves or declines it in the app."""

    list_display = ["commitment", "status", "proposed_by", "proposed_at", "decided_by", "decided_at"]
    list_filter = ["status"]
    search_fields = ["commitment__description", "reason"]
    list_select_related = ["commitment", "proposed_by", "decided_by"]

    def app_url(self, obj):
        return reverse("partnerships:detail", args=[obj.commitment.partnership_id]) + "#commitments"


@admin.register(models.Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name", "description"]


class CharterPriorityInline(ShownInline):
    model = models.CharterPriority


@admin.register(models.Charter)
class CharterAdmin(ShownAdmin):
    """A charter version is never edited (a change is a new version), and only the business acknowledges it."""

    list_display = ["partnership", "version", "created_at", "created_by", "acknowledged_at", "acknowledged_by"]
    list_filter = [("acknowledged_at", admin.EmptyFieldListFilter)]
    search_fields = ["partnership__name", "vision"]
    list_select_related = ["partnership", "created_by", "acknowledged_by"]
    autocomplete_fields = ["partnership"]
    inlines = [CharterPriorityInline]


@admin.register(models.CharterPriority)
class CharterPriorityAdmin(ShownAdmin):
    list_display = ["district_goal", "company_goal", "tags", "charter"]
    search_fields = ["district_goal", "company_goal", "tags", "charter__partnership__name"]
    list_select_related = ["charter__partnership"]

    def app_url(self, obj) -> str:
        return obj.charter.get_absolute_url()


class GoalInline(admin.TabularInline):
    model = models.Goal
    extra = 0


class CommitmentInline(admin.TabularInline):
    model = models.Commitment
    extra = 0


class PointOfContactInline(ShownInline):
    """Named, handed off and ended on the partnership's People tab: always a primary on both sides."""

    model = models.PointOfContact
    fields = ["side", "role", "contact", "start_date", "end_date"]


@admin.register(models.Partnership)
class PartnershipAdmin(RuledAdmin):
    list_display = ["name", "school", "business", "status", "start_date", "end_date"]
    list_filter = ["status", "business__sector", "school", "programs"]
    search_fields = ["name", "school__name", "business__name", "notes"]
    list_select_related = ["school", "business"]
    autocomplete_fields = ["school", "business"]
    filter_horizontal = ["programs"]
    # The lifecycle and the two sides go through the services in the staff UI, where their rules are checked.
    readonly_fields = ["status", "created_by", "created_at", "updated_at"]
    ruled_fields = ("school", "business", "start_date", "end_date")  # the lifecycle dates them
    add_here = False
    delete_here = False  # placements, visits, concerns and the log hang off it; a mistaken one is ended
    inlines = [GoalInline, CommitmentInline, PointOfContactInline]


@admin.register(models.StatusChange)
class StatusChangeAdmin(ShownAdmin):
    list_display = ["partnership", "from_status", "to_status", "changed_by", "changed_at"]
    list_filter = ["to_status"]
    search_fields = ["partnership__name", "reason"]
    list_select_related = ["partnership", "changed_by"]


@admin.register(models.Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["description", "partnership", "owner", "status", "target"]
    list_filter = ["owner", "status"]
    search_fields = ["description", "measure", "partnership__name"]
    list_select_related = ["partnership"]


class DeliveryInline(admin.TabularInline):
    model = models.CommitmentDelivery
    extra = 0


@admin.register(models.Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["description", "partnership", "party", "kind", "amount", "unit", "cadence", "status"]
    list_filter = ["party", "kind", "cadence", "status"]
    search_fields = ["description", "partnership__name"]
    list_select_related = ["partnership"]
    inlines = [DeliveryInline]


@admin.register(models.CommitmentDelivery)
class CommitmentDeliveryAdmin(admin.ModelAdmin):
    list_display = ["commitment", "date", "amount", "recorded_by"]
    search_fields = ["commitment__description", "note"]
    list_select_related = ["commitment", "recorded_by"]
    date_hierarchy = "date"


@admin.register(models.PointOfContact)
class PointOfContactAdmin(ShownAdmin):
    list_display = ["contact", "partnership", "side", "role", "start_date", "end_date"]
    list_filter = ["side", "role", ("end_date", admin.EmptyFieldListFilter)]
    search_fields = ["contact__first_name", "contact__last_name", "partnership__name"]
    list_select_related = ["contact", "partnership"]
    autocomplete_fields = ["contact", "partnership"]


@admin.register(models.Handoff)
class HandoffAdmin(ShownAdmin):
    list_display = ["partnership", "side", "from_poc", "to_poc", "date", "recorded_by"]
    list_filter = ["side"]
    search_fields = ["partnership__name", "notes"]
    list_select_related = ["partnership", "from_poc__contact", "to_poc__contact", "recorded_by"]
    readonly_fields = ["open_items"]


@admin.register(models.PartnershipRole)
class PartnershipRoleAdmin(admin.ModelAdmin):
    list_display = ["title", "contact", "partnership", "hours_per_month"]
    list_filter = ["title"]
    search_fields = ["title", "contact__last_name", "partnership__name", "responsibilities"]
    list_select_related = ["contact", "partnership"]
    autocomplete_fields = ["contact", "partnership"]
