"""What the print edition costs: the same build with `print_edition:` on and off, in one run.

    python bench/print_cost.py [--sizes 100 300 1000] [--rounds 2] [--work DIR]

For each size it writes the synthetic corpus (corpus.py) twice, once with
the print edition on, and in each round builds both cold (no output, no
cache) and then after a one-issue edit, in turn, so the machine's noise
falls on both alike. Reported: medians of the build time bulletin-gen
reports itself, the PDFs' total pages, the PDF time per issue and per page
(the difference between the two builds, over the cores), and how a cold
build with PDFs grows with the number of issues. There is no peer: neither
Hugo nor Pelican makes a print edition.
"""

from __future__ import annotations

import shutil
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402
from run import EDITED_LINE, Runner, paired_setup, reported  # noqa: E402

PRINT_ON = "\nprint_edition:\n  report_to: 市委常委\n  send_to: 各县区委组织部\n  distribute_to: 本部各科室\n  copies: 120\n"


def sites(size: int, work: Path) -> tuple[Path, Path]:
    corpus.write(size, work / f"print-{size}")
    off = work / f"print-{size}/ours"
    on = work / f"print-{size}/ours-print"
    shutil.copytree(off, on)
    with (on / "site.yaml").open("a", encoding="utf-8") as settings:
        settings.write(PRINT_ON)
    return off, on


def pages(site: Path) -> int:
    import pypdf

    return sum(len(pypdf.PdfReader(path).pages) for path in (site / "build").rglob("*.pdf"))


def edit(site: Path, size: int) -> None:
    issue = sorted((site / "content").rglob("*.md"))[size // 2]
    with issue.open("a", encoding="utf-8") as text:
        text.write(EDITED_LINE)


def measure(size: int, rounds: int, runner: Runner, work: Path) -> dict[str, float]:
    off, on = sites(size, work)
    times: dict[str, list[float]] = {"off_cold": [], "on_cold": [], "off_edit": [], "on_edit": []}
    for _ in range(rounds):
        for name, site in (("off", off), ("on", on)):
            times[f"{name}_cold"].append(reported(runner.ours_cold(site)[2]))
            edit(site, size)
            times[f"{name}_edit"].append(reported(runner.ours_again(site)[2]))
    result = {name: statistics.median(values) for name, values in times.items()}
    result["pages"] = pages(on)
    return result


def main() -> None:
    args, runner, cores = paired_setup([100, 300, 1000])
    print("| issues | PDF pages | cold, print off | cold, print on | PDF time per issue (one core) "
          "| per page | one-issue edit, off | one-issue edit, on |")
    print("|---|---|---|---|---|---|---|---|")
    for size in args.sizes:
        r = measure(size, args.rounds, runner, args.work)
        extra = (r["on_cold"] - r["off_cold"]) * cores
        print(f"| {size} | {r['pages']:.0f} | {r['off_cold']:.2f} s | {r['on_cold']:.2f} s | "
              f"{extra / size * 1000:.0f} ms | {extra / r['pages'] * 1000:.0f} ms | "
              f"{r['off_edit']:.2f} s | {r['on_edit']:.2f} s |", flush=True)


if __name__ == "__main__":
    main()
