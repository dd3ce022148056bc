"""Input we can't use (the recruiter's problem) versus bugs (ours). str(problem) is one sentence for the recruiter."""


class InboxProblem(Exception):
    """Input we can't use; str(self) is one sentence for the recruiter. Never a bug."""


class UnreadableDocument(InboxProblem):
    """Corrupt, encrypted, empty, or a scan with no text we could read."""


class UnsupportedFile(InboxProblem):
    """A file type we don't read."""


class TooLarge(InboxProblem):
    """Over a configured size or count limit."""


class UnknownRecipient(InboxProblem):
    """No recruiter owns the import address the message was sent to."""


class LinkNotUsable(InboxProblem):
    """An action link that was already used, has expired, or was never issued."""
