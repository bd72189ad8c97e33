-- Test data for the differential test (test/pgtap/differential.sql): fills
-- dsm_policy.application (about 102,000 rows) and dsm_policy.other_award, and
-- adds the parameter rows of a test successor period (2026) and of a what-if
-- scenario.  Deterministic: every value comes from hashint8 of a
-- generate_series number and a salt, never from random(), so every run on the
-- same build writes the same rows with the same application_id.
--
-- Expects a database with the dsm_policy extension and none of these rows yet;
-- run it inside a transaction that is rolled back (the pgTAP test does).
-- Leaves no objects of its own behind (the helpers are temporary and dropped).
--
-- Segments (gen_app.seg), each covering cases on purpose:
--   1  bulk (85,000): every clause, qualifying dates 2022-01-01 .. 2026-12-31 and
--      the boundary dates, both scales, specialised or not, NULL in every
--      nullable fact, facts exactly at and one fen / day off each threshold,
--      half-fen shares, provincial amounts above the maximum, application
--      times near Shanghai midnight
--   2  month ends and purchase-window edges for clauses 3 and 12, some applied
--      at 00:30 Shanghai time (the UTC date is the day before)
--   3  clause 3: 60 enterprises a year (quota 30, 40 in 2026), several
--      applications per enterprise and year (enterprise_year cap, own caps by
--      scale), ties in applied_at within and across enterprises
--   4  clauses 13 and 15: several applications per project / product across
--      2024-2026 (the cap spans years; 2026 has a larger clause-13 cap)
--   5  clause 9: several applications per enterprise (first_time_only), the
--      first sometimes failing (revenue one fen short, missing facts)
--   6  stacking: several clauses for one (enterprise, project, award year),
--      equal awards, equal applied_at, other_award rows above, equal to and
--      below the awards

------------------------------------------------------------------------------
-- Parameters: a test successor period and a what-if scenario
------------------------------------------------------------------------------

-- The successor document (README "Adding next year's numbers").
INSERT INTO dsm_policy.policy (policy_code, title_zh, title_en, issuer_zh, issuer_en,
                               adopted_on, published_on, in_force, stacking_rule)
VALUES ('dsm-differential-2026', '双鸭山市推动数字经济高质量发展若干政策措施（2026年，测试）',
        'Successor measures 2026 (differential test data)', '双鸭山市人民政府',
        'Shuangyashan City People''s Government',
        '2025-11-20', '2025-12-01', daterange('2026-01-01', '2027-01-01'), 'highest_only');

-- In force in 2026 with a suspension, a gap and an early end, so that every
-- not_in_force reason occurs:
--   2026-01-01 .. 2026-09-30 in force; 2026-10 suspended (in_force false);
--   2026-11-01 .. 2026-11-14 no row; 2026-11-15 .. 2026-11-30 in force;
--   from 2026-12-01 expired (last in_force day 2026-11-30).
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, scenario, validity, value_flag, note)
VALUES ('dsm-differential-2026', NULL, 'in_force', 'enacted', daterange('2026-01-01', '2026-10-01'), true, 'test'),
       ('dsm-differential-2026', NULL, 'in_force', 'enacted', daterange('2026-10-01', '2026-11-01'), false, 'test: suspended'),
       ('dsm-differential-2026', NULL, 'in_force', 'enacted', daterange('2026-11-15', '2026-12-01'), true, 'test: after a gap');

-- Clause parameters for 2026: the enacted rows carried over, with changes.
--   clause 5: no 2026 rows at all (share clause without share_ratio);
--   clause 12: no fixed_amount_below_scale (below-scale has no fixed amount),
--              above-scale 25,000;
--   clause 2.1: no cap (uncapped share); clause 4: no specialised-SME cap;
--   clause 3: no below-scale cap (below-scale uncapped, sharing the enterprise's
--             group with capped above-scale applications);
--   clause 15: no cap (an uncapped 2026 application in a product group whose
--              2024-2025 applications are capped);
--   clause 1 ratio 0.125, clause 4 ratio 0.123457, clause 15 ratio 0.25;
--   clause 3 ratio 0.60, quota 40, at least 4 stars; clause 9 cap 450,000;
--   clause 13 cap 800,000; clause 14 requires_above_scale false (imposes nothing);
--   clause 2.3 fixed 120,000.
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, scenario, validity,
                                  value_ratio, value_amount, value_count, value_date, value_flag, note)
