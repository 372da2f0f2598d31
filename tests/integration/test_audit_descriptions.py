"""The audit index names each item by its title, also when the item was made in an earlier
batch, and rebuilds its rows when its rules change."""

from __future__ import annotations

from datetime import date

from application.back_office import BackOffice
from application.context import CommandContext
from infrastructure.database import DatabaseTarget
from infrastructure.view_store import ViewStore
from projections.audit_index import AuditFilter, AuditIndex
from projections.runner import ProjectionRunner
from tests.integration.test_read_models import assign_directly, raise_many


def descriptions(store: ViewStore) -> list[str]:
    with store.transaction(write=False) as tx:
        return [e.description for e in AuditIndex.page(tx, AuditFilter(), after=0, limit=50)]


def test_an_item_made_in_an_earlier_batch_is_named_by_its_title(
    office: BackOffice, officer: CommandContext, target: DatabaseTarget
):
    (issue_id,) = raise_many(office, officer, 1)
    store = ViewStore(target, pool_size=2)
    try:
        runner = ProjectionRunner(office, store, [AuditIndex()])
        assert runner.catch_up() == 1
        assign_directly(office, officer, issue_id, "市税务局", "吴涛", date(2026, 10, 9))
        assert runner.catch_up() == 1
        assert descriptions(store) == [
            "市发展改革委 张三 通过12345热线登记问题「问题0」（企业，水电气要素保障类）",
            "市发展改革委 张三 将问题「问题0」交办给 市税务局 吴涛，办理时限 2026-10-09",
        ]
    finally:
        store.close()


def test_rows_made_by_the_english_rules_are_made_again(
    office: BackOffice, officer: CommandContext, target: DatabaseTarget
):
    raise_many(office, officer, 2)
    store = ViewStore(target, pool_size=2)
    try:
        ProjectionRunner(office, store, [AuditIndex()]).catch_up()
        with store.transaction() as tx:  # as the rules of version 1 left them
            tx.execute("UPDATE audit_index SET description = 'raised a problem'")
            tx.execute("UPDATE projection_versions SET version = 1 WHERE name = 'audit_index'")
        runner = ProjectionRunner(office, store, [AuditIndex()])
        assert runner.catch_up() == 2
        assert all(d.startswith("市发展改革委 张三 通过") for d in descriptions(store))
    finally:
        store.close()
