"""What pictures and attachments beside the issues cost: the same build with and without them, in one run.

    python bench/pictures_cost.py [--sizes 300 1000] [--rounds 2] [--work DIR]

For each size it writes the synthetic corpus (corpus.py) twice; in the second
every issue shows a picture of its own (a 1600 × 1000 JPEG, about 90 KB)
beside its file, and every fourth links a PDF attachment (200 KB). In each
round it builds both cold (no output, no cache), again with nothing changed,
after a one-issue edit, and (with pictures) after replacing one picture, in
turn, so the machine's noise falls on both alike. Reported: medians of the
build time bulletin-gen reports itself. There is no peer here: the corpus
gives Hugo and Pelican no pictures to copy.
"""

from __future__ import annotations

import io
import shutil
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402
from run import EDITED_LINE, Runner, paired_setup, reported  # noqa: E402


def jpeg(seed: int) -> bytes:
    """A photo-sized JPEG whose bytes differ from every other one's."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1600, 1000), (200, 22 + seed % 200, 29))
    ImageDraw.Draw(image).text((40, 40), f"picture {seed}", fill=(255, 255, 255))
    for x in range(0, 1600, 37):  # some detail, so that it compresses like a photo rather than a flat colour
        ImageDraw.Draw(image).line((x, 0, 1600 - x, 1000), fill=((x * 7 + seed) % 255, 120, 90), width=3)
    data = io.BytesIO()
    image.save(data, "JPEG", quality=80)
    return data.getvalue()


def sites(size: int, work: Path) -> tuple[Path, Path]:
    corpus.write(size, work / f"pictures-{size}")
    plain = work / f"pictures-{size}/ours"
    shown = work / f"pictures-{size}/ours-pictures"
    shutil.copytree(plain, shown)
    for number, issue in enumerate(sorted((shown / "content").rglob("*.md"))):
        name = f"{issue.stem}-photo.jpg"
        (issue.parent / name).write_bytes(jpeg(number))
        lines = [f"\n![第{number}期配图：座谈会现场]({name} \"座谈会现场\")\n"]
        if number % 4 == 0:
            (issue.parent / f"{issue.stem}-附件.pdf").write_bytes(b"%PDF-1.4\n" + bytes([number % 256]) * 200_000)
            lines.append(f"详见[附件：名单]({issue.stem}-附件.pdf)。\n")
        text = issue.read_text(encoding="utf-8")
        # Into the first article, after its title's lines: the blank line under them.
        at = text.index("\n\n", text.index("\n## "))
        issue.write_text(text[:at + 1] + "".join(lines) + text[at + 1:], encoding="utf-8")
    return plain, shown


def edit_issue(site: Path, size: int) -> None:
    issue = sorted((site / "content").rglob("*.md"))[size // 2]
    with issue.open("a", encoding="utf-8") as text:
        text.write(EDITED_LINE)


def edit_picture(site: Path, size: int, round_number: int) -> None:
    picture = sorted((site / "content").rglob("*-photo.jpg"))[size // 3]
    picture.write_bytes(jpeg(10_000 + round_number))


def measure(size: int, rounds: int, runner: Runner, work: Path) -> dict[str, float]:
    plain, shown = sites(size, work)
    times: dict[str, list[float]] = {}
    for number in range(rounds):
        for name, site in (("plain", plain), ("pictures", shown)):
            times.setdefault(f"{name}_cold", []).append(reported(runner.ours_cold(site)[2]))
            times.setdefault(f"{name}_same", []).append(reported(runner.ours_again(site)[2]))
            edit_issue(site, size)
            times.setdefault(f"{name}_edit", []).append(reported(runner.ours_again(site)[2]))
        edit_picture(shown, size, number)
        times.setdefault("pictures_picture", []).append(reported(runner.ours_again(shown)[2]))
    result = {name: statistics.median(values) for name, values in times.items()}
    result["megabytes"] = sum(p.stat().st_size for p in (shown / "content").rglob("*") if p.suffix != ".md") / 2**20
    return result


def main() -> None:
    args, runner, _ = paired_setup([300, 1000])
    print("| issues | files (MB) | cold, without | cold, with | nothing changed, without | with "
          "| one-issue edit, without | with | one picture replaced |")
    print("|---|---|---|---|---|---|---|---|---|")
    for size in args.sizes:
        r = measure(size, args.rounds, runner, args.work)
        print(f"| {size} | {r['megabytes']:.0f} | {r['plain_cold']:.2f} s | {r['pictures_cold']:.2f} s | "
              f"{r['plain_same']:.2f} s | {r['pictures_same']:.2f} s | {r['plain_edit']:.2f} s | "
              f"{r['pictures_edit']:.2f} s | {r['pictures_picture']:.2f} s |", flush=True)


if __name__ == "__main__":
    main()
