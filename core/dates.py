"""Calendar dates as clients send them: ISO 8601 text only ("2027-03-01"). Pydantic would also
take a number as seconds since 1970 ("0" is 1970-01-01), which no person means."""

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date_text(value: Any) -> Any:
    if isinstance(value, dt.date) or (isinstance(value, str) and ISO_DATE.fullmatch(value)):
        return value
    raise ValueError("a date as YYYY-MM-DD, e.g. 2027-03-01")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_text)]
