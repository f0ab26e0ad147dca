"""Django's Jinja2 backend, reading each app's templates/ folder (house layout) not jinja2/."""

from django.template.backends.jinja2 import Jinja2


class Jinja2Templates(Jinja2):
    app_dirname = "templates"
