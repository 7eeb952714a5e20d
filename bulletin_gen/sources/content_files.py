"""The pictures and attachments the issues link to, as they lie in content/ now.

For each linked file: whether it is there (and inside content/), its size,
a digest of its bytes (its output's key, so a copy of the site in another
folder builds the same), and a picture's width and height for the page.
The build cache keeps these by size and mtime, so a build reads only the
files that changed since the last one.
"""

from __future__ import annotations

import hashlib
import io
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from bulletin_gen.base.problems import Problems, did_you_mean
from bulletin_gen.model.issue import IssueHead
from bulletin_gen.sources.cache import BuildCache

_SVG_SIZE = re.compile(rb'<svg\b[^>]*?\s(width|height)="([\d.]+)(?:px)?"[^>]*?\s(width|height)="([\d.]+)(?:px)?"',
                       re.S)
_SVG_VIEWBOX = re.compile(rb'<svg\b[^>]*?\sviewBox="[\d.\-]+[ ,]+[\d.\-]+[ ,]+([\d.]+)[ ,]+([\d.]+)"', re.S)


@dataclass(frozen=True)
class LocalFile:
    """One picture or attachment, and where the output has it."""

    output: str  # its path in the output
    source: Path
    size: int
    digest: str  # sha256 of its bytes
    width: int | None = None  # a picture's, in pixels
    height: int | None = None


def local_files(places: Mapping[str, str], content_dir: Path, cache: BuildCache) -> dict[str, LocalFile | None]:
    """Each linked file (its place in content/ → its path in the output) as it lies; None where it is
    missing, is not a file, or leads outside content/ (through a linked file or folder)."""
    known = cache.file_facts()
    inside = _Inside(content_dir.resolve())
    found: dict[str, LocalFile | None] = {}
    learnt = []
    for place, output in sorted(places.items()):
        source = content_dir / place
        facts = _facts(source, known.get(place)) if inside(source) else None
        if facts is None:
            found[place] = None
            continue
        size, mtime_ns, digest, width, height = facts
        if known.get(place) != facts and BuildCache.settled(mtime_ns):
            learnt.append((place, *facts))
        found[place] = LocalFile(output, source, size, digest, width, height)
    gone = [place for place in known if place not in places]
    if learnt or gone:
        cache.store_file_facts(learnt, gone)
    return found


class _Inside:
    """Whether a file really lies in content/: through no linked file or linked folder that leads out.

    Each folder is resolved once (pictures share a few folders), the file itself only when it is a link.
    """

    def __init__(self, root: Path):
        self.root = root
        self.folders: dict[Path, bool] = {}

    def __call__(self, source: Path) -> bool:
        folder = source.parent
        if folder not in self.folders:
            self.folders[folder] = folder.resolve().is_relative_to(self.root)
        return self.folders[folder] and (not source.is_symlink() or source.resolve().is_relative_to(self.root))


def _facts(source: Path, known: tuple | None) -> tuple[int, int, str, int | None, int | None] | None:
    try:
        state = source.stat()
    except OSError:
        return None
    if not stat.S_ISREG(state.st_mode):
        return None
    if known is not None and known[:2] == (state.st_size, state.st_mtime_ns) and BuildCache.settled(known[1]):
        return known  # type: ignore[return-value]
    try:
        data = source.read_bytes()
    except OSError:
        return None
    width, height = picture_size(data, source.suffix.lower())
    return state.st_size, state.st_mtime_ns, hashlib.sha256(data).hexdigest(), width, height


def picture_size(data: bytes, suffix: str) -> tuple[int | None, int | None]:
    """A picture's width and height in pixels from its header, or (None, None) when it is not one."""
    if suffix == ".svg":
        return _svg_size(data[:4096])
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:  # reads the header only, never decodes the picture
            return image.size
    except (UnidentifiedImageError, OSError, ValueError):
        return None, None


def _svg_size(head: bytes) -> tuple[int | None, int | None]:
    match = _SVG_SIZE.search(head)
    if match:
        sizes = {match.group(1): match.group(2), match.group(3): match.group(4)}
        return round(float(sizes[b"width"])), round(float(sizes[b"height"]))
    box = _SVG_VIEWBOX.search(head)
    if box:
        return round(float(box.group(1))), round(float(box.group(2)))
    return None, None


def report_missing(heads: Iterable[IssueHead], files: Mapping[str, LocalFile | None], present: frozenset[str],
                   problems: Problems) -> None:
    """Each link to a picture or attachment that is not there, at its line, with the nearest name there is."""
    for head in heads:
        for ref in head.files:
            if files.get(ref.path) is None:
                # Named as the issue's file names it: from its own folder.
                base = ref.path[: len(ref.path) - len(ref.local)] if ref.local else ""
                near = sorted(name[len(base):] for name in present if name.startswith(base))
                hint = did_you_mean(ref.local or ref.path, near, 0.5)
                problems.warning("body.file_missing", head.source, ref.line, name=ref.local or ref.path, hint=hint)
