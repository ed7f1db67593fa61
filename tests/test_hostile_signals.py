"""A stopped run leaves nothing behind: real signals to the installed command.

The command checks a folder with a ``.doc`` (so a worker runs LibreOffice, in
a session of its own) and is stopped while LibreOffice runs: with Ctrl-C
(SIGINT to the whole process group, as a terminal sends it) or with SIGTERM
to the main process (as ``kill`` and CI runners send it). Afterwards no
process of the run may be left, LibreOffice included, and its private
temporary folder (TMPDIR) must be empty: no copy of a document, no
LibreOffice profile, no ``pymp-*`` socket folder.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from validator.extract.formats import legacy

pytestmark = [
    pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc"),
    pytest.mark.skipif(legacy.find_soffice() is None, reason="LibreOffice is not installed"),
    pytest.mark.slow,
]

SCRIPT = Path(sys.executable).parent / "material-validator"
# Bounds on waiting for the run to reach LibreOffice, and for it to be gone:
# generous, since a loaded machine is slow; a hang fails the test, not the suite.
START_BOUND_S = 120
GONE_BOUND_S = 30
_ODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"
 office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>
<text:p>申请单位：某某网络科技有限公司</text:p></office:text></office:body></office:document>
"""


def _marked(marker: str) -> list[tuple[int, str]]:
    """Live processes whose environment carries ``marker``: (pid, command line)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker.encode() not in (entry / "environ").read_bytes():
                continue
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue  # gone meanwhile, or not ours to read
        if state != "Z":  # a zombie is a process already ended, waiting to be reaped
            found.append((int(entry.name), command))
    return found


def _wait_for(predicate: object, bound_s: float) -> bool:
    deadline = time.monotonic() + bound_s
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.2)
    return False


@pytest.fixture(scope="module")
def word97(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("doc")
    (folder / "申请表.fodt").write_text(_ODT, encoding="utf-8")
    soffice = legacy.find_soffice()
    assert soffice is not None
    profile = (folder / "profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "doc"]
    subprocess.run([*command, "--outdir", str(folder), str(folder / "申请表.fodt")], check=True,
                   capture_output=True, timeout=120)  # fmt: skip
    return folder / "申请表.doc"


@pytest.fixture
def run_env(tmp_path: Path) -> Iterator[tuple[dict[str, str], str, Path]]:
    marker = f"MV_SIGNAL_TEST={uuid.uuid4().hex}"
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {
        **os.environ,
        "TMPDIR": str(scratch),
        marker.split("=", maxsplit=1)[0]: marker.split("=")[1],
    }
    yield env, marker, scratch
    for pid, _ in _marked(marker):  # only processes this test started carry the marker
        os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def _ctrl_c_at_its_default() -> Iterator[None]:
    """Start the run with Ctrl-C at its default, as an interactive shell does.

    A process inherits an ignored SIGINT, and Python then leaves it ignored. The
    test worker may have been left so by code run in it that a pool's workers
    run (pebble ignores SIGINT there), and the run would go on to its end. A
    caught signal, unlike an ignored one, is back at its default after exec.
    """
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@pytest.mark.parametrize("how", ["sigint-to-group", "sigterm-to-main"])
def test_a_stopped_run_leaves_no_process_and_no_temporary_folder(
    how: str, word97: Path, tmp_path: Path, run_env: tuple[dict[str, str], str, Path]
) -> None:
    env, marker, scratch = run_env
    package = tmp_path / "package"
    package.mkdir()
    for n in range(4):
        (package / f"申请表{n}.doc").write_bytes(word97.read_bytes() + bytes([n]))
    command = [str(SCRIPT), "check", str(package), "--ocr", "never", "--no-cache", "--jobs", "2"]
    with _ctrl_c_at_its_default():
        run = subprocess.Popen(command, env=env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    try:
        assert _wait_for(lambda: any("soffice" in c for _, c in _marked(marker)), START_BOUND_S)
        if how == "sigint-to-group":
            os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        else:
            run.send_signal(signal.SIGTERM)
        run.wait(timeout=GONE_BOUND_S * 2)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode in (130, 143), run.stderr.read() if run.stderr else ""
    assert _wait_for(lambda: not _marked(marker), GONE_BOUND_S), _marked(marker)
    assert sorted(p.name for p in scratch.iterdir()) == []
