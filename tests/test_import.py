"""`bulletin import`: documents made here with python-docx, imported, built, and read back as a reader sees them."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from PIL import Image

from tests.sitekit import SITE_YAML, build, make_site, run_cli, soup

BODY = [
    "丰乐县围绕特色种植、农产品加工两条产业链，组建产业链党委2个、联合党支部17个。",
    "全县共培训党员技术骨干860人次，帮助解决技术难题130余个。",
]


def paragraph(document, text: str = "", size: float | None = 16, bold: bool = False, center: bool = False,
              runs: list[tuple[str, bool]] | None = None, style: str | None = None):
    p = document.add_paragraph(style=style)
    for piece, weight in runs or [(text, bold)]:
        run = p.add_run(piece)
        run.bold = weight
        if size:
            run.font.size = Pt(size)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def png(width: int = 200, height: int = 100) -> io.BytesIO:
    data = io.BytesIO()
    Image.new("RGB", (width, height), "#c8161d").save(data, "PNG")
    data.seek(0)
    return data


def article_document(path: Path) -> Path:
    """A contributor's draft without styles: the title by its look, as WPS users write it."""
    document = Document()
    paragraph(document, "强化主责主业 推动融合创新", 16, center=True)
    paragraph(document, "丰乐县把支部建在产业链上", 22, bold=True, center=True)
    paragraph(document, "——丰乐县“产业链党建”调查", 16, center=True)
    paragraph(document, BODY[0])
    paragraph(document, runs=[("链上建组织，", True), ("把分散在合作社、家庭农场的党员组织起来。", False)])
    document.add_picture(png())
    paragraph(document, "图为产业链党建现场", 12, center=True)
    table = document.add_table(rows=2, cols=2)
    for (row, column), text in {(0, 0): "单位", (0, 1): "党员（名）", (1, 0): "第一联合党支部", (1, 1): "12"}.items():
        table.cell(row, column).text = text
    paragraph(document, BODY[1])
    paragraph(document, "20*年，中共**区委部署开展专项行动。")
    paragraph(document, "（组织一科 供稿）")
    paragraph(document, "责任编辑：李明")
    document.save(path)
    return path


def issue_document(path: Path) -> Path:
    """A whole issue in one document: 报头, 内容摘要, two articles, a column, and the 版记."""
    document = Document()
    paragraph(document, "组工信息", 48, bold=True, center=True)
    paragraph(document, "第5期（总第105期）", 16, center=True)
    paragraph(document, "中共示例县委组织部　　　　　　2025年3月6日", 16)
    paragraph(document, "【内容摘要】", 16, bold=True)
    paragraph(document, "●某县推行“村务晾晒”")
    paragraph(document, "●工作动态")
    paragraph(document, "某县推行“村务晾晒”", 22, bold=True, center=True)
    paragraph(document, BODY[0])
    paragraph(document, "(供稿单位:丰乐县委组织部)")
    paragraph(document, "【工作动态】", 16, bold=True)
    paragraph(document, "市委组织部召开全市组工信息工作推进会。")
    paragraph(document, "（办公室 供稿）")
    paragraph(document, "清河市举办选调生岗前培训班。")
    paragraph(document, "（公务员科 供稿）")
    paragraph(document, "报：市委常委")
    paragraph(document, "送：各县区委组织部")
    paragraph(document, "发：本部各科室")
    paragraph(document, "中共示例县委组织部办公室　　　　　　共印120份")
    document.save(path)
    return path


@pytest.fixture
def site(tmp_path):
    return make_site(tmp_path / "site", {}, SITE_YAML)


def imported(site: Path, *files: Path, extra: tuple[str, ...] = ()):
    run = run_cli("import", *map(str, files), "--site", str(site), *extra)
    return run


def page_of(site: Path, year: int, number: int):
    assert build(site, "--drafts").code == 0
    return soup(site / "build" / str(year) / str(number) / "index.html")


