"""Finding the issue files under content/."""

from __future__ import annotations

from pathlib import Path

from bulletin_gen.problems import Problems


def is_content_file(path: Path) -> bool:
    """Markdown files, minus hidden files and the temp/backup files editors leave behind."""
    name = path.name
    return (
        name.endswith(".md")
        and not name.startswith((".", "~"))
        and not name.endswith("~")
    )


def discover(content_dir: Path, problems: Problems) -> list[Path]:
    """Every issue file, in a stable order; links that lead outside content/ are refused."""
    if not content_dir.is_dir():
        problems.error("content.missing_dir", None, None, path=content_dir)
        return []
    root = content_dir.resolve()
    found = []
    for path in sorted(content_dir.rglob("*.md"), key=lambda p: p.relative_to(content_dir).as_posix()):
        relative = path.relative_to(content_dir)
        if any(part.startswith(".") for part in relative.parts) or not is_content_file(path):
            continue
        if not path.resolve().is_relative_to(root):
            problems.error("content.outside", path, None, path=relative.as_posix())
            continue
        if path.is_file():
            found.append(path)
    if not found and not problems.has_errors():
        problems.warning("content.empty", None, None, path=content_dir)
    return found
