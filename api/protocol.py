"""Uvicorn's HTTP protocol with Nagle's algorithm off on every connection.

`make run` hands each API process the listening socket supervisord bound (`--fd 0`). Uvicorn
wraps an inherited descriptor as a Unix socket, so asyncio does not set TCP_NODELAY on the
connections it accepts as it does for TCP, and a response written in two parts (head, then
body) waits for the client's delayed acknowledgement: about 40 ms per request on Linux."""

import contextlib
import socket
from asyncio import BaseTransport

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


class NoDelayHttpToolsProtocol(HttpToolsProtocol):
    def connection_made(self, transport: BaseTransport) -> None:
        connection = transport.get_extra_info("socket")
        if connection is not None:
            with contextlib.suppress(OSError):  # not a TCP connection
                connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)  # type: ignore[arg-type]
