"""iPhone photos (HEIF/HEIC) are read like any scan."""

from __future__ import annotations

from pathlib import Path

from conftest import extract_here
from inputs import text_image
from PIL import Image

from validator.extract.formats import sniff
from validator.extract.formats.image import text_dpi

NAME = "北京某某网络科技有限公司"
# EXIF tag 0x0112: 6 means "turn 90° clockwise to view".
ORIENTATION_TAG = 0x0112
TURN_CLOCKWISE = 6


def _heic(path: Path, image: Image.Image, **options: object) -> Path:
    image.save(path, format="HEIF", quality=92, **options)
    return path


def test_a_heic_photo_is_ocr_d_and_judged_by_its_text(tmp_path: Path) -> None:
    path = _heic(tmp_path / "IMG_0001.HEIC", text_image())
    assert path.read_bytes()[4:12] == b"ftypheic"
    document = extract_here(path)
    (page,) = document.pages
    assert (document.kind, document.error, page.source) == ("image", None, "ocr")
    assert NAME in page.text
    assert page.size == text_image().size
    # A 1000×316 crop is no A4 page: its resolution comes from the height of its lines.
    assert page.engine == "rapidocr"
    assert page.dpi == text_dpi(page.lines) != round(min(page.size) / 8.27)


def test_a_sideways_heic_is_turned_by_its_orientation(tmp_path: Path) -> None:
    upright = text_image()
    exif = Image.Exif()
    exif[ORIENTATION_TAG] = TURN_CLOCKWISE
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # as a phone held sideways stores it
    path = _heic(tmp_path / "IMG_0002.heic", stored, exif=exif.tobytes())
    (page,) = extract_here(path).pages
    assert page.size == upright.size  # turned once, not twice
    assert NAME in page.text


def test_heif_is_recognised_whatever_the_name(tmp_path: Path) -> None:
    path = _heic(tmp_path / "photo.jpg", text_image(["一"]))
    assert sniff(path).KIND == "image"
