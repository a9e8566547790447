"""How a test hands its database to another process (a worker, manage.py)."""

from urllib.parse import quote, urlencode


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL that django-environ reads back into ``settings_dict``'s database.

    A unix-socket directory (embedded pgserver) travels as libpq's ``?host=`` parameter: as a
    percent-encoded host name django-environ would keep the escapes.
    """
    user = quote(settings_dict.get("USER") or "", safe="")
    password = settings_dict.get("PASSWORD") or ""
    credentials = f"{user}:{quote(password, safe='')}" if password else user
    options = {key: str(value) for key, value in (settings_dict.get("OPTIONS") or {}).items()}
    host = str(settings_dict.get("HOST") or "")
    if host.startswith("/"):
        options["host"], host = host, ""
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") and host else ""
    query = f"?{urlencode(options)}" if options else ""
    return f"postgres://{credentials}@{quote(host, safe='')}{port}/{quote(settings_dict['NAME'], safe='')}{query}"
