"""Locust entry point: gathers the scenario classes. Run through `python -m loadtests.run`, which
prepares flights and an administrator, runs Locust headless with bounded users and time, writes
its reports and checks the invariants."""

from loadtests.scenarios.admin import Admin
from loadtests.scenarios.booking import Traveller
from loadtests.scenarios.orders import Shopper
from loadtests.scenarios.search import Browser
from loadtests.scenarios.stampede import Stampede

__all__ = ["Admin", "Browser", "Shopper", "Stampede", "Traveller"]
