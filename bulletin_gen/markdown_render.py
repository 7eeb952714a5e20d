"""Python-Markdown, configured for text that editors paste from Word.

Raw HTML in the body is shown as text, not passed through: editors are
trusted, but a pasted `<script>` or `onerror=` should never run in readers'
browsers. Links and images may only use safe URL schemes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
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


# Every inline pattern Python-Markdown registers for our extensions, and the
# characters one of them needs to match at all. Text with none of these is
# returned unchanged by inline processing, which tries each pattern in turn
# on each piece of text: most of the time of converting plain Chinese prose.
_KNOWN_INLINE = {"backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference",
                 "short_image_ref", "autolink", "automail", "linebreak", "entity", "not_strong", "em_strong",
                 "em_strong2"}
_INLINE_TRIGGER = re.compile(r"[`\\\[<&*_\x02]|  \n")  # \x02 starts Markdown's own placeholders


class _PlainTextFastInline(InlineProcessor):
    """Skips inline patterns for text that none of them could match; output is unchanged."""

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802,N803
        if not _INLINE_TRIGGER.search(data):
            return data
        return InlineProcessor._InlineProcessor__handleInline(self, data, patternIndex)  # type: ignore[attr-defined]


class _SafeUrlExtension(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown's API name
        md.treeprocessors.register(_SafeUrls(md), "bulletin_safe_urls", 0)
        # Without these two, raw HTML blocks and inline tags are escaped as text.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # Only while we know every pattern's trigger characters: a new pattern turns the shortcut off.
        if {item.name for item in md.inlinePatterns._priority} <= _KNOWN_INLINE:
            md.treeprocessors.register(_PlainTextFastInline(md), "inline", 20)


class Renderer:
    """One reusable Markdown instance; reset between documents."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(
            extensions=[*EXTENSIONS, _SafeUrlExtension()], output_format="html"
        )

    def __call__(self, text: str) -> str:
        self._md.reset()
        return self._md.convert(text)
