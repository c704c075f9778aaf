"""Reads the service's multipart/mixed answer (tests and benchmarks): the manifest, then each part by name."""

import json
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from typing import Any

import httpx

ACCEPT = {"accept": "multipart/mixed"}


def parts(response: httpx.Response) -> list[EmailMessage]:
    assert response.status_code == 200, response.text[:2000]
    assert response.headers["content-type"].startswith("multipart/mixed; boundary=")
    head = f"Content-Type: {response.headers['content-type']}\r\n\r\n".encode()
    message = BytesParser(policy=policy.default).parsebytes(head + response.content)
    assert isinstance(message, EmailMessage)
    return [part for part in message.iter_parts() if isinstance(part, EmailMessage)]


def payload(part: EmailMessage) -> bytes:
    data = part.get_payload(decode=True)
    assert isinstance(data, bytes)
    return data


def manifest(response: httpx.Response) -> tuple[dict[str, Any], int]:
    """The manifest of a multipart answer, and its size in bytes: the JSON that the client parses."""
    raw = payload(parts(response)[0])
    return json.loads(raw), len(raw)
