#!/usr/bin/python3
"""The reference dashboard's server: the static page and a few JSON endpoints.

Run by tools/dashboard.sh (and by test/shell/dashboard.sh):

    /usr/bin/python3 dashboard/server.py [--host 127.0.0.1] [--port 8090]

It connects with libpq's usual variables (PGHOST, PGPORT, PGDATABASE, PGUSER,
PGPASSWORD, or PGSERVICE ...) and refuses to start unless the role it logs in
as is a member of dsm_policy_reader and of nothing else (not a superuser, no
clerk or admin rights).  Its sessions are read-only besides.

Every endpoint runs one fixed SELECT on a report view of the extension or on a
what-if function; the query string only supplies values, which are bound as
parameters.  No SQL ever comes from the client.

Depends on Debian's python3 and python3-psycopg2 only; the page's charting
library (ECharts) comes from dashboard/node_modules (npm ci).
"""

import argparse
import datetime
import decimal
import json
import os
import queue
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import psycopg2
import psycopg2.extensions

HERE = os.path.dirname(os.path.abspath(__file__))
PUBLIC = os.path.join(HERE, "public")
ECHARTS = os.path.join(HERE, "node_modules", "echarts", "dist", "echarts.min.js")

# The only files served: URL path -> (file, content type).
STATIC = {
    "/": (os.path.join(PUBLIC, "index.html"), "text/html; charset=utf-8"),
    "/index.html": (os.path.join(PUBLIC, "index.html"), "text/html; charset=utf-8"),
    "/app.js": (os.path.join(PUBLIC, "app.js"), "text/javascript; charset=utf-8"),
    "/i18n.js": (os.path.join(PUBLIC, "i18n.js"), "text/javascript; charset=utf-8"),
    "/style.css": (os.path.join(PUBLIC, "style.css"), "text/css; charset=utf-8"),
    "/vendor/echarts.min.js": (ECHARTS, "text/javascript; charset=utf-8"),
}

STATUS_COLUMNS = """payable_applications, superseded_applications, over_quota_applications,
       cap_exhausted_applications, ineligible_applications, not_in_force_applications,
       pending_applications, no_monetary_award_applications, withdrawn_applications"""

# The fixed queries.  %(name)s are bound by psycopg2, never formatted in.
QUERIES = {
    # paid by award year and clause; the status counts; settled and provisional
    "year-clause": f"""
SELECT award_year, clause_code, sort_key, clause_title_zh, clause_title_en, applications,
       {STATUS_COLUMNS},
       payable_total, settled_total, provisional_total
FROM dsm_policy.award_totals_by_year_clause
ORDER BY award_year, sort_key, clause_code""",
    # paid by responsible unit: payable_total_as_lead_unit is the column that adds up
    "units": """
SELECT award_year, unit_code, unit_name_zh, unit_name_en, sort_key, clauses,
       payable_total_as_lead_unit
FROM dsm_policy.award_totals_by_unit
ORDER BY sort_key, unit_code, award_year""",
    # the budget against what the decisions commit (clause_code NULL: the whole year)
    "budget": """
SELECT award_year, clause_code, sort_key, clause_title_zh, clause_title_en, budget,
       settled_total, provisional_total, committed_total, remaining, used_percent
FROM dsm_policy.budget_use
ORDER BY award_year, sort_key NULLS FIRST, clause_code""",
    # quota places per clause with a quota and award year
    "quota": """
SELECT clause_code, award_year, sort_key, clause_title_zh, clause_title_en, quota, places_taken,
       places_left, enterprises_over_quota
FROM dsm_policy.quota_use
ORDER BY sort_key, clause_code, award_year""",
    # the top enterprises of one award year, or of all years (year NULL): the
    # view's rows add up across years
    "enterprises": """
SELECT credit_code, max(enterprise_name) AS enterprise_name,
       sum(applications)::integer AS applications,
       sum(payable_applications)::integer AS payable_applications,
       sum(payable_total) AS payable_total, sum(settled_total) AS settled_total,
       sum(provisional_total) AS provisional_total
FROM dsm_policy.award_totals_by_enterprise
WHERE %(year)s::integer IS NULL OR award_year = %(year)s::integer
GROUP BY credit_code
ORDER BY sum(payable_total) DESC, credit_code
LIMIT %(limit)s""",
    "enterprise-years": """
SELECT DISTINCT award_year FROM dsm_policy.award_totals_by_enterprise ORDER BY award_year""",
    # applications by month of application
    "months": f"""
SELECT applied_month, clause_code, sort_key, applications,
       {STATUS_COLUMNS},
       payable_total, settled_total, provisional_total
FROM dsm_policy.award_totals_by_month
ORDER BY applied_month, sort_key, clause_code""",
    # the what-if scenarios there are to compare with the enacted parameters
    "scenarios": """
SELECT scenario, description, shipped
FROM dsm_policy.scenario
ORDER BY scenario = 'enacted' DESC, scenario""",
    "scenario-exists": """
SELECT count(*) FROM dsm_policy.scenario WHERE scenario = %(scenario)s""",
    # the what-if panel: enacted against a scenario, per award year and clause
    "what-if-impact": """
SELECT award_year, clause_code, sort_key, applications, base_total, alternative_total, difference,
       changed_amounts, changed_statuses
FROM dsm_policy.scenario_budget_impact('enacted', %(scenario)s)
ORDER BY award_year, sort_key, clause_code""",
    "what-if-budget": """
SELECT award_year, clause_code, sort_key, clause_title_zh, clause_title_en, budget,
       settled_total, provisional_total, committed_total, remaining, used_percent
FROM dsm_policy.budget_use_under(%(scenario)s)
ORDER BY award_year, sort_key NULLS FIRST, clause_code""",
}

