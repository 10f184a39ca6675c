"""The HTTP API: authenticates, validates, records jobs and enqueues them; never allocates seats."""
