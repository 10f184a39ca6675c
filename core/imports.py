"""Loading flights from CSV files in the seed format."""

from pathlib import Path

import pandas as pd
from sqlalchemy import text
from sqlmodel import Session

CSV_COLUMNS = [
    "flight_number",
    "source",
    "destination",
    "departure_ts",
    "arrival_ts",
    "total_seats",
    "available_seats",
    "price",
]


def load_flights_csv(session: Session, *, path: Path) -> int:
    """Insert the flights of a trusted CSV file (the seed data); rows already present are kept.

    Returns how many flights were inserted.
    """
    frame = pd.read_csv(path, usecols=CSV_COLUMNS, dtype=str)
    result = session.connection().execute(
        text(
            "INSERT INTO flights (id, flight_number, source, destination, departure_ts, "
            "arrival_ts, total_seats, available_seats, price) "
            "SELECT gen_random_uuid(), r.flight_number, r.source, r.destination, "
            "r.departure_ts::timestamptz, r.arrival_ts::timestamptz, r.total_seats::int, "
            "r.available_seats::int, r.price::numeric "
            "FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(flight_number text, source text, "
            "destination text, departure_ts text, arrival_ts text, total_seats text, "
            "available_seats text, price text) "
            "ON CONFLICT (flight_number, departure_ts) DO NOTHING"
        ),
        {"rows": frame.to_json(orient="records")},
    )
    return result.rowcount
