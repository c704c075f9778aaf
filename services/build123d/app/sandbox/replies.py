"""What a job process sends back, checked field by field before the service acts on it: the script that ran in
that process may have written any of it."""

import json
from typing import Any

from app.models import FORMATS, SCRIPT_ERROR_TYPES, VIEWS

# A reply carries at most one binary part per format and per view.
MAX_PARTS = len(FORMATS) + len(VIEWS)


def parse_header(raw: bytes) -> dict[str, Any]:
    """A job's reply header: ok, the phase timings, the error when not ok, and how many binary parts follow."""
    header = json.loads(raw)
    if not isinstance(header, dict):
        raise TypeError("malformed reply from a job")
    error = header.get("error")
    parts = header.get("parts", 0)
    valid = (
        isinstance(header.get("ok"), bool)
        and all(isinstance(header.get(key), int | float) for key in ("exec_ms", "export_ms", "preview_ms"))
        and isinstance(parts, int)
        and 0 <= parts <= MAX_PARTS
        and (
            header["ok"]
            or (
                isinstance(error, dict)
                and error.get("type") in SCRIPT_ERROR_TYPES
                and isinstance(error.get("message"), str)
                and isinstance(error.get("line"), int | None)
                and isinstance(error.get("traceback"), str | None)
                and isinstance(error.get("log"), str | None)
            )
        )
    )
    if not valid:
        raise ValueError("malformed reply from a job")
    return header


def parse_ready(raw: bytes) -> tuple[dict[str, Any], float]:
    """The layers in force and the rehearsal's milliseconds; sent before any user code ran, checked all the same."""
    ready = json.loads(raw)
    layers = ready.get("layers") if isinstance(ready, dict) else None
    rehearsal_ms = ready.get("rehearsal_ms") if isinstance(ready, dict) else None
    if (
        not isinstance(layers, dict)
        or not all(isinstance(v, bool | int) for v in layers.values())
        or not isinstance(rehearsal_ms, int | float)
    ):
        raise ValueError("malformed ready message from a job")
    return layers, float(rehearsal_ms)
