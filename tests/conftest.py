import os
import sys
from pathlib import Path

# Tests import the package from this checkout, whatever is installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PYTHONUTF8", "1")
