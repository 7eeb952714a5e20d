"""The print edition: each issue as the paper bulletin, a PDF on A4 with its 报头, page numbers and 版记.

Only where site.yaml turns it on (`print_edition:`) and WeasyPrint can run
(it needs Pango): else the build says why, once, and makes the web pages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from pathlib import Path
from typing import Sequence

from bulletin_gen.base.problems import BuildFailed, Problems
from bulletin_gen.model.issue import Issue, IssueHead
from bulletin_gen.model.site import SiteModel
from bulletin_gen.render import fonts, pdf
from bulletin_gen.render.keys import files_key
from bulletin_gen.render.kind import Output, OutputKind, Planning, Shown, files_shown, page_key, reuse
from bulletin_gen.render.renderer import PageRenderer
from bulletin_gen.render.theme import Theme
from bulletin_gen.settings.config import PrintEdition as PrintSettings
from bulletin_gen.settings.config import SiteConfig
from bulletin_gen.settings.labels import Words
from bulletin_gen.text import numerals, wordcount

# Laid over print.css for an issue of one page, which carries no page number unless site.yaml asks.
_NO_PAGE_NUMBERS = ("@page :left { @bottom-left { content: none !important } } "
                    "@page :right { @bottom-right { content: none !important } }")
_STYLESHEET = "css/print.css"  # whose fonts the PDF is set in
# What a file name may not hold on Windows, a web server or a USB stick's FAT.
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


class PrintEdition(OutputKind):
    # A PDF takes some twenty times as long as the web page of the same issue.
    name, template, cost = "print", "print.html", 20

    def wanted(self, config: SiteConfig) -> bool:
        return config.print_edition is not None and pdf.unavailable() is None

    def made_from(self, config: SiteConfig, theme: Theme) -> str:
        # The office's fonts change every PDF, and are no static file: their bytes count.
        return files_key(office_fonts(theme, config))

    def check(self, config: SiteConfig, problems: Problems) -> None:
        reason = pdf.unavailable() if config.print_edition is not None else None
        if reason is not None:
            problems.warning("print.unavailable", *config.where("print_edition"), reason=reason)

    def plan(self, model: SiteModel, planning: Planning, last: Sequence[Output]) -> list[Output]:
        words = Words(model.config)

        def output(head: IssueHead) -> Output:
            # Its issue and nothing of the archive or the neighbours: the paper shows neither.
            path = print_path(head, words)
            return Output(path, self.name, page_key(planning.site_key, self.name, path, head.digest,
                                                    files_shown((head,), planning)), head)

        return reuse(model.issues, last, output)

    def texts_of(self, output: Output) -> Sequence[IssueHead]:
        return (output.subject,)  # type: ignore[return-value]

    def render(self, output: Output, shown: Shown, renderer: PageRenderer, problems: Problems) -> bytes:
        issue, config = shown.texts[0], renderer.config
        edition = edition_of(issue, config)
        assert edition is not None
        html = renderer.page(self.template, output.path, problems, issue=issue, edition=edition).decode("utf-8")
        data, pages = make_pdf(html, output.path, issue.date, renderer, problems, issue.source)
        if pages == 1 and not edition.number_single_page:
            data, _ = make_pdf(html, output.path, issue.date, renderer, problems, issue.source, _NO_PAGE_NUMBERS)
        _warn_missing_glyphs(issue, html, renderer.theme, config, problems)
        return data


def make_pdf(html: str, path: str, day: dt.date, renderer: PageRenderer, problems: Problems,
             source: Path | None = None, extra_css: str = "") -> tuple[bytes, int]:
    """The PDF of a print page living at `path`, dated `day`, set with the theme's files and the
    office's fonts, and its number of pages; a failure is the editor's message (at `source`)."""
    config, office = renderer.config, office_fonts(renderer.theme, renderer.config)
    try:
        pictures = {found.output: found.source for found in renderer.files.values() if found is not None}
        return pdf.to_pdf(html, path, _static_files(renderer.theme), pdf.PdfMeta(config.language, day, config.timezone),
                          fonts.font_faces(office, pdf.FONTS_URL) + extra_css, office, pictures)
    except Exception as exc:  # noqa: BLE001 - a PDF that cannot be made is the editor's message, not a traceback
        problems.error("print.failed", source, None, message=f"{type(exc).__name__}: {exc}")
        raise BuildFailed(problems) from None


def office_fonts(theme: Theme, config: SiteConfig) -> dict[str, Path]:
    """The office's own fonts: the theme's fonts/ folder, then the site's (which wins)."""
    return fonts.office_fonts((theme.directory / "fonts", config.root / "fonts"))


def check_glyphs(issue: Issue, theme: Theme, config: SiteConfig, problems: Problems) -> None:
    """The missing-glyph warnings of an issue's PDF, without making it (for `bulletin check`)."""
    articles = issue.articles
    parts = [issue.title, issue.issuer, issue.note_html, issue.lead_html,
             *(item.title + item.subtitle for item in issue.summary),
             *(f"{a.kicker}{a.title}{a.subtitle}{a.note_html}{a.html}{a.credit.name if a.credit else ''}" for a in articles)]
    _warn_missing_glyphs(issue, "\n".join(parts), theme, config, problems)


def _warn_missing_glyphs(issue: Issue, html: str, theme: Theme, config: SiteConfig, problems: Problems) -> None:
    """Each character no font of print.css has (it prints as an empty box), at its line in the issue."""
    stylesheet = _static_files(theme).get(_STYLESHEET)
    if stylesheet is None:
        return
    office = tuple(office_fonts(theme, config).values())
    missing = fonts.missing(wordcount.plain_text(html), stylesheet, office)
    lines = _source_lines(issue.source) if missing else []  # read only to say where
    for char in missing:
        line = next((number for number, text in enumerate(lines, start=1) if char in text), None)
        problems.warning("print.missing_glyph", issue.source, line, char=char, code=f"U+{ord(char):04X}")


def _source_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError:
        return []


def edition_of(issue: Issue, config: SiteConfig) -> PrintSettings | None:
    """site.yaml's print_edition with the issue's own `print:` over it; None when it is off."""
    if config.print_edition is None:
        return None
    return dataclasses.replace(config.print_edition, **dict(issue.print_overrides))  # type: ignore[arg-type]


def print_path(head: IssueHead, words: Words) -> str:
    """2025/7/组工信息2025年第7期.pdf: beside the issue's page, named as offices file it."""
    name = words.t("print_file", name=head.title, year=head.year, number=head.number,
                   number_cn=numerals.chinese_number(head.number))
    return f"{head.year}/{head.number}/{_NOT_IN_NAMES.sub('_', name).strip(' .') or head.number}.pdf"


@functools.lru_cache(maxsize=4)
def _static_files(theme: Theme) -> dict[str, Path]:
    return theme.static_files()
