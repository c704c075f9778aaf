import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.api.body_limit import BodyLimitMiddleware
from app.api.errors import install_error_handlers
from app.api.main import api_router
from app.api.render_reply import document_multipart
from app.core.config import Settings
from app.core.metrics import Metrics
from app.sandbox.pool import JobPool

# JSON escapes can turn one byte of script into six; the exact cap on the script is checked after parsing.
_JSON_OVERHEAD = 6


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(name)s: %(message)s")
    metrics = Metrics()
    pool = JobPool(settings, metrics)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            await pool.stop()

    app = FastAPI(title="Chat3D build123d render service", lifespan=lifespan)
    app.state.settings = settings
    app.state.metrics = metrics
    app.state.pool = pool
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.MAX_CODE_BYTES * _JSON_OVERHEAD + 65536)
    install_error_handlers(app, settings.RETRY_AFTER_S)
    app.include_router(api_router)
    document_multipart(app)
    return app


app = create_app()
