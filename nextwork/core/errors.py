class DomainError(Exception):
    """A business rule refused the request. `field` names the form field the message belongs next to."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
