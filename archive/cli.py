"""The ``archive`` command: parse arguments, call the library, print.

Errors the user can fix are one line on stderr and a non-zero exit status;
set ARCHIVE_DEBUG=1 to see a traceback for anything unexpected.
"""
from __future__ import annotations

import glob
import os
import re
import sys
from contextlib import closing, contextmanager

import click

from . import __version__
from .config import DB_ENV, FILE_TIME_BUDGET_S, MAX_FILE_BYTES, MIN_WORK_PER_WORKER, database_url
from .rows import FORMATS

FORMAT = click.Choice(FORMATS)


def _one_line(exc: Exception) -> str:
    """A storage error as the user needs it: what happened, never the SQL and its parameters."""
    from sqlalchemy.exc import SQLAlchemyError

    if isinstance(exc, SQLAlchemyError):
        orig = getattr(exc, "orig", None) or exc
        first = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
        low = first.lower()
        if "readonly" in low or "read-only" in low:
            return "the archive is read-only (the file or its folder cannot be written): nothing was changed"
        if "disk is full" in low or "no space" in low:
            return "disk full: the articles committed before this point are kept, the rest were not stored"
        if "locked" in low:
            return "the archive is locked by another writer; try again when it has finished"
        return f"database error: {first} (set ARCHIVE_DEBUG=1 for details)"
    return f"{type(exc).__name__}: {exc} (set ARCHIVE_DEBUG=1 for details)"


class ArchiveGroup(click.Group):
    """Turns library errors into one-line messages instead of tracebacks."""

    def invoke(self, ctx):
        from .errors import ArchiveError, CurationError, QueryError

        try:
            return super().invoke(ctx)
        except (ArchiveError, QueryError, CurationError) as exc:
            raise click.ClickException(str(exc)) from None
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit, BrokenPipeError):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted: everything committed before this point is kept", err=True)
            sys.exit(130)
        except Exception as exc:  # never a traceback in normal use
            if os.environ.get("ARCHIVE_DEBUG"):
                raise
            raise click.ClickException(_one_line(exc)) from None


@click.group(cls=ArchiveGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", metavar="PATH|URL", envvar=DB_ENV, show_envvar=True,
              help="SQLite file or SQLAlchemy URL [default: archive.sqlite].")
@click.version_option(__version__, prog_name="archive")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """A structured archive of news: who said what, where and when."""
    ctx.obj = {"url": _url(db)}


#: The databases the archive runs on: SQLAlchemy backend names.
SUPPORTED = ("sqlite", "postgresql")


def _url(db: str | None) -> str:
    url = database_url(db)
    backend = url.split("://", 1)[0].split("+", 1)[0]
    if backend not in SUPPORTED:
        raise click.BadParameter(f"{backend}:// is not supported: give a SQLite file path or a "
                                 "postgresql://user@host/dbname URL", param_hint="--db")
    return url


def _db_after_command(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    """``archive quotes --db X`` means the same as ``archive --db X quotes``."""
    if value is not None:
        ctx.find_root().obj["url"] = _url(value)


MANY = 3  # merging this many or more at once asks first (a typo in a list of ids is easy to make)


def _confirm(question: str, yes: bool) -> None:
    """A destructive step: ask on a terminal; anywhere else it needs --yes."""
    if yes:
        return
    if not sys.stdin.isatty():
        raise click.ClickException(f"{question[0].lower()}{question[1:]}; add --yes to do it without being asked")
    click.confirm(f"{question}. Continue?", abort=True)


def _engine(ctx: click.Context, create: bool = True):
    from .db import open_archive

    return open_archive(ctx.obj["url"], create=create)


@contextmanager
def _reading(ctx: click.Context):
    """The archive for a command that only reads: a SQLite archive at head through sqlite3 alone
    (archive.reader: no SQLAlchemy to import), anything else through its engine."""
    from .reader import open_reader

    raw = open_reader(ctx.obj["url"])
    if raw is None:
        yield _engine(ctx, create=False)
        return
    with closing(raw):
        yield raw


# ------------------------------------------------------------------ import

JOBS_HELP = (f"Worker processes that extract [default: one per core, for {MIN_WORK_PER_WORKER} or more "
             "articles a worker; fewer run in this process].")

@cli.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option("--outlet", help="Outlet of these articles (overrides the files' own).")
@click.option("--published", metavar="DATE", help="Publication date, e.g. 2025-08-28.")
@click.option("--url", help="URL of the article (for a single file).")
@click.option("--date-order", type=click.Choice(["dmy", "mdy"]),
              help="How to read all-numeric dates such as 04/09/2025 (otherwise they are not used).")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None, help=JOBS_HELP)
