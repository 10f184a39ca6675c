"""Rebuild the airline and metropolitan-area reference files shipped in `core/search/data/` from
OpenTravelData (https://github.com/opentraveldata/opentraveldata, CC BY 4.0):

    python scripts/reference_data.py OPTD_CHECKOUT

reads `opentraveldata/optd_airlines.csv` and `opentraveldata/optd_por_best_known_so_far.csv`
and writes `airlines.csv` (IATA designator, name: airlines in service, the most flown one where a
designator was given to several) and `metro_areas.csv` (IATA city code, airport code: cities
with two or more airports that Skyqueue knows, from `airportsdata`).
"""

import csv
import sys
from collections import defaultdict
from pathlib import Path

import airportsdata

OUT = Path(__file__).resolve().parent.parent / "core" / "search" / "data"


def airlines(optd: Path) -> list[tuple[str, str]]:
    best: dict[str, tuple[int, str]] = {}
    with (optd / "optd_airlines.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file, delimiter="^"):
            code = row["2char_code"].strip()
            in_service = not row["validity_to"] and not row["env_id"]
            if len(code) != 2 or not in_service or "C" in row["type"]:  # C: cargo only
                continue
            flown = int(row["flt_freq"] or 0)
            if code not in best or flown > best[code][0]:
                best[code] = (flown, row["name"].strip())
    return sorted((code, name) for code, (_, name) in best.items())


def metro_areas(optd: Path) -> list[tuple[str, str]]:
    known = airportsdata.load("IATA")
    cities: dict[str, set[str]] = defaultdict(set)
    with (optd / "optd_por_best_known_so_far.csv").open(encoding="utf-8") as file:
        for row in csv.DictReader(file, delimiter="^"):
            if "-A-" not in row["pk"] or row["iata_code"] not in known:
                continue
            city = row["city_code"].split(",")[0]
            cities[city].add(row["iata_code"])
    return sorted(
        (city, airport)
        for city, airports in cities.items()
        if len(airports) >= 2 and city not in known  # a city code, not an airport's own
        for airport in airports
    )


def write(name: str, header: tuple[str, str], rows: list[tuple[str, str]]) -> None:
    with (OUT / name).open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    print(f"{name}: {len(rows)} rows")


def main() -> None:
    optd = Path(sys.argv[1]) / "opentraveldata"
    write("airlines.csv", ("code", "name"), airlines(optd))
    write("metro_areas.csv", ("city_code", "airport"), metro_areas(optd))


if __name__ == "__main__":
    main()
