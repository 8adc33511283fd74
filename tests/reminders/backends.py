"""E-mail backends that misbehave on purpose, chosen with settings.EMAIL_BACKEND (or the
EMAIL_BACKEND environment variable for a worker run as a subprocess)."""

import os
import smtplib
import threading
import time
from pathlib import Path

from django.core.mail.backends import filebased, locmem


class FailingBackend(locmem.EmailBackend):
    """Raises on the first `FailingBackend.failures` sends (set by the test), then delivers to mail.outbox."""

    failures = 0
    _lock = threading.Lock()

    def send_messages(self, messages):
        with FailingBackend._lock:
            if FailingBackend.failures > 0:
                FailingBackend.failures -= 1
                raise smtplib.SMTPServerDisconnected("Connexion au serveur SMTP perdue")
        return super().send_messages(messages)


class BlockingFileBackend(filebased.EmailBackend):
    """Writes each message to a file in $REMINDER_TEST_MAIL_DIR, but first, while the file
    $REMINDER_TEST_BLOCK_FILE exists, hangs inside the send (after touching
    $REMINDER_TEST_ENTERED_FILE), so that a test can kill the worker in the middle of it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, file_path=os.environ["REMINDER_TEST_MAIL_DIR"], **kwargs)

    def send_messages(self, messages):
        block = Path(os.environ["REMINDER_TEST_BLOCK_FILE"])
        if block.exists():
            Path(os.environ["REMINDER_TEST_ENTERED_FILE"]).touch()
            while block.exists():
                time.sleep(0.05)
        return super().send_messages(messages)
