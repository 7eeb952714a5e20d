import os
import sys
from pathlib import Path

# Tests import the package from this checkout, whatever is installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PYTHONUTF8", "1")

from collections import Counter  # noqa: E402

# Fuzz tests count the inputs they tried here; the count is printed after the run.
FUZZ_CASES: Counter = Counter()


def pytest_terminal_summary(terminalreporter):
    if FUZZ_CASES:
        terminalreporter.section("fuzzed inputs")
        for name, count in sorted(FUZZ_CASES.items()):
            terminalreporter.write_line(f"{name}: {count} cases")
