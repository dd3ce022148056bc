"""When a failed step is worth retrying: network, mail server 'try later' and database lock errors only.

A corrupt PDF stays corrupt; retrying it would only delay the failure email.
"""

from __future__ import annotations

import imaplib
import smtplib
import socket

from sqlalchemy.exc import DBAPIError, OperationalError

from tasks.outbox import TransientDeliveryError

TRANSIENT_TYPES = (
    TransientDeliveryError,
    ConnectionError,
    TimeoutError,
    socket.timeout,
    socket.gaierror,
    smtplib.SMTPServerDisconnected,
    imaplib.IMAP4.abort,
)
# Substrings of database errors that heal by themselves: SQLite's lock, PostgreSQL's deadlock and
# serialization failures, and a connection dropped under us.
TRANSIENT_DB_MESSAGES = (
    "database is locked",
    "deadlock detected",
    "could not serialize access",
    "server closed the connection",
    "connection refused",
    "terminating connection",
)


def is_transient_error(error: BaseException) -> bool:
    if isinstance(error, TRANSIENT_TYPES):
        return True
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    if isinstance(error, OperationalError):
        text = str(error).lower()
        return any(fragment in text for fragment in TRANSIENT_DB_MESSAGES)
    return False


def is_transient(task, task_run, state) -> bool:
    """Prefect's retry_condition_fn: retry only when the task failed with a transient error."""
    try:
        state.result()
    except BaseException as error:  # the failed state re-raises what the task raised; we only classify it
        return is_transient_error(error)
    return False
