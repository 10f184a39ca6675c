"""usernames unique in any case

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 23:45:00

"Alice_D" and "alice_d" are one account from now on: the index on lower(username) becomes
unique. Accounts that already clash cannot be merged by a migration: it stops and names them,
so that an administrator renames all but one of each group and runs it again.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    clashes = op.get_bind().execute(sa.text(
        "SELECT string_agg(username, ', ' ORDER BY created_at) FROM users "
        "GROUP BY lower(username) HAVING count(*) > 1"
    )).scalars().all()
    if clashes:
        raise RuntimeError(
            "usernames that differ only in case must be made distinct first (rename all but one "
            "of each group, e.g. UPDATE users SET username = 'alice_d2' WHERE username = "
            "'Alice_D'): " + "; ".join(clashes)
        )
    op.drop_index('ix_users_username_lower', table_name='users')
    op.create_index('ux_users_username_lower', 'users', [sa.text('lower(username)')], unique=True)


def downgrade() -> None:
    op.drop_index('ux_users_username_lower', table_name='users')
    op.create_index('ix_users_username_lower', 'users', [sa.text('lower(username)')])