SELECT 'dsm-differential-2026', p.clause_code, p.name, 'enacted', daterange('2026-01-01', '2027-01-01'),
       CASE p.clause_code || ':' || p.name
           WHEN '1:share_ratio'  THEN 0.125
           WHEN '4:share_ratio'  THEN 0.123457
           WHEN '15:share_ratio' THEN 0.25
           WHEN '3:share_ratio'  THEN 0.60
           ELSE p.value_ratio
       END,
       CASE p.clause_code || ':' || p.name
           WHEN '9:cap'                       THEN 450000
           WHEN '13:cap'                      THEN 800000
           WHEN '12:fixed_amount_above_scale' THEN 25000
           WHEN '2.3:fixed_amount'            THEN 120000
           ELSE p.value_amount
       END,
       CASE p.clause_code || ':' || p.name
           WHEN '3:quota_enterprises_per_year' THEN 40
           WHEN '3:min_cloud_stars'            THEN 4
           ELSE p.value_count
       END,
       p.value_date,
       CASE p.clause_code || ':' || p.name
           WHEN '14:requires_above_scale' THEN false
           ELSE p.value_flag
       END,
       'test: carried over to 2026'
FROM dsm_policy.parameter p
WHERE p.scenario = 'enacted'
  AND p.clause_code IS NOT NULL
  AND p.validity @> DATE '2025-12-31'
  AND p.clause_code <> '5'
  AND p.clause_code || ':' || p.name NOT IN ('12:fixed_amount_below_scale', '2.1:cap', '4:cap_specialized_sme',
                                             '3:cap_below_scale', '15:cap')
ORDER BY p.parameter_id;

-- New in 2026: clauses 2.3 and 17 are outside the stacking rule; clause 11
-- (approved amounts) requires a manufacturer.
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, scenario, validity, value_flag, note)
VALUES ('dsm-differential-2026', '2.3', 'stacking_exempt', 'enacted', daterange('2026-01-01', '2027-01-01'), true, 'test'),
       ('dsm-differential-2026', '17', 'stacking_exempt', 'enacted', daterange('2026-01-01', '2027-01-01'), true, 'test'),
       ('dsm-differential-2026', '11', 'requires_manufacturer', 'enacted', daterange('2026-01-01', '2027-01-01'), true, 'test');

-- A what-if scenario that both implementations must ignore (they read enacted).
INSERT INTO dsm_policy.scenario (scenario, description)
VALUES ('differential_whatif', 'test: rows the award rules must not read');
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, scenario, validity,
                                  value_ratio, value_amount, value_flag, note)
VALUES ('sys-digital-economy-2022', NULL, 'in_force', 'differential_whatif', daterange('2020-01-01', '2030-01-01'), NULL, NULL, true, 'test'),
       ('sys-digital-economy-2022', '1', 'share_ratio', 'differential_whatif', daterange('2022-07-28', '2026-01-01'), 0.9, NULL, NULL, 'test'),
       ('sys-digital-economy-2022', '13', 'cap', 'differential_whatif', daterange('2022-07-28', '2026-01-01'), NULL, 5000000, NULL, 'test');

------------------------------------------------------------------------------
-- Helpers (temporary)
------------------------------------------------------------------------------

-- A deterministic pseudo-random number in [0, 2^31) for (n, salt).
CREATE FUNCTION pg_temp.gen_u(n bigint, salt integer) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT hashint8(n * 1000003 + salt)::bigint & 2147483647 $$;

-- Enterprises 1 .. 15,000 and their credit codes: '91230500', 9 characters of
-- the code alphabet (base 31 of a number unique per enterprise), check character.
CREATE TEMP TABLE gen_enterprise AS
SELECT e.e AS enterprise,
       (x.prefix || dsm_policy.credit_code_check_character(x.prefix))::dsm_policy.credit_code AS credit_code
FROM generate_series(1, 15000) AS e(e)
CROSS JOIN LATERAL (
    SELECT '91230500' || string_agg(substr('0123456789ABCDEFGHJKLMNPQRTUWXY',
                                           (((e.e * 7919 + 123457) / (31::bigint ^ k)::bigint) % 31)::integer + 1, 1),
                                    '' ORDER BY k DESC) AS prefix
    FROM generate_series(0, 8) AS k
) x;

