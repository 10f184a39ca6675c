"""Generate a flight schedule in the seed format: a hub-and-spoke network worth searching.

    python scripts/generate_flights.py [--start-date 2026-12-01] [--count 1000] [--seed 7]
                                       [--out flights.csv]

Airlines fly from their hubs (British Airways from Heathrow, Emirates from Dubai…): trunk routes
between hubs and spokes from each hub to the airports around it. Flights back into an airline's
hub land in its banks (07:00, 12:00, 17:00 local) and flights out of it leave in the banks that
follow (09:00, 14:00, 19:00), so connections exist at every hub. Trunk routes fly daily, most
spokes daily and some three days a week. Routes are taken in order of importance (the popular
trunks, then spokes and trunks in turn) until they give `--count` flights over two weeks, then
flown from `--start-date` until there are `--count` flights (at most 8 weeks; when every route
once a day is not enough, each route in all three banks). Prices follow distance and rise as
departure nears (counted from the start date). Airports (coordinates, time zones) come from
the `airportsdata` package.

`make run` loads `flights.csv` into an empty database and, while fewer than 5,000 flights are
still to depart, 20,000 flights made by this script from today. For load tests, a large network:

    python scripts/generate_flights.py --count 100000 --start-date $(date +%F) --out big.csv
"""

import argparse
import csv
import math
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import airportsdata

# Hubs and the airline based at each.
HUBS = {
    "LHR": "BA", "CDG": "AF", "AMS": "KL", "FRA": "LH", "MAD": "IB", "IST": "TK", "DUB": "EI",
    "DXB": "EK", "DOH": "QR", "JFK": "B6", "ATL": "DL", "ORD": "UA", "DFW": "AA", "YYZ": "AC",
    "MEX": "AM", "GRU": "LA", "JNB": "SA", "ADD": "ET", "DEL": "AI", "SIN": "SQ", "HKG": "CX",
    "HND": "JL", "ICN": "KE", "SYD": "QF",
}  # fmt: skip
# The routes travellers ask for most, first among the trunks.
POPULAR = [
    ("LHR", "JFK"), ("CDG", "JFK"), ("LHR", "DXB"), ("FRA", "ORD"), ("AMS", "ATL"),
    ("LHR", "SIN"), ("DOH", "LHR"), ("HND", "HKG"), ("SYD", "SIN"), ("MAD", "MEX"),
]  # fmt: skip
# Airports served from the hubs around them.
SPOKES = (
    "BOS IAD MIA LAX SFO SEA DEN LAS PHX MSP DTW CLT PHL MCO YVR YUL CUN GDL BOG LIM SCL EZE GIG "
    "LGW MAN EDI GLA BHX BRU ZRH GVA VIE PRG WAW BUD CPH ARN OSL HEL LIS OPO BCN PMI FCO MXP VCE "
    "NAP MUC HAM BER DUS ATH SOF OTP NCE LYS TLS MRS KEF ORK SNN BFS "
    "CAI CMN NBO LOS ACC DAR CPT DUR TLV AMM BAH MCT RUH JED KWI AUH "
    "BOM BLR MAA CCU HYD CMB KTM DAC BKK KUL CGK MNL SGN HAN PEK PVG CAN TPE KIX FUK CTS PUS "
    "MEL BNE PER AKL ADL CHC"
).split()
TRUNK_KM = 14_000
SPOKE_KM = 3_500
ARRIVAL_BANKS = (time(7), time(12), time(17))
DEPARTURE_BANKS = (time(9), time(14), time(19))
MAX_DAYS = 56
HEADER = [
    "flight_number",
    "source",
    "destination",
    "departure_ts",
    "arrival_ts",
    "total_seats",
    "available_seats",
    "price",
]


@dataclass(frozen=True)
class Route:
    number: str
    source: str
    destination: str
    km: float
    bank: int  # which bank at the hub it lands in or leaves from
    weekdays: frozenset[int]
    into_hub: bool  # back to the airline's hub: timed by its landing in the hub's bank


