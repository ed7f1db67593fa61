"""The command line: parse, call the engine, render, exit. Nothing else lives here.

Each command imports what it needs when it runs: ``--help`` and a warm
``check`` (every file in the cache) must start as fast as a pre-commit hook
expects, without the extraction stack that only a cold run uses.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import NoReturn

import click

import validator
from validator.errors import EXIT_FINDINGS, EXIT_OK, Terminated, UsageError, ValidatorError
from validator.extract.settings import OCR_ENGINES, OCR_MODES
from validator.i18n import DEFAULT_LANGUAGE, LANGUAGES, message
from validator.model import Result, Severity
from validator.report import DEFAULT_FORMAT, FORMAT_BY_EXTENSION, RENDERERS, ReportOptions

# Imports inside the commands below are deliberate (see the module docstring).
# ruff: noqa: PLC0415

FAIL_ON = ("error", "warning", "info", "never")


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


FORMAT_HELP = (
    "Report format; repeat it for several reports. Each --format pairs with the --output "
    "at the same position; an --output without one takes the format from its extension "
    "(.json .html .sarif .xml). Default: terminal on stdout."
)


@cli.command()
@click.argument("folders", nargs=-1, required=True, type=click.Path(file_okay=False))
@click.option("--manifest", help="Built-in manifest id (see `manifests`) or a manifest file.")
@click.option(
    "--config",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Config file to use instead of the nearest .material-validator.yaml.",
)
@click.option("--as-of", type=click.DateTime(["%Y-%m-%d"]), help="Judge dates as of this day.")
@click.option(
    "--format", "formats", multiple=True, type=click.Choice(sorted(RENDERERS)), help=FORMAT_HELP
)
@click.option(
    "--output",
    "outputs",
    multiple=True,
    help="File for the --format at the same position (- is stdout); see --format.",
)
@click.option("--fail-on", type=click.Choice(FAIL_ON), help="Lowest severity that fails the run.")
@click.option("--lang", type=click.Choice(LANGUAGES), help="Report language (default: zh).")
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes (default: CPU count).")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where extraction results are cached (default: the user cache folder).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the extraction cache.")
@click.option(
    "--ocr",
    "ocr_mode",
    type=click.Choice(["auto", "always", "never"]),
    help="auto: OCR pages without a text layer; always; never.",
)
@click.option(
    "--ocr-engine",
    type=click.Choice(OCR_ENGINES),
    help="Who reads scans and photos: auto (RapidOCR where facts live), tesseract or rapidocr.",
)
@click.option(
    "--select",
    "select",
    multiple=True,
    help="Rule ids to run, comma-separated or repeated (default: all; see `explain`).",
)
@click.option(
    "--ignore",
    "ignore",
    multiple=True,
    help="Rule ids not to run, comma-separated or repeated.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Accept the findings listed in this baseline file (see --write-baseline).",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the run's findings to this baseline file.",
)
@click.option("--show-pii", is_flag=True, help="Show ID-card numbers unmasked.")
@click.option(
    "--isolated", is_flag=True, help="Ignore every config file (for a folder someone else made)."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; only findings and the summary.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour in the terminal report; auto follows NO_COLOR, FORCE_COLOR and the terminal.",
)
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead.")
@click.option(
    "--watch",
    is_flag=True,
    help="Check again whenever a file of the folders changes (Ctrl-C stops).",
)
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
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    baseline: Path | None,
    write_baseline: Path | None,
    show_pii: bool,
    isolated: bool,
    quiet: bool,
    color: str,
    statistics: bool,
    watch: bool,
) -> None:
    """Check FOLDER... (each one package) against the manifest."""
    from validator import engine
    from validator.baseline import read_baseline

    if isolated and config is not None:
        raise UsageError("--isolated ignores every config file", hint="drop --config or --isolated")
    targets = pair_outputs(formats, outputs)
    written = [Path(p) for _, p in targets if p != "-"]
    # The cache is written too: inside the folder it would change what is checked.
    extra = [path for path in (write_baseline, cache_dir) if path is not None]
    _refuse_inside(folders, [*written, *extra])
    run_options = engine.RunOptions(
        manifest=manifest,
        config=config,
        as_of=as_of.date() if as_of else None,
        jobs=jobs,
        cache_dir=cache_dir,
        use_cache=not no_cache,
        ocr_mode=ocr_mode,
        ocr_engine=ocr_engine,
        baseline=read_baseline(baseline) if baseline else None,
        select=_rule_ids(select, "--select"),
        ignore=_rule_ids(ignore, "--ignore"),
        isolated=isolated,
        show_pii=show_pii,
    )
    output = _Output(targets, lang, quiet, use_color(color), statistics)

    def once() -> int:
        plans = engine.prepare(folders, run_options)  # every config error, before any file is read
        configured = plans[0].config  # the first folder's config decides run-wide choices
        with _progress(enabled=not quiet) as progress:
            result = engine.run_plans(plans, replace(run_options, progress=progress))
        output.emit(result, configured.lang)
        if write_baseline:
            _write_baseline(result, write_baseline, output.lang(configured.lang))
        return exit_code(result, fail_on or configured.fail_on or "error")

    if watch:
        from validator.watch import watch_folders

        watch_folders(folders, once)
        sys.exit(EXIT_OK)
    sys.exit(once())


def use_color(
    choice: str, environ: Mapping[str, str] | None = None, tty: bool | None = None
) -> bool:
    """--color always/never; auto: NO_COLOR turns colour off, FORCE_COLOR on (no-color.org)."""
    if choice != "auto":
        return choice == "always"
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty() if tty is None else tty


def _rule_ids(values: Sequence[str], option: str) -> tuple[str, ...]:
    from validator import engine

    ids = tuple(part.strip() for value in values for part in value.split(",") if part.strip())
    engine.check_rule_ids(ids, option)
    return ids


@dataclass(frozen=True)
class _Output:
    """Where and how a run's reports go: the same for every run of --watch."""

    targets: list[tuple[str, str]]
    lang_option: str | None
    quiet: bool
    color: bool
    statistics: bool

    def lang(self, configured: str | None) -> str:
        return self.lang_option or configured or DEFAULT_LANGUAGE

    def emit(self, result: Result, configured_lang: str | None) -> None:
        from validator.engine import CHINA_TZ
        from validator.report.concise import statistics as statistics_report

        options = ReportOptions(
            lang=self.lang(configured_lang),
            color=False,
            width=None,
            quiet=self.quiet,
            generated_at=dt.datetime.now(tz=CHINA_TZ).isoformat(timespec="seconds"),
        )
        on_stdout = "-" in (target for _, target in self.targets)
        for format_name, target in self.targets:
            if target == "-" and self.statistics:
                _to_stdout(statistics_report(result, options), self.color)
            elif target == "-":
                stdout_options = replace(options, color=self.color, width=_stdout_width())
                _to_stdout(RENDERERS[format_name](result, stdout_options), self.color)
                if format_name != "terminal":
                    _notes_to_stderr(result, options.lang)
            else:
                _write(target, RENDERERS[format_name](result, options))
        if not on_stdout:
            _notes_to_stderr(result, options.lang)


