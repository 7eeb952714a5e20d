"""Everything `bulletin check` reports about a site: the build's own problems, then the content rules.

`bulletin publish` runs the same review before it copies anything, so a
site that check would fail never reaches the web server.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from bulletin_gen import checks, output
from bulletin_gen.builder import SiteContent, static_files
from bulletin_gen.config import today
from bulletin_gen.problems import BuildFailed, Problems
from bulletin_gen.render import STATIC_PREFIX
from bulletin_gen.theme import load_theme


def review(content: SiteContent) -> Problems:
    """Every problem with the content, as check reports it; the cache must still be open."""
    config, problems = content.config, checks.promoted(content.problems)
    # The build stops at these two; a review reports them and goes on to the content.
    with contextlib.suppress(BuildFailed):
        output.check_output_dir(config.output_path.absolute(), config.root, config.content_path, problems)
    statics: dict[str, Path] = {}
    with contextlib.suppress(BuildFailed):
        statics = static_files(load_theme(config, problems), config, problems)
    checks.check_site(content.model, content.body, [STATIC_PREFIX + name for name in statics],
                      today(config.timezone), problems)
    return problems
