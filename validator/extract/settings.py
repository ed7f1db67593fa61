"""What extraction may do: OCR settings and the limits that protect the machine.

Both records are frozen and picklable: they travel to the worker processes.
``ExtractSettings.key()`` names everything that changes a successful result,
so the cache can tell whether a stored document is still valid.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields

from validator.errors import ConfigError

# OCR modes: "auto" OCRs pages and images without a usable text layer,
# "always" OCRs every page (a text layer that cannot be trusted), "never" none.
OCR_MODES = ("auto", "always", "never")
# OCR engines: "auto" chooses per page (validator.extract.ocr), or one engine for all.
OCR_ENGINES = ("auto", "tesseract", "rapidocr")

# Limit names as they appear in ExtractionError.limit (the limit-exceeded rule
# maps each to the config key that raises it).
LIMIT_NAMES = (
    "file_size",
    "pages",
    "pixels",
    "uncompressed_size",
    "ocr_time",
    "file_time",
    "memory",
)

_MIB = 1024 * 1024
# Config keys under ``limits:`` -> (Limits field, unit multiplier): the config
# speaks in MB and megapixels, the record in bytes and pixels.
_CONFIG_LIMITS: dict[str, tuple[str, int]] = {
    "max_file_mb": ("max_file_bytes", _MIB),
    "max_pages": ("max_pages", 1),
    "max_megapixels": ("max_pixels", 1_000_000),
    "max_uncompressed_mb": ("max_uncompressed_bytes", _MIB),
    "ocr_timeout_s": ("ocr_timeout_s", 1),
    "file_timeout_s": ("file_timeout_s", 1),
    "memory_mb": ("memory_mb", 1),
}


@dataclass(frozen=True)
class OcrSettings:
    """How pages are OCR'd: which engine, and Tesseract's language, resolution and mode
    (SPEC §10: chi_sim at 200 dpi, psm 6 is the measured best)."""

    lang: str = "chi_sim"
    dpi: int = 200
    psm: int = 6
    mode: str = "auto"
    engine: str = "auto"

    def __post_init__(self) -> None:
        if self.mode not in OCR_MODES:
            raise ValueError(f"OCR mode must be one of {', '.join(OCR_MODES)}: {self.mode!r}")
        if self.engine not in OCR_ENGINES:
            choices = ", ".join(OCR_ENGINES)
            raise ValueError(f"OCR engine must be one of {choices}: {self.engine!r}")


@dataclass(frozen=True)
class Limits:
    """Resource ceilings for one file; hitting one is reported, never fatal."""

    max_file_bytes: int = 256 * _MIB
    max_pages: int = 500
    # Pillow warns above 89.5 Mpx; an A3 scan at 600 dpi is 70 Mpx.
    max_pixels: int = 90_000_000
    max_uncompressed_bytes: int = 300 * _MIB
    ocr_timeout_s: float = 60.0
    file_timeout_s: float = 300.0
    memory_mb: int = 2048


@dataclass(frozen=True)
class ExtractSettings:
    ocr: OcrSettings = field(default_factory=OcrSettings)
    # A page with fewer letters and digits than this in its text layer is a scan.
    min_text_chars: int = 20
    limits: Limits = field(default_factory=Limits)

    @classmethod
    def from_config(
        cls, *, ocr: Mapping[str, object], limits: Mapping[str, object]
    ) -> ExtractSettings:
        """Settings from the config's ``ocr:`` and ``limits:`` sections; unknown keys are errors."""
        return cls(ocr=_ocr_from_config(ocr), limits=_limits_from_config(limits))

    def key(self) -> str:
        """A stable string of every setting that can change a successful extraction.

        Timeouts and the memory ceiling are left out: they decide whether a
        file succeeds, not what a success contains, and failures are not cached.
        """
        limits = asdict(self.limits)
        for name in ("ocr_timeout_s", "file_timeout_s", "memory_mb"):
            del limits[name]
        content = {"ocr": asdict(self.ocr), "min_text_chars": self.min_text_chars, **limits}
        return json.dumps(content, sort_keys=True, separators=(",", ":"))


def _ocr_from_config(section: Mapping[str, object]) -> OcrSettings:
    _reject_unknown("ocr", section, {f.name for f in fields(OcrSettings)})
    try:
        return OcrSettings(**{str(k): v for k, v in section.items()})  # type: ignore[arg-type]
    except ValueError as exc:
        raise ConfigError(f"ocr: {exc}") from exc


def _limits_from_config(section: Mapping[str, object]) -> Limits:
    _reject_unknown("limits", section, set(_CONFIG_LIMITS))
    values: dict[str, int | float] = {}
    for key, value in section.items():
        name, unit = _CONFIG_LIMITS[key]
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise ConfigError(f"limits.{key}: {value!r} is not a number")
        default = getattr(Limits(), name)
        values[name] = type(default)(value * unit)
    return Limits(**values)  # type: ignore[arg-type]


def _reject_unknown(section: str, given: Mapping[str, object], known: set[str]) -> None:
    unknown = sorted(set(given) - known)
    if unknown:
        raise ConfigError(f"{section}.{unknown[0]}: unknown key")
