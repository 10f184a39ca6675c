"""Locust entry point: gathers the scenario classes. Run through `python -m loadtests.run`, which
prepares flights, runs Locust headless with bounded users and time, and checks the invariants."""

from loadtests.scenarios.booking import Traveller
from loadtests.scenarios.orders import Shopper
from loadtests.scenarios.search import Browser

__all__ = ["Browser", "Shopper", "Traveller"]
