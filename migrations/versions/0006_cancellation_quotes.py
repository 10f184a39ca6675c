"""cancellation quotes

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 13:00:00

Cancelling an order takes two steps: a quote of the refund under the fare rules, then its
confirmation. A quote expires and is used at most once.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'cancellation_quotes',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('order_id', sa.Uuid(), nullable=False),
        sa.Column('refund_amount', sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('refunded_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
        sa.ForeignKeyConstraint(['order_id'], ['orders.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_cancellation_quotes_order', 'cancellation_quotes', ['order_id'])


def downgrade() -> None:
    op.drop_index('ix_cancellation_quotes_order', table_name='cancellation_quotes')
    op.drop_table('cancellation_quotes')
