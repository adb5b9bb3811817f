"""Every portal page, one feature at a time: each feature package lists its own URLs. PortalMiddleware
guards them all (a partner with an active membership, scoped to one organization)."""

from portal.calendar import urls as calendar
from portal.charter import urls as charter
from portal.commitments import urls as commitments
from portal.contacts import urls as contacts
from portal.gratitude import urls as gratitude
from portal.guide import urls as guide
from portal.home import urls as home
from portal.messages import urls as messages
from portal.notifications import urls as notifications
from portal.organizations import urls as organizations
from portal.placements import urls as placements
from portal.safety import urls as safety
from portal.surveys import urls as surveys
from portal.team import urls as team

app_name = "portal"

urlpatterns = [
    *home.urlpatterns,
    *organizations.urlpatterns,
    *gratitude.urlpatterns,
    *notifications.urlpatterns,
    *charter.urlpatterns,
    *safety.urlpatterns,
    *commitments.urlpatterns,
    *contacts.urlpatterns,
    *team.urlpatterns,
    *calendar.urlpatterns,
    *messages.urlpatterns,
    *surveys.urlpatterns,
    *guide.urlpatterns,
    *placements.urlpatterns,
]
