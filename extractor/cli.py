"""Command line: thin wrappers over importable functions (run, extract, schema, evaluate)."""
from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Structured, checkable facts from Indonesian correctional-institution press releases.")

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def _sample_dir() -> Path:
    return Path(str(resources.files("extractor").joinpath("samples")))


@app.command("run")
def run_cli(
    paths: List[Path] = typer.Argument(None, help="Article files or folders (recursive). Default: the bundled samples."),
    output: str = typer.Option("facts.jsonl", "-o", "--output", help="JSONL output file, or - for stdout."),
    errors: Optional[Path] = typer.Option(None, "--errors", help="Error file (default: errors.jsonl beside the output)."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes."),
    resume: bool = typer.Option(False, "--resume", help="Keep records of an interrupted run; do only what is missing."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress or summary."),
) -> None:
    """Extract one record per article from files and folders into JSONL."""
    from .run import run

    paths = list(paths or [_sample_dir()])
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        typer.echo(f"error: no such file or folder: {', '.join(map(str, missing))}", err=True)
        raise typer.Exit(EXIT_USAGE)
    out = None if output == "-" else Path(output)
    err_path = errors or (out.with_name("errors.jsonl") if out else None)
    progress = _progress(quiet or out is None)
    with progress as bar:
        task = bar.add_task("extracting", total=None) if bar else None
        stats = run(paths, out, err_path, workers=workers, resume=resume,
                    on_item=(lambda: bar.advance(task)) if bar else None)
    if not quiet:
        where = out or "stdout"
        typer.echo(f"{stats.articles} records -> {where}; {stats.failed} failed"
                   + (f" (see {err_path})" if stats.failed and err_path else "")
                   + (f"; {stats.skipped} already done" if stats.skipped else ""), err=True)
        for kind, n in sorted(stats.errors_by_kind.items()):
            typer.echo(f"  {kind}: {n}", err=True)
    raise typer.Exit(EXIT_SOME_FAILED if stats.failed else EXIT_OK)


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
def extract_cli(file: Path = typer.Argument(..., help="One article file.")) -> None:
    """Print one article's record, pretty."""
    from .errors import ArticleError
    from .read import read_path
    from .run import extract_article

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


def main() -> None:
    app()
