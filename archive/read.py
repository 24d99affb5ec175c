"""Paths -> :class:`RawArticle` (or :class:`ReadFailure`), one file at a time.

What is read:

* ``.txt``: UTF-8, UTF-8 with BOM, UTF-16 with BOM. Anything else is decoded
  with the encoding charset-normalizer finds most plausible, with a warning;
  a file no encoding explains is refused. Newlines are normalized the way
  Python's text mode does (``\\r\\n`` and ``\\r`` become ``\\n``) and a BOM is
  dropped, so offsets agree with ``open(path, encoding=...).read()``.
  Metadata comes from an optional sidecar ``NAME.meta.json`` beside
  ``NAME.txt`` (keys as for JSON below).
* ``.html`` / ``.htm``: the main text, title, date, author and site name as
  extracted by trafilatura. Offsets point into that extracted text.
* ``.json`` (an object or a list of objects) and ``.jsonl`` (one object a
  line): ``text`` (or ``body``/``content``) is required; optional ``id``,
  ``title``, ``url``, ``outlet`` (or ``source``/``publisher``), ``published``
  (or ``date``/``published_at``), ``byline`` (or ``author``), ``language``.
  Each article is named ``FILE#ID`` (``FILE#N``, counting from 1, without id).

Nothing here raises for bad input: a bad file or object becomes a
:class:`ReadFailure` naming the file and the reason.
"""
from __future__ import annotations

import codecs
import glob
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .types import ArticleMeta, RawArticle

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSON_SUFFIXES = (".json", ".jsonl")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSON_SUFFIXES
SIDECAR_SUFFIX = ".meta.json"

