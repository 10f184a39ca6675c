"""The periodic sweep of bookings, cancelled flights and imports, a process of its own:
`python -m workers.scheduler` (supervisord.conf `scheduler`; `--once` runs one pass and exits).

Why a process and not a self-rescheduling actor: the sweep exists to recover messages lost
with Redis, and a chain of delayed messages kept in that same Redis would be lost with them
(or, started by every worker process, multiply). A loop cannot be lost, and two of them only
send duplicate messages, which the actors treat as no-ops.
"""

import argparse
import logging
import time

from core.config import settings
from workers.bookings import sweep_bookings
from workers.flights import sweep_cancellations
from workers.imports import sweep_imports
from workers.orders import sweep_holds

logger = logging.getLogger("workers.scheduler")


def sweep_once() -> None:
    stale = sweep_bookings()
    if stale.allocate or stale.cancel:
        logger.info(
            "re-enqueued %d flights with stale pending bookings and %d cancels",
            len(stale.allocate),
            len(stale.cancel),
        )
    flights = sweep_cancellations()
    if flights:
        logger.info("re-enqueued the settlement of %d cancelled flights", len(flights))
    jobs = sweep_imports()
    if jobs:
        logger.info("re-enqueued %d stalled import jobs", len(jobs))
    holds = sweep_holds()
    if holds:
        logger.info("sent the expiry of %d lapsed holds", len(holds))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--once", action="store_true", help="run one sweep and exit")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    if args.once:
        sweep_once()
        return
    logger.info("sweeping every %d s", settings.sweep_interval_seconds)
    while True:
        try:
            sweep_once()
        except Exception:  # a store that is down now may be back next time
            logger.exception("sweep failed; trying again in the next interval")
        time.sleep(settings.sweep_interval_seconds)


if __name__ == "__main__":
    main()
