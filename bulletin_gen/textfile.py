"""Reading editors' text files: UTF-8 with or without BOM, any line ending.

Editors on Windows save from Notepad, which may write a BOM, CRLF line
endings, or (in older versions) GBK. We accept the first two silently and
explain the third, because a mojibake page is worse than a clear error.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from bulletin_gen.problems import Problems

_BOM = b"\xef\xbb\xbf"
_CJK = re.compile(r"[\u4e00-\u9fff]")


def decode(data: bytes, path: Path, problems: Problems) -> str | None:
    """Bytes → text with `\n` line endings, or None after recording why not."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.error("file.utf16", path, 1)
        return None
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    if b"\x00" in data:
        problems.error("file.nul", path, data[: data.index(b"\x00")].count(b"\n") + 1)
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if _looks_like_gb18030(data):
            problems.error("file.gbk", path, line)
        else:
            problems.error("file.not_utf8", path, line, offset=exc.start + 1)
        return None
    return _INVISIBLE.sub("", normalise_newlines(text))


# Marks Word and web pages leave in pasted text that a reader cannot see: a
# zero-width space, left-to-right and right-to-left marks, a word joiner and
# stray byte-order marks. Left in, they split words for search and 字数 alike.
# The zero-width joiner stays: emoji sequences need it.
_INVISIBLE = re.compile("[\u200b\u200e\u200f\u2060\ufeff]")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_like_gb18030(data: bytes) -> bool:
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return bool(_CJK.search(text))


def read_bytes(path: Path, problems: Problems) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError as exc:
        problems.error("file.unreadable", path, None, reason=exc.strerror or str(exc))
        return None


def read_text(path: Path, problems: Problems) -> str | None:
    data = read_bytes(path, problems)
    return None if data is None else decode(data, path, problems)


def to_halfwidth(text: str) -> str:
    """４０ → 40, （ → (: NFKC folds the full-width forms editors type by accident."""
    return unicodedata.normalize("NFKC", text)
