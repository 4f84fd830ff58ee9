"""Command line: thin wrappers over importable functions (run, extract, schema, evaluate, render, export,
timeline, labelstudio)."""
from __future__ import annotations

import contextlib
import json
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from .errors import UsageError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Structured, checkable facts from Indonesian correctional-institution press releases.")

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


class Format(str, Enum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"


class Backend(str, Enum):
    spacy = "spacy"
    stanza = "stanza"


def _use_backend(backend: "Backend", stanza_dir: Optional[Path]) -> None:
    """Make the shared pipeline use the chosen backend (stanza adds dependencies; spaCy stays the core)."""
    if backend != Backend.stanza:
        return
    from .pipeline import use_backend
    from .stanza_adapter import StanzaUnavailable

    try:
        use_backend("stanza", str(stanza_dir) if stanza_dir else None)
    except StanzaUnavailable as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE)


@app.command("run")
def run_cli(
    paths: List[Path] = typer.Argument(None, help="Article files or folders (recursive). Default: the bundled samples."),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="Output file (a folder for --format csv), "
                                         "or - for stdout. Default: facts.jsonl, facts.json or facts/."),
    fmt: Format = typer.Option(Format.jsonl, "--format", "-f", help="jsonl: one record a line; json: one array; "
                               "csv: flat tables (organizations.csv, people.csv, ...) in a folder."),
    errors: Optional[Path] = typer.Option(None, "--errors", help="Error file (default: errors.jsonl beside the output, "
                                          "or in the current folder when the output is stdout)."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes."),
    resume: bool = typer.Option(False, "--resume", help="Keep records of an interrupted run; do only what is missing."),
    timeout: float = typer.Option(60.0, "--timeout", min=0, help="Seconds an article may take before it is "
                                  "skipped as a 'timeout' error (0: no limit)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress or summary."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Print each file's error to stderr as it happens."),
    backend: Backend = typer.Option(Backend.spacy, "--backend", help="stanza: add stanza's Indonesian sentence "
                                    "starts and dependencies (needs its models, see --stanza-dir)."),
    stanza_dir: Optional[Path] = typer.Option(None, "--stanza-dir", help="Folder holding stanza's Indonesian models."),
) -> None:
    """Extract one record per article from files and folders into JSONL (or JSON, or CSV tables)."""
    from .read import sample_dir
    from .run import run

    paths = list(paths or [sample_dir()])
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        typer.echo(f"error: no such file or folder: {', '.join(map(str, missing))}", err=True)
        raise typer.Exit(EXIT_USAGE)
    fmt = Format(fmt)
    if output is None:
        from .export import default_output

        output = str(default_output(fmt.value))
    out = None if output == "-" else Path(output)
    if fmt == Format.csv and out is None:
        typer.echo("error: --format csv writes a folder of tables; give -o DIR", err=True)
        raise typer.Exit(EXIT_USAGE)
    if fmt == Format.csv and out is not None and out.exists() and not out.is_dir():
        typer.echo(f"error: {out} exists and is not a folder; --format csv writes a folder of tables", err=True)
        raise typer.Exit(EXIT_USAGE)
    if backend == Backend.stanza and workers > 1:
        typer.echo("note: the stanza backend runs with one worker", err=True)
        workers = 1
    _use_backend(backend, stanza_dir)
    err_path = errors or (out.with_name("errors.jsonl") if out else Path("errors.jsonl"))
    with contextlib.ExitStack() as stack:
        if fmt == Format.jsonl:
            jsonl_out = out
        elif out is None:  # json to stdout: convert from a temporary JSONL
            jsonl_out = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "facts.jsonl"
        else:  # a hidden JSONL beside the output: the resume point, removed once converted
            jsonl_out = out.with_name(f".{out.name}.run.jsonl")
        progress = _progress(quiet or out is None)
        with progress as bar:
            task = bar.add_task("extracting", total=None) if bar else None
            try:
                stats = run(paths, jsonl_out, err_path, workers=workers, resume=resume, timeout=timeout,
                            on_item=(lambda: bar.advance(task)) if bar else None,
                            on_error=_show_error if verbose else None)
            except UsageError as exc:  # a bad combination of options
                typer.echo(f"error: {exc}", err=True)
                raise typer.Exit(EXIT_USAGE)
        if fmt != Format.jsonl:
            from .export import ExportError, convert

            try:
                convert(jsonl_out, fmt.value, out)
            except ExportError as exc:
                typer.echo(f"error: {exc}", err=True)
                raise typer.Exit(EXIT_SOME_FAILED)
            jsonl_out.unlink(missing_ok=True)
    if not quiet:
        where = out or "stdout"
        typer.echo(f"{stats.articles} records -> {where}; {stats.failed} failed"
                   + (f" (see {err_path})" if stats.failed and err_path else "")
                   + (f"; {stats.skipped} already done" if stats.skipped else ""), err=True)
        for kind, n in sorted(stats.errors_by_kind.items()):
            typer.echo(f"  {kind}: {n}", err=True)
    raise typer.Exit(EXIT_SOME_FAILED if stats.failed else EXIT_OK)


def _show_error(err: dict) -> None:
    """--verbose: each per-file error on stderr as it happens."""
    typer.echo(f"error: {err.get('path')}: {err.get('kind')}: {err.get('message')}", err=True)


class _NoBar:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def _progress(silent: bool):
    if silent or not sys.stderr.isatty():
        return _NoBar()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    transient=True)