def test_a_draft_becomes_an_issue_whose_page_reads_as_the_document(site, tmp_path):
    run = imported(site, article_document(tmp_path / "稿件.docx"), extra=("--date", "2025-05-08", "--issue", "7"))
    assert run.code == 0, run.text
    issue = site / "content/2025/07.md"
    assert issue.is_file() and "draft: true" in issue.read_text(encoding="utf-8")
    page = page_of(site, 2025, 7)
    title = page.select_one("#article-1-title")
    assert [(s["class"][0], s.get_text()) for s in title.find_all("span")] == [
        ("title-kicker", "强化主责主业 推动融合创新"), ("title-main", "丰乐县把支部建在产业链上"),
        ("title-sub", "——丰乐县“产业链党建”调查")]
    paragraphs = [p.get_text() for p in page.select(".article-body > p")]
    assert paragraphs == [BODY[0], "链上建组织，把分散在合作社、家庭农场的党员组织起来。", BODY[1],
                          "20*年，中共**区委部署开展专项行动。"], "paragraph by paragraph, masks as typed"
    assert page.select_one(".article-body strong").get_text() == "链上建组织，"
    figure = page.select_one("figure.figure")
    assert figure.select_one("img")["alt"] == "图为产业链党建现场" and figure.select_one("img")["width"] == "200"
    assert [[c.get_text() for c in row.find_all(["th", "td"])] for row in page.select(".article-body table tr")] == [
        ["单位", "党员（名）"], ["第一联合党支部", "12"]]
    assert page.select_one(".credit").get_text() == "（组织一科 供稿）"
    assert [s.get_text() for s in page.select(".article-fields span")] == ["责任编辑：李明"]
    assert (site / "content/2025/07-图1.png").is_file()


def test_a_whole_issue_takes_its_number_date_summary_column_and_colophon_from_the_document(site, tmp_path):
    run = imported(site, issue_document(tmp_path / "第5期.docx"))
    assert run.code == 0, run.text
    text = (site / "content/2025/05.md").read_text(encoding="utf-8")
    for line in ("issue: 5", "date: 2025-03-06", "total: 105", '  - "某县推行“村务晾晒”"', '  报: "市委常委"',
                 '  送: "各县区委组织部"', '  发: "本部各科室"', '  印发: "中共示例县委组织部办公室"', "  份数: 120"):
        assert line in text.splitlines(), line
    page = page_of(site, 2025, 5)
    assert [s.get_text() for s in page.select(".summary-items li")] == ["某县推行“村务晾晒”", "工作动态"]
    assert page.select_one(".column-title").get_text() == "【工作动态】"
    items = page.select(".column .article")
    assert [i.select_one(".credit").get_text() for i in items] == ["（办公室 供稿）", "（公务员科 供稿）"]
    body = [p.get_text() for p in page.select(".article-body p")]
    assert "组工信息" not in body and not any("第5期" in p or "内容摘要" in p for p in body), "the 报头 is not text"
    assert "共印" not in page.select_one("main").get_text(), "the 版记 is the print edition's, not the page's"


def test_several_documents_are_one_article_each_in_the_order_given(site, tmp_path):
    first = article_document(tmp_path / "一.docx")
    document = Document()
    paragraph(document, "清河区开展“党员进社区”活动", 22, bold=True, center=True)
    paragraph(document, "清河区组织机关党员到社区报到。")
    paragraph(document, "（组织二科 供稿）")
    second = tmp_path / "二.docx"
    document.save(second)
    assert imported(site, first, second, extra=("--date", "2025-05-08")).code == 0
    page = page_of(site, 2025, 1)
    assert [t.get_text() for t in page.select(".article-title .title-main")] == [
        "丰乐县把支部建在产业链上", "清河区开展“党员进社区”活动"]