@click.option("--max-size", type=click.IntRange(1), default=MAX_FILE_BYTES, show_default=True,
              help="Refuse files larger than this many bytes.")
@click.option("--time-budget", type=click.FloatRange(min=0.001), default=FILE_TIME_BUDGET_S, show_default=True,
              help="Seconds one file may spend in extraction; then it is stored with what was found.")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the summary.")
@click.pass_context
def import_cmd(ctx, paths, outlet, published, url, date_order, jobs, max_size, time_budget, quiet):
    """Import articles: files, folders (recursively) and globs.

    Reads .txt (with an optional NAME.meta.json sidecar), .html/.htm and
    .json/.jsonl. A bad file is reported with its reason and skipped; the
    exit status is 1 if any failed.

    \b
    Example:
      archive import seeds/
      archive import --outlet "BBC News" --published 2025-08-28 story.txt
    """
    from .pipeline import Stopped, import_paths
    from .read import expand_paths
    from .types import ArticleMeta

    if published:
        _published(published, date_order)
    if url and (len(paths) > 1 or any(os.path.isdir(p) or glob.has_magic(p) for p in paths)):
        raise click.BadParameter("a URL belongs to one article: give --url with a single file", param_hint="--url")
    engine = _engine(ctx)
    files = list(expand_paths(list(paths)))
    meta = ArticleMeta(outlet=outlet, published=published, url=url, date_order=date_order) \
        if (outlet or published or url or date_order) else None
    show_bar = not quiet and sys.stderr.isatty() and len(files) > 1
    stopped = None
    try:
        if show_bar:
            with click.progressbar(length=len(files), label="importing", file=sys.stderr) as bar:
                summary = import_paths(files, engine, jobs, max_size, meta, on_file=lambda _: bar.update(1),
                                       budget=time_budget)
        else:
            summary = import_paths(files, engine, jobs, max_size, meta, budget=time_budget)
    except Stopped as exc:
        summary, stopped = exc.summary, exc
    _import_report(summary, quiet)
    if stopped is not None:
        done = summary.new + summary.versions + summary.updated + summary.unchanged
        why = "interrupted" if stopped.cause is None else _one_line(stopped.cause).split(":")[0]
        click.echo(f"{why}: {done} articles committed, the rest not stored; "
                   "run the same import again to finish it", err=True)
        ctx.exit(130 if stopped.cause is None else 1)
    if summary.failed:
        ctx.exit(1)


def _published(value: str, date_order: str | None) -> str:
    """A --published value as YYYY-MM-DD, or a usage error saying why not."""
    from .clean import parse_published

    parsed, precision = parse_published(value, date_order)
    if precision == "ambiguous":
        raise click.BadParameter(f"{value!r} could be day/month or month/day: give YYYY-MM-DD or "
                                 "--date-order dmy|mdy", param_hint="--published")
    if parsed is None:
        raise click.BadParameter(f"{value!r} is not a date (e.g. 2025-08-28)", param_hint="--published")
    return parsed


def _import_report(summary, quiet: bool) -> None:
    for path, reason in summary.warnings:
        if not quiet:
            click.echo(f"warning: {path}: {reason}", err=True)
    for path, reason in summary.failures:
        click.echo(f"error: {path}: {reason}", err=True)
    parts = [f"{summary.new} new"]
    if summary.versions:
        parts.append(f"{summary.versions} new version{'s' if summary.versions > 1 else ''}")
    if summary.updated:
        parts.append(f"{summary.updated} updated")
    parts += [f"{summary.unchanged} unchanged", f"{summary.failed} failed"]
    click.echo(f"{', '.join(parts)}; {summary.quotes} quotes, {summary.speakers} new speakers")


