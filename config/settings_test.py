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

# Shared letters (B5) go to a folder of this test run's own, removed when it ends.
import atexit  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

JOINEDUP_DOCUMENTS_ROOT = Path(tempfile.mkdtemp(prefix="joinedup-documents-"))
atexit.register(shutil.rmtree, JOINEDUP_DOCUMENTS_ROOT, ignore_errors=True)
