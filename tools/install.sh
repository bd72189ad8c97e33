#!/usr/bin/env bash
# Installs the Debian packages that are missing, builds dsm_policy with
# -Wall -Wextra -Werror and installs it into the PostgreSQL 15 server.
# The first step of both README commands.
set -euo pipefail
cd "$(dirname "$0")/.."

tools/deps.sh
make -s
make -s install
