"""seats sold outside Skyqueue, flight times within a window

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 10:00:00

A flight may come with seats already sold elsewhere (the seed's and a CSV's total minus
available). Recording them makes the seat invariant exact for every flight:
total_seats = available_seats + seats_sold_outside + seats of CONFIRMED bookings. Existing
flights get what their seats say was sold beyond their confirmed bookings.

Flight times must lie from 2000-01-01 up to 2100-01-01 (UTC), as the API and the import check:
a time near year 1 or 9999 cannot be shown in every zone. The constraint is added NOT VALID:
enforced from now on, without failing the upgrade of a database that already holds such a row.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        'flights',
        sa.Column('seats_sold_outside', sa.Integer(), server_default=sa.text('0'), nullable=False),
    )
    op.execute(
        """
        UPDATE flights f
        SET seats_sold_outside = f.total_seats - f.available_seats - confirmed.seats
        FROM (
            SELECT f2.id, coalesce(sum(b.seats) FILTER (WHERE b.status = 'CONFIRMED'), 0) AS seats
            FROM flights f2 LEFT JOIN bookings b ON b.flight_id = f2.id
            GROUP BY f2.id
        ) confirmed
        WHERE confirmed.id = f.id AND f.total_seats - f.available_seats - confirmed.seats > 0
        """
    )
    op.create_check_constraint(
        'seats_sold_outside_in_range',
        'flights',
        'seats_sold_outside BETWEEN 0 AND total_seats - available_seats',
    )
    op.execute(
        "ALTER TABLE flights ADD CONSTRAINT times_in_window CHECK "
        "(departure_ts >= '2000-01-01T00:00Z' AND arrival_ts < '2100-01-01T00:00Z') NOT VALID"
    )


def downgrade() -> None:
    op.drop_constraint('times_in_window', 'flights', type_='check')
    op.drop_constraint('seats_sold_outside_in_range', 'flights', type_='check')
    op.drop_column('flights', 'seats_sold_outside')
