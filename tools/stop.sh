#!/usr/bin/env bash
# Stops and removes the cluster that tools/main.sh leaves running
# (PostgreSQL 15 cluster "dsm_policy": its server, data directory,
# configuration and log).  Idempotent: without that cluster it does nothing
# and says so.  Run as root:  bash tools/stop.sh
set -euo pipefail

version=15
cluster=dsm_policy

[ "$(id -u)" = 0 ] || { echo "tools/stop.sh: run me as root" >&2; exit 1; }
unset PG_CLUSTER_CONF_ROOT    # Debian's clusters, not a pg_virtualenv's

# As in tools/main.sh: without systemd as the first process, pg_ctlcluster
# must stop the server itself rather than ask systemctl.
ctl() {
    if [ "$(cat /proc/1/comm 2>/dev/null)" = systemd ]; then
        pg_ctlcluster "$version" "$cluster" "$@"
    else
        pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" "$@"
    fi
}

if ! command -v pg_lsclusters >/dev/null; then
    echo "stop: postgresql-common is not installed: no cluster $version $cluster, nothing to do"
    exit 0
fi
row=$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c')
if [ -z "$row" ]; then
    echo "stop: no cluster $version $cluster: nothing to stop or remove"
    exit 0
fi
read -r _ _ port status _ datadir _ <<<"$row"
if [ "$status" = down ]; then
    echo "stop: cluster $version $cluster (port $port) was not running"
else
    ctl stop --mode fast
    echo "stop: stopped cluster $version $cluster (port $port)"
fi
pg_dropcluster "$version" "$cluster"
echo "stop: removed cluster $version $cluster: its data directory $datadir, configuration /etc/postgresql/$version/$cluster and log"
