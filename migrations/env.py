"""Alembic environment for the archive.

Views: every run drops the curated views before touching tables (SQLite's
batch mode recreates tables, which a view over them would block) and, when
the database ends at head, creates them again from ``sql/``. A database
below head has no views; ``downgrade base`` leaves an empty database.
"""
from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from archive.models import metadata
from archive.views import drop_views, sync_views

config = context.config
target_metadata = metadata


def include_object(obj, name, type_, reflected, compare_to):
    # The FTS5 tables and their shadow tables (quotes_fts_data, ...) and views are not models:
    # autogenerate leaves anything reflected that no model describes alone.
    return not (type_ == "table" and reflected and compare_to is None)


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True, include_object=include_object)
    with context.begin_transaction():
        context.run_migrations()


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=True, include_object=include_object)
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        _foreign_keys(connection, on=False)
    with context.begin_transaction():
        drop_views(connection)
        context.run_migrations()
        if sqlite:
            _check_foreign_keys(connection)
        heads = set(context.get_context().get_current_heads())
        if heads and heads == set(context.script.get_heads()):
            sync_views(connection)


def _foreign_keys(connection, on: bool) -> None:
    """SQLite's batch mode rebuilds a table (copy, drop, rename): with foreign keys enforced, the drop
    deletes every row that references the table through ON DELETE CASCADE (a downgrade of the events
    tables emptied event_mentions, report_figures and event_participants). SQLite's own procedure
    for altering a table turns enforcement off outside the transaction and checks the keys before
    committing. The pragma is a no-op inside a transaction, so it goes to the driver directly."""
    if not connection.in_transaction():
        connection.connection.driver_connection.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")


def _check_foreign_keys(connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = sorted({row[0] for row in broken})
        raise RuntimeError(f"the migration would leave {len(broken)} rows whose foreign keys point nowhere "
                           f"(in {', '.join(tables)}); nothing was changed")


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")  # handed in by a caller (tests), who commits
    if connection is not None:
        _run(connection)
        return
    engine = config.attributes.get("engine")
    if engine is None:
        engine = engine_from_config(config.get_section(config.config_ini_section, {}),
                                    prefix="sqlalchemy.", poolclass=pool.NullPool)
    with engine.connect() as connection:
        try:
            _run(connection)
            connection.commit()
        finally:
            if connection.dialect.name == "sqlite":
                connection.rollback()  # (nothing left to roll back after a commit)
                _foreign_keys(connection, on=True)  # the pooled connection goes back as it came


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
