"""Writes the service's OpenAPI document to openapi.json, the contract the backend validates against:
`.venv/bin/python -m devtools.openapi` from services/build123d after changing app/models.py or a route."""

import json

from app.main import create_app
from devtools.service import SERVICE_DIR

OPENAPI_PATH = SERVICE_DIR / "openapi.json"


def document() -> dict:
    return create_app().openapi()


def render(spec: dict) -> str:
    return json.dumps(spec, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    OPENAPI_PATH.write_text(render(document()))
