#!/usr/bin/env bash
# The main job: install what is missing, build and install dsm_policy, start a
# PostgreSQL 15 cluster of its own that keeps running afterwards, create in it
# the database dsm_policy with the extension and the sample applications
# (tools/sample_data.sql) and the provincial awards with the proposals made
# from them (tools/sample_feed.sql), print the award report (tools/report.sql), and end
# with the psql command that opens the database.
#
# Run as root on Debian 12:  bash tools/main.sh
#
#   cluster   15 dsm_policy (Debian's pg_createcluster, owner postgres), port
#             $DSM_POLICY_PORT, default 5433; UTF8, locale C.UTF-8
#   database  dsm_policy: UTF8, C.UTF-8, time zone Asia/Shanghai
#
# Run it again and again: it rebuilds and reinstalls the extension, keeps the
# cluster (creating it again only if it is on another port than asked),
# restarts it, and creates the database afresh, so every run ends in the same
# state with the same report.  bash tools/stop.sh stops and removes the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8    # the catalogue and the report are in Chinese too

version=15
cluster=dsm_policy
db=dsm_policy
port=${DSM_POLICY_PORT:-5433}

die() { echo "tools/main.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run me as root (I install packages, make install and run pg_createcluster)"
[[ $port =~ ^[0-9]+$ ]] && ((port >= 1024 && port <= 65535)) ||
    die "DSM_POLICY_PORT=$port is not a port number (1024-65535)"

# The cluster is Debian's, in the standard places: connection settings or a
# pg_virtualenv around this script must not steer the commands below elsewhere.
unset PG_CLUSTER_CONF_ROOT PGSYSCONFDIR PGSERVICE PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGPASSWORD

tools/install.sh main

# pg_ctlcluster hands start, stop and restart to systemctl whenever
# /run/systemd/system exists.  In a container whose first process is not
# systemd nobody would act on them: there it starts and stops the server itself.
ctl() {
    if [ "$(cat /proc/1/comm 2>/dev/null)" = systemd ]; then
        pg_ctlcluster "$version" "$cluster" "$@"
    else
        pg_ctlcluster --skip-systemctl-redirect "$version" "$cluster" "$@"
    fi
}
# The row of pg_lsclusters for our cluster (empty when there is none): version,
# name, port, status, owner, data directory, log file.
cluster_row() { pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c'; }

row=$(cluster_row) old_port= status=
[ -z "$row" ] || read -r _ _ old_port status _ <<<"$row"

if [ "$old_port" != "$port" ]; then
    # A new cluster: first make sure the port is free (our cluster, if it
    # exists, is on another port).
    other=$(pg_lsclusters -h | awk -v p="$port" '$3 == p { print $1 " " $2 }' | head -n 1)
    [ -z "$other" ] || die "port $port belongs to cluster $other; choose another: DSM_POLICY_PORT=5434 bash tools/main.sh"
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || [ -e "/var/run/postgresql/.s.PGSQL.$port" ]; then
        die "port $port is in use; choose another: DSM_POLICY_PORT=5434 bash tools/main.sh"
    fi
    if [ -n "$row" ]; then
        echo "main: cluster $version $cluster is on port $old_port, not $port: dropping it to create it again"
        [ "$status" = down ] || ctl stop
        pg_dropcluster "$version" "$cluster"
    fi
    echo "main: creating cluster $version $cluster on port $port (UTF8, C.UTF-8)"
    pg_createcluster --quiet --encoding UTF8 --locale C.UTF-8 --port "$port" --start-conf auto "$version" "$cluster"
    ctl start
else
    # A restart: the server runs the binaries and settings installed now.
    if [ "$status" = down ]; then
        echo "main: starting cluster $version $cluster on port $port"
        ctl start
    else
        echo "main: restarting cluster $version $cluster on port $port"
        ctl restart
    fi
fi
pg_isready -q -p "$port" || die "cluster $version $cluster does not answer on port $port (see /var/log/postgresql/postgresql-$version-$cluster.log)"

# psql as the cluster's superuser, postgres (as root there is no role "root").
# Files go in on standard input and psql starts in /: postgres need not be
# able to read this clone (psql warns when it cannot return to its directory).
psql_su() { (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$port" "$@"); }

echo "main: creating database $db (UTF8, C.UTF-8, time zone Asia/Shanghai), the extension and the sample data"
PGOPTIONS="-c client_min_messages=warning" psql_su -d postgres <<SQL
DROP DATABASE IF EXISTS $db WITH (FORCE);
CREATE DATABASE $db ENCODING 'UTF8' LOCALE 'C.UTF-8' TEMPLATE template0;
-- An applied_at written without a zone is read in the session's time zone.
ALTER DATABASE $db SET timezone = 'Asia/Shanghai';
SQL
PGOPTIONS="-c client_min_messages=warning" psql_su -d "$db" -c "CREATE EXTENSION dsm_policy CASCADE"
psql_su -d "$db" <tools/sample_data.sql
# 免申即享: the provincial awards, the register and the proposals made from them
psql_su -d "$db" -v feed="$(base64 -w0 updates/provincial-awards-2022-2025.csv)" <tools/sample_feed.sql >/dev/null
psql_su -d "$db" -P pager=off <tools/report.sql

cat <<EOF

== The database stays up
cluster $version $cluster on port $port (data /var/lib/postgresql/$version/$cluster), database $db:
UTF8, time zone Asia/Shanghai, the extension and the sample data. A few first queries:
    SELECT count(*) FROM dsm_policy.application;
    SELECT * FROM dsm_policy.award_decision ORDER BY application_id;
Stop and remove it: bash tools/stop.sh   (after a reboot, start it: pg_ctlcluster $version $cluster start)
Open it in psql, as root (as the server's superuser postgres; there is no role "root"):

    su - postgres -c "psql -p $port $db"
EOF
