"""Python-Markdown, configured for text that editors paste from Word.

Raw HTML in the body is shown as text, not passed through: editors are
trusted, but a pasted `<script>` or `onerror=` should never run in readers'
browsers. Links and images may only use safe URL schemes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown import util
from markdown.inlinepatterns import Pattern
from markdown.treeprocessors import InlineProcessor, Treeprocessor

EXTENSIONS = ("tables", "fenced_code", "sane_lists", "def_list")
_SAFE_SCHEMES = ("http", "https", "mailto", "tel", "ftp")
_CONTROL_AND_SPACE = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def is_safe_url(url: str) -> bool:
    """Relative URLs and the usual schemes pass; javascript:, data: and the like do not.

    Browsers ignore tabs, newlines and control characters inside a scheme
    (`java\tscript:`), so those are removed before looking at it.
    """
    compact = _CONTROL_AND_SPACE.sub("", url)
    match = _SCHEME.match(compact)
    return match is None or match.group(1).lower() in _SAFE_SCHEMES


class _SafeUrls(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and not is_safe_url(value):
                    del element.attrib[attribute]


# Every inline pattern Python-Markdown registers for our extensions, with the text
# one of its matches always contains. Inline processing tries each pattern in turn on
# each piece of text, from where the last match ended (a regular-expression search and
# a few Python calls each): most of the time of converting Chinese prose, which rarely
# holds any of these. A pattern whose text is absent cannot match and is skipped.
_TRIGGERS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",), "escape": ("\\",), "reference": ("[",), "link": ("[",), "image_link": ("![",),
    "image_reference": ("![",), "short_reference": ("[",), "short_image_ref": ("![",), "autolink": ("<",),
    "automail": ("<",), "linebreak": ("  \n",), "entity": ("&",), "not_strong": ("*", "_"),
    "em_strong": ("*", "_"), "em_strong2": ("_",),
}
_INLINE_TRIGGER = re.compile(r"[`\\\[<&*_\x02]|  \n")  # \x02 starts Markdown's own placeholders


class _PlainTextFastInline(InlineProcessor):
    """Skips the inline patterns that cannot match a piece of text; the output is unchanged."""

    _patterns: list[tuple[Pattern, tuple[str, ...]]] | None = None

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802,N803
        # Python-Markdown's own loop, with the skip added (tests hold it to the original's output).
        if isinstance(data, util.AtomicString) or not _INLINE_TRIGGER.search(data):
            return data
        if self._patterns is None:
            self._patterns = [(self.inlinePatterns[item.name], _TRIGGERS[item.name])
                              for item in self.inlinePatterns._priority]
        patterns, apply = self._patterns, self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        start = 0
        while patternIndex < len(patterns):
            pattern, triggers = patterns[patternIndex]
            matched = False
            for trigger in triggers:
                if data.find(trigger, start) >= 0:
                    data, matched, start = apply(pattern, data, patternIndex, start)
                    break
            else:
                start = 0  # what a pattern that did not match hands on
            if not matched:
                patternIndex += 1
        return data


class _SafeUrlExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API name
        md.treeprocessors.register(_SafeUrls(md), "bulletin_safe_urls", 0)
        # Without these two, raw HTML blocks and inline tags are escaped as text.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # Only while we know every pattern's trigger characters: a new pattern turns the shortcut off.
        if {item.name for item in md.inlinePatterns._priority} <= _TRIGGERS.keys():
            md.treeprocessors.register(_PlainTextFastInline(md), "inline", 20)


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
# spaces at either end of a line, which Markdown strips or reads as a line break.
_BLOCK_OPENING = re.compile(r"^(?:[+=:>\-]|\*(?!\*[^*\s])|\d+[.)]|[^\S\n])|[^\S\n]$", re.MULTILINE)
_STRONG = re.compile(r"\*\*([^*\s\n](?:[^*\n]*[^*\s\n])?)\*\*")
_PARAGRAPH_BREAK = re.compile(r"\n{2,}")


def plain_paragraphs(text: str) -> str | None:
    """Text of plain paragraphs with bold leads as HTML; None when it may be anything else."""
    if _NOT_PLAIN.search(text) or _BLOCK_OPENING.search(text):
        return None
    html = _STRONG.sub(r"<strong>\1</strong>", text.strip("\n"))
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
            self._instance = markdown.Markdown(extensions=[*EXTENSIONS, _SafeUrlExtension()], output_format="html")
        return self._instance

    def __call__(self, text: str) -> str:
        plain = plain_paragraphs(text)
        if plain is not None:
            return plain
        md = self._md
        md.reset()
        return md.convert(text)
