-- Benchmark data (bench/run.sh): N realistic applications in
-- dsm_policy.application and, for about 3 % of the projects, awards under
-- other city policies in dsm_policy.other_award.
--
--     psql -v ON_ERROR_STOP=1 -v n=1000000 -f bench/generate.sql
--     psql -v ON_ERROR_STOP=1 -v from=1000001 -v n=10000000 -f bench/generate.sql   # extend to 10M
--
-- Variables: n (required) the last row; from (default 1) the first row; chunk
-- (default 500000) rows per INSERT statement (each chunk is its own
-- transaction).
--
-- Deterministic: row g (application_id = g) is a function of g alone, built
-- from hashint8 of g and a salt (never random()), so generating 1..N1 and then
-- N1+1..N10 gives exactly the rows of 1..N10 in one go, and every run gives
-- the same rows and the same decisions.  application_id is g (OVERRIDING
-- SYSTEM VALUE); the identity sequence is moved past the rows at the end.
-- Rows are not inserted in applied_at order (the engine does not need it).
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
--   clauses      every clause, weighted as a city would see them (1 and 4
--                15 % each, 13 and 15 7 %, 3 5 %, ..., 18-21 1 % each);
--                non-manufacturers rarely apply under 3 and 12.
--   dates        qualifying dates 2022-07-28 .. 2025-12-31 (97 %), 2022-01 ..
--                2022-07-27 and 2026-01 .. 2026-06 (3 %, not in force);
--                applied 7 to 116 days later in Shanghai office hours.
--   amounts      provincial amounts by clause (clause 1: 300,000 - 2,000,000;
--                2.1: 200,000 - 1,000,000; 4: 200,000 - 500,000, specialised
--                500,000 - 1,000,000; 5: 1,000,000 - 3,000,000; 13: 5-9 % of
--                an investment of 20-80 million; ...), 0.3 % above the
--                provincial maximum (flagged), 10 % with odd yuan and fen;
--                cloud spending 10,000 - 150,000; approved amounts by clause.
--   ineligible   facts failing a condition or missing (NULL) in a few % of the
--                rows of each clause with conditions: about 6 % of all.
--   pending      20 % of the approved-amount clauses (6, 7, 11, 17).
--   projects     3-6 projects per enterprise (8-15 for the large ones), so
--                several clauses meet on one project and year (stacking),
--                clause 13 projects and clause 15 products come back in later
--                years (caps across years), and clause 3 meets the
--                enterprise-and-year cap and the quota.
--   other awards one for about 3 % of the applications' projects, 0 to 800,000.
--   decisions    at 200,000 rows: payable 66 %, superseded 12 %,
--                no_monetary_award 8 %, ineligible 6 %, not_in_force 3 %,
--                pending 3 %, over_quota 2 % (clause 3: 30 places a year),
--                cap_exhausted 0.6 %; about 0.15 % flagged (provincial amount
--                above the known maximum).

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

-- One chunk of applications, rows $1 .. $2.  The draws of a row are computed
-- once, in fenced subqueries (OFFSET 0), and read by the columns from there:
-- written inline, every reference would compute them again.
PREPARE bench_applications (bigint, bigint) AS
INSERT INTO dsm_policy.application
    (application_id, credit_code, enterprise_name, clause_code, project_ref, applied_at, qualifying_date,
     scale, specialized, manufacturer, provincial_amount, expenditure, investment, approved_amount, revenue,
     cloud_stars, service_start, in_use, innovative_mode, in_catalogue, in_production, reports_statistics)
OVERRIDING SYSTEM VALUE
SELECT r.g, r.credit_code, r.name, r.clause_code,
       -- the project: stacking group and the unit of per-project / per-product caps
       CASE r.clause_code
           WHEN '3'  THEN '云服务合同-' || r.e || '-' || pg_temp.u(r.g, 20) % 10000
           WHEN '9'  THEN '营业收入首次达到10亿元-' || r.e
           WHEN '12' THEN '88.236.' || r.e
           WHEN '15' THEN '首版次软件-' || r.e || '-' || pg_temp.u(r.g, 21) % 2
           ELSE 'PRJ-' || r.e || '-' || pg_temp.u(r.g, 22) % r.projects
       END,
       (r.applied_on + time '08:30') AT TIME ZONE 'Asia/Shanghai' + pg_temp.u(r.g, 23) % 540 * interval '1 minute',
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
       CASE WHEN r.clause_code = '3' AND r.x >= 30 THEN
           round(10000 + 140000 * power(pg_temp.u(r.g, 27) % 10001 / 10000.0, 2), -1)
           + CASE WHEN r.x >= 900 THEN pg_temp.u(r.g, 26) % 1000 * 0.01 ELSE 0 END
       END,
       -- investment (clause 13): 20 to 80 million; 8 % under 20 million, 2 % missing
       CASE WHEN r.clause_code = '13' THEN
           CASE WHEN r.y < 20 THEN NULL
                WHEN r.y < 100 THEN 15000000 + pg_temp.u(r.g, 28) % 5000000
                ELSE r.investment END
       END,
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
       CASE WHEN r.clause_code = '3' THEN
           CASE WHEN r.y < 20 THEN NULL WHEN r.y < 120 THEN 2 ELSE 3 + pg_temp.u(r.g, 31) % 3 END
       END::smallint,
       -- clause 3: cloud service start (5 % too recent, 5 % before the purchase
       -- window, 1 % missing); clause 12: node registration (8 % before 2021)
       CASE r.clause_code
           WHEN '3' THEN
               CASE WHEN r.z < 10 THEN NULL
                    WHEN r.z < 60 THEN r.applied_on - (20 + pg_temp.u(r.g, 32) % 60)::integer
                    WHEN r.z < 110 THEN make_date(extract(year FROM r.applied_on)::integer - 2, 6, 1)
                                       + (pg_temp.u(r.g, 32) % 180)::integer
                    ELSE r.qualifying_date - (95 + pg_temp.u(r.g, 32) % 180)::integer END
           WHEN '12' THEN
               CASE WHEN r.z < 80 THEN DATE '2020-01-01' + (pg_temp.u(r.g, 32) % 365)::integer
                    ELSE greatest(r.applied_on - (120 + pg_temp.u(r.g, 32) % 400)::integer, DATE '2021-01-04') END
       END,
       -- in_use (3): 5 % no longer in use, 2 % not recorded
       CASE WHEN r.clause_code = '3' THEN CASE WHEN r.w < 20 THEN NULL ELSE r.w >= 70 END END,
       -- innovative_mode (12): 8 % no, 2 % not recorded
       CASE WHEN r.clause_code = '12' THEN CASE WHEN r.w < 20 THEN NULL ELSE r.w >= 100 END END,
       -- in_catalogue, in_production (13): 5 % / 6 % no, 2 % not recorded each
       CASE WHEN r.clause_code = '13' THEN CASE WHEN r.w < 20 THEN NULL ELSE r.w >= 70 END END,
       CASE WHEN r.clause_code = '13' THEN CASE WHEN r.z < 20 THEN NULL ELSE r.z >= 80 END END,
       -- reports_statistics (9, 14): 5 % no, 3 % not recorded
       CASE WHEN r.clause_code IN ('9', '14') THEN CASE WHEN r.w < 30 THEN NULL ELSE r.w >= 80 END END
