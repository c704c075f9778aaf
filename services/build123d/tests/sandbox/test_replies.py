import pytest

from app.sandbox.replies import MAX_PARTS, parse_header, parse_ready

OK = '{"ok": true, "exec_ms": 1, "export_ms": 0, "preview_ms": 0, "parts": %s}'


@pytest.mark.parametrize(
    "raw",
    [
        b"[]",
        b'{"ok": true}',
        b'{"ok": false, "exec_ms": 1, "export_ms": 0, "preview_ms": 0, "error": {"type": "pwned", "message": "x"}}',
        b'{"ok": "yes", "exec_ms": 1, "export_ms": 0, "preview_ms": 0}',
        (OK % -1).encode(),
        (OK % (MAX_PARTS + 1)).encode(),
        (OK % '"4"').encode(),
        b"not json",
    ],
)
def test_when_a_job_reply_is_malformed_then_it_is_rejected(raw):
    with pytest.raises((ValueError, TypeError)):
        parse_header(raw)


def test_when_a_job_reply_is_well_formed_then_it_is_accepted():
    raw = b'{"ok": false, "exec_ms": 1.5, "export_ms": 0, "preview_ms": 0, "error": {"type": "runtime", "message": "x", "line": 3, "traceback": null, "log": ""}}'
    assert parse_header(raw)["error"]["line"] == 3
    assert parse_header((OK % MAX_PARTS).encode())["parts"] == MAX_PARTS


@pytest.mark.parametrize(
    "raw",
    [b"[]", b'{"layers": {"seccomp": "yes"}, "rehearsal_ms": 1}', b'{"layers": {}, "rehearsal_ms": "1"}', b"{}"],
)
def test_when_a_ready_message_is_malformed_then_it_is_rejected(raw):
    with pytest.raises(ValueError):
        parse_ready(raw)


def test_when_a_ready_message_is_well_formed_then_it_gives_the_layers_and_the_rehearsal_time():
    assert parse_ready(b'{"layers": {"seccomp": true, "landlock_abi": 4}, "rehearsal_ms": 12}') == (
        {"seccomp": True, "landlock_abi": 4},
        12.0,
    )