def _stdout_width() -> int | None:
    """The terminal's width on a terminal; a pipe gets ``COLUMNS``, else the report's own width."""
    if sys.stdout.isatty():
        return None
    from validator.report.terminal import PIPE_WIDTH

    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else PIPE_WIDTH


def _to_stdout(text: str, color: bool) -> None:
    click.echo(text, nl=not text.endswith("\n"), color=color)


def _notes_to_stderr(result: Result, lang: str) -> None:
    """Notes on the settings (a waiver that matches nothing), for reports that have no place."""
    from validator.report.common import note_message

    for package in result.packages:
        for note in package.notes:
            click.echo(f"material-validator: warning: {note_message(note, lang)}", err=True)


def _write(target: str, text: str) -> None:
    try:
        Path(target).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(
            f"cannot write {target}: {exc.strerror}", hint="choose a writable path"
        ) from exc


def pair_outputs(formats: Sequence[str], outputs: Sequence[str]) -> list[tuple[str, str]]:
    """Pair each --format with the --output at its position; the rest go to stdout.

    An --output beyond the formats takes its format from its extension, and a
    file whose extension names another format than the one paired with it is
    refused: terminal text never lands in ``report.json``.
    """
    if not formats and not outputs:
        return [(DEFAULT_FORMAT, "-")]
    pairs = []
    for position, target in enumerate(outputs):
        named = FORMAT_BY_EXTENSION.get(Path(target).suffix.lower()) if target != "-" else None
        given = formats[position] if position < len(formats) else None
        if given is None and named is None:
            raise UsageError(
                f"cannot tell the format of --output {target} from its extension",
                hint="name it .json, .html, .sarif or .xml, or give --format before it",
            )
        if given is not None and named is not None and given != named:
            raise UsageError(
                f"--output {target} is named for {named}, but --format {given} pairs with it",
                hint=f"use --format {named}, or give the file an extension for {given}",
            )
        pairs.append((given or named or DEFAULT_FORMAT, target))
    pairs += [(f, "-") for f in formats[len(outputs) :]]
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
                    hint="write reports, baselines and the cache outside the package folder",
                )


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


