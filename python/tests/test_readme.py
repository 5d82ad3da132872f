"""The README's notebook example runs and prints what the README shows."""

from __future__ import annotations

import contextlib
import io
import re

from conftest import ROOT


def blocks(info: str) -> list:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"^```{re.escape(info)}\n(.*?)^```$", text, flags=re.S | re.M)


def test_the_notebook_example_prints_the_output_shown_under_it():
    (example,) = blocks("python notebook-example")
    (output,) = blocks("text notebook-output")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(example, "README.md (python notebook-example)", "exec"), {"__name__": "__notebook__"})
    # Trailing blanks are pandas' padding, which editors may trim.
    lines = lambda text: [line.rstrip() for line in text.splitlines()]  # noqa: E731
    assert lines(printed.getvalue()) == lines(output)


def test_the_two_lines_parse_the_seed_notice_into_five_issues():
    (commands,) = [block for block in blocks("sh") if block.startswith("pip install ./python")]
    pip, python = commands.strip().splitlines()
    assert pip == "pip install ./python pandas"
    program = re.fullmatch(r'python -c "(.*)"', python).group(1)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(program, {})
    assert printed.getvalue() == "5\n"
