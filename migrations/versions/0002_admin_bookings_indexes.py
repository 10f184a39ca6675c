"""indexes for the admin bookings listing

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 10:00:00

Newest first over all bookings and over one flight's, and usernames whatever their case. Built
CONCURRENTLY, outside the migration's transaction, so that bookings keep being recorded while
the indexes of a large table are built.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.get_context().autocommit_block():
        op.create_index('ix_bookings_created', 'bookings', ['created_at', 'seq'], unique=False, postgresql_concurrently=True)
        op.create_index('ix_bookings_flight_created', 'bookings', ['flight_id', 'created_at', 'seq'], unique=False, postgresql_concurrently=True)
        op.create_index('ix_users_username_lower', 'users', [sa.text('lower(username)')], unique=False, postgresql_concurrently=True)


def downgrade() -> None:
    with op.get_context().autocommit_block():
        op.drop_index('ix_users_username_lower', table_name='users', postgresql_concurrently=True)
        op.drop_index('ix_bookings_flight_created', table_name='bookings', postgresql_concurrently=True)
        op.drop_index('ix_bookings_created', table_name='bookings', postgresql_concurrently=True)
