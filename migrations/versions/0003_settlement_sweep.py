"""settlement sweep indexes, unsent import jobs

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 10:00:00.000000

The indexes are built CONCURRENTLY (outside a transaction) so that bookings and flights stay
writable while they are built on a large table.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        'import_jobs',
        sa.Column('unsent', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    )
    with op.get_context().autocommit_block():
        op.create_index(
            'ix_bookings_live_by_flight',
            'bookings',
            ['flight_id'],
            unique=False,
            postgresql_where=sa.text("status IN ('PENDING', 'CONFIRMED')"),
            postgresql_concurrently=True,
        )
        op.create_index(
            'ix_flights_cancelled',
            'flights',
            ['updated_at'],
            unique=False,
            postgresql_where=sa.text("status = 'CANCELLED'"),
            postgresql_concurrently=True,
        )


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index('ix_flights_cancelled', table_name='flights', postgresql_concurrently=True)
        op.drop_index(
            'ix_bookings_live_by_flight', table_name='bookings', postgresql_concurrently=True
        )
    op.drop_column('import_jobs', 'unsent')
