"""A TCP proxy a test can cut: between the app and Redis or PostgreSQL, it passes bytes both ways until told to
refuse (nothing listens: connection refused), freeze (connections are accepted and bytes are held, forever),
drop (every open connection is closed, new ones pass) or pass again. Deterministic: no server is stopped.

With no upstream it is a server that accepts and never answers when frozen, and refuses when refused.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading


class Proxy:
    def __init__(self, upstream: tuple[str, int] | None = None) -> None:
        self.upstream = upstream
        self.mode = "pass"
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self._stopped = False
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self._listen()

    # What a test does -------------------------------------------------------------------------------------

    def refuse(self) -> None:
        """Close the port and every connection: the next connect is refused."""
        self.mode = "refuse"
        self._close_listener()
        self.drop()

    def freeze(self) -> None:
        """Accept connections and hold every byte, forever (until pass_through)."""
        self.mode = "freeze"
        if self._listener is None:
            self._listen()

    def drop(self) -> None:
        """Close every open connection (a server restart, as the client sees it)."""
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def pass_through(self) -> None:
        self.mode = "pass"
        if self._listener is None:
            self._listen()

    def close(self) -> None:
        self._stopped = True
        self._close_listener()
        self.drop()

    def url(self, scheme: str, path: str = "") -> str:
        return f"{scheme}://127.0.0.1:{self.port}{path}"

    # The machinery ----------------------------------------------------------------------------------------

    def _listen(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _close_listener(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()

    def _keep(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)

    def _accept(self, listener: socket.socket) -> None:
        while not self._stopped and self._listener is listener:
            try:
                ready, _, _ = select.select([listener], [], [], 0.05)
                if not ready:
                    continue
                client, _ = listener.accept()
            except (OSError, ValueError):  # closed under us
                return
            self._keep(client)
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        while self.mode == "freeze" and not self._stopped:  # hold the connection, answer nothing
            if client.fileno() == -1:
                return
            select.select([], [], [], 0.05)
        if self.upstream is None or client.fileno() == -1:
            return
        try:
            server = socket.create_connection(self.upstream)
        except OSError:
            client.close()
            return
        self._keep(server)
        pair = {client: server, server: client}
        while not self._stopped:
            if self.mode == "freeze":  # hold every byte, both ways
                select.select([], [], [], 0.05)
                continue
            try:
                ready, _, _ = select.select(list(pair), [], [], 0.05)
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        raise OSError("closed")
                    pair[sock].sendall(data)
            except (OSError, ValueError):
                for sock in pair:
                    with contextlib.suppress(OSError):
                        sock.close()
                return
