"""Where the pictures and attachments of content/ go in the output: beside the page that uses them.

A file lies beside the page of the first issue (in reading order) that
links it, under the name that issue's file gives it: content/2025/img/chart.png,
linked as img/chart.png from content/2025/07.md (issue 7 of 2025), is
2025/7/img/chart.png. Every other issue that links the same file links to
that one copy, so a file is written once. Pure: the files are not looked at.
"""

from __future__ import annotations

import posixpath
from typing import Iterable

from bulletin_gen.model import urls
from bulletin_gen.model.issue import IssueHead

SHARED = "files/"  # where a file goes whose place beside its page another file has taken


def place_files(issues: Iterable[IssueHead]) -> dict[str, str]:
    """Each linked file's place in content/ → its path in the output."""
    places: dict[str, str] = {}
    taken: set[str] = set()
    for head in issues:
        folder = posixpath.dirname(urls.issue_path(head.year, head.number))
        for ref in head.files:
            if ref.path in places:
                continue
            place = f"{folder}/{ref.local or posixpath.basename(ref.path)}"
            if place in taken or place.endswith("/" + urls.INDEX):
                place = SHARED + ref.path  # two files by one name, or one that would cover the page
            places[ref.path] = place
            taken.add(place)
    return places
