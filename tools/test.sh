#!/usr/bin/env bash
# The whole test suite: install what is missing, build with -Werror, install,
# start a throwaway PostgreSQL 15 cluster and run pg_regress, pgTAP and the
# shell tests in it.  Run as root on Debian 12:  bash tools/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8    # a UTF8 cluster: the catalogue is in Chinese

tools/install.sh test    # the main job's packages, and clang and pgTAP

counts=$(mktemp)
trap 'rm -f "$counts"' EXIT
status=0
DSM_TEST_COUNTS=$counts pg_virtualenv -t -v 15 tools/run-tests.sh || status=$?

read -r passed failed < "$counts" || { passed=0; failed=1; }
echo "tests: $passed passed, $failed failed"
exit $status
