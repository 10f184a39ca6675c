"""Give this installation its own JWT_SECRET, once: written to `.env` (kept out of git, read by
the API and by docker compose) unless the environment or `.env` already has one.

    python scripts/secret.py [DIRECTORY]     # default: the repository
"""

import os
import secrets
import sys
from pathlib import Path


def ensure_secret(directory: Path) -> bool:
    """Whether a secret was written (False: one was already set)."""
    env = directory / ".env"
    lines = env.read_text().splitlines() if env.exists() else []
    if os.environ.get("JWT_SECRET") or any(line.startswith("JWT_SECRET=") for line in lines):
        return False
    lines += ["# Signs logins; generated once for this installation. Never commit it.",
              f"JWT_SECRET={secrets.token_urlsafe(48)}"]  # fmt: skip
    env.write_text("\n".join(lines) + "\n")
    env.chmod(0o600)
    return True


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]
    if ensure_secret(root):
        print(f"wrote a new JWT_SECRET to {root / '.env'}")