CREATE TEMP TABLE gen_app (
    seg                integer NOT NULL,
    n                  bigint NOT NULL,
    enterprise         integer NOT NULL,
    clause_code        text NOT NULL,
    project_ref        text NOT NULL,
    local_ts           timestamp NOT NULL,   -- application time, Asia/Shanghai wall clock
    qualifying_date    date NOT NULL,
    scale              text NOT NULL,
    specialized        boolean NOT NULL,
    manufacturer       boolean NOT NULL,
    provincial_amount  numeric(14,2),
    expenditure        numeric(14,2),
    investment         numeric(14,2),
    approved_amount    numeric(14,2),
    revenue            numeric(16,2),
    cloud_stars        smallint,
    service_start      date,
    in_use             boolean,
    innovative_mode    boolean,
    in_catalogue       boolean,
    in_production      boolean,
    reports_statistics boolean,
    no_name            boolean NOT NULL DEFAULT false,
    PRIMARY KEY (seg, n)
);

CREATE TEMP TABLE gen_other (
    seg         integer NOT NULL,
    n           bigint NOT NULL,
    enterprise  integer NOT NULL,
    project_ref text NOT NULL,
    award_year  integer NOT NULL,
    amount      numeric(14,2) NOT NULL,
    PRIMARY KEY (seg, n)
);

------------------------------------------------------------------------------
-- Segment 1: bulk
------------------------------------------------------------------------------

INSERT INTO gen_app
SELECT 1, g.n, b.enterprise, b.clause_code,
       'P' || b.enterprise || '-' || pg_temp.gen_u(g.n, 3) % 3,
       t.local_ts, b.qualifying_date,
       CASE WHEN pg_temp.gen_u(g.n, 17) % 5 < 3 THEN 'above' ELSE 'below' END,
       pg_temp.gen_u(g.n, 18) % 4 = 0,
       pg_temp.gen_u(g.n, 19) % 5 <> 0,
       -- provincial_amount: NULL, 0, exactly a provincial maximum, one fen above
       -- one, an amount in fen ending in 5 (half a fen at 10 %), or any amount.
       CASE pg_temp.gen_u(g.n, 10) % 20
           WHEN 0 THEN NULL
           WHEN 1 THEN 0
           WHEN 2 THEN (ARRAY[500000, 1000000, 2000000, 5000000])[pg_temp.gen_u(g.n, 11) % 4 + 1]
           WHEN 3 THEN (ARRAY[500000.01, 1000000.01, 2000000.01, 5000000.01])[pg_temp.gen_u(g.n, 11) % 4 + 1]
           WHEN 4 THEN ((pg_temp.gen_u(g.n, 11) % (b.range_yuan * 10)) * 10 + 5) * 0.01
           WHEN 5 THEN ((pg_temp.gen_u(g.n, 11) % (b.range_yuan * 10)) * 10 + 5) * 0.01
           ELSE (pg_temp.gen_u(g.n, 11) % (b.range_yuan * 100)) * 0.01
       END,
       -- expenditure (clause 3, 50 %: caps 50,000 / 30,000)
       CASE pg_temp.gen_u(g.n, 12) % 20
           WHEN 0 THEN NULL
           WHEN 1 THEN 0
           WHEN 2 THEN 100000.00
           WHEN 3 THEN 60000.00
           WHEN 4 THEN 100000.01
           WHEN 5 THEN 59999.99
           WHEN 6 THEN ((pg_temp.gen_u(g.n, 13) % 10000000) * 2 + 1) * 0.01
           WHEN 7 THEN ((pg_temp.gen_u(g.n, 13) % 10000000) * 2 + 1) * 0.01
           ELSE (pg_temp.gen_u(g.n, 13) % 20000000) * 0.01
       END,
       CASE pg_temp.gen_u(g.n, 14) % 10
           WHEN 0 THEN NULL
           WHEN 1 THEN 20000000.00
           WHEN 2 THEN 19999999.99
           ELSE (pg_temp.gen_u(g.n, 15) % 5000) * 10000 + (pg_temp.gen_u(g.n, 15) % 1000000) * 0.01
       END,
       CASE pg_temp.gen_u(g.n, 16) % 10
           WHEN 0 THEN NULL
           WHEN 1 THEN NULL
           WHEN 2 THEN 0
           ELSE (pg_temp.gen_u(g.n, 20) % 50000000) * 0.01
       END,
       CASE pg_temp.gen_u(g.n, 21) % 10
           WHEN 0 THEN NULL
           WHEN 1 THEN 1000000000.00
           WHEN 2 THEN 999999999.99
           ELSE (pg_temp.gen_u(g.n, 22) % 3000) * 1000000 + (pg_temp.gen_u(g.n, 22) % 100) * 0.01
       END,
       CASE pg_temp.gen_u(g.n, 23) % 10
           WHEN 0 THEN NULL
           WHEN 1 THEN 2 WHEN 2 THEN 2
           WHEN 3 THEN 3 WHEN 4 THEN 3
           WHEN 5 THEN 4
           ELSE 1 + pg_temp.gen_u(g.n, 24) % 5
       END,
       -- service_start: exactly min_running_months (3) before applied_on and one
       -- day later, the purchase-window edge (1 January of the year before the
       -- application year) and the day before it, 2021-01-01 / 2020-12-31, the
       -- last day of the month three months earlier (month ends), or any day.
       CASE pg_temp.gen_u(g.n, 25) % 10
           WHEN 0 THEN NULL
           WHEN 1 THEN (t.applied_on - interval '3 months')::date
           WHEN 2 THEN (t.applied_on - interval '3 months')::date + 1
           WHEN 3 THEN make_date(extract(year FROM t.applied_on)::integer - 1, 1, 1)
           WHEN 4 THEN make_date(extract(year FROM t.applied_on)::integer - 1, 1, 1) - 1
           WHEN 5 THEN DATE '2021-01-01' - (pg_temp.gen_u(g.n, 26) % 2)::integer
           WHEN 6 THEN (date_trunc('month', t.applied_on) - interval '2 months')::date - 1
           ELSE t.applied_on - (30 + pg_temp.gen_u(g.n, 26) % 700)::integer
       END,
       CASE WHEN pg_temp.gen_u(g.n, 30) % 20 = 0 THEN NULL ELSE pg_temp.gen_u(g.n, 30) % 20 > 3 END,
       CASE WHEN pg_temp.gen_u(g.n, 31) % 20 = 0 THEN NULL ELSE pg_temp.gen_u(g.n, 31) % 20 > 3 END,
       CASE WHEN pg_temp.gen_u(g.n, 32) % 20 = 0 THEN NULL ELSE pg_temp.gen_u(g.n, 32) % 20 > 3 END,
       CASE WHEN pg_temp.gen_u(g.n, 33) % 20 = 0 THEN NULL ELSE pg_temp.gen_u(g.n, 33) % 20 > 3 END,
       CASE WHEN pg_temp.gen_u(g.n, 34) % 20 = 0 THEN NULL ELSE pg_temp.gen_u(g.n, 34) % 20 > 3 END,
       pg_temp.gen_u(g.n, 35) % 30 = 0
