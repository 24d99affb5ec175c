"""Datasette plugin for ``archive serve``: the article, event and timeline pages, links from ids to
them, ``archive_fts(text)`` for canned full-text queries, and the column glossary folded away.

Loaded with ``--plugins-dir`` by ``archive serve`` only. Pages read the archive through Datasette's
own read-only connection; the HTML comes from :mod:`archive.browse.pages`.
"""
from __future__ import annotations

from datetime import date
from html import escape

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup

from archive.browse import pages
from archive.query import QueryError, fts_query


def archive_fts(text: str | None) -> str:
    """User words -> an FTS5 query that matches all of them, each literally; never a syntax error."""
    try:
        return fts_query(text or "")
    except QueryError:
        return '"\u2063"'  # matches nothing


@hookimpl
def prepare_connection(conn):
    conn.create_function("archive_fts", 1, archive_fts, deterministic=True)


def _db(datasette):
    return datasette.get_database()


def _base(datasette) -> str:
    return datasette.urls.database(_db(datasette).name)


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if value is None or not isinstance(value, int) or isinstance(value, bool):
        return None
    if column == "event_id":
        return Markup(pages.link(datasette.urls.path(f"/-/event/{value}"), value))
    if column == "article_id":
        return Markup(pages.link(datasette.urls.path(f"/-/article/{value}"), value))
    # a sqlite3.Row: ``in`` would look among its values, not its column names
    if column == "quote_id" and row is not None and "article_id" in row.keys() and row["article_id"] is not None:  # noqa: SIM118
        return Markup(pages.link(datasette.urls.path(f"/-/article/{row['article_id']}#q{value}"), value))
    return None


_FOLD_GLOSSARY = """
document.querySelectorAll("dl.column-descriptions").forEach(function (dl) {
  var details = document.createElement("details");
  details.className = "column-glossary";
  var summary = document.createElement("summary");
  summary.textContent = "What the columns mean";
  details.appendChild(summary);
  var table = document.querySelector(".table-wrapper") || document.querySelector("table.rows-and-columns");
  dl.parentNode.removeChild(dl);
  details.appendChild(dl);
  if (table && table.parentNode) { table.parentNode.insertBefore(details, table.nextSibling); }
  else { document.querySelector("section.content").appendChild(details); }
});
"""


@hookimpl
def extra_body_script(template, database, table, columns, view_name, request, datasette):
    return _FOLD_GLOSSARY if view_name == "table" else ""


async def _page(datasette, request, title: str, body: str):
    html = await datasette.render_template("archive_page.html", {"title": title, "body": Markup(body),
                                                                  "database": _db(datasette).name}, request=request)
    return Response.html(html)


async def article_page(datasette, request):
    article_id = int(request.url_vars["id"])
    db = _db(datasette)
    found = await db.execute(
        "SELECT a.id, a.title, a.url, a.byline, a.published_on, a.source_name, a.original_text, o.name AS outlet "
        "FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id WHERE a.id = ?", [article_id])
    art = found.first()
    if art is None:
        return Response.html("<h1>No such article</h1>", status=404)
    quotes = (await db.execute(
        "SELECT q.id, q.start_char, q.end_char, s.canonical_name, q.kind, q.reporting_verb, q.text "
        "FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id WHERE q.article_id = ? ORDER BY q.start_char",
        [article_id])).rows
    meta = [("outlet", art["outlet"]), ("published", art["published_on"]), ("byline", art["byline"]),
            ("file", art["source_name"])]
    head = "".join(f"<dt>{k}</dt><dd>{escape(str(v))}</dd>" for k, v in meta if v)
    if art["url"]:
        head += f"<dt>url</dt><dd>{pages.link(art['url'], art['url'])}</dd>"
    listing = pages.table(["id", "speaker", "kind", "verb", "quote"],
                          ([Markup(f'<a href="#q{q[0]}">{q[0]}</a>'), q[3], q[4], q[5], q[6]] for q in quotes),
                          raw=["id"])
    body = (f'<dl class="article-meta">{head}</dl>'
            f'<div class="article-text">{pages.marked_text(art["original_text"], [tuple(q[:4]) for q in quotes])}</div>'
            f"<h2>{len(quotes)} quotes</h2>{listing}")
    return await _page(datasette, request, art["title"] or art["source_name"], body)


async def event_page(datasette, request):
    event_id = int(request.url_vars["id"])
    db = _db(datasette)
    ev = (await db.execute("SELECT * FROM events_timeline WHERE event_id = ?", [event_id])).first()
    if ev is None:
        return Response.html("<h1>No such event</h1>", status=404)
    reports = (await db.execute(
        "SELECT r.id, a.id AS article_id, a.source_name, o.name, r.place_text, r.event_date, r.date_text, "
        "substr(a.original_text, r.start_char + 1, r.end_char - r.start_char) AS sentence "
        "FROM event_reports r JOIN articles a ON a.id = r.article_id LEFT JOIN outlets o ON o.id = a.outlet_id "
        "WHERE r.event_id = ? ORDER BY a.published_on, a.source_name, r.id", [event_id])).rows
    figures = (await db.execute(
        "SELECT figure, wording, value_low, value_high, outlet, article_file FROM event_figures "
        "WHERE event_id = ? ORDER BY figure, outlet, article_file", [event_id])).rows
    where = ev["place"] or "place unknown"
    when = ev["event_date"] or "date unknown"
    body = (f"<p>{escape(ev['kind'])} in {escape(where)}, {escape(str(when))}; reported by {ev['n_articles']} "
            f"article(s) from {ev['n_outlets']} outlet(s).</p>"
            f"<h2>Reports</h2>"
            + pages.table(["report", "article", "outlet", "place as written", "date", "sentence"],
                          ([r[0], Markup(pages.link(datasette.urls.path(f"/-/article/{r[1]}"), r[2])), r[3], r[4],
                            r[5] or r[6], " ".join((r[7] or "").split())] for r in reports), raw=["article"])
            + "<h2>Figures, outlet by outlet</h2>"
            + pages.table(["figure", "wording", "low", "high", "outlet", "article"], figures))
    return await _page(datasette, request, f"Event {event_id}: {ev['kind']} in {where}", body)


def _day(value) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


async def timeline_page(datasette, request):
    db = _db(datasette)
    events = (await db.execute("SELECT event_id, event_date, kind, place, n_articles FROM events_timeline "
                               "WHERE event_date IS NOT NULL ORDER BY event_date, event_id")).rows
    quotes = (await db.execute("SELECT published_on FROM who_said_what WHERE published_on IS NOT NULL")).rows
    chart = pages.timeline_svg([d for d in (_day(e[1]) for e in events) if d],
                               [d for d in (_day(q[0]) for q in quotes) if d])
    listing = pages.table(["event", "date", "kind", "place", "articles"],
                          ([Markup(pages.link(datasette.urls.path(f"/-/event/{e[0]}"), e[0])), e[1], e[2], e[3], e[4]]
                           for e in events), raw=["event"])
    body = (f"<p>Events by the day they happened, quotes by the day their article was published.</p>{chart}"
            f"<h2>{len(events)} dated events</h2>{listing}")
    return await _page(datasette, request, "Timeline", body)


@hookimpl
def register_routes():
    return [(r"^/-/article/(?P<id>\d+)$", article_page), (r"^/-/event/(?P<id>\d+)$", event_page),
            (r"^/-/timeline$", timeline_page)]


@hookimpl
def extra_template_vars(template, datasette):
    if template != "index.html":
        return {}
    from archive.serve import front_page_views

    return {"archive_views": front_page_views(), "archive_db": _db(datasette).name}
