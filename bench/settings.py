"""joinedup's production settings for the load test on loopback (``bench.load``): only two changes.

``config.settings`` with DEBUG and JOINEDUP_DEMO off requires a SECRET_KEY and marks the session and
CSRF cookies Secure, so a client on plain http://127.0.0.1 would never send them back. There is no
setting that relaxes that short of the demo mode, so this module relaxes only cookie security (the
load test has no TLS), and serves static files without the collectstatic manifest (the load test
never fetches them; pages only need their URLs). Everything else is production's.
"""

from config.settings import *  # noqa: F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
