"""The Celery app: ``celery -A config worker`` and ``celery -A config beat`` (``make worker``, ``make beat``).

Settings come from Django's (``CELERY_*``, see config/settings.py), so the environment decides the broker:
``CELERY_BROKER_URL=redis://host:6379/1`` (or ``amqp://user:pass@host:5672//`` for RabbitMQ).
"""

import os

from celery import Celery
from celery.signals import worker_init, worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("quotes")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["articles"])


@app.on_after_finalize.connect
def schedule_polling(sender, **kwargs):
    from django.conf import settings

    sender.add_periodic_task(
        settings.QUOTES_POLL_EVERY_SECONDS,
        sender.signature("articles.poll_due_sources"),
        name="poll due sources",
    )


@worker_init.connect
@worker_process_init.connect
def load_model(**kwargs):
    """Each worker loads the spaCy model once, before its first task, and keeps it. Loaded in the main
    process first, the pool's forked children share its pages rather than each reading its own copy."""
    from quotes import pipeline

    pipeline.get_nlp()
