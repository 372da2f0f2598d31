"""create_app: the one Litestar application factory."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from anyio import to_thread
from litestar import Litestar, Request
from litestar.config.app import AppConfig
from litestar.di import Provide

from api.access_log import AccessLogController, access_log_middleware
from api.admission import admission_middleware
from api.assessments import AssessmentController
from api.audit import AuditController
from api.auth import jwt_auth, signing_secret
from api.briefings import SessionSeriesController
from api.console.assets import static_files
from api.console.pages import template_config, to_sign_in
from api.console.routes import console_router
from api.console.sessions import SignInRequired
from api.coverage import CoverageController
from api.deadlines import DeadlineController
from api.directory import DirectoryController
from api.enterprises import EnterpriseController
from api.financing import FinancingController
from api.freshness import position_header, read_position_middleware
from api.idempotency import idempotency_middleware
from api.issue_routing import IssueRoutingController
from api.issues import IssueController
from api.judgement import JudgementController
from api.malformed import ReadableRequest, url_text_middleware
from api.openapi_document import finish_document, openapi_config
from api.pairings import PairingController
from api.permissions import authorize, require_roles_declared
from api.problems import EXCEPTION_HANDLERS
from api.project_register import ProjectRegisterController
from api.projections_status import ProjectionController, stopped_read_models_header
from api.projects import ProjectController
from api.rate_limit import rate_limit
from api.referrals import ReferralController
from api.reports import ReportController
from api.request_log import request_id_middleware
from api.resources import resource_routes
from api.reviews import ReviewController
from api.routing import provide_act, provide_principal
from api.service_status import SERVICE_ROUTES
from api.summonses import SummonsController
from api.tracing import TracedWhenAsked, tracing_plugins
from api.veto_exemptions import ExemptionController, SchemeController
from application.context import Clock
from bootstrap.background import background_loops
from bootstrap.services import Services
from infrastructure.clock import SystemClock
from infrastructure.database import parse_database_url
from infrastructure.logging import configure_logging
from infrastructure.settings import Settings
from infrastructure.view_store import ViewStore


def outermost(*middleware: Any) -> Callable[[AppConfig], AppConfig]:
    """Put middleware outside authentication (which Litestar puts first): the request id and
    the access log then see refused requests too."""

    def hook(config: AppConfig) -> AppConfig:
        config.middleware[:0] = list(middleware)
        return config

    return hook


def create_app(
    settings: Settings | None = None,
    *,
    services: Services | None = None,
    clock: Clock | None = None,
    jwt_secret: str | None = None,
    tracer_provider: Any = None,
) -> Litestar:
    """Build the API. Tests pass ready-made ``services``; otherwise they open on start-up.
    A span for each request when OpenTelemetry's variables ask for tracing (api/tracing.py),
    or to a ``tracer_provider`` given."""
    settings = settings or Settings.from_env()
    configure_logging(settings.log_level, settings.log_json)

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        owned = services is None
        running: Services = services or Services.open(
            parse_database_url(settings.database_url), clock or SystemClock()
        )
        app.state.services = running
        was_catching_up = running.catch_up_on_read
        running.catch_up_on_read = False  # no request catches up: the worker does
        running.read_wait_seconds = settings.read_wait_seconds
        if settings.read_models == "embedded":
            # before the first request: a token is read against the directory's read model
            await to_thread.run_sync(running.runner.catch_up)
        # the deadline watcher too, unless its own process runs it (docker-compose.yml)
        loops = background_loops(
            running,
            read_models=settings.read_models == "embedded",
            watcher=owned and settings.background,
        )
        for loop in loops:
            loop.start()
        try:
            yield
        finally:
            for loop in loops:
                loop.stop()
            running.catch_up_on_read = was_catching_up
            if owned:
                running.close()

    def provide_services(request: Request[Any, Any, Any]) -> Services:
        found: Services = request.app.state.services
        return found

    def provide_views(request: Request[Any, Any, Any]) -> ViewStore:
        return provide_services(request).views

    secret = jwt_secret or signing_secret()
    app = TracedWhenAsked(
        route_handlers=[
            *SERVICE_ROUTES,
            ProjectController,
            ProjectRegisterController,
            IssueController,
            IssueRoutingController,
            PairingController,
            SessionSeriesController,
            FinancingController,
            ReviewController,
            DeadlineController,
            ProjectionController,
            AuditController,
            JudgementController,
            AssessmentController,
            SchemeController,
            ExemptionController,
            ReportController,
            SummonsController,
            ReferralController,
            *resource_routes(),
            DirectoryController,
            EnterpriseController,
            CoverageController,
            AccessLogController,
            static_files(),
            console_router(secret),
        ],
        dependencies={
            "services": Provide(provide_services, sync_to_thread=False),
            "views": Provide(provide_views, sync_to_thread=False),
            "act": Provide(provide_act, sync_to_thread=False),
            "principal": Provide(provide_principal, sync_to_thread=False),
        },
        exception_handlers={**EXCEPTION_HANDLERS, SignInRequired: to_sign_in},
        template_config=template_config(),
        middleware=[
            url_text_middleware,
            rate_limit(settings.rate_limit_per_minute),
            idempotency_middleware,
        ],
        guards=[authorize],
        on_app_init=[
            jwt_auth(secret, settings.token_max_lifetime).on_app_init,
            outermost(
                request_id_middleware,
                access_log_middleware,
                read_position_middleware,  # a command waiting for its position holds no turn
                admission_middleware(settings.commands_in_flight),
            ),
        ],
        request_max_body_size=settings.max_body_bytes,
        request_class=ReadableRequest,
        before_send=[stopped_read_models_header, position_header],
        lifespan=[lifespan],
        openapi_config=openapi_config(),
        plugins=tracing_plugins(os.environ, tracer_provider),
    )
    if services is not None:
        app.state.services = services  # usable before start-up, as by an ASGI test client
    require_roles_declared(app)
    finish_document(app)
    return app
