"""`aiaudit loopback`: the demo's offline OpenAI-compatible images endpoint, in the foreground.

For trying an instrumented app without a provider account: point the `openai` client at it with
OPENAI_BASE_URL; any API key is accepted and every image is a small generated PNG.
"""

from __future__ import annotations

import signal
import threading
from types import FrameType

import typer

from ._app import EXIT_USAGE, exit_codes, fail

DEFAULT_PORT = 8787


def register(app: typer.Typer) -> None:
    @app.command(
        "loopback",
        epilog=exit_codes(
            ok="stopped by Ctrl-C (SIGINT) or SIGTERM", usage="usage error, or the address cannot be bound"
        ),
    )
    def loopback(
        port: int = typer.Option(DEFAULT_PORT, "--port", min=0, max=65535, help="TCP port (0: any free port)."),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    ) -> None:
        """Serve the offline OpenAI-compatible images endpoint until Ctrl-C."""
        from ..loopback.openai import start_openai_server

        try:
            server = start_openai_server(host, port)
        except OSError as exc:  # port taken, address not on this machine
            fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}", EXIT_USAGE)
        stop = threading.Event()

        def _stop(signum: int, frame: FrameType | None) -> None:
            stop.set()

        # The server runs on its own thread; the main thread only waits, so a signal ends the wait
        # and the server is shut down cleanly (shutdown() from a handler would deadlock serve_forever).
        previous = {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        base = f"{server.url}/v1"
        typer.echo(
            f"OpenAI-compatible endpoint at {base} - use it with OPENAI_BASE_URL={base} and any API key "
            "(OPENAI_API_KEY=sk-anything); Ctrl-C stops it",
        )
        try:
            while not stop.wait(0.5):
                pass
        finally:
            server.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        typer.echo(f"stopped after {len(server.requests)} requests")
