"""SMS backends: ``send(to, text, *, idempotency_key) -> provider_id``, chosen by ``SMS_BACKEND``.

``console`` (the demo: prints), ``file`` (one JSON line per message in ``SMS_FILE_PATH``;
idempotent: a key already in the file is not written again) and ``http`` (a generic HTTP gateway:
``SMS_HTTP_URL``, ``SMS_HTTP_TOKEN``, ``SMS_SENDER``), or a dotted path to a class.
Failures raise ``TemporaryFailure`` (try again later) or ``PermanentFailure`` (never will work).
"""

import fcntl
import json
import os
import re
import sys
import urllib.error
import urllib.request
import uuid
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string


class TemporaryFailure(Exception):
    """The provider could not take the message now (5xx, timeout, connection refused)."""


class PermanentFailure(Exception):
    """The provider refused the message for good (4xx: bad number, bad request)."""


MOBILE_NUMBER = re.compile(r"^(?:\+?30)?(69\d{8})$")
INTERNATIONAL_NUMBER = re.compile(r"^\+(?!30)\d{8,15}$")


def sms_number(phone: str) -> str | None:
    """The number in E.164 form (+3069…) if it can receive SMS, else None (landlines, junk)."""
    digits = re.sub(r"[\s\-().]", "", phone or "")
    if digits.startswith("0030"):
        digits = "+" + digits[2:]
    if match := MOBILE_NUMBER.match(digits):
        return f"+30{match.group(1)}"
    return digits if INTERNATIONAL_NUMBER.match(digits) else None


class SmsBackend:
    def send(self, to: str, text: str, *, idempotency_key: str) -> str:
        raise NotImplementedError


class ConsoleBackend(SmsBackend):
    def send(self, to: str, text: str, *, idempotency_key: str) -> str:
        # The demo's output: the number is masked (logs are kept; the text is what staff wrote).
        masked = f"{to[:5]}…{to[-3:]}" if len(to) > 8 else "…"
        sys.stdout.write(f"SMS to {masked} [{idempotency_key[:16]}]\n{text}\n{'-' * 40}\n")
        sys.stdout.flush()
        return f"console-{idempotency_key[:16]}"


class FileBackend(SmsBackend):
    """Appends one JSON line per message to a file, at most once per idempotency key.

    Under an exclusive lock it reads what other processes appended since its last look, and
    writes only a key it has not seen: a message sent again after a crash leaves the file as it
    was, which is what an idempotent provider does.
    """

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path or settings.SMS_FILE_PATH)
        self._seen: dict[str, str] = {}
        self._offset = 0

    def send(self, to: str, text: str, *, idempotency_key: str) -> str:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o640)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            self._read_new_lines(fd)
            if idempotency_key in self._seen:
                return self._seen[idempotency_key]
            provider_id = f"file-{uuid.uuid4().hex[:12]}"
            line = json.dumps({"key": idempotency_key, "to": to, "text": text, "id": provider_id},
                              ensure_ascii=False) + "\n"
            self._write_line(fd, line.encode())
            self._seen[idempotency_key] = provider_id
            self._offset += len(line.encode())
            return provider_id
        finally:
            os.close(fd)  # releases the lock

    def _write_line(self, fd: int, data: bytes) -> None:
        os.write(fd, data)

    def _read_new_lines(self, fd: int) -> None:
        size = os.fstat(fd).st_size
        if size <= self._offset:
            return
        os.lseek(fd, self._offset, os.SEEK_SET)
        chunk = b""
        while len(chunk) < size - self._offset:
            part = os.read(fd, size - self._offset - len(chunk))
            if not part:
                break
            chunk += part
        complete = chunk[: chunk.rfind(b"\n") + 1]
        for raw in complete.splitlines():
            try:
                record = json.loads(raw)
            except ValueError:
                continue  # a line cut by a crash in the middle of a write
            self._seen[record["key"]] = record["id"]
        self._offset += len(complete)


class HttpGatewayBackend(SmsBackend):
    """A generic HTTP SMS gateway: POST JSON ``{"to", "text", "sender"}`` with a bearer token and
    the idempotency key (header ``Idempotency-Key``, for gateways that deduplicate); the answer's
    ``id`` (or ``message_id``) is the provider's id. 2xx: sent; 5xx, 429, timeouts and
    connection errors: temporary; other 4xx: permanent."""

    def __init__(self, url: str | None = None, token: str | None = None, sender: str | None = None,
                 timeout: float | None = None):
        self.url = url or settings.SMS_HTTP_URL
        self.token = token if token is not None else settings.SMS_HTTP_TOKEN
        self.sender = sender if sender is not None else settings.SMS_SENDER
        self.timeout = timeout or settings.SMS_HTTP_TIMEOUT

    def send(self, to: str, text: str, *, idempotency_key: str) -> str:
        headers = {"Idempotency-Key": idempotency_key, "Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        payload = json.dumps({"to": to, "text": text, "sender": self.sender}).encode()
        request = urllib.request.Request(self.url, data=payload, headers=headers, method="POST")  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - configured URL
                raw = response.read()
        except urllib.error.HTTPError as exc:
            if exc.code >= 500 or exc.code == 429:
                raise TemporaryFailure(f"gateway answered {exc.code}") from exc
            raise PermanentFailure(f"gateway refused the message: {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            raise TemporaryFailure(f"gateway unreachable: {type(exc).__name__}") from exc
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        return str(body.get("id") or body.get("message_id") or idempotency_key)[:120]


BACKENDS = {"console": ConsoleBackend, "file": FileBackend, "http": HttpGatewayBackend}

_backend: SmsBackend | None = None
_backend_config: tuple = ()


def sms_backend() -> SmsBackend:
    """The configured backend, one instance per process (the file backend keeps its index)."""
    global _backend, _backend_config
    config = (settings.SMS_BACKEND, settings.SMS_FILE_PATH, settings.SMS_HTTP_URL, settings.SMS_HTTP_TOKEN,
              settings.SMS_SENDER)
    if _backend is None or _backend_config != config:
        _backend = (BACKENDS.get(settings.SMS_BACKEND) or import_string(settings.SMS_BACKEND))()
        _backend_config = config
    return _backend


def send(to: str, text: str, *, idempotency_key: str) -> str:
    return sms_backend().send(to, text, idempotency_key=idempotency_key)
