"""Issue pages: one per issue, its whole text with links to the issues either side."""

from __future__ import annotations

from typing import Sequence

from bulletin_gen.base.problems import Problems
from bulletin_gen.model.issue import Issue, IssueHead
from bulletin_gen.model.site import IssuePage, SiteModel
from bulletin_gen.render.kind import Output, OutputKind, Planning, listing, page_key, reuse
from bulletin_gen.render.renderer import PageRenderer


class IssuePages(OutputKind):
    name, template = "issue", "issue.html"

    def plan(self, model: SiteModel, planning: Planning, last: Sequence[Output]) -> list[Output]:
        base = planning.page_base

        def output(page: IssuePage) -> Output:
            # The neighbours' listings, not their text: their number and date are in the prev/next links.
            key = page_key(base, self.name, page.path, page.issue.digest, listing(page.prev), listing(page.next))
            return Output(page.path, self.name, key, page)

        return reuse(model.issue_pages, last, output)

    def texts_of(self, output: Output) -> Sequence[IssueHead]:
        page: IssuePage = output.subject  # type: ignore[assignment]
        return (page.issue,)

    def render(self, output: Output, texts: Sequence[Issue], renderer: PageRenderer, problems: Problems) -> bytes:
        page: IssuePage = output.subject  # type: ignore[assignment]
        return renderer.page(self.template, page.path, problems, issue=texts[0], prev=page.prev, next=page.next)
