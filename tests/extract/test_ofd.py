"""OFD (GB/T 33190) documents built part by part as the standard lays them out."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from conftest import extract_here
from inputs import text_image
from PIL import Image
from seal_pages import round_seal

from validator.discover import discover
from validator.extract.settings import ExtractSettings, Limits, OcrSettings

NAME = "北京某某网络科技有限公司"
NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'

ENTRY = f"""<?xml version="1.0" encoding="UTF-8"?>
<ofd:OFD {NS} Version="1.0" DocType="OFD">
  <ofd:DocBody>
    <ofd:DocInfo><ofd:DocID>a1b2</ofd:DocID><ofd:Title>营业执照</ofd:Title></ofd:DocInfo>
    <ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>
  </ofd:DocBody>
</ofd:OFD>"""

DOCUMENT = f"""<?xml version="1.0" encoding="UTF-8"?>
<ofd:Document {NS}>
  <ofd:CommonData>
    <ofd:MaxUnitID>20</ofd:MaxUnitID>
    <ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>
    <ofd:PublicRes>PublicRes.xml</ofd:PublicRes>
    <ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>
  </ofd:CommonData>
  <ofd:Pages>
    <ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>
    <ofd:Page ID="2" BaseLoc="/Doc_0/Pages/Page_1/Content.xml"/>
  </ofd:Pages>
</ofd:Document>"""

PUBLIC_RES = f"""<?xml version="1.0" encoding="UTF-8"?>
<ofd:Res {NS} BaseLoc="Res">
  <ofd:Fonts><ofd:Font ID="3" FontName="宋体" FamilyName="宋体"/></ofd:Fonts>
</ofd:Res>"""

DOCUMENT_RES = f"""<?xml version="1.0" encoding="UTF-8"?>
<ofd:Res {NS} BaseLoc="Res">
  <ofd:MultiMedias>
    <ofd:MultiMedia ID="5" Type="Image"><ofd:MediaFile>seal.png</ofd:MediaFile></ofd:MultiMedia>
    <ofd:MultiMedia ID="6" Type="Image"><ofd:MediaFile>scan.png</ofd:MediaFile></ofd:MultiMedia>
  </ofd:MultiMedias>
</ofd:Res>"""


def _text(object_id: int, box: str, text: str, x: float = 0, y: float = 4.2) -> str:
    """A TextObject whose one TextCode starts at (x, y) in the object's box, advancing 4.2 mm."""
    advances = f"g {len(text) - 1} 4.2" if len(text) > 1 else ""
    return (
        f'<ofd:TextObject ID="{object_id}" Boundary="{box}" Font="3" Size="4.2">'
        f'<ofd:FillColor Value="0 0 0"/>'
        f'<ofd:TextCode X="{x}" Y="{y}" DeltaX="{advances}">{text}</ofd:TextCode>'
        f"</ofd:TextObject>"
    )


# Written out of reading order, as producers often do; the legal representative's
# line is split in two objects on one baseline, and 有效期 in a page block.
FIRST_PAGE_OBJECTS = [
    _text(11, "20 60 170 6", "法定代表人："),
    _text(12, "20 40 170 6", "营业执照"),
    _text(13, "46 60 100 6", "张三"),
    _text(14, "20 50 170 6", f"名称：{NAME}"),
    f"<ofd:PageBlock ID='15'>{_text(16, '20 70 170 6', '营业期限：长期')}</ofd:PageBlock>",
    '<ofd:ImageObject ID="17" Boundary="120 80 50 50" CTM="50 0 0 50 0 0" ResourceID="5"/>',
]


def _page(objects: list[str]) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {NS}><ofd:Content>'
        f'<ofd:Layer ID="10">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>'
    )


def _png(image: Image.Image) -> bytes:
    stream = io.BytesIO()
    image.save(stream, format="PNG")
    return stream.getvalue()


