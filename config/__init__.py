# The Celery app is loaded with Django, so tasks sent from the site or a command use its settings.
from .celery import app as celery_app

__all__ = ("celery_app",)
