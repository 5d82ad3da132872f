"""zhenggai.parse and zhenggai.Parser: one notice → the CLI's record, as dicts."""

from __future__ import annotations

import decimal
import json
import subprocess
from pathlib import Path

import pytest

import zhenggai
from conftest import ROOT, canonical, cli_records, run_cli

SEED = "corpus/lishui-fulian-2025-xuncha-sloppy-traditional.txt"


def test_the_seed_notice_has_its_five_issues_and_its_figures(facts):
    record = zhenggai.parse(SEED)
    fact = facts["lishui-fulian-2025-xuncha-sloppy-traditional.txt"]
    assert len(record["issues"]) == 5
    assert [issue["problem"] for issue in record["issues"]] == [issue["problem"] for issue in fact["issues"]]
    assert record["publisher"] == "中共麗水市婦女聯合會黨組" == fact["publisher"]
    assert record["source"]["path"] == SEED
    assert record["inspection"]["period"]["start"] == "2024-05-08"
    assert len(record["quantities"]) == 25 == len(fact["quantities"])
    # 400余萬元: an exact int, in 元.
    money = [quantity for quantity in record["quantities"] if quantity["kind"] == "money"]
    assert [(quantity["text"], quantity["value"], quantity["approx"]) for quantity in money] == [
        ("400余萬元", 4000000, "over")
    ]
    assert type(money[0]["value"]) is int
    assert {key: metric["value"] for key, metric in record["metrics"].items()} == fact["metrics"]


def test_fractions_are_exact_decimals_and_whole_numbers_ints(facts):
    record = zhenggai.parse("corpus/xishan-district-health-commission-2024-mixed-width.txt")
    rate = record["metrics"]["completion_rate"]["value"]
    assert rate == decimal.Decimal("81.25") and isinstance(rate, decimal.Decimal)
    assert facts["xishan-district-health-commission-2024-mixed-width.txt"]["metrics"]["completion_rate"] == 81.25
    values = [quantity["value"] for quantity in record["quantities"]]
    assert all(isinstance(value, (int, decimal.Decimal)) and not isinstance(value, bool) for value in values)


def test_every_corpus_file_parses_to_the_clis_record_byte_for_byte(cli):
    expected = cli_records(cli, "corpus", "corpus/yanbo-county-2024-column-api.json")
    assert len(expected) == 53
    for record in expected:
        path = record["source"]["path"]
        assert canonical(zhenggai.parse(path)) == canonical(record), path
        assert zhenggai.parse(Path(path)) == record, path


def test_options_give_the_clis_record(cli):
    arguments = ["--to", "simplified", "--with-text"]
    for path in [SEED, "corpus/xinhe-district-2024-xunshi-shanghai-style.page.html"]:
        (expected,) = cli_records(cli, *arguments, path)
        record = zhenggai.parse(path, to="simplified", with_text=True)
        assert canonical(record) == canonical(expected)
        assert record["title"] == "中共丽水市妇女联合会党组关于五届市委第四轮巡察整改进展情况的通报" or path != SEED
    # A page read as text, as `--html` is the only way to force the other way.
    (page,) = cli_records(cli, "corpus/xinhe-district-2024-xunshi-shanghai-style.page.html")
    assert page["source"]["format"] == "html"
    as_text = zhenggai.parse("corpus/xinhe-district-2024-xunshi-shanghai-style.page.html", html=False)
    assert as_text["source"]["format"] == "text"
    (gb,) = cli_records(cli, "--encoding", "gb18030", "corpus/huiyang-county-2024-xuncha-henan-style.gb18030.txt")
    record = zhenggai.parse("corpus/huiyang-county-2024-xuncha-henan-style.gb18030.txt", encoding="gb18030")
    assert canonical(record) == canonical(gb)


def test_bytes_and_text_parse_as_standard_input_does(cli):
    data = (ROOT / SEED).read_bytes()
    done = subprocess.run([cli, "parse", "--format", "ndjson", "-"], input=data, capture_output=True, check=True)
    expected = json.loads(done.stdout, parse_float=decimal.Decimal)
    assert expected["source"]["path"] is None
    assert canonical(zhenggai.parse(data)) == canonical(expected)
    assert canonical(zhenggai.parse(bytearray(data))) == canonical(expected)
    # Text (a str with line breaks) is its UTF-8 bytes.
    assert canonical(zhenggai.parse(data.decode("utf-8"))) == canonical(expected)


def test_json_dumps_writes_the_clis_line_back(cli):
    output = run_cli(cli, "parse", "--quiet", "--format", "ndjson", "corpus")
    for line in output.splitlines():
        record = zhenggai.parse(json.loads(line)["source"]["path"])
        assert json.dumps(record, default=float, ensure_ascii=False, separators=(",", ":")) == line


