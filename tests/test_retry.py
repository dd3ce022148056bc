from __future__ import annotations

import smtplib

import pytest
from sqlalchemy.exc import OperationalError

from flows.retry import is_transient_error
from tasks.errors import UnreadableDocument
from tasks.outbox import TransientDeliveryError


@pytest.mark.parametrize(
    "error",
    [
        TransientDeliveryError("451 try later"),
        ConnectionRefusedError(),
        TimeoutError(),
        smtplib.SMTPServerDisconnected(),
        OperationalError("BEGIN IMMEDIATE", {}, Exception("database is locked")),
        OperationalError("UPDATE", {}, Exception("deadlock detected")),
    ],
)
def test_network_mail_and_lock_errors_are_retried(error):
    assert is_transient_error(error)


@pytest.mark.parametrize(
    "error",
    [
        UnreadableDocument("cv.pdf is encrypted."),
        ValueError("a bug"),
        KeyError("missing"),
        OperationalError("SELECT", {}, Exception("no such table: draft")),
    ],
)
def test_bad_input_and_bugs_are_not_retried(error):
    assert not is_transient_error(error)
