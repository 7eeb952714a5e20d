"""Turning the raw split body into articles and columns with credits and notes."""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from bulletin_gen.text import article_fields, asterisks, credits, punctuation, wordcount
from bulletin_gen.text.markdown_render import plain_paragraphs
from bulletin_gen.model.issue import Article, Column, Credit, FileRef, Section, joined_lines
from bulletin_gen.sources import file_refs
from bulletin_gen.sources.body import (FENCE_OPEN, Line, RawArticle, RawBody, RawColumn, fenced_lines, has_fence,
                                     lines_as_paragraphs, strip_pasted_indent, trim)
from bulletin_gen.base.problems import Problems

_TEXT = operator.itemgetter(1)
MOST_UNCLOSED_BRACKETS = 100  # far beyond any real article; still milliseconds for Markdown
DEEPEST_BRACKETS = 32
# Two control characters no text can hold any more (textfile removes them when reading).
_HIDE_BRACKETS = {ord("["): "\x0e", ord("]"): "\x0f"}
_SHOW_BRACKETS = {ord("\x0e"): "[", ord("\x0f"): "]"}
_NOTE_LABEL = re.compile(r"^\s*(?:\*\*)?编者按(?:\*\*)?\s*[:：]?\s*(?:\*\*)?\s*")


@dataclass
class SectionBuilder:
    path: Path
    problems: Problems
    markdown: Callable[[str], str]
    line_paragraphs: bool
    default_credit: str | None
    full_width: bool = False  # half-width punctuation in Chinese text set full-width (site.yaml punctuation)
    folder: str = ""  # the issue file's folder in content/, POSIX, which its pictures' names start from
    # The pictures and attachments its text links to, in reading order, as met.
    files: list[FileRef] = field(default_factory=list)
    # Lines whose pasted ASCII indent was removed, in the order met: reported once per article.
    _unindented: list[int] = field(default_factory=list)

    def build(self, raw: RawBody) -> tuple[str, str, tuple[Section, ...]]:
        """(issue-level 编者按 html, lead html, sections)."""
        for number, text in raw.furniture:
            self.problems.warning("body.web_furniture", self.path, number, text=text.strip()[:40])
        note, lead = split_note(trim(raw.lead))
        note_html, lead_html = self._reported_indents(lambda: (self._html(note), self._html(lead)))
        sections: list[Section] = []
        columns = 0
        for raw_section in raw.sections:
            if isinstance(raw_section, RawColumn):
                columns += 1
                sections.append(self._column(raw_section, f"column-{columns}"))
            else:
                number = sum(isinstance(s, Article) for s in sections) + 1
                sections.append(self._article(raw_section, f"article-{number}"))
        return note_html, lead_html, tuple(sections)

    def _reported_indents(self, render: Callable[[], tuple[str, str]]) -> tuple[str, str]:
        """What `render` gives; if it removed pasted ASCII indents, one warning at the first such line."""
        already = len(self._unindented)
        result = render()
        if len(self._unindented) > already:
            self.problems.warning("body.pasted_indent", self.path, self._unindented[already],
                                  count=len(self._unindented) - already)
        return result

    def _html(self, lines: list[Line]) -> str:
        if not lines:
            return ""
        if self.full_width:
            lines = [(number, text if fenced else punctuation.to_full_width(text))
                     for (number, text), fenced in zip(lines, fenced_lines(lines))]
        # A bold lead alone needs no reading (most lines with asterisks in a bulletin are just that).
        if any("*" in text and not asterisks.plain_bold_lead(text) for _, text in lines):
            lines = self._asterisks_resolved(lines)
        converted = self._converted(lines)
        if "src=" in converted or "href=" in converted:
            converted = self._files_marked(converted, lines)
        return converted

    def _files_marked(self, fragment: str, lines: list[Line]) -> str:
        fragment, refs, refused = file_refs.localized(fragment, self.folder, lines)
        self.files.extend(refs)
        for outside in refused:
            self.problems.error("body.file_outside", self.path, outside.line, target=outside.target)
        return fragment

    def _converted(self, lines: list[Line]) -> str:
        # Plain prose has no typed indent and no line that opens a list, quote or fence,
        # so the passes below would only put a blank line between Word-pasted lines.
        text = "\n".join(map(_TEXT, lines))
        plain = plain_paragraphs(text.replace("\n", "\n\n") if self.line_paragraphs else text)
        return plain if plain is not None else self._html_by_passes(lines)

    def _asterisks_resolved(self, lines: list[Line]) -> list[Line]:
        """Masks (中共**区委) escaped so that they show as typed; each pair that might be either, reported."""
        code = fenced_lines(lines)
        if not self.line_paragraphs:  # Markdown's indented code too
            code = [fenced or text.startswith(("\t", "    ")) for fenced, (_, text) in zip(code, lines)]
        resolved = asterisks.resolve(lines, code)
        for found in resolved.ambiguous:
            self.problems.warning(f"body.asterisks_{found.shown_as}", self.path, found.line, text=found.text)
        return resolved.lines

    def _html_by_passes(self, lines: list[Line]) -> str:
        first = lines[0][0] if lines else None
        unindented = strip_pasted_indent(lines, self.line_paragraphs)
        lines = unindented.lines
        self._unindented.extend(unindented.ascii_indents)
        if self.line_paragraphs:
            lines = lines_as_paragraphs(lines)
        text = "\n".join(text for _, text in lines)
        unclosed, deepest = brackets(text)
        literal = unclosed > MOST_UNCLOSED_BRACKETS or deepest > DEEPEST_BRACKETS
        if literal:
            # Markdown looks for the end of a link from every "[" still open: time grows with the square of
            # their number (20 000 took minutes). Such text holds no link; its brackets stay as typed, kept
            # from Markdown as two characters it leaves alone, and put back after.
            self.problems.warning("body.brackets", self.path, first, count=max(unclosed, deepest))
            text = text.translate(_HIDE_BRACKETS)
        try:
            html = self.markdown(text)
        except RecursionError:  # lists or quotes nested hundreds deep
            self.problems.error("body.too_deep", self.path, first)
            return ""
        return html.translate(_SHOW_BRACKETS) if literal else html

    def _credit(self, lines: list[Line]) -> tuple[list[Line], Credit | None, tuple[tuple[str, str], ...]]:
        """The article's text, its credit, and the 作者/来源/责任编辑 fields written around the credit."""
        lines, found, fields = take_credit_and_fields(trim(lines))
        return (lines, self._credit_of(found), fields)

    def _credit_of(self, found: tuple[int, credits.FoundCredit] | None) -> Credit | None:
        if found is None:
            return Credit(self.default_credit, "default", None) if self.default_credit else None
        number, credit = found
        if credit.empty:
            self.problems.error("body.credit_empty", self.path, number, text=credit.text)
            return None
        if credit.unsure:
            self.problems.warning("body.credit_unsure", self.path, number, text=credit.text, name=credit.name)
        # A person's credit names no unit: the article is the issue's default unit's, if it has one.
        unit = credit.name or (self.default_credit or "")
        return Credit(unit, credit.form, number, credit.person, credit.brackets)

    def _article(self, raw: RawArticle, anchor: str) -> Article:
        if raw.kicker and not raw.title:  # a 引题 with no 主题 under it: it is the title
            self.problems.warning("body.kicker_alone", self.path, raw.line, text=raw.kicker)
            raw = replace(raw, title=raw.kicker, kicker="")
        if self.full_width:
            wide = punctuation.to_full_width
            raw = replace(raw, title=wide(raw.title), subtitle=wide(raw.subtitle), kicker=wide(raw.kicker),
                          second_line=wide(raw.second_line))
        note, body = split_note(trim(raw.body))
        body, credit, fields = self._credit(body)
        note_html, html = self._reported_indents(lambda: (self._html(note), self._html(body)))
        # One count over all four, each kept apart by a space: as the sum of four counts, in one pass.
        lines = tuple(line for line in (raw.title, raw.second_line) if line)
        length = wordcount.of_text(" ".join((raw.kicker, *lines, raw.subtitle, wordcount.plain_text(note_html),
                                           wordcount.plain_text(html))))
        return Article(anchor, joined_lines(lines), raw.subtitle, note_html, html, credit, raw.line, length, fields,
                       raw.kicker, lines)

    def _column(self, raw: RawColumn, anchor: str) -> Column:
        items = [self._article(item, f"{anchor}-{number}")
                 for number, item in enumerate(column_items(raw), start=1)]
        return Column(anchor, raw.name.strip("【】[] \u3000"), tuple(items), raw.line)


