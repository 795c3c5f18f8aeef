"""The embedded default: one command on a fresh machine, no services needed.
SQLite under var/, tasks eager, e-mail to the console."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="local-development-only-not-secret")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

# The embedded default keeps its SQLite file and uploads under var/ (ignored by git), or
# under DJANGO_VAR_DIR when given.
VAR_DIR.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
