#!/usr/bin/env bash
# The main job: install what is missing, build and install dsm_policy, start a
# throwaway PostgreSQL 15 cluster, create the extension, load the sample
# applications (tools/sample_data.sql) and print the award report
# (tools/report.sql).
# Run as root on Debian 12:  bash tools/main.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8    # a UTF8 cluster: the catalogue is in Chinese

tools/install.sh

# pg_virtualenv: a cluster in a temporary directory, dropped when the command ends.
pg_virtualenv -t -v 15 sh -c '
    PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION dsm_policy CASCADE" &&
    psql -X -q -v ON_ERROR_STOP=1 -f tools/sample_data.sql &&
    psql -X -q -v ON_ERROR_STOP=1 -P pager=off -f tools/report.sql'
