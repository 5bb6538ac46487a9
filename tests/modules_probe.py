"""A pytest plugin for tests/test_heavy_imports.py: which modules a run imported.

    pytest exercises -p tests.modules_probe   (MODULES_PROBE_OUT names the file)
"""

import os
import sys
from pathlib import Path


def pytest_sessionfinish(session) -> None:
    Path(os.environ["MODULES_PROBE_OUT"]).write_text("\n".join(sorted(sys.modules)))
