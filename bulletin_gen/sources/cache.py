"""The persistent build cache: parsed issues, their rendered text, and what each output page was built from.

One SQLite file in the site's `.bulletin-cache/`. It holds three things:
- `sources`: per content file, its size, mtime, inode and ctime, and digest, the parsed head and
  the problems parsing reported (replayed every build, so warnings never vanish);
- `bodies`: the issue's rendered article HTML, by digest, loaded only for the
  pages that show it;
- `outputs`: per output directory, the dependency key of every file written,
  so the next build re-renders only pages whose inputs changed, and its stamp
  (size, mtime, inode, ctime) as the build left it, so a file edited or
  deleted by hand since is noticed, rebuilt, and never published.

Everything stored is keyed by a fingerprint of the tool's own code and the
site configuration; a cache written by other code or another site.yaml is
never trusted. A cache that cannot be read is set aside with a warning and
the build goes on without it. The cache lives inside the site and is written
only by the site's own builds, so unpickling it is no more trust than running
the site's templates.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, NamedTuple, TypeVar

import bulletin_gen
from bulletin_gen.base.problems import Problem, Problems
from bulletin_gen.model.issue import IssueBody, IssueHead

T = TypeVar("T")

CACHE_DIR = ".bulletin-cache"
_FILE = "build.sqlite"
_SCHEMA = 5
# A file changed within this long of being recorded may change again within the
# same mtime tick; such entries are re-hashed next time instead of trusted.
_RACY_NS = 2_000_000_000
_BODY_BATCH = 200  # bodies are written as parsing goes, so a cold build never holds them all

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, moved INTEGER,
                                    digest TEXT NOT NULL, head BLOB NOT NULL, problems BLOB);
CREATE TABLE IF NOT EXISTS bodies (digest TEXT PRIMARY KEY, body BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS outputs (directory TEXT NOT NULL, path TEXT NOT NULL, key TEXT NOT NULL,
                                    stamp INTEGER, PRIMARY KEY (directory, path));
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
                                  digest TEXT NOT NULL, width INTEGER, height INTEGER);
"""


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The version plus the package's own source: a cache from other code is never reused."""
    digest = hashlib.sha256(bulletin_gen.__version__.encode())
    package = Path(bulletin_gen.__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Parsed:
    """What parsing one content file produced, as stored and replayed."""

    digest: str
    head: IssueHead | None  # None when the file has errors
    problems: tuple[Problem, ...]


class SourceState(NamedTuple):  # one per content file on every build
    size: int
    mtime_ns: int
    # The inode and the ctime, which no program can set back: `cp -p` or `touch -r` restore a
    # file's mtime after an edit of the same size, but its ctime moves (and a file put in
    # place by rename has another inode). When these differ, the file is hashed again.
    moved: int


def source_state(path: Path) -> SourceState:
    st = os.stat(str(path))  # not path.stat(): half the cost, for every file on every build
    return SourceState(st.st_size, st.st_mtime_ns, hash((st.st_ino, st.st_ctime_ns)))


class BuildCache:
    """Open with `BuildCache.open`; `close()` when the build is done."""

    def __init__(self, path: Path, connection: sqlite3.Connection, temporary: bool, problems: Problems):
        self.path = path
        self._db = connection
        self._temporary = temporary
        self._problems = problems
        self._broken = False
        self._sources: dict[str, tuple[int | None, int | None, int | None, str, bytes, bytes]] | None = None
        self._pending_sources: list[tuple[object, ...]] = []
        self._pending_bodies: list[tuple[str, bytes]] = []
        # Kept while the cache stays open across builds (bulletin serve), so
        # a rebuild unpickles and queries only what changed.
        self._parsed: dict[str, Parsed] = {}
        self._outputs: dict[str, tuple[dict[str, str], str | None]] = {}
        self._stamps: dict[str, dict[str, int | None]] = {}
        self._swept = False

    # --- opening -----------------------------------------------------------

    @classmethod
    def open(cls, site_root: Path, config_key: str, problems: Problems, enabled: bool = True) -> "BuildCache":
        """The site's cache, or a throwaway one when disabled or unusable."""
        if enabled:
            path = site_root / CACHE_DIR / _FILE
            try:
                return cls._open_at(path, config_key, problems, temporary=False)
            except (sqlite3.DatabaseError, OSError) as exc:
                problems.warning("cache.unreadable", path, None, reason=str(exc))
                _discard(path)
                try:
                    return cls._open_at(path, config_key, problems, temporary=False)
                except (sqlite3.DatabaseError, OSError):
                    pass  # a read-only site, say: build without a lasting cache
        directory = Path(tempfile.mkdtemp(prefix="bulletin-cache-"))
        return cls._open_at(directory / _FILE, config_key, problems, temporary=True)

    @classmethod
    def _open_at(cls, path: Path, config_key: str, problems: Problems, temporary: bool) -> "BuildCache":
        path.parent.mkdir(parents=True, exist_ok=True)
        if not temporary:
            _ignore_in_git(path.parent)
        _check_not_truncated(path)
        db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.executescript(_TABLES)
            cache = cls(path, db, temporary, problems)
            cache._check_keys(config_key)
        except BaseException:
            db.close()
            raise
        return cache

    @property
    def broken(self) -> bool:
        return self._broken

    def reuse(self, config_key: str, problems: Problems) -> bool:
        """Take this open cache into another build; False when it must be opened afresh instead."""
        if self._broken or self._temporary:
            return False
        self._problems = problems
        try:
            self._check_keys(config_key)
        except sqlite3.DatabaseError:
            return False
        return True

    def _check_keys(self, config_key: str) -> None:
        stored = dict(self._db.execute("SELECT name, value FROM meta"))
        code = f"{_SCHEMA}:{code_fingerprint()}"
        if stored.get("code") not in (None, code):
            self._problems.warning("cache.other_version", self.path, None)
            self._reset(everything=True)
        elif stored.get("config") not in (None, config_key):
            self._reset(everything=False)  # site.yaml changed: parsed issues may read differently
        if stored != {"code": code, "config": config_key}:
            with self._db:
                self._db.execute("BEGIN")
                self._db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                                     [("code", code), ("config", config_key)])

    def _reset(self, everything: bool) -> None:
        """Forget parsed issues (site.yaml changed), or everything (other code: the tables may differ too)."""
        with self._db:
            self._db.execute("BEGIN")
            if everything:
                for table in ("meta", "sources", "bodies", "outputs", "files"):
                    self._db.execute(f"DROP TABLE IF EXISTS {table}")
            else:
                self._db.execute("DELETE FROM sources")
                self._db.execute("DELETE FROM bodies")
        if everything:
            self._db.executescript(_TABLES)
        self._sources, self._parsed, self._outputs, self._stamps = None, {}, {}, {}

    def templates_dir(self) -> Path | None:
        """Where compiled templates are kept; none for a throwaway cache."""
        if self._temporary:
            return None
        directory = self.path.parent / "templates"
        directory.mkdir(exist_ok=True)
        return directory

    def _guard(self, action: Callable[[], T], fallback: T) -> T:
        """Run a database action; if the file turns out damaged, warn once and carry on without it."""
        if self._broken:
            return fallback
        try:
            return action()
        except sqlite3.DatabaseError as exc:
            self._broken = True
            self._problems.warning("cache.unreadable", self.path, None, reason=str(exc))
            return fallback

    def close(self) -> None:
        self._db.close()
        if self._broken or self._temporary:
            _discard(self.path)
            try:
                self.path.parent.rmdir()
            except OSError:
                pass

    # --- parsed sources ------------------------------------------------------

    def _load_sources(self) -> dict[str, tuple[int | None, int | None, int | None, str, bytes, bytes]]:
        if self._sources is None:
            query = "SELECT path, size, mtime_ns, moved, digest, head, problems FROM sources"
            self._sources = self._guard(lambda: {row[0]: row[1:] for row in self._db.execute(query)}, {})
        return self._sources

    def lookup(self, path: Path, state: SourceState, digest_of: Callable[[], "str | None"]) -> Parsed | None:
        """The stored parse of `path` if the file is unchanged; `digest_of` hashes it when size or mtime moved."""
        key = str(path)
        row = self._load_sources().get(key)
        if row is None:
            return None
        size, mtime_ns, moved, digest, head, problems = row
        if (size, mtime_ns, moved) != state:
            if digest_of() != digest:
                return None
            self._pending_sources.append((key, *self._stat_columns(state), digest, head, problems))
        known = self._parsed.get(key)
        if known is not None and known.digest == digest:
            return known
        try:
            stored_head, found = pickle.loads(head), pickle.loads(problems) if problems else ()
        except Exception:  # noqa: BLE001 - a damaged row is re-parsed, never trusted
            return None
        if not isinstance(stored_head, (IssueHead, type(None))) or not isinstance(found, tuple):
            return None
        if stored_head is not None:
            _give_path(stored_head, path)
        parsed = Parsed(digest, stored_head, found)
        self._parsed[key] = parsed
        return parsed

    def known_parses(self) -> Callable[[str], Parsed | None]:
        """What this cache last said of a file (by its path), taken as it is: for files a watcher saw
        no change to. The dictionary's own lookup, so that mapping it over thousands of files runs in C."""
        return self._parsed.get

    @staticmethod
    def _stat_columns(state: SourceState) -> tuple[int | None, int | None, int | None]:
        racy = time.time_ns() - state.mtime_ns < _RACY_NS
        return (None, None, None) if racy else state

    def store(self, path: Path, state: SourceState, parsed: Parsed, head: bytes | None, body: bytes | None) -> None:
        """Remember a file's parse; `head` and `body` as dump_head and dump_body made them."""
        row = (*self._stat_columns(state), parsed.digest, head or _NO_HEAD,
               pickle.dumps(parsed.problems, pickle.HIGHEST_PROTOCOL) if parsed.problems else None)
        self._pending_sources.append((str(path), *row))
        self._parsed[str(path)] = parsed
        if body is not None:
            self._pending_bodies.append((parsed.digest, body))
            if len(self._pending_bodies) >= _BODY_BATCH:
                self._flush_bodies()

    def _flush_bodies(self) -> None:
        batch, self._pending_bodies = self._pending_bodies, []
        self._transaction(lambda db: db.executemany("INSERT OR REPLACE INTO bodies VALUES (?, ?)", batch))

    def _transaction(self, action: Callable[[sqlite3.Connection], object]) -> None:
        def run() -> None:
            with self._db:
                self._db.execute("BEGIN")
                action(self._db)

        self._guard(run, None)

    def commit_parse(self, present: Iterable[str]) -> None:
        """Write what this build parsed, forget files that are gone, and drop text no file has any more."""
        known = self._load_sources()
        gone = sorted(known.keys() - set(present))
        sources, bodies = self._pending_sources, self._pending_bodies
        self._pending_sources, self._pending_bodies = [], []
        replaced = {known[path][2] for path in gone} | {known[row[0]][2] for row in sources if row[0] in known}
        for path in gone:
            del known[path]
            self._parsed.pop(path, None)
        for row in sources:
            known[str(row[0])] = row[1:]  # type: ignore[assignment]
        # A whole sweep once per open cache (it may hold leftovers of an interrupted build);
        # after that, only the bodies this build replaced, which is all a preview's save needs.
        sweep, self._swept = not self._swept, True
        orphans = [(digest,) for digest in replaced - {row[2] for row in known.values()}]

        def write(db: sqlite3.Connection) -> None:
            db.executemany("DELETE FROM sources WHERE path = ?", [(path,) for path in gone])
            db.executemany("INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?, ?, ?)", sources)
            db.executemany("INSERT OR REPLACE INTO bodies VALUES (?, ?)", bodies)
            if sweep:
                db.execute("DELETE FROM bodies WHERE digest NOT IN (SELECT digest FROM sources)")
            else:
                db.executemany("DELETE FROM bodies WHERE digest = ?", orphans)

        if gone or sources or bodies or sweep:
            self._transaction(write)

    # --- pictures and attachments ---------------------------------------------

    def file_facts(self) -> dict[str, tuple[int, int, str, int | None, int | None]]:
        """What the last builds learnt of content/'s pictures and attachments: path → (size, mtime_ns,
        sha256, width, height), trusted while the file's size and mtime are the same."""
        rows = self._guard(lambda: self._db.execute("SELECT * FROM files").fetchall(), [])
        return {row[0]: tuple(row[1:]) for row in rows}  # type: ignore[misc]

    def store_file_facts(self, rows: list[tuple[str, int, int, str, int | None, int | None]],
                         gone: Iterable[str]) -> None:
        def write(db: sqlite3.Connection) -> None:
            db.executemany("DELETE FROM files WHERE path = ?", [(path,) for path in gone])
            db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)", rows)

        self._transaction(write)

    @staticmethod
    def settled(mtime_ns: int) -> bool:
        """Whether a file last changed long enough ago that its mtime will show its next change."""
        return time.time_ns() - mtime_ns > _RACY_NS

    # --- bodies ----------------------------------------------------------------

    def body(self, digest: str) -> IssueBody | None:
        return self._guard(lambda: _load_body(self._db, digest), None)

    # --- output manifests -------------------------------------------------------

    def outputs(self, directory: Path) -> tuple[dict[str, str], str | None]:
        """The keys recorded for the last build into `directory`, and its build key when this
        process recorded them (None when they were read back from the file)."""
        return self._known_outputs(str(directory))

    def output_stamps(self, directory: Path) -> dict[str, int | None]:
        """Each output file's stamp as the last build into `directory` left it (see write.output.stamps)."""
        self._known_outputs(str(directory))
        return self._stamps[str(directory)]

    def _known_outputs(self, where: str) -> tuple[dict[str, str], str | None]:
        known = self._outputs.get(where)
        if known is None:
            query = "SELECT path, key, stamp FROM outputs WHERE directory = ?"
            rows = self._guard(lambda: list(self._db.execute(query, (where,))), [])
            known = self._outputs[where] = ({path: key for path, key, _ in rows}, None)
            self._stamps[where] = {path: stamp for path, _, stamp in rows}
        return known

    def record_outputs(self, directory: Path, keys: dict[str, str], build_key: str,
                       stamps: dict[str, int | None]) -> None:
        """Record the keys and stamps of a finished build; only rows that differ from the last build's are written."""
        where = str(directory)
        known, _ = self._known_outputs(where)
        known_stamps = self._stamps[where]
        changed = [(where, path, key, stamps.get(path)) for path, key in keys.items()
                   if known.get(path) != key or known_stamps.get(path) != stamps.get(path)]
        gone = [(where, path) for path in known.keys() - keys.keys()]

        def write(db: sqlite3.Connection) -> None:
            db.executemany("DELETE FROM outputs WHERE directory = ? AND path = ?", gone)
            db.executemany("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?)", changed)

        if changed or gone:
            self._transaction(write)
        self._outputs[where] = (dict(keys), build_key)
        self._stamps[where] = {path: stamps.get(path) for path in keys}


