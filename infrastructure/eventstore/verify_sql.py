"""The chain walked inside PostgreSQL: every link is recomputed with the server's own sha256()
over the same length-prefixed encoding as chain.link_hash, and each link's stored predecessor
is compared with the previous link's hash — set-wise, so a million events take seconds. It
reports the same first break as the client-side walk (which `--client-side` still runs)."""

from __future__ import annotations

import psycopg
from psycopg.sql import SQL, Identifier

from infrastructure.database import DatabaseTarget
from infrastructure.eventstore.chain import GENESIS, MAX_GAPS, Verdict

_FIRST_BREAK = """
WITH links AS (
    SELECT position, originator_id, originator_version, previous, hash,
           lag(hash, 1, %(genesis)s::bytea) OVER (ORDER BY position) AS expected_previous
    FROM {schema}.duban_event_chain
), events AS (
    SELECT notification_id, replace(originator_id::text, '-', '') AS oid, originator_version,
           convert_to(topic, 'UTF8') AS topic, state
    FROM {schema}.duban_events
), joined AS (
    SELECT coalesce(e.notification_id, l.position) AS position,
        CASE
            WHEN l.position IS NULL THEN 'unchained'
            WHEN e.notification_id IS NULL THEN 'missing'
            WHEN l.previous <> l.expected_previous THEN 'missing'
            WHEN e.oid <> l.originator_id OR e.originator_version <> l.originator_version
                THEN 'reordered'
            WHEN sha256(
                l.previous || int8send(e.notification_id)
                || int8send(octet_length(convert_to(e.oid, 'UTF8'))) || convert_to(e.oid, 'UTF8')
                || int8send(e.originator_version)
                || int8send(octet_length(e.topic)) || e.topic
                || int8send(octet_length(e.state)) || e.state
            ) <> l.hash THEN 'changed'
        END AS kind
    FROM events e FULL JOIN links l ON l.position = e.notification_id
)
SELECT position, kind FROM joined WHERE kind IS NOT NULL ORDER BY position LIMIT 1
"""
_HEAD_BEFORE = (
    "SELECT count(*), max(position) FROM {schema}.duban_event_chain WHERE position < %(stop)s"
)
_HASH_AT = "SELECT hash FROM {schema}.duban_event_chain WHERE position = %(position)s"
# positions no link holds between two links, before the break: rolled-back saves'
_GAPS = """
SELECT previous + 1, position - 1 FROM (
    SELECT position, lag(position, 1, 0::bigint) OVER (ORDER BY position) AS previous
    FROM {schema}.duban_event_chain WHERE position < %(stop)s
) steps WHERE position > previous + 1 ORDER BY position
"""
_DETAIL = {
    "unchained": "an event with no link: written around the chain",
    "missing": "an event, or the link before this one, is gone",
    "reordered": "the position holds another event than the one chained there",
    "changed": "the stored bytes no longer match their hash",
}


def verify_in_database(target: DatabaseTarget) -> Verdict:
    schema = Identifier(target.schema)
    with psycopg.connect(target.conninfo()) as pg, pg.transaction():
        pg.execute("SET LOCAL work_mem = '256MB'")
        found = pg.execute(SQL(_FIRST_BREAK).format(schema=schema), {"genesis": GENESIS}).fetchone()
        stop = found[0] if found else 2**62
        row = pg.execute(SQL(_HEAD_BEFORE).format(schema=schema), {"stop": stop}).fetchone()
        checked, head = (int(row[0]), int(row[1] or 0)) if row else (0, 0)
        head_hash = GENESIS
        if head:
            hashed = pg.execute(SQL(_HASH_AT).format(schema=schema), {"position": head}).fetchone()
            head_hash = bytes(hashed[0]) if hashed else GENESIS
        ranges = [
            (int(a), int(b))
            for a, b in pg.execute(SQL(_GAPS).format(schema=schema), {"stop": stop}).fetchall()
        ]
    unused = sum(b - a + 1 for a, b in ranges)
    gaps = tuple(ranges[:MAX_GAPS])
    if found is None:
        return Verdict(True, checked, head, head_hash, unused=unused, gaps=gaps)
    position, kind = int(found[0]), str(found[1])
    return Verdict(False, checked, head, head_hash, position, kind, _DETAIL[kind], unused, gaps)
