"""Generate the seed data set `flights.csv`: realistic, reproducible flights.

    python scripts/generate_flights.py [--start-date 2027-01-01] [--count 1000] [--seed 7]
                                       [--out flights.csv]

Airports (names, coordinates, time zones) come from the `airportsdata` package. A fixed set of
routes, each with an airline flight number and a daily local departure time, is flown on dates
spread over the twelve months from `--start-date`. Durations follow great-circle distance,
prices grow with distance, timestamps carry the local UTC offset of their airport.
"""

import argparse
import csv
import math
import random
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import airportsdata

# Major airports by continent; everything about them is looked up in airportsdata.
HUBS = (
    "ATL JFK LAX ORD DFW DEN SFO SEA MIA BOS IAD YYZ YVR YUL MEX CUN "  # North America
    "GRU GIG EZE SCL BOG LIM "  # South America
    "LHR LGW CDG AMS FRA MUC MAD BCN FCO MXP ZRH VIE CPH ARN OSL HEL DUB LIS BRU IST ATH WAW PRG "
    "BER "  # Europe
    "DXB DOH AUH TLV "  # Middle East
    "CAI JNB CPT NBO ADD LOS CMN "  # Africa
    "DEL BOM BLR SIN BKK KUL CGK HKG PEK PVG ICN NRT HND TPE MNL "  # Asia
    "SYD MEL BNE AKL PER"  # Oceania
).split()

# The carriers flying from each country (IATA airline codes).
AIRLINES = {
    "US": ["AA", "DL", "UA", "B6", "AS"],
    "CA": ["AC", "WS"],
    "MX": ["AM", "Y4"],
    "BR": ["LA", "G3"],
    "AR": ["AR"],
    "CL": ["LA"],
    "CO": ["AV"],
    "PE": ["LA"],
    "GB": ["BA", "VS", "U2"],
    "FR": ["AF"],
    "NL": ["KL"],
    "DE": ["LH", "EW"],
    "ES": ["IB", "VY"],
    "IT": ["AZ"],
    "CH": ["LX"],
    "AT": ["OS"],
    "DK": ["SK"],
    "SE": ["SK"],
    "NO": ["DY", "SK"],
    "FI": ["AY"],
    "IE": ["EI", "FR"],
    "PT": ["TP"],
    "BE": ["SN"],
    "TR": ["TK"],
    "GR": ["A3"],
    "PL": ["LO"],
    "CZ": ["OK"],
    "AE": ["EK", "EY"],
    "QA": ["QR"],
    "IL": ["LY"],
    "EG": ["MS"],
    "ZA": ["SA"],
    "KE": ["KQ"],
    "ET": ["ET"],
    "NG": ["P4"],
    "MA": ["AT"],
    "IN": ["AI", "6E"],
    "SG": ["SQ"],
    "TH": ["TG"],
    "MY": ["MH"],
    "ID": ["GA"],
    "HK": ["CX"],
    "CN": ["CA", "MU"],
    "KR": ["KE", "OZ"],
    "JP": ["JL", "NH"],
    "TW": ["CI", "BR"],
    "PH": ["PR"],
    "AU": ["QF", "VA"],
    "NZ": ["NZ"],
}

MAX_DISTANCE_KM = 14_500
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


def distance_km(a: dict, b: dict) -> float:
    """Great-circle distance between two airports (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def make_routes(rng: random.Random, airports: dict, count: int) -> list[dict]:
    routes: list[dict] = []
    used_numbers: set[str] = set()
    while len(routes) < count:
        src, dst = rng.sample(HUBS, 2)
        km = distance_km(airports[src], airports[dst])
        # Favour short and medium haul, as real schedules do; drop routes no airliner flies.
        if km > MAX_DISTANCE_KM or (km > 4000 and rng.random() < 0.5):
            continue
        carrier = rng.choice(AIRLINES[airports[src]["country"]])
        number = f"{carrier}{rng.randint(1, 9999 if km < 4000 else 999)}"
        if number in used_numbers:
            continue
        used_numbers.add(number)
        minutes = km / 830 * 60 + 35
        routes.append(
            {
                "number": number,
                "src": src,
                "dst": dst,
                "km": km,
                "duration": timedelta(minutes=5 * round(minutes / 5)),
                "local_departure": time(
                    rng.randint(6, 22), rng.choice((0, 5, 15, 20, 30, 40, 45, 55))
                ),
                "seats": rng.randint(50, 220) if km < 4000 else rng.randint(220, 400),
            }
        )
    return routes


def generate(start: date, count: int, seed: int) -> list[list[str]]:
    rng = random.Random(seed)
    airports = airportsdata.load("IATA")
    routes = make_routes(rng, airports, max(1, count // 4))
    rows: list[list[str]] = []
    taken: set[tuple[str, date]] = set()
    while len(rows) < count:
        route = rng.choice(routes)
        day = start + timedelta(days=rng.randrange(365))
        if (route["number"], day) in taken:
            continue
        taken.add((route["number"], day))
        src_tz = ZoneInfo(airports[route["src"]]["tz"])
        departure = datetime.combine(day, route["local_departure"], src_tz)
        arrival = (departure + route["duration"]).astimezone(ZoneInfo(airports[route["dst"]]["tz"]))
        price = (49 + route["km"] * 0.085) * rng.uniform(0.8, 1.6)
        total = route["seats"]
        rows.append(
            [
                route["number"],
                route["src"],
                route["dst"],
                departure.isoformat(),
                arrival.isoformat(),
                str(total),
                str(total - rng.randint(0, total * 2 // 5)),
                f"{math.floor(price) + 0.99:.2f}",
            ]
        )
    rows.sort(key=lambda r: datetime.fromisoformat(r[3]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start-date", type=date.fromisoformat, default=date(2026, 12, 1))
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("flights.csv"))
    args = parser.parse_args()
    with args.out.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(generate(args.start_date, args.count, args.seed))
    print(f"wrote {args.count} flights from {args.start_date} to {args.out}")


if __name__ == "__main__":
    main()
