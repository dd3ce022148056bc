"""flows/watch.py: mail that lands while the watcher runs is confirmed on its next poll."""

from __future__ import annotations

from flows.watch import has_new_mail, watch
from tasks import samples, users


def test_mail_landing_while_watching_gets_its_confirmation_and_nothing_twice(settings, prefect_api_url):
    user = users.add_user(settings, email="dana@agency.example", name="Dana Whitfield")
    inbox = settings.inbox_dir
    samples.fill_maildir(inbox, [])
    assert not has_new_mail(settings.mailboxes)

    resume = samples.make_resume(samples.PEOPLE[0], "pdf")
    samples.fill_maildir(inbox, [("m0", samples.resume_message(resume, user.import_address, "Dana <dana@agency.example>", 0))])
    assert has_new_mail(settings.mailboxes)

    reports = []
    polls = iter(range(3))  # poll 1 ingests and delivers; polls 2 and 3 find nothing new
    watch(settings, interval=0.01, should_stop=lambda: next(polls, None) is None, on_report=reports.append)

    assert [len(r.drafts) for r in reports] == [1]
    assert not has_new_mail(settings.mailboxes)
    assert len(list((settings.outbox_dir / "new").iterdir())) == 1