@app.command("extract")
def extract_cli(
    file: Path = typer.Argument(..., help="One article file."),
    backend: Backend = typer.Option(Backend.spacy, "--backend", help="stanza: add stanza's dependencies."),
    stanza_dir: Optional[Path] = typer.Option(None, "--stanza-dir", help="Folder holding stanza's Indonesian models."),
) -> None:
    """Print one article's record, pretty."""
    from .errors import ArticleError
    from .read import read_path
    from .run import extract_article

    _use_backend(backend, stanza_dir)

    failed = False
    for item in read_path(file):
        if isinstance(item, ArticleError):
            typer.echo(f"error: {item.path}: {item.kind}: {item.message}", err=True)
            failed = True
            continue
        typer.echo(json.dumps(json.loads(extract_article(item)), ensure_ascii=False, indent=2))
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


@app.command("schema")
def schema_cli(output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to a file instead.")) -> None:
    """Print the JSON Schema of the record (generated from the pydantic models)."""
    from .records import json_schema

    text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        typer.echo(text, nl=False)


@app.command("evaluate")
def evaluate_cli(
    gold: Path = typer.Option(Path("corpus"), "--gold", help="Gold records: a folder (*.gold.json), a JSONL file, "
                              "or the corpus folder with its manifest."),
    pred: Optional[Path] = typer.Option(None, "--pred", help="Predictions (folder or JSONL). Default: run the pipeline."),
    split: Optional[str] = typer.Option(None, "--split", help="Only this split of the corpus manifest."),
    strict: bool = typer.Option(False, "--strict", help="Exact string matching instead of the spec's matching."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    errors: bool = typer.Option(False, "--errors", help="List missed and spurious items per article."),
    min_f1: Optional[float] = typer.Option(None, "--min-f1", help="Exit 1 when core macro F1 is below this."),
) -> None:
    """Score predictions (or the pipeline) against gold records, per field, and spans per label."""
    from . import evaluate as ev

    try:
        report = ev.evaluate_paths(gold, pred, split=split, strict=strict)
    except ev.EvaluationInputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE)
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        ev.print_report(report, show_errors=errors)
    if min_f1 is not None and report["core_macro_f1"] < min_f1:
        typer.echo(f"core macro F1 {report['core_macro_f1']:.3f} is below {min_f1}", err=True)
        raise typer.Exit(EXIT_SOME_FAILED)


@app.command("render")
def render_cli(
    paths: List[Path] = typer.Argument(..., help="Article files or folders (the pipeline runs), or a facts.jsonl "
                                       "written by run (texts found from article.source or --articles)."),
    output: str = typer.Option("report.html", "-o", "--output", help="HTML file, or - for stdout."),
    articles: List[Path] = typer.Option([], "--articles", help="Folder of the articles' texts, for a facts.jsonl "
                                        "whose sources moved (repeatable)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary."),
) -> None:
    """One HTML page: each article with its entities highlighted (displaCy), then its visits and stages."""
    from .export import ExportError
    from .render import render

    _require(paths)
    out = None if output == "-" else Path(output)
    try:
        stats = render(paths, out, articles)
    except ExportError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE)
    _finish(stats, f"{stats.articles} articles", out, quiet)


@app.command("export")
def export_cli(
    facts: Path = typer.Argument(..., help="A JSONL of records written by run."),
    fmt: Format = typer.Option(Format.csv, "--format", "-f", help="csv (a folder of tables), json (one array) or jsonl."),
    output: Optional[str] = typer.Option(None, "-o", "--output", help="Output file, or folder for csv; - for stdout "
                                         "(json, jsonl). Default: beside FACTS (facts/ or facts.json)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary."),
) -> None:
    """Convert run's JSONL into a JSON array or flat CSV tables for analysts."""
    from .export import ExportError, convert

    _require([facts])
    fmt = Format(fmt)
    if output is None:
        stem = facts.name.split(".")[0] or "facts"
        output = str(facts.with_name(stem if fmt == Format.csv else f"{stem}.{fmt.value}"))
    out = None if output == "-" else Path(output)
    if out is not None and out.resolve() == facts.resolve():
        typer.echo("error: the output would overwrite the input", err=True)
        raise typer.Exit(EXIT_USAGE)
    if fmt == Format.csv and out is not None and out.exists() and not out.is_dir():
        typer.echo(f"error: {out} exists and is not a folder; --format csv writes a folder of tables", err=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        n = convert(facts, fmt.value, out)
    except ExportError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE)
    if not quiet:
        typer.echo(f"{n} records -> {out or 'stdout'} ({fmt.value})", err=True)


