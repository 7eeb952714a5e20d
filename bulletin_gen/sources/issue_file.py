"""One issue file → one `Issue`, reporting every problem found on the way."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from bulletin_gen.base.problems import Problems, did_you_mean
from bulletin_gen.model.issue import (Column, Issue, IssueBody, IssueHead, Section, SummaryItem, articles_of,
                                      joined_lines, listing_title)
from bulletin_gen.settings.config import SiteConfig
from bulletin_gen.sources.body import split_body
from bulletin_gen.sources.meta import Meta, RawSummaryItem, read_meta
from bulletin_gen.sources.sections import SectionBuilder
from bulletin_gen.text import frontmatter, wordcount, textfile
from bulletin_gen.text.markdown_render import Renderer


def source_digest(path: Path, data: bytes, content_dir: Path) -> str:
    """A file's bytes and its place in content/: what its pages are made from.

    Its place, not its absolute path: the same content in another folder is
    the same site, with the same keys in the output's marker.
    """
    try:
        place = path.relative_to(content_dir).as_posix()
    except ValueError:
        place = str(path)
    return hashlib.sha256(place.encode("utf-8", "surrogateescape") + b"\0" + data).hexdigest()


def _folder(path: Path, content_dir: Path) -> str:
    """The issue file's folder in content/, POSIX ("" at the top), which its pictures' names start from."""
    try:
        folder = path.parent.relative_to(content_dir).as_posix()
    except ValueError:
        return ""
    return "" if folder == "." else folder


def parse_issue(path: Path, config: SiteConfig, markdown: Renderer, problems: Problems,
                data: bytes | None = None) -> Issue | None:
    """Parse as far as possible, so one run reports the body's problems even when the front matter has some.

    `data` is the file's bytes when the caller has already read them.
    """
    if data is None:
        data = textfile.read_bytes(path, problems)
        if data is None:
            return None
    text = textfile.decode(data, path, problems)
    if text is None:
        return None
    part = frontmatter.split(text, path, problems)
    if part is None:
        return None
    fm = frontmatter.load(part, path, problems)
    meta = read_meta(fm, path, problems) if fm is not None else None
    builder = SectionBuilder(path, problems, markdown, config.paragraphs == "lines",
                             meta.contributing if meta else None, config.punctuation == "full_width",
                             _folder(path, config.content_path))
    note_html, lead_html, sections = builder.build(split_body(part.body, part.body_first_line))
    if not sections:
        problems.warning("body.no_articles", path, part.body_first_line)
    if meta is None:
        return None
    articles = articles_of(sections)
    head = IssueHead(
        source=path,
        digest=source_digest(path, data, config.content_path),
        number=meta.number,
        number_line=meta.number_line,
        date=meta.date,
        total=meta.total,
        title=meta.title or config.name,
        issuer=meta.issuer or config.issuer,
        summary=_summary(meta, sections, config.summary, path, problems),
        contributing=meta.contributing,
        editor=meta.editor,
        source_label=meta.source,
        author=meta.author,
        draft=meta.draft,
        date_line=meta.date_line,
        credits=tuple(article.credit.name if article.credit else "" for article in articles),
        files=tuple(builder.files),
        time=meta.time,
    ).with_listing_key()
    length = wordcount.total((wordcount.of_html(note_html), wordcount.of_html(lead_html),
                            *(article.length for article in articles)))
    return Issue(head, IssueBody(note_html, lead_html, sections, length, meta.print_overrides))


def title_key(text: str) -> str:
    """Compare titles as editors see them: ignore spacing, width and bullets."""
    return re.sub(r"[\s●•·【】\[\]]+", "", textfile.to_halfwidth(text))


def _targets(sections: tuple[Section, ...]) -> dict[str, str]:
    """Every title a summary item may name → the anchor it links to."""
    targets: dict[str, str] = {}
    for section in sections:
        if isinstance(section, Column):
            targets.setdefault(title_key(section.name), section.anchor)
            titled = [item for item in section.items if item.title]
        else:
            titled = [section]
        for article in titled:
            targets.setdefault(title_key(article.title + article.subtitle), article.anchor)
            targets.setdefault(title_key(article.title), article.anchor)
            targets.setdefault(title_key(article.title_lines[0]), article.anchor)
    return targets


def _summary(meta: Meta, sections: tuple[Section, ...], policy: str, path: Path,
             problems: Problems) -> tuple[SummaryItem, ...]:
    if meta.summary is None:
        if policy == "required":
            problems.warning("summary.missing", path, meta.number_line)
        # Many bulletins print none: one is made from the titles only where site.yaml says so.
        return tuple(_derived_item(section) for section in sections) if policy == "auto" else ()
    targets = _targets(sections)
    items = []
    for index, raw in enumerate(meta.summary, start=1):
        anchor = targets.get(title_key(raw.title + raw.subtitle)) or targets.get(title_key(raw.title))
        if anchor is None:
            _warn_unmatched(index, raw, sections, path, problems)
        items.append(SummaryItem(raw.title, raw.subtitle, anchor))
    return tuple(items)


def _derived_item(section: Section) -> SummaryItem:
    if isinstance(section, Column):
        return SummaryItem(section.name, "", section.anchor)
    # As a bulletin's 内容摘要 sets it: the 主题's first line, then what follows it (a second line, the 副题).
    first, *rest = section.title_lines or ("",)
    return SummaryItem(first, listing_title(joined_lines(tuple(rest)), section.subtitle), section.anchor)


def _warn_unmatched(index: int, raw: RawSummaryItem, sections: tuple[Section, ...], path: Path,
                    problems: Problems) -> None:
    titles = [s.name if isinstance(s, Column) else s.title for s in sections]
    problems.warning("summary.no_match", path, raw.line, index=index, item=raw.title,
                     hint=did_you_mean(raw.title, titles, 0.5))

