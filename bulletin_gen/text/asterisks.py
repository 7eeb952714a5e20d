"""Which asterisks make bold, and which are masks to show as typed.

Bulletins use asterisks two ways. A bold lead opens a paragraph:
`**抓基础、强素质，**不断优化…`. A mask hides part of a name or a year:
`20*年`, `中共*市委`, `中共**区委`, `**年8月`. Markdown reads both as
emphasis, so masks lose their asterisks and whole runs turn bold or italic.

The rule (docs/content-format.md, "Asterisks"), on each line by itself:

- a single `*`, and a run of three or more, is shown as typed: Chinese is
  never set in italics;
- `**` with no partner later on its line is shown as typed (a mask);
- a pair `**…**` at the start of a paragraph is bold (a bold lead);
- a pair whose opening `**` follows a space or a punctuation mark is bold
  (a second bold lead, `（**三个坚持**）`); one space between a Chinese
  character and the opening `**` is how an editor asks for bold in the
  middle of a sentence (`要做到 **三个坚持**，`), and it is not shown;
- any other pair (its opening `**` between two characters of a word, as
  `中共**区委、**县委`) is shown as typed.

A pair that could be read either way is reported, with how to write each
meaning: a mask is `\\*\\*` (always as typed), bold is a space before `**`.
Nothing inside code (fences, backticks) is touched, nor a list's `* ` or a
`***` rule.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bulletin_gen.text.markdown_render import CODE_SPAN
from bulletin_gen.text.wordcount import is_han

Line = tuple[int, str]

_RUN = re.compile(r"(?<!\\)\*+")
_LIST_MARKER = re.compile(r"^(?:[ \t]*>)*[ \t]*\*[ \t]+")
_RULE = re.compile(r"^(?:[ \t]*>)*[ \t]*(?:\*[ \t]*){3,}$")
_LINE_START = re.compile(r"^(?:[ \t]*>)*[ \t]*(?:[-+*][ \t]+|\d+[.)][ \t]+)?")


@dataclass(frozen=True)
class Ambiguous:
    line: int
    text: str  # the pair as typed, for the message
    shown_as: str  # "bold" or "typed"


@dataclass(frozen=True)
class Resolved:
    lines: list[Line]
    ambiguous: tuple[Ambiguous, ...]


def resolve(lines: list[Line], code: list[bool]) -> Resolved:
    """The lines with every asterisk that is not bold escaped (`\\*`), so Markdown shows it as typed.

    `code[i]` says line i is inside a code fence, left alone.
    """
    out: list[Line] = []
    found: list[Ambiguous] = []
    for (number, text), in_code in zip(lines, code):
        if in_code or "*" not in text:
            out.append((number, text))
            continue
        text, ambiguous = _resolve_line(text)
        out.append((number, text))
        found.extend(Ambiguous(number, snippet, shown) for snippet, shown in ambiguous)
    return Resolved(out, tuple(found))


def _resolve_line(text: str) -> tuple[str, list[tuple[str, str]]]:
    if plain_bold_lead(text):
        return text, []
    kept = _kept_spans(text)
    start = _LINE_START.match(text).end()
    runs = [m for m in _RUN.finditer(text) if not _inside(m.start(), kept)]
    doubles = [m for m in runs if len(m.group()) == 2]
    bold: set[int] = set()  # starts of the runs kept as bold markers
    dropped_spaces: set[int] = set()
    ambiguous: list[tuple[str, str]] = []
    index = 0
    while index + 1 < len(doubles):
        opening, closing = doubles[index], doubles[index + 1]
        inner = text[opening.end():closing.start()]
        if not inner.strip() or inner != inner.strip():
            index += 1  # `** **` or `** 某**`: not a pair Markdown reads as bold either
            continue
        verdict = _judge(text, start, opening.start(), closing.start())
        if verdict.bold:
            bold.update((opening.start(), closing.start()))
            if verdict.space_before is not None:
                dropped_spaces.add(verdict.space_before)
        if verdict.ambiguous:
            ambiguous.append((text[opening.start():closing.end()], "bold" if verdict.bold else "typed"))
        index += 2
    return _rewrite(text, runs, bold, dropped_spaces), ambiguous


def plain_bold_lead(text: str) -> bool:
    """**抓基础、强素质，**不断…: a line's one pair, opening it and closing after punctuation, is plainly a
    bold lead. Most lines with asterisks are just that; the whole reading below gives them the same verdict."""
    if not text.startswith("**") or text.count("*") != 4 or "`" in text:
        return False
    closing = text.find("**", 2)
    inner = text[2:closing]
    return closing > 2 and inner == inner.strip() and _is_punctuation(text[closing - 1])


@dataclass(frozen=True)
class _Verdict:
    bold: bool
    ambiguous: bool
    space_before: int | None = None  # the asked-for space to leave out


def _judge(text: str, start: int, opening: int, closing: int) -> _Verdict:
    closes_mid_word = _is_word(_before(text, closing)) and _is_word(_after(text, closing + 2))
    # Closing inside a word after a clause's punctuation (**年8月，中共**区委) is how masks pair up; a
    # bold lead that closes inside a word (**一是**加强…) holds no such punctuation.
    doubtful = closes_mid_word and any(_is_punctuation(char) for char in text[opening + 2:closing - 1])
    if opening == start:  # a bold lead: what a bulletin means by ** at a paragraph's start
        return _Verdict(True, doubtful)
    before = _before(text, opening)
    if before == " " and is_han(_before(text, opening - 1)):
        return _Verdict(True, False, opening - 1)  # 要做到 **三个坚持**：bold asked for
    if before.isspace() or _is_punctuation(before):
        return _Verdict(True, doubtful)
    return _Verdict(False, not closes_mid_word)  # 中共**区委、**县委 or 要做到**三个坚持**，


def _rewrite(text: str, runs: list[re.Match[str]], bold: set[int], dropped_spaces: set[int]) -> str:
    """Escape every run not kept as bold, and leave out the spaces that only asked for bold."""
    edits = sorted([(run.start(), run.end(), "\\*" * len(run.group())) for run in runs if run.start() not in bold]
                   + [(space, space + 1, "") for space in dropped_spaces])
    pieces: list[str] = []
    at = 0
    for start, end, replacement in edits:
        pieces += [text[at:start], replacement]
        at = end
    pieces.append(text[at:])
    return "".join(pieces)


def _kept_spans(text: str) -> list[tuple[int, int]]:
    """Where asterisks mean something else: code spans, a list item's marker, a rule."""
    if _RULE.match(text):
        return [(0, len(text))]
    spans = [(m.start(), m.end()) for m in CODE_SPAN.finditer(text)] if "`" in text else []
    marker = _LIST_MARKER.match(text)
    if marker:
        spans.append((0, marker.end()))
    return spans


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _before(text: str, position: int) -> str:
    return text[position - 1] if position > 0 else ""


def _after(text: str, position: int) -> str:
    return text[position] if position < len(text) else ""


def _is_word(char: str) -> bool:
    return bool(char) and (char.isalnum() or is_han(char))


def _is_punctuation(char: str) -> bool:
    return bool(char) and unicodedata.category(char)[0] in "PS"