FROM generate_series(1, 85000) AS g(n)
CROSS JOIN LATERAL (
    SELECT 1 + pg_temp.gen_u(g.n, 1) % 3000 AS enterprise,
           c.clause_code,
           CASE c.clause_code WHEN '13' THEN 12000000 WHEN '9' THEN 8000000 WHEN '5' THEN 8000000
                              WHEN '1' THEN 3000000 ELSE 1500000 END AS range_yuan,
           CASE WHEN pg_temp.gen_u(g.n, 5) % 10 = 0
                THEN (ARRAY['2022-01-01', '2022-07-27', '2022-07-28', '2025-12-31', '2026-01-01', '2026-09-30',
                            '2026-10-01', '2026-10-31', '2026-11-01', '2026-11-14', '2026-11-15', '2026-11-30',
                            '2026-12-01', '2026-12-31']::date[])[pg_temp.gen_u(g.n, 6) % 14 + 1]
                ELSE DATE '2022-01-01' + (pg_temp.gen_u(g.n, 4) % 1826)::integer
           END AS qualifying_date
    FROM (SELECT (ARRAY['1', '2.1', '2.2', '2.3', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12',
                        '13', '14', '15', '16', '17', '18', '19', '20', '21'])[pg_temp.gen_u(g.n, 2) % 23 + 1]
                 AS clause_code) c
) b
CROSS JOIN LATERAL (
    -- applied 20 days before to 150 days after the qualifying date; at
    -- midnight, 00:30, 07:59:59 (UTC date = the day before), 08:00, 23:59:59,
    -- or on a whole minute of office hours (ties).
    SELECT lt AS local_ts, lt::date AS applied_on
    FROM (SELECT (b.qualifying_date + (pg_temp.gen_u(g.n, 7) % 171 - 20)::integer)
                 + interval '1 second' * CASE pg_temp.gen_u(g.n, 8) % 12
                                             WHEN 0 THEN 0
                                             WHEN 1 THEN 1800
                                             WHEN 2 THEN 28799
                                             WHEN 3 THEN 86399
                                             WHEN 4 THEN 28800
                                             ELSE 32400 + (pg_temp.gen_u(g.n, 9) % 540) * 60
                                         END AS lt) l
) t;

