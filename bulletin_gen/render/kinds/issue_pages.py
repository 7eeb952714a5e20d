"""Issue pages: one per issue, its whole text with links to the issues either side."""

from __future__ import annotations

from typing import Sequence

from bulletin_gen.base.problems import Problems
from bulletin_gen.model import urls
from bulletin_gen.model.issue import Issue, IssueHead
from bulletin_gen.model.site import IssuePage, SiteModel
from bulletin_gen.render import gov_meta, qr
from bulletin_gen.render.file_links import megabytes
from bulletin_gen.render.kind import Output, OutputKind, Planning, Shown, files_shown, listing, page_key, reuse
from bulletin_gen.render.kinds.print_edition import PrintEdition, edition_of, print_path
from bulletin_gen.render.renderer import PageRenderer
from bulletin_gen.text import wordcount

_PRINT = PrintEdition()


class IssuePages(OutputKind):
    name, template = "issue", "issue.html"
    after = (_PRINT.name,)  # a page links its issue's PDF, saying how large it is

    def plan(self, model: SiteModel, planning: Planning, last: Sequence[Output]) -> list[Output]:
        base = planning.page_base

        def output(page: IssuePage) -> Output:
            # The neighbours' listings, not their text: their number and date are in the prev/next links.
            key = page_key(base, self.name, page.path, page.issue.digest, listing(page.prev), listing(page.next),
                           files_shown((page.issue,), planning))
            return Output(page.path, self.name, key, page)

        return reuse(model.issue_pages, last, output)

    def texts_of(self, output: Output) -> Sequence[IssueHead]:
        page: IssuePage = output.subject  # type: ignore[assignment]
        return (page.issue,)

    def sizes_of(self, output: Output, renderer: PageRenderer) -> Sequence[str]:
        page: IssuePage = output.subject  # type: ignore[assignment]
        return (print_path(page.issue, renderer.words),) if _PRINT.wanted(renderer.config) else ()

    def render(self, output: Output, shown: Shown, renderer: PageRenderer, problems: Problems) -> bytes:
        page: IssuePage = output.subject  # type: ignore[assignment]
        printed = [(path, megabytes(size)) for path, size in shown.sizes.items()]
        config = renderer.config
        # A QR code of the page's own address: only an absolute one is worth scanning.
        code = qr.svg(urls.absolute(page.path, config.base_url), renderer.words.t("qr_label")) \
            if config.qr_code and config.base_url else None
        return renderer.page(self.template, page.path, problems, issue=shown.texts[0], prev=page.prev,
                             next=page.next, print_file=printed[0] if printed else None,
                             edition=edition_of(shown.texts[0], config), qr=code,
                             page_meta=described(shown.texts[0], renderer))


def described(issue: Issue, renderer: PageRenderer) -> gov_meta.PageMeta:
    """The issue page as the 政府网站 tags give it: title, date, summary, source, author."""
    summary = tuple(item.listing for item in issue.summary)
    text = wordcount.plain_text("".join(article.html for article in issue.articles[:2]))
    titles = tuple(dict.fromkeys(item.title for item in issue.summary)) or (issue.title,)
    return gov_meta.PageMeta(
        gov_meta.ARTICLE, title=f"{issue.title} {renderer.words.year(issue.year)}{renderer.words.issue_number(issue)}",
        description=gov_meta.description_of(summary, text), date=issue.date, keywords=titles,
        author=issue.author or issue.editor or issue.issuer, source=issue.source_label or issue.issuer,
        time=issue.time)
