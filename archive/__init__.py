"""archive: a structured archive of news.

Articles go in as raw files; quotes, speakers and their provenance come out as
rows in SQLite (or PostgreSQL) that curated SQL views make easy to question.

The pipeline runs one way::

    read -> clean -> extract -> store -> views

and each stage is a module of its own. Extraction is a pure function of an
article's text, so it runs in worker processes; only :mod:`archive.store`
writes to the database.
"""
from .config import EXTRACTOR_VERSION, VERSION
from .types import ArticleMeta, CleanArticle, ExtractedArticle, QuoteFound, RawArticle, SpeakerRef

__version__ = VERSION

__all__ = [
    "EXTRACTOR_VERSION",
    "ArticleMeta",
    "CleanArticle",
    "ExtractedArticle",
    "QuoteFound",
    "RawArticle",
    "SpeakerRef",
    "__version__",
]