@cli.command()
@click.option("--jobs", "-j", type=click.IntRange(1, 256), default=None, help=JOBS_HELP)
@click.pass_context
def reextract(ctx, jobs):
    """Run the current extraction rules over every stored article again.

    Reads no files: uses the text stored at import. Machine quotes are
    replaced; curated speakers, names and aliases are kept and applied.
    Extraction runs in worker processes, as an import's does.
    """
    from sqlalchemy import text

    from .pipeline import reextract as run

    engine = _engine(ctx)
    with engine.connect() as conn:
        total = conn.execute(text("SELECT COUNT(*) FROM articles")).scalar_one()
    if sys.stderr.isatty() and total > 1:
        with click.progressbar(length=total, label="re-extracting", file=sys.stderr) as bar:
            summary = run(engine, on_article=lambda: bar.update(1), jobs=jobs)
    else:
        summary = run(engine, jobs=jobs)
    click.echo(f"{summary.articles} articles re-extracted; {summary.quotes} quotes, "
               f"{summary.speakers} new speakers, {summary.pruned} unused speakers removed")


# ------------------------------------------------------------------ reading

@cli.command()
@click.argument("query")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
@click.option("--timeout", type=click.FloatRange(min=0.001), default=60.0, show_default=True,
              help="Seconds before a running query is stopped.")
@click.option("--wide", is_flag=True, help="Show every cell whole (tables cut long cells with '…').")
@click.pass_context
def sql(ctx, query, fmt, timeout, wide):
    """Run a read-only SQL query; QUERY '-' reads it from stdin.

    \b
    Example:
      archive sql "SELECT speaker, COUNT(*) FROM who_said_what GROUP BY 1 ORDER BY 2 DESC"
    """
    from .readonly import run_read_only
    from .rows import format_rows

    if query == "-":
        query = sys.stdin.read()
    with _reading(ctx) as source:
        columns, rows = run_read_only(source, query, timeout)
    if columns:
        if not rows and fmt == "table":
            click.echo("no rows", err=True)
        click.echo(format_rows(columns, rows, fmt, max_width=None if wide else 60))


@cli.group(invoke_without_command=True)
@click.option("--speaker", "-s", help="Only quotes of speakers whose name contains this.")
@click.option("--limit", "-n", type=click.IntRange(1), default=100, show_default=True)
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
@click.option("--wide", is_flag=True, help="Show every cell whole (tables cut long cells with '…').")
@click.pass_context
def quotes(ctx, speaker, limit, fmt, wide):
    """Show who said what (the who_said_what view), oldest article first; correct a quote.

    \b
    Example:
      archive quotes --speaker zelensky
      archive quotes delete 17          # not a quote
      archive quotes assign 18 4        # said by speaker 4
    """
    if ctx.invoked_subcommand is not None:
        return
    from .query import who_said
    from .rows import format_rows

    with _reading(ctx) as source:
        columns, rows = who_said(source, speaker, limit)
    if not rows and fmt == "table":
        click.echo("no quotes" + (f" by a speaker matching {speaker!r}" if speaker else " in the archive"))
        return
    click.echo(format_rows(columns, rows, fmt, max_width=None if wide else 60))


@quotes.command("delete")
@click.argument("quote_ids", type=int, nargs=-1, required=True)
@click.option("--yes", is_flag=True, help=f"Do not ask when deleting {MANY} or more at once.")
@click.pass_context
def quotes_delete(ctx, quote_ids, yes):
    """Delete quotes that are none; the same text never gives them again (re-extraction, re-import)."""
    from .store import delete_quotes

    if len(set(quote_ids)) >= MANY:
        _confirm(f"Deleting {len(set(quote_ids))} quotes", yes)
    n = delete_quotes(_engine(ctx, create=False), list(quote_ids))
    click.echo(f"deleted {n} quote(s); they stay deleted through re-extraction")


@quotes.command("assign")
@click.argument("quote_id", type=int)
@click.argument("speaker_id", type=int)
@click.pass_context
def quotes_assign(ctx, quote_id, speaker_id):
    """Give QUOTE_ID to SPEAKER_ID (the machine named the wrong speaker, or none)."""
    from .store import assign_quote

    assign_quote(_engine(ctx, create=False), quote_id, speaker_id)
    click.echo(f"quote {quote_id} is now speaker {speaker_id}'s; kept through re-extraction")


