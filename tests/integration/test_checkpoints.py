"""Signed checkpoints and offline verification of an exported log."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from pathlib import Path

from infrastructure.checkpoints import check, load_key, new_key, sign
from infrastructure.eventstore.chain import link_hash, walk
from infrastructure.eventstore.verify import export_log, read_pairs, verify_export, verify_store
from tests.integration.test_tamper import as_attacker, record_ten_events, state_at

NOW = datetime(2026, 9, 28, 8, tzinfo=UTC)


def keyed() -> tuple[object, str]:
    seed, public = new_key()
    return load_key({"DUBAN_CHECKPOINT_KEY": seed}), public


def test_a_checkpoint_holds_while_the_log_only_grows(office, officer, target):
    record_ten_events(office, officer)
    key, public = keyed()
    checkpoint = sign(key, verify_store(target), NOW)
    record_ten_events(office, officer)
    holds, why = check(checkpoint, walk(read_pairs(target), until=checkpoint.position), public)
    assert holds, why
    assert checkpoint.position == 10


def test_a_history_rewritten_with_a_recomputed_chain_fails_the_checkpoint(office, officer, target):
    record_ten_events(office, officer)
    key, public = keyed()
    checkpoint = sign(key, verify_store(target), NOW)
    pairs = list(read_pairs(target))
    forged = state_at(target, 2).replace("赵丽".encode(), "某某".encode())
    statements = [("UPDATE {events} SET state = ? WHERE {pos} = ?", (forged, 2))]
    previous = pairs[0][1].hash
    for event, _link in pairs[1:]:  # the forger recomputes every later link
        state = forged if event.position == 2 else event.state
        digest = link_hash(
            previous, event.position, event.originator_id, event.version, event.topic, state
        )
        chain = "event_chain" if target.sqlite_path else "duban_event_chain"
        statements.append(
            (
                f"UPDATE {chain} SET previous = ?, hash = ? WHERE position = ?",
                (previous, digest, event.position),
            )
        )
        previous = digest
    as_attacker(target, statements)
    assert verify_store(target).intact  # the chain alone cannot tell...
    holds, why = check(checkpoint, walk(read_pairs(target), until=checkpoint.position), public)
    assert not holds  # ...the signed checkpoint can
    assert "not the one signed" in why


def test_a_forged_signature_or_an_untrusted_key_fails(office, officer, target):
    record_ten_events(office, officer)
    key, public = keyed()
    checkpoint = sign(key, verify_store(target), NOW)
    verdict = walk(read_pairs(target), until=checkpoint.position)
    _other_key, other_public = keyed()
    assert not check(checkpoint, verdict, other_public)[0]
    bumped = type(checkpoint)(**{**checkpoint.__dict__, "position": 9})
    assert check(bumped, verdict, public) == (False, "the signature does not match the checkpoint")


def test_an_exported_log_verifies_offline_and_a_changed_line_is_caught(
    office, officer, target, tmp_path: Path
):
    record_ten_events(office, officer)
    buffer = io.StringIO()
    assert export_log(target, buffer) == 10
    exported = tmp_path / "log.jsonl"
    exported.write_text(buffer.getvalue(), encoding="utf-8")
    assert verify_export(exported).summary() == "intact up to position 10 (10 events)"
    lines = exported.read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[6])
    record["version"] = record["version"] + 1
    lines[6] = json.dumps(record)
    exported.write_text("\n".join(lines) + "\n", encoding="utf-8")
    verdict = verify_export(exported)
    assert (verdict.break_position, verdict.kind) == (7, "reordered")
