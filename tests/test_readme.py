"""Every query example in the README runs against a real warehouse."""
from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys

import pytest

from conftest import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
PYTHON_BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.S)
CLI_LINES = [line for block in re.findall(r"```bash\n(.*?)```", README, flags=re.S) for line in block.splitlines()
             if re.match(r"\.venv/bin/python -m pipeline (query|export) ", line)]


@pytest.fixture(scope="module")
def workdir(seed_warehouse, tmp_path_factory):
    """A folder whose ./warehouse is a finished run over the seeds, as after `make run`."""
    root = tmp_path_factory.mktemp("readme")
    shutil.copytree(seed_warehouse, root / "warehouse")
    return root


def test_the_readme_has_examples_in_duckdb_pandas_and_polars():
    joined = "\n".join(PYTHON_BLOCKS)
    assert all(lib in joined for lib in ("import duckdb", "import pandas", "import polars"))
    assert any(" query " in line for line in CLI_LINES) and any(" export " in line for line in CLI_LINES)


@pytest.mark.parametrize("code", PYTHON_BLOCKS, ids=[b.split("\n", 1)[0] for b in PYTHON_BLOCKS])
def test_python_example(workdir, code):
    out = subprocess.run([sys.executable, "-c", code], cwd=workdir, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.strip(), "the example prints its result"


@pytest.mark.parametrize("line", CLI_LINES)
def test_cli_example(workdir, line):
    args = shlex.split(line)
    args[0] = sys.executable
    out = subprocess.run(args, cwd=workdir, capture_output=True, text=True, env={"PYTHONPATH": str(PROJECT_ROOT), "PATH": "/usr/bin:/bin",
                                                                  "EVENTLINE_WAREHOUSE": str(workdir / "warehouse")})
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.strip()