@cli.command()
@click.argument("words", nargs=-1, required=True)
@click.option("--speaker", "-s", help="Only quotes of speakers whose name contains this.")
@click.option("--since", metavar="DATE", help="Only articles published on or after this date (YYYY-MM-DD).")
@click.option("--articles", is_flag=True, help="Search article bodies instead of quotes.")
@click.option("--limit", "-n", type=click.IntRange(1), default=20, show_default=True)
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
@click.pass_context
def search(ctx, words, speaker, since, articles, limit, fmt):
    """Full-text search of quotes (or article bodies): every word must match.

    Each match is shown with its speaker, outlet, date and a snippet with the
    matching words highlighted.

    \b
    Example:
      archive search sanctions pressure --speaker zelensky
      archive search refineries --articles
    """
    from .query import search as run
    from .rows import format_rows

    if since:
        from .clean import parse_published

        since, _ = parse_published(since)
        if since is None:
            raise click.ClickException("--since needs a date such as 2025-08-28")
    with _reading(ctx) as source:
        columns, rows = run(source, " ".join(words), speaker, since, articles, limit)
    if not rows:
        click.echo("no matches", err=True)
        return
    out = format_rows(columns, rows, fmt, max_width=None)  # a snippet is whole words already
    if fmt == "table" and sys.stdout.isatty():
        out = re.sub(r"\[([^\]\n]+)\]", lambda m: click.style(m.group(1), bold=True, fg="yellow"), out)
    click.echo(out)


@cli.command()
@click.option("--columns", is_flag=True, help="Also describe each view's columns.")
def views(columns):
    """List the curated views and the question each answers."""
    from .views import load_views

    for view in load_views():
        click.echo(f"{view.name}: {view.description}")
        if columns:
            width = max((len(c) for c in view.columns), default=0)
            for col, desc in view.columns.items():
                click.echo(f"    {col.ljust(width)}  {desc}")


@cli.command()
@click.pass_context
def stats(ctx):
    """Counts of what the archive holds."""
    from .query import stats as get

    with _reading(ctx) as source:
        counts = get(source)
    for key, value in counts.items():
        click.echo(f"{key}: {value}")


@cli.command()
@click.option("--repair", is_flag=True, help="Recompute the derived tables and rebuild full-text indexes that are "
                                             "out of step (one transaction).")
@click.pass_context
def check(ctx, repair):
    """Is the archive whole? File structure, foreign keys, full-text indexes, derived tables.

    Exits 1 if anything is wrong and was not repaired.
    """
    from .store import check_archive

    findings = check_archive(_engine(ctx, create=False), repair=repair)
    for f in findings:
        status = "repaired" if f.repaired else "ok" if f.ok else "FAILED"
        click.echo(f"{f.check:<13} {status:<9} {f.detail}")
    if any(not f.ok and not f.repaired for f in findings):
        ctx.exit(1)


@cli.command()
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "json", "parquet", "geojson"]), default="jsonl",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write to a file.")
@click.option("--excel", is_flag=True, help="CSV for spreadsheet programs: UTF-8 with a byte-order mark, CRLF.")
@click.pass_context
def export(ctx, name, fmt, output, excel):
    """Export a view for other programs; NAME is a view, 'quotes' or 'events'.

    'quotes' and 'events' are every quote and event report in the scorers'
    formats with extra keys; any other NAME is a curated view (archive views).
    Types follow the views' declared types: booleans true/false, dates
    YYYY-MM-DD, and Parquet files keep their schema even when empty. parquet
    needs the 'parquet' extra (pyarrow) and --output; geojson is for views with
    coordinates (places_activity, events_timeline).

    \b
    Example:
      archive export quotes > quotes.jsonl
      archive export event_figures --format csv --excel -o figures.csv
      archive export who_said_what --format parquet -o quotes.parquet
      archive export events_timeline --format geojson -o events.geojson
    """
    from .export import export_named

    if excel and fmt != "csv":
        raise click.BadParameter("--excel is a kind of CSV: give --format csv", param_hint="--excel")
    engine = _engine(ctx, create=False)
    count = export_named(engine, name, fmt, output, click.echo, excel=excel)
    if output:
        click.echo(f"{count} rows written to {output}", err=True)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8001, show_default=True)
@click.option("--immutable/--live", default=False, show_default=True,
              help="--immutable: serve a frozen copy faster (the file must not change while served). "
                   "The default, --live, sees imports as they land; Datasette never writes either way.")