# Who we are: the role must be a member of dsm_policy_reader and of nothing else.
WHOAMI = """
SELECT current_user::text, current_database()::text, r.rolsuper, r.rolcreaterole, r.rolcreatedb,
       r.rolbypassrls,
       ARRAY(SELECT b.rolname::text FROM pg_catalog.pg_roles b
             WHERE b.rolname <> current_user AND pg_catalog.pg_has_role(current_user, b.oid, 'MEMBER')
             ORDER BY 1) AS member_of,
       (SELECT e.extversion::text FROM pg_catalog.pg_extension e WHERE e.extname = 'dsm_policy')
FROM pg_catalog.pg_roles r
WHERE r.rolname = current_user"""
QUERIES["whoami"] = WHOAMI


class Database:
    """A few connections, shared by the request threads; a broken one is replaced."""

    def __init__(self, size=4):
        self.idle = queue.LifoQueue()
        self.slots = threading.BoundedSemaphore(size)

    def connect(self):
        conn = psycopg2.connect(
            "",  # everything from the PG* variables
            application_name="dsm_policy dashboard",
            options="-c default_transaction_read_only=on -c statement_timeout=60000 -c jit=off -c search_path=pg_catalog",
        )
        conn.set_session(readonly=True, autocommit=True)
        return conn

    def query(self, name, params=None):
        with self.slots:
            for attempt in (1, 2):
                try:
                    conn = self.idle.get_nowait()
                except queue.Empty:
                    conn = None
                try:
                    if conn is None or conn.closed:
                        conn = self.connect()
                    with conn.cursor() as cur:
                        cur.execute(QUERIES[name], params or {})
                        columns = [d.name for d in cur.description]
                        rows = [dict(zip(columns, row)) for row in cur.fetchall()]
                    self.idle.put(conn)
                    return rows
                except (psycopg2.OperationalError, psycopg2.InterfaceError):
                    # the server restarted or the connection broke: one new try
                    if conn is not None:
                        try:
                            conn.close()
                        except psycopg2.Error:
                            pass
                    if attempt == 2:
                        raise
                except psycopg2.Error:
                    self.idle.put(conn)
                    raise


def to_json(value):
    if isinstance(value, decimal.Decimal):
        return str(value)  # exact, to the fen: the page adds up in fen
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot send {type(value).__name__}")


class BadRequest(Exception):
    pass


def one_param(query, name, default=None):
    values = query.get(name)
    if not values:
        return default
    if len(values) > 1:
        raise BadRequest(f"{name} given more than once")
    return values[0]


def api(db, path, query):
    """The JSON of one endpoint, or None when there is no such endpoint."""
    if path in ("/api/year-clause", "/api/units", "/api/budget", "/api/quota", "/api/months", "/api/scenarios"):
        return {"rows": db.query(path[len("/api/"):])}
    if path == "/api/enterprises":
        year = one_param(query, "year", "all")
        if year == "all":
            year = None
        elif year.isdigit() and len(year) == 4:
            year = int(year)
        else:
            raise BadRequest("year must be a four-digit year or all")
        limit = one_param(query, "limit", "10")
        if not (limit.isdigit() and 1 <= int(limit) <= 100):
            raise BadRequest("limit must be a whole number from 1 to 100")
        return {"year": year, "years": [r["award_year"] for r in db.query("enterprise-years")],
                "rows": db.query("enterprises", {"year": year, "limit": int(limit)})}
    if path == "/api/what-if":
        scenario = one_param(query, "scenario")
        if not scenario or len(scenario) > 200:
            raise BadRequest("scenario is required (a name from /api/scenarios)")
        if db.query("scenario-exists", {"scenario": scenario})[0]["count"] == 0:
            raise BadRequest(f"no scenario {scenario!r}: see /api/scenarios")
        return {"base": "enacted", "scenario": scenario,
                "impact": db.query("what-if-impact", {"scenario": scenario}),
                "budget": db.query("what-if-budget", {"scenario": scenario})}
    if path == "/api/health":
        me = db.query("whoami")[0]
        return {"ok": True, "role": me["current_user"], "database": me["current_database"],
                "member_of": me["member_of"], "extension": me["extversion"]}
    return None