def _tracked_and_commented(path: Path) -> Path:
    document = Document()
    paragraph(document, "标题", 22, bold=True, center=True)
    p = paragraph(document, "保留的文字，")
    _with_xml(p._p, f'<w:ins {W} w:id="1" w:author="审稿人"><w:r><w:t>新加的文字。</w:t></w:r></w:ins>')
    _with_xml(p._p, f'<w:del {W} w:id="2" w:author="审稿人"><w:r><w:delText>删掉的文字</w:delText></w:r></w:del>')
    commented = paragraph(document, "有批注的段落。")
    document.add_comment(commented.runs, text="这里要核实数字", author="审稿人")
    document.save(path)
    return path


def test_tracked_changes_are_accepted_and_comments_dropped_each_said_with_its_paragraph(site, tmp_path):
    run = imported(site, _tracked_and_commented(tmp_path / "修订.docx"), extra=("--date", "2025-05-08"))
    assert run.code == 0, run.text
    assert "修订.docx: 第2段：有修订记录" in run.err and "修订.docx: 第3段：有批注" in run.err
    page = page_of(site, 2025, 1)
    text = page.select_one("main").get_text()
    assert "保留的文字，新加的文字。" in text and "删掉的文字" not in text and "核实数字" not in text


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize("name, make, message", [
    ("旧稿.doc", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600), "另存为”Word 文档（.docx）"),
    ("加密.docx", lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le")),
     "设了打开密码"),
    ("炸弹.docx", lambda p: _zip(p, {"word/document.xml": b"<" + b"0" * (60 * 1024 * 1024)}), "已拒绝"),
    ("损坏.docx", lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 100), "文档已损坏"),
    ("图片.docx", lambda p: p.write_bytes(png().getvalue()), "这不是 Word 文档"),
    ("空包.docx", lambda p: _zip(p, {"mimetype": b"x"}), "这不是 Word 文档"),
])
def test_a_file_that_is_no_importable_document_is_a_clear_message_and_exit_1(site, tmp_path, monkeypatch, name,
                                                                             make, message):
    monkeypatch.setenv("PATH", "/nonexistent")  # no LibreOffice: the .doc is refused, not converted
    path = tmp_path / name
    make(path)
    run = imported(site, path)
    assert run.code == 1 and message in run.err and "Traceback" not in run.text, run.text
    assert not list((site / "content").rglob("*.md"))


def test_an_import_never_writes_over_a_file(site, tmp_path):
    document = article_document(tmp_path / "稿件.docx")
    assert imported(site, document, extra=("--date", "2025-05-08", "--issue", "7")).code == 0
    before = (site / "content/2025/07.md").read_bytes()
    again = imported(site, document, extra=("--date", "2025-05-08", "--issue", "7"))
    assert again.code == 1 and (site / "content/2025/07.md").read_bytes() == before


def test_dry_run_prints_the_issue_and_writes_nothing(site, tmp_path):
    run = imported(site, article_document(tmp_path / "稿件.docx"), extra=("--date", "2025-05-08", "--dry-run"))
    assert run.code == 0 and "## 丰乐县把支部建在产业链上" in run.out and "01-图1.png" in run.err
    assert not list((site / "content").rglob("*.*"))


# --- a second producer: LibreOffice ------------------------------------------------------------

def soffice() -> str:
    import os
    import shutil

    found = shutil.which("soffice")
    if found is None:
        message = "LibreOffice is not installed (apt-get install libreoffice-writer-nogui)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; under CI=true the import tests must run (.ci/run installs it)")
        pytest.skip(message)
    return found


def converted(source: Path, to: str, folder: Path) -> Path:
    import subprocess

    folder.mkdir(exist_ok=True)
    subprocess.run([soffice(), "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to", to,
                    "--outdir", str(folder), str(source)], check=True, capture_output=True, timeout=180)
    return folder / f"{source.stem}.{to}"


