"""The communications log in the Django admin: shown and corrected, never deleted (void it from the staff pages)."""

from django import forms
from django.contrib import admin

from communications.models import LogEntry, SuccessStory
from communications.services import media_consent_error, students_without_media_consent
from safety.admin import VoidableAdmin


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
class SuccessStoryAdmin(admin.ModelAdmin):
    form = SuccessStoryAdminForm
    list_display = ["title", "partnership", "status", "publish_on", "created_by", "approved_by"]
    list_filter = ["status", "channel_newsletter", "channel_social", "channel_website"]
    search_fields = ["title", "partnership__name"]
    list_select_related = ["partnership", "created_by", "approved_by"]
    raw_id_fields = ["partnership", "created_by", "approved_by", "students"]
