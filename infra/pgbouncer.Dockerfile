# PgBouncer from Debian's packages with infra/pgbouncer.ini (session mode). The password file is
# written at start from POSTGRES_USER / POSTGRES_PASSWORD, so no secret is in the image.
FROM debian:12-slim
RUN apt-get update && apt-get install -y --no-install-recommends pgbouncer && rm -rf /var/lib/apt/lists/*
COPY infra/pgbouncer.ini /etc/pgbouncer/pgbouncer.ini
USER postgres
EXPOSE 6432
CMD ["sh", "-c", "umask 077 && printf '\"%s\" \"%s\"\\n' \"$POSTGRES_USER\" \"$POSTGRES_PASSWORD\" > /tmp/pgbouncer-userlist.txt && exec pgbouncer /etc/pgbouncer/pgbouncer.ini"]
