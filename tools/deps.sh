#!/usr/bin/env bash
# Installs the Debian 12 packages that dsm_policy needs to build, test and run.
# Idempotent: when every package is there it does nothing (and needs no network).
set -euo pipefail

packages=(
    make gcc                    # build
    clang libclang-rt-14-dev    # make fuzz-check: libFuzzer and the sanitizers' runtimes
    postgresql-common           # pg_virtualenv, pg_createcluster
    postgresql-15               # server, with contrib (btree_gist)
    postgresql-server-dev-15    # PGXS, server headers
    postgresql-15-pgtap pgtap   # pgTAP extension and pg_prove
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if ((${#missing[@]})); then
    echo "deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
