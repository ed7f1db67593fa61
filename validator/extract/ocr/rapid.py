"""RapidOCR in the worker's own process: PP-OCRv6 detection and recognition on ONNX Runtime.

The ``rapidocr`` wheel carries its models (``PP-OCRv6_det_small``,
``PP-OCRv6_rec_small``), so nothing is downloaded at run time. It finds
each line of text and reads it whole, which is what makes it strong where
Tesseract is weak: photos at an angle, licences whose labels are spaced out
(名　　称), stamps over the text and small crops. Each process loads one
engine on first use and keeps it.

ONNX Runtime gets one thread, as Tesseract does: the workers already fill
the cores (SPEC §10).
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from importlib import metadata
from typing import Any

from PIL import Image

from validator.model import TextLine

# The models the wheel carries, named in the cache key: another model reads differently.
MODELS = ("PP-OCRv6_det_small", "PP-OCRv6_rec_small")
# The detector sees the page with its long side at most this long, so the cost of
# detection stays flat on big scans (recognition reads each line from the page
# itself). At 960 px the close lines of a 14 pt A4 page merged into one box; at
# 1280 px they part, for 0.9 s of CPU instead of 0.6 s.
DETECTOR_SIDE = 1280
# Lines read with less confidence than this are noise (a seal's ring, a border).
MIN_LINE_SCORE = 0.5


class RapidOcrMissing(Exception):
    """The rapidocr package (or ONNX Runtime, or OpenCV) cannot be loaded here."""


class RecognitionTimeout(Exception):
    """RapidOCR was stopped at the time limit."""


@cache
def available() -> bool:
    """Whether RapidOCR loads in this process (a worker's memory ceiling can forbid it)."""
    try:
        _module()
    except RapidOcrMissing:
        return False
    return True


def engine_version() -> str:
    """``rapidocr 3.10.0 onnxruntime 1.32.0 opencc 1.4.2 PP-OCRv6_det_small PP-OCRv6_rec_small``."""
    try:
        names = ("rapidocr", "onnxruntime", "opencc")
        versions = [f"{name} {metadata.version(name)}" for name in names]
    except metadata.PackageNotFoundError:
        return "rapidocr missing"
    return " ".join((*versions, *MODELS))


def recognise(
    image: Image.Image, timeout_s: float | None = None, detector_side: int = DETECTOR_SIDE
) -> list[TextLine]:
    """The lines RapidOCR reads in ``image``, each with its box in the image's pixels;
    the detector sees it with its long side at most ``detector_side``.

    ONNX Runtime cannot be interrupted inside one inference, so the time limit
    is an alarm that stops the reading between two of its steps (detection,
    then batches of six lines), a second or so late at worst. Off the main
    thread no alarm can be set: the file's own time limit still applies.
    """
    import numpy as np  # noqa: PLC0415 - a warm run asks for the version only, never for this

    pixels = np.asarray(image.convert("RGB"))
    with _out_of_memory():
        engine = _engine()
        with _alarm(timeout_s), _detector_side(engine, detector_side):
            output = engine(pixels, use_cls=False)
    boxes: Sequence[Any] = output.boxes if output.boxes is not None else ()
    texts: Sequence[str] = output.txts or ()
    scores: Sequence[float] = output.scores or ()
    return list(_lines(boxes, texts, scores))


def read_lines(images: Sequence[Image.Image], timeout_s: float | None = None) -> list[TextLine]:
    """Each image read whole as one line of text, without looking for lines in it.

    For text already cut out and laid straight: a seal's ring unwrapped into a
    band, the lines inside it. The lines come back in the order of the images,
    with their boxes spanning the images and an empty text where nothing was
    read. The recogniser is asked directly: the engine's own call would
    remember that detection was switched off, for the pages read after.
    """
    if not images:
        return []
    import numpy as np  # noqa: PLC0415 - a warm run asks for the version only, never for this

    pixels = [np.asarray(image.convert("RGB")) for image in images]
    with _out_of_memory():
        engine = _engine()
        with _alarm(timeout_s):
            try:
                output = engine.recognize_txt(pixels)
            except _module_error():  # nothing read in any of them
                return [_blank(image) for image in images]
    texts: Sequence[str] = output.txts or [""] * len(images)
    scores: Sequence[float] = output.scores or [0.0] * len(images)
    return [
        TextLine(text=simplified(text), box=(0, 0, *image.size), confidence=round(float(score), 3))
        for image, text, score in zip(images, texts, scores, strict=True)
    ]


def _blank(image: Image.Image) -> TextLine:
    return TextLine(text="", box=(0, 0, *image.size), confidence=0.0)


def _module_error() -> type[Exception]:
    """RapidOCR's own error, raised when a step reads nothing."""
    from rapidocr.main import RapidOCRError  # noqa: PLC0415 - loaded with the engine

    error: type[Exception] = RapidOCRError
    return error


def _lines(
    boxes: Sequence[Any], texts: Sequence[str], scores: Sequence[float]
) -> Iterator[TextLine]:
    for box, text, score in zip(boxes, texts, scores, strict=False):
        if score < MIN_LINE_SCORE or not text.strip():
            continue
        xs = [float(point[0]) for point in box]
        ys = [float(point[1]) for point in box]
        bbox = (round(min(xs)), round(min(ys)), round(max(xs)), round(max(ys)))
        yield TextLine(text=simplified(text), box=bbox, confidence=round(float(score), 3))


def simplified(text: str) -> str:
    """``text`` in simplified characters.

    The recogniser's alphabet holds traditional characters too, and it
    reads some worn or stylised simplified ones as their traditional forms
    (區 for 区, 東 for 东 on seal rings); the documents checked here are
    printed in simplified characters. OpenCC's character and phrase tables
    convert them (``t2s``), and leave simplified text as it is.
    """
    return _converter().convert(text) if text else text


@cache
def _converter() -> Any:  # opencc.OpenCC, untyped
    import opencc  # noqa: PLC0415 - loaded with the engine, in the workers

    return opencc.OpenCC("t2s")


@contextmanager
def _out_of_memory() -> Iterator[None]:
    """Running out of memory, loading the models or in ONNX Runtime (``std::bad_alloc``
    under a worker's memory ceiling), as :class:`RapidOcrMissing`: RapidOCR cannot run
    here, Tesseract reads."""
    try:
        yield
    except MemoryError as exc:
        raise RapidOcrMissing("out of memory") from exc
    except RecognitionTimeout:
        raise
    except Exception as exc:  # ONNX Runtime's and RapidOCR's own error classes
        if "bad_alloc" in str(exc):
            raise RapidOcrMissing("out of memory") from exc
        raise


@contextmanager
def _detector_side(engine: Any, side: int) -> Iterator[None]:
    """The engine's detector limited to ``side`` for one reading (rapidocr 3.10 reads its
    ``limit_side_len`` afresh for each image), then set back to :data:`DETECTOR_SIDE`."""
    if side == DETECTOR_SIDE:
        yield
        return
    detector = engine._load_det_model()  # the pinned version's one handle on its detector
    detector.limit_side_len = side
    try:
        yield
    finally:
        detector.limit_side_len = DETECTOR_SIDE


@contextmanager
def _alarm(timeout_s: float | None) -> Iterator[None]:
    usable = (
        timeout_s is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable or timeout_s is None:
        yield
        return

    fired = False

    def stop(signum: int, frame: object) -> None:
        nonlocal fired
        fired = True
        raise RecognitionTimeout(f"over {timeout_s:g} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, timeout_s)
    try:
        yield
    except Exception as exc:
        # RapidOCR wraps what interrupts its steps in errors of its own (ResizeImgError).
        if fired and not isinstance(exc, RecognitionTimeout):
            raise RecognitionTimeout(f"over {timeout_s:g} s") from exc
        raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _module() -> Any:
    try:
        # Heavy (ONNX Runtime, OpenCV): loaded where it is used. The class, not just
        # the package, so that OpenCV's native libraries are mapped here and now.
        from rapidocr import RapidOCR  # noqa: PLC0415

        # OpenCC's native library too: under a worker's memory ceiling it may fail to
        # map ("opencc_clib not found"), which must not fail the file after a reading.
        _converter()
    except (ImportError, OSError, MemoryError) as exc:  # not installed, or cannot be mapped
        raise RapidOcrMissing(str(exc)) from exc
    return RapidOCR


@cache
def _engine() -> Any:  # rapidocr.RapidOCR, untyped
    """This process's engine, loaded on first use and kept."""
    engine_class = _module()
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    return engine_class(
        params={
            "Global.log_level": "error",
            "EngineConfig.onnxruntime.intra_op_num_threads": 1,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
            "Det.limit_type": "max",
            "Det.limit_side_len": DETECTOR_SIDE,
        }
    )