-- Other city awards on bulk projects: 0, small, large.
INSERT INTO gen_other
SELECT 1, g.n,
       1 + pg_temp.gen_u(g.n, 101) % 3000,
       'P' || (1 + pg_temp.gen_u(g.n, 101) % 3000) || '-' || pg_temp.gen_u(g.n, 102) % 3,
       2022 + (pg_temp.gen_u(g.n, 103) % 5)::integer,
       CASE pg_temp.gen_u(g.n, 104) % 10
           WHEN 0 THEN 0
           WHEN 1 THEN 100000
           ELSE (pg_temp.gen_u(g.n, 105) % 15000000) * 0.01
       END
FROM generate_series(1, 6000) AS g(n);

------------------------------------------------------------------------------
-- Segment 2: month ends and purchase-window edges (clauses 3 and 12)
------------------------------------------------------------------------------

INSERT INTO gen_app
SELECT 2, row_number() OVER (ORDER BY m.i, t.i, c.i, k.k),
       11000 + m.i * 100 + k.k * 10 + c.i * 5 + t.i,
       c.clause_code,
       'EDGE-' || m.i,
       m.applied_on + t.at,
       greatest(m.applied_on - 10, DATE '2022-08-01'),
       CASE WHEN k.k % 2 = 0 THEN 'above' ELSE 'below' END,
       false, true,
       NULL, 20000.01, NULL, NULL, NULL,
       3, m.service_start, true, true, NULL, NULL, NULL, false
FROM (VALUES
        -- min_running_months 3: service_start + 3 months = applied_on, and one day short
        (1, DATE '2021-11-30', DATE '2022-02-28'), (2, '2021-11-30', '2022-02-27'),
        (3, '2023-11-30', '2024-02-28'), (4, '2023-11-30', '2024-02-29'), (5, '2023-11-29', '2024-02-28'),
        (6, '2022-11-30', '2023-02-28'), (7, '2024-11-30', '2025-02-28'), (8, '2024-11-29', '2025-02-28'),
        (9, '2022-08-31', '2022-11-30'), (10, '2022-08-31', '2022-11-29'),
        (11, '2023-05-31', '2023-08-31'), (12, '2023-05-31', '2023-08-30'), (13, '2024-05-31', '2024-08-31'),
        (14, '2024-10-31', '2025-01-31'), (15, '2024-10-31', '2025-01-30'),
        (16, '2025-01-31', '2025-04-30'), (17, '2025-01-31', '2025-04-29'),
        (18, '2023-12-31', '2024-03-31'), (19, '2023-12-31', '2024-03-30'),
        (20, '2025-11-30', '2026-02-28'), (21, '2025-11-29', '2026-02-28'),
        (22, '2024-10-01', '2025-01-01'), (23, '2024-10-02', '2025-01-01'),
        -- purchase_window_years 1: from 1 January of the year before the application year
        (24, '2021-01-01', '2022-09-15'), (25, '2020-12-31', '2022-09-15'),
        (26, '2024-01-01', '2025-06-30'), (27, '2023-12-31', '2025-06-30'),
        (28, '2025-01-01', '2026-03-02'), (29, '2024-12-31', '2026-03-02'),
        (30, '2024-01-01', '2025-01-01'), (31, '2023-12-31', '2025-01-01'),
        (32, '2021-01-01', '2022-01-01'), (33, '2020-12-31', '2021-12-31')
     ) AS m (i, service_start, applied_on)
CROSS JOIN (VALUES (0, interval '00:30'), (1, interval '12:00'), (2, interval '23:59:59')) AS t (i, at)
CROSS JOIN (VALUES (0, '3'), (1, '12')) AS c (i, clause_code)
CROSS JOIN generate_series(1, 3) AS k (k);

------------------------------------------------------------------------------
-- Segment 3: clause 3, quota and the enterprise_year cap
------------------------------------------------------------------------------

