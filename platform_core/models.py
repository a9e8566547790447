"""Abstract model bases shared by every app."""

import uuid

from django.db import models


class UUIDModel(models.Model):
    """Objects are identified by a random UUID: ids cannot be guessed or enumerated, and records
    moved between centres never collide."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True


class TimeStampedModel(UUIDModel):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
