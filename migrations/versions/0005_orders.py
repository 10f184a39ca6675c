"""orders, passengers and tickets; bookings become the segments of orders

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 12:00:00

Every existing booking becomes a one-segment order with the booking's id, status and price, no
passenger names (they keep working) and a record locator of its own. Bookings gain the statuses
HELD and EXPIRED, and the allocator's queue holds only the segments that decide their order.

An order's status is its segments' status: a trigger copies every change of a booking's status
(and failure reason and decision time) to its order, so that no path that decides, settles or
cancels bookings can leave the two apart.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ORDER_STATUSES = "'PENDING', 'HELD', 'CONFIRMED', 'FAILED', 'EXPIRED', 'CANCELLED'"
BOOKING_STATUSES = "'PENDING', 'HELD', 'CONFIRMED', 'CANCELLED', 'FAILED', 'EXPIRED'"
# Record locators: six characters from an alphabet without look-alikes (no 0/O, 1/I).
NEW_LOCATOR = (
    "translate(upper(substr(md5(random()::text || clock_timestamp()::text), 1, 6)), "
    "'01', 'WX')"
)


SYNC_FUNCTION = """
CREATE FUNCTION sync_order_status() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE orders SET status = NEW.status, failure_reason = NEW.failure_reason,
                      decided_at = coalesce(NEW.decided_at, decided_at), updated_at = now()
    WHERE id = NEW.order_id
      AND (status, failure_reason, decided_at)
          IS DISTINCT FROM (NEW.status, NEW.failure_reason, coalesce(NEW.decided_at, decided_at));
    RETURN NULL;
