"""token version

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 23:15:00

Every access token carries its user's token version; changing a password or an administrator
revoking a user's sessions raises it, and older tokens are refused from then on.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        'users',
        sa.Column('token_version', sa.Integer(), server_default=sa.text('0'), nullable=False),
    )


def downgrade() -> None:
    op.drop_column('users', 'token_version')
