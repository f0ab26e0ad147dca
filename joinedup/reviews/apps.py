from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "joinedup.reviews"
    label = "reviews"
    verbose_name = "Visits and child in need reviews"
