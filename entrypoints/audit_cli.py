"""`duban verify`, `duban export`, `duban checkpoint`, `duban keygen`: the audit commands."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from entrypoints.options import add_database_url, database_url

if TYPE_CHECKING:
    from infrastructure.database import DatabaseTarget


def _target(args: argparse.Namespace) -> DatabaseTarget:
    from infrastructure.database import parse_database_url

    return parse_database_url(database_url(args))


def verify(args: argparse.Namespace) -> int:
    from infrastructure.checkpoints import Checkpoint, check
    from infrastructure.eventstore.chain import walk
    from infrastructure.eventstore.verify import read_export, read_pairs, verify_store

    if not args.checkpoint and not args.file:
        verdict = verify_store(_target(args), client_side=args.client_side)
        print(verdict.summary())
        return 0 if verdict.intact else 1
    pairs = read_export(Path(args.file)) if args.file else read_pairs(_target(args))
    if not args.checkpoint:
        verdict = walk(pairs)
        print(verdict.summary())
        return 0 if verdict.intact else 1
    checkpoint = Checkpoint.load(Path(args.checkpoint))
    trusted = args.public_key or os.environ.get("DUBAN_CHECKPOINT_PUBLIC_KEY")
    holds, why = check(checkpoint, walk(pairs, until=checkpoint.position), trusted)
    print(why)
    if not trusted:
        print(f"(compare the signing key with your own copy: {checkpoint.public_key})")
    return 0 if holds else 1


def export(args: argparse.Namespace) -> int:
    from infrastructure.eventstore.verify import export_log

    target = _target(args)
    if args.out:
        with Path(args.out).open("w", encoding="utf-8") as out:
            count = export_log(target, out)
        print(f"exported {count} events with their chain to {args.out}", file=sys.stderr)
    else:
        export_log(target, sys.stdout)
    return 0


def checkpoint(args: argparse.Namespace) -> int:
    from infrastructure.checkpoints import load_key, sign
    from infrastructure.eventstore.chain import walk
    from infrastructure.eventstore.verify import read_pairs

    key = load_key()  # before the walk: a missing key is known at once
    verdict = walk(read_pairs(_target(args)))
    if not verdict.intact:
        print(f"not signed: {verdict.summary()}", file=sys.stderr)
        return 1
    signed = sign(key, verdict, datetime.now(UTC)).to_json()
    if args.out:
        Path(args.out).write_text(signed + "\n", encoding="utf-8")
        print(f"checkpoint at position {verdict.head_position} written to {args.out}")
    else:
        print(signed)
    return 0


def keygen(args: argparse.Namespace) -> int:
    from infrastructure.checkpoints import new_key

    seed, public = new_key()
    path = Path(args.out)
    path.write_text(seed + "\n", encoding="utf-8")
    path.chmod(0o600)
    print(f"private key written to {path} (set DUBAN_CHECKPOINT_KEY_FILE={path})")
    print(f"public key, for auditors: {public}")
    return 0


def register(commands: Any) -> None:
    parser = commands.add_parser("verify", help="walk the hash chain; report the first break")
    add_database_url(parser)
    parser.add_argument("--file", help="an exported log to check, with no database")
    parser.add_argument("--checkpoint", help="a signed checkpoint the chain must still match")
    parser.add_argument("--public-key", help="the auditor's copy of the signing public key")
    parser.add_argument(
        "--client-side", action="store_true", help="walk in Python, not inside PostgreSQL"
    )
    parser.set_defaults(run=verify)

    parser = commands.add_parser("export", help="the whole log with its chain, as JSON Lines")
    add_database_url(parser)
    parser.add_argument("--out", help="file to write (default: standard output)")
    parser.set_defaults(run=export)

    parser = commands.add_parser("checkpoint", help="sign the chain's head with the office key")
    add_database_url(parser)
    parser.add_argument("--out", help="file to write (default: standard output)")
    parser.set_defaults(run=checkpoint)

    parser = commands.add_parser("keygen", help="make an Ed25519 key for checkpoints")
    parser.add_argument("--out", required=True, help="where to write the private key")
    parser.set_defaults(run=keygen)
