from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import SignedLink, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff", "is_superuser", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser", "groups"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Name", {"fields": ("first_name", "last_name")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(SignedLink)
class SignedLinkAdmin(admin.ModelAdmin):
    list_display = ["purpose", "recipient_name", "created_by", "created_at", "expires_at", "used_at"]
    list_filter = ["purpose", ("used_at", admin.EmptyFieldListFilter)]
    search_fields = ["recipient_name", "recipient_email"]
    list_select_related = ["created_by"]
    # A link's token is never shown: it is derived from the id and the secret key. Links are made by the
    # app for one purpose and one use: reopening or lengthening one here would go around both.
    readonly_fields = ["purpose", "payload", "created_by", "created_at", "used_at", "expires_at"]

    def has_add_permission(self, request):
        return False
