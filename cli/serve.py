"""`medaid serve`: the workbench and the JSON API over HTTP."""

from __future__ import annotations

import click

from .main import main


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
def serve_cmd(host: str, port: int) -> None:
    """Serve the workbench pages (案例, 结果, 文件, 检查, 比较, 核查) and the JSON API."""
    import uvicorn

    from reasoner.web.app import create_app

    uvicorn.run(create_app(), host=host, port=port, log_level="info", server_header=False)
