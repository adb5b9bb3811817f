"""Communications in the Django admin: the log (shown, never changed or deleted here: it is corrected and
voided in the staff pages, which keep each partnership's "last contacted" current), stories, surveys,
thank-you notes (moderated in the staff pages, which deliver them), and the reminder outbox (read-only:
the application writes it)."""

from django import forms
from django.contrib import admin
from django.urls import reverse

from communications.models import (
    FeedbackRequest,
    FeedbackResponse,
    LogEntry,
    Notification,
    PartnerGuide,
    Reminder,
    ReminderPreference,
    SuccessStory,
    ThankYouNote,
)
from communications.stories.services import media_consent_error, students_without_media_consent
from core.admin import RuledAdmin, ShownAdmin, VoidableAdmin


@admin.register(LogEntry)
class LogEntryAdmin(VoidableAdmin):
    list_display = ["partnership", "occurred_at", "channel", "direction", "follow_up_on", "logged_by", "voided_at"]
    list_filter = ["channel", "direction"]
    search_fields = ["summary", "partnership__name"]
    date_hierarchy = "occurred_at"
    list_select_related = ["partnership", "logged_by"]
    raw_id_fields = ["partnership", "logged_by"]
    filter_horizontal = ["contacts", "users"]


class SuccessStoryAdminForm(forms.ModelForm):
    """The admin keeps the consent rule too: a story names only students with media consent."""

    class Meta:
        model = SuccessStory
        fields = "__all__"  # noqa: DJ007 (the ModelAdmin decides which fields it shows)

    def clean_students(self):
        students = self.cleaned_data["students"]
        if students_without_media_consent(students):
            raise forms.ValidationError(media_consent_error(students_without_media_consent(students)))
        return students


@admin.register(SuccessStory)
class SuccessStoryAdmin(RuledAdmin):
    # Approval and publishing re-check every student's media consent: the story's page does them.
    ruled_fields = ("status", "approved_by", "approved_at", "publish_on")
    form = SuccessStoryAdminForm
    list_display = ["title", "partnership", "status", "publish_on", "created_by", "approved_by"]
    list_filter = ["status", "channel_newsletter", "channel_social", "channel_website"]
    search_fields = ["title", "partnership__name"]
    list_select_related = ["partnership", "created_by", "approved_by"]
    raw_id_fields = ["partnership", "created_by", "approved_by", "students"]


class ReadOnlyAdmin(ShownAdmin):
    """Rows written by the application (the outbox): admins look and filter, they neither forge nor delete
    them. A deleted reminder would be swept up again and sent a second time."""

    def app_url(self, obj) -> str:
        return reverse("communications:reminder_list")


class FeedbackResponseInline(admin.StackedInline):
    model = FeedbackResponse
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(FeedbackRequest)
class FeedbackRequestAdmin(admin.ModelAdmin):
    list_display = ["recipient_name", "partnership", "audience", "occasion", "period", "reminders_sent", "created_at"]
    list_filter = ["audience", "occasion"]
    search_fields = ["recipient_name", "recipient_email", "partnership__name"]
    list_select_related = ["partnership"]
    raw_id_fields = ["partnership", "placement", "contact", "link", "created_by"]
    inlines = [FeedbackResponseInline]


@admin.register(ThankYouNote)
class ThankYouNoteAdmin(RuledAdmin):
    ruled_fields = ("status", "reviewed_by", "reviewed_at")  # moderated on its page, which delivers it
    list_display = ["partnership", "milestone", "milestone_on", "status", "signed_as", "reviewed_at", "delivered_at"]
    list_filter = ["status", "milestone"]
    search_fields = ["partnership__name", "body", "signed_as"]
    list_select_related = ["partnership"]
    raw_id_fields = ["partnership", "placement", "student", "link", "reviewed_by"]
    readonly_fields = ["original_body", "delivered_at"]


class NotificationInline(admin.TabularInline):
    model = Notification
    extra = 0
    can_delete = False
    fields = readonly_fields = ("user", "email", "emailed_at", "read_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "due_on", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "external_email"]
    date_hierarchy = "due_on"
    inlines = [NotificationInline]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["reminder", "user", "email", "emailed_at", "read_at"]
    list_filter = ["email"]
    search_fields = ["user__email", "reminder__title"]
    list_select_related = ["reminder", "user"]


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "email"]
    list_filter = ["kind", "email"]
    search_fields = ["user__email"]
    raw_id_fields = ["user"]


@admin.register(PartnerGuide)
class PartnerGuideAdmin(admin.ModelAdmin):
    list_display = ["__str__", "updated_at", "updated_by"]
    readonly_fields = ["updated_by"]

    def has_add_permission(self, request):
        return not PartnerGuide.objects.exists()
