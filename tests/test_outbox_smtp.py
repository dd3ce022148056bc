"""Delivery through a real SMTP server (aiosmtpd on 127.0.0.1) that says "try later" at first."""

from __future__ import annotations

import email
from email import policy

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import select

from models.db import session_scope
from models.schemas import RenderedEmail
from models.settings import Settings
from models.tables import OpsEvent, OutboxEmail
from tasks import outbox
from tests.conftest import free_port


class FlakyServer:
    """Refuses the first `refuse` messages with a 4xx, then accepts; rejects `unknown` recipients with a 5xx."""

    def __init__(self, refuse: int = 0, unknown: tuple[str, ...] = ()):
        self.refuse, self.unknown = refuse, unknown
        self.attempts = 0
        self.received: list[bytes] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.unknown:
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.attempts += 1
        if self.attempts <= self.refuse:
            return "451 4.3.0 try again later"
        self.received.append(envelope.content)
        return "250 OK queued"


@pytest.fixture
def smtp(request):
    handler = FlakyServer(**getattr(request, "param", {}))
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    controller.stop()


def smtp_settings(settings: Settings, controller) -> Settings:
    return settings.model_copy(update={"smtp_url": f"smtp://{controller.hostname}:{controller.port}"})


def queue(settings: Settings, to: str = "rita@agency.example") -> int:
    rendered = RenderedEmail(subject="Resume received: Jane Doe", text="Jane Doe", html="<p>Jane Doe</p>")
    with session_scope(settings.db_url) as session:
        return outbox.queue_email(session, f"test:{to}", "confirmation", to, rendered).id


@pytest.mark.parametrize("smtp", [{"refuse": 2}], indirect=True)
def test_deliver_flow_retries_a_4xx_with_back_off_and_delivers_once(settings, smtp, prefect_api_url, monkeypatch):
    from flows import deliver as deliver_module
    from flows import steps

    controller, server = smtp
    settings = smtp_settings(settings, controller)
    email_id = queue(settings)
    # Same task, same retry rule; only the waits shrink from 10-80 s to test size.
    monkeypatch.setattr(steps, "send_one", steps.send_one.with_options(retry_delay_seconds=[0.1, 0.2, 0.4, 0.8]))

    report = deliver_module.deliver(settings)

    assert (report.sent, report.queued, report.failed) == (1, 0, 0)
    assert server.attempts == 3 and len(server.received) == 1
    received = email.message_from_bytes(server.received[0], policy=policy.default)
    assert received["Subject"] == "Resume received: Jane Doe"
    with session_scope(settings.db_url) as session:
        row = session.get(OutboxEmail, email_id)
        assert (row.status, row.attempts) == ("sent", 3)
    assert deliver_module.deliver(settings).sent == 0, "a second run sends nothing"
    assert len(server.received) == 1


def test_back_off_is_declared_on_the_task():
    from flows import steps

    delays = steps.send_one.retry_delay_seconds
    assert steps.send_one.retries >= 3 and list(delays) == sorted(delays) and delays[0] < delays[-1]


@pytest.mark.parametrize("smtp", [{"refuse": 100}], indirect=True)
def test_a_4xx_raises_for_a_retry_and_keeps_the_email_queued(settings, smtp):
    controller, server = smtp
    settings = smtp_settings(settings, controller)
    email_id = queue(settings)
    with pytest.raises(outbox.TransientDeliveryError):
        outbox.send_one(settings, email_id)
    with session_scope(settings.db_url) as session:
        row = session.get(OutboxEmail, email_id)
        assert (row.status, row.attempts, row.locked_until) == ("queued", 1, None)
        assert "451" in row.last_error


@pytest.mark.parametrize("smtp", [{"unknown": ("gone@agency.example",)}], indirect=True)
def test_a_5xx_fails_the_email_for_good_and_tells_operations(settings, smtp):
    controller, server = smtp
    settings = smtp_settings(settings, controller)
    email_id = queue(settings, to="gone@agency.example")
    assert outbox.send_one(settings, email_id) == "failed"
    with session_scope(settings.db_url) as session:
        assert session.get(OutboxEmail, email_id).status == "failed"
        event = session.exec(select(OpsEvent)).one()
        assert event.kind == "delivery_failed" and "gone@agency.example" in event.detail
    assert server.received == []


def test_an_unreachable_server_is_transient(settings):
    settings = settings.model_copy(update={"smtp_url": f"smtp://127.0.0.1:{free_port()}"})
    with pytest.raises(outbox.TransientDeliveryError):
        outbox.send_one(settings, queue(settings))