def test_an_input_that_cannot_be_read_is_an_error_record_or_with_strict_an_exception(tmp_path, cli):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    missing = tmp_path / "missing.txt"
    for path, code in [(empty, "empty_input"), (binary, "not_text"), (missing, "io_error")]:
        record = zhenggai.parse(str(path))
        assert record["error"]["code"] == code, record
        assert record["source"]["path"] == str(path)
        assert set(record) == {"schema_version", "source", "error"}
        (expected,) = cli_records(cli, str(path))
        assert canonical(record) == canonical(expected)
        with pytest.raises(zhenggai.ParseError) as raised:
            zhenggai.parse(str(path), strict=True)
        assert raised.value.code == code
        assert raised.value.path == str(path)
        assert raised.value.record == record
    assert zhenggai.parse(b"")["error"]["code"] == "empty_input"


def test_bad_arguments_are_type_and_value_errors(tmp_path):
    with pytest.raises(TypeError, match="source must be"):
        zhenggai.parse(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="to must be"):
        zhenggai.parse(SEED, to=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="to='klingon'"):
        zhenggai.parse(SEED, to="klingon")
    with pytest.raises(ValueError, match="shift_jis"):
        zhenggai.parse(SEED, encoding="shift_jis")
    with pytest.raises(TypeError, match="with_text must be a bool"):
        zhenggai.parse(SEED, with_text="yes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="html must be"):
        zhenggai.parse(SEED, html=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="is a directory: parse takes one notice, parse_many takes directories"):
        zhenggai.parse("corpus")
    with pytest.raises(TypeError):
        zhenggai.parse(SEED, "simplified")  # type: ignore[misc]


def test_a_parser_reads_edited_rules_and_user_words(tmp_path, cli):
    rules = tmp_path / "rules"
    run_cli(cli, "rules", "export", str(rules))
    units = rules / "units.toml"
    text = units.read_text(encoding="utf-8")
    tree = '    { surface = "棵", canonical = "棵", kind = "count", example = "补植行道树200棵" },\n'
    units.write_text(text.replace("unit = [\n", "unit = [\n" + tree, 1), encoding="utf-8")
    notice = "关于巡察整改进展情况的通报\n补植行道树200棵。\n"
    assert zhenggai.parse(notice)["quantities"] == []
    parser = zhenggai.Parser(rules_dir=rules)
    record = parser.parse(notice)
    assert [(quantity["text"], quantity["unit"], quantity["value"]) for quantity in record["quantities"]] == [
        ("200棵", "棵", 200)
    ]
    (expected,) = [
        json.loads(line, parse_float=decimal.Decimal)
        for line in subprocess.run(
            [cli, "parse", "--format", "ndjson", "--rules", str(rules), "-"],
            input=notice.encode(),
            capture_output=True,
            check=True,
        ).stdout.splitlines()
    ]
    assert canonical(record) == canonical(expected)
    words = tmp_path / "words.txt"
    words.write_text("行道树 100 n\n", encoding="utf-8")
    assert zhenggai.Parser(rules_dir=str(rules), user_dict=[words]).parse(notice)["quantities"][0]["text"] == "200棵"
    with pytest.raises(ValueError, match="missing.txt"):
        zhenggai.Parser(user_dict=tmp_path / "missing.txt")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "units.toml").write_text('unit = [ { surface = "棵" } ]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="units.toml"):
        zhenggai.Parser(rules_dir=broken)
    with pytest.raises(TypeError, match="user_dict must be"):
        zhenggai.Parser(user_dict=42)  # type: ignore[arg-type]


def test_the_schema_and_its_version_are_the_contracts():
    schema = json.loads(zhenggai.SCHEMA)
    assert zhenggai.SCHEMA_VERSION == zhenggai.parse(SEED)["schema_version"] == "1.1"
    assert schema["$schema"].startswith("https://json-schema.org/draft/2020-12")


def test_max_bytes_refuses_a_larger_notice_as_the_cli_does(cli):
    size = (ROOT / SEED).stat().st_size
    (expected,) = cli_records(cli, "--max-bytes", "1000", SEED)
    record = zhenggai.parse(SEED, max_bytes=1000)
    assert record["error"]["code"] == "too_large" and record["source"]["bytes"] == size
    assert canonical(record) == canonical(expected)
    assert zhenggai.parse((ROOT / SEED).read_bytes(), max_bytes=1000)["error"]["code"] == "too_large"
    # At the notice's own size it parses; the batch takes the limit too.
    assert len(zhenggai.parse(SEED, max_bytes=size)["issues"]) == 5
    (refused,) = zhenggai.parse_many([SEED], max_bytes=1000)
    assert canonical(refused) == canonical(expected)
    with pytest.raises(ValueError, match="max_bytes=0"):
        zhenggai.parse(SEED, max_bytes=0)
    with pytest.raises(TypeError, match="max_bytes must be"):
        zhenggai.parse(SEED, max_bytes="1k")  # type: ignore[arg-type]
