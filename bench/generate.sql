-- Benchmark data (bench/run.sh): N realistic applications in
-- dsm_policy.application and, for about 3 % of the projects (and 12 % of the
-- clause-13 applications), awards under other city policies in
-- dsm_policy.other_award.  Written for the 1.2 rules.
--
--     psql -v ON_ERROR_STOP=1 -v n=1000000 -f bench/generate.sql
--     psql -v ON_ERROR_STOP=1 -v from=1000001 -v n=10000000 -f bench/generate.sql   # extend to 10M
--
-- Variables: n (required) the last row; from (default 1) the first row; chunk
-- (default 500000) rows per INSERT statement (each chunk is its own
-- transaction).
--
-- Deterministic: row g (application_id = g) is a function of g and of the
-- rows before it in its block of 65,536 rows (the once-only repeats below
-- are decided in block order), built from hashint8 of g and a salt (never
-- random()), so generating 1..N1 and then N1+1..N10 gives exactly the rows
-- of 1..N10 in one go (a chunk that starts inside a block draws the block's
-- first rows again, without inserting them), and every run gives the same
-- rows and the same decisions.  application_id is g (OVERRIDING SYSTEM
-- VALUE); the identity sequence is moved past the rows at the end.  Rows are
-- not inserted in applied_at order (the engine does not need it).  The
-- enterprise register (dsm_policy.enterprise) stays empty: every row records
-- scale, specialized and manufacturer itself; no row is a proposal.
--
-- The data (the shipped parameters decide it; see README "Award decisions"):
--   enterprises  rows are cut in blocks of 65,536; each block has 8,192
--                enterprises (so about N/8 in all, several applications each:
--                most 2-12, the block's 512 "large" enterprises about 30),
--                spread over the whole block as real applications would be.
--                Attributes come from the enterprise number: a valid unified
--                social credit code (GB 32100-2015: '91', a Shuangyashan
--                division, 'MA' + 7 characters or 9 digits, the check
--                character from dsm_policy.credit_code_check_character()), a
--                name, industry (manufacturer or not), size, 专精特新 (8 %).
--   clauses      every clause, weighted as a city would see them (4 20 %, 1
--                16 %, 13 and 15 7 %, 2.3 5 %, 3 3 %, ..., 18-21 1 % each);
--                non-manufacturers rarely apply under 3 and 12.
--   once only    the awards given once (2.3, 9, 12, 14 per enterprise; 15
--                per product): an enterprise's first row of such a clause in
--                its block keeps it; a later one is, in 12 %, the same claim
--                again a year or so later (a repeat: 3-4 % of the
--                enterprises that applied, the same product again for clause
--                15), else it becomes an application under 1, 2.1, 2.2, 4 or 5
--                (clause 15's rows: a new product each).
--   dates        qualifying dates 2022-07-28 .. 2025-12-31 (97 %), 2022-01 ..
--                2022-07-27 and 2026-01 .. 2026-06 (3 %, not in force);
--                applied 7 to 116 days later in Shanghai office hours.
--                Clause 12: 15 % of the nodes registered in 2021 .. 2022-07-27
--                (qualifying on the registration, applied for after the
--                policy took effect: covered by eligible_from 2021-01-01).
--   amounts      provincial amounts by clause (clause 1: 300,000 - 2,000,000;
--                2.1: 200,000 - 1,000,000; 4: 200,000 - 500,000, specialised
--                500,000 - 1,000,000; 5: 1,000,000 - 3,000,000; 13: 5-9 % of
--                an investment of 20-80 million; ...), 0.3 % above the
--                provincial maximum (flagged), 10 % with odd yuan and fen;
--                cloud spending 10,000 - 150,000; approved amounts by clause.
--   ineligible   facts failing a condition or missing (NULL) in a few % of the
--                rows of each clause with conditions; clause 15's product
--                made outside the city (3 %) or not recorded (2 %).
--   pending      20 % of the approved-amount clauses (6, 7, 11, 17).
--   projects     3-6 projects per enterprise (8-15 for the large ones), so
--                several clauses meet on one project and year (stacking);
--                70 % of clause 13's rows are the enterprise's one
--                digital-product project, so that its cap (600,000 a project)
--                spans years, with another policy's higher award in some
--                years; three cloud services per enterprise.
--   clause 3     the spending period claimed: 88 % the defaults (service
--                start to application), the others an explicit start, both
--                ends, or a start after the application (ineligible).  24
--                "early birds" of block 1 claim first in every award year (so
--                they hold most of the 30 quota places whatever N) for the
--                same services in consecutive years and again later in the
--                year, with default or explicit (half-year) periods: periods
--                that overlap an earlier subsidised one and periods that do
--                not, and enterprise-and-year caps shared by two services.
--   other awards one for about 3 % of the applications' projects, 0 to
--                800,000, and for another 12 % of the clause-13 applications
--                200,000 to 890,000.
--   decisions    at 200,000 rows: payable 65 %, superseded 12 %,
--                no_monetary_award 8 %, ineligible 7 % (of them 0.6 % of all
--                rows once-only repeats, about 70 overlapping spending
--                periods), not_in_force 3 %, pending 3 %, over_quota 2 %
--                (clause 3: 30 places a year), cap_exhausted 0.1 %; clause
--                13's project cap counts earlier years for about 800 rows;
--                about 0.15 % flagged (provincial amount above the known
--                maximum).

\set ON_ERROR_STOP on
\if :{?n}
\else
    \echo 'bench/generate.sql: give the number of rows: psql -v n=1000000 -f bench/generate.sql'
    \quit
\endif
\if :{?from}
\else
    \set from 1
\endif
\if :{?chunk}
\else
    \set chunk 500000
\endif

SET client_min_messages = warning;
SET jit = off;                -- compiling the big expressions below costs more than it saves
SET temp_buffers = '256MB';   -- the enterprises' temporary table stays in memory
SET work_mem = '256MB';       -- the once-only window of a chunk sorts in memory
-- Bulk load on a throwaway benchmark cluster: no per-row foreign-key check
-- against table clause (every generated clause_code is one of the 23 clauses;
-- the count below checks it), as pg_restore --disable-triggers would do.
-- Needs a superuser; elsewhere leave it out and the load is about a quarter slower.
SET session_replication_role = replica;

SELECT clock_timestamp() AS bench_gen_started \gset

-- A deterministic number in [0, 2^31) for (x, salt).  Inlined by the planner.
CREATE FUNCTION pg_temp.u(x bigint, salt integer) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT hashint8(x * 1000003 + salt)::bigint & 2147483647 $$;

-- An enterprise: everything about it comes from its number.
CREATE FUNCTION pg_temp.credit_code(e bigint) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT p || dsm_policy.credit_code_check_character(p)
    FROM (SELECT '91'
                 || (ARRAY['230502', '230503', '230505', '230506', '230521', '230522', '230523', '230524'])
                        [1 + pg_temp.u(e, 101) % 8]
                 || CASE WHEN pg_temp.u(e, 102) % 10 < 3
                         -- older registrations: a 9-digit organisation code (unique: 7919 is prime to 10)
                         THEN lpad(((e * 7919 + 104729) % 1000000000)::text, 9, '0')
                         -- newer ones: 'MA' and 7 characters of the code alphabet (unique: 7919 is prime to 31)
                         ELSE 'MA' || (SELECT string_agg(substr('0123456789ABCDEFGHJKLMNPQRTUWXY',
                                                                (v / (31::bigint ^ k)::bigint % 31)::integer + 1, 1),
                                                         '' ORDER BY k DESC)
                                       FROM (SELECT (e * 7919 + 104729) % 27512614111 AS v) x,  -- 31^7
                                            generate_series(0, 6) AS k)
                    END AS p) s
$$;

-- The enterprises of rows from .. n (8,192 per block of 65,536 rows).
CREATE TEMP TABLE bench_enterprise (
    e            bigint PRIMARY KEY,
    credit_code  text NOT NULL,
    name         text NOT NULL,
    manufacturer boolean NOT NULL,
    scale        text NOT NULL,
    specialized  boolean NOT NULL,
    projects     integer NOT NULL
);

INSERT INTO bench_enterprise
SELECT e.e, pg_temp.credit_code(e.e),
       (ARRAY['双鸭山', '双鸭山', '宝清县', '集贤县', '友谊县', '饶河县'])[1 + pg_temp.u(e.e, 103) % 6]
       || (ARRAY['鸿', '龙', '北', '宏', '金', '华', '瑞', '兴', '鑫', '东', '恒', '锦', '德', '盛', '安', '远',
                 '新', '宝', '七', '三', '众', '嘉', '丰', '天', '黑', '寒', '中', '博', '凯', '永', '富'])[1 + pg_temp.u(e.e, 104) % 31]
       || (ARRAY['达', '江', '疆', '源', '山', '信', '泰', '隆', '通', '程', '润', '航', '星', '泉', '禾', '泽',
                 '宇', '远', '盛', '安', '升', '丰', '诚', '科', '联', '创', '图', '云', '农', '工'])[1 + pg_temp.u(e.e, 105) % 30]
       || k.suffix,
       k.manufacturer,
       CASE WHEN pg_temp.u(e.e, 107) % 100 < CASE WHEN k.manufacturer THEN 55 ELSE 35 END
            THEN 'above' ELSE 'below' END,
       pg_temp.u(e.e, 108) % 100 < 8,
       -- projects: 3-6, the large enterprises (the first 512 of a block) 8-15
       CASE WHEN (e.e - 1) % 8192 < 512 THEN 8 + pg_temp.u(e.e, 109) % 8
            ELSE 3 + pg_temp.u(e.e, 109) % 4 END
FROM generate_series(((:from - 1) / 65536) * 8192 + 1, ((:n - 1) / 65536 + 1) * 8192) AS e (e)
CROSS JOIN LATERAL (
    SELECT (ARRAY['机械制造有限公司', '软件有限公司', '食品有限公司', '信息技术有限公司', '米业有限公司',
                  '农业科技有限公司', '煤化工有限公司', '网络科技有限公司', '新材料科技有限公司', '物流有限公司',
                  '电子科技有限公司', '乳业有限公司', '农机装备有限公司'])[1 + i] AS suffix,
           (ARRAY[true, false, true, false, true, false, true, false, true, false, true, true, true])[1 + i]
               AS manufacturer
    FROM (SELECT (pg_temp.u(e.e, 106) % 13)::integer AS i) s) k;
ANALYZE bench_enterprise;

-- The early birds of clause 3 (block 1 only, whatever n): 24 manufacturers
-- that claim the cloud subsidy in the first days of each award year, so that
-- they hold most of its 30 quota places, and come back for the same service
-- (the rule of exclusive spending periods).  Empty when block 1 is not made.
SELECT coalesce(array_agg(e ORDER BY e)::text, '{}') AS bench_early_birds
FROM (SELECT e FROM bench_enterprise WHERE e BETWEEN 513 AND 8192 AND manufacturer ORDER BY e LIMIT 24) eb \gset

-- One chunk of applications, rows $1 .. $2.  The draws of a row are computed
-- once, in fenced subqueries (OFFSET 0), and read by the columns from there:
-- written inline, every reference would compute them again.  The draws start
-- at the first row of $1's block: the once-only window below looks at the
-- rows of the block before a row, so a chunk that starts inside a block
-- draws its first rows again (and does not insert them).
PREPARE bench_applications (bigint, bigint) AS
INSERT INTO dsm_policy.application
    (application_id, credit_code, enterprise_name, clause_code, project_ref, applied_at, qualifying_date,
     scale, specialized, manufacturer, provincial_amount, expenditure, investment, approved_amount, revenue,
     cloud_stars, service_start, in_use, innovative_mode, in_catalogue, in_production, reports_statistics,
     city_made_product, expenditure_from, expenditure_until)
OVERRIDING SYSTEM VALUE
SELECT r.g, r.credit_code, r.name, r.clause_code,
       -- the project: stacking group and the unit of per-project / per-product caps
       CASE
           -- an early bird's service: bought in eb_py, service eb_k (two a year)
           WHEN r.early THEN '云服务合同-' || r.e || '-' || r.eb_py || '-' || r.eb_k
           -- three cloud services per enterprise: a service comes back in later years
           WHEN r.clause_code = '3'  THEN '云服务合同-' || r.e || '-' || pg_temp.u(r.g, 20) % 3
           WHEN r.clause_code = '9'  THEN '营业收入首次达到10亿元-' || r.e
           WHEN r.clause_code = '12' THEN '88.236.' || r.e
           WHEN r.clause_code = '15' THEN '首版次软件-' || r.e || '-' || r.product
           -- clause 13: 70 % the enterprise's digital-product project, over the years
           WHEN r.clause_code = '13' AND pg_temp.u(r.g, 79) % 100 < 70
                THEN 'PRJ-' || r.e || '-' || pg_temp.u(r.e, 78) % r.projects
           ELSE 'PRJ-' || r.e || '-' || pg_temp.u(r.g, 22) % r.projects
       END,
       (r.applied_on + time '08:30') AT TIME ZONE 'Asia/Shanghai'
           + CASE WHEN r.early THEN pg_temp.u(r.g, 23) % 60 ELSE pg_temp.u(r.g, 23) % 540 END * interval '1 minute',
       r.qualifying_date,
       CASE WHEN r.clause_code = '14' THEN CASE WHEN pg_temp.u(r.g, 24) % 100 < 94 THEN 'above' ELSE 'below' END
            ELSE r.scale END,
       r.specialized, r.manufacturer,
       -- provincial_amount (share clauses): NULL (missing fact) in 3 %, above the
       -- provincial maximum in 0.3 % (flagged), odd yuan and fen in 10 %
       CASE WHEN r.clause_code IN ('1', '2.1', '2.2', '4', '5', '9', '13', '14', '15') THEN
           CASE WHEN r.x < 30 THEN NULL
                WHEN r.x < 33 THEN (ARRAY[2500000, 3000000, 5000000, 10000000])[1 + pg_temp.u(r.g, 25) % 4]
                ELSE CASE r.clause_code
                         WHEN '1'   THEN (30 + pg_temp.u(r.g, 12) % 171) * 10000               -- 300,000 - 2,000,000
                         WHEN '2.1' THEN (20 + pg_temp.u(r.g, 12) % 81) * 10000                -- 200,000 - 1,000,000
                         WHEN '2.2' THEN (ARRAY[300000, 500000, 500000, 500000])[1 + pg_temp.u(r.g, 12) % 4]
                         WHEN '4'   THEN CASE WHEN r.specialized
                                              THEN (50 + pg_temp.u(r.g, 12) % 51) * 10000      -- 500,000 - 1,000,000
                                              ELSE (20 + pg_temp.u(r.g, 12) % 31) * 10000 END  -- 200,000 - 500,000
                         WHEN '5'   THEN (100 + pg_temp.u(r.g, 12) % 201) * 10000              -- 1,000,000 - 3,000,000
                         WHEN '9'   THEN (ARRAY[3000000, 5000000])[1 + pg_temp.u(r.g, 12) % 2]
                         WHEN '13'  THEN round(r.investment * (5 + pg_temp.u(r.g, 13) % 5) / 100, -4) -- 5-9 % of the investment
                         WHEN '14'  THEN (ARRAY[300000, 500000, 500000])[1 + pg_temp.u(r.g, 12) % 3]
                         WHEN '15'  THEN (10 + pg_temp.u(r.g, 12) % 71) * 10000                -- 100,000 - 800,000
                     END::numeric
                     -- odd yuan and fen: below the round amount, so not above a provincial maximum
                     - CASE WHEN r.x >= 900 THEN pg_temp.u(r.g, 26) % 1000000 * 0.01 ELSE 0 END
           END
       END,
       -- cloud spending 10,000 to 150,000, most under 60,000; 3 % missing
       CASE WHEN r.clause_code = '3' AND (r.x >= 30 OR r.early) THEN
           round(10000 + 140000 * power(pg_temp.u(r.g, 27) % 10001 / 10000.0, 2), -1)
           + CASE WHEN r.x >= 900 THEN pg_temp.u(r.g, 26) % 1000 * 0.01 ELSE 0 END
       END,
       r.investment_recorded,
       -- approved amounts: 20 % not decided yet (pending)
       CASE WHEN r.clause_code IN ('6', '7', '11', '17') AND r.x >= 200 THEN
           round(CASE r.clause_code WHEN '6' THEN 100000 + pg_temp.u(r.g, 29) % 400001
                                    WHEN '7' THEN 200000 + pg_temp.u(r.g, 29) % 600001
                                    WHEN '11' THEN 800000 + pg_temp.u(r.g, 29) % 1200001
                                    ELSE 100000 + pg_temp.u(r.g, 29) % 400001 END, -4)
       END,
       -- revenue (clause 9): first reaching a billion; 8 % under, 2 % missing
       CASE WHEN r.clause_code = '9' THEN
           CASE WHEN r.y < 20 THEN NULL
                WHEN r.y < 100 THEN 950000000 + pg_temp.u(r.g, 30) % 50000000
                ELSE 1000000000 + pg_temp.u(r.g, 30) % 600000000 END
       END,
       -- cloud rating (clause 3): 3 to 5 stars; 10 % 2 stars, 2 % missing
       CASE WHEN r.early THEN 3 + pg_temp.u(r.g, 31) % 3
            WHEN r.clause_code = '3' THEN
                CASE WHEN r.y < 20 THEN NULL WHEN r.y < 120 THEN 2 ELSE 3 + pg_temp.u(r.g, 31) % 3 END
       END::smallint,
       r.service_start,
       -- in_use (3): 5 % no longer in use, 2 % not recorded
       CASE WHEN r.early THEN true
            WHEN r.clause_code = '3' THEN CASE WHEN r.w < 20 THEN NULL ELSE r.w >= 70 END END,
       -- innovative_mode (12): 8 % no, 2 % not recorded
       CASE WHEN r.clause_code = '12' THEN CASE WHEN r.w < 20 THEN NULL ELSE r.w >= 100 END END,
       -- in_catalogue, in_production (13): 5 % / 6 % no, 2 % not recorded each
       CASE WHEN r.clause_code = '13' THEN CASE WHEN r.w < 20 THEN NULL ELSE r.w >= 70 END END,
       CASE WHEN r.clause_code = '13' THEN CASE WHEN r.z < 20 THEN NULL ELSE r.z >= 80 END END,
       -- reports_statistics (9, 14): 5 % no, 3 % not recorded
       CASE WHEN r.clause_code IN ('9', '14') THEN CASE WHEN r.w < 30 THEN NULL ELSE r.w >= 80 END END,
       -- city_made_product (15): 3 % made elsewhere, 2 % not recorded
       CASE WHEN r.clause_code = '15' THEN CASE WHEN r.w < 20 THEN NULL ELSE r.w >= 50 END END,
       -- the spending period claimed (clause 3): early birds give one half of the
       -- time; other rows mostly leave both ends to the defaults (service_start,
       -- applied_on), 6 % give a start, 4 % both ends, 1 % a start after the
       -- application (a period that ends before it starts: ineligible), 1 % an end
       r.expenditure_from, r.expenditure_until
FROM (
    SELECT f.*,
           CASE WHEN f.early THEN CASE WHEN f.eb_explicit THEN CASE WHEN f.eb_followup THEN f.service_start
                                                                   ELSE make_date(f.eb_py, 7, 1) END END
                WHEN f.clause_code <> '3' THEN NULL
                WHEN f.pv < 88 THEN NULL
                WHEN f.pv < 94 THEN make_date(extract(year FROM f.applied_on)::integer - 1, 1, 1)
                                    + (pg_temp.u(f.g, 69) % 365)::integer
                WHEN f.pv < 98 THEN coalesce(f.service_start, f.applied_on - 200) + (pg_temp.u(f.g, 69) % 30)::integer
                WHEN f.pv < 99 THEN f.applied_on + 1 + (pg_temp.u(f.g, 69) % 30)::integer
           END AS expenditure_from,
           CASE WHEN f.early THEN CASE WHEN f.eb_explicit THEN CASE WHEN f.eb_followup THEN make_date(f.eb_year, 6, 30)
                                                                   ELSE f.applied_on - 1 END END
                WHEN f.clause_code <> '3' THEN NULL
                WHEN f.pv < 94 THEN NULL
                WHEN f.pv < 98 THEN greatest(coalesce(f.service_start, f.applied_on - 200) + (pg_temp.u(f.g, 69) % 30)::integer,
                                             least(coalesce(f.service_start, f.applied_on - 200) + (60 + pg_temp.u(f.g, 69) % 240)::integer,
                                                   f.applied_on))
                WHEN f.pv < 99 THEN NULL
                ELSE f.applied_on - (pg_temp.u(f.g, 69) % 60)::integer
           END AS expenditure_until
    FROM (
        SELECT s.*,
               -- investment (clause 13): 20 to 80 million; 8 % under 20 million, 2 % missing
               CASE WHEN s.clause_code = '13' THEN
                   CASE WHEN s.y < 20 THEN NULL
                        WHEN s.y < 100 THEN 15000000 + pg_temp.u(s.g, 28) % 5000000
                        ELSE s.investment END
               END AS investment_recorded,
               -- clause 3: cloud service start (5 % too recent, 5 % before the purchase
               -- window, 1 % missing; an early bird's service bought in the first
               -- quarter of eb_py); clause 12: node registration (8 % before 2021; the
               -- event itself for the 2021 events)
               CASE
                   WHEN s.early THEN make_date(s.eb_py, 1, 1)
                                     + (pg_temp.u(s.e * 10000 + s.eb_py * 10 + s.eb_k, 66) % 80)::integer
                   WHEN s.clause_code = '3' THEN
                       CASE WHEN s.z < 10 THEN NULL
                            WHEN s.z < 60 THEN s.applied_on - (20 + pg_temp.u(s.g, 32) % 60)::integer
                            WHEN s.z < 110 THEN make_date(extract(year FROM s.applied_on)::integer - 2, 6, 1)
                                               + (pg_temp.u(s.g, 32) % 180)::integer
                            ELSE s.qualifying_date - (95 + pg_temp.u(s.g, 32) % 180)::integer END
                   WHEN s.clause_code = '12' THEN
                       CASE WHEN s.event2021 THEN s.qualifying_date
                            WHEN s.z < 80 THEN DATE '2020-01-01' + (pg_temp.u(s.g, 32) % 365)::integer
                            ELSE greatest(s.applied_on - (120 + pg_temp.u(s.g, 32) % 400)::integer, DATE '2021-01-04') END
               END AS service_start,
               pg_temp.u(s.g, 68) % 100 AS pv,
               pg_temp.u(s.g, 67) % 2 = 0 AS eb_explicit
        FROM (
            -- the final clause, dates and product
            SELECT o.*,
                   CASE WHEN o.early THEN o.q + (7 + pg_temp.u(o.g, 11) % CASE WHEN o.eb_followup THEN 30 ELSE 3 END)::integer
                        WHEN o.event2021 THEN DATE '2022-07-28' + (pg_temp.u(o.g, 11) % 240)::integer
                        ELSE o.qualifying_date + (7 + pg_temp.u(o.g, 11) % 110)::integer
                   END AS applied_on
            FROM (
                SELECT n.*,
                       CASE WHEN n.repeat THEN
                                CASE WHEN n.q_first + 365 + (pg_temp.u(n.g, 71) % 300)::integer <= DATE '2025-12-31'
                                          OR n.q_first >= DATE '2025-12-31'
                                     THEN n.q_first + 365 + (pg_temp.u(n.g, 71) % 300)::integer
                                     ELSE n.q_first + 1 + (pg_temp.u(n.g, 71) % (DATE '2025-12-31' - n.q_first))::integer END
                            WHEN n.event2021 THEN n.q2021
                            ELSE n.q
                       END AS qualifying_date
                FROM (
                    SELECT m.*, e.credit_code, e.name, e.manufacturer, e.scale, e.specialized, e.projects,
                           CASE WHEN m.c1 IN ('2.3', '9', '12', '14') AND m.rn > 1 AND NOT m.repeat_draw
                                THEN (ARRAY['1', '4', '2.1', '2.2', '5', '1', '4'])[1 + pg_temp.u(m.g, 72) % 7]
                                ELSE m.c1 END AS clause_code,
                           m.c1 IN ('2.3', '9', '12', '14', '15') AND m.rn > 1 AND m.repeat_draw AS repeat,
                           m.c1 = '12' AND m.rn = 1 AND m.draw2021 AS event2021,
                           -- clause 15: a new product each time, or (a repeat) one bought before
                           CASE WHEN m.rn = 1 THEN 0
                                WHEN m.repeat_draw THEN pg_temp.u(m.g, 74) % (m.rn - 1)
                                ELSE m.rn - 1 END AS product,
                           (20000000 + pg_temp.u(m.g, 14) % 6001 * 10000)::numeric AS investment
                    FROM (
                        -- once-only clauses: the first row of an enterprise and clause in
                        -- its block keeps it; a later one is a repeat in 12 % (dated after
                        -- the first), else it becomes another clause
                        SELECT c.*,
                               row_number() OVER w AS rn,
                               first_value(CASE WHEN c.c1 = '12' AND c.draw2021 THEN c.q2021 ELSE c.q END) OVER w
                                   AS q_first
                        FROM (
                            -- the clause (non-manufacturers rarely apply under 3 and 12: most
                            -- of them take clause 4 instead; manufacturer as bench_enterprise
                            -- has it, from the enterprise number, so that the window below sorts
                            -- narrow rows)
                            SELECT d.*,
                                   CASE WHEN d.c0 IN ('3', '12') AND NOT d.early AND pg_temp.u(d.g, 8) % 100 < 92
                                             AND NOT (ARRAY[true, false, true, false, true, false, true, false, true,
                                                            false, true, true, true])[1 + pg_temp.u(d.e, 106) % 13]
                                        THEN '4' ELSE d.c0 END AS c1,
                                   CASE WHEN d.eb_followup OR d.eb_year = 2022 THEN d.eb_year ELSE d.eb_year - 1 END AS eb_py
                            FROM (
                                SELECT g, early, eb_year, eb_followup, eb_k, repeat_draw, draw2021, q2021, x, y, z, w,
                                       CASE WHEN early THEN eb[1 + pg_temp.u(g, 61) % cardinality(eb)]
                                            -- the enterprise: one of the block's 8,192, the first 512 of them large
                                            ELSE ((g - 1) / 65536) * 8192 + 1
                                                 + CASE WHEN pg_temp.u(g, 1) % 100 < 20 THEN pg_temp.u(g, 2) % 512
                                                        ELSE pg_temp.u(g, 2) % 8192 END
                                       END AS e,
                                       CASE
                                           WHEN early THEN '3'
                                           WHEN cp < 15 THEN '1'
                                           WHEN cp < 19 THEN '2.1'
                                           WHEN cp < 23 THEN '2.2'
                                           WHEN cp < 30 THEN '2.3'
                                           WHEN cp < 35 THEN '3'
                                           WHEN cp < 50 THEN '4'
                                           WHEN cp < 52 THEN '5'
                                           WHEN cp < 57 THEN '6'
                                           WHEN cp < 60 THEN '7'
                                           WHEN cp < 62 THEN '8'
                                           WHEN cp < 63 THEN '9'
                                           WHEN cp < 64 THEN '10'
                                           WHEN cp < 67 THEN '11'
                                           WHEN cp < 73 THEN '12'
                                           WHEN cp < 80 THEN '13'
                                           WHEN cp < 85 THEN '14'
                                           WHEN cp < 92 THEN '15'
                                           WHEN cp < 93 THEN '16'
                                           WHEN cp < 96 THEN '17'
                                           ELSE (ARRAY['18', '19', '20', '21'])[cp - 95]
                                       END AS c0,
                                       CASE
                                           -- an early bird: a claim in the first days of the award year
                                           -- (2022: of the policy), or a second application in its second half
                                           WHEN early AND eb_followup
                                               THEN CASE WHEN eb_year = 2022 THEN DATE '2022-09-01' ELSE make_date(eb_year, 7, 1) END
                                                    + (pg_temp.u(g, 65) % 60)::integer
                                           WHEN early
                                               THEN CASE WHEN eb_year = 2022 THEN DATE '2022-07-28' ELSE make_date(eb_year, 1, 1) END
                                                    + (pg_temp.u(g, 65) % 3)::integer
                                           WHEN qp < 97 THEN DATE '2022-07-28' + (pg_temp.u(g, 10) % 1253)::integer   -- .. 2025-12-31
                                           WHEN qp < 98 THEN DATE '2022-01-04' + (pg_temp.u(g, 10) % 205)::integer    -- before 2022-07-28
                                           ELSE DATE '2026-01-05' + (pg_temp.u(g, 10) % 175)::integer                 -- after 2025-12-31
                                       END AS q
                                FROM (SELECT g, pg_temp.u(g, 3) % 100 AS cp, pg_temp.u(g, 9) % 100 AS qp,
                                             pg_temp.u(g, 4) % 1000 AS x, pg_temp.u(g, 5) % 1000 AS y,
                                             pg_temp.u(g, 6) % 1000 AS z, pg_temp.u(g, 7) % 1000 AS w,
                                             -- early birds: 0.3 % of the rows of block 1
                                             g <= 65536 AND cardinality(eb.eb) > 0 AND pg_temp.u(g, 60) % 1000 < 3 AS early,
                                             eb.eb,
                                             2022 + (pg_temp.u(g, 62) % 4)::integer AS eb_year,
                                             pg_temp.u(g, 63) % 10 >= 6 AS eb_followup,
                                             pg_temp.u(g, 64) % 2 AS eb_k,
                                             pg_temp.u(g, 70) % 100 < 12 AS repeat_draw,
                                             -- clause 12: 15 % of the nodes registered in 2021 .. 2022-07-27
                                             -- (clause 12 covers them: eligible_from), applied for once the
                                             -- policy took effect
                                             pg_temp.u(g, 75) % 100 < 15 AS draw2021,
                                             DATE '2021-01-01' + (pg_temp.u(g, 76) % 573)::integer AS q2021
                                      FROM generate_series((($1 - 1) / 65536) * 65536 + 1, $2) AS r0 (g)
                                      CROSS JOIN (SELECT :'bench_early_birds'::bigint[] AS eb) eb
                                      OFFSET 0) draws
                                OFFSET 0) d
                            OFFSET 0) c
                        WINDOW w AS (PARTITION BY c.e, c.c1 ORDER BY c.g)
                        OFFSET 0) m
                    JOIN bench_enterprise e
                      ON e.e = m.e
                     -- the enterprises of the chunk's blocks (what m.e can be): a small hash
                     AND e.e BETWEEN (($1 - 1) / 65536) * 8192 + 1 AND (($2 - 1) / 65536 + 1) * 8192
                    WHERE m.g >= $1
                    OFFSET 0) n
                OFFSET 0) o
            OFFSET 0) s
        OFFSET 0) f
    OFFSET 0) r;

SELECT format('EXECUTE bench_applications(%s, %s)', lo, least(lo + :chunk - 1, :n))
FROM generate_series(:from::bigint, :n::bigint, :chunk::bigint) AS lo
\gexec
DEALLOCATE bench_applications;

-- Awards under other city policies: for about 3 % of the applications under
-- the project clauses, an award on the same project and award year (0 for a
-- tenth of them, else 50,000 to 800,000, so they win some stacking groups and
-- lose others), and for another 12 % of the clause-13 applications one of
-- 200,000 to 890,000 (a digital-product project that another policy funds
-- more in some years).  other_award_id = the application's id.
INSERT INTO dsm_policy.other_award (other_award_id, credit_code, project_ref, award_year, policy_name, amount)
OVERRIDING SYSTEM VALUE
SELECT a.application_id, a.credit_code, a.project_ref, a.award_year,
       (ARRAY['双鸭山市工业企业技术改造奖励', '双鸭山市科技创新券', '双鸭山市中小企业发展专项资金',
              '双鸭山市招商引资奖励'])[1 + pg_temp.u(a.application_id, 41) % 4],
       CASE WHEN pg_temp.u(a.application_id, 40) % 1000 >= 30 THEN (20 + pg_temp.u(a.application_id, 45) % 70) * 10000
            WHEN pg_temp.u(a.application_id, 42) % 10 = 0 THEN 0
            ELSE (5 + pg_temp.u(a.application_id, 43) % 76) * 10000 END
FROM dsm_policy.application a
WHERE a.application_id BETWEEN :from AND :n
  AND a.project_ref LIKE 'PRJ-%'
  AND (pg_temp.u(a.application_id, 40) % 1000 < 30
       OR (a.clause_code = '13' AND pg_temp.u(a.application_id, 44) % 100 < 12));

RESET session_replication_role;

-- Identity sequences continue after the rows given explicit ids.
SELECT setval(pg_get_serial_sequence('dsm_policy.application', 'application_id'), max(application_id))
FROM dsm_policy.application \gset bench_seq_
SELECT setval(pg_get_serial_sequence('dsm_policy.other_award', 'other_award_id'), max(other_award_id))
FROM dsm_policy.other_award \gset bench_seq_

ANALYZE dsm_policy.application;
ANALYZE dsm_policy.other_award;

-- What was made: rows, enterprises, and a check that every clause_code is a
-- clause (the foreign key was not checked row by row above).
SELECT count(*) AS applications_made,
       count(*) FILTER (WHERE NOT EXISTS (SELECT FROM dsm_policy.clause c WHERE c.clause_code = a.clause_code))
           AS unknown_clause_codes,
       count(*) FILTER (WHERE NOT EXISTS (SELECT FROM dsm_policy.clause c WHERE c.clause_code = a.clause_code)) > 0
           AS bad_clause_codes
FROM dsm_policy.application a
WHERE a.application_id BETWEEN :from AND :n \gset
SELECT count(*) AS enterprises
FROM (SELECT DISTINCT credit_code FROM dsm_policy.application WHERE application_id BETWEEN :from AND :n) d \gset
SELECT count(*) AS other_awards_made
FROM dsm_policy.other_award WHERE other_award_id BETWEEN :from AND :n \gset
SELECT round(extract(epoch FROM clock_timestamp() - :'bench_gen_started'::timestamptz)::numeric, 1) AS seconds \gset
\echo generate.sql: rows :from .. :n: :applications_made applications of :enterprises enterprises, :other_awards_made other awards, :seconds s
\if :bad_clause_codes
    \echo generate.sql: error: :unknown_clause_codes rows with an unknown clause_code
    SELECT 1/0 AS unknown_clause_codes;
\endif

DROP TABLE bench_enterprise;
DROP FUNCTION pg_temp.credit_code(bigint);
DROP FUNCTION pg_temp.u(bigint, integer);
