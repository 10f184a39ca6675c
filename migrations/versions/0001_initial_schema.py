"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-24 15:18:40.286159
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('flights',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('flight_number', sa.Text(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('destination', sa.Text(), nullable=False),
    sa.Column('departure_ts', sa.DateTime(timezone=True), nullable=False),
    sa.Column('arrival_ts', sa.DateTime(timezone=True), nullable=False),
    sa.Column('total_seats', sa.Integer(), nullable=False),
    sa.Column('available_seats', sa.Integer(), nullable=False),
    sa.Column('price', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('status', sa.Text(), server_default='SCHEDULED', nullable=False),
    sa.Column('version', sa.BigInteger(), server_default=sa.text('1'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("status IN ('SCHEDULED', 'CANCELLED')", name='status_valid'),
    sa.CheckConstraint('arrival_ts > departure_ts', name='arrival_after_departure'),
    sa.CheckConstraint('available_seats BETWEEN 0 AND total_seats', name='available_seats_in_range'),
    sa.CheckConstraint('price >= 0', name='price_not_negative'),
    sa.CheckConstraint('source <> destination', name='source_not_destination'),
    sa.CheckConstraint('total_seats > 0', name='total_seats_positive'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('flight_number', 'departure_ts', name='flights_number_departure_key')
    )
    op.create_index('ix_flights_route_departure', 'flights', ['source', 'destination', 'departure_ts'], unique=False)
    op.create_table('users',
    sa.Column('username', sa.Text(), nullable=False),
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('hashed_password', sa.Text(), nullable=False),
    sa.Column('is_admin', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('username')
    )
    op.create_table('bookings',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.BigInteger(), sa.Identity(always=True), nullable=False),
    sa.Column('user_id', sa.Uuid(), nullable=False),
    sa.Column('flight_id', sa.Uuid(), nullable=False),
    sa.Column('seats', sa.Integer(), nullable=False),
    sa.Column('status', sa.Text(), server_default='PENDING', nullable=False),
    sa.Column('unit_price', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('total_price', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('payment_ref', sa.Text(), nullable=True),
    sa.Column('failure_reason', sa.Text(), nullable=True),
    sa.Column('idempotency_key', sa.Text(), nullable=True),
    sa.Column('request_hash', sa.Text(), nullable=True),
    sa.Column('cancel_requested_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("status IN ('PENDING', 'CONFIRMED', 'CANCELLED', 'FAILED')", name='status_valid'),
    sa.CheckConstraint('seats BETWEEN 1 AND 9', name='seats_in_range'),
    sa.ForeignKeyConstraint(['flight_id'], ['flights.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'idempotency_key', name='bookings_user_idempotency_key')
    )
    op.create_index('ix_bookings_pending_by_flight', 'bookings', ['flight_id', 'seq'], unique=False, postgresql_where=sa.text("status = 'PENDING'"))
    op.create_index('ix_bookings_user_created', 'bookings', ['user_id', 'created_at'], unique=False)
    op.create_table('import_jobs',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_by', sa.Uuid(), nullable=True),
    sa.Column('filename', sa.Text(), nullable=False),
    sa.Column('size_bytes', sa.BigInteger(), nullable=False),
    sa.Column('dry_run', sa.Boolean(), server_default=sa.text('false'), nullable=False),
    sa.Column('status', sa.Text(), server_default='QUEUED', nullable=False),
    sa.Column('total_rows', sa.Integer(), nullable=True),
    sa.Column('processed_rows', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('inserted_rows', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('updated_rows', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('rejected_rows', sa.Integer(), server_default=sa.text('0'), nullable=False),
    sa.Column('errors', postgresql.JSONB(astext_type=sa.Text()), server_default=sa.text("'[]'::jsonb"), nullable=False),
    sa.Column('error_message', sa.Text(), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')", name='status_valid'),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_import_jobs_created', 'import_jobs', ['created_at'], unique=False)
    op.create_table('import_file_chunks',
    sa.Column('job_id', sa.Uuid(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['job_id'], ['import_jobs.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('job_id', 'seq')
    )
    op.create_table('import_rejections',
    sa.Column('job_id', sa.Uuid(), nullable=False),
    sa.Column('line', sa.Integer(), nullable=False),
    sa.Column('column', sa.Text(), nullable=True),
    sa.Column('value', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('raw', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['job_id'], ['import_jobs.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('job_id', 'line')
    )


def downgrade() -> None:
    op.drop_table('import_rejections')
    op.drop_table('import_file_chunks')
    op.drop_index('ix_import_jobs_created', table_name='import_jobs')
    op.drop_table('import_jobs')
    op.drop_index('ix_bookings_user_created', table_name='bookings')
    op.drop_index('ix_bookings_pending_by_flight', table_name='bookings', postgresql_where=sa.text("status = 'PENDING'"))
    op.drop_table('bookings')
    op.drop_table('users')
    op.drop_index('ix_flights_route_departure', table_name='flights')
    op.drop_table('flights')
