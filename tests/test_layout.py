"""The library's shape: small modules, no import cycle, no evaluation paths, no data key nobody reads."""
from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from pipeline.config import DATA_DIR

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"
MAX_LINES = 500


def _modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the library."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _imports(path: Path, known: set[str]) -> set[str]:
    """The library modules ``path`` imports, at module level or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        found |= {n for n in names if n in known}
    return found


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, if there is any (depth-first search with colours)."""
    colour: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        colour[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if colour.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in colour and (found := visit(nxt)):
                return found
        stack.pop()
        colour[node] = 2
        return None

    for node in sorted(graph):
        if node not in colour and (found := visit(node)):
            return found
    return None


def test_no_module_is_over_the_size_limit():
    long = {name: n for name, path in _modules().items() if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, f"split these modules by concern: {long}"


def test_the_library_has_no_import_cycle():
    modules = _modules()
    graph = {}
    for name, path in modules.items():
        # a package's own __init__ importing its modules is not a cycle of concerns
        graph[name] = {m for m in _imports(path, set(modules)) if m != name and not m.startswith(name + ".")}
    assert _cycle(graph) is None, f"import cycle: {' -> '.join(_cycle(graph))}"


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_the_library_never_reads_the_shared_evaluation_material():
    offenders = [str(p) for p in PACKAGE.rglob("*.py")
                 if ("../shared" in (t := p.read_text(encoding="utf-8")) or '"shared"' in t)]
    assert offenders == []


def _source_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("lexicon", sorted(DATA_DIR.rglob("*.json")), ids=lambda p: str(p.relative_to(DATA_DIR)))
def test_every_key_of_a_word_list_is_read_by_the_code(lexicon):
    """A key no code names is a list that says one thing while the code does another."""
    data = json.loads(lexicon.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        pytest.skip("not a keyed word list")
    if lexicon.name == "word_classes.json":
        pytest.skip("read through the trigger rules' @names: tests/test_lexicon.py checks each is used")
    source = _source_text()
    keys = [k for k, v in data.items() if not k.startswith("_") and isinstance(v, (list, dict))]
    unread = [k for k in keys if f'"{k}"' not in source and f"'{k}'" not in source and f".{k}" not in source]
    assert unread == [], f"{lexicon.name}: keys no code reads: {unread}"
