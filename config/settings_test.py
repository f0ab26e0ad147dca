"""Test settings: only what tests need differs from production (STACK.md gotcha 4)."""

import os

os.environ.setdefault("JOINEDUP_DEMO", "1")

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# live_server serves /static/ through the finders: hashed manifest names would 404.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True  # tests never run collectstatic; serve from the finders
