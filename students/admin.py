"""Students and placements in the Django admin. A placement's lifecycle and everything its readiness gate
reads (who mentors it, when it runs, the guardian's consent) change only in the app, where the gate is
kept (core/admin.py); the admin shows them and links there."""

from django.contrib import admin

from core.admin import RuledAdmin, ShownAdmin
from students import models


@admin.register(models.Student)
class StudentAdmin(RuledAdmin):
    ruled_fields = ("guardian_consent_on",)
    add_here = False  # the student form and the import check what the model alone does not
    list_display = [
        "last_name",
        "legal_first_name",
        "preferred_first_name",
        "grade",
        "school",
        "district_student_id",
        "active",
    ]
    list_filter = ["active", "grade", "school", "media_consent", "disclosure_basis"]
    search_fields = ["last_name", "legal_first_name", "preferred_first_name", "district_student_id"]
    list_select_related = ["school"]


class LearningGoalInline(admin.TabularInline):
    model = models.LearningGoal
    extra = 0
    filter_horizontal = ["serves"]


@admin.register(models.Placement)
class PlacementAdmin(RuledAdmin):
    list_display = ["student", "partnership", "kind", "status", "start_date", "end_date", "mentor"]
    list_filter = ["status", "kind"]
    search_fields = ["student__last_name", "student__district_student_id", "partnership__name"]
    list_select_related = ["student", "partnership", "mentor"]
    autocomplete_fields = ["student", "partnership", "mentor", "supervisor"]
    # Status moves through the lifecycle service (and its readiness gate) in the staff UI.
    readonly_fields = ["status", "cancel_reason"]
    ruled_fields = ("student", "partnership", "mentor", "other_staff", "start_date", "end_date")
    add_here = False
    delete_here = False  # a placement that should not have been is cancelled, with its reason
    inlines = [LearningGoalInline]


@admin.register(models.PlacementStatusChange)
class PlacementStatusChangeAdmin(ShownAdmin):
    list_display = ["placement", "from_status", "to_status", "changed_by", "changed_at"]
    list_filter = ["to_status"]
    search_fields = ["placement__student__last_name", "reason"]
    list_select_related = ["placement__student", "placement__partnership__business", "changed_by"]


@admin.register(models.LearningGoal)
class LearningGoalAdmin(admin.ModelAdmin):
    list_display = ["text", "skill", "target_level", "placement"]
    search_fields = ["text", "skill"]
    list_select_related = ["placement__student", "placement__partnership__business"]


class RatingInline(admin.TabularInline):
    model = models.Rating
    extra = 0


@admin.register(models.Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["placement", "evaluator", "phase", "evaluator_name", "submitted_at"]
    list_filter = ["evaluator", "phase"]
    search_fields = ["evaluator_name", "placement__student__last_name", "overall_comments"]
    list_select_related = ["placement__student", "placement__partnership__business"]
    inlines = [RatingInline]


@admin.register(models.Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["evaluation", "learning_goal", "score"]
    list_filter = ["score"]
    search_fields = ["learning_goal__text", "comment"]
    list_select_related = [
        "evaluation__placement__student",
        "evaluation__placement__partnership__business",
        "learning_goal",
    ]


@admin.register(models.HoursEntry)
class HoursEntryAdmin(admin.ModelAdmin):
    list_display = ["placement", "date", "hours", "activity", "verified_by", "verified_at"]
    list_filter = [("verified_at", admin.EmptyFieldListFilter)]
    search_fields = ["activity", "placement__student__last_name"]
    list_select_related = ["placement__student", "placement__partnership__business"]
    date_hierarchy = "date"


@admin.register(models.ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = [
        "original_name",
        "kind",
        "status",
        "total_rows",
        "created_count",
        "updated_count",
        "created_by",
        "created_at",
    ]
    list_filter = ["kind", "status"]
    search_fields = ["original_name"]
    list_select_related = ["created_by"]


@admin.register(models.Disclosure)
class DisclosureAdmin(ShownAdmin):
    """Only ever added, by the pages that show a student to a partner."""

    list_display = ["shown_at", "viewer_name", "organization", "student", "fields", "page"]
    list_filter = ["organization"]
    search_fields = ["viewer_name", "student__last_name", "organization__name"]
    list_select_related = ["organization", "student"]
    date_hierarchy = "shown_at"

    def app_url(self, obj):
        return obj.student.get_absolute_url() + "#disclosures"
