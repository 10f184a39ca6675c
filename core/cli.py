"""Administration commands.

python -m core.cli create-admin USERNAME [--password-stdin]
python -m core.cli load-flights PATH [--if-empty]
python -m core.cli check-invariants [--undecided-after SECONDS]
"""

import argparse
import getpass
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pydantic import ValidationError
from sqlmodel import col, func, select

from core.bookings.invariants import check
from core.db import session_scope
from core.errors import DomainError
from core.flights.models import Flight
from core.imports.job import fail_job, run_import
from core.imports.models import ImportJob, ImportStatus
from core.imports.upload import store_file
from core.users.schemas import UserRegister
from core.users.service import create_user, get_user_by_username, set_admin


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass("Password: ")
    if password != getpass.getpass("Repeat password: "):
        raise SystemExit("the passwords do not match")
    return password


def create_admin(username: str, *, password_stdin: bool) -> str:
    """Make USERNAME an admin: promote the account if it exists, else create it with a password."""
    with session_scope() as session:
        if get_user_by_username(session, username=username) is not None:
            set_admin(session, username=username)
            return f"{username} is now an administrator"
        try:
            body = UserRegister(username=username, password=_read_password(password_stdin))
        except ValidationError as error:
            raise SystemExit("; ".join(e["msg"] for e in error.errors())) from error
        create_user(session, username=body.username, password=body.password, is_admin=True)
        return f"created administrator {username}"


def load_flights(path: Path, *, if_empty: bool, if_fewer_to_depart: int = 0) -> str:
    """Import a CSV file through the same job as an upload, run here instead of by a worker:
    always, or only into an empty database, or only when fewer than `if_fewer_to_depart`
    flights are still to depart."""
    with session_scope() as session:
        if if_empty and session.exec(select(func.count()).select_from(Flight)).one() > 0:
            return "flights already loaded"
        upcoming = (
            select(func.count())
            .select_from(Flight)
            .where(col(Flight.departure_ts) > datetime.now(UTC))
        )
        if if_fewer_to_depart and (waiting := session.exec(upcoming).one()) >= if_fewer_to_depart:
            return f"{waiting} flights still to depart: none loaded"
        with path.open("rb") as file:
            job_id = store_file(session, file=file, filename=path.name, created_by=None).id
    try:
        run_import(job_id=job_id)
    except BaseException as error:
        fail_job(job_id=job_id, reason=f"the import stopped: {error}")
        raise
    with session_scope() as session:
        done = session.get_one(ImportJob, job_id)
        if done.status != ImportStatus.SUCCEEDED:
            raise SystemExit(f"could not load {path}: {done.error_message}")
        report = (
            f"loaded {done.inserted_rows + done.updated_rows} flights from {path} "
            f"({done.inserted_rows} new, {done.updated_rows} updated, "
            f"{done.rejected_rows} rejected)"
        )
        for row in done.errors[:10]:
            report += f"\n  line {row['line']}: {row['reason']}"
    return report


def check_invariants(*, undecided_after: float) -> tuple[bool, str]:
    """Check the invariants over the whole database: whether they hold, and the report."""
    with session_scope() as session:
        flights = session.exec(select(func.count()).select_from(Flight)).one()
        report = check(session, undecided_after=timedelta(seconds=undecided_after))
    if report.ok:
        return True, f"invariants hold over {flights} flights"
    problems = report.lines()
    return False, "\n".join([f"invariants violated ({len(problems)}):", *problems])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m core.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    admin = commands.add_parser("create-admin", help="create an administrator, or promote a user")
    admin.add_argument("username")
    admin.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    load = commands.add_parser("load-flights", help="load flights from a CSV file in seed format")
    load.add_argument("path", type=Path)
    load.add_argument("--if-empty", action="store_true", help="only if there are no flights yet")
    load.add_argument(
        "--if-fewer-to-depart",
        type=int,
        default=0,
        metavar="N",
        help="only if fewer than N flights are still to depart",
    )
    invariants = commands.add_parser(
        "check-invariants", help="check that every flight's seats add up; exit 1 if not"
    )
    invariants.add_argument(
        "--undecided-after",
        type=float,
        default=60,
        metavar="SECONDS",
        help="a booking PENDING (or a cancel not done) this long after it was asked for is a "
        "violation too (default 60)",
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "create-admin":
            print(create_admin(args.username, password_stdin=args.password_stdin))
        elif args.command == "load-flights":
            print(
                load_flights(
                    args.path, if_empty=args.if_empty, if_fewer_to_depart=args.if_fewer_to_depart
                )
            )
        else:
            ok, report = check_invariants(undecided_after=args.undecided_after)
            print(report)
            if not ok:
                raise SystemExit(1)
    except DomainError as error:
        raise SystemExit(str(error)) from error


if __name__ == "__main__":
    main()
