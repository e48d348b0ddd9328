"""Developer tools run from the project root (measures, helpers); not part of the pipeline library."""
from __future__ import annotations

import os
from pathlib import Path

from pipeline.config import PROJECT_ROOT

# The shared evaluation material (scorers, gold, development and TempEval-3 sets)
# beside a checkout: tools and tests read it, the library never does.
SHARED_DIR = Path(os.environ.get("EVENTLINE_SHARED", PROJECT_ROOT.parent / "shared"))
