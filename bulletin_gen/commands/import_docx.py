"""`bulletin import`: Word or WPS documents (.docx) become a new issue file, a draft, with nothing lost silently.

One document with a 报头 is a whole issue (its 期号, 总期号, date, 内容摘要
and 版记 read from it); several documents are one article each, in the order
given. Whatever cannot be carried over is said as `FILE.docx: 第N段: …`, its
text kept. The file is created, never written over.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from bulletin_gen.base import i18n
from bulletin_gen.base.problems import Problems, display_path
from bulletin_gen.commands import add_site_argument, scaffold
from bulletin_gen.commands.new import _date, _number, new_place
from bulletin_gen.console.report import Reporter
from bulletin_gen.model import ordering
from bulletin_gen.settings.config import load_config
from bulletin_gen.sources.issue_file import parse_issue
from bulletin_gen.text.markdown_render import Renderer
from bulletin_gen.write.output import write_atomically

if TYPE_CHECKING:
    from bulletin_gen.wordimport.mapping import Mapped


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "import", help="a Word document becomes an issue / 把 Word 稿件导入为一期",
        description="Turn .docx files (Word, WPS) into a new issue file in content/<year>/, as a draft: one "
                    "document with a masthead is a whole issue, several are one article each. Never overwrites.")
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE.docx")
    add_site_argument(parser)
    parser.add_argument("--date", type=_date, help="the issue's date, YYYY-MM-DD (default: the masthead's, else today)")
    parser.add_argument("--issue", type=_number, metavar="N", help="the 期号 (default: the masthead's, else the next)")
    parser.add_argument("--into", type=Path, metavar="ISSUE.md",
                        help="add the documents' articles to the end of this draft (an issue file with draft: true)")
    parser.add_argument("--dry-run", action="store_true", help="print the issue file and the pictures; write nothing")
    parser.set_defaults(run=run, failed_message="cli.failed_read")


def run(args: argparse.Namespace, reporter: Reporter) -> int:
    # Imported here, not with the command line: python-docx and lxml cost every other command 50 ms to load.
    from bulletin_gen.wordimport.mapping import Article, Mapped, map_document
    from bulletin_gen.wordimport.opening import Refused, open_document
    from bulletin_gen.wordimport.reading import DAMAGED, read_document

    language = reporter.language
    mapped = Mapped()
    with tempfile.TemporaryDirectory(prefix="bulletin-import-") as work:
        for index, path in enumerate(args.files):
            def say(key: str, where: str = "", **params: object) -> None:
                reporter.error(f"{path.name}: {where}" + i18n.message(key, language, **params))

            try:
                opened = open_document(path, Path(work))
                read = read_document(opened.path)
            except Refused as refused:
                say(refused.key, **refused.params)
                return 1
            except DAMAGED:  # a part python-docx cannot read: the editor's message, not a traceback
                say("import.corrupt")
                return 1
            if opened.converted_from is not None:
                say("import.converted")
            for noted in dict.fromkeys(read.noted):  # once per paragraph and kind
                say(noted.what, i18n.message("import.where", language, number=noted.number))
            one = map_document(read.blocks)
            if not one.sections and one.lead:  # no line looked like a title: the file's name is one
                say("import.no_title", title=path.stem)
                one.sections.append(("article", Article(titles=[path.stem], lines=one.lead)))
                one.lead = []
            _merge(mapped, one, first=index == 0)
    return _append(mapped, args, reporter) if args.into else _write(mapped, args, reporter)


def _append(mapped: Mapped, args: argparse.Namespace, reporter: Reporter) -> int:
    """The articles added to a draft: only a draft, only through a temporary file and a rename."""
    from bulletin_gen.wordimport.writing import appended_text

    language, path = reporter.language, args.into
    problems = Problems()
    config, _ = load_config(args.site.absolute())
    if not path.absolute().resolve().is_relative_to(config.content_path.resolve()):
        reporter.error(i18n.message("import.not_in_content", language, path=display_path(path, Path.cwd())))
        return 1
    issue = parse_issue(path.absolute(), config, Renderer(), problems) if path.is_file() else None
    if issue is None or not issue.head.draft:
        reporter.error(i18n.message("import.not_a_draft", language, path=display_path(path, Path.cwd())))
        return 1
    taken = {child.name for child in path.parent.iterdir()}
    raw = path.read_bytes()
    written = appended_text(raw.decode("utf-8-sig").replace("\r\n", "\n"), mapped, path.stem, taken)
    if args.dry_run:
        reporter.say(written.text.rstrip("\n"))
        return 0
    for name, data in written.files:
        _create_bytes(path.parent / name, data)
    # As the editor's file was: a BOM (Notepad's) and Windows line ends, if it had them.
    data = written.text.replace("\n", "\r\n") if b"\r\n" in raw else written.text
    write_atomically(path, (b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b"") + data.encode("utf-8"))
    reporter.say(display_path(path, Path.cwd()))
    reporter.error(i18n.message("import.appended", language, articles=sum(kind == "article" for kind, _ in
                                                                          mapped.sections), pictures=len(written.files)))
    return 0


def _merge(into: Mapped, mapped: Mapped, first: bool) -> None:
    """Several documents, one issue: the first one's masthead and 版记, every one's articles in order."""
    from bulletin_gen.wordimport.mapping import Article

    if first:
        into.number, into.total, into.date = mapped.number, mapped.total, mapped.date
        into.summary, into.distribution, into.copies = mapped.summary, mapped.distribution, mapped.copies
        into.lead = mapped.lead
    elif mapped.lead:  # text before a later document's title: it belongs to the article before
        into.sections.append(("article", Article(lines=mapped.lead)))
    into.sections.extend(mapped.sections)


def _write(mapped: Mapped, args: argparse.Namespace, reporter: Reporter) -> int:
    from bulletin_gen.wordimport.writing import issue_text

    language = reporter.language
    place = new_place(args.site, args.date or mapped.date, args.issue or mapped.number, reporter)
    if place is None:
        return 1
    day, number, path = place.day, place.number, place.path
    written = issue_text(mapped, number, day, mapped.total or ordering.next_total(place.issues), path.stem)
    if args.dry_run:
        reporter.say(written.text.rstrip("\n"))
        for name, data in written.files:
            reporter.error(i18n.message("import.would_copy", language, path=display_path(path.parent / name, Path.cwd()),
                                        size=len(data)))
        return 0
    try:
        for name, data in written.files:
            _create_bytes(path.parent / name, data)
        scaffold.create(path, written.text)
    except FileExistsError as exists:
        reporter.error(i18n.message("new.exists", language, path=display_path(Path(exists.filename or path), Path.cwd())))
        return 1
    reporter.say(display_path(path, Path.cwd()))
    reporter.error(i18n.message("import.created", language, number=number, date=day.isoformat(),
                                pictures=len(written.files)))
    return 0


def _create_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as new_file:  # never over a file already there
        new_file.write(data)
