"""The HTTP API: authenticates, validates, records jobs (sent to the workers once they commit,
through `core.dispatch`); never allocates seats."""
