#!/usr/bin/env bash
# The reference dashboard (dashboard/, doc/dashboard-reference.md) over the
# database of the main job: run `bash tools/main.sh` first, then
#
#     bash tools/dashboard.sh          (as root on Debian 12)
#
# and open the URL it prints (http://127.0.0.1:8090/).  Ctrl-C stops it.
#
#   DSM_POLICY_PORT      the main job's cluster (15 dsm_policy), default 5433
#   DSM_DASHBOARD_PORT   the web port, default 8090
#   DSM_DASHBOARD_HOST   the address to listen on, default 127.0.0.1 (this
#                        machine only; 0.0.0.0 opens it to the network)
#
# It installs what is missing (python3-psycopg2, nodejs/npm with apt-get;
# ECharts with npm ci when dashboard/node_modules is missing), checks that the
# database dsm_policy with the extension is there, makes sure of the login
# role dsm_dashboard, a member of dsm_policy_reader and of nothing else
# (created as the cluster's superuser postgres if missing; its random password
# is kept in ~/.local/state/dsm_policy/dashboard-password, mode 600, and only
# the server gets it), and starts the server,
# logged in as that role over TCP on 127.0.0.1.  Run it again and again: each
# run ends in the same state.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=C.UTF-8 LC_ALL=C.UTF-8

version=15
cluster=dsm_policy
db=dsm_policy
role=dsm_dashboard
port=${DSM_POLICY_PORT:-5433}
web_port=${DSM_DASHBOARD_PORT:-8090}
web_host=${DSM_DASHBOARD_HOST:-127.0.0.1}

die() { echo "tools/dashboard.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run me as root (I install what is missing and create the role as the server's superuser)"
[[ $port =~ ^[0-9]+$ ]] || die "DSM_POLICY_PORT=$port is not a port number"
[[ $web_port =~ ^[0-9]+$ ]] && ((web_port >= 1 && web_port <= 65535)) ||
    die "DSM_DASHBOARD_PORT=$web_port is not a port number (1-65535)"

# The main job's cluster is Debian's, in the standard places: connection
# settings or a pg_virtualenv around this script must not steer us elsewhere.
unset PG_CLUSTER_CONF_ROOT PGSYSCONFDIR PGSERVICE PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGPASSWORD PGOPTIONS

bash dashboard/install.sh

# ---- the main job's database ------------------------------------------------
first="run the main job first: bash tools/main.sh"
command -v pg_lsclusters >/dev/null || die "PostgreSQL is not installed: $first"
row=$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c')
[ -n "$row" ] || die "there is no cluster $version $cluster: $first"
read -r _ _ cluster_port status _ <<<"$row"
[ "$cluster_port" = "$port" ] ||
    die "cluster $version $cluster is on port $cluster_port, not $port: DSM_POLICY_PORT=$cluster_port bash tools/dashboard.sh (or $first)"
[ "$status" = online ] ||
    die "cluster $version $cluster (port $port) is $status: start it (pg_ctlcluster $version $cluster start) or $first"

# psql as the cluster's superuser postgres (as in tools/main.sh); from /, so
# that postgres need not be able to read this clone
psql_su() { (cd / && runuser -u postgres -- psql -X -q -At -v ON_ERROR_STOP=1 -p "$port" "$@"); }

[ "$(psql_su -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = '$db'")" = 1 ] ||
    die "cluster $version $cluster has no database $db: $first"
extension=$(psql_su -d "$db" -c "SELECT extversion FROM pg_extension WHERE extname = 'dsm_policy'")
[ -n "$extension" ] || die "database $db has no extension dsm_policy: $first"
psql_su -d "$db" -c "SELECT 1 FROM dsm_policy.budget_use LIMIT 1" >/dev/null 2>&1 ||
    die "dsm_policy $extension in database $db has no view budget_use (the dashboard needs 1.2): $first"

# ---- the login role: dsm_policy_reader only, a new password ----------------
# The password: made once, kept readable by root only outside the clone, and
# set again on each run (so that a second run leaves a running server's
# password alone).
secret_dir=${XDG_STATE_HOME:-$HOME/.local/state}/dsm_policy
secret=$secret_dir/dashboard-password
if [ ! -s "$secret" ]; then
    (umask 077 && mkdir -p "$secret_dir" && od -An -tx1 -N24 /dev/urandom | tr -d ' \n' >"$secret")
fi
password=$(cat "$secret")
[[ $password =~ ^[0-9a-f]{48}$ ]] || die "$secret does not hold a password made by me: remove it and run me again"
# on standard input, so that the password is in no process's arguments
membership=$(psql_su -d "$db" <<SQL
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
        CREATE ROLE $role LOGIN IN ROLE dsm_policy_reader;
        COMMENT ON ROLE $role IS 'dsm_policy reference dashboard (tools/dashboard.sh): reads the report views, cannot write.';
        RAISE NOTICE 'dashboard: created the login role $role in dsm_policy_reader';
    ELSE
        ALTER ROLE $role LOGIN;
        IF NOT pg_has_role('$role', 'dsm_policy_reader', 'MEMBER') THEN
            GRANT dsm_policy_reader TO $role;
        END IF;
    END IF;
END
\$\$;
ALTER ROLE $role PASSWORD '$password';
-- as doc/dashboard.md advises for a dashboard's role (the server sets it too)
ALTER ROLE $role SET jit = off;
SELECT string_agg(b.rolname, ', ' ORDER BY b.rolname)
FROM pg_roles b
WHERE b.rolname <> '$role' AND pg_has_role('$role', b.oid, 'MEMBER');
SQL
)
[ "$membership" = dsm_policy_reader ] ||
    die "role $role is a member of $membership: it must be a member of dsm_policy_reader only (REVOKE the others, or DROP ROLE $role and run me again)"

# ---- the web port -----------------------------------------------------------
if (exec 3<>"/dev/tcp/127.0.0.1/$web_port") 2>/dev/null; then
    die "port $web_port is in use (another dashboard?): choose another, DSM_DASHBOARD_PORT=8091 bash tools/dashboard.sh"
fi

shown=$web_host
[ "$web_host" != 0.0.0.0 ] || shown=127.0.0.1
cat <<EOF
dashboard: database $db (dsm_policy $extension) of cluster $version $cluster on port $port, as role $role
dashboard: open http://$shown:$web_port/   (English: http://$shown:$web_port/?lang=en)   Ctrl-C stops it
EOF

# The server: only it gets the password, from its environment.
export PGHOST=127.0.0.1 PGPORT=$port PGDATABASE=$db PGUSER=$role PGPASSWORD=$password
exec /usr/bin/python3 dashboard/server.py --host "$web_host" --port "$web_port"
