"""The command line: parse, call the engine, render, exit. Nothing else lives here."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import NoReturn

import click
from rich.console import Console
from rich.progress import Progress

from validator import __version__, engine
from validator.config import CONFIG_NAME
from validator.discover import source_file
from validator.errors import EXIT_FINDINGS, EXIT_OK, UsageError, ValidatorError
from validator.extract import (
    OCR_ENGINES,
    OCR_MODES,
    ExtractSettings,
    cache_clear,
    cache_info,
    check_ocr_available,
    default_cache_dir,
    extract_one,
)
from validator.hook import package_roots
from validator.i18n import DEFAULT_LANGUAGE, LANGUAGES, message
from validator.inspect import describe
from validator.manifest import builtin_manifests, load_manifest
from validator.model import Result, Severity
from validator.report import RENDERERS, ReportOptions
from validator.report.extraction import render_extraction
from validator.rules import RULES

FAIL_ON = ("error", "warning", "info", "never")
BASELINE_VERSION = 1


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="material-validator")
def cli() -> None:
    """Check an application package (a folder of PDFs, Word files and scans) before submission."""


@cli.command()
@click.argument("folders", nargs=-1, required=True, type=click.Path(file_okay=False))
@click.option("--manifest", help="Built-in manifest id (see `manifests`) or a manifest file.")
@click.option("--config", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), help="Judge dates as of this day.")
@click.option("--format", "formats", multiple=True, type=click.Choice(sorted(RENDERERS)))
@click.option(
    "--output", "outputs", multiple=True, help="File for the matching --format; - is stdout."
)
@click.option("--fail-on", type=click.Choice(FAIL_ON), help="Lowest severity that fails the run.")
@click.option("--lang", type=click.Choice(LANGUAGES))
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes (default: CPU count).")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--no-cache", is_flag=True, help="Neither read nor write the extraction cache.")
@click.option("--ocr", "ocr_mode", type=click.Choice(["auto", "always", "never"]))
@click.option(
    "--ocr-engine",
    type=click.Choice(OCR_ENGINES),
    help="Who reads scans and photos: auto (RapidOCR where facts live), tesseract or rapidocr.",
)
@click.option("--baseline", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--show-pii", is_flag=True, help="Show ID-card numbers unmasked.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; only findings and the summary.")
def check(
    folders: tuple[str, ...],
    manifest: str | None,
    config: Path | None,
    as_of: dt.datetime | None,
    formats: tuple[str, ...],
    outputs: tuple[str, ...],
    fail_on: str | None,
    lang: str | None,
    jobs: int | None,
    cache_dir: Path | None,
    no_cache: bool,
    ocr_mode: str | None,
    ocr_engine: str | None,
    baseline: Path | None,
    write_baseline: Path | None,
    show_pii: bool,
    quiet: bool,
) -> None:
    """Check FOLDER... (each one package) against the manifest."""
    targets = _pair_outputs(formats or ("terminal",), outputs)
    written = [Path(p) for _, p in targets if p != "-"]
    _refuse_inside(folders, [*written, *([write_baseline] if write_baseline else [])])
    with _progress(enabled=not quiet) as progress:
        result = engine.run(
            folders,
            engine.RunOptions(
                manifest=manifest,
                config=config,
                as_of=as_of.date() if as_of else None,
                jobs=jobs,
                cache_dir=cache_dir,
                use_cache=not no_cache,
                ocr_mode=ocr_mode,
                ocr_engine=ocr_engine,
                baseline=_read_baseline(baseline) if baseline else frozenset(),
                progress=progress,
            ),
        )
    configured = engine.first_config(folders, config)
    report_options = ReportOptions(
        lang=lang or configured.lang or DEFAULT_LANGUAGE,
        show_pii=show_pii,
        color=False,
        width=None,
        quiet=quiet,
    )
    for format_name, target in targets:
        _emit(RENDERERS[format_name], result, report_options, target)
    if write_baseline:
        _write_baseline(result, write_baseline)
    sys.exit(exit_code(result, fail_on or configured.fail_on or "error"))


def _pair_outputs(formats: Sequence[str], outputs: Sequence[str]) -> list[tuple[str, str]]:
    """Pair each --format with its --output (in order); the rest go to stdout."""
    if len(outputs) > len(formats):
        raise UsageError("more --output than --format options", hint="give one --format per file")
    pairs = [(f, outputs[n] if n < len(outputs) else "-") for n, f in enumerate(formats)]
    if sum(1 for _, target in pairs if target == "-") > 1:
        raise UsageError(
            "only one format can go to stdout", hint="give --output FILE for the others"
        )
    return pairs


def _refuse_inside(folders: Sequence[str], paths: Sequence[Path]) -> None:
    """The checked folder is never written to: refuse output paths inside it."""
    for path in paths:
        resolved = path.resolve()
        for folder in folders:
            if resolved.is_relative_to(Path(folder).resolve()):
                raise UsageError(
                    f"{path} is inside the checked folder {folder}",
                    hint="write reports outside the package folder",
                )


def _emit(
    render: Callable[[Result, ReportOptions], str],
    result: Result,
    options: ReportOptions,
    target: str,
) -> None:
    if target == "-":
        color = sys.stdout.isatty()
        text = render(result, ReportOptions(**{**options.__dict__, "color": color}))
        click.echo(text, nl=not text.endswith("\n"))
        return
    try:
        Path(target).write_text(render(result, options), encoding="utf-8")
    except OSError as exc:
        raise UsageError(
            f"cannot write {target}: {exc.strerror}", hint="choose a writable path"
        ) from exc


def exit_code(result: Result, fail_on: str) -> int:
    if fail_on == "never":
        return EXIT_OK
    threshold = Severity(fail_on).rank
    failing = (
        f
        for package in result.packages
        for f in package.findings
        if not f.waived and f.severity.rank >= threshold
    )
    return EXIT_FINDINGS if any(True for _ in failing) else EXIT_OK


def _read_baseline(path: Path) -> frozenset[str]:
    try:
        data = json.loads(path.read_text("utf-8"))
        return frozenset(str(f) for f in data["fingerprints"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"{path}: not a baseline file: {exc}") from exc


def _write_baseline(result: Result, path: Path) -> None:
    fingerprints = sorted(
        {f.fingerprint for package in result.packages for f in package.findings if not f.waived}
    )
    document = {"schema_version": BASELINE_VERSION, "fingerprints": fingerprints}
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[str, int, int], None] | None]:
    """A rich progress bar on stderr when stderr is a terminal; nothing otherwise."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("", total=None)

        def update(current: str, done: int, total: int) -> None:
            """One bar for the run; its label is the file just finished."""
            bar.update(task, description=current[-40:], completed=done, total=total)

        yield update


