"""The one way text is folded before it is compared: NFKC, and whitespace as asked.

NFKC turns full-width forms into half-width ones (（盖章） -> (盖章), ＡＢＣ ->
ABC) and unifies compatibility characters, so that a manifest's words, a
page's text and a seal's ring compare alike whoever typed or scanned them.
Like ``model``, this module imports nothing from the rest of the package.
"""

from __future__ import annotations

import unicodedata


def fold(text: str, spaces: str | None = None) -> str:
    """``text`` in NFKC; with ``spaces``, each run of whitespace becomes ``spaces``
    (``""``: no whitespace at all, ``" "``: single spaces, none at the ends)."""
    folded = unicodedata.normalize("NFKC", text)
    return folded if spaces is None else spaces.join(folded.split())