@click.pass_context
def serve(ctx, host, port, immutable):
    """Browse the archive in Datasette, read-only (needs the 'serve' extra).

    Views come with their descriptions, facets and canned queries ("what did
    :speaker say", "who spoke about :text", "events in :place").
    """
    import importlib.util
    import tempfile
    from pathlib import Path

    from .db import sqlite_path
    from .serve import serve_command

    path = sqlite_path(ctx.obj["url"])
    if path is None:
        raise click.ClickException("archive serve works on a SQLite archive; for PostgreSQL point Datasette "
                                   "or your BI tool at the database directly")
    if importlib.util.find_spec("datasette") is None:
        raise click.ClickException("archive serve needs Datasette: pip install 'archive[serve]'")
    engine = _engine(ctx, create=False)
    if immutable:
        # An immutable open reads neither the WAL nor later writes: fold the WAL in first, and say
        # that the file must not change (an import while served makes Datasette report a malformed file).
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        click.echo("immutable: do not import into this file while it is served", err=True)
    meta = Path(tempfile.mkdtemp(prefix="archive-serve-")) / "metadata.json"
    args = serve_command(path, host, port, not immutable, meta)
    click.echo(f"serving {path} read-only at http://{host}:{port}/{path.stem} (Ctrl+C stops)", err=True)
    sys.stdout.flush()
    os.execv(args[0], args)


# ------------------------------------------------------------------ articles

@cli.group()
def articles():
    """List, show, correct and delete articles."""


@articles.command("list")
@click.option("--search", "-s", help="Only articles whose file name, title or outlet contains this.")
@click.option("--limit", "-n", type=click.IntRange(1), default=50, show_default=True)
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
@click.pass_context
def articles_list(ctx, search, limit, fmt):
    """The newest version of each article, last imported first."""
    from .query import articles as get
    from .rows import format_rows

    with _reading(ctx) as source:
        columns, rows = get(source, search, limit)
    if not rows and fmt == "table":
        click.echo("no articles" + (f" matching {search!r}" if search else ""))
        return
    click.echo(format_rows(columns, rows, fmt))


@articles.command("show")
@click.argument("article_id", type=int)
@click.pass_context
def articles_show(ctx, article_id):
    """An article's metadata (and where each value came from), counts, and what cleaning removed."""
    from .query import article_detail

    with _reading(ctx) as source:
        d = article_detail(source, article_id)
    if d is None:
        raise click.ClickException(f"no article with id {article_id}")
    a = d["article"]

    def source(key: str) -> str:
        return f"  ({a[key]})" if a.get(key) else ""
    lines = [("file", f"{a['source_name']}  ({a['source_format']}, version {a['version']}"
                      f"{', superseded by ' + str(a['superseded_by']) if a['superseded_by'] else ''})"),
             ("path", a["source_path"]), ("title", f"{a['title'] or ''}{source('title_source')}"),
             ("outlet", f"{a['outlet'] or ''}{source('outlet_source')}"), ("url", a["url"] or ""),
             ("byline", a["byline"] or ""),
             ("published", f"{a['published_on']} ({a['published_precision']}, from {a['published_source']})"
                           if a["published_on"] else "unknown"),
             ("language", a["language"] or ""), ("imported", str(a["ingested_at"])[:19]),
             ("extractor", a["extractor_version"]),
             ("counts", f"{a['characters']} characters, {a['quotes']} quotes, {a['event_reports']} event reports, "
                        f"{a['place_mentions']} place mentions")]
    for label, value in lines:
        if value.strip():
            click.echo(f"{label:<10} {value}")
    for warning in (a["warnings"] or "").splitlines():
        click.echo(f"{'warning':<10} {warning}")
    for reason, removed in d["removed"]:
        one = removed.replace("\n", " ")
        click.echo(f"{'removed':<10} {reason}: {one[:80]}{'…' if len(one) > 80 else ''}")