def distance_km(a: dict, b: dict) -> float:
    """Great-circle distance between two airports (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def duration(km: float) -> timedelta:
    return timedelta(minutes=5 * round((km / 830 * 60 + 35) / 5))


def make_routes(rng: random.Random, airports: dict) -> list[Route]:
    """Every route of the network, the most important first: the popular trunks, then a spoke
    (taken in turn from each hub, nearest first) and another trunk between hubs, alternately.
    Each route flies both ways, the hub's airline flying it."""
    numbers = dict.fromkeys(HUBS.values(), 1)
    routes: list[Route] = []

    def add(hub: str, other: str, *, bank: int, weekdays: frozenset[int]) -> None:
        airline = HUBS[hub]
        km = distance_km(airports[hub], airports[other])
        out, back = numbers[airline], numbers[airline] + 1
        numbers[airline] += 2
        routes.append(Route(f"{airline}{out}", hub, other, km, bank, weekdays, False))
        routes.append(Route(f"{airline}{back}", other, hub, km, bank, weekdays, True))

    every_day = frozenset(range(7))
    others = [
        (a, b)
        for a in sorted(HUBS)
        for b in sorted(HUBS)
        if a < b
        and (a, b) not in POPULAR
        and (b, a) not in POPULAR
        and distance_km(airports[a], airports[b]) <= TRUNK_KM
    ]
    rng.shuffle(others)
    near = {
        hub: sorted(
            (distance_km(airports[hub], airports[code]), code)
            for code in SPOKES
            if distance_km(airports[hub], airports[code]) <= SPOKE_KM
        )
        for hub in sorted(HUBS)
    }
    spokes = [
        (hub, spokes[turn][1], turn)
        for turn in range(max(len(spokes) for spokes in near.values()))
        for hub, spokes in near.items()
        if turn < len(spokes)
    ]
    for n, (a, b) in enumerate(POPULAR):
        add(a, b, bank=n % 3, weekdays=every_day)
    # Then a spoke and a trunk in turn, so that a small schedule has both.
    for n in range(max(len(spokes), len(others))):
        if n < len(spokes):
            hub, spoke, turn = spokes[n]
            days = every_day if rng.random() < 0.7 else frozenset(rng.sample(range(7), 3))
            add(hub, spoke, bank=(turn + n) % 3, weekdays=days)
        if n < len(others):
            add(*others[n], bank=n % 3, weekdays=every_day)
    return routes


def flight_times(route: Route, day: date, bank: int, airports: dict) -> tuple[datetime, datetime]:
    """Into a hub: landing in the bank; out of a hub (or between hubs): leaving in the bank."""
    flying = duration(route.km)
    if route.into_hub:
        hub = ZoneInfo(airports[route.destination]["tz"])
        arrival = datetime.combine(day, ARRIVAL_BANKS[bank], hub)
        departure = (arrival - flying).astimezone(ZoneInfo(airports[route.source]["tz"]))
    else:
        departure = datetime.combine(
            day, DEPARTURE_BANKS[bank], ZoneInfo(airports[route.source]["tz"])
        )
        arrival = (departure + flying).astimezone(ZoneInfo(airports[route.destination]["tz"]))
    return departure, arrival


def bank_number(route: Route, bank: int) -> str:
    """The route's number in its own bank; 5000 or 7000 more in the other two."""
    shift = (bank - route.bank) % 3
    return (
        route.number
        if shift == 0
        else f"{route.number[:2]}{int(route.number[2:]) + 3000 + 2000 * shift}"
    )


def row(
    rng: random.Random, route: Route, day: date, bank: int, start: date, airports: dict
) -> list[str]:
    departure, arrival = flight_times(route, day, bank, airports)
    long_haul = route.km > 4000
    total = rng.randint(250, 350) if long_haul else rng.randint(150, 190)
    # Prices follow distance, and rise by up to 60% over the last three weeks before departure.
    soon = max(0, 21 - (day - start).days) / 21
    price = (39 + route.km * 0.09) * rng.uniform(0.85, 1.2) * (1 + 0.6 * soon)
    return [
        route.number
        if bank == route.bank
        else f"{route.number[:2]}{int(route.number[2:]) + 5000}"
        if bank == (route.bank + 1) % 3
        else f"{route.number[:2]}{int(route.number[2:]) + 7000}",
        route.source,
        route.destination,
        departure.isoformat(),
        arrival.isoformat(),
        str(total),
        str(total - rng.randint(0, total * 2 // 5)),
        f"{math.floor(price) + 0.99:.2f}",
    ]


def generate(start: date, count: int, seed: int) -> list[list[str]]:
    """`count` flights from `start`: as few routes as give them over two weeks, flown over up to
    MAX_DAYS days; when every route daily is not enough, each route in all three banks."""
    rng = random.Random(seed)
    airports = airportsdata.load("IATA")
    routes = make_routes(rng, airports)
    chosen: list[Route] = []
    weekly = 0.0
    for route in routes:
        chosen.append(route)
        weekly += len(route.weekdays) / 7
        if weekly * 14 >= count:
            break
    all_banks = weekly * MAX_DAYS < count
    rows: list[list[str]] = []
    for offset in range(MAX_DAYS):
        day = start + timedelta(days=offset)
        for route in chosen:
            if day.weekday() in route.weekdays:
                for bank in range(3) if all_banks else (route.bank,):
                    rows.append(row(rng, route, day, bank, start, airports))
        if len(rows) >= count:
            break
    rows = rows[:count]
    rows.sort(key=lambda r: (datetime.fromisoformat(r[3]), r[0]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start-date", type=date.fromisoformat, default=date(2026, 12, 1))
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("flights.csv"))
    args = parser.parse_args()
    rows = generate(args.start_date, args.count, args.seed)
    with args.out.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(rows)
    print(f"wrote {len(rows)} flights from {args.start_date} to {args.out}")


if __name__ == "__main__":
    main()
