"""The migrations go up and down cleanly on each store."""

from __future__ import annotations

from sqlalchemy import inspect

from storage.db import create_engine
from storage.migrate import downgrade, upgrade


async def test_upgrade_downgrade_upgrade(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        await upgrade(engine)
        await downgrade(engine)
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda c: inspect(c).get_table_names())
        assert set(tables) <= {"alembic_version"}
        await upgrade(engine)
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda c: inspect(c).get_table_names())
        assert {"ticket", "outboxitem", "consentrecord", "conversation"} <= set(tables)
    finally:
        await engine.dispose()
