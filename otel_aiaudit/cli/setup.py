"""`aiaudit setup elasticsearch`: install ILM policies, index templates, roles and Kibana objects."""

from __future__ import annotations

from pathlib import Path

import typer

from ._app import EXIT_BAD, EXIT_UNREACHABLE, EXIT_USAGE, exit_codes, fail, new_typer, unreachable

setup_app = new_typer(help="Install the backend objects of the audit stack.")


@setup_app.command(
    "elasticsearch",
    epilog=exit_codes(
        ok="every object in place",
        bad="Elasticsearch or Kibana refused an object",
        usage="usage or input error: no objects directory, broken object files, the elasticsearch extra missing",
        unreachable="Elasticsearch or Kibana cannot be reached",
    ),
)
def elasticsearch_cmd(
    url: str = typer.Option(..., "--url", help="Elasticsearch URL, e.g. http://localhost:9200"),
    kibana_url: str | None = typer.Option(None, "--kibana-url", help="Kibana URL (data views, searches)"),
    user: str | None = typer.Option(None, "--user", envvar="ELASTICSEARCH_USER"),
    password: str | None = typer.Option(None, "--password", envvar="ELASTICSEARCH_PASSWORD"),
    api_key: str | None = typer.Option(None, "--api-key", envvar="ELASTICSEARCH_API_KEY"),
    objects_dir: Path | None = typer.Option(
        None, "--objects-dir", help="Directory holding elasticsearch/ and kibana/ (default: collector-config)"
    ),
    wait: float = typer.Option(0.0, "--wait", help="Seconds to wait for the services to come up"),
) -> None:
    """Apply the objects; running it again changes nothing that is already in place."""
    from elasticsearch import Elasticsearch  # missing: the root handler names the extra to install

    from ..backends import ObjectsError, SetupError, apply_elasticsearch, apply_kibana, load_objects
    from ..backends.objects import default_objects_dir
    from ..backends.setup import wait_for

    root = objects_dir or default_objects_dir()
    if root is None:
        fail("no collector-config directory found; pass --objects-dir", EXIT_USAGE)
    try:
        objs = load_objects(root)
    except ObjectsError as exc:
        fail(str(exc), EXIT_USAGE)

    auth = (user, password or "") if user else None
    es = Elasticsearch(url, basic_auth=auth, api_key=api_key, request_timeout=30)

    def report(kind: str, name: str, outcome: str) -> None:
        typer.echo(f"{kind:<15} {name:<45} {outcome}")

    try:
        if wait:
            wait_for(es.info, f"Elasticsearch at {url}", wait)
        apply_elasticsearch(es, objs, report)
        if kibana_url:
            apply_kibana(kibana_url, objs, auth=auth, api_key=api_key, report=report)
    except SetupError as exc:
        fail(str(exc), EXIT_UNREACHABLE if unreachable(exc) else EXIT_BAD)
    finally:
        es.close()


def register(app: typer.Typer) -> None:
    app.add_typer(setup_app, name="setup")