def ofd_file(path: Path, parts: dict[str, str | bytes] | None = None) -> Path:
    """A two-page OFD: a text page with a seal picture, and a scanned page."""
    seal = Image.new("RGB", (600, 600), "white")  # a 40 mm seal at 200 dpi, with margins
    round_seal(seal, 200, (38, 38), NAME, diameter_mm=40)
    scan_objects = ['<ofd:ImageObject ID="18" Boundary="0 0 210 80" ResourceID="6"/>']
    members: dict[str, str | bytes] = {
        "OFD.xml": ENTRY,
        "Doc_0/Document.xml": DOCUMENT,
        "Doc_0/PublicRes.xml": PUBLIC_RES,
        "Doc_0/DocumentRes.xml": DOCUMENT_RES,
        "Doc_0/Pages/Page_0/Content.xml": _page(FIRST_PAGE_OBJECTS),
        "Doc_0/Pages/Page_1/Content.xml": _page(scan_objects),
        "Doc_0/Res/seal.png": _png(seal),
        "Doc_0/Res/scan.png": _png(text_image(["法定代表人:张三", f"住所:{NAME}"])),
        **(parts or {}),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_text_in_reading_order_seals_on_pictures_and_scans_ocr_d(tmp_path: Path) -> None:
    document = extract_here(ofd_file(tmp_path / "营业执照.ofd"))
    assert (document.kind, document.paged, document.error) == ("ofd", True, None)
    first, second = document.pages
    assert first.text.splitlines() == [
        "营业执照",
        f"名称:{NAME}",
        "法定代表人:张三",
        "营业期限:长期",
    ]
    assert first.source == "text"
    (seal,) = first.seals
    assert seal.colour == "red"
    assert second.source == "ocr" and second.confidence is not None
    assert "法定代表人:张三" in second.text and NAME in second.text


def test_pictures_on_a_page_with_text_are_not_ocr_d(tmp_path: Path) -> None:
    scan = '<ofd:ImageObject ID="19" Boundary="0 100 210 80" ResourceID="6"/>'
    scan_on_text_page = _page([*FIRST_PAGE_OBJECTS[:5], scan])
    path = ofd_file(tmp_path / "a.ofd", {"Doc_0/Pages/Page_0/Content.xml": scan_on_text_page})
    first = extract_here(path).pages[0]
    assert first.text.startswith("营业执照") and first.source == "text"
    assert "住所" not in first.text  # the picture's text was not read into the page
    always = ExtractSettings(ocr=OcrSettings(mode="always"))
    assert "住所" in extract_here(path, always).pages[0].text


def test_ocr_never_reads_no_picture(tmp_path: Path) -> None:
    settings = ExtractSettings(ocr=OcrSettings(mode="never"))
    second = extract_here(ofd_file(tmp_path / "a.ofd"), settings).pages[1]
    assert (second.text, second.source) == ("", "none")


def test_an_ofd_is_a_document_not_an_archive(tmp_path: Path) -> None:
    ofd_file(tmp_path / "licence.ofd")
    assert [(s.path, s.member) for s in discover(tmp_path)] == [("licence.ofd", "")]


def _error(path: Path, settings: ExtractSettings | None = None) -> tuple[str, str, str | None]:
    error = extract_here(path, settings or ExtractSettings(ocr=OcrSettings(mode="never"))).error
    assert error is not None
    return error.code, error.detail, error.limit


def test_a_doctype_is_rejected(tmp_path: Path) -> None:
    entity = '<!DOCTYPE ofd:Page [<!ENTITY name "北京">]>'
    page = _page([_text(11, "20 40 170 6", "&name;")]).replace("?>", "?>" + entity, 1)
    path = ofd_file(tmp_path / "a.ofd", {"Doc_0/Pages/Page_0/Content.xml": page})
    code, detail, _ = _error(path)
    assert code == "corrupt" and "DOCTYPE" in detail


def test_a_missing_part_is_corrupt(tmp_path: Path) -> None:
    document = DOCUMENT.replace("Pages/Page_0/Content.xml", "Pages/Page_9/Content.xml")
    path = ofd_file(tmp_path / "a.ofd", {"Doc_0/Document.xml": document})
    code, detail, _ = _error(path)
    assert code == "corrupt" and "Page_9" in detail


def test_the_page_limit_holds(tmp_path: Path) -> None:
    settings = ExtractSettings(ocr=OcrSettings(mode="never"), limits=Limits(max_pages=1))
    assert _error(ofd_file(tmp_path / "a.ofd"), settings)[2] == "pages"
