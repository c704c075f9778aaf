"""openapi.json is the contract the backend validates against: it must be what the service serves."""

import json

from devtools.openapi import OPENAPI_PATH, render


def test_when_the_service_serves_its_openapi_document_then_it_is_the_committed_one(client):
    served = client.get("/openapi.json").json()
    assert render(served) == OPENAPI_PATH.read_text(), (
        "openapi.json is out of date: run `.venv/bin/python -m devtools.openapi` in services/build123d"
    )


def test_when_read_then_every_answer_of_render_is_declared_with_its_model():
    spec = json.loads(OPENAPI_PATH.read_text())
    responses = spec["paths"]["/render/"]["post"]["responses"]
    schema = {status: r["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1] for status, r in responses.items()}
    assert schema == {
        "200": "RenderResponse",
        "400": "ErrorResponse",
        "413": "ErrorResponse",
        "422": "ErrorResponse",
        "429": "ErrorResponse",
        "503": "ErrorResponse",
    }
    assert "Retry-After" in responses["429"]["headers"] and "Retry-After" in responses["503"]["headers"]
    properties = spec["components"]["schemas"]["RenderResponse"]["properties"]
    assert set(properties) == {"kind", "files", "previews", "metrics", "warnings", "log", "timings"}