def test_a_document_saved_by_libreoffice_imports_the_same(site, tmp_path):
    saved = converted(article_document(tmp_path / "稿件.docx"), "docx", tmp_path / "libreoffice")
    assert b"LibreOffice" in zipfile.ZipFile(saved).read("docProps/app.xml"), "LibreOffice's own XML"
    run = imported(site, saved, extra=("--date", "2025-05-08", "--issue", "7"))
    assert run.code == 0, run.text
    page = page_of(site, 2025, 7)
    assert [s.get_text() for s in page.select("#article-1-title span")] == [
        "强化主责主业 推动融合创新", "丰乐县把支部建在产业链上", "——丰乐县“产业链党建”调查"]
    assert [p.get_text() for p in page.select(".article-body > p")][:2] == [
        BODY[0], "链上建组织，把分散在合作社、家庭农场的党员组织起来。"]
    assert page.select_one(".credit").get_text() == "（组织一科 供稿）" and page.select_one("figure img")


def test_a_word_97_document_is_converted_through_libreoffice_with_a_note(site, tmp_path):
    old = converted(article_document(tmp_path / "稿件.docx"), "doc", tmp_path / "libreoffice")
    run = imported(site, old, extra=("--date", "2025-05-08", "--issue", "8"))
    assert run.code == 0, run.text
    assert "已用 LibreOffice 转换" in run.err
    assert page_of(site, 2025, 8).select_one(".title-main").get_text() == "丰乐县把支部建在产业链上"


def _with_xml(paragraph_element, xml: str) -> None:
    from docx.oxml import parse_xml

    paragraph_element.append(parse_xml(xml))


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _with_text_box(paragraph_element, runs: str) -> None:
    """A text box (Word's VML shape) holding one paragraph of these runs, after the paragraph's own."""
    _with_xml(paragraph_element, f'<w:r {W} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
                                 f'<w:txbxContent><w:p>{runs}</w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>')


def test_text_boxes_fields_and_embedded_objects_keep_their_text_and_are_each_said(site, tmp_path):
    document = Document()
    paragraph(document, "标题", 22, bold=True, center=True)
    boxed = paragraph(document, "正文里有一个文本框。")
    _with_text_box(boxed._p, "<w:r><w:t>文本框里的文字。</w:t></w:r>")
    fielded = paragraph(document, "本期共")
    _with_xml(fielded._p, f'<w:fldSimple {W} w:instr="NUMPAGES"><w:r><w:t>3</w:t></w:r></w:fldSimple>')
    _with_xml(fielded._p, f'<w:r {W}><w:t>页。</w:t></w:r>')
    embedded = paragraph(document, "下面是嵌入的表格：")
    _with_xml(embedded._p, f'<w:r {W}><w:object/></w:r>')
    path = tmp_path / "杂项.docx"
    document.save(path)
    run = imported(site, path, extra=("--date", "2025-05-08"))
    assert run.code == 0, run.text
    for said in ("第2段：有文本框", "第3段：有域代码", "第4段：有嵌入对象"):
        assert f"杂项.docx: {said}" in run.err, said
    paragraphs = [p.get_text() for p in page_of(site, 2025, 1).select(".article-body > p")]
    assert paragraphs == ["正文里有一个文本框。", "文本框里的文字。", "本期共3页。", "下面是嵌入的表格："]


def _with_footnote(path: Path, text: str) -> None:
    """Give a saved document a footnotes part holding footnote 1 (python-docx writes none)."""
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    notes = (f'<w:footnotes xmlns:w="{ns}"><w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
             "</w:footnote></w:footnotes>").encode()
    with zipfile.ZipFile(path) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    parts["word/footnotes.xml"] = notes
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-'
                     b'officedocument.wordprocessingml.footnotes+xml"/></Types>')
    parts["word/_rels/document.xml.rels"] = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/officeDocument/'
                             b'2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')
    _zip(path, parts)


