"""Page thumbnails for reports: small, softened JPEGs inlined as ``data:`` URIs.

A thumbnail shows what a reviewer sees at a glance — the page's layout and
whether a red (or dark) seal sits where it should — and nothing more. At
``WIDTH`` pixels an A4 page is about 36 dpi and the softening blurs strokes
together, so no number on it (an ID-card number above all) can be read: the
whole page is masked, not only the fields OCR happened to find.
"""

from __future__ import annotations

import base64
import io

from PIL import Image, ImageFilter

# Thumbnail width in pixels: a seal is still a visible ring, text is not legible.
WIDTH = 300
# Gaussian blur radius in thumbnail pixels: strokes of small print merge.
SOFTEN_RADIUS = 1.2
# JPEG quality: colours of seals survive, files stay near 10 KB.
JPEG_QUALITY = 60


def make_thumbnail(page: Image.Image) -> str:
    """A ``data:image/jpeg;base64,…`` URI of a small, softened copy of ``page``."""
    copy = page if page.mode in ("L", "RGB") else page.convert("RGB")
    height = max(1, round(copy.height * WIDTH / max(copy.width, 1)))
    # reduced by whole factors first (fast box averages), then resampled: a
    # full-page bilinear pass costs ten times as much for the same picture
    copy = copy.resize((WIDTH, height), Image.Resampling.BILINEAR, reducing_gap=2.0)
    copy = copy.convert("RGB").filter(ImageFilter.GaussianBlur(SOFTEN_RADIUS))
    buffer = io.BytesIO()
    copy.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
