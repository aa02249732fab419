"""Errors meant for the user: the CLI prints them without a traceback, the GUI shows a dialog."""


class UserError(Exception):
    """A problem the user can understand and fix (bad file, unknown agency, full disk...).

    ``str(error)`` is the whole message shown to the user; ``hint`` is an optional next step.
    """

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint

    def __str__(self) -> str:
        base = super().__str__()
        return f"{base}\n{self.hint}" if self.hint else base
