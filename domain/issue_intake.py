"""What a raised problem records at intake (seeds 001–004), checked before it is recorded:
its enterprise (only a unit's own rectification item, 自查整改, stands without one), a
leader's assignment with its instruction (领导交办, 批示, supervised 一事一督办), the cause and
measures of a rectification item (原因, 措施), and the acceptance time limit."""

from __future__ import annotations

from uuid import UUID

from domain.calendar import DueDate, PendingCount
from domain.errors import (
    EnterpriseRequiredError,
    InstructionNotExpectedError,
    InstructionRequiredError,
)
from domain.issue_routing import check_not_past, limit_fields
from domain.values import Channel, Envelope, require_credit_code, require_text


def enterprise_fields(channel: Channel, code: str, name: str) -> dict[str, str]:
    if channel is Channel.SELF_RECTIFICATION and not code.strip() and not name.strip():
        return {"enterprise_code": "", "enterprise_name": ""}
    if not code.strip():
        raise EnterpriseRequiredError(
            "a problem names its enterprise; only a unit's own rectification item stands alone"
        )
    return {
        "enterprise_code": require_credit_code(code),
        "enterprise_name": require_text(name, "enterprise name"),
    }


def instruction_fields(
    channel: Channel, leader: tuple[str, UUID | None] | None, instruction: str | None
) -> dict[str, object]:
    if channel is not Channel.LEADER_ASSIGNED:
        if leader is not None or instruction is not None:
            raise InstructionNotExpectedError(
                "a leader's instruction (批示) is recorded only with a leader's assignment"
            )
        return {"instructing_leader": None, "instructing_leader_id": None, "instruction": None}
    if leader is None or instruction is None or not instruction.strip():
        raise InstructionRequiredError(
            "a leader's assignment (领导交办) names the leader and their instruction (批示)"
        )
    return {
        "instructing_leader": require_text(leader[0], "instructing leader"),
        "instructing_leader_id": leader[1],
        "instruction": require_text(instruction, "instruction"),
    }


def rectification_fields(
    channel: Channel, cause: str | None, measures: str | None
) -> dict[str, object]:
    if channel is not Channel.SELF_RECTIFICATION:
        return {
            "cause": require_text(cause, "cause") if cause is not None else None,
            "measures": require_text(measures, "measures") if measures is not None else None,
        }
    return {
        "cause": require_text(cause or "", "cause (原因)"),
        "measures": require_text(measures or "", "measures (措施)"),
    }


def acceptance_fields(
    limit: DueDate | PendingCount | None, envelope: Envelope
) -> dict[str, object]:
    if isinstance(limit, DueDate):
        check_not_past(limit, envelope)
        fields = limit_fields("acceptance_limit", limit)
        return {
            "acceptance_limit": fields["acceptance_limit"],
            "acceptance_counted_in": fields["counted_in"],
            "acceptance_day_count": fields["day_count"],
            "acceptance_calendar": fields["calendar"],
        }
    days = limit.working_days if limit is not None else 0
    return {
        "acceptance_limit": None,
        "acceptance_counted_in": "working_days" if days else "",
        "acceptance_day_count": days,
        "acceptance_calendar": "",
    }