class BodyReader:
    """Stored bodies for a worker process, which must open the database itself."""

    def __init__(self, path: Path):
        self._db = sqlite3.connect(path, timeout=30, check_same_thread=False)

    def body(self, digest: str) -> IssueBody | None:
        return _load_body(self._db, digest)


def _load_body(db: sqlite3.Connection, digest: str) -> IssueBody | None:
    """A stored body, or None when it is missing or damaged: the caller then parses the source again."""
    try:
        row = db.execute("SELECT body FROM bodies WHERE digest = ?", (digest,)).fetchone()
        body = pickle.loads(row[0]) if row else None
    except Exception:  # noqa: BLE001 - damaged rows or file: never trusted
        return None
    return body if isinstance(body, IssueBody) else None


def _check_not_truncated(path: Path) -> None:
    """SQLite reads a cut-off file without complaint until it reaches a missing page; find out at once."""
    try:
        with path.open("rb") as file:
            header = file.read(100)
        size = path.stat().st_size
    except FileNotFoundError:
        return
    if len(header) < 100 or not header.startswith(b"SQLite format 3\0"):
        raise sqlite3.DatabaseError("not an SQLite database")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    if size < page_size * pages:
        raise sqlite3.DatabaseError(f"the file is cut short ({size} of {page_size * pages} bytes)")


