"""Management-command helper: a service's ValidationError becomes an exit code and sentences."""

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError


def validation_error_to_command_error(exc: ValidationError) -> CommandError:
    if hasattr(exc, "error_dict"):
        lines = [f"{field}: {' '.join(messages)}" for field, messages in exc.message_dict.items()]
    else:
        lines = list(exc.messages)
    return CommandError("\n".join(lines), returncode=2)
