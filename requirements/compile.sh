#!/usr/bin/env bash
# Regenerates the hashed lock files from pyproject.toml (README, «Dependencies»): run it after any
# change of a pinned version. requirements/main.lock is what the container image installs;
# requirements/dev.lock (main + the dev extra) is what ./dev installs. Both with hash checking.
set -euo pipefail
cd "$(dirname "$0")/.."
tools="$(mktemp -d)"
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools" && "$tools/bin/pip" install --quiet --disable-pip-version-check pip-tools==7.7.0
options=(--quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links)
"$tools/bin/pip-compile" "${options[@]}" -o requirements/main.lock pyproject.toml
"$tools/bin/pip-compile" "${options[@]}" --extra dev -o requirements/dev.lock pyproject.toml
