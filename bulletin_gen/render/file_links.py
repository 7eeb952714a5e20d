"""A page's marked pictures and attachments (sources/file_refs.py) turned into what a reader gets.

- a picture: its address from the page, its width and height (so the page
  does not jump as it loads), and `loading="lazy"` for every picture but the
  page's first, which may be on the first screen;
- an attachment: `附件：名称（PDF，1.2 MB）`, the label unless the name already
  says 附件, and the kind and size after it;
- the feed (and any page read elsewhere) gets absolute addresses.

A file that is missing keeps its name and loses its address: the build and
`bulletin check` say which and where.
"""

from __future__ import annotations

import re
from typing import Callable, Mapping
from urllib.parse import quote, unquote

from bulletin_gen.model import urls
from bulletin_gen.sources.content_files import LocalFile
from bulletin_gen.sources.file_refs import MARK, extension

_IMAGE = re.compile(rf'<img\s([^>]*?)src="{MARK}([^"]*)"([^>]*)>')
_ATTACHMENT = re.compile(rf'<a class="attachment" href="{MARK}([^"]*)"([^>]*)>(.*?)</a>', re.S)
# How Windows names these kinds of file, as an editor knows them.
_KIND_NAMES = {"doc": "Word", "docx": "Word", "xls": "Excel", "xlsx": "Excel", "ppt": "PPT", "pptx": "PPT",
               "wps": "WPS", "et": "WPS表格", "dps": "WPS演示", "zip": "ZIP", "rar": "RAR", "7z": "7Z",
               "ofd": "OFD", "pdf": "PDF", "txt": "TXT", "csv": "CSV"}


def megabytes(size: int) -> str:
    """0.4 MB: a file's size as Windows' Explorer gives it (MB of 1024 × 1024 bytes), at least 0.1."""
    return f"{max(size / (1024 * 1024), 0.1):.1f} MB"


def linked(html: str, page_path: str, files: Mapping[str, LocalFile | None], t: Callable[..., str],
           base_url: str | None = None, pretty: bool = False) -> str:
    """`html` with its marks resolved for the page at `page_path` (absolute addresses with `base_url`)."""
    if MARK not in html:
        return html

    def address(found: LocalFile) -> str:
        target = found.output
        link = urls.absolute(target, base_url) if base_url else urls.relative(target, page_path, pretty)
        return quote(link, safe="/:#?=&%.-_~")

    seen = [0]

    def image(match: re.Match[str]) -> str:
        before, place, after = match.group(1), unquote(match.group(2)), match.group(3)
        found = files.get(place)
        if found is None:
            return f"<img {before.strip()}{after}>".replace("  ", " ")
        size = f' width="{found.width}" height="{found.height}"' if found.width and found.height else ""
        seen[0] += 1
        lazy = ' loading="lazy"' if seen[0] > 1 else ""  # the first may be on the first screen
        return f'<img {before}src="{address(found)}"{size}{lazy} decoding="async"{after}>'

    def attachment(match: re.Match[str]) -> str:
        place, rest, name = unquote(match.group(1)), match.group(2), match.group(3)
        found = files.get(place)
        label = "" if name.lstrip().startswith("附件") else t("attachment")
        if found is None:
            return f'<span class="attachment">{label}{name}</span>'
        kind = _KIND_NAMES.get(extension(place), extension(place).upper())
        about = t("attachment_about", kind=kind, size=megabytes(found.size))
        return f'<span class="attachment">{label}<a href="{address(found)}"{rest}>{name}</a>{about}</span>'

    return _ATTACHMENT.sub(attachment, _IMAGE.sub(image, html))