@cli.command("manifests")
def list_manifests() -> None:
    """List the built-in manifests."""
    for manifest_id in builtin_manifests():
        manifest = load_manifest(manifest_id)
        click.echo(
            f"{manifest_id:12} v{manifest.version}  {len(manifest.items):2} items  "
            f"{manifest.title.zh} / {manifest.title.en}"
        )


@cli.command()
@click.argument("rule", required=False)
@click.option("--lang", type=click.Choice(LANGUAGES), default=DEFAULT_LANGUAGE)
def explain(rule: str | None, lang: str) -> None:
    """What RULE checks, with examples; without RULE, list the rules."""
    if rule is None:
        for rule_id, module in RULES.items():
            click.echo(
                f"{rule_id:24} {module.SEVERITY.value:8} {message(f'rule.{rule_id}.title', lang)}"
            )
        return
    if rule not in RULES:
        raise UsageError(
            f"unknown rule {rule!r}", hint="`material-validator explain` lists the rules"
        )
    click.echo((RULES[rule].__doc__ or "").strip())


@cli.command("extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(LANGUAGES), default=DEFAULT_LANGUAGE)
@click.option("--ocr", "ocr_mode", type=click.Choice(OCR_MODES), default="auto")
@click.option("--ocr-engine", type=click.Choice(OCR_ENGINES), default="auto", help="As for check.")
@click.option("--show-pii", is_flag=True, help="Show ID-card numbers unmasked.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the extraction cache.")
def extract_command(
    file: Path, lang: str, ocr_mode: str, ocr_engine: str, show_pii: bool, no_cache: bool
) -> None:
    """Show what FILE yields: text, source and confidence per page, seals, dates, numbers."""
    settings = ExtractSettings.from_config(ocr={"mode": ocr_mode, "engine": ocr_engine}, limits={})
    if ocr_mode != "never":
        check_ocr_available(settings.ocr.lang, lang, settings.ocr.engine)
    document = extract_one(
        source_file(file), settings, cache_dir=None if no_cache else default_cache_dir()
    )
    click.echo(render_extraction(describe(document), lang=lang, show_pii=show_pii), nl=False)


@cli.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an existing config.")
def init(folder: Path, force: bool) -> None:
    """Write a commented starter FOLDER/.material-validator.yaml."""
    target = folder / CONFIG_NAME
    if target.exists() and not force:
        raise UsageError(f"{target} already exists", hint="use --force to overwrite it")
    target.write_text(starter_config(), encoding="utf-8")
    click.echo(f"wrote {target}")


@cli.group()
def cache() -> None:
    """The extraction (OCR) cache."""


@cache.command("info")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path))
def cache_info_command(cache_dir: Path | None) -> None:
    """Where the cache is and how big."""
    info = cache_info(cache_dir or default_cache_dir())
    click.echo(f"{info.folder}\n{info.entries} documents, {info.size / 1_048_576:.1f} MiB")