class Handler(BaseHTTPRequestHandler):
    server_version = "dsm_policy-dashboard/1.0"
    db = None  # set in main()
    quiet = False

    def send(self, status, body, content_type, extra=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy",
                         "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                         "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                         "frame-ancestors 'none'")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_json(self, status, data):
        body = json.dumps(data, default=to_json, ensure_ascii=False).encode("utf-8")
        self.send(status, body, "application/json; charset=utf-8")

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        url = urlsplit(self.path)
        path = url.path
        if path in STATIC:
            file, content_type = STATIC[path]
            try:
                with open(file, "rb") as f:
                    body = f.read()
            except FileNotFoundError:
                msg = "not found: " + os.path.relpath(file, HERE)
                if file == ECHARTS:
                    msg += " (run npm ci in dashboard/, or bash tools/dashboard.sh)"
                self.send(500, msg.encode(), "text/plain; charset=utf-8")
                return
            self.send(200, body, content_type)
            return
        if path.startswith("/api/"):
            try:
                data = api(self.db, path, parse_qs(url.query, keep_blank_values=True))
            except BadRequest as e:
                self.send_json(400, {"error": str(e)})
                return
            except psycopg2.Error as e:
                self.log_message("database error on %s: %s", path, str(e).strip())
                self.send_json(503, {"error": "database error", "detail": (e.pgerror or str(e)).strip()})
                return
            if data is None:
                self.send_json(404, {"error": f"no endpoint {path}"})
            else:
                self.send_json(200, data)
            return
        self.send(404, b"not found", "text/plain; charset=utf-8")

    def do_POST(self):
        self.send(405, b"read-only: GET only", "text/plain; charset=utf-8", {"Allow": "GET, HEAD"})

    do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_POST

    def log_message(self, fmt, *args):
        if not self.quiet:
            sys.stderr.write("dashboard: %s %s\n" % (self.address_string(), fmt % args))


def check_role(db):
    """Refuse to serve unless we are a LOGIN of dsm_policy_reader only, and the extension is there."""
    me = db.query("whoami")[0]
    problems = []
    if me["rolsuper"]:
        problems.append("it is a superuser")
    elif me["rolcreaterole"] or me["rolcreatedb"] or me["rolbypassrls"]:
        problems.append("it has CREATEROLE, CREATEDB or BYPASSRLS")
    elif me["member_of"] != ["dsm_policy_reader"]:
        problems.append("it is a member of %s" % (", ".join(me["member_of"]) or "no role"))
    if problems:
        sys.exit("dashboard: refusing to serve as role %s: %s; connect as a LOGIN role that is a member of "
                 "dsm_policy_reader only (GRANT dsm_policy_reader TO ...)" % (me["current_user"], "; ".join(problems)))
    if me["extversion"] is None:
        sys.exit("dashboard: database %s has no extension dsm_policy (run bash tools/main.sh first)"
                 % me["current_database"])
    return me


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--host", default=os.environ.get("DSM_DASHBOARD_HOST", "127.0.0.1"))
    p.add_argument("--port", type=int, default=int(os.environ.get("DSM_DASHBOARD_PORT", "8090")))
    p.add_argument("--quiet", action="store_true", help="do not log each request")
    args = p.parse_args()

    if not os.path.exists(ECHARTS):
        sys.exit("dashboard: %s is missing: run npm ci in %s" % (ECHARTS, HERE))
    db = Database()
    try:
        me = check_role(db)
    except psycopg2.Error as e:
        sys.exit("dashboard: cannot connect to the database: %s" % str(e).strip())
    Handler.db = db
    Handler.quiet = args.quiet
    httpd = ThreadingHTTPServer((args.host, args.port), Handler)
    httpd.daemon_threads = True
    host = args.host if ":" not in args.host else "[%s]" % args.host
    print("dashboard: serving database %s as role %s (member of dsm_policy_reader only), dsm_policy %s"
          % (me["current_database"], me["current_user"], me["extversion"]), flush=True)
    print("dashboard: http://%s:%d/" % (host, httpd.server_address[1]), flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
        print("dashboard: stopped", flush=True)


if __name__ == "__main__":
    main()
