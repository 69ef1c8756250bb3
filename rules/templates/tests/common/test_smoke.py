"""Smoke tests for {{projectName}}: the entry point {{entryPoint}} exists, compiles and imports.

Run with: python -m pytest -q
Importing runs module-level code, so any API key it reads is set to a dummy value here; nothing is called.
"""
import importlib.util
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
ENTRY_POINT = PROJECT_ROOT / {{q entryPoint}}
DUMMY_ENV = {{envVars}}


def test_entry_point_exists():
    assert ENTRY_POINT.is_file(), f"missing entry point {ENTRY_POINT}"


def test_entry_point_compiles():
    compile(ENTRY_POINT.read_text(encoding="utf-8"), str(ENTRY_POINT), "exec")


def test_entry_point_imports(monkeypatch):
    for name in DUMMY_ENV:
        monkeypatch.setenv(name, "test-not-a-real-key")
    monkeypatch.syspath_prepend(str(ENTRY_POINT.parent))
    monkeypatch.syspath_prepend(str(PROJECT_ROOT))
    spec = importlib.util.spec_from_file_location("entry_point_under_test", ENTRY_POINT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except ImportError as exc:
        pytest.skip(f"a dependency is not installed here: {exc}")
