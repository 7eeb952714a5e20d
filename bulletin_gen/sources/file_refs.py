"""The pictures and attachments an issue's text links to (FileRefs): found in its HTML, and marked for the pages.

An editor puts photo.jpg, img/chart.png or 附件1.pdf beside content/2025/07.md
and links them: `![全市党员分布图](img/chart.png "图为…")`, `[附件1：名单](附件1.pdf)`.
Here each such link in the text's HTML is resolved against the issue's
folder and written as `bulletin-file:<its place in content/>`, a mark that
only the render stage turns into an address (the file's place in the output
depends on the whole site: model/files.py). A picture alone in a paragraph
becomes a figure captioned with its title, else its alt text. A link that
would leave content/ is removed and reported, except one to the site's
static/ folder by its address from the page (../../static/img/logo.png),
which is left as it is: nothing is copied from outside content/.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

from bulletin_gen.model.issue import FileRef

MARK = "bulletin-file:"  # a scheme no editor's link keeps: the safe-URL pass removes unknown ones first
IMAGES = frozenset({"png", "jpg", "jpeg", "gif", "webp", "svg", "bmp", "avif"})
ATTACHMENTS = frozenset({"pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et", "dps", "zip", "rar",
                         "7z", "ofd", "txt", "csv"})

_TAG = re.compile(r'<(img|a)\s[^>]*?\b(src|href)="([^"]*)"[^>]*>')
_ATTRIBUTE = re.compile(r'\s([a-z]+)="([^"]*)"')
_LONE_IMAGE = re.compile(r"<p>(<img\s[^>]*>)</p>")


@dataclass(frozen=True)
class Outside:
    """A link that climbs out of content/ (../../etc/passwd): removed from the page."""

    target: str
    line: int | None


def extension(path: str) -> str:
    return posixpath.splitext(path)[1][1:].lower()


def is_local(href: str) -> bool:
    """A relative address of a picture or an attachment: no scheme, no leading / or #, a known extension."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return False
    return extension(unquote(parts.path)) in IMAGES | ATTACHMENTS


def localized(fragment: str, folder: str, lines: list[tuple[int, str]]) -> tuple[str, list[FileRef], list[Outside]]:
    """The HTML with every local picture and attachment marked; what they are; what was refused.

    `folder` is the issue file's folder in content/ ("2025"; "" at the top).
    """
    refs: list[FileRef] = []
    refused: list[Outside] = []

    def mark(match: re.Match[str]) -> str:
        tag, attribute, value = match.groups()
        href = html.unescape(value)
        if not is_local(href):
            return match.group()
        typed = unquote(urlsplit(href).path)
        named = posixpath.normpath(typed)  # as the issue's file names it, from its own folder
        place = posixpath.normpath(posixpath.join(folder, typed))
        line = _line_of((value, href, typed), lines)
        if place == ".." or place.startswith("../") or place.startswith("/"):
            if "/static/" in "/" + named:
                return match.group()  # the site's own static/ picture, by its address on the site: as ever
            refused.append(Outside(href, line))
            return match.group().replace(f' {attribute}="{value}"', "")
        local = named if not named.startswith("..") else ""
        alt = html.unescape(dict(_ATTRIBUTE.findall(match.group())).get("alt", "")) if tag == "img" else ""
        refs.append(FileRef(place, local, line, tag == "img", alt))
        marked = match.group().replace(f'{attribute}="{value}"', f'{attribute}="{MARK}{quote(place)}"', 1)
        return marked if tag == "img" else marked.replace("<a ", '<a class="attachment" ', 1)

    fragment = _TAG.sub(mark, fragment)
    if refs and "<p><img" in fragment:
        fragment = _LONE_IMAGE.sub(_figure, fragment)
    return fragment, refs, refused


def _figure(match: re.Match[str]) -> str:
    """A picture on a paragraph of its own: a figure, captioned with its title, else its alt text."""
    image = match.group(1)
    attributes = dict(_ATTRIBUTE.findall(image))
    caption = attributes.get("title") or attributes.get("alt") or ""
    shown = f"<figcaption>{caption}</figcaption>" if caption else ""  # still escaped, as Markdown wrote it
    return f'<figure class="figure">{image}{shown}</figure>'


def _line_of(spellings: tuple[str, ...], lines: list[tuple[int, str]]) -> int | None:
    """The first line that holds the address as written (escaped, decoded, or as typed)."""
    for number, text in lines:
        if any(spelling in text for spelling in spellings):
            return number
    return lines[0][0] if lines else None
