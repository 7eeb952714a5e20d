"""What `bulletin import` costs: a contributor's one-article draft, and a 50-page document.

    python bench/import_cost.py [--rounds 5] [--work DIR]

Both documents are made here with python-docx, in the look contributors'
drafts have (a centred 22 pt title, 16 pt body, bold leads, a table, a
picture). Each round imports each with `--dry-run` (reading, mapping and
writing the Markdown, without touching the site) in a fresh process, as an
editor runs it, and the whole command's wall time is taken. There is no
peer: no static site generator imports a Word bulletin.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import time
from pathlib import Path

PARAGRAPH = ("县委组织部坚持把抓基层打基础作为长远之计和固本之举，推动各领域基层党组织全面进步全面过硬，"
             "为全县经济社会高质量发展提供坚强组织保证。")


def document(path: Path, articles: int, paragraphs: int) -> Path:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt
    from PIL import Image

    made = Document()
    picture = io.BytesIO()
    Image.new("RGB", (800, 500), "#c8161d").save(picture, "PNG")
    for number in range(1, articles + 1):
        title = made.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = title.add_run(f"第{number}篇文章的主题")
        run.bold, run.font.size = True, Pt(22)
        for line in range(paragraphs):
            body = made.add_paragraph()
            if line % 3 == 0:
                body.add_run("抓基础、强素质，").bold = True
            body.add_run(PARAGRAPH).font.size = Pt(16)
        if number % 5 == 1:
            picture.seek(0)
            made.add_picture(picture)
            table = made.add_table(rows=4, cols=3)
            for row in range(4):
                for column in range(3):
                    table.cell(row, column).text = f"{row}-{column}"
        made.add_paragraph("（组织一科 供稿）")
    made.save(path)
    return path


def timed(path: Path, site: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "bulletin_gen", "import", str(path), "--site", str(site), "--dry-run",
                    "--date", "2025-05-08"], check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bulletin-bench/import"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    site = args.work / "site"
    (site / "content").mkdir(parents=True, exist_ok=True)
    (site / "site.yaml").write_text("name: 组工信息\nissuer: 中共示例县委组织部\n", encoding="utf-8")
    draft = document(args.work / "draft.docx", 1, 6)
    large = document(args.work / "large.docx", 40, 12)  # about 50 A4 pages in Word at 3号
    times: dict[str, list[float]] = {"draft": [], "large": []}
    for _ in range(args.rounds):
        times["draft"].append(timed(draft, site))
        times["large"].append(timed(large, site))
    print(f"Medians of {args.rounds} rounds, wall time of `bulletin import --dry-run` in a fresh process.\n")
    print("| document | size | import |")
    print("|---|---|---|")
    for name, path in (("a one-article draft", draft), ("40 articles, 480 paragraphs (~50 pages)", large)):
        key = "draft" if path == draft else "large"
        print(f"| {name} | {path.stat().st_size // 1024} KB | {statistics.median(times[key]):.2f} s |")


if __name__ == "__main__":
    main()
