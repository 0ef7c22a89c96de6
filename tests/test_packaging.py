"""The installed package: built-in data ships in the wheel; imports have no cycle."""

from __future__ import annotations

import ast
import importlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


@pytest.mark.slow
def test_builtin_framework_loads_from_an_installed_wheel(tmp_path):
    # build from a copy: setuptools writes build/ and *.egg-info/ beside the source
    source = tmp_path / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", "out"
        ),
    )
    wheel_dir = tmp_path / "wheel"
    build = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(wheel_dir),
            str(source),
        ],
        capture_output=True,
        text=True,
    )
    if build.returncode != 0 and "setuptools" in build.stderr:
        pytest.skip(f"cannot build a wheel offline here: {build.stderr[-300:]}")
    assert build.returncode == 0, build.stderr
    (wheel,) = wheel_dir.glob("lta_align-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "lta_align/frameworks/data/lssc.yaml" in names
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    code = (
        "import lta_align, sys; fw = lta_align.load_framework('lssc'); "
        "assert 'site' in lta_align.__file__, lta_align.__file__; "
        "print(len(fw.sets), len(fw.competencies))"
    )
    run = subprocess.run(
        [
            sys.executable,
            "-I",
            "-c",
            f"import sys; sys.path.insert(0, {str(target)!r}); " + code,
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["10", "108"]


# --- imports: no cycle between lta_align modules ----------------------------------
PACKAGE = ROOT / "lta_align"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _top_level_imports(name: str, path: Path) -> set[str]:
    """lta_align modules that ``name`` imports when it is imported (not in functions,
    not under ``if TYPE_CHECKING:``)."""
    here = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and not _is_type_checking(node.test):
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name in MODULES)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here.split(".")[: len(here.split(".")) - node.level + 1]
                    module = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    module = node.module or ""
                for alias in node.names:
                    sub = f"{module}.{alias.name}"
                    if sub in MODULES or module in MODULES:
                        found.add(sub if sub in MODULES else module)

    visit(ast.parse(path.read_text(encoding="utf-8")).body)
    return found


def _import_graph() -> dict[str, set[str]]:
    """Module -> modules run by importing it (a submodule runs its parents first)."""
    graph = {}
    for name, path in MODULES.items():
        edges = set()
        for target in _top_level_imports(name, path):
            parts = target.split(".")
            for i in range(1, len(parts) + 1):
                ancestor = ".".join(parts[:i])
                inside = name == ancestor or name.startswith(ancestor + ".")
                if ancestor in MODULES and not inside:
                    edges.add(ancestor)
        graph[name] = edges
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle of ``graph`` (``[a, b, a]``), or ``[]``."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return []


def test_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_between_lta_align_modules():
    graph = _import_graph()
    assert len(graph) >= 50 and graph["lta_align.reports._base"]  # the scan works
    assert _cycle(graph) == [], "import cycle: " + " -> ".join(_cycle(graph))


@pytest.mark.parametrize("name", sorted(set(MODULES) - {"lta_align.__main__"}))
def test_every_module_imports_on_its_own(name):
    importlib.import_module(name)
