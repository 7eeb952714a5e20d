"""Which link and image URLs a page may carry: judged as the browser will read them.

A URL in a page is first an attribute value, so the browser decodes HTML
entities in it (`&#106;avascript:` is `javascript:`), then its URL parser
drops tabs and newlines anywhere and control characters and spaces at the
ends, and only then reads the scheme. Checking the text as typed lets
`java&Tab;script:` through; this checks what the browser will see.
"""

from __future__ import annotations

import html
import re
from typing import Iterator, Sequence

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# More than the URL parser drops (it keeps inner spaces and other controls), so that anything
# that might be read as a scheme is: `java script:` is dropped, not passed as a relative link.
_CONTROL_AND_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def as_browser_reads(url: str) -> str:
    """The URL an attribute holding `url` gives the browser's URL parser, made compact."""
    return _CONTROL_AND_SPACE.sub("", html.unescape(url))


def is_safe_url(url: str) -> bool:
    """Relative and fragment links, http, https, mailto and tel pass; javascript:, data:, vbscript: … do not."""
    match = _SCHEME.match(as_browser_reads(url))
    return match is None or match.group(1).lower() in SAFE_SCHEMES


# Markdown's link and image destinations (`](url`, `](<url>`) and reference definitions (`[x]: url`).
_INLINE_DESTINATION = re.compile(r"\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))*)")  # one level of (…) inside, as Markdown
_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")


def unsafe_links(lines: Sequence[str]) -> Iterator[tuple[int, str]]:
    """(line, url) of every link or image in Markdown source whose URL a page will not carry."""
    for number, line in enumerate(lines, start=1):
        found = _INLINE_DESTINATION.findall(line)
        definition = _REFERENCE_DEFINITION.match(line)
        if definition:
            found.append(definition[1])
        for url in found:
            if not is_safe_url(url):
                yield number, url
