"""Fixtures of the report tests."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pytest

from validator import i18n

from .builders import TEST_MESSAGES


@pytest.fixture
def test_catalogue(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The report labels plus the builder's test messages, and nothing else.

    Golden files then depend only on ``report.yaml`` and on ``TEST_MESSAGES``,
    not on how rule messages and hints elsewhere in the catalogue are worded.
    """
    real = i18n.catalogue()
    labels = {key: texts for key, texts in real.items() if key.startswith("report.")}
    merged: Mapping[str, Mapping[str, str]] = {**labels, **TEST_MESSAGES}
    monkeypatch.setattr(i18n, "catalogue", lambda: merged)
    yield
