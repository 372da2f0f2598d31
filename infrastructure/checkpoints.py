"""Signed checkpoints: the chain's head position and hash, signed with an Ed25519 key the
office keeps outside the database. An auditor keeps the checkpoint file and later checks that
the signature holds and that the chain still has that hash at that position."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from infrastructure.eventstore.chain import Verdict


class CheckpointKeyMissingError(RuntimeError):
    pass


class CheckpointFileError(ValueError):
    """A checkpoint or key file that cannot be what it claims to be."""


@dataclass(frozen=True)
class Checkpoint:
    position: int
    head_hash: str
    taken_at: str
    public_key: str
    signature: str

    def message(self) -> bytes:
        return f"duban-checkpoint:v1:{self.position}:{self.head_hash}:{self.taken_at}".encode()

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2)

    @classmethod
    def load(cls, path: Path) -> Checkpoint:
        try:
            return cls(**json.loads(path.read_text(encoding="utf-8")))
        except (ValueError, TypeError) as error:
            raise CheckpointFileError(f"{path} is not a checkpoint duban wrote ({error})") from None


def new_key() -> tuple[str, str]:
    """A fresh key: (private seed, public key), both hex."""
    key = Ed25519PrivateKey.generate()
    return key.private_bytes_raw().hex(), _public_hex(key.public_key())


def load_key(environ: dict[str, str] | None = None) -> Ed25519PrivateKey:
    env = os.environ if environ is None else environ
    seed = env.get("DUBAN_CHECKPOINT_KEY", "")
    if not seed and env.get("DUBAN_CHECKPOINT_KEY_FILE"):
        seed = Path(env["DUBAN_CHECKPOINT_KEY_FILE"]).read_text(encoding="utf-8").strip()
    if not seed:
        raise CheckpointKeyMissingError(
            "set DUBAN_CHECKPOINT_KEY (hex seed) or DUBAN_CHECKPOINT_KEY_FILE; `duban keygen`"
        )
    try:
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(seed))
    except ValueError:
        raise CheckpointFileError(
            "the checkpoint key is not a 64-digit hex seed (as `duban keygen` writes)"
        ) from None


def sign(key: Ed25519PrivateKey, verdict: Verdict, taken_at: datetime) -> Checkpoint:
    if not verdict.intact:
        raise ValueError(f"a broken chain is not signed: {verdict.summary()}")
    unsigned = Checkpoint(
        verdict.head_position,
        verdict.head_hash.hex(),
        taken_at.isoformat(),
        _public_hex(key.public_key()),
        "",
    )
    signature = key.sign(unsigned.message()).hex()
    return Checkpoint(**{**asdict(unsigned), "signature": signature})


def check(checkpoint: Checkpoint, verdict: Verdict, trusted_key: str | None) -> tuple[bool, str]:
    """``verdict`` is the walk up to the checkpoint's position. Returns (holds, why)."""
    if trusted_key and trusted_key.lower() != checkpoint.public_key.lower():
        return False, "the checkpoint was signed with another key than the trusted one"
    public = Ed25519PublicKey.from_public_bytes(bytes.fromhex(checkpoint.public_key))
    try:
        public.verify(bytes.fromhex(checkpoint.signature), checkpoint.message())
    except InvalidSignature:
        return False, "the signature does not match the checkpoint"
    if not verdict.intact:
        return False, f"the chain breaks before the checkpoint: {verdict.summary()}"
    if verdict.head_position != checkpoint.position:
        return False, f"the chain ends at position {verdict.head_position}, before the checkpoint"
    if verdict.head_hash.hex() != checkpoint.head_hash:
        return False, f"the chain's hash at position {checkpoint.position} is not the one signed"
    return (
        True,
        f"checkpoint at position {checkpoint.position} holds (signed {checkpoint.taken_at})",
    )


def _public_hex(key: Ed25519PublicKey) -> str:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
