"""An SMS file backend that takes its time, so that a test can kill the worker mid-batch — also
between the provider's acceptance (the line is written) and the dispatcher's record of it."""

import os
import time

from notifications.sms import FileBackend


class SlowFileBackend(FileBackend):
    def send(self, to: str, text: str, *, idempotency_key: str) -> str:
        delay = float(os.environ.get("SMS_TEST_DELAY", "0.04"))
        time.sleep(delay / 2)
        provider_id = super().send(to, text, idempotency_key=idempotency_key)
        time.sleep(delay / 2)
        return provider_id