END $$
"""


def upgrade() -> None:
    op.create_table(
        'orders',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('seq', sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column('user_id', sa.Uuid(), nullable=False),
        sa.Column('locator', sa.Text(), nullable=False),
        sa.Column('contact_email', sa.Text(), nullable=True),
        sa.Column('status', sa.Text(), server_default='PENDING', nullable=False),
        sa.Column('hold', sa.Boolean(), server_default=sa.text('false'), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('total_price', sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column('failure_reason', sa.Text(), nullable=True),
        sa.Column('payment_ref', sa.Text(), nullable=True),
        sa.Column('idempotency_key', sa.Text(), nullable=True),
        sa.Column('request_hash', sa.Text(), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.CheckConstraint(f"status IN ({ORDER_STATUSES})", name='status_valid'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('user_id', 'idempotency_key', name='orders_user_idempotency_key'),
    )
    # Existing bookings: one order each, with the booking's id, in their arrival order.
    op.execute(
        f"""
        INSERT INTO orders (id, seq, user_id, locator, status, total_price, failure_reason,
                            payment_ref, decided_at, created_at, updated_at)
        SELECT id, seq, user_id, {NEW_LOCATOR}, status, total_price, failure_reason, payment_ref,
               decided_at, created_at, updated_at
        FROM bookings ORDER BY seq
        """
    )
    op.execute(
        f"""
        DO $$
        BEGIN
            WHILE EXISTS (SELECT 1 FROM orders GROUP BY locator HAVING count(*) > 1) LOOP
                UPDATE orders SET locator = {NEW_LOCATOR}
                WHERE id IN (
                    SELECT id FROM (
                        SELECT id, row_number() OVER (PARTITION BY locator ORDER BY seq) AS n
                        FROM orders
                    ) numbered WHERE n > 1
                );
            END LOOP;
        END $$
        """
    )
    op.execute(
        "SELECT setval(pg_get_serial_sequence('orders', 'seq'), "
        "coalesce((SELECT max(seq) FROM orders), 0) + 1, false)"
    )
    op.execute("ALTER TABLE orders ALTER COLUMN seq SET GENERATED ALWAYS")
    op.create_unique_constraint('orders_locator_key', 'orders', ['locator'])
    op.create_index('ix_orders_user_created', 'orders', ['user_id', 'created_at'])
    op.create_index(
        'ix_orders_held_expiry', 'orders', ['expires_at'], postgresql_where=sa.text("status = 'HELD'")
    )
    op.create_table(
        'passengers',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('order_id', sa.Uuid(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('given_name', sa.Text(), nullable=False),
        sa.Column('family_name', sa.Text(), nullable=False),
        sa.Column('type', sa.Text(), nullable=False),
        sa.Column('date_of_birth', sa.Date(), nullable=True),
        sa.CheckConstraint("type IN ('ADULT', 'CHILD', 'INFANT')", name='type_valid'),
        sa.ForeignKeyConstraint(['order_id'], ['orders.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('order_id', 'position', name='passengers_order_position_key'),
    )

    op.add_column('bookings', sa.Column('order_id', sa.Uuid(), nullable=True))
    op.add_column(
        'bookings',
        sa.Column('decides_order', sa.Boolean(), server_default=sa.text('true'), nullable=False),
    )
    op.execute("UPDATE bookings SET order_id = id")
    op.alter_column('bookings', 'order_id', nullable=False)
    op.create_foreign_key('bookings_order_id_fkey', 'bookings', 'orders', ['order_id'], ['id'])
    op.create_index('ix_bookings_order', 'bookings', ['order_id'])
    op.drop_constraint('status_valid', 'bookings', type_='check')
    op.create_check_constraint('status_valid', 'bookings', f"status IN ({BOOKING_STATUSES})")
    op.drop_index('ix_bookings_pending_by_flight', table_name='bookings')
    op.create_index(
        'ix_bookings_pending_by_flight', 'bookings', ['flight_id', 'seq'],
        postgresql_where=sa.text("status = 'PENDING' AND decides_order"),
    )
    op.drop_index('ix_bookings_live_by_flight', table_name='bookings')
    op.create_index(
        'ix_bookings_live_by_flight', 'bookings', ['flight_id'],
        postgresql_where=sa.text("status IN ('PENDING', 'HELD', 'CONFIRMED')"),
    )

    op.execute(SYNC_FUNCTION)
    op.execute(
        "CREATE TRIGGER bookings_sync_order AFTER INSERT OR UPDATE OF status, failure_reason, "
        "decided_at ON bookings FOR EACH ROW EXECUTE FUNCTION sync_order_status()"
    )

    op.create_table(
        'tickets',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('order_id', sa.Uuid(), nullable=False),
        sa.Column('passenger_id', sa.Uuid(), nullable=False),
        sa.Column('booking_id', sa.Uuid(), nullable=False),
        sa.Column('number', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.ForeignKeyConstraint(['order_id'], ['orders.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['passenger_id'], ['passengers.id']),
        sa.ForeignKeyConstraint(['booking_id'], ['bookings.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('number', name='tickets_number_key'),
        sa.UniqueConstraint('passenger_id', 'booking_id', name='tickets_passenger_booking_key'),
    )


def downgrade() -> None:
    op.drop_table('tickets')
    op.execute("DROP TRIGGER bookings_sync_order ON bookings")
    op.execute("DROP FUNCTION sync_order_status()")
    op.drop_index('ix_bookings_live_by_flight', table_name='bookings')
    op.create_index(
        'ix_bookings_live_by_flight', 'bookings', ['flight_id'],
        postgresql_where=sa.text("status IN ('PENDING', 'CONFIRMED')"),
    )
    op.drop_index('ix_bookings_pending_by_flight', table_name='bookings')
    op.create_index(
        'ix_bookings_pending_by_flight', 'bookings', ['flight_id', 'seq'],
        postgresql_where=sa.text("status = 'PENDING'"),
    )
    op.drop_constraint('status_valid', 'bookings', type_='check')
    op.create_check_constraint(
        'status_valid', 'bookings', "status IN ('PENDING', 'CONFIRMED', 'CANCELLED', 'FAILED')"
    )
    op.drop_index('ix_bookings_order', table_name='bookings')
    op.drop_constraint('bookings_order_id_fkey', 'bookings', type_='foreignkey')
    op.drop_column('bookings', 'decides_order')
    op.drop_column('bookings', 'order_id')
    op.drop_table('passengers')
    op.drop_index('ix_orders_held_expiry', table_name='orders')
    op.drop_index('ix_orders_user_created', table_name='orders')
    op.drop_table('orders')
