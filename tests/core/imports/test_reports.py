"""The rejected rows as a spreadsheet opens them: formulas neutralised, every cell kept."""

import csv
import io

import pytest

from core.imports.job import run_import
from core.imports.reports import neutralised, rejections_csv
from core.imports.upload import safe_filename
from tests.support.flight_csv import HEADER, flight_row, store_job


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=1+2", "'=1+2"),
        ("+44", "'+44"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("BA117", "BA117"),
        ("", ""),
    ],
)
def test_a_cell_a_spreadsheet_would_run_gets_a_leading_quote(cell, shown):
    assert neutralised(cell) == shown


def test_the_errors_csv_neutralises_formulas_and_keeps_every_other_cell(committed):
    bad = flight_row(2).split(",")
    bad[0], bad[5] = '=HYPERLINK("http://evil")', "@SUM(1)"
    out = io.StringIO()
    rows = [HEADER.split(","), flight_row(1).split(","), bad]
    csv.writer(out, lineterminator="\n").writerows(rows)
    job_id = store_job(committed, out.getvalue().encode())

    run_import(job_id=job_id)

    rows = list(csv.reader(io.StringIO("".join(rejections_csv(job_id=job_id)))))
    assert len(rows) == 2
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'
    assert rows[1][5] == "'@SUM(1)"
    assert rows[1][1:5] == bad[1:5]
    assert rows[1][-2] == "3"  # the line, then the reason


@pytest.mark.parametrize(
    ("uploaded", "stored"),
    [
        ("flights.csv", "flights.csv"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\ana\\vols été.csv", "vols été.csv"),
        ("a\x00b\r\n.csv", "a_b__.csv"),
        ('<script>"x".csv', "_script__x_.csv"),
        ("...", "upload.csv"),
        ("x" * 300 + ".csv", "x" * 100),
    ],
)
def test_upload_file_names_are_reduced_to_a_safe_base_name(uploaded, stored):
    assert safe_filename(uploaded) == stored
