"""An issue's Markdown as HTML: plain prose directly, anything else through Python-Markdown.

Python-Markdown's set-up for text that editors paste from Word (raw HTML
shown as text, safe URL schemes only) is in markdown_setup, imported the
first time a text needs it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bulletin_gen.text.textfile import WORD_LINE_BREAK

if TYPE_CHECKING:
    import markdown

# --- bulletin prose without Markdown's machinery ------------------------------------
#
# Most of a bulletin is paragraphs of plain prose, each perhaps opening with a bold
# lead (**加强组织领导。**): Markdown turns such text into <p> and <strong> and nothing
# else, yet going through Python-Markdown's block parser, tree processors and
# serializer costs more than the rest of building the page. Text that is plainly
# made of such paragraphs is converted here, to exactly what Python-Markdown gives
# (property-tested against it); anything else, or anything in doubt, goes to it.

# Characters that may begin some other construct anywhere in a line: code, escapes,
# links and images, raw HTML and entities, emphasis with _, tables, fences, headings,
# and control characters (Markdown uses \x02 and \x03 itself).
_NOT_PLAIN = re.compile(r"[\\`\[\]!<>&_|~#\x00-\x09\x0b-\x1f\x7f]")
# Line openings Markdown may read as a list, a quote, a rule, a heading underline, a
# definition or indented code (only a bold lead may open a line with an asterisk), and
# spaces at the start of a line, which Markdown strips. The first line is matched, the
# others searched from their newline: a literal first character lets the search skip
# ahead, where a ^ in multi-line mode is tried at every position (five times as slow).
_OPENING = r"(?:[+=:>\-]|\*(?!\*[^*\s])|\d+[.)]|[^\S\n])"
_FIRST_LINE_OPENING = re.compile(_OPENING)
_LATER_LINE_OPENING = re.compile("\n" + _OPENING)
_STRONG = re.compile(r"\*\*([^*\s\n](?:[^*\n]*[^*\s\n])?)\*\*")
_PARAGRAPH_BREAK = re.compile(r"\n{2,}")
# An inline code span, `x` or ``x``: text the passes that read punctuation and asterisks leave alone.
CODE_SPAN = re.compile(r"(`+).+?(?<!`)\1(?!`)")


def plain_paragraphs(text: str) -> str | None:
    """Text of plain paragraphs with bold leads as HTML; None when it may be anything else."""
    if _NOT_PLAIN.search(text) or _FIRST_LINE_OPENING.match(text) or _LATER_LINE_OPENING.search(text):
        return None
    # Spaces that end a line: Markdown strips them, or reads two as a line break.
    if any(line[-1:].isspace() for line in text.split("\n")):
        return None
    # Split and joined rather than sub() with a template, which expands the template in Python
    # for every bold lead (twice as slow on a bulletin's text).
    parts = _STRONG.split(text.strip("\n"))
    parts[1::2] = ["<strong>" + bold + "</strong>" for bold in parts[1::2]]
    html = "".join(parts)
    if "*" in html:
        return None
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in _PARAGRAPH_BREAK.split(html) if paragraph)


class Renderer:
    """One reusable Markdown instance, made when first needed; reset between documents."""

    def __init__(self) -> None:
        self._instance: markdown.Markdown | None = None

    @property
    def _md(self) -> markdown.Markdown:
        # Setting Markdown up imports its extensions (a tenth of a second, in every worker
        # process), and a site of plain prose never needs it.
        if self._instance is None:
            from bulletin_gen.text.markdown_setup import new_markdown

            self._instance = new_markdown()
        return self._instance

    def __call__(self, text: str) -> str:
        if WORD_LINE_BREAK in text:  # Word's manual line break: a line break inside the paragraph
            text = text.replace(WORD_LINE_BREAK, "  \n")
        plain = plain_paragraphs(text)
        if plain is not None:
            return plain
        md = self._md
        md.reset()
        try:
            return md.convert(text)
        except RecursionError:
            # Python-Markdown is left half-way through its passes and converts wrongly from then on
            # (links came out as text): the next text gets a new instance.
            self._instance = None
            raise
