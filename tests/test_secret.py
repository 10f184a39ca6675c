"""scripts/secret.py: each installation gets a JWT_SECRET of its own, once, outside git."""

import stat
import subprocess
import sys

from core.config import Settings
from tests.support.processes import ROOT


def secret(directory) -> tuple[str, str]:
    env = {"PATH": "/usr/bin:/bin"}  # no JWT_SECRET in the environment
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "secret.py"), str(directory)],
                         capture_output=True, text=True, env=env, check=True)  # fmt: skip
    return run.stdout, (directory / ".env").read_text()


def test_a_random_secret_is_written_once_and_kept(tmp_path):
    (tmp_path / ".env").write_text("CURRENCY=GBP\n")
    said, first = secret(tmp_path)
    assert said.startswith("wrote a new JWT_SECRET")
    assert first.startswith("CURRENCY=GBP\n")
    value = first.split("JWT_SECRET=")[1].strip()
    assert Settings(environment="production", jwt_secret=value).secret_problem() is None
    assert stat.S_IMODE((tmp_path / ".env").stat().st_mode) == 0o600
    said, again = secret(tmp_path)
    assert (said, again) == ("", first)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _, other = secret(elsewhere)
    assert other.split("JWT_SECRET=")[1] != first.split("JWT_SECRET=")[1]


def test_the_env_file_is_never_committed():
    ignored = subprocess.run(["git", "check-ignore", ".env"], cwd=ROOT, capture_output=True)
    assert ignored.returncode == 0
