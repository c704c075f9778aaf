from fastapi import APIRouter

from app.api.routes import health, render

api_router = APIRouter()
api_router.include_router(render.router)
api_router.include_router(health.router)
