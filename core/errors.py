"""Domain errors, raised in `core` and mapped to HTTP answers once, in `api.main`."""


class DomainError(Exception):
    """Base class: `status_code` is the HTTP status to answer with, `str(error)` the detail."""

    status_code = 400


class NotFound(DomainError):
    status_code = 404


class Conflict(DomainError):
    status_code = 409


class InvalidRequest(DomainError):
    status_code = 422


class AuthenticationFailed(DomainError):
    status_code = 401


class UsernameTaken(Conflict):
    def __init__(self, username: str) -> None:
        super().__init__(f"the username {username!r} is already taken")


class TooManyRequests(DomainError):
    """A rate limit was reached: retry after `retry_after` seconds."""

    status_code = 429

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class RequestInProgress(Conflict):
    """The same request is still being handled: retry after `retry_after` seconds."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
