"""The test settings for a Celery worker whose e-mail the test can count: every message it
sends is appended to a file (one line per recipient, written and flushed before the send
returns), so that a test in another process reads exactly what went out, also after it
killed the worker (tests/bijeenkomsten/test_berichten_worker.py).

MAIL_RECORD_FILE: the file. MAIL_SEND_SECONDS: how long one message takes (an SMTP server's
answer). MAIL_PAUSE_AT: an address at which the worker stops for a minute, once (a flag file
MAIL_RECORD_FILE + ".paused" says it did), `before` the server accepted that message or
`after` it (MAIL_PAUSE_WHEN): the moment the test kills the worker."""

import os
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

from leerkring.settings.test import *  # noqa: F403

EMAIL_BACKEND = "tests.bijeenkomsten.mailworker_settings.RecordingBackend"


class RecordingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        record = Path(os.environ["MAIL_RECORD_FILE"])
        paused = Path(f"{record}.paused")
        pause_at = os.environ.get("MAIL_PAUSE_AT", "")
        when = os.environ.get("MAIL_PAUSE_WHEN", "before")
        for message in email_messages:
            pause = pause_at in message.to and not paused.exists()
            if pause and when == "before":
                paused.write_text(str(os.getpid()))
                time.sleep(60)  # the server has not accepted it yet
            time.sleep(float(os.environ.get("MAIL_SEND_SECONDS", "0.05")))
            with record.open("a") as out:
                for address in message.to:
                    out.write(f"{address}\t{message.subject}\n")
                out.flush()
                os.fsync(out.fileno())
            if pause and when == "after":
                # The flag comes after the record, so that the test, which waits for the flag,
                # reads the accepted message in the record.
                paused.write_text(str(os.getpid()))
                time.sleep(60)  # accepted by the server, not yet deleted from the outbox
        return len(email_messages)
