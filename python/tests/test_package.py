"""The package's surface: the stub names what the native module has."""

from __future__ import annotations

import ast
from pathlib import Path

import zhenggai
from zhenggai import _native


def test_the_stub_and_the_native_module_name_the_same_things():
    stub = ast.parse((Path(zhenggai.__file__).parent / "_native.pyi").read_text(encoding="utf-8"))
    names = {}
    for node in stub.body:
        if isinstance(node, ast.ClassDef):
            names[node.name] = {item.name for item in node.body if isinstance(item, ast.FunctionDef)}
        elif isinstance(node, ast.FunctionDef):
            names[node.name] = set()
        elif isinstance(node, ast.AnnAssign):
            names[node.target.id] = set()
    public = {name for name in dir(_native) if not name.startswith("_")}
    assert set(names) == public
    for name, methods in names.items():
        for method in methods:
            assert hasattr(getattr(_native, name), method), f"{name}.{method}"


def test_everything_exported_is_there_and_documented():
    for name in zhenggai.__all__:
        value = getattr(zhenggai, name)
        if callable(value):
            assert value.__doc__, name
    assert (Path(zhenggai.__file__).parent / "py.typed").exists()
