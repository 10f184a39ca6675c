"""Locust scenarios: each module holds `HttpUser` classes that `loadtests/locustfile.py` gathers."""
