"""Fixtures of the Python package's tests: the checkout, the CLI, the facts.

The tests run in the checkout's root (records name their paths as given,
``corpus/…``, as the command line's do) and compare with the command line
built from the same checkout (``cargo build --bin zhenggai``, or the binary
in ``$ZHENGGAI_CLI``).
"""

from __future__ import annotations

import decimal
import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict, List

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def in_checkout(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture(scope="session")
def cli() -> str:
    """The zhenggai binary of this checkout."""
    given = os.environ.get("ZHENGGAI_CLI")
    if given:
        return given
    subprocess.run(["cargo", "build", "--quiet", "--bin", "zhenggai"], cwd=ROOT, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return str(target / "debug" / "zhenggai")


def run_cli(cli: str, *arguments: str, check: bool = True) -> str:
    """The CLI's standard output (exit 1, some input failed, is no failure)."""
    done = subprocess.run([cli, *arguments], cwd=ROOT, capture_output=True, text=True)
    if check and done.returncode not in (0, 1):
        raise AssertionError(f"zhenggai {' '.join(arguments)}: exit {done.returncode}: {done.stderr}")
    return done.stdout


def cli_records(cli: str, *arguments: str) -> List[Dict[str, Any]]:
    """The records of ``zhenggai parse --format ndjson``, read as the package reads them."""
    output = run_cli(cli, "parse", "--quiet", "--format", "ndjson", *arguments)
    return [json.loads(line, parse_float=decimal.Decimal) for line in output.splitlines()]


def canonical(record: Any) -> str:
    """A record as JSON with sorted keys; a Decimal as a string, so that a
    float where the CLI's record has a Decimal (or the reverse) differs."""
    return json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)


@pytest.fixture(scope="session")
def facts() -> Dict[str, Dict[str, Any]]:
    """The hand-checked facts of the corpus, by notice file name."""
    found = {}
    for path in sorted((ROOT / "corpus" / "facts").glob("*.json")):
        fact = json.loads(path.read_text(encoding="utf-8"))
        found[fact["notice"]] = fact
    return found
