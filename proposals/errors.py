class DomainError(Exception):
    """An action the rules do not allow. ``message`` is shown to the user as it is (Chinese)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConflictError(DomainError):
    """Someone else changed the item since it was loaded."""

    def __init__(self, message: str = "已被他人处理，请刷新后重试") -> None:
        super().__init__(message)


class CalendarMissing(DomainError):
    """A date falls in a year whose working-day calendar has not been loaded."""
