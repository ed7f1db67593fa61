"""``check --watch``: a change in the folder runs the check again, once the file is whole."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from validator.watch import wait_until_written, watch_folders


def test_a_new_file_runs_the_check_again(tmp_path: Path) -> None:
    folder = tmp_path / "申请材料"
    folder.mkdir()
    runs: list[set[str]] = []

    def run() -> int:
        runs.append({p.name for p in folder.iterdir()})
        if len(runs) == 2:
            raise KeyboardInterrupt  # what Ctrl-C does: the watch ends quietly
        return 0

    def assemble() -> None:
        time.sleep(1.0)  # the watch is running by now
        (folder / "营业执照.pdf").write_bytes(b"%PDF-1.4 first half ")

    writer = threading.Thread(target=assemble)
    writer.start()
    watch_folders([str(folder)], run)
    writer.join()
    assert runs == [set(), {"营业执照.pdf"}]


def test_a_growing_file_is_waited_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    growing = tmp_path / "scan.pdf"
    growing.write_bytes(b"x")
    sizes: list[int] = []

    def grow(seconds: float) -> None:
        del seconds
        sizes.append(growing.stat().st_size)
        if len(sizes) < 3:
            growing.write_bytes(growing.read_bytes() + b"x")

    monkeypatch.setattr(time, "sleep", grow)
    wait_until_written([growing, tmp_path / "removed.pdf"])
    # it looked until the size stayed the same between two looks
    assert sizes == [1, 2, 3, 3][: len(sizes)] and growing.stat().st_size == 3
