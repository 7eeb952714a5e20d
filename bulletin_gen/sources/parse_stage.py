"""Parsing content files as a stage of the build: the cache first, then parsing what changed.

A file whose size and mtime (or, failing those, whose bytes) match the cache
is not parsed again; its stored head and problems are used as they are. The
rest are parsed, in worker processes when there are many (a cold build).
"""

from __future__ import annotations

import itertools
import operator
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from bulletin_gen.base import parallel
from bulletin_gen.base.problems import Problem, Problems
from bulletin_gen.model.issue import IssueBody, IssueHead
from bulletin_gen.settings.config import SiteConfig
from bulletin_gen.sources.cache import BuildCache, Parsed, SourceState, dump_body, dump_head, load_head, source_state
from bulletin_gen.sources.discover import Found
from bulletin_gen.sources.issue_file import parse_issue, source_digest
from bulletin_gen.text import textfile
from bulletin_gen.text.markdown_render import Renderer


@dataclass(frozen=True)
class ParseResult:
    path: Path
    state: SourceState | None  # None when the file could not be read
    digest: str
    head: bytes | None  # the IssueHead as dump_head stores it; None when the file has errors
    problems: tuple[Problem, ...]
    body: bytes | None  # the IssueBody as dump_body stores it

    def parsed(self) -> Parsed:
        return Parsed(self.digest, load_head(self.head, self.path) if self.head else None, self.problems)


def parse_stage(files: Found, config: SiteConfig, cache: BuildCache, problems: Problems,
                jobs: int | None = None, progress: parallel.Progress | None = None,
                changed: frozenset[str] | None = None) -> list[IssueHead]:
    """Heads of every issue in `files`, in order; every file's problems go into `problems`.

    `changed`, when given, holds the only files that may differ from when
    this cache last saw them (a watcher's word): the others are not even
    looked at, which is what keeps a preview's rebuild of a large site short.
    """
    paths, names = files.paths, files.names
    if changed is None:
        found: list[Parsed | None] = [_cached(path, cache, config.content_path) for path in paths]
    else:  # map and compress run in C: this is per file, on every save while a preview runs
        found = list(map(cache.known_parses(), names))
        for i in {*_where_none(found), *itertools.compress(range(len(paths)), map(changed.__contains__, names))}:
            found[i] = _cached(paths[i], cache, config.content_path)
    missing = list(_where_none(found))
    if progress:
        progress.start("parse", len(missing))
    results = parallel.run(parse_files, [paths[i] for i in missing], init_parser, (config,), jobs,
                           progress.advance if progress else None)
    for i, result in zip(missing, results):
        parsed = found[i] = result.parsed()
        if result.state is not None:
            cache.store(result.path, result.state, parsed, result.head, result.body)
    cache.commit_parse(names)
    problems.extend(itertools.chain.from_iterable(map(_problems_of, found)))
    return list(filter(None, map(_head_of, found)))


def _where_none(items: list[Parsed | None]) -> Iterator[int]:
    return itertools.compress(range(len(items)), map(operator.is_, items, itertools.repeat(None)))


_problems_of = operator.attrgetter("problems")
_head_of = operator.attrgetter("head")


def _cached(path: Path, cache: BuildCache, content_dir: Path) -> Parsed | None:
    try:
        state = source_state(path)
    except OSError:
        return None

    def digest() -> str | None:
        try:
            return source_digest(path, path.read_bytes(), content_dir)
        except OSError:
            return None

    return cache.lookup(path, state, digest)


# --- the work itself, run in this process or a worker ----------------------------

_config: SiteConfig | None = None
_markdown: Renderer | None = None


def init_parser(config: SiteConfig) -> None:
    global _config
    _config = config


def _shared_markdown() -> Renderer:
    """One Markdown renderer per process, shared by every file it parses."""
    global _markdown
    _markdown = _markdown or Renderer()
    return _markdown


def parse_files(paths: Sequence[Path]) -> list[ParseResult]:
    assert _config is not None, "init_parser first"
    config, markdown = _config, _shared_markdown()
    results = []
    for path in paths:
        problems = Problems()
        try:
            state: SourceState | None = source_state(path)
        except OSError:
            state = None
        data = textfile.read_bytes(path, problems)
        issue = parse_issue(path, config, markdown, problems, data) if data is not None else None
        if issue is not None:
            digest = issue.head.digest
        else:  # unreadable or no usable front matter: still cached, with its problems
            digest = source_digest(path, data, config.content_path) if data is not None else ""
        results.append(ParseResult(path, state if data is not None else None, digest,
                                   dump_head(issue.head) if issue else None, tuple(problems.items),
                                   dump_body(issue.body) if issue else None))
    return results


def reparse_body(head: IssueHead, config: SiteConfig) -> IssueBody:
    """An issue's text straight from its file, when the cache does not have it."""
    issue = parse_issue(head.source, config, _shared_markdown(), Problems())
    return issue.body if issue is not None else IssueBody("", "", ())