@articles.command("set")
@click.argument("article_id", type=int)
@click.option("--title")
@click.option("--outlet")
@click.option("--url")
@click.option("--byline")
@click.option("--published", metavar="DATE", help="YYYY-MM-DD; the article's relative dates are resolved again.")
@click.option("--date-order", type=click.Choice(["dmy", "mdy"]), help="How to read an all-numeric --published.")
@click.pass_context
def articles_set(ctx, article_id, title, outlet, url, byline, published, date_order):
    """Correct an article's title, outlet, URL, byline or publication date ('' clears one).

    A new publication date re-extracts the article, so that 'on Tuesday' and 'yesterday' are
    dated from it. Values set here are kept through re-extraction and re-import.

    \b
    Example:
      archive articles set 12 --outlet "Kyiv Independent" --published 2025-08-28
    """
    from .pipeline import reextract
    from .store import set_metadata

    given = {k: v for k, v in dict(title=title, outlet=outlet, url=url, byline=byline,
                                   published=published).items() if v is not None}
    if not given:
        raise click.UsageError("nothing to set: give --title, --outlet, --url, --byline or --published")
    if published:
        given["published"] = _published(published, date_order)
    engine = _engine(ctx, create=False)
    changed = set_metadata(engine, article_id, given)
    if not changed:
        click.echo(f"article {article_id}: nothing changed")
        return
    click.echo(f"article {article_id}: {', '.join(changed)} set")
    if "published" in changed:
        summary = reextract(engine, only=[article_id])
        click.echo(f"re-extracted with the new date: {summary.quotes} quotes")


@articles.command("delete")
@click.argument("article_ids", type=int, nargs=-1, required=True)
@click.option("--yes", is_flag=True, help="Do not ask.")
@click.pass_context
def articles_delete(ctx, article_ids, yes):
    """Delete articles (every version of each) with their quotes and event reports.

    Asks first on a terminal, and needs --yes anywhere else. Curation of other articles stays.
    """
    from .store import delete_articles

    n = len(set(article_ids))
    _confirm(f"Deleting {n} article{'s' if n > 1 else ''} deletes {'their' if n > 1 else 'its'} quotes and "
             "event reports too", yes)
    done = delete_articles(_engine(ctx), list(article_ids))
    click.echo(f"deleted {done.articles} article row(s) (versions included), {done.quotes} quotes, "
               f"{done.reports} event reports; {done.speakers} speakers left without quotes removed")


# ------------------------------------------------------------------ speakers

@cli.group()
def speakers():
    """List and curate speakers (curation survives re-import and re-extraction)."""


@speakers.command("list")
@click.option("--search", "-s", help="Only speakers whose name or alias contains this.")
@click.option("--limit", "-n", type=click.IntRange(1), default=50, show_default=True)
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
@click.pass_context
def speakers_list(ctx, search, limit, fmt):
    """Speakers with their number of quotes, most quoted first."""
    from .query import speakers as get
    from .rows import format_rows

    with _reading(ctx) as source:
        columns, rows = get(source, search, limit)
    if not rows and fmt == "table":
        click.echo("no speakers" + (f" matching {search!r}" if search else ""))
        return
    click.echo(format_rows(columns, rows, fmt))


@speakers.command("show")
@click.argument("speaker_id", type=int)
@click.pass_context
def speakers_show(ctx, speaker_id):
    """A speaker's aliases and quotes."""
    from .query import speaker_detail

    with _reading(ctx) as source:
        d = speaker_detail(source, speaker_id)
    if d is None:
        raise click.ClickException(f"no speaker with id {speaker_id}")
    click.echo(f"{d['name']} (id {d['id']}, {d['kind']}{', curated' if d['curated'] else ''})")
    click.echo("aliases: " + ", ".join(f"{a}{' [curated]' if s == 'curated' else ''}" for a, s in d["aliases"]))
    for article, kind, verb, _role, quote in d["quotes"]:
        q = quote.replace("\n", " ")
        click.echo(f"  {article}  {kind:<8} {verb or '':<14} {q[:90]}{'…' if len(q) > 90 else ''}")


@speakers.command("merge")
@click.argument("target_id", type=int)
@click.argument("source_ids", type=int, nargs=-1, required=True)
@click.option("--yes", is_flag=True, help=f"Do not ask when merging {MANY} or more speakers at once.")
@click.pass_context
def speakers_merge(ctx, target_id, source_ids, yes):
    """Merge SOURCE_IDS into TARGET_ID (one person under several names).

    Merging 3 or more at once asks first on a terminal, and needs --yes anywhere else.
    """
    from .store import merge_speakers

    if len(set(source_ids)) >= MANY:
        _confirm(f"Merging {len(set(source_ids))} speakers into {target_id} moves all their quotes and aliases", yes)
    moved = merge_speakers(_engine(ctx), target_id, list(source_ids))
    click.echo(f"merged {len(source_ids)} speaker(s) into {target_id}; {moved} quotes moved")


