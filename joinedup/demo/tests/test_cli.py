"""The `joinedup` console script: environment defaults and the `serve` alias."""

from __future__ import annotations

from joinedup.cli import configure_environment, expand_aliases


def test_without_secret_or_database_the_script_runs_the_embedded_demo() -> None:
    environ: dict[str, str] = {}
    configure_environment(environ)
    assert environ == {"DJANGO_SETTINGS_MODULE": "config.settings", "JOINEDUP_DEMO": "1"}


def test_with_a_database_url_the_script_does_not_switch_on_the_demo() -> None:
    environ = {"DATABASE_URL": "postgres://localhost/joinedup", "DJANGO_SETTINGS_MODULE": "config.other"}
    configure_environment(environ)
    assert "JOINEDUP_DEMO" not in environ
    assert environ["DJANGO_SETTINGS_MODULE"] == "config.other"


def test_serve_is_runserver_on_localhost_without_the_reloader() -> None:
    assert expand_aliases(["joinedup", "serve"]) == ["joinedup", "runserver", "127.0.0.1:8000", "--noreload"]
    assert expand_aliases(["joinedup", "serve", "0.0.0.0:9000"]) == [
        "joinedup",
        "runserver",
        "0.0.0.0:9000",
        "--noreload",
    ]


def test_other_commands_pass_through_unchanged() -> None:
    assert expand_aliases(["joinedup", "seed", "--children", "100"]) == ["joinedup", "seed", "--children", "100"]
