#!/usr/bin/env bash
# Installs the Debian 12 packages that dsm_policy needs, for one of two jobs:
#
#   tools/deps.sh main   build, install and run: what tools/main.sh needs
#                        (the default)
#   tools/deps.sh test   all of that, and what tools/test.sh needs besides
#                        (the fuzzers' compiler and runtimes, pgTAP)
#
# Idempotent: when every package is there it does nothing (and needs no
# network); otherwise one `apt-get update` and one `apt-get install` of the
# missing ones.
set -euo pipefail

job=${1:-main}

main_packages=(
    make gcc                    # build
    postgresql-common           # pg_createcluster, pg_ctlcluster, pg_dropcluster, pg_virtualenv
    postgresql-15               # server, with contrib (btree_gist); pulls in psql,
                                # locales, tzdata and ssl-cert, which pg_createcluster uses
    postgresql-server-dev-15    # PGXS, server headers
)
test_packages=(
    clang libclang-rt-14-dev    # make fuzz-check: libFuzzer and the sanitizers' runtimes
    postgresql-15-pgtap pgtap   # pgTAP extension and pg_prove
    chromium fonts-wqy-microhei # test/shell/dashboard.sh: headless browser, Chinese font for its screenshots
    python3-psycopg2 nodejs     # the dashboard's server; npm ci of ECharts (dashboard/install.sh adds
                                # Debian's npm when there is no npm command: NodeSource's nodejs has its own)
)

case $job in
    main) packages=("${main_packages[@]}") ;;
    test) packages=("${main_packages[@]}" "${test_packages[@]}") ;;
    *) echo "usage: tools/deps.sh [main|test]" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if ((${#missing[@]})); then
    echo "deps ($job): installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