def _write_baseline(result: Result, path: Path, lang: str) -> None:
    from validator.baseline import write_baseline
    from validator.pii import redact_result
    from validator.report.common import finding_message

    findings = [
        (reported, finding_message(reported, lang))
        for package in redact_result(result, show_pii=False).packages
        for reported in package.findings
    ]
    write_baseline(path, findings)


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
@click.option("--show", "show", metavar="ID", help="Print the YAML of this built-in manifest.")
def list_manifests(show: str | None) -> None:
    """List the built-in manifests (or print one, as a model for your own)."""
    from validator.manifest import builtin_manifests, load_manifest

    if show is not None:
        click.echo(Path(load_manifest(show).path).read_text("utf-8"), nl=False)
        return
    for manifest_id in builtin_manifests():
        manifest = load_manifest(manifest_id)
        click.echo(
            f"{manifest_id:12} v{manifest.version}  {len(manifest.items):2} items  "
            f"{manifest.title.zh} / {manifest.title.en}"
        )


@cli.command()
@click.argument("rule", required=False)
@click.option(
    "--lang", type=click.Choice(LANGUAGES), default=DEFAULT_LANGUAGE, help="Language (default: zh)."
)
def explain(rule: str | None, lang: str) -> None:
    """What RULE checks, with examples; without RULE, list the rules."""
    from validator import engine
    from validator.explain import explanation
    from validator.rules import RULES

    if rule is None:
        for rule_id, module in RULES.items():
            severity = message(f"report.severity.{module.SEVERITY.value}", lang)
            title = message(f"rule.{rule_id}.title", lang)
            click.echo(f"{rule_id:24} {severity:{8 if lang == 'en' else 5}} {title}")
        return
    if rule not in RULES:
        raise UsageError(f"unknown rule {rule!r}", hint=engine.rule_hint(rule))
    click.echo(explanation(rule, lang))


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
    from validator.pii import redact_result
    from validator.report.extraction import render_extraction
    from validator.report.printable import printable_result

    settings = ExtractSettings.from_config(ocr={"mode": ocr_mode, "engine": ocr_engine}, limits={})
    if ocr_mode != "never":
        check_ocr_available(settings.ocr.lang, lang, settings.ocr.engine)
    document = extract_one(
        source_file(file), settings, cache_dir=None if no_cache else default_cache_dir()
    )
    # Masked and made printable like every report: a name or page may hold control characters.
    view = printable_result(redact_result(describe(document), show_pii), line_breaks=True)
    click.echo(render_extraction(view, lang=lang), nl=False)


@cli.command("config-help")
def config_help() -> None:
    """Print the starter config: every key a config may hold, with a comment."""
    click.echo(starter_config(), nl=False)


@cli.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an existing config.")
def init(folder: Path, force: bool) -> None:
    """Write a commented starter FOLDER/.material-validator.yaml (every key, explained)."""
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
@click.option("--lang", type=click.Choice(LANGUAGES), help="Report language (default: zh).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the extraction cache.")
@click.option(
    "--verbose",
    "-v",
    is_flag=True,
    help="The full terminal report (fact sheet and checklist), not one line per finding.",
)
def pre_commit(
    files: tuple[Path, ...],
    root: Path | None,
    manifest: str | None,
    fail_on: str | None,
    lang: str | None,
    no_cache: bool,
    verbose: bool,
) -> None:
    """Check every package that holds one of FILES (the pre-commit hook's entry point).

    One line per finding, those in the files of this commit first; the
    package's config (its baseline and waivers too) applies as for `check`.
    """
    from validator import engine
    from validator.hook import package_roots
    from validator.report.concise import changed_first

    roots = [str(package) for package in package_roots(files, root)]
    if not roots:
        click.echo(message("hook.no-package", lang or DEFAULT_LANGUAGE))
        sys.exit(EXIT_OK)
    run_options = engine.RunOptions(manifest=manifest, use_cache=not no_cache)
    plans = engine.prepare(roots, run_options)
    configured = plans[0].config
    with _progress(enabled=True) as progress:
        result = engine.run_plans(plans, replace(run_options, progress=progress))
    options = ReportOptions(lang=lang or configured.lang or DEFAULT_LANGUAGE, width=_stdout_width())
    if verbose:
        _to_stdout(RENDERERS["terminal"](result, options), color=False)
    else:
        _to_stdout(changed_first(result, options, files), color=False)
        _notes_to_stderr(result, options.lang)
    sys.exit(exit_code(result, fail_on or configured.fail_on or "error"))


def starter_config() -> str:
    return (resources.files("validator") / "starter_config.yaml").read_text("utf-8")


def _terminate(signum: int, frame: object) -> NoReturn:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second one must not cut the clean-up
    raise Terminated


def main() -> NoReturn:
    """Console entry point: one handler turns user errors into a message and an exit code.

    SIGTERM is turned into an exception, as Ctrl-C is, so that a stopped run
    still stops its workers (and their LibreOffice) and removes its
    temporary folders on the way out.
    """
    signal.signal(signal.SIGTERM, _terminate)
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
    except Terminated:
        click.echo("Terminated.", err=True)
        sys.exit(Terminated.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    sys.exit(EXIT_OK)