@cache.command("clear")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path))
def cache_clear_command(cache_dir: Path | None) -> None:
    """Empty the cache."""
    folder = cache_dir or default_cache_dir()
    removed = cache_clear(folder)
    click.echo(f"removed {removed} cached documents from {folder}")


@cli.command("pre-commit")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Package folder for changed files with no .material-validator.yaml above them.",
)
@click.option("--manifest", help="Built-in manifest id (see `manifests`) or a manifest file.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), help="Lowest severity that fails the run.")
@click.option("--lang", type=click.Choice(LANGUAGES))
@click.option("--no-cache", is_flag=True, help="Neither read nor write the extraction cache.")
def pre_commit(
    files: tuple[Path, ...],
    root: Path | None,
    manifest: str | None,
    fail_on: str | None,
    lang: str | None,
    no_cache: bool,
) -> None:
    """Check every package that holds one of FILES (the pre-commit hook's entry point)."""
    roots = [str(package) for package in package_roots(files, root)]
    if not roots:
        click.echo(message("hook.no-package", lang or DEFAULT_LANGUAGE))
        sys.exit(EXIT_OK)
    with _progress(enabled=True) as progress:
        result = engine.run(
            roots,
            engine.RunOptions(manifest=manifest, use_cache=not no_cache, progress=progress),
        )
    configured = engine.first_config(roots, None)
    report_options = ReportOptions(
        lang=lang or configured.lang or DEFAULT_LANGUAGE,
        show_pii=False,
        color=False,
        width=None,
        quiet=False,
    )
    _emit(RENDERERS["terminal"], result, report_options, "-")
    sys.exit(exit_code(result, fail_on or configured.fail_on or "error"))


def starter_config() -> str:
    return (resources.files("validator") / "starter_config.yaml").read_text("utf-8")


def main() -> NoReturn:
    """Console entry point: one handler turns user errors into a message and an exit code."""
    try:
        cli.main(standalone_mode=False)
    except ValidatorError as error:
        click.echo(f"material-validator: error: {error.message}", err=True)
        if error.hint:
            click.echo(f"  hint: {error.hint}", err=True)
        sys.exit(error.exit_code)
    except BrokenPipeError:
        # A reader that stops early (| head) is no error of ours: stay quiet.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115, PTH123 - the interpreter closes it
        sys.exit(EXIT_FINDINGS)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    sys.exit(EXIT_OK)