@speakers.command("rename")
@click.argument("speaker_id", type=int)
@click.argument("name")
@click.pass_context
def speakers_rename(ctx, speaker_id, name):
    """Set a speaker's canonical name (the machine will not change it)."""
    from .store import rename_speaker

    rename_speaker(_engine(ctx), speaker_id, name)
    click.echo(f"speaker {speaker_id} is now {name!r}")


@speakers.command("split")
@click.argument("speaker_id", type=int)
@click.argument("alias")
@click.option("--kind", type=click.Choice(["person", "organization", "group", "anonymous"]))
@click.pass_context
def speakers_split(ctx, speaker_id, alias, kind):
    """Move ALIAS (and its quotes) off SPEAKER_ID to a new speaker (two people under one name)."""
    from .store import split_speaker

    new_id = split_speaker(_engine(ctx), speaker_id, alias, kind)
    click.echo(f"{alias!r} is now speaker {new_id}")


@speakers.command("not-a-speaker")
@click.argument("speaker_id", type=int)
@click.option("--yes", is_flag=True, help="Do not ask.")
@click.pass_context
def speakers_not_a_speaker(ctx, speaker_id, yes):
    """SPEAKER_ID is no speaker ('United', 'statement'): its quotes keep no speaker, and none of its
    names is made a speaker again. Asks first on a terminal; needs --yes anywhere else."""
    from .store import not_a_speaker

    _confirm(f"Speaker {speaker_id} and its names will never be a speaker again", yes)
    n = not_a_speaker(_engine(ctx, create=False), speaker_id)
    click.echo(f"speaker {speaker_id} removed; {n} quote(s) left without a speaker; its names are never one again")


# ------------------------------------------------------------------ events

@cli.group()
def events():
    """List and curate events (attacks, meetings, calls, summits) across articles."""


@events.command("list")
@click.option("--kind", help="attack, meeting, call, summit, conference, sanctions, ambassador_summoned")
@click.option("--place", help="Only events whose place contains this.")
@click.option("--limit", "-n", type=click.IntRange(1), default=50, show_default=True)
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
@click.pass_context
def events_list(ctx, kind, place, limit, fmt):
    """Events, the most widely reported first."""
    from .query import events as get
    from .rows import format_rows

    with _reading(ctx) as source:
        columns, rows = get(source, kind, place, limit)
    if not rows and fmt == "table":
        click.echo("no events" + (" matching those filters" if kind or place else ""))
        return
    click.echo(format_rows(columns, rows, fmt, max_width=50))


@events.command("show")
@click.argument("event_id", type=int)
@click.pass_context
def events_show(ctx, event_id):
    """An event: each article's report, and every figure with its wording."""
    from .query import event_detail

    with _reading(ctx) as source:
        d = event_detail(source, event_id)
    if d is None:
        raise click.ClickException(f"no event with id {event_id}")
    ev = d["event"]
    where = ev["place"] or "place unknown"
    when = ev["event_date"] or "date unknown"
    click.echo(f"event {event_id}: {ev['kind']} in {where}, {when}; {ev['n_articles']} article(s), "
               f"confidence {ev['confidence']:.2f}{', curated' if ev['curated'] else ''}")
    for r in d["reports"]:
        sentence = " ".join((r["sentence"] or "").split())
        click.echo(f"  report {r['id']}  {r['source_name']}  {r['outlet'] or ''}")
        click.echo(f"      {sentence[:110]}{'…' if len(sentence) > 110 else ''}")
    for figure, wording, low, high, article in d["figures"]:
        click.echo(f"  {figure:<20} {wording:<18} low={'' if low is None else low:<6} "
                   f"high={'' if high is None else high:<6} {article}")


