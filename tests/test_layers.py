"""The package's folders follow the pipeline, and no folder imports one above it (zola's rule, kept by a test).

Type-only imports (under `if TYPE_CHECKING:`) are not dependencies: they run in no program.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "bulletin_gen"
# Lowest first. A module may import its own layer and those below it, never one above.
LAYERS = [{"base", "__init__"}, {"text"}, {"settings"}, {"model"}, {"sources"}, {"render"}, {"write"},
          {"pipeline"}, {"check"}, {"console"}, {"preview", "publish", "wordimport"}, {"commands"}, {"cli", "__main__"}]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def layer_of(dotted: str) -> str:
    """bulletin_gen.render.kinds.feed → render; bulletin_gen → __init__."""
    parts = dotted.split(".")[1:]
    if not parts or (parts[0].startswith("__") and parts[0] != "__main__"):  # the package face: __version__
        return "__init__"
    return parts[0]


def imports(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, module) of each bulletin_gen import that runs, type-only ones left out."""
    skip = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If)
            and "TYPE_CHECKING" in ast.unparse(block.test) for stmt in block.body for node in ast.walk(stmt)}
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" if node.module == "bulletin_gen" else node.module
                     for alias in node.names]
            found += [(node.lineno, name) for name in names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] == "bulletin_gen"]


def upward_imports(package: Path) -> list[str]:
    found = []
    for path in sorted(package.rglob("*.py")):
        module = ".".join(("bulletin_gen", *path.relative_to(package).with_suffix("").parts))
        source = layer_of(module)
        for line, target in imports(ast.parse(path.read_text(encoding="utf-8"))):
            if RANK[layer_of(target)] > RANK[source]:
                found.append(f"{path.relative_to(package.parent)}:{line}: {source}/ imports {target}")
    return found


def test_every_folder_has_a_layer():
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    assert folders | modules <= RANK.keys(), (folders | modules) - RANK.keys()


def test_no_folder_imports_one_above_it_in_the_pipeline():
    assert upward_imports(PACKAGE) == []


def test_an_upward_import_is_caught(tmp_path):
    (tmp_path / "bulletin_gen/model").mkdir(parents=True)
    (tmp_path / "bulletin_gen/model/site.py").write_text(
        "from typing import TYPE_CHECKING\nfrom bulletin_gen.text import numerals\n"
        "if TYPE_CHECKING:\n    from bulletin_gen.render.renderer import PageRenderer\n"
        "from bulletin_gen.write.output import write_staged\n", encoding="utf-8")
    assert upward_imports(tmp_path / "bulletin_gen") == [
        "bulletin_gen/model/site.py:5: model/ imports bulletin_gen.write.output"]
