#!/usr/bin/env bash
# Restores a backup made by backup.sh into the database at DATABASE_URL (which should be empty).
# Usage: DATABASE_URL=postgres://… infra/restore.sh backup.dump
set -euo pipefail
: "${DATABASE_URL:?DATABASE_URL must be set}"
: "${1:?give the backup file}"
pg_restore --no-owner --exit-on-error --dbname="$DATABASE_URL" "$1"
echo "Restored $1"
