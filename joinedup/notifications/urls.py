"""URLs of the inbox."""

from django.urls import path

from joinedup.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="notification-list"),
    path("read/", views.notification_mark_all_read, name="notification-mark-all-read"),
    path("<uuid:notification_id>/", views.notification_open, name="notification-open"),
]
