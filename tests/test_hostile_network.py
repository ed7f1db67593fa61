"""A document that names a URL makes no network request (real LibreOffice, real listener).

A ``.doc`` with a linked picture (``INCLUDEPICTURE "http://127.0.0.1:PORT/…"``)
is made by LibreOffice itself from a flat ODT whose image is a link. A socket
on 127.0.0.1 in the test records every connection while the tool converts
the file; none may arrive, with the network sandbox where the system has one
and with the conversion profile alone where it has not.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from validator.extract import ExtractSettings, OcrSettings
from validator.extract.formats import legacy

pytestmark = [
    pytest.mark.skipif(legacy.find_soffice() is None, reason="LibreOffice is not installed"),
    pytest.mark.skipif(sys.platform == "win32", reason="LibreOffice's profile paths"),
    pytest.mark.slow,
]

_LINKED_ODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:body><office:text><text:p>申请单位：某某网络科技有限公司<draw:frame draw:name="seal"
 text:anchor-type="as-char" svg:width="2cm" svg:height="2cm"><draw:image xlink:href="{url}"
 xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/></draw:frame></text:p>
</office:text></office:body></office:document>
"""


class Listener:
    """A TCP socket on 127.0.0.1 that counts the connections made to it."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connections: list[bytes] = []

    def start(self) -> None:
        self.socket.listen(16)
        self.socket.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            with connection:
                connection.settimeout(1)
                try:
                    self.connections.append(connection.recv(200))
                except OSError:
                    self.connections.append(b"")

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self.socket.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    served = Listener()
    yield served
    if hasattr(served, "_thread"):
        served.stop()
    else:
        served.socket.close()


def _linked_doc(folder: Path, url: str) -> Path:
    """A Word 97 file whose picture is a link to ``url``, written by LibreOffice."""
    source = folder / "linked.fodt"
    source.write_text(_LINKED_ODT.format(url=url), encoding="utf-8")
    soffice = legacy.find_soffice()
    assert soffice is not None
    profile = (folder / "maker-profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless"]
    command += ["--convert-to", "doc", "--outdir", str(folder), str(source)]
    # The listener's port is bound but not listening yet: the maker's own
    # fetch is refused and does not count.
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    made = folder / "linked.doc"
    assert "INCLUDEPICTURE" in made.read_bytes().decode("utf-16-le", "ignore")
    return made


def _convert(document: Path) -> None:
    settings = ExtractSettings(ocr=OcrSettings(mode="never"))
    plan = legacy.plan(document, settings)
    assert plan.error is None and plan.pages
    assert "某某网络科技有限公司" in "".join(page.text for page in plan.pages)


def test_a_linked_picture_is_not_fetched(tmp_path: Path, listener: Listener) -> None:
    document = _linked_doc(tmp_path, f"http://127.0.0.1:{listener.port}/seal.png")
    listener.start()
    _convert(document)
    assert listener.connections == []


def test_the_profile_alone_keeps_the_link_unfetched(
    tmp_path: Path, listener: Listener, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where no network sandbox can be made, the conversion profile still fetches nothing."""
    monkeypatch.setattr(legacy, "network_sandbox", lambda: ())
    document = _linked_doc(tmp_path, f"http://127.0.0.1:{listener.port}/seal.png")
    listener.start()
    _convert(document)
    assert listener.connections == []


def test_the_sandbox_reaches_no_address(listener: Listener) -> None:
    sandbox = legacy.network_sandbox()
    if not sandbox:
        pytest.skip("no network namespace on this system")
    listener.start()
    connect = f"import socket; socket.create_connection(('127.0.0.1', {listener.port}), 2)"
    outside = subprocess.run([sys.executable, "-c", connect], check=False, capture_output=True)
    inside = subprocess.run(
        [*sandbox, sys.executable, "-c", connect], check=False, capture_output=True
    )
    assert (outside.returncode, inside.returncode != 0) == (0, True)