def brackets(text: str) -> tuple[int, int]:
    """How many "[" no later "]" closes, and how deep they nest at the most."""
    depth = deepest = 0
    for char in text:
        if char == "[":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "]" and depth:
            depth -= 1
    return depth, deepest


def split_note(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """An opening blockquote that starts with 编者按 is the editor's note."""
    quoted = 0
    while quoted < len(lines) and lines[quoted][1].lstrip().startswith(">"):
        quoted += 1
    inner = [(n, re.sub(r"^\s*>[ ]?", "", t)) for n, t in lines[:quoted]]
    if not inner or not _NOTE_LABEL.match(inner[0][1]):
        return [], lines
    first_number, first_text = inner[0]
    inner[0] = (first_number, _NOTE_LABEL.sub("", first_text, count=1))
    return trim(inner), trim(lines[quoted:])


def take_credit(lines: list[Line]) -> tuple[list[Line], tuple[int, credits.FoundCredit] | None]:
    """Remove the credit from the end of the last line, if there is one there."""
    if not lines or _inside_fence_at_end(lines):
        return lines, None
    number, text = lines[-1]
    found = credits.find_at_end(text)
    if found is None:
        return lines, None
    kept = lines[:-1] + ([(number, found.rest)] if found.rest.strip() else [])
    return trim(kept), (number, found)


def column_items(raw: RawColumn) -> list[RawArticle]:
    """A column's items in reading order: each credit line ends one, titled or not.

    A `##` title starts an item; the text under it up to its first credit is
    that item, and whatever follows, up to the next title, is untitled items.
    """
    items = [RawArticle("", lines[0][0], body=lines) for lines in split_at_credits(raw.body)]
    for titled in raw.items:
        first, *rest = split_at_credits(titled.body) or [[]]
        items.append(replace(titled, body=first))
        items.extend(RawArticle("", lines[0][0], body=lines) for lines in rest)
    return items


def take_credit_and_fields(lines: list[Line]) -> tuple[list[Line], tuple[int, credits.FoundCredit] | None,
                                                      tuple[tuple[str, str], ...]]:
    """The credit and the 作者/来源/责任编辑 lines at the end, in any order; the fields in the order written."""
    found: tuple[int, credits.FoundCredit] | None = None
    fields: list[tuple[str, str]] = []
    fenced = has_fence(lines)  # looked at once: bulletin prose has no fence, and each look joins every line
    while lines and not (fenced and _inside_fence_at_end(lines)):
        number, text = lines[-1]
        whole = article_fields.field_of_line(text)
        if whole is not None:
            fields.insert(0, whole)
            lines = trim(lines[:-1])
            continue
        glued = article_fields.glued_field(text)
        if glued is not None:
            fields.insert(0, glued[:2])
            lines = trim(lines[:-1] + ([(number, glued[2])] if glued[2].strip() else []))
            continue
        if found is None:
            lines, found = take_credit(lines)
            if found is not None:
                continue
        break
    return lines, found, tuple(fields)


def split_at_credits(lines: list[Line]) -> list[list[Line]]:
    """Untitled column items: each one ends at its own credit line."""
    items: list[list[Line]] = []
    current: list[Line] = []
    for number, text in lines:
        current.append((number, text))
        if credits.find_at_end(text) and not _inside_fence_at_end(current):
            items.append(trim(current))
            current = []
    if trim(current):
        items.append(trim(current))
    return [item for item in items if item]


def _inside_fence_at_end(lines: list[Line]) -> bool:
    if not has_fence(lines):
        return False
    fences = sum(1 for _, text in lines if FENCE_OPEN.match(text))
    return fences % 2 == 1 or bool(lines and FENCE_OPEN.match(lines[-1][1]))