def dump_body(body: IssueBody) -> bytes:
    return pickle.dumps(body, pickle.HIGHEST_PROTOCOL)


_NO_HEAD = pickle.dumps(None, pickle.HIGHEST_PROTOCOL)  # a file with errors


def dump_head(head: IssueHead) -> bytes:
    """A head as the cache stores it, without its path: rebuilding 5000 Path objects costs more
    than the rest of the heads. Done where the file was parsed, in a worker when there are many,
    so the build's own process only has to load it."""
    pathless = object.__new__(IssueHead)  # a copy: dataclasses.replace would run __init__ again
    pathless.__dict__.update(head.__dict__, source=None)
    return pickle.dumps(pathless, pickle.HIGHEST_PROTOCOL)


def load_head(data: bytes, path: Path) -> IssueHead:
    head = pickle.loads(data)
    _give_path(head, path)
    return head


def _give_path(head: IssueHead, path: Path) -> None:
    # In place: the head was just unpickled and nothing else holds it yet, and
    # dataclasses.replace would copy it, which costs as much as the unpickling.
    object.__setattr__(head, "source", path)


def _discard(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(f"{path}{suffix}")
        except OSError:
            pass


def _ignore_in_git(directory: Path) -> None:
    """The cache is never content: keep it out of the editor's commits even without a .gitignore entry."""
    marker = directory / ".gitignore"
    if not marker.exists():
        marker.write_text("*\n", encoding="utf-8")