FROM (
    -- the enterprise, the clause (non-manufacturers rarely apply under 3 and
    -- 12: most of them take clause 4 instead) and the dates
    SELECT d.g, d.e, d.x, d.y, d.z, d.w, d.qualifying_date, d.applied_on,
           e.credit_code, e.name, e.manufacturer, e.scale, e.specialized, e.projects,
           CASE WHEN d.c0 IN ('3', '12') AND NOT e.manufacturer AND pg_temp.u(d.g, 8) % 100 < 92
                THEN '4' ELSE d.c0 END AS clause_code,
           (20000000 + pg_temp.u(d.g, 14) % 6001 * 10000)::numeric AS investment
    FROM (
        SELECT g, e, x, y, z, w, c0, q AS qualifying_date,
               q + (7 + pg_temp.u(g, 11) % 110)::integer AS applied_on
        FROM (
            SELECT g,
                   -- the enterprise: one of the block's 8,192, the first 512 of them large
                   ((g - 1) / 65536) * 8192 + 1
                       + CASE WHEN pg_temp.u(g, 1) % 100 < 20 THEN pg_temp.u(g, 2) % 512
                              ELSE pg_temp.u(g, 2) % 8192 END AS e,
                   CASE
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
                       WHEN qp < 97 THEN DATE '2022-07-28' + (pg_temp.u(g, 10) % 1253)::integer   -- .. 2025-12-31
                       WHEN qp < 98 THEN DATE '2022-01-04' + (pg_temp.u(g, 10) % 205)::integer    -- before 2022-07-28
                       ELSE DATE '2026-01-05' + (pg_temp.u(g, 10) % 175)::integer                 -- after 2025-12-31
                   END AS q,
                   x, y, z, w                               -- per-mille draws for the facts
            FROM (SELECT g, pg_temp.u(g, 3) % 100 AS cp, pg_temp.u(g, 9) % 100 AS qp,
                         pg_temp.u(g, 4) % 1000 AS x, pg_temp.u(g, 5) % 1000 AS y,
                         pg_temp.u(g, 6) % 1000 AS z, pg_temp.u(g, 7) % 1000 AS w
                  FROM generate_series($1, $2) AS r0 (g)
                  OFFSET 0) draws
            OFFSET 0) c
        OFFSET 0) d
    JOIN bench_enterprise e
      ON e.e = d.e
     -- the enterprises of the chunk's blocks (what d.e can be): a small hash
     AND e.e BETWEEN (($1 - 1) / 65536) * 8192 + 1 AND (($2 - 1) / 65536 + 1) * 8192
    OFFSET 0) r;

SELECT format('EXECUTE bench_applications(%s, %s)', lo, least(lo + :chunk - 1, :n))
FROM generate_series(:from::bigint, :n::bigint, :chunk::bigint) AS lo
\gexec
DEALLOCATE bench_applications;

-- Awards under other city policies: for about 3 % of the applications under
-- the project clauses, an award on the same project and award year (0 for a
-- tenth of them, else 50,000 to 800,000, so they win some stacking groups and
-- lose others).  other_award_id = the application's id.
INSERT INTO dsm_policy.other_award (other_award_id, credit_code, project_ref, award_year, policy_name, amount)
OVERRIDING SYSTEM VALUE
SELECT a.application_id, a.credit_code, a.project_ref, a.award_year,
       (ARRAY['双鸭山市工业企业技术改造奖励', '双鸭山市科技创新券', '双鸭山市中小企业发展专项资金',
              '双鸭山市招商引资奖励'])[1 + pg_temp.u(a.application_id, 41) % 4],
       CASE WHEN pg_temp.u(a.application_id, 42) % 10 = 0 THEN 0
            ELSE (5 + pg_temp.u(a.application_id, 43) % 76) * 10000 END
FROM dsm_policy.application a
WHERE a.application_id BETWEEN :from AND :n
  AND a.project_ref LIKE 'PRJ-%'
  AND pg_temp.u(a.application_id, 40) % 1000 < 30;

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
