"""Enterprise register commands: register an enterprise, reclassify it, link and unlink the
government leaders who contact it."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from application.context import CommandContext
from application.directory import DirectoryCommands
from domain.directory import Official
from domain.enterprise import Classification, Enterprise, enterprise_id
from domain.errors import EnterpriseAlreadyRegisteredError, NotFoundError, UnknownOfficialError
from domain.posts import Placement
from domain.values import require_credit_code


class EnterpriseCommands(DirectoryCommands):
    def register_enterprise(
        self,
        ctx: CommandContext,
        *,
        credit_code: str,
        name: str,
        region_code: str,
        classification: Classification,
    ) -> Enterprise:
        code = require_credit_code(credit_code)
        try:
            self.repository.get(enterprise_id(code))
        except AggregateNotFoundError:
            pass
        else:
            raise EnterpriseAlreadyRegisteredError(f"an enterprise with code {code} is registered")
        enterprise = Enterprise.register(
            self.envelope(ctx),
            credit_code=code,
            name=name,
            region_code=region_code,
            classification=classification,
        )
        self.store(ctx, enterprise, "register_enterprise")
        return enterprise

    def get_enterprise(self, enterprise_id: UUID) -> Enterprise:
        return self.load(Enterprise, enterprise_id)

    def reclassify_enterprise(
        self,
        ctx: CommandContext,
        enterprise_id: UUID,
        *,
        classification: Classification,
        reason: str | None = None,
    ) -> Enterprise:
        env = self.envelope(ctx, reason=reason)
        return self.change(
            ctx,
            Enterprise,
            enterprise_id,
            "reclassify_enterprise",
            lambda e: e.reclassify(env, classification=classification),
        )

    def link_enterprise_leader(
        self, ctx: CommandContext, enterprise_id: UUID, *, leader_id: UUID
    ) -> Enterprise:
        leader, placement = self._leader(leader_id)
        env = self.envelope(ctx)
        return self.change(
            ctx,
            Enterprise,
            enterprise_id,
            "link_enterprise_leader",
            lambda e: e.link_leader(env, leader_id=leader_id, leader=leader, placement=placement),
        )

    def unlink_enterprise_leader(
        self, ctx: CommandContext, enterprise_id: UUID, *, leader_id: UUID, reason: str
    ) -> Enterprise:
        env = self.envelope(ctx, reason=reason)
        return self.change(
            ctx,
            Enterprise,
            enterprise_id,
            "unlink_enterprise_leader",
            lambda e: e.unlink_leader(env, leader_id=leader_id),
        )

    def _leader(self, leader_id: UUID) -> tuple[str, Placement]:
        try:
            official = self.load(Official, leader_id)
        except NotFoundError:
            raise UnknownOfficialError(
                f"leader_id: the directory has no official {leader_id}"
            ) from None
        return official.name, self.placement(official.unit_id)
