#!/usr/bin/env bash
# Backs up the whole database (every centre's schema and public) in PostgreSQL's custom format.
# Usage: DATABASE_URL=postgres://… infra/backup.sh [output-file]
# One centre only: infra/backup.sh out.dump --schema=<schema>  (then restore with restore.sh)
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL must be set}"
out="${1:-koinotita-$(date -u +%Y%m%dT%H%M%SZ).dump}"
shift || true
pg_dump --format=custom --no-owner --file="$out" "$@" "$DATABASE_URL"
echo "Backup written to $out"