-- 60 enterprises a year, applying before everyone else (December of the year
-- before); enterprises 2m and 2m+1 file their first application at the same
-- instant.  An enterprise's 1-4 applications: the first two at the same
-- instant, then one and two days later.  Expenditure 70,000.01 (50 %:
-- 35,000.005 -> 35,000.01), 40,000.03, 30,000.00, 9,999.99; scale varies within
-- an enterprise (each application has its own cap).
INSERT INTO gen_app
SELECT 3, y.y * 10000 + k.k * 10 + j.j,
       4000 + (y.y - 2022) * 80 + k.k,
       '3',
       CASE WHEN k.k % 5 = 0 THEN 'CLOUD' ELSE 'CLOUD-' || j.j END,
       make_date(y.y - 1, 12, 1) + interval '1 hour' * (k.k / 2) + interval '1 day' * greatest(j.j - 2, 0),
       CASE WHEN y.y = 2022 THEN DATE '2022-08-01' ELSE make_date(y.y, 2, 1) END + (k.k % 20),
       CASE WHEN (k.k + j.j) % 3 = 0 THEN 'below' ELSE 'above' END,
       k.k % 9 = 0, true,
       NULL,
       (ARRAY[70000.01, 40000.03, 30000.00, 9999.99])[j.j],
       NULL, NULL, NULL,
       CASE WHEN k.k % 7 = 0 THEN 3 ELSE 4 END,
       (make_date(y.y - 1, 12, 1) - interval '4 months')::date,
       NOT (k.k % 11 = 0 AND j.j = 1),
       NULL, NULL, NULL, NULL, false
FROM generate_series(2022, 2026) AS y (y)
CROSS JOIN generate_series(1, 60) AS k (k)
CROSS JOIN generate_series(1, 4) AS j (j)
WHERE j.j <= 1 + pg_temp.gen_u(y.y * 100 + k.k, 40) % 4;

------------------------------------------------------------------------------
-- Segment 4: clauses 13 and 15, caps per project / product across years
------------------------------------------------------------------------------

-- Clause 13: 1,500 projects (two per enterprise), 2-5 applications each from
-- mid-2024 into 2026 (caps 600,000 then 800,000); for a fifth of the projects
-- the applications are filed in the reverse order of their qualifying dates
-- (in December 2026), so the 2026 application with the larger cap comes first.
INSERT INTO gen_app
SELECT 4, p.p * 10 + j.j,
       5000 + p.p / 2,
       '13',
       'PRJ13-' || p.p,
       CASE WHEN p.p % 5 = 1 THEN DATE '2026-12-20' - 3 * j.j
            WHEN p.p % 4 = 0 AND j.j = 2 THEN d1.qd + 5
            ELSE d.qd + 5 END + interval '10 hours',
       d.qd,
       CASE WHEN p.p % 3 = 0 THEN 'below' ELSE 'above' END,
       p.p % 5 = 0, p.p % 2 = 0,
       CASE WHEN p.p % 19 = 0 AND j.j = 1 THEN NULL
            ELSE ((10000000 + pg_temp.gen_u(p.p * 10 + j.j, 41) % 80000000) * 10 + 5 * (j.j % 2)) * 0.01
       END,
       NULL,
       CASE WHEN p.p % 3 = 0 AND j.j = 1 THEN 20000000.00
            WHEN p.p % 7 = 0 AND j.j = 2 THEN 19999999.99
            ELSE 30000000 END,
       NULL, NULL, NULL, NULL, NULL, NULL,
       NOT (p.p % 13 = 0 AND j.j = 2),
       CASE WHEN p.p % 17 = 0 AND j.j = 3 THEN NULL ELSE p.p % 23 <> 0 END,
       NULL, false
FROM generate_series(1, 1500) AS p (p)
CROSS JOIN generate_series(1, 5) AS j (j)
CROSS JOIN LATERAL (
    SELECT DATE '2024-06-01' + (pg_temp.gen_u(p.p, 42) % 400)::integer
           + (j.j - 1) * (60 + (pg_temp.gen_u(p.p, 43) % 140)::integer) AS qd
) d
CROSS JOIN LATERAL (SELECT DATE '2024-06-01' + (pg_temp.gen_u(p.p, 42) % 400)::integer AS qd) d1
WHERE j.j <= 2 + pg_temp.gen_u(p.p, 44) % 4;

