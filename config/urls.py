"""Top-level URLs: each app owns its own urls.py; the API lives under /api/v1/."""

from django.urls import include, path

from joinedup.api.router import api
from joinedup.ui.views import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("joinedup.accounts.urls")),
    path("children/", include("joinedup.people.urls")),
    path("", include("joinedup.teams.urls")),
    path("", include("joinedup.allocation.urls")),
    path("", include("joinedup.transfers.urls")),
    path("", include("joinedup.escalations.urls")),
    path("", include("joinedup.disagreements.urls")),
    path("", include("joinedup.closure.urls")),
    path("", include("joinedup.consultations.urls")),
    path("", include("joinedup.referrals.urls")),
    path("", include("joinedup.plans.urls")),
    path("", include("joinedup.duties.urls")),
    path("", include("joinedup.ehc.urls")),
    path("", include("joinedup.reviews.urls")),
    path("", include("joinedup.assessments.urls")),
    path("", include("joinedup.meetings.urls")),
    path("", include("joinedup.handovers.urls")),
    path("", include("joinedup.contingency.urls")),
    path("", include("joinedup.moves.urls")),
    path("", include("joinedup.documents.urls")),
    path("audit/", include("joinedup.audit.urls")),
    path("access/", include("joinedup.access.urls")),
    path("family/", include("joinedup.portal.urls")),
    path("figures/", include("joinedup.insight.urls")),
    path("inbox/", include("joinedup.notifications.urls")),
    path("api/v1/", api.urls),
]

handler404 = "joinedup.ui.views.not_found"
handler403 = "joinedup.ui.views.forbidden"
