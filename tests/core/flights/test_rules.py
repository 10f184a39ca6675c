import pytest
from pydantic import ValidationError

from core.flights.schemas import FlightCreate

VALID = {
    "flight_number": "ba117",
    "source": "lhr",
    "destination": "JFK",
    "departure_ts": "2027-03-01T09:30:00+00:00",
    "arrival_ts": "2027-03-01T12:30:00-05:00",
    "total_seats": 200,
    "price": "99.50",
}


def test_a_valid_flight_is_normalised():
    flight = FlightCreate(**VALID)
    assert (flight.flight_number, flight.source) == ("BA117", "LHR")
    assert flight.available_seats is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"source": "XXX"}, "XXX is not a known IATA airport code"),
        ({"destination": "LHR"}, "must be different airports"),
        ({"arrival_ts": "2027-03-01T04:30:00-05:00"}, "arrival_ts must be after departure_ts"),
        ({"departure_ts": "2027-03-01T09:30:00"}, "UTC offset"),
        ({"total_seats": 0}, "greater than or equal to 1"),
        ({"total_seats": 1001}, "less than or equal to 1000"),
        ({"price": "-1"}, "greater than or equal to 0"),
        ({"price": "10.999"}, "decimal places"),
        ({"flight_number": "1234"}, "pattern"),
        ({"flight_number": "BAX12"}, "pattern"),
        ({"flight_number": "BA12345"}, "pattern"),
        ({"available_seats": 201}, "cannot exceed total_seats"),
    ],
)
def test_invalid_flights_are_refused_with_a_reason(change, message):
    with pytest.raises(ValidationError, match=message):
        FlightCreate(**{**VALID, **change})
