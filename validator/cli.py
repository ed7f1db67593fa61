"""The command line: parse, call the engine, render, exit. Nothing else lives here.

Each command imports what it needs when it runs: ``--help`` and a warm
``check`` (every file in the cache) must start as fast as a pre-commit hook
expects, without the extraction stack that only a cold run uses.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

import validator
from validator.errors import EXIT_FINDINGS, EXIT_OK, UsageError, ValidatorError
from validator.extract.settings import OCR_ENGINES, OCR_MODES
from validator.i18n import DEFAULT_LANGUAGE, LANGUAGES, message
from validator.model import Result, Severity
from validator.report import RENDERERS, ReportOptions

if TYPE_CHECKING:
    from validator.report import Renderer

# Imports inside the commands below are deliberate (see the module docstring).
# ruff: noqa: PLC0415

FAIL_ON = ("error", "warning", "info", "never")
BASELINE_VERSION = 1


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``, looked up only when asked for (see the module docstring)."""
    if value and not ctx.resilient_parsing:
        click.echo(f"material-validator, version {validator.__version__}")
        ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the version and exit.",
)
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
    from validator import engine

    targets = _pair_outputs(formats or ("terminal",), outputs)
    written = [Path(p) for _, p in targets if p != "-"]
    _refuse_inside(folders, [*written, *([write_baseline] if write_baseline else [])])
    run_options = engine.RunOptions(
        manifest=manifest,
        config=config,
        as_of=as_of.date() if as_of else None,
        jobs=jobs,
        cache_dir=cache_dir,
        use_cache=not no_cache,
        ocr_mode=ocr_mode,
        ocr_engine=ocr_engine,
        baseline=_read_baseline(baseline) if baseline else frozenset(),
    )
    plans = engine.prepare(folders, run_options)  # every config error, before any file is read
    configured = plans[0].config  # the first folder's config decides run-wide choices
    report_options = ReportOptions(
        lang=lang or configured.lang or DEFAULT_LANGUAGE, show_pii=show_pii, quiet=quiet
    )
    with _progress(enabled=not quiet) as progress:
        result = engine.run_plans(plans, dataclasses.replace(run_options, progress=progress))
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
    render: Renderer,
    result: Result,
    options: ReportOptions,
    target: str,
) -> None:
    if target == "-":
        color = sys.stdout.isatty()
        text = render(result, dataclasses.replace(options, color=color))
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
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("", total=None)

        def update(current: str, done: int, total: int) -> None:
            """One bar for the run; its label is the file just finished."""
            bar.update(task, description=current[-40:], completed=done, total=total)

        yield update


@cli.command("manifests")
def list_manifests() -> None:
    """List the built-in manifests."""
    from validator.manifest import builtin_manifests, load_manifest

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
    from validator.rules import RULES

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
    from validator.discover import source_file
    from validator.extract import (
        ExtractSettings,
        check_ocr_available,
        default_cache_dir,
        extract_one,
    )
    from validator.inspect import describe
    from validator.report.extraction import render_extraction

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
    from validator.config import CONFIG_NAME

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
    from validator.extract import cache_info, default_cache_dir

    info = cache_info(cache_dir or default_cache_dir())
    click.echo(f"{info.folder}\n{info.entries} documents, {info.size / 1_048_576:.1f} MiB")


@cache.command("clear")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path))
def cache_clear_command(cache_dir: Path | None) -> None:
    """Empty the cache."""
    from validator.extract import cache_clear, default_cache_dir

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
    from validator import engine
    from validator.hook import package_roots

    roots = [str(package) for package in package_roots(files, root)]
    if not roots:
        click.echo(message("hook.no-package", lang or DEFAULT_LANGUAGE))
        sys.exit(EXIT_OK)
    run_options = engine.RunOptions(manifest=manifest, use_cache=not no_cache)
    plans = engine.prepare(roots, run_options)
    configured = plans[0].config
    report_options = ReportOptions(lang=lang or configured.lang or DEFAULT_LANGUAGE)
    with _progress(enabled=True) as progress:
        result = engine.run_plans(plans, dataclasses.replace(run_options, progress=progress))
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
