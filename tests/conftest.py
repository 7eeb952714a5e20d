import os
import sys
from pathlib import Path

# Tests import the package from this checkout, whatever is installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PYTHONUTF8", "1")

import signal  # noqa: E402

# A shell without job control starts a background command (`pytest &` in a script) with
# Ctrl-C ignored, and every process it starts inherits that: the previews the tests stop
# with Ctrl-C would then never stop. Ctrl-C is made to work again, here and in them.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

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
