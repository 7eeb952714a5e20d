"""Everything `bulletin check` reports about a site: the build's own problems, then the content rules.

`bulletin publish` runs the same review before it copies anything, so a
site that check would fail never reaches the web server.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from bulletin_gen.base.problems import BuildFailed, Problems
from bulletin_gen.check import rules
from bulletin_gen.pipeline.builder import SiteContent, static_files
from bulletin_gen.model.issue import Issue
from bulletin_gen.render import kinds
from bulletin_gen.render.kind import Planning, Shown
from bulletin_gen.render.kinds.print_edition import PrintEdition, check_glyphs
from bulletin_gen.render.renderer import STATIC_PREFIX, PageRenderer
from bulletin_gen.render.theme import Theme, load_theme
from bulletin_gen.settings.config import SITE_CODE, SiteConfig, today
from bulletin_gen.sources.content_files import local_files, report_missing
from bulletin_gen.write import output


def review(content: SiteContent) -> Problems:
    """Every problem with the content, as check reports it; the cache must still be open."""
    config, problems = content.config, rules.promoted(content.problems)
    # The build stops at these two; a review reports them and goes on to the content.
    with contextlib.suppress(BuildFailed):
        output.check_output_dir(config.output_path.absolute(), config.root, config.content_path, problems,
                                config.where("output_dir"))
    statics: dict[str, Path] = {}
    with contextlib.suppress(BuildFailed):
        theme = load_theme(config, problems, kinds.templates(config))
        kinds.check(config, problems)
        statics = static_files(theme, config, problems)
        if not problems.has_errors():
            try_templates(content, theme, statics, problems)
            printable_glyphs(content, theme, problems)
    rules.check_site(content.model, content.body, [STATIC_PREFIX + name for name in statics],
                     today(config.timezone), problems)
    pictures_and_attachments(content, problems)
    _check_site_code(config, problems)
    return problems


def pictures_and_attachments(content: SiteContent, problems: Problems) -> None:
    """Links to files that are not there (errors: the page would lack them), pictures without alt text or
    too large for a phone, and files in content/ that no issue links to."""
    files = local_files(content.model.file_places, content.config.content_path, content.cache)
    missing = Problems()
    report_missing(content.model.issues, files, content.others, missing)
    problems.extend(rules.promoted(missing).items)
    rules.pictures(content.model.issues, files, problems)
    rules.unused_files(content.others - content.drafts_use, content.model.issues, content.config.content_path,
                       problems)


def _check_site_code(config: SiteConfig, problems: Problems) -> None:
    """The SiteIDCode tag every page carries, as inspections read it."""
    code = config.footer.site_code
    if code and not SITE_CODE.fullmatch(code):
        problems.error("check.site_code", config.root / "site.yaml", config.where("footer.site_code")[1], code=code)
    elif not code and (config.footer.icp or config.footer.police or config.footer.sponsor):
        # A government site's filing footer without its code: the SiteIDCode tag every page must carry is empty.
        problems.info("check.no_site_code", config.root / "site.yaml", config.where("footer")[1])


def printable_glyphs(content: SiteContent, theme: Theme, problems: Problems) -> None:
    """Every issue's characters that no print font has, where the print edition is made."""
    if not PrintEdition().wanted(content.config):
        return
    found = Problems()
    for head in content.model.issues:
        check_glyphs(Issue(head, content.body(head)), theme, content.config, found)
    problems.extend(problem for problem in found.items if problem not in problems.items)  # once each


# What a theme's templates/ may hold beside templates (a README, a picture) is not compiled.
_TEMPLATE_SUFFIXES = (".html", ".htm", ".xml", ".txt", ".j2", ".jinja")


def try_templates(content: SiteContent, theme: Theme, statics: dict[str, Path], problems: Problems) -> None:
    """Compile every template and render one page of each kind, as the build would.

    A syntax error in a template no page uses yet, or an undefined variable,
    would otherwise pass check and then fail the build.
    """
    renderer = PageRenderer(content.config, theme, {name: "" for name in statics}, content.model.years)
    for name in theme.template_files():
        if name.endswith(_TEMPLATE_SUFFIXES) and not renderer.compiles(name, problems):
            return  # every page that uses it would report the same error again
    planning = Planning("check", "check", statics, {name: "" for name in statics})
    for kind in kinds.KINDS:
        planned = kind.plan(content.model, planning, ()) if kind.template and kind.wanted(content.config) else []
        if planned:
            texts = [Issue(head, content.body(head)) for head in kind.texts_of(planned[0])]
            with contextlib.suppress(BuildFailed):
                kind.render(planned[0], Shown(texts, {}), renderer, problems)
