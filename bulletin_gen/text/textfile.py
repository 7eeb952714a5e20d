"""Reading editors' text files: UTF-8 with or without BOM, any line ending.

Editors on Windows save from Notepad, which may write a BOM, CRLF line
endings, or (in older versions) GBK. We accept the first two silently and
explain the third, because a mojibake page is worse than a clear error.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from bulletin_gen.base.problems import Problems

_BOM = b"\xef\xbb\xbf"
# The spaces editors pad text with: ASCII, tab, full-width (　) and the no-break space Word puts in.
INLINE_SPACES = " \t\u3000\u00a0"
INLINE_SPACE = f"[{INLINE_SPACES}]"  # one of them, for a regular expression
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
    return without_controls(_INVISIBLE.sub("", normalise_newlines(text)), path, problems, _NOT_TEXT)


# Word's manual line break (Shift+Enter) arrives as a vertical tab. It stays in the text (a
# line break inside a paragraph, see markdown_render), without becoming a new line here, so
# that every line number after it is still the one the editor's text editor shows.
WORD_LINE_BREAK = "\x0b"
# Every other control character but tab and newline: invisible, invalid in XML (feed.xml would
# not parse) and in HTML. NUL is refused earlier in a file, as a sign of a binary one. Lone
# surrogates (a YAML "\\ud800") cannot be written as UTF-8 at all.
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_NOT_TEXT = re.compile("[\x00-\x08\x0c\x0e-\x1f\x7f-\x9f]")  # CONTROLS but Word's line break


def without_controls(text: str, path: Path, problems: Problems, controls: re.Pattern[str] = CONTROLS,
                     first_line: int = 1) -> str:
    """The text without control characters, each line that had one named."""
    if not controls.search(text):
        return text
    lines = text.split("\n")
    for index, line in enumerate(lines):
        found = controls.findall(line)
        if found:
            problems.warning("file.control_chars", path, first_line + index, codes=_codes(found))
            lines[index] = controls.sub("", line)
    return "\n".join(lines)


def strip_controls(value: object, depth: int = 0) -> tuple[object, str]:
    """A loaded YAML value without control characters (`"\\e"`, `"\\0"` are legal escapes in
    double quotes), and the codes of those removed ("" when none).

    Only a few levels deep: no setting is nested deeper, and the pages' own guard covers the rest.
    """
    if isinstance(value, str):
        found = CONTROLS.findall(value)
        return (CONTROLS.sub("", value), _codes(found)) if found else (value, "")
    if depth > 8 or not isinstance(value, (list, dict)):
        return value, ""
    pairs = list(value.items()) if isinstance(value, dict) else list(enumerate(value))
    cleaned = [(key, *strip_controls(item, depth + 1)) for key, item in pairs]
    codes = " ".join(dict.fromkeys(code for _, _, code in cleaned if code))
    if isinstance(value, dict):
        return {key: item for key, item, _ in cleaned}, codes
    return [item for _, item, _ in cleaned], codes


def values_without_controls(data: dict, key_lines: dict[str, int], path: Path, problems: Problems) -> dict:
    """Each value without control characters, the line of each key that had one named."""
    cleaned = {}
    for key, value in data.items():
        cleaned[key], codes = strip_controls(value)
        if codes:
            problems.warning("file.control_chars", path, key_lines.get(key), codes=codes)
    return cleaned


def _codes(found: list[str]) -> str:
    return " ".join(dict.fromkeys(f"U+{ord(char):04X}" for char in found))


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
