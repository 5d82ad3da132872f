"""zhenggai.parse_many: the CLI's batch — its walk, its order, its error records."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest

import zhenggai
from conftest import ROOT, canonical, cli_records

SEED = "corpus/lishui-fulian-2025-xuncha-sloppy-traditional.txt"


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_corpus_gives_the_clis_records_in_the_clis_order(cli, jobs):
    expected = cli_records(cli, "--jobs", str(jobs), "corpus")
    records = list(zhenggai.parse_many(["corpus"], jobs=jobs))
    assert len(records) == len(expected) == 52
    assert [record["source"]["path"] for record in records] == [record["source"]["path"] for record in expected]
    for record, wanted in zip(records, expected):
        assert canonical(record) == canonical(wanted), wanted["source"]["path"]


def test_extensions_and_options_as_the_cli_takes_them(cli):
    expected = cli_records(cli, "--ext", "json", "--to", "traditional", "corpus")
    records = list(zhenggai.parse_many("corpus", ext=[".json"], to="traditional"))
    paths = [record["source"]["path"] for record in records]
    # The facts files and the portal's JSON list: JSON documents to parse.
    assert len(paths) == 54 and paths[-1] == "corpus/yanbo-county-2024-column-api.json"
    assert all(path.startswith("corpus/facts/") for path in paths[:-1])
    assert [canonical(record) for record in records] == [canonical(record) for record in expected]


def tree(root: Path) -> Path:
    """Notices, failures and things a walk skips, in nested folders."""
    (root / "b" / "c").mkdir(parents=True)
    shutil.copy(ROOT / SEED, root / "b" / "10.txt")
    shutil.copy(ROOT / SEED, root / "b" / "2.txt")
    shutil.copy(ROOT / "corpus/xinhe-district-2024-xunshi-shanghai-style.page.html", root / "b" / "c" / "page.HTML")
    (root / "a-empty.txt").write_bytes(b"")
    (root / "b" / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (root / "b" / "notes.pdf").write_bytes(b"%PDF-1.4")
    os.symlink(root / "nowhere.txt", root / "b" / "dangling.txt")
    return root


def test_walks_are_sorted_and_failures_are_error_records_in_place(tmp_path, cli):
    root = tree(tmp_path / "notices")
    single = tmp_path / "single.txt"
    shutil.copy(ROOT / SEED, single)
    arguments = [str(root), str(single), str(tmp_path / "missing.txt")]
    records = list(zhenggai.parse_many(arguments, jobs=2))
    # Name order, component by component; .pdf left out; named files as given.
    assert [(record["source"]["path"], record.get("error", {}).get("code")) for record in records] == [
        (f"{root}/a-empty.txt", "empty_input"),
        (f"{root}/b/10.txt", None),
        (f"{root}/b/2.txt", None),
        (f"{root}/b/binary.txt", "not_text"),
        (f"{root}/b/c/page.HTML", None),
        (f"{root}/b/dangling.txt", "io_error"),
        (str(single), None),
        (str(tmp_path / "missing.txt"), "io_error"),
    ]
    assert "dangling symbolic link" in records[5]["error"]["message"]
    assert records[4]["source"]["format"] == "html"
    expected = cli_records(cli, *arguments)
    assert [canonical(record) for record in records] == [canonical(record) for record in expected]


def test_strict_raises_at_the_first_error_record_after_the_records_before_it(tmp_path):
    root = tree(tmp_path / "notices")
    (root / "a-empty.txt").unlink()
    records = zhenggai.parse_many([root], strict=True)
    assert len(records) == 5
    first, second = next(records), next(records)
    assert [first["source"]["path"], second["source"]["path"]] == [f"{root}/b/10.txt", f"{root}/b/2.txt"]
    with pytest.raises(zhenggai.ParseError) as raised:
        next(records)
    assert (raised.value.code, raised.value.path) == ("not_text", f"{root}/b/binary.txt")


def test_a_batch_is_an_iterator_with_a_length_that_can_be_closed():
    records = zhenggai.parse_many(["corpus"])
    assert len(records) == 52
    assert iter(records) is records
    assert next(records)["source"]["path"] == "corpus/baishan-city-federation-2025-sloppy-half-converted.txt"
    records.close()
    with pytest.raises(StopIteration):
        next(records)
    with zhenggai.parse_many(["corpus"], jobs=1) as records:
        assert next(records)["issues"]
    assert list(records) == []
    assert list(zhenggai.parse_many([])) == []


def test_records_stream_they_are_not_collected_first(tmp_path):
    for index in range(400):
        shutil.copy(ROOT / SEED, tmp_path / f"notice{index:03}.txt")
    started = time.perf_counter()
    records = zhenggai.parse_many([tmp_path], jobs=2)
    next(records)
    first = time.perf_counter() - started
    rest = sum(1 for _ in records)
    total = time.perf_counter() - started
    assert rest == 399
    assert first < total / 4, (first, total)


def test_rust_works_without_the_gil(tmp_path):
    # A large notice with a small record: while Rust parses it (not while
    # its record becomes Python objects), another Python thread runs.
    big = tmp_path / "big.txt"
    big.write_bytes((ROOT / SEED).read_bytes() + "整改工作稳步推进，成效明显。\n".encode() * 200_000)
    for run in (lambda: zhenggai.parse(big), lambda: next(zhenggai.parse_many([big]))):
        done = threading.Event()
        result = {}

        def work() -> None:
            started = time.perf_counter()
            result["record"] = run()
            result["seconds"] = time.perf_counter() - started
            done.set()

        thread = threading.Thread(target=work)
        thread.start()
        ticks = [time.perf_counter()]
        while not done.is_set():
            ticks.append(time.perf_counter())
        thread.join()
        longest = max(later - earlier for earlier, later in zip(ticks, ticks[1:]))
        assert "error" not in result["record"]
        assert longest < result["seconds"] / 3, (longest, result["seconds"])


def test_bad_arguments_are_type_and_value_errors():
    with pytest.raises(ValueError, match="jobs=0"):
        zhenggai.parse_many(["corpus"], jobs=0)
    with pytest.raises(TypeError, match="jobs must be"):
        zhenggai.parse_many(["corpus"], jobs="2")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="paths must be"):
        zhenggai.parse_many(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"paths\[1\] must be a path"):
        zhenggai.parse_many(["corpus", 3])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="standard input"):
        zhenggai.parse_many(["-"])
    with pytest.raises(ValueError, match="to='x'"):
        zhenggai.parse_many(["corpus"], to="x")
    with pytest.raises(TypeError, match="follow must be a bool"):
        zhenggai.parse_many(["corpus"], follow=None)  # type: ignore[arg-type]