@events.command("merge")
@click.argument("target_id", type=int)
@click.argument("source_ids", type=int, nargs=-1, required=True)
@click.option("--yes", is_flag=True, help=f"Do not ask when merging {MANY} or more events at once.")
@click.pass_context
def events_merge(ctx, target_id, source_ids, yes):
    """Merge SOURCE_IDS into TARGET_ID (the same event); kept through re-extraction.

    Merging 3 or more at once asks first on a terminal, and needs --yes anywhere else.
    """
    from .store import curate_events

    if len(set(source_ids)) >= MANY:
        _confirm(f"Merging {len(set(source_ids))} events into {target_id} moves all their reports", yes)
    moved = curate_events(_engine(ctx), "merge", target_id, *source_ids)
    click.echo(f"merged {len(source_ids)} event(s) into {target_id}; {moved} report(s) moved")


@events.command("split")
@click.argument("event_id", type=int)
@click.argument("report_id", type=int)
@click.pass_context
def events_split(ctx, event_id, report_id):
    """Move REPORT_ID off EVENT_ID to an event of its own; kept through re-extraction."""
    from .store import curate_events

    new_id = curate_events(_engine(ctx), "split", event_id, report_id)
    click.echo(f"report {report_id} is now event {new_id}")


# ------------------------------------------------------------------ database

@cli.group()
def db():
    """Migrations: upgrade, downgrade, current, history."""


def _raw_engine(ctx):
    from .db import ArchiveError, make_engine, sqlite_path

    url = ctx.find_root().obj["url"]
    path = sqlite_path(url)
    if path is not None and not path.parent.is_dir():
        raise ArchiveError(f"cannot create an archive at {path}: the folder {path.parent} does not exist")
    return make_engine(url)


@db.command("upgrade")
@click.argument("revision", default="head")
@click.pass_context
def db_upgrade(ctx, revision):
    """Upgrade the archive to REVISION (default: the newest)."""
    from .db import current_revision, head_revision, upgrade
    from .views import sync_views

    engine = _raw_engine(ctx)
    before = current_revision(engine)
    upgrade(engine, revision)
    after = current_revision(engine)
    if before == after and revision == "head":
        with engine.begin() as conn:
            changed = sync_views(conn)
        click.echo(f"already at {after}" + (f"; views recreated: {', '.join(changed)}" if changed else ""))
    else:
        click.echo(f"upgraded {before or 'empty'} -> {after}")
    if after == head_revision(engine):
        from .store import refresh

        refresh(engine)  # the derived tables, in the shape the new revision gives them


@db.command("downgrade")
@click.argument("revision")
@click.option("--yes", is_flag=True, help="Do not ask: the downgrade may drop tables, columns and their data.")
@click.pass_context
def db_downgrade(ctx, revision, yes):
    """Downgrade the archive to REVISION ('base' removes everything).

    A downgrade drops what later revisions added, data included: it asks first on a
    terminal, and needs --yes anywhere else.
    """
    from .db import current_revision, downgrade

    engine = _raw_engine(ctx)
    before = current_revision(engine)
    if before is not None and before != revision:
        what = "every table and all data" if revision == "base" else "what later revisions added, with its data"
        _confirm(f"Downgrading {before} -> {revision} deletes {what}", yes)
    downgrade(engine, revision)
    click.echo(f"downgraded {before} -> {current_revision(engine) or 'base'}")


@db.command("current")
@click.pass_context
def db_current(ctx):
    """The archive's revision and the newest this version knows."""
    from .db import current_revision, head_revision

    engine = _raw_engine(ctx)
    click.echo(f"current: {current_revision(engine) or 'none'}\nhead: {head_revision(engine)}")


@db.command("history")
@click.pass_context
def db_history(ctx):
    """All revisions, newest first."""
    from .db import script_directory

    for rev in script_directory(_raw_engine(ctx)).walk_revisions():
        click.echo(f"{rev.revision}: {rev.doc}")


def _add_db_option(group: click.Group) -> None:
    for command in group.commands.values():
        if isinstance(command, click.Group):
            _add_db_option(command)
        command.params.append(click.Option(["--db"], metavar="PATH|URL", expose_value=False,
                                           callback=_db_after_command, is_eager=True,
                                           help="SQLite file or SQLAlchemy URL (as before the command)."))


_add_db_option(cli)


def main() -> None:
    try:
        cli(prog_name="archive")
    except BrokenPipeError:  # e.g. piped into head: not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
