"""An issue's text, for the pages and files that show it: from the build cache, else from its file."""

from __future__ import annotations

from bulletin_gen.model.issue import IssueBody, IssueHead
from bulletin_gen.settings.config import SiteConfig
from bulletin_gen.sources.cache import BodyReader, BuildCache
from bulletin_gen.sources.parse_stage import reparse_body


def load_body(head: IssueHead, reader: BodyReader | BuildCache, config: SiteConfig) -> IssueBody:
    return reader.body(head.digest) or reparse_body(head, config)
