"""What an output kind is: one sort of file a build writes (issue pages, the feed, static files…).

A kind plans its files from the site model, each with the key of what it is
made from, and renders one of them from the model and the theme. The plan,
the render stage and the write stage go through the registered kinds (see
kinds/__init__.py) and never name one: a new sort of output is one new kind.
"""

from __future__ import annotations

import functools
import operator
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Callable, Mapping, NamedTuple, Sequence, TypeVar

from bulletin_gen.base.problems import Problems
from bulletin_gen.model.identity import replaced_at
from bulletin_gen.model.issue import Issue, IssueHead
from bulletin_gen.model.site import SiteModel
from bulletin_gen.render.keys import key_of
from bulletin_gen.settings.config import SiteConfig
from bulletin_gen.sources.content_files import LocalFile

if TYPE_CHECKING:
    from bulletin_gen.render.renderer import PageRenderer
    from bulletin_gen.render.theme import Theme

P = TypeVar("P")


class Output(NamedTuple):
    """One file to write: where, of which kind, the key of what it is made from, and what it shows.

    A named tuple, not a dataclass: a build makes one per page, and making
    thousands of frozen dataclasses is a noticeable part of a preview's rebuild.
    """

    path: str
    kind: str  # the name of the kind that renders it
    key: str
    subject: object = None  # what it shows, as its kind reads it: an IssuePage, an ArchivePage, …


class Planning(NamedTuple):
    """What every kind plans from besides the model: the keys all files share, and the static files."""

    site_key: str  # the code, site.yaml, the templates and the static files
    page_base: str  # the site key and the years: what every page shows (its archive navigation)
    statics: dict[str, Path]  # path under static/ → the theme or site file that provides it
    static_digests: dict[str, str]  # path under static/ → sha256 of its bytes
    # Each picture and attachment the issues link to (place in content/ → as it lies; None: missing).
    files: Mapping[str, LocalFile | None] = MappingProxyType({})


class Shown(NamedTuple):
    """What a file shows besides its subject, loaded for it by the render stage."""

    texts: Sequence[Issue]  # the issues `texts_of` named, with their text
    sizes: dict[str, int]  # the sizes in bytes of the files `sizes_of` named that exist


class OutputKind:
    """One sort of output. Subclasses set the name and override plan and render."""

    name: str = ""
    template: str | None = None  # the theme template its files are rendered with, if any
    # How long one file of this kind takes to render, relative to the others: the slowest are
    # rendered first, so that no worker is left finishing the stats page while the others wait.
    cost: int = 1
    # The kinds whose files this kind's files show something of (their size): those are
    # rendered first, in a wave of their own.
    after: tuple[str, ...] = ()

    def wanted(self, config: SiteConfig) -> bool:
        """Whether this site has files of this kind at all (the stats page can be turned off)."""
        return True

    def made_from(self, config: SiteConfig, theme: Theme) -> str:
        """A key of what else, beyond the model, site.yaml and the theme's templates and static
        files, this kind's files are made from (the office's fonts); "" for nothing else."""
        return ""

    def check(self, config: SiteConfig, problems: Problems) -> None:
        """Report what stops this kind from being made here (a missing system library), once a build."""

    def plan(self, model: SiteModel, planning: Planning, last: Sequence[Output]) -> list[Output]:
        """Every file of this kind and its key. Pure. `last` is this kind's plan of the build
        whose model lent its parts to this one (see model/site.py), for reuse; or empty."""
        raise NotImplementedError

    def texts_of(self, output: Output) -> Sequence[IssueHead]:
        """The issues whose text the file shows: the render stage loads them for it."""
        return ()

    def sizes_of(self, output: Output, renderer: PageRenderer) -> Sequence[str]:
        """The other output files whose size the file shows (a link's "PDF, 0.4 MB")."""
        return ()

    def render(self, output: Output, shown: Shown, renderer: PageRenderer, problems: Problems) -> bytes:
        """The file's bytes, from its subject and what `shown` holds."""
        raise NotImplementedError


# Page keys are made from a few short strings; the same ones come back build after
# build while a preview runs, and hashing is most of what computing 5000 of them costs.
page_key = functools.lru_cache(maxsize=1 << 16)(key_of)


def listing(head: IssueHead | None) -> str:
    """What a page shows of an issue it links to (number, date, title), or "-" for none."""
    return head.listing if head is not None else "-"


def files_shown(heads: Sequence[IssueHead | None], planning: Planning) -> tuple[tuple[str, str, str], ...]:
    """What a file shows of the pictures and attachments of these issues: where each is, and its digest."""
    shown = []
    for head in heads:
        for ref in head.files if head is not None else ():
            found = planning.files.get(ref.path)
            shown.append((ref.path, found.output, found.digest) if found else (ref.path, "", ""))
    return tuple(shown)


def reuse(subjects: Sequence[P], last: Sequence[Output], make: Callable[[P], Output]) -> list[Output]:
    """An output per subject; where `last` has one in the same place made for the very same subject, that one."""
    if len(last) != len(subjects):
        return [make(subject) for subject in subjects]
    outputs = list(last)
    # In C: a preview's rebuild after one save finds the one or three pages that differ among thousands.
    for i in replaced_at(list(map(operator.attrgetter("subject"), last)), subjects):
        outputs[i] = make(subjects[i])
    return outputs
