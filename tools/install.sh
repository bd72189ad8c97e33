#!/usr/bin/env bash
# Installs the Debian packages that are missing, builds dsm_policy with
# -Wall -Wextra -Werror and installs it into the PostgreSQL 15 server.
# The first step of both README commands:
#
#   tools/install.sh main   the packages of the main job (tools/main.sh; the default)
#   tools/install.sh test   those and the test suite's (tools/test.sh)
#
# (tools/deps.sh lists the packages of each.)
set -euo pipefail
cd "$(dirname "$0")/.."

job=${1:-main}
case $job in
    main|test) ;;
    *) echo "usage: tools/install.sh [main|test]" >&2; exit 2 ;;
esac

tools/deps.sh "$job"
make -s PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
make -s PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config install
