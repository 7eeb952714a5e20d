"""Python-Markdown, set up for bulletin text: raw HTML shown as text, safe URLs only.

Imported only when some text needs Python-Markdown (markdown_render decides):
a site of plain prose never pays for importing it and its extensions.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown import util
from markdown.inlinepatterns import Pattern
from markdown.treeprocessors import InlineProcessor, Treeprocessor

from bulletin_gen.text.safe_urls import is_safe_url

EXTENSIONS = ("tables", "fenced_code", "sane_lists", "def_list")


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


def new_markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=[*EXTENSIONS, _SafeUrlExtension()], output_format="html")
