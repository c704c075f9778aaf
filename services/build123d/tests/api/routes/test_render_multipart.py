"""An exploratory render (no files, the views asked for) and the multipart/mixed answer that carries bytes."""

import base64
import hashlib
import json

import httpx

from devtools.multipart import ACCEPT as MULTIPART
from devtools.multipart import parts, payload
from tests.conftest import BOX, ok


def test_when_no_formats_are_asked_then_only_metrics_and_the_views_asked_for_come_back(client: httpx.Client):
    body = ok(client.post("/render/", json={"code": BOX, "formats": [], "previews": {"views": ["iso"], "size": 128}}))
    assert body["files"] == {}
    assert list(body["previews"]) == ["iso"] and body["previews"]["iso"]["width"] == 128
    assert body["metrics"]["volume"] == 6000


def test_when_multipart_is_accepted_then_the_manifest_comes_first_and_every_file_and_preview_follows_as_bytes(
    client: httpx.Client,
):
    request = {"code": BOX, "formats": ["step", "stl"], "previews": {"views": ["iso", "top"], "size": 64}}
    multipart = parts(client.post("/render/", json=request, headers=MULTIPART))
    first, rest = multipart[0], multipart[1:]
    assert first.get_content_type() == "application/json"
    manifest = json.loads(payload(first))
    assert set(manifest) == {"kind", "files", "previews", "metrics", "warnings", "log", "timings"}
    assert [p.get_param("name", header="content-disposition") for p in rest] == [
        "files.step",
        "files.stl",
        "previews.iso",
        "previews.top",
    ]
    described = [*manifest["files"].values(), *manifest["previews"].values()]
    for part, entry in zip(rest, described, strict=True):
        assert "base64" not in entry
        assert hashlib.sha256(payload(part)).hexdigest() == entry["sha256"] and len(payload(part)) == entry["bytes"]
    assert payload(rest[2]).startswith(b"\x89PNG")
    # The same render as JSON carries the same bytes, base64-encoded.
    as_json = ok(client.post("/render/", json=request))
    assert base64.b64decode(as_json["files"]["step"]["base64"]) != b""
    assert as_json["files"]["stl"]["sha256"] == manifest["files"]["stl"]["sha256"]
    assert base64.b64decode(as_json["previews"]["top"]["base64"]) == payload(rest[3])


def test_when_an_exploratory_render_is_answered_as_multipart_then_its_json_is_a_small_part_of_the_full_answer(
    client: httpx.Client,
):
    full = client.post("/render/", json={"code": BOX})
    light = parts(client.post("/render/", json={"code": BOX, "formats": []}, headers=MULTIPART))
    assert len(payload(light[0])) * 10 <= len(full.content)
    assert len(light) == 5  # the manifest and the four default views