@app.command("timeline")
def timeline_cli(
    facts: Path = typer.Argument(..., help="A JSONL of records written by run."),
    as_json: bool = typer.Option(False, "--json", help="Print the timelines as JSON."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to a file instead of stdout."),
) -> None:
    """Per facility–partner pair, the partnership stages across articles in date order."""
    from .export import ExportError, atomic_text
    from .timeline import format_text, timelines_from_file

    _require([facts])
    try:
        timelines = timelines_from_file(facts)
    except ExportError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE)
    text = json.dumps(timelines, ensure_ascii=False, indent=2) + "\n" if as_json else format_text(timelines)
    with atomic_text(output) as fh:
        fh.write(text)


labelstudio_app = typer.Typer(no_args_is_help=True, help="Round trip with Label Studio: predictions out as tasks, "
                              "annotations back in as corpus files.")
app.add_typer(labelstudio_app, name="labelstudio")


@labelstudio_app.command("export")
def labelstudio_export_cli(
    paths: List[Path] = typer.Argument(..., help="Article files or folders (the pipeline runs, ROLE spans included), "
                                       "or a facts.jsonl written by run."),
    output: str = typer.Option("tasks.json", "-o", "--output", help="Tasks JSON for Label Studio's import, or -."),
    articles: List[Path] = typer.Option([], "--articles", help="Folder of the articles' texts (for a facts.jsonl)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Also write the labeling config XML here."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary."),
) -> None:
    """Predictions as Label Studio tasks with pre-annotations (labels ORG PERSON ROLE LOC DATE PRODUCT)."""
    from .export import ExportError, atomic_text
    from .labelstudio import ExportStats, export_tasks, labeling_config, write_tasks

    _require(paths)
    stats = ExportStats()
    try:
        tasks = export_tasks(paths, articles, stats)
    except ExportError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE)
    out = None if output == "-" else Path(output)
    write_tasks(tasks, out)
    if config:
        with atomic_text(config) as fh:
            fh.write(labeling_config())
    _finish(stats, f"{stats.tasks} tasks", out, quiet)


@labelstudio_app.command("import")
def labelstudio_import_cli(
    export: Path = typer.Argument(..., help="A Label Studio JSON export (a list of tasks with annotations)."),
    output: Path = typer.Option(..., "-o", "--output", help="Folder for <id>.txt, <id>.spans.json, <id>.gold.json."),
    pipeline: bool = typer.Option(True, "--pipeline/--no-pipeline", help="Fill the draft's article fields, kinds, "
                                  "roles and date values from the pipeline."),
    predictions: bool = typer.Option(False, "--predictions", help="Use a task's predictions when it has no annotation."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No summary."),
) -> None:
    """Annotations back into the corpus format (spans, and a draft gold record with events left empty)."""
    from .labelstudio import LabelStudioError, import_export

    _require([export])
    try:
        stats = import_export(export, output, use_pipeline=pipeline, use_predictions=predictions)
    except LabelStudioError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE)
    for message in stats.messages:
        typer.echo(f"warning: {message}", err=True)
    if not quiet:
        typer.echo(f"{stats.written} of {stats.tasks} tasks -> {output}"
                   + (f"; {stats.skipped} skipped" if stats.skipped else "")
                   + (f"; {stats.repaired} offsets repaired" if stats.repaired else "")
                   + (f"; {stats.dropped} regions dropped" if stats.dropped else ""), err=True)
    raise typer.Exit(EXIT_SOME_FAILED if stats.dropped or stats.skipped else EXIT_OK)


@labelstudio_app.command("config")
def labelstudio_config_cli(
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write to a file instead of stdout."),
) -> None:
    """The Label Studio labeling config (XML) for the exported tasks."""
    from .export import atomic_text
    from .labelstudio import labeling_config

    with atomic_text(output) as fh:
        fh.write(labeling_config())


def _require(paths) -> None:
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        typer.echo(f"error: no such file or folder: {', '.join(map(str, missing))}", err=True)
        raise typer.Exit(EXIT_USAGE)


def _finish(stats, what: str, out: Optional[Path], quiet: bool) -> None:
    """Warnings, a one-line summary and the exit code of a command that reads articles back."""
    for message in stats.messages:
        typer.echo(f"warning: {message}", err=True)
    if not quiet:
        typer.echo(f"{what} -> {out or 'stdout'}"
                   + (f"; article text not found for {stats.missing_text}" if stats.missing_text else "")
                   + (f"; {stats.failed} files failed" if stats.failed else ""), err=True)
    raise typer.Exit(EXIT_SOME_FAILED if stats.failed or stats.missing_text else EXIT_OK)


def main() -> None:
    app()