-- Clause 15: 1,000 products, 2-5 applications each (cap 100,000 per product,
-- none in 2026); a fifth filed in reverse order, as for clause 13.
INSERT INTO gen_app
SELECT 4, 100000 + q.q * 10 + j.j,
       6300 + q.q / 2,
       '15',
       'PRD15-' || q.q,
       CASE WHEN q.q % 5 = 1 THEN DATE '2026-12-20' - 3 * j.j
            WHEN q.q % 3 = 0 THEN d1.qd
            ELSE d.qd END + interval '1 day' + interval '9 hours',
       d.qd,
       CASE WHEN q.q % 2 = 0 THEN 'below' ELSE 'above' END,
       q.q % 4 = 0, true,
       CASE WHEN q.q % 29 = 0 AND j.j = 2 THEN NULL
            ELSE 50000 + (pg_temp.gen_u(q.q * 10 + j.j, 45) % 85000000) * 0.01 END,
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, false
FROM generate_series(1, 1000) AS q (q)
CROSS JOIN generate_series(1, 5) AS j (j)
CROSS JOIN LATERAL (
    SELECT DATE '2023-09-01' + (pg_temp.gen_u(q.q, 46) % 600)::integer
           + (j.j - 1) * (30 + (pg_temp.gen_u(q.q, 47) % 200)::integer) AS qd
) d
CROSS JOIN LATERAL (SELECT DATE '2023-09-01' + (pg_temp.gen_u(q.q, 46) % 600)::integer AS qd) d1
WHERE j.j <= 2 + pg_temp.gen_u(q.q, 48) % 4;

------------------------------------------------------------------------------
-- Segment 5: clause 9, first_time_only
------------------------------------------------------------------------------

-- 800 enterprises, 2-4 applications each, 400 days apart.  The first fails
-- for a third of them (revenue one fen short, or revenue missing), or does not
-- report statistics; for a quarter all applications are filed at one instant.
INSERT INTO gen_app
SELECT 5, e.e * 10 + j.j,
       8000 + e.e,
       '9',
       CASE WHEN e.e % 2 = 0 THEN 'REV' ELSE 'REV-' || j.j END,
       CASE WHEN e.e % 4 = 0 THEN DATE '2022-08-20' + (e.e % 100)::integer + interval '15 hours'
            ELSE d.qd + 30 + interval '11 hours' END,
       d.qd,
       CASE WHEN e.e % 3 = 2 THEN 'below' ELSE 'above' END,
       false, false,
       (100000000 + (pg_temp.gen_u(e.e * 10 + j.j, 50) % 50000000) * 10 + 5) * 0.01,
       NULL, NULL, NULL,
       CASE WHEN j.j = 1 THEN (ARRAY[999999999.99, 1000000000.00, NULL])[e.e % 3 + 1]
            WHEN j.j = 2 THEN 1000000000.00
            ELSE 1500000000.00 END,
       NULL, NULL, NULL, NULL, NULL, NULL,
       NOT (e.e % 10 = 0 AND j.j = 1),
       false
FROM generate_series(1, 800) AS e (e)
CROSS JOIN generate_series(1, 4) AS j (j)
CROSS JOIN LATERAL (SELECT DATE '2022-09-01' + (e.e % 100)::integer + (j.j - 1) * 400 AS qd) d
WHERE j.j <= 2 + pg_temp.gen_u(e.e, 51) % 3;

------------------------------------------------------------------------------
-- Segment 6: stacking (从高不重复)
------------------------------------------------------------------------------

-- 1,500 groups (one enterprise, one project, one award year), 2-5 applications
-- under different clauses whose awards are equal (20,000 or 100,000), one fen
-- apart, or arbitrary; applied at one instant, in two instants, or all apart.
-- Every fact passes every condition, so the amounts decide.
INSERT INTO gen_app
SELECT 6, g.g * 10 + j.j,
       9000 + g.g,
       c.clause_code,
       'STK-' || g.g % 3,
       d.qd + 10 + interval '9 hours'
           + interval '1 hour' * CASE g.g % 3 WHEN 0 THEN 0 WHEN 1 THEN j.j % 2 ELSE j.j END,
       d.qd,
       CASE WHEN g.g % 6 = 5 THEN 'below' ELSE 'above' END,
       g.g % 7 = 0, true,
       CASE WHEN c.clause_code IN ('5', '9') THEN x.award * 10 ELSE x.award * 5 END,
       NULL, 25000000, x.award,
       1200000000, 4, (d.qd + 10 - interval '6 months')::date,
       true, true, true, true, true, false
FROM generate_series(1, 1500) AS g (g)
CROSS JOIN generate_series(1, 5) AS j (j)
CROSS JOIN LATERAL (
    SELECT CASE WHEN g.g % 5 = 0 THEN DATE '2026-01-05' + (pg_temp.gen_u(g.g, 60) % 260)::integer
                ELSE DATE '2022-08-01' + (pg_temp.gen_u(g.g, 60) % 1240)::integer END AS qd
) d
CROSS JOIN LATERAL (
    SELECT (ARRAY['1', '2.1', '2.2', '2.3', '4', '5', '9', '14', '6', '7', '11', '17', '12', '15'])[(g.g + 5 * j.j) % 14 + 1]
           AS clause_code
) c
CROSS JOIN LATERAL (
    SELECT CASE g.g % 4
               WHEN 0 THEN 20000.00
               WHEN 1 THEN 20000.00 + 0.01 * (j.j % 2)
               WHEN 2 THEN 100000.00
               ELSE 5000 + (pg_temp.gen_u(g.g * 10 + j.j, 61) % 2000000) * 0.01
           END AS award
) x
WHERE j.j <= 2 + pg_temp.gen_u(g.g, 62) % 4;

