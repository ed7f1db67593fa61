"""Workers start under a deep temporary folder (socket paths are short)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import pathlib, sys, tempfile
if __name__ == "__main__":
    deep = pathlib.Path(sys.argv[1])
    tempfile.tempdir = str(deep)  # as a deep TMPDIR would
    from validator.discover import discover
    from validator.extract import ExtractSettings, extract_documents
    package = deep / "package"
    package.mkdir()
    (package / "notes.txt").write_text("hello", encoding="utf-8")
    (document,) = extract_documents(discover(package), ExtractSettings(), jobs=1, cache_dir=None)
    print(document.kind, document.error)
"""


def test_extraction_starts_workers_under_a_deep_temporary_folder(tmp_path: Path) -> None:
    deep = tmp_path / ("d" * 100)
    deep.mkdir()
    script = tmp_path / "run.py"
    script.write_text(SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), str(deep)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "text None"