_FIELD_ALIASES = {
    "text": ("text", "body", "content"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "outlet": ("outlet", "source", "publisher", "sitename"),
    "published": ("published", "date", "published_at", "published_on"),
    "byline": ("byline", "author", "authors"),
    "language": ("language", "lang"),
}


@dataclass(frozen=True, slots=True)
class ReadFailure:
    path: str
    reason: str


class PathError(Exception):
    """A path given on the command line that names nothing readable."""


def expand_paths(paths: list[str]) -> Iterator[str]:
    """Files, folders (recursively, in sorted order) and globs -> file paths.

    Folders yield only files with a known suffix, never sidecars. A path that
    matches nothing is reported as a failure by :func:`read_path`.
    """
    for given in paths:
        matches = sorted(glob.glob(given, recursive=True)) if glob.has_magic(given) else [given]
        if not matches:
            yield given
        for match in matches:
            p = Path(match)
            if p.is_dir():
                for root, dirs, files in os.walk(p):
                    dirs.sort()
                    for name in sorted(files):
                        if _importable(name):
                            yield str(Path(root) / name)
            else:
                yield str(p)


def _importable(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(SUFFIXES) and not lower.endswith(SIDECAR_SUFFIX) and not name.startswith(".")


def read_path(path: str, max_bytes: int, cli_meta: ArticleMeta | None = None) -> list[RawArticle | ReadFailure]:
    """Read one file into articles. Never raises for bad input."""
    p = Path(path)
    try:
        if not p.exists():
            return [ReadFailure(path, "no such file")]
        if p.is_dir():
            return [ReadFailure(path, "is a folder")]
        size = p.stat().st_size
        if size > max_bytes:
            return [ReadFailure(path, f"larger than the size cap ({size:,} > {max_bytes:,} bytes)")]
        if size == 0:
            return [ReadFailure(path, "empty file")]
        data = p.read_bytes()
    except OSError as exc:
        return [ReadFailure(path, f"unreadable ({exc.strerror or exc})")]
    suffix = p.suffix.lower()
    if p.name.lower().endswith(SIDECAR_SUFFIX):
        return [ReadFailure(path, "is a sidecar (metadata of the .txt file beside it), not an article")]
    if suffix not in SUFFIXES:
        what = suffix or "no suffix"
        return [ReadFailure(path, f"not a news format ({what}): archive reads {', '.join(SUFFIXES)}; "
                                  "rename a plain-text article to .txt")]
    abspath = str(p.resolve())
    if suffix in HTML_SUFFIXES:
        return [_read_html(abspath, data, cli_meta)]
    if suffix in JSON_SUFFIXES:
        return _read_json(abspath, data, jsonl=suffix == ".jsonl", cli_meta=cli_meta)
    return [_read_text(abspath, data, cli_meta)]


def decode(data: bytes) -> tuple[str, str | None]:
    """Bytes -> (text, warning or None). Raises ValueError if no encoding fits."""
    if data.startswith(codecs.BOM_UTF8):
        text = data[len(codecs.BOM_UTF8):].decode("utf-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")  # broken UTF-16: lone surrogates become U+FFFD
        text = text.removeprefix("\ufeff")
    else:
        if b"\x00" in data:
            raise ValueError("binary file (contains NUL bytes)")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            mostly = _mostly_utf8(data)
            if mostly is not None:
                text, bad = mostly
                return _newlines(text), f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD"
            from charset_normalizer import from_bytes

            best = from_bytes(data).best()
            if best is None:
                raise ValueError("undecodable: not UTF-8 and no other encoding fits") from None
            return _newlines(str(best)), f"not UTF-8; decoded as {best.encoding} (best guess)"
    if "\x00" in text:
        raise ValueError("binary file (contains NUL characters)")
    return _newlines(text), None


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 with a few bad bytes (a truncated copy, one stray byte): the text with them replaced.

    A file whose only non-ASCII bytes are invalid as UTF-8 is in another encoding (cp1252, latin-1):
    None, so the caller guesses it instead of replacing every accented letter.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    valid_non_ascii = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if valid_non_ascii and bad <= max(8, valid_non_ascii // 4):
        return text, bad
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _newlines(text: str) -> str:
    """Line ends made '\\n'; lone surrogates (broken UTF-16, JSON escapes) made U+FFFD, one for one."""
    return _SURROGATE.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


def _read_text(path: str, data: bytes, cli_meta: ArticleMeta | None) -> RawArticle | ReadFailure:
    try:
        text, warning = decode(data)
    except ValueError as exc:
        return ReadFailure(path, str(exc))
    if not text.strip():
        return ReadFailure(path, "no text (only white space)")
    sidecar = _sidecar_for(path)
    meta = ArticleMeta()
    if sidecar is not None:
        try:
            obj = json.loads(Path(sidecar).read_text(encoding="utf-8-sig"))
            if not isinstance(obj, dict):
                raise ValueError("not a JSON object")
            meta = _meta_from(obj)
        except (OSError, ValueError) as exc:
            return ReadFailure(path, f"bad sidecar {Path(sidecar).name}: {exc}")
    meta = _merge(meta, cli_meta)
    return RawArticle(Path(path).name, path, text, "txt", meta, (warning,) if warning else ())


def _sidecar_for(path: str) -> str | None:
    p = Path(path)
    candidate = p.with_name(p.stem + SIDECAR_SUFFIX)
    return str(candidate) if candidate.exists() else None


def _read_html(path: str, data: bytes, cli_meta: ArticleMeta | None) -> RawArticle | ReadFailure:
    try:
        html, _ = decode(data)
    except ValueError as exc:
        return ReadFailure(path, str(exc))
    import trafilatura

    try:
        out = trafilatura.extract(html, output_format="json", with_metadata=True,
                                  include_comments=False, favor_precision=True)
    except Exception as exc:  # trafilatura raises a variety of parser errors
        return ReadFailure(path, f"HTML could not be parsed ({type(exc).__name__})")
    if not out:
        return ReadFailure(path, "no article text found in the HTML page")
    doc = json.loads(out)
    text = _newlines(doc.get("text") or "")
    if not text.strip():
        return ReadFailure(path, "no article text found in the HTML page")
    # trafilatura's JSON calls the site name (og:site_name, publisher) "source-hostname".
    meta = ArticleMeta(title=doc.get("title"), url=doc.get("source") or doc.get("url"),
                       outlet=doc.get("source-hostname") or doc.get("sitename") or doc.get("hostname"),
                       published=doc.get("date"), byline=doc.get("author"),
                       language=doc.get("language") or _html_lang(html))
    return RawArticle(Path(path).name, path, text, "html", _merge(meta, cli_meta))


_HTML_LANG = re.compile(r"<html\b[^>]{0,500}?\blang\s*=\s*[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*", re.I)


def _html_lang(html: str) -> str | None:
    """The page's declared language, ``<html lang="en-GB">`` -> ``en``."""
    m = _HTML_LANG.search(html, 0, 5000)
    return m.group(1).lower() if m else None


def _read_json(path: str, data: bytes, jsonl: bool, cli_meta: ArticleMeta | None) -> list[RawArticle | ReadFailure]:
    try:
        body, _ = decode(data)
    except ValueError as exc:
        return [ReadFailure(path, str(exc))]
    name = Path(path).name
    items: list[tuple[str, object]] = []
    if jsonl:
        for lineno, line in enumerate(body.split("\n"), 1):
            if not line.strip():
                continue
            try:
                items.append((str(lineno), json.loads(line)))
            except ValueError as exc:
                items.append((str(lineno), ReadFailure(f"{path}:{lineno}", f"malformed JSON ({exc})")))
            except RecursionError:
                items.append((str(lineno), ReadFailure(f"{path}:{lineno}", "malformed JSON (nested too deeply)")))
    else:
        try:
            obj = json.loads(body)
        except ValueError as exc:
            return [ReadFailure(path, f"malformed JSON ({exc})")]
        except RecursionError:
            return [ReadFailure(path, "malformed JSON (nested too deeply)")]
        objs = obj if isinstance(obj, list) else [obj]
        items = [(str(i), o) for i, o in enumerate(objs, 1)]
    results: list[RawArticle | ReadFailure] = []
    for index, obj in items:
        if isinstance(obj, ReadFailure):
            results.append(obj)
            continue
        where = f"{path}:{index}" if jsonl else f"{path}#{index}"
        if not isinstance(obj, dict):
            results.append(ReadFailure(where, "not a JSON object"))
            continue
        text = _first(obj, "text")
        if not isinstance(text, str) or not text.strip():
            results.append(ReadFailure(where, "no 'text' field (or it is empty)"))
            continue
        ident = obj.get("id")
        article_name = f"{name}#{ident if ident not in (None, '') else index}"
        results.append(RawArticle(article_name, path, _newlines(text), "json", _merge(_meta_from(obj), cli_meta)))
    if not results:
        results.append(ReadFailure(path, "no articles in the JSON file"))
    return results


def _first(obj: dict, key: str):
    for alias in _FIELD_ALIASES[key]:
        if obj.get(alias) not in (None, ""):
            return obj[alias]
    return None


def _meta_from(obj: dict) -> ArticleMeta:
    values = {}
    for key in ("title", "url", "outlet", "published", "byline", "language"):
        value = _first(obj, key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        values[key] = None if value is None else str(value).strip() or None
    return ArticleMeta(**values)


def _merge(meta: ArticleMeta, cli_meta: ArticleMeta | None) -> ArticleMeta:
    """The command line wins over the file's own metadata."""
    if cli_meta is None:
        return meta
    return ArticleMeta(**{k: getattr(cli_meta, k) or getattr(meta, k) for k in ArticleMeta.__slots__})