-- Other city awards on the stacking groups: one fen above, equal to and one
-- fen below the common award; zero (no candidate) with an equal one; one for
-- the next year (another group).
INSERT INTO gen_other
SELECT 6, g.g * 10 + v.v,
       9000 + g.g,
       'STK-' || g.g % 3,
       extract(year FROM d.qd)::integer + CASE WHEN v.v = 3 THEN 1 ELSE 0 END,
       CASE g.g % 5
           WHEN 0 THEN CASE v.v WHEN 1 THEN 0 ELSE 100000.00 END
           WHEN 1 THEN x.award + 0.01
           WHEN 2 THEN x.award
           WHEN 3 THEN x.award - 0.01
           ELSE CASE v.v WHEN 1 THEN 0 ELSE x.award END
       END
FROM generate_series(1, 1500) AS g (g)
CROSS JOIN generate_series(1, 3) AS v (v)
CROSS JOIN LATERAL (
    SELECT CASE WHEN g.g % 5 = 0 THEN DATE '2026-01-05' + (pg_temp.gen_u(g.g, 60) % 260)::integer
                ELSE DATE '2022-08-01' + (pg_temp.gen_u(g.g, 60) % 1240)::integer END AS qd
) d
CROSS JOIN LATERAL (SELECT CASE g.g % 4 WHEN 2 THEN 100000.00 ELSE 20000.00 END AS award) x
WHERE g.g % 7 <> 0 AND (v.v = 1 OR g.g % 5 IN (0, 4) AND v.v = 2 OR g.g % 11 = 0 AND v.v = 3);

------------------------------------------------------------------------------
-- The rows, in (segment, n) order: application_id 1, 2, ...
------------------------------------------------------------------------------

INSERT INTO dsm_policy.application
    (application_id, credit_code, enterprise_name, clause_code, project_ref, applied_at, qualifying_date,
     scale, specialized, manufacturer, provincial_amount, expenditure, investment, approved_amount, revenue,
     cloud_stars, service_start, in_use, innovative_mode, in_catalogue, in_production, reports_statistics)
OVERRIDING SYSTEM VALUE
SELECT row_number() OVER (ORDER BY a.seg, a.n),
       e.credit_code,
       CASE WHEN a.no_name THEN NULL ELSE 'Enterprise ' || a.enterprise END,
       a.clause_code, a.project_ref,
       a.local_ts AT TIME ZONE 'Asia/Shanghai',
       a.qualifying_date,
       a.scale, a.specialized, a.manufacturer, a.provincial_amount, a.expenditure, a.investment,
       a.approved_amount, a.revenue, a.cloud_stars, a.service_start, a.in_use, a.innovative_mode,
       a.in_catalogue, a.in_production, a.reports_statistics
FROM gen_app a
JOIN gen_enterprise e ON e.enterprise = a.enterprise
ORDER BY a.seg, a.n;

INSERT INTO dsm_policy.other_award (other_award_id, credit_code, project_ref, award_year, policy_name, amount)
OVERRIDING SYSTEM VALUE
SELECT row_number() OVER (ORDER BY o.seg, o.n),
       e.credit_code, o.project_ref, o.award_year,
       'Other city policy ' || (o.n % 4 + 1), o.amount
FROM gen_other o
JOIN gen_enterprise e ON e.enterprise = o.enterprise
ORDER BY o.seg, o.n;

-- Identity sequences continue after the rows given explicit ids.
SELECT setval(pg_get_serial_sequence('dsm_policy.application', 'application_id'), max(application_id))
       AS gen_application_seq
FROM dsm_policy.application \gset
SELECT setval(pg_get_serial_sequence('dsm_policy.other_award', 'other_award_id'), max(other_award_id))
       AS gen_other_award_seq
FROM dsm_policy.other_award \gset

DROP TABLE gen_app, gen_other, gen_enterprise;
DROP FUNCTION pg_temp.gen_u(bigint, integer);

ANALYZE dsm_policy.application;
ANALYZE dsm_policy.other_award;
