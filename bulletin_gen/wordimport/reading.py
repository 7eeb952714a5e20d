"""A Word document as a run of blocks: paragraphs with their look, tables, pictures, and what was set aside.

python-docx reads the document; this keeps, for each paragraph in reading
order, its text in bold and plain pieces, and what its look says (its style's
name, centring, the largest type size, the Chinese font, the first-line
indent), and pulls out what a paragraph holds beside text: pictures, text
boxes, tracked changes, comments, fields, embedded objects. What cannot be
carried into Markdown is noted with the paragraph's number (第N段), for the
editor; its text is always kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import zipfile

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml.etree import XMLSyntaxError

from bulletin_gen.text.textfile import WORD_LINE_BREAK  # Word's Shift+Enter, as the issue format reads it
from docx.table import Table
from docx.text.paragraph import Paragraph

# What reading a damaged document raises: its package, a part's XML, a value python-docx has no meaning for.
DAMAGED = (PackageNotFoundError, zipfile.BadZipFile, XMLSyntaxError, KeyError, ValueError)


@dataclass(frozen=True)
class Picture:
    data: bytes
    suffix: str  # ".png", ".jpeg", …
    alt: str  # the document's description of it, "" when it has none


@dataclass(frozen=True)
class Para:
    number: int  # counted from 1 over the document's paragraphs, as the editor's 第N段
    pieces: tuple[tuple[str, bool], ...]  # (text, bold), neighbours of the same weight joined
    style: str
    centered: bool
    size: float | None  # the largest type size of its text, in points
    font: str  # the Chinese font of its first text, "" when not set
    indented: bool  # a first-line indent
    pictures: tuple[Picture, ...] = ()
    notes: tuple[str, ...] = ()  # the footnotes and endnotes it refers to, by their marks (注1), as text

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.pieces)


@dataclass(frozen=True)
class Grid:
    number: int  # the paragraph number it follows
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Noted:
    number: int
    what: str  # the message key of what was set aside or changed


@dataclass(frozen=True)
class StyleLook:
    """What a paragraph style gives its text: its name, weight, size, and whether it centres."""

    name: str
    bold: bool
    size: float | None
    centered: bool | None  # None: the style says nothing, the paragraph may


@dataclass
class ReadDocument:
    blocks: list[Para | Grid] = field(default_factory=list)
    noted: list[Noted] = field(default_factory=list)
    # Each paragraph style's look, worked out once: python-docx finds a paragraph's style by scanning
    # every style of the document each time (most of an import's time on a long document, before).
    styles: dict[str, StyleLook] = field(default_factory=dict)

    def look_of(self, paragraph: Paragraph) -> StyleLook:
        properties = paragraph._p.pPr
        style_id = properties.pStyle.val if properties is not None and properties.pStyle is not None else ""
        if style_id not in self.styles:
            self.styles[style_id] = _style_look(paragraph.style)
        return self.styles[style_id]


def read_document(path: Path) -> ReadDocument:
    document = Document(str(path))
    read = ReadDocument()
    counter = [0]
    notes = _notes(document)
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            counter[0] += 1
            read.blocks.extend(_paragraphs(item, counter, read, notes))
        elif isinstance(item, Table):
            read.blocks.append(Grid(counter[0], _rows(item)))
    return read


def _rows(table: Table) -> tuple[tuple[str, ...], ...]:
    rows = []
    for row in table.rows:
        rows.append(tuple(cell.text.replace("\n", WORD_LINE_BREAK).strip() for cell in row.cells))
    return tuple(rows)


def _notes(document) -> dict[tuple[str, str], str]:  # type: ignore[no-untyped-def]
    """Every footnote's and endnote's text by (kind, id), from their parts (python-docx reads the package)."""
    from docx.oxml import parse_xml

    found: dict[tuple[str, str], str] = {}
    for part in document.part.package.iter_parts():
        kind = {"/word/footnotes.xml": "footnote", "/word/endnotes.xml": "endnote"}.get(str(part.partname))
        if kind is None:
            continue
        for note in parse_xml(part.blob).iter(qn(f"w:{kind}")):
            text = "".join(t.text or "" for t in note.iter(qn("w:t"))).strip()
            if text:
                found[(kind, note.get(qn("w:id")))] = text
    return found


def _paragraphs(paragraph: Paragraph, counter: list[int], read: ReadDocument,
                notes: dict[tuple[str, str], str]) -> list[Para]:
    """The paragraph, then the paragraphs of any text box in it (noted: a box's place is lost)."""
    number = counter[0]
    pieces: list[tuple[str, bool]] = []
    referred: list[str] = []
    pictures: list[Picture] = []
    boxes: list[Paragraph] = []
    sizes: list[float] = []
    fonts: list[str] = []
    look = read.look_of(paragraph)
    style_bold, style_size = look.bold, look.size

    def walk(element) -> None:  # type: ignore[no-untyped-def]
        for child in element:
            tag = child.tag
            if tag == qn("w:r"):
                run(child)
            elif tag in (qn("w:hyperlink"), qn("w:smartTag"), qn("w:sdt"), qn("w:sdtContent"), qn("w:fldSimple")):
                if tag == qn("w:fldSimple"):
                    read.noted.append(Noted(number, "import.field"))
                walk(child)
            elif tag == qn("w:ins"):
                read.noted.append(Noted(number, "import.tracked"))
                walk(child)  # the accepted text
            elif tag in (qn("w:del"), qn("w:moveFrom")):
                read.noted.append(Noted(number, "import.tracked"))
            elif tag in (qn("w:commentRangeStart"),):
                read.noted.append(Noted(number, "import.comment"))

    def run(r) -> None:  # type: ignore[no-untyped-def]
        properties = r.find(qn("w:rPr"))
        bold = _flag(properties, "w:b", style_bold)
        size = _size(properties) or style_size
        font = _east_asia(properties)
        for child in r:
            tag = child.tag
            if tag == qn("w:t"):
                if child.text:
                    pieces.append((child.text, bold))
                    if size:
                        sizes.append(size)
                    if font:
                        fonts.append(font)
            elif tag == qn("w:tab"):
                pieces.append(("\t", bold))
            elif tag in (qn("w:br"), qn("w:cr")):
                if child.get(qn("w:type")) != "page":
                    pieces.append((WORD_LINE_BREAK, bold))
            elif tag == qn("w:instrText"):
                read.noted.append(Noted(number, "import.field"))  # the code; its result is the runs after it
            elif tag == qn("w:object"):
                read.noted.append(Noted(number, "import.object"))
            elif tag == qn("w:commentReference"):
                read.noted.append(Noted(number, "import.comment"))
            elif tag in (qn("w:footnoteReference"), qn("w:endnoteReference")):
                kind = "footnote" if tag == qn("w:footnoteReference") else "endnote"
                text = notes.get((kind, child.get(qn("w:id"))))
                if text:  # the mark in the text, the note as a paragraph after it
                    referred.append(text)
                    pieces.append((f"（注{len(referred)}）", False))
                    read.noted.append(Noted(number, "import.footnote"))
        pictures.extend(_pictures(r, paragraph, number, read))
        boxes.extend(Paragraph(p, paragraph._parent) for content in _text_boxes(r) for p in content.iter(qn("w:p")))

    walk(paragraph._p)
    indent = paragraph.paragraph_format.first_line_indent
    own = _justified(paragraph._p)
    found = [Para(number, _joined(pieces), look.name, own == "center" if own is not None else bool(look.centered),
                  max(sizes) if sizes else style_size,
                  fonts[0] if fonts else "", bool(indent and indent > 0), tuple(pictures),
                  tuple(f"注{n}：{text}" for n, text in enumerate(referred, start=1)))]
    if boxes:
        read.noted.append(Noted(number, "import.text_box"))
    for box in boxes:
        found.extend(_paragraphs(box, counter, read, notes))
    return found


def _style_look(style) -> StyleLook:  # type: ignore[no-untyped-def]
    if style is None:
        return StyleLook("", False, None, None)
    centered = None
    chain = style
    while chain is not None and centered is None:
        found = _justified(chain.element)
        centered = found == "center" if found is not None else None
        chain = chain.base_style
    return StyleLook(style.name or "", bool(style.font.bold), style.font.size.pt if style.font.size else None, centered)


def _justified(element) -> str | None:  # type: ignore[no-untyped-def]
    """An element's own justification, read from the XML value: LibreOffice writes the strict standard's
    "start"/"end", which python-docx's alignment enumeration does not know."""
    properties = element.find(qn("w:pPr"))
    justified = properties.find(qn("w:jc")) if properties is not None else None
    return justified.get(qn("w:val")) if justified is not None else None


def _text_boxes(r):  # type: ignore[no-untyped-def]
    """The text boxes in a run: each once, though Word writes it twice (a drawing and an old VML fallback)."""
    return [content for content in r.iter(qn("w:txbxContent"))
            if not any(ancestor.tag.endswith("}Fallback") for ancestor in content.iterancestors())]


def _pictures(r, paragraph: Paragraph, number: int, read: ReadDocument) -> list[Picture]:  # type: ignore[no-untyped-def]
    found = []
    for drawing in r.iter(qn("w:drawing")):
        if drawing.find(qn("wp:anchor")) is not None:
            read.noted.append(Noted(number, "import.floating"))
        described = next(iter(drawing.iter(qn("wp:docPr"))), None)
        alt = (described.get("descr") or described.get("title") or "") if described is not None else ""
        for blip in drawing.iter(qn("a:blip")):
            part = paragraph.part.related_parts.get(blip.get(qn("r:embed")))
            if part is not None:
                suffix = Path(str(part.partname)).suffix.lower() or ".png"
                found.append(Picture(part.blob, suffix, alt.strip()))
    return found


def _flag(properties, name: str, default: bool) -> bool:  # type: ignore[no-untyped-def]
    if properties is None:
        return default
    element = properties.find(qn(name))
    if element is None:
        return default
    return element.get(qn("w:val"), "true") not in ("0", "false", "off")


def _size(properties) -> float | None:  # type: ignore[no-untyped-def]
    element = properties.find(qn("w:sz")) if properties is not None else None
    return int(element.get(qn("w:val"))) / 2 if element is not None and element.get(qn("w:val")) else None


def _east_asia(properties) -> str:  # type: ignore[no-untyped-def]
    fonts = properties.find(qn("w:rFonts")) if properties is not None else None
    return (fonts.get(qn("w:eastAsia")) or "") if fonts is not None else ""


def _joined(pieces: list[tuple[str, bool]]) -> tuple[tuple[str, bool], ...]:
    joined: list[tuple[str, bool]] = []
    for text, bold in pieces:
        if joined and joined[-1][1] == bold:
            joined[-1] = (joined[-1][0] + text, bold)
        else:
            joined.append((text, bold))
    return tuple(joined)
