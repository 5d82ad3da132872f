"""zhenggai.tables: the CSV tables of the CLI, as DataFrames."""

from __future__ import annotations

import csv
import decimal
import io
import json
import math
import sys
from typing import Any, List

import pandas
import pytest

import zhenggai
from conftest import run_cli

TABLES = ["notices", "issues", "measures", "quantities", "dates", "metrics"]


@pytest.fixture(scope="module")
def corpus_tables():
    return zhenggai.tables(zhenggai.parse_many(["corpus"]))


def cli_table(cli: str, table: str, *inputs: str) -> List[List[str]]:
    output = run_cli(cli, "parse", "--quiet", "--format", "csv", "--table", table, *inputs)
    return list(csv.reader(io.StringIO(output)))


def csv_text(value: Any) -> str:
    """A DataFrame cell as the CLI's CSV writes it (the corpus has no text a
    spreadsheet would read as a formula)."""
    if value is None or value is pandas.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def test_the_tables_are_the_clis_csv_tables_cell_for_cell(cli, corpus_tables):
    assert list(corpus_tables) == TABLES
    for name in TABLES:
        header, *rows = cli_table(cli, name, "corpus")
        frame = corpus_tables[name]
        assert list(frame.columns) == header, name
        assert len(frame) == len(rows), name
        cells = [[csv_text(value) for value in row] for row in frame.astype(object).itertuples(index=False)]
        assert cells == rows, name


def test_issues_has_one_row_per_issue_of_the_corpus_with_its_publisher(corpus_tables, facts):
    issues = corpus_tables["issues"]
    records = list(zhenggai.parse_many(["corpus"]))
    assert len(issues) == sum(len(record["issues"]) for record in records) == 241
    checked = 0
    for notice, fact in facts.items():
        if "issues" not in fact:
            continue  # a document whose issues nobody counted (an audit report, news)
        rows = issues[issues["path"] == f"corpus/{notice}"]
        assert len(rows) == len(fact["issues"]), notice
        # Each fact an issue states (all keys are optional in facts files).
        for row, issue in zip(rows.astype(object).to_dict("records"), fact["issues"]):
            stated = {key: None if csv_text(row[key]) == "" else row[key] for key in ("node", "number", "problem", "heading")}
            assert {key: issue[key] for key in stated if key in issue} == {
                key: value for key, value in stated.items() if key in issue
            }, notice
            if "measures" in issue:
                assert row["measures"] == len(issue["measures"]), notice
        if "publisher" in fact:
            assert set(rows["publisher"]) <= {fact["publisher"]}, notice
        checked += len(fact["issues"])
    # 235 issues read off the notices by hand; the other 6 are in documents
    # that are no rectification notices (unchecked).
    assert checked == 235
    seed = issues[issues["path"] == "corpus/lishui-fulian-2025-xuncha-sloppy-traditional.txt"]
    assert len(seed) == 5 and set(seed["publisher"]) == {"中共麗水市婦女聯合會黨組"}
    assert set(seed["target"]) == {"市婦聯黨組"} and set(seed["genre"]) == {"rectification_notice"}


def test_columns_have_types_for_analysis(corpus_tables):
    quantities = corpus_tables["quantities"]
    assert str(quantities["span_start"].dtype) == "Int64"
    assert quantities["value"].dtype == "float64"
    assert corpus_tables["dates"]["relative"].dtype == bool
    seed = quantities[quantities["path"] == "corpus/lishui-fulian-2025-xuncha-sloppy-traditional.txt"]
    assert seed.loc[seed["kind"] == "money", "value"].tolist() == [4000000.0]
    # A sum's parts are its parts' values, `a + b`, and add up to its value.
    metrics = corpus_tables["metrics"]
    sums = metrics[metrics["parts"].notna()]
    assert len(sums) > 0
    for parts, value in zip(sums["parts"], sums["value"]):
        assert math.isclose(sum(decimal.Decimal(part) for part in parts.split(" + ")), value), parts
    # Days are ISO text, as in the records (a notice may state a month only).
    dates = corpus_tables["dates"]
    assert dates["start"].dropna().str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()
    assert (corpus_tables["notices"]["published"].dropna().str.match(r"\d{4}-\d{2}")).all()
    notices = corpus_tables["notices"]
    assert str(notices["issues"].dtype) == "Int64" and notices["completion_rate"].dtype == "float64"


def test_error_records_are_rows_of_the_notices_table_only(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    records = [zhenggai.parse("corpus/lishui-fulian-2025-xuncha-sloppy-traditional.txt"), zhenggai.parse(empty)]
    frames = zhenggai.tables(iter(records))
    notices = frames["notices"]
    assert list(notices["status"]) == ["ok", "error"]
    assert notices["error"].iloc[1].startswith("empty_input: ")
    assert notices["issues"].isna().tolist() == [False, True]
    for name in TABLES[1:]:
        assert set(frames[name]["path"]) <= {records[0]["source"]["path"]}, name
    assert len(frames["issues"]) == 5


def test_records_read_back_from_the_cli_give_the_same_tables(cli, corpus_tables):
    output = run_cli(cli, "parse", "--quiet", "--format", "ndjson", "corpus")
    # Plain json.loads: fractions as floats, which read back to the same values.
    frames = zhenggai.tables(json.loads(line) for line in output.splitlines())
    for name in TABLES:
        pandas.testing.assert_frame_equal(frames[name], corpus_tables[name])
    one = zhenggai.tables(zhenggai.parse("corpus/lishui-fulian-2025-xuncha-sloppy-traditional.txt"))
    assert len(one["notices"]) == 1 and len(one["issues"]) == 5


def test_no_records_are_empty_tables_with_their_columns(cli):
    frames = zhenggai.tables([])
    for name in TABLES:
        assert len(frames[name]) == 0
        assert list(frames[name].columns) == cli_table(cli, name, "corpus/lishui-fulian-2025-xuncha-sloppy-traditional.txt")[0]


def test_what_is_not_a_record_is_a_type_or_value_error():
    with pytest.raises(TypeError, match=r"records\[1\] must be a record"):
        zhenggai.tables([zhenggai.parse(b"\xe5\x85\xb3\xe4\xba\x8e\n"), "corpus"])
    with pytest.raises(ValueError, match=r"records\[0\]: not a zhenggai record"):
        zhenggai.tables([{"title": "x"}])
    with pytest.raises(TypeError, match="records must be"):
        zhenggai.tables(42)  # type: ignore[arg-type]


def test_without_pandas_the_error_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        zhenggai.tables([])
