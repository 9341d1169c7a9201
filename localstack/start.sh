#!/usr/bin/env bash
# LocalStack without Docker, with the `local` stage deployed: prints the API URL; Ctrl-C stops
# LocalStack, its Lambda runners and the embedded PostgreSQL. Arguments go to stack.py:
#   localstack/start.sh                 # = up (port 4566, database in .localstack/pgdata)
#   localstack/start.sh up --port 4567
#   localstack/start.sh setup | stop
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[ -e .venv/.installed ] || make install
exec .venv/bin/python localstack/stack.py "${@:-up}"