def test_a_footnote_becomes_a_marked_note_after_its_paragraph(site, tmp_path):
    document = Document()
    paragraph(document, "标题", 22, bold=True, center=True)
    noted = paragraph(document, "全县党员总数达到1.2万名")
    _with_xml(noted._p, f'<w:r {W}><w:footnoteReference w:id="1"/></w:r>')
    _with_xml(noted._p, f'<w:r {W}><w:t>。</w:t></w:r>')
    path = tmp_path / "脚注.docx"
    document.save(path)
    _with_footnote(path, "数据截至2024年底。")
    run = imported(site, path, extra=("--date", "2025-05-08"))
    assert run.code == 0 and "脚注.docx: 第2段：有脚注或尾注" in run.err, run.text
    assert [p.get_text() for p in page_of(site, 2025, 1).select(".article-body > p")] == [
        "全县党员总数达到1.2万名（注1）。", "注1：数据截至2024年底。"]


def test_a_footnote_inside_a_text_box_is_kept_too(site, tmp_path):
    document = Document()
    paragraph(document, "标题", 22, bold=True, center=True)
    boxed = paragraph(document, "正文。")
    _with_text_box(boxed._p, '<w:r><w:t>框里的数字</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>')
    path = tmp_path / "框注.docx"
    document.save(path)
    _with_footnote(path, "框里数字的出处。")
    run = imported(site, path, extra=("--date", "2025-05-08"))
    assert run.code == 0 and "有脚注或尾注" in run.err, run.text
    assert [p.get_text() for p in page_of(site, 2025, 1).select(".article-body > p")] == [
        "正文。", "框里的数字（注1）", "注1：框里数字的出处。"]


def test_an_editors_note_becomes_the_articles_note(site, tmp_path):
    document = Document()
    paragraph(document, "某县推行“村务晾晒”", 22, bold=True, center=True)
    paragraph(document, "编者按：村务公开是基层治理的重要一环，现将某县做法刊发，供参考。")
    paragraph(document, BODY[0])
    path = tmp_path / "按语.docx"
    document.save(path)
    assert imported(site, path, extra=("--date", "2025-05-08")).code == 0
    page = page_of(site, 2025, 1)
    assert page.select_one(".article .editor-note").get_text(" ", strip=True).endswith("现将某县做法刊发，供参考。")
    assert [p.get_text() for p in page.select(".article-body > p")] == [BODY[0]]


def test_into_adds_the_articles_to_a_draft_and_never_touches_a_published_issue(site, tmp_path):
    assert imported(site, article_document(tmp_path / "一.docx"), extra=("--date", "2025-05-08", "--issue", "7")).code == 0
    draft = site / "content/2025/07.md"
    document = Document()
    paragraph(document, "清河区开展“党员进社区”活动", 22, bold=True, center=True)
    paragraph(document, "清河区组织机关党员到社区报到。")
    document.add_picture(png(50, 50))
    paragraph(document, "（组织二科 供稿）")
    second = tmp_path / "二.docx"
    document.save(second)
    run = imported(site, second, extra=("--into", str(draft)))
    assert run.code == 0, run.text
    page = page_of(site, 2025, 7)
    assert [t.get_text() for t in page.select(".article-title .title-main")] == [
        "丰乐县把支部建在产业链上", "清河区开展“党员进社区”活动"]
    assert (site / "content/2025/07-图1.png").is_file() and (site / "content/2025/07-图2.png").is_file(), \
        "the draft's picture keeps its name; the new one takes the next"
    published = draft.read_text(encoding="utf-8").replace("draft: true", "draft: false")
    draft.write_text(published, encoding="utf-8")
    windows = tmp_path / "windows"
    shutil.copytree(site, windows)
    crlf = windows / "content/2025/07.md"
    crlf.write_bytes(b"\xef\xbb\xbf" + crlf.read_bytes().replace(b"draft: false", b"draft: true").replace(b"\n", b"\r\n"))
    assert imported(windows, second, extra=("--into", str(crlf))).code == 0
    kept = crlf.read_bytes()
    assert kept.startswith(b"\xef\xbb\xbf") and kept.count(b"\n") == kept.count(b"\r\n"), "BOM and CRLF as they were"
    again = imported(site, second, extra=("--into", str(draft)))
    assert again.code == 1 and "不是草稿" in again.err and draft.read_text(encoding="utf-8") == published
    elsewhere = tmp_path / "别处.md"
    before = published.replace("draft: false", "draft: true")
    elsewhere.write_text(before, encoding="utf-8")
    outside = imported(site, second, extra=("--into", str(elsewhere)))
    assert outside.code == 1 and "不在本站的 content 文件夹里" in outside.err
    assert elsewhere.read_text(encoding="utf-8") == before, "a file outside content/ is never written"


