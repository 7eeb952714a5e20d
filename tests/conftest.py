import os
import sys
from pathlib import Path

# Tests import the package from this checkout, whatever is installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PYTHONUTF8", "1")

from collections import Counter  # noqa: E402

# Fuzz tests count the inputs they tried, and quality gates say what they checked;
# both are printed after the run, so CI logs carry the figures docs/quality.md cites.
FUZZ_CASES: Counter = Counter()
GATES: dict = {}


def pytest_terminal_summary(terminalreporter):
    if FUZZ_CASES:
        terminalreporter.section("fuzzed inputs")
        for name, count in sorted(FUZZ_CASES.items()):
            terminalreporter.write_line(f"{name}: {count} cases")
    if GATES:
        terminalreporter.section("quality gates")
        for name, figures in sorted(GATES.items()):
            terminalreporter.write_line(f"{name}: {figures}")
