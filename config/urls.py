from django.contrib import admin
from django.urls import include, path

from accounts import views as accounts_views
from core import views as core_views
from dashboard import views as dashboard_views
from dashboard.home import views as home_views

urlpatterns = [
    path("", home_views.home, name="home"),
    path("healthz", dashboard_views.healthz, name="healthz"),
    path("livez", dashboard_views.livez, name="livez"),
    path("health/", include("dashboard.health.urls")),
    path("reports/", include("dashboard.reports.urls")),
    path("exports/", include("dashboard.exports.urls")),
    path("calendar/", include("dashboard.calendar.urls")),
    path("search/", include("dashboard.search.urls")),
    path("accounts/", include("accounts.urls")),
    path("suggest/<slug:name>/", core_views.suggestions, name="suggest"),
    path("", include("partnerships.urls")),
    path("", include("students.urls")),
    path("", include("safety.urls")),
    path("", include("communications.urls")),
    path("r/<str:token>/", accounts_views.signed_link, name="signed_link"),
    path("portal/", include("portal.urls")),
    path("admin/", admin.site.urls),
    path("", include("students.imports.urls")),
]