def test_a_document_with_styles_is_mapped_by_its_style_names(site, tmp_path):
    document = Document()
    document.add_paragraph("某县推行“村务晾晒”", style="Title")
    document.add_paragraph("——来自基层一线的报告", style="Subtitle")
    document.add_paragraph(BODY[0])  # plain Normal text: neither centred nor large
    document.add_paragraph("（供稿单位：丰乐县委组织部）")
    document.add_paragraph("清河区开展“党员进社区”活动", style="Heading 1")
    document.add_paragraph(BODY[1])
    path = tmp_path / "样式.docx"
    document.save(path)
    assert imported(site, path, extra=("--date", "2025-05-08")).code == 0
    page = page_of(site, 2025, 1)
    assert [[(s["class"][0], s.get_text()) for s in t.find_all("span")] for t in page.select(".article-title")] == [
        [("title-main", "某县推行“村务晾晒”"), ("title-sub", "——来自基层一线的报告")],
        [("title-main", "清河区开展“党员进社区”活动")]]
    assert page.select_one(".credit").get_text() == "（供稿单位：丰乐县委组织部）"


def test_a_pictures_description_is_its_alt_text(site, tmp_path):
    document = Document()
    paragraph(document, "标题", 22, bold=True, center=True)
    shape = document.add_picture(png())
    shape._inline.docPr.set("descr", "全县党员分布示意图")
    path = tmp_path / "描述.docx"
    document.save(path)
    assert imported(site, path, extra=("--date", "2025-05-08")).code == 0
    assert page_of(site, 2025, 1).select_one("figure img")["alt"] == "全县党员分布示意图"


def test_a_heading_line_in_heiti_or_kaiti_is_set_bold(site, tmp_path):
    from docx.oxml.ns import qn as ns

    document = Document()
    paragraph(document, "标题", 22, bold=True, center=True)
    heading = paragraph(document, "一、加强组织领导")
    heading.runs[0]._r.get_or_add_rPr().get_or_add_rFonts().set(ns("w:eastAsia"), "黑体")
    paragraph(document, BODY[0])
    path = tmp_path / "黑体.docx"
    document.save(path)
    assert imported(site, path, extra=("--date", "2025-05-08")).code == 0
    page = page_of(site, 2025, 1)
    assert [s.get_text() for s in page.select(".article-body strong")] == ["一、加强组织领导"]
    assert [p.get_text() for p in page.select(".article-body > p")] == ["一、加强组织领导", BODY[0]]


def test_a_picture_before_the_first_title_is_kept(site, tmp_path):
    document = Document()
    paragraph(document, "本期导读：全县党建工作掠影。")
    document.add_picture(png())
    paragraph(document, "某县推行“村务晾晒”", 22, bold=True, center=True)
    paragraph(document, BODY[0])
    path = tmp_path / "导读.docx"
    document.save(path)
    assert imported(site, path, extra=("--date", "2025-05-08")).code == 0
    page = page_of(site, 2025, 1)
    assert page.select_one(".issue-lead").get_text(" ", strip=True).startswith("本期导读")
    assert page.select_one(".issue-lead img") and (site / "content/2025/01-图1.png").is_file()
