"""Account e-mails, sent by the Celery worker in the centre's schema."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection
from django.template.loader import render_to_string
from django.utils import translation

from platform_core.celery import app
from platform_core.tasks import CentreTask

from .models import User


@app.task(name="accounts.staff_welcome_email", base=CentreTask, bind=True, max_retries=5,
          autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True)
def staff_welcome_email(self, *, user_id: str) -> str:
    """Tells a new staff member where their centre lives and what their username is."""
    from tenants.models import Centre
    from tenants.services import centre_url

    user = User.objects.get(pk=user_id)
    centre = Centre.objects.get(schema_name=connection.schema_name)
    with translation.override(settings.LANGUAGE_CODE):
        context = {"user": user, "centre": centre, "url": centre_url(centre)}
        subject = render_to_string("accounts/email/welcome_subject.txt", context).strip()
        body = render_to_string("accounts/email/welcome_body.txt", context)
    send_mail(subject, body, None, [user.email])
    return connection.schema_name
