-- Test data for the differential test (test/pgtap/differential.sql): fills
-- dsm_policy.application (about 110,000 rows) and dsm_policy.other_award, and
-- adds the parameter rows of a test successor period (2026) and of a what-if
-- scenario.  Deterministic: every value comes from hashint8 of a
-- generate_series number and a salt, or from the series numbers themselves,
-- never from random(), so every run on the same build writes the same rows
-- with the same application_id.
--
-- Expects a database with the dsm_policy extension (1.2) and none of these
-- rows yet; run it inside a transaction that is rolled back (the pgTAP test
-- does).  Leaves no objects of its own behind (the helpers are temporary and
-- dropped).
--
-- Segments (gen_app.seg), each covering cases on purpose:
--   1  bulk (85,000): every clause, qualifying dates 2022-01-01 .. 2026-12-31 and
--      the boundary dates, both scales, specialised or not, NULL in every
--      nullable fact, facts exactly at and one fen / day off each threshold,
--      half-fen shares, provincial amounts above the maximum, application
--      times near Shanghai midnight, spending periods given or not
--   2  month ends and purchase-window edges for clauses 3 and 12, some applied
--      at 00:30 Shanghai time (the UTC date is the day before)
--   3  clause 3: 60 enterprises a year (quota 30, 40 in 2026), several
--      applications per enterprise and year (enterprise_year cap, own caps by
--      scale), ties in applied_at within and across enterprises
--   4  clauses 13 and 15: several applications per project / product across
--      2024-2026 (the clause-13 cap spans years; 2026 has a larger one);
--      clause 15 is once per enterprise and product
--   5  clause 9, once per enterprise: several applications per enterprise,
--      the first sometimes failing (revenue one fen short, missing facts)
--   6  stacking: several clauses for one (enterprise, project, award year),
--      equal awards, equal applied_at, other_award rows above, equal to and
--      below the awards (2026 groups: stacking_scope other_policies_only)
--   7  once only (clauses 2.3, 9, 12, 14, 15): repeats in the same award year
--      and the next, a later award year applied for first, the first failing
--      a condition or not in force, ties in applied_at, the first superseded
--      (by another policy or by one of ours), 2025 then 2026, another product
--      (allowed) and the same product (refused) for clause 15, city_made_product
--      true / false / NULL
--   8  clause 12 (eligible_from 2021-01-01): registrations on 2020-12-31,
--      2021-01-01 and later, events from 2020-12-31 to 2022-12-01 (before
--      the policy took effect: decided with the parameters of 2022-07-28),
--      and in 2026 in the gap (parameters of 2026-11-15), the suspension and
--      after the end; repeats (once only); other awards on 2021 events
--   9  2025 events applied for in January 2026 (the window and running time
--      count from the application date, the parameters from the event)
--  10  clauses 13 and 15: superseded by a higher other_award in one year and
--      applied for again the next (a cap counts only what was paid), a cap
--      used up over three years, winners sharing a cap in 2026
--  11  clause 3 spending periods: overlapping an earlier year's payable one by
--      exactly one day, touching it, overlapping an earlier over-quota,
--      superseded or cap-exhausted one (allowed), one of the same year,
--      a refused one (does not count), a later award year applied for first,
--      expenditure_from / expenditure_until NULL, periods ending before they
--      start, no period at all
--  12  clause 3 purchase window checked on expenditure_from (2026) or
--      service_start (2025), at the edge
--  13  awards of 0.00 (basis 0): alone, in a group another application wins,
--      against another policy's award of 0 or more, two of them tied
--  14  2026 (stacking_scope other_policies_only): groups where several of our
--      applications are paid, another policy's award between their claims
--  15  eligible_from later than the date (clause 2.2 in 2026), and in the gap
--      and the suspension of 2026

------------------------------------------------------------------------------
-- Parameters: a test successor period and a what-if scenario
------------------------------------------------------------------------------

-- The successor document (doc/dba.md "The yearly update, step by step").
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
-- In 2026 this policy's awards compete only with other policies' awards
-- (stacking_scope other_policies_only; all_awards before).
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, scenario, validity, value_flag, value_choice, note)
VALUES ('dsm-differential-2026', NULL, 'in_force', 'enacted', daterange('2026-01-01', '2026-10-01'), true, NULL, 'test'),
       ('dsm-differential-2026', NULL, 'in_force', 'enacted', daterange('2026-10-01', '2026-11-01'), false, NULL, 'test: suspended'),
       ('dsm-differential-2026', NULL, 'in_force', 'enacted', daterange('2026-11-15', '2026-12-01'), true, NULL, 'test: after a gap'),
       ('dsm-differential-2026', NULL, 'stacking_scope', 'enacted', daterange('2026-01-01', '2027-01-01'), NULL,
        'other_policies_only', 'test: the literal reading');

-- Clause parameters for 2026: the enacted rows carried over, with changes.
--   clause 5: no 2026 rows at all (share clause without share_ratio);
--   clause 12: no fixed_amount_below_scale (below-scale has no fixed amount),
--              above-scale 25,000; eligible_from 2021-01-01 carried over;
--   clause 2.1: no cap (uncapped share); clause 4: no specialised-SME cap;
--   clause 3: no below-scale cap (below-scale uncapped, sharing the enterprise's
--             group with capped above-scale applications); the purchase
--             window is checked on the start of the spending period
--             (purchase_window_applies_to expenditure_from);
--   clause 15: no cap (an uncapped 2026 application in a product group whose
--              2024-2025 applications are capped);
--   clause 1 ratio 0.125, clause 4 ratio 0.123457, clause 15 ratio 0.25;
--   clause 3 ratio 0.60, quota 40, at least 4 stars; clause 9 cap 450,000;
--   clause 13 cap 800,000; clause 14 requires_above_scale false (imposes nothing);
--   clause 2.3 fixed 120,000; once_only, exclusive_spending_period and
--   requires_city_made_product carried over.
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, scenario, validity,
                                  value_ratio, value_amount, value_count, value_date, value_flag, value_choice, note)
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
       CASE p.clause_code || ':' || p.name
           WHEN '3:purchase_window_applies_to' THEN 'expenditure_from'
           ELSE p.value_choice
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
-- (approved amounts) requires a manufacturer; clause 2.2 covers events from
-- 2026-03-01 only (eligible_from later than the policy's first day).
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, scenario, validity, value_flag, value_date, note)
VALUES ('dsm-differential-2026', '2.3', 'stacking_exempt', 'enacted', daterange('2026-01-01', '2027-01-01'), true, NULL, 'test'),
       ('dsm-differential-2026', '17', 'stacking_exempt', 'enacted', daterange('2026-01-01', '2027-01-01'), true, NULL, 'test'),
       ('dsm-differential-2026', '11', 'requires_manufacturer', 'enacted', daterange('2026-01-01', '2027-01-01'), true, NULL, 'test'),
       ('dsm-differential-2026', '2.2', 'eligible_from', 'enacted', daterange('2026-01-01', '2027-01-01'), NULL, DATE '2026-03-01', 'test');

-- A what-if scenario that both implementations must ignore (they read enacted).
INSERT INTO dsm_policy.scenario (scenario, description)
VALUES ('differential_whatif', 'test: rows the award rules must not read');
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, scenario, validity,
                                  value_ratio, value_amount, value_flag, value_choice, value_date, note)
VALUES ('sys-digital-economy-2022', NULL, 'in_force', 'differential_whatif', daterange('2020-01-01', '2030-01-01'), NULL, NULL, true, NULL, NULL, 'test'),
       ('sys-digital-economy-2022', NULL, 'stacking_scope', 'differential_whatif', daterange('2022-07-28', '2026-01-01'), NULL, NULL, NULL, 'other_policies_only', NULL, 'test'),
       ('sys-digital-economy-2022', '1', 'share_ratio', 'differential_whatif', daterange('2022-07-28', '2026-01-01'), 0.9, NULL, NULL, NULL, NULL, 'test'),
       ('sys-digital-economy-2022', '9', 'once_only', 'differential_whatif', daterange('2022-07-28', '2026-01-01'), NULL, NULL, NULL, 'none', NULL, 'test'),
       ('sys-digital-economy-2022', '3', 'exclusive_spending_period', 'differential_whatif', daterange('2022-07-28', '2026-01-01'), NULL, NULL, false, NULL, NULL, 'test'),
       ('sys-digital-economy-2022', '14', 'eligible_from', 'differential_whatif', daterange('2022-07-28', '2026-01-01'), NULL, NULL, NULL, NULL, DATE '2020-01-01', 'test'),
       ('sys-digital-economy-2022', '13', 'cap', 'differential_whatif', daterange('2022-07-28', '2026-01-01'), NULL, 5000000, NULL, NULL, NULL, 'test');

------------------------------------------------------------------------------
-- Helpers (temporary)
------------------------------------------------------------------------------

-- A deterministic pseudo-random number in [0, 2^31) for (n, salt).
CREATE FUNCTION pg_temp.gen_u(n bigint, salt integer) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT hashint8(n * 1000003 + salt)::bigint & 2147483647 $$;

-- Enterprises 1 .. 20,000 and their credit codes: '91230500', 9 characters of
-- the code alphabet (base 31 of a number unique per enterprise), check character.
CREATE TEMP TABLE gen_enterprise AS
SELECT e.e AS enterprise,
       (x.prefix || dsm_policy.credit_code_check_character(x.prefix))::dsm_policy.credit_code AS credit_code
FROM generate_series(1, 20000) AS e(e)
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
    city_made_product  boolean,
    expenditure_from   date,
    expenditure_until  date,
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

-- An application whose facts pass every condition of every clause (segments
-- 7 to 15 start from it and change what they test): above scale, a
-- manufacturer reporting statistics, amount as provincial amount, spending and
-- approved amount, investment 25,000,000, revenue 1,200,000,000, five stars,
-- service started 200 days before the application date, every flag true.
CREATE FUNCTION pg_temp.passing(seg integer, n bigint, enterprise integer, clause_code text, project_ref text,
                                local_ts timestamp, qualifying_date date, amount numeric)
RETURNS pg_temp.gen_app
LANGUAGE sql IMMUTABLE
AS $$
    SELECT ROW(seg, n, enterprise, clause_code, project_ref, local_ts, qualifying_date,
               'above', false, true,
               amount, amount, 25000000, amount, 1200000000,
               5, local_ts::date - 200, true, true, true, true, true,
               false, true, NULL, NULL)::pg_temp.gen_app
$$;

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
       pg_temp.gen_u(g.n, 35) % 30 = 0,
       -- city_made_product: NULL, false or true
       CASE pg_temp.gen_u(g.n, 36) % 4 WHEN 0 THEN NULL WHEN 1 THEN false ELSE true END,
       sp.expenditure_from,
       sp.expenditure_until
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
) t
CROSS JOIN LATERAL (
    -- the spending period claimed: NULL (from service_start / up to applied_on),
    -- the purchase-window edge and the day before it, or any day; its end
    -- NULL, the application date, after it, or before it (the check
    -- constraint wants expenditure_until >= expenditure_from when both are given).
    SELECT f.expenditure_from,
           CASE WHEN u.until < f.expenditure_from THEN f.expenditure_from ELSE u.until END AS expenditure_until
    FROM (SELECT CASE pg_temp.gen_u(g.n, 37) % 6
                     WHEN 3 THEN make_date(extract(year FROM t.applied_on)::integer - 1, 1, 1)
                     WHEN 4 THEN make_date(extract(year FROM t.applied_on)::integer - 1, 1, 1) - 1
                     WHEN 5 THEN t.applied_on - (20 + pg_temp.gen_u(g.n, 38) % 400)::integer
                 END AS expenditure_from) f
    CROSS JOIN LATERAL (
        SELECT CASE pg_temp.gen_u(g.n, 39) % 5
                   WHEN 1 THEN t.applied_on
                   WHEN 2 THEN t.applied_on + 30
                   WHEN 3 THEN t.applied_on - (pg_temp.gen_u(g.n, 40) % 200)::integer
               END AS until
    ) u
) sp;

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
-- none in 2026); a fifth filed in reverse order, as for clause 13.  Clause 15
-- is once per enterprise and product: the first eligible application of a
-- product keeps its place, the repeats are refused (the first application of
-- some products is not made in the city, or does not say: the next one
-- qualifies first).
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
       NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, false,
       CASE WHEN q.q % 7 = 0 AND j.j = 1 THEN false WHEN q.q % 11 = 0 AND j.j = 1 THEN NULL ELSE true END
FROM generate_series(1, 1000) AS q (q)
CROSS JOIN generate_series(1, 5) AS j (j)
CROSS JOIN LATERAL (
    SELECT DATE '2023-09-01' + (pg_temp.gen_u(q.q, 46) % 600)::integer
           + (j.j - 1) * (30 + (pg_temp.gen_u(q.q, 47) % 200)::integer) AS qd
) d
CROSS JOIN LATERAL (SELECT DATE '2023-09-01' + (pg_temp.gen_u(q.q, 46) % 600)::integer AS qd) d1
WHERE j.j <= 2 + pg_temp.gen_u(q.q, 48) % 4;

------------------------------------------------------------------------------
-- Segment 5: clause 9, once only (per enterprise)
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
       true, true, true, true, true, false, true
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
-- Segment 7: once only (clauses 2.3, 9, 12, 14 once per enterprise; 15 once
-- per enterprise and product)
------------------------------------------------------------------------------

-- 800 enterprises, one clause each, in eight patterns (pt):
--   0  two applications in the same award year (clause 15: the same product)
--   1  the repeat in the next award year (for 2025: in 2026, under the
--      successor, which carries once_only over)
--   2  the later award year applied for first: an event of 5 January Y+1
--      applied for on 10 January, one of 20 December Y on 25 January; the
--      second is refused although its award year is earlier
--   3  the first fails a condition (clause 2.3: not in force), the second
--      qualifies first, the third is refused
--   4  clause 15: products A, B, A again (refused), B again in the same year
--      (refused), C without city_made_product, C again (qualifies first);
--      other clauses: three applications at one instant (application_id
--      decides)
--   5  the first superseded by another policy's higher award: it still keeps
--      its place, the repeat next year is refused
--   6  2025, then 2026 (clause 15: and another product in 2026, allowed)
--   7  the first superseded by a higher clause-1 award of ours in its group;
--      the repeat next year is refused
CREATE TEMP TABLE gen_once AS
SELECT i,
       (ARRAY['2.3', '9', '12', '14', '15'])[i % 5 + 1] AS clause_code,
       (i / 5) % 8 AS pt,
       y,
       make_date(y, 9, 1) + i % 28 AS q0
FROM generate_series(1, 800) AS i
CROSS JOIN LATERAL (SELECT CASE WHEN (i / 5) % 8 = 6 THEN 2025 ELSE 2022 + (i / 40) % 4 END AS y) yy;

INSERT INTO gen_app
SELECT (pg_temp.passing(7, o.i * 10 + t.j, 15000 + o.i,
                        coalesce(t.clause_code, o.clause_code),
                        'ONCE-' || o.i || '-' || CASE WHEN o.clause_code = '15' THEN t.product ELSE t.other_ref END,
                        CASE WHEN o.pt = 4 AND o.clause_code <> '15' THEN (o.q0 + 5) + time '10:00'
                             ELSE t.applied + time '10:00' + interval '1 minute' * t.j END,
                        t.q,
                        CASE WHEN t.clause_code = '1' THEN 2000000 ELSE 100000 + (o.i % 50) * 1000 + t.j END)).*
FROM gen_once o
CROSS JOIN LATERAL (
    SELECT v.*
    FROM (VALUES
        (0, 1, NULL, o.q0,                         o.q0 + 10,                    'A', '1'),
        (0, 2, NULL, o.q0 + 20,                    o.q0 + 30,                    'A', '2'),
        (1, 1, NULL, o.q0,                         o.q0 + 10,                    'A', '1'),
        (1, 2, NULL, o.q0 + 365,                   o.q0 + 375,                   'A', '2'),
        (2, 1, NULL, make_date(o.y + 1, 1, 5),     make_date(o.y + 1, 1, 10),    'A', '1'),
        (2, 2, NULL, make_date(o.y, 12, 20),       make_date(o.y + 1, 1, 25),    'A', '2'),
        (3, 1, NULL, o.q0,                         o.q0 + 5,                     'A', '1'),
        (3, 2, NULL, o.q0 + 10,                    o.q0 + 15,                    'A', '2'),
        (3, 3, NULL, o.q0 + 365,                   o.q0 + 375,                   'A', '3'),
        (4, 1, NULL, o.q0,                         o.q0 + 5,                     'A', '1'),
        (4, 2, NULL, o.q0 + 1,                     o.q0 + 8,                     'B', '2'),
        (4, 3, NULL, o.q0 + 2,                     o.q0 + 110,                   'A', '3'),
        (4, 4, NULL, o.q0 + 5,                     o.q0 + 9,                     'B', '4'),
        (4, 5, NULL, o.q0 + 6,                     o.q0 + 10,                    'C', '5'),
        (4, 6, NULL, o.q0 + 7,                     o.q0 + 12,                    'C', '6'),
        (5, 1, NULL, o.q0,                         o.q0 + 5,                     'A', '1'),
        (5, 2, NULL, o.q0 + 365,                   o.q0 + 375,                   'A', '2'),
        (6, 1, NULL, DATE '2025-10-01' + o.i % 28, DATE '2025-10-06' + o.i % 28, 'A', '1'),
        (6, 2, NULL, DATE '2026-03-01' + o.i % 28, DATE '2026-03-06' + o.i % 28, 'A', '2'),
        (6, 3, NULL, DATE '2026-03-05' + o.i % 28, DATE '2026-03-10' + o.i % 28, 'B', '3'),
        (7, 1, NULL, o.q0,                         o.q0 + 5,                     'S', 'S'),
        (7, 2, '1',  o.q0,                         o.q0 + 6,                     'S', 'S'),
        (7, 3, NULL, o.q0 + 365,                   o.q0 + 370,                   'T', 'T')
    ) AS v (pt, j, clause_code, q, applied, product, other_ref)
    WHERE v.pt = o.pt
      AND NOT (o.pt = 4 AND o.clause_code <> '15' AND v.j > 3)
      AND NOT (o.pt = 6 AND o.clause_code <> '15' AND v.j = 3)
) t;

-- The failing first applications (pt 3), and product C without the fact (pt 4).
UPDATE gen_app g
SET qualifying_date   = CASE WHEN o.clause_code = '2.3' THEN DATE '2022-07-27' ELSE g.qualifying_date END,
    local_ts          = CASE WHEN o.clause_code = '2.3' THEN timestamp '2022-08-10 10:00' ELSE g.local_ts END,
    revenue           = CASE WHEN o.clause_code = '9' THEN 999999999.99 ELSE g.revenue END,
    innovative_mode   = CASE WHEN o.clause_code = '12' THEN NULL ELSE g.innovative_mode END,
    scale             = CASE WHEN o.clause_code = '14' THEN 'below' ELSE g.scale END,
    city_made_product = CASE WHEN o.clause_code = '15' THEN false ELSE g.city_made_product END
FROM gen_once o
WHERE g.seg = 7 AND g.n = o.i * 10 + 1 AND o.pt = 3;

UPDATE gen_app g
SET city_made_product = NULL
FROM gen_once o
WHERE g.seg = 7 AND g.n = o.i * 10 + 5 AND o.pt = 4 AND o.clause_code = '15';

-- pt 5: another policy's award above the first one's.
INSERT INTO gen_other
SELECT 7, o.i, 15000 + o.i, g.project_ref, extract(year FROM g.qualifying_date)::integer, 1000000
FROM gen_once o
JOIN gen_app g ON g.seg = 7 AND g.n = o.i * 10 + 1
WHERE o.pt = 5;

------------------------------------------------------------------------------
-- Segment 8: clause 12 events before the policy took effect
------------------------------------------------------------------------------

-- Registration (service_start) x event (qualifying_date) x scale x 4: one
-- enterprise each.  Applied from 2022-09-01 (events up to 2022-12-01) or 20
-- days after the event (2026).  Expected: events before 2021-01-01 not in
-- force (the policy takes effect on 2022-07-28); 2021-01-01 .. 2022-07-27 in
-- force with the parameters of 2022-07-28 (award year 2021 or 2022);
-- registration 2020-12-31 fails min_service_start_date; in 2026 the gap takes
-- the parameters of 2026-11-15 (below scale: no fixed amount), the suspension
-- and the end do not.  k = 3: another policy's award of 50,000 in the event's
-- year; k = 4: a repeat in 2023 (once only); k = 2: a clause-14 application
-- for the same event (no eligible_from: not in force before 2022-07-28).
CREATE TEMP TABLE gen_node AS
SELECT row_number() OVER (ORDER BY r.r, d.d, s.s, k.k)::integer AS idx, r.ss, d.q, s.scale, k.k
FROM (VALUES (1, DATE '2020-12-31'), (2, DATE '2021-01-01'), (3, DATE '2021-06-30')) AS r (r, ss)
CROSS JOIN (VALUES (1, DATE '2020-12-31'), (2, DATE '2021-01-01'), (3, DATE '2021-03-15'), (4, DATE '2021-12-31'),
                   (5, DATE '2022-01-01'), (6, DATE '2022-07-27'), (7, DATE '2022-07-28'), (8, DATE '2022-12-01'),
                   (9, DATE '2026-11-01'), (10, DATE '2026-11-14'), (11, DATE '2026-10-15'), (12, DATE '2026-12-01'))
           AS d (d, q)
CROSS JOIN (VALUES (1, 'above'), (2, 'below')) AS s (s, scale)
CROSS JOIN generate_series(1, 4) AS k (k);

INSERT INTO gen_app
SELECT (pg_temp.passing(8, c.idx * 10 + 1, 16000 + c.idx, '12', 'NODE',
                        CASE WHEN c.q < DATE '2023-01-01' THEN DATE '2022-09-01' + c.k ELSE c.q + 20 END
                            + time '10:00' + interval '1 minute' * c.idx,
                        c.q, 0)).*
FROM gen_node c;

UPDATE gen_app g SET service_start = c.ss, scale = c.scale
FROM gen_node c WHERE g.seg = 8 AND g.n = c.idx * 10 + 1;

INSERT INTO gen_app
SELECT (pg_temp.passing(8, c.idx * 10 + 2, 16000 + c.idx, '12', 'NODE-2',
                        timestamp '2023-06-01 10:00' + interval '1 minute' * c.idx, DATE '2023-05-01', 0)).*
FROM gen_node c WHERE c.k = 4;

INSERT INTO gen_app
SELECT (pg_temp.passing(8, c.idx * 10 + 3, 16000 + c.idx, '14', 'OTHER',
                        CASE WHEN c.q < DATE '2023-01-01' THEN DATE '2022-09-01' + c.k ELSE c.q + 20 END
                            + time '11:00' + interval '1 minute' * c.idx,
                        c.q, 150000)).*
FROM gen_node c WHERE c.k = 2;

INSERT INTO gen_other
SELECT 8, c.idx, 16000 + c.idx, 'NODE', extract(year FROM c.q)::integer, 50000
FROM gen_node c WHERE c.k = 3;

------------------------------------------------------------------------------
-- Segment 9: 2025 events applied for in January 2026
------------------------------------------------------------------------------

-- Decided with the parameters of 2025 (clause 3: within the 2025 quota, long
-- taken: over quota); the purchase window and the running time count from
-- the application date (2026).  Some applied at 00:30 on 1 January Shanghai
-- time (31 December in UTC); a tenth registered / started on 2024-12-31.
INSERT INTO gen_app
SELECT (pg_temp.passing(9, i, 16500 + i,
                        (ARRAY['1', '2.1', '4', '12', '14', '3', '13'])[i % 7 + 1],
                        'LATE',
                        CASE WHEN i % 4 = 0 THEN DATE '2026-01-01' + time '00:30'
                             ELSE DATE '2026-01-01' + i % 31 + time '10:00' END,
                        (ARRAY[DATE '2025-12-31', DATE '2025-11-15', DATE '2025-07-01'])[i % 3 + 1],
                        300000 + i * 100)).*
FROM generate_series(1, 210) AS i;

UPDATE gen_app SET service_start = DATE '2024-12-31' WHERE seg = 9 AND n % 10 = 9;

------------------------------------------------------------------------------
-- Segment 10: superseded one year, applied for again the next (clauses 13, 15)
------------------------------------------------------------------------------

-- 360 enterprises, first award year Y = 2023 .. 2025; clause 13 (10 %, cap
-- 600,000 per project, 800,000 in 2026), project SUP13-i, in six variants (v):
--   0  Y: 300,000, superseded by another policy's 400,000; Y+1: 700,000 claims
--      the whole cap (600,000; 2026: 700,000 of 800,000)
--   1  Y: 250,000 paid; Y+1: 500,000 claims 350,000; Y+2: 100,000 finds the
--      cap used up (2026: 200,000 left)
--   2  Y: superseded; Y+1: 400,000 then 500,000 in one group (all_awards: the
--      higher wins; 2026: both win and share the cap)
--   3  Y and Y+1 superseded; Y+2 claims the whole cap
--   4  Y: 550,000 paid; Y+1: 30,000 and 40,000 with another policy's 35,000
--      (40,000 is paid and outranks it); Y+2: 100,000 claims the 10,000 left
--   5  2025: 400,000 paid; 2026: 200,000, 150,000 and 100,000 (all win, the
--      last gets the 50,000 left), for even i another policy's 120,000
--      supersedes the 100,000
-- and clause 15 (20 %, cap 100,000; 2026: 25 %, no cap), product SUP15-i:
--   i % 3 = 0  Y: 50,000 superseded by another policy's 60,000; Y+1 the same
--              product: once only, refused
--   i % 3 = 1  Y: not made in the city (ineligible); Y+1: qualifies first
--   i % 3 = 2  Y: superseded; Y+1 another product: paid
CREATE TEMP TABLE gen_sup AS
SELECT i, 17000 + i AS enterprise, (i / 3) % 6 AS v,
       CASE WHEN (i / 3) % 6 = 5 THEN 2025 ELSE 2023 + i % 3 END AS y
FROM generate_series(1, 360) AS i;

CREATE TEMP TABLE gen_sup_app AS
SELECT s.i, s.enterprise, s.v, t.j, t.o, s.y + t.o AS award_year, t.provincial, t.other,
       make_date(s.y + t.o, 3, 1) + s.i % 20 + 2 * t.j AS q
FROM gen_sup s
CROSS JOIN LATERAL (
    SELECT v.*
    FROM (VALUES
        (0, 1, 0, 3000000, 400000), (0, 2, 1, 7000000, NULL),
        (1, 1, 0, 2500000, NULL),   (1, 2, 1, 5000000, NULL),  (1, 3, 2, 1000000, NULL),
        (2, 1, 0, 3000000, 400000), (2, 2, 1, 4000000, NULL),  (2, 3, 1, 5000000, NULL),
        (3, 1, 0, 3000000, 400000), (3, 2, 1, 3000000, 350000), (3, 3, 2, 7000000, NULL),
        (4, 1, 0, 5500000, NULL),   (4, 2, 1, 300000, NULL),   (4, 3, 1, 400000, 35000), (4, 4, 2, 1000000, NULL),
        (5, 1, 0, 4000000, NULL),   (5, 2, 1, 2000000, NULL),  (5, 3, 1, 1500000, NULL),
        (5, 4, 1, 1000000, CASE WHEN s.i % 2 = 0 THEN 120000 END)
    ) AS v (v, j, o, provincial, other)
    WHERE v.v = s.v AND s.y + v.o <= 2026
) t;

INSERT INTO gen_app
SELECT (pg_temp.passing(10, a.i * 10 + a.j, a.enterprise, '13', 'SUP13-' || a.i,
                        (a.q + 10) + time '10:00' + interval '1 minute' * a.j, a.q, a.provincial)).*
FROM gen_sup_app a;

INSERT INTO gen_other
SELECT DISTINCT ON (a.i, a.award_year) 10, a.i * 10 + a.j, a.enterprise, 'SUP13-' || a.i, a.award_year, a.other
FROM gen_sup_app a
WHERE a.other IS NOT NULL
ORDER BY a.i, a.award_year, a.j;

INSERT INTO gen_app
SELECT (pg_temp.passing(10, 5000 + s.i * 10 + t.j, s.enterprise, '15', t.product,
                        (t.q + 10) + time '11:00', t.q, 250000)).*
FROM gen_sup s
CROSS JOIN LATERAL (
    SELECT 1 AS j, 'SUP15-' || s.i AS product, make_date(s.y, 4, 1) + s.i % 20 AS q
  UNION ALL
    SELECT 2, 'SUP15-' || s.i || CASE WHEN s.i % 3 = 2 THEN '-B' ELSE '' END, make_date(s.y + 1, 4, 1) + s.i % 20
    WHERE s.y + 1 <= 2026
) t;

UPDATE gen_app SET city_made_product = false WHERE seg = 10 AND n > 5000 AND n % 10 = 1 AND ((n - 5000) / 10) % 3 = 1;

INSERT INTO gen_other
SELECT 10, 5000 + s.i, s.enterprise, 'SUP15-' || s.i, s.y, 60000
FROM gen_sup s
WHERE s.i % 3 IN (0, 2);

------------------------------------------------------------------------------
-- Segment 11: clause 3 spending periods
------------------------------------------------------------------------------

-- Enterprises apply on 29 / 30 November of the year before the award year,
-- before everyone else (within the quota), except the over-quota ones.
-- Periods are days counted from B = 1 January of the year before Y1 (both
-- ends included); service started on B + 31 (1 February).  Spending 10,000
-- and a little more for each later application (claims about 5,000).
--
-- 24 enterprises (Y1 = 2022 .. 2025, Y2 = Y1 + 1), eight services each, in
-- seven patterns (p):
--   0  Y1 [150, 300] paid; Y2 [300, 400] overlaps it by one day: refused
--   1  Y1 [150, 300] paid; Y2 [301, 400] touches it: allowed
--   2  Y1 [100, 200]; Y1 [200, 250] refused (same year); Y1 [201, 260]
--      overlaps only the refused one: allowed (and wins the stacking group)
--   3  Y1 from service_start to B + 120; Y2 from B + 120 up to the application
--      date: refused; Y2 from B + 121 up to the application date: allowed
--   4  Y1 [100, 300] superseded by another policy; Y2 [250, 400]: allowed
--   5  Y2 [300, 400] applied for first (29 November of Y1 - 1); Y1 [150, 300]
--      paid; the Y2 one is refused (an earlier award year's payable one)
--   6  Y1: a period that ends (the application date) before it starts, no
--      period at all (neither expenditure_from nor service_start), [100, 200]
--      paid; Y2 [200, 260] refused
-- 8 enterprises over quota in Y1 (applied in October of Y1), three services:
--   Y1 [100, 300] over quota; Y2 [200, 400]: allowed; Y2 [250, 260]: refused
-- 6 enterprises whose Y1 cap is used up by a service applied for first:
--   Y1 [100, 300] cap_exhausted; Y2 [250, 400]: allowed
CREATE TEMP TABLE gen_spend AS
SELECT e.i, 18000 + e.i AS enterprise, e.kind, y1, make_date(y1 - 1, 1, 1) AS b, s.s, t.*
FROM (SELECT i, CASE WHEN i <= 24 THEN 'main' WHEN i <= 32 THEN 'over_quota' ELSE 'cap_used' END AS kind,
             2022 + i % 4 AS y1
      FROM generate_series(1, 38) AS i) e
CROSS JOIN generate_series(1, 8) AS s (s)
CROSS JOIN LATERAL (
    SELECT v.j, v.o, v.from_day, v.until_day, v.applied_first, v.other
    FROM (VALUES
        -- p, j, year offset, from, until (NULL: not given), applied first, other award
        (0, 1, 0, 150, 300, false, false), (0, 2, 1, 300, 400, false, false),
        (1, 1, 0, 150, 300, false, false), (1, 2, 1, 301, 400, false, false),
        (2, 1, 0, 100, 200, false, false), (2, 2, 0, 200, 250, false, false), (2, 3, 0, 201, 260, false, false),
        (3, 1, 0, NULL, 120, false, false), (3, 2, 1, 120, NULL, false, false), (3, 3, 1, 121, NULL, false, false),
        (4, 1, 0, 100, 300, false, true),  (4, 2, 1, 250, 400, false, false),
        (5, 2, 1, 300, 400, true, false),  (5, 1, 0, 150, 300, false, false),
        (6, 1, 0, 700, NULL, false, false), (6, 2, 0, NULL, NULL, false, false), (6, 3, 0, 100, 200, false, false),
        (6, 4, 1, 200, 260, false, false),
        (10, 1, 0, 100, 300, false, false), (10, 2, 1, 200, 400, false, false), (10, 3, 1, 250, 260, false, false),
        (20, 1, 0, 100, 300, false, false), (20, 2, 1, 250, 400, false, false)
    ) AS v (p, j, o, from_day, until_day, applied_first, other)
    WHERE v.p = CASE e.kind WHEN 'main' THEN (e.i + s.s) % 7 WHEN 'over_quota' THEN 10 ELSE 20 END
      AND (e.kind = 'main' OR s.s <= CASE e.kind WHEN 'over_quota' THEN 3 ELSE 2 END)
) t;

INSERT INTO gen_app
SELECT (pg_temp.passing(11, x.i * 1000 + x.s * 10 + x.j, x.enterprise, '3', 'SVC-' || x.s,
                        CASE WHEN x.applied_first THEN make_date(x.y1 - 1, 11, 29)
                             WHEN x.kind = 'over_quota' AND x.o = 0 THEN make_date(x.y1, 10, 1)
                             ELSE make_date(x.y1 + x.o - 1, 11, 30) END
                            + time '01:00' + interval '1 hour' * x.s + interval '1 minute' * x.j,
                        CASE WHEN x.y1 + x.o = 2022 THEN DATE '2022-08-15' ELSE make_date(x.y1 + x.o, 2, 15) END,
                        10000 + x.s * 100 + x.j * 10)).*
FROM gen_spend x;

UPDATE gen_app g
SET service_start     = CASE WHEN x.from_day IS NULL AND x.until_day IS NULL THEN NULL ELSE x.b + 31 END,
    expenditure_from  = CASE WHEN x.from_day = 700 THEN g.local_ts::date + 1 ELSE x.b + x.from_day END,
    expenditure_until = x.b + x.until_day,
    cloud_stars       = 5
FROM gen_spend x
WHERE g.seg = 11 AND g.n = x.i * 1000 + x.s * 10 + x.j;

-- The service that uses up the enterprise's Y1 cap first (claims 50,000).
INSERT INTO gen_app
SELECT (pg_temp.passing(11, x.i * 1000 + 999, x.enterprise, '3', 'CAPFILL',
                        make_date(x.y1 - 1, 11, 30) + time '00:10',
                        CASE WHEN x.y1 = 2022 THEN DATE '2022-08-15' ELSE make_date(x.y1, 2, 15) END, 200000)).*
FROM (SELECT DISTINCT i, enterprise, y1 FROM gen_spend WHERE kind = 'cap_used') x;

UPDATE gen_app g
SET service_start = make_date(extract(year FROM g.local_ts)::integer, 2, 1),
    expenditure_from = make_date(extract(year FROM g.local_ts)::integer, 1, 10),
    expenditure_until = make_date(extract(year FROM g.local_ts)::integer, 2, 20)
WHERE g.seg = 11 AND g.n % 1000 = 999;

INSERT INTO gen_other
SELECT 11, x.i * 1000 + x.s * 10 + x.j, x.enterprise, 'SVC-' || x.s, x.y1 + x.o, 1000000
FROM gen_spend x
WHERE x.other;

------------------------------------------------------------------------------
-- Segment 12: clause 3 purchase window on the spending period (2026) or the
-- service start (2025)
------------------------------------------------------------------------------

-- Ten enterprises.  2026 (applied 30 November 2025: the window opens on
-- 2024-01-01, checked on expenditure_from, else service_start): PW-1 started
-- 2022 but spends from 2024-01-01 (allowed), PW-2 from 2023-12-31 (refused),
-- PW-3 started 2022 without expenditure_from (refused), PW-4 started
-- 2024-01-01 (allowed), PW-5 neither date (missing facts).  2025 (applied 20
-- December 2024, after the quota is taken: the window opens on 2023-01-01,
-- checked on service_start): PW-6 started 2022, spends from 2024 (refused),
-- PW-7 started 2023-01-01, spends from 2022 (allowed: over quota), PW-8
-- started 2022-12-31 (refused).
INSERT INTO gen_app
SELECT (pg_temp.passing(12, i * 10 + w.j, 18100 + i, '3', 'PW-' || w.j,
                        w.applied + time '10:00' + interval '1 minute' * i, w.q, 20000)).*
FROM generate_series(1, 10) AS i
CROSS JOIN (VALUES (1, DATE '2025-11-30', DATE '2026-02-20'), (2, DATE '2025-11-30', DATE '2026-02-20'),
                   (3, DATE '2025-11-30', DATE '2026-02-20'), (4, DATE '2025-11-30', DATE '2026-02-20'),
                   (5, DATE '2025-11-30', DATE '2026-02-20'), (6, DATE '2024-12-20', DATE '2025-02-20'),
                   (7, DATE '2024-12-20', DATE '2025-02-20'), (8, DATE '2024-12-20', DATE '2025-02-20'))
     AS w (j, applied, q);

UPDATE gen_app g
SET service_start = w.ss, expenditure_from = w.ef, expenditure_until = w.eu
FROM (VALUES (1, DATE '2022-05-01', DATE '2024-01-01', DATE '2025-06-30'),
             (2, DATE '2022-05-01', DATE '2023-12-31', DATE '2025-06-30'),
             (3, DATE '2022-05-01', NULL,              DATE '2025-06-30'),
             (4, DATE '2024-01-01', NULL,              DATE '2025-06-30'),
             (5, NULL,              NULL,              DATE '2025-06-30'),
             (6, DATE '2022-05-01', DATE '2024-03-01', DATE '2024-10-31'),
             (7, DATE '2023-01-01', DATE '2022-06-01', DATE '2024-10-31'),
             (8, DATE '2022-12-31', DATE '2024-01-01', DATE '2024-10-31'))
     AS w (j, ss, ef, eu)
WHERE g.seg = 12 AND g.n % 10 = w.j;

------------------------------------------------------------------------------
-- Segment 13: awards of 0.00
------------------------------------------------------------------------------

-- 400 enterprises, one group each (project ZERO, award years 2023 .. 2026), a
-- clause-1 application with provincial amount 0 (computes 0.00) applied first:
--   v 0  and a clause-2.1 application of 20,000 applied later (all_awards: the
--        0.00 claim is superseded; 2026: both paid)
--   v 1  alone: payable 0.00
--   v 2  another policy's award of 5,000: superseded
--   v 3  another policy's award of 0 (no candidate): payable 0.00
--   v 4  a second 0.00 claim (clause 4) applied later: the tie goes to the
--        earlier (2026: both paid)
INSERT INTO gen_app
SELECT (pg_temp.passing(13, i * 10 + t.j, 19000 + i, t.clause_code, 'ZERO',
                        (make_date(2023 + i % 4, 4, 1) + i % 30 + 5) + t.at,
                        make_date(2023 + i % 4, 4, 1) + i % 30, t.amount)).*
FROM generate_series(1, 400) AS i
CROSS JOIN LATERAL (
    SELECT 1 AS j, '1' AS clause_code, time '09:00' AS at, 0::numeric AS amount
  UNION ALL
    SELECT 2, '2.1', time '10:00', 100000 WHERE (i / 4) % 5 = 0
  UNION ALL
    SELECT 2, '4', time '10:00', 0 WHERE (i / 4) % 5 = 4
) t;

INSERT INTO gen_other
SELECT 13, i, 19000 + i, 'ZERO', 2023 + i % 4, CASE (i / 4) % 5 WHEN 2 THEN 5000 ELSE 0 END
FROM generate_series(1, 400) AS i
WHERE (i / 4) % 5 IN (2, 3);

------------------------------------------------------------------------------
-- Segment 14: 2026, this policy's awards compete only with other policies'
------------------------------------------------------------------------------

-- 300 groups (project OPO), 2-4 applications under different clauses,
-- claims of about 20,000 to 100,000; for i % 3 = 1 another policy's award of
-- 25,000 (between the claims: outranks some, is outranked by others), for
-- i % 3 = 2 one of 10,000,000 (outranks all).
INSERT INTO gen_app
SELECT (pg_temp.passing(14, i * 10 + j, 19500 + i,
                        (ARRAY['1', '2.1', '2.2', '4', '14', '9', '12', '13'])[(i + 3 * j) % 8 + 1],
                        'OPO',
                        (DATE '2026-03-04' + i % 190) + time '09:00' + interval '1 hour' * j,
                        DATE '2026-03-01' + i % 190,
                        100000 * j + (i % 7) * 1000)).*
FROM generate_series(1, 300) AS i
CROSS JOIN generate_series(1, 4) AS j
WHERE j <= 2 + i % 3;

INSERT INTO gen_other
SELECT 14, i, 19500 + i, 'OPO', 2026, CASE i % 3 WHEN 1 THEN 25000 ELSE 10000000 END
FROM generate_series(1, 300) AS i
WHERE i % 3 <> 0;

------------------------------------------------------------------------------
-- Segment 15: the clause's window in 2026
------------------------------------------------------------------------------

-- Clause 2.2 (eligible_from 2026-03-01 in 2026) and clause 12 (2021-01-01),
-- events on 2026-01-01 and 2026-02-28 (2.2: not in force, eligible_from),
-- 2026-03-01, in the suspension (not in force), in the gap (in force with the
-- parameters of 2026-11-15) and after the end (expired).
INSERT INTO gen_app
SELECT (pg_temp.passing(15, i, 19850 + i, CASE WHEN i % 2 = 0 THEN '2.2' ELSE '12' END, 'WIN',
                        (d.q + 20) + time '10:00', d.q, 200000 + i * 100)).*
FROM generate_series(1, 140) AS i
CROSS JOIN LATERAL (
    SELECT (ARRAY[DATE '2026-01-01', DATE '2026-02-28', DATE '2026-03-01', DATE '2026-10-01',
                  DATE '2026-11-01', DATE '2026-11-14', DATE '2026-12-01'])[i % 7 + 1] AS q
) d;

------------------------------------------------------------------------------
-- The rows, in (segment, n) order: application_id 1, 2, ...  Loaded as a bulk
-- load is (doc/dba.md, "Bulk loads"): the keeper off, then the kept tables
-- rebuilt once (test/pgtap/kept.sql tests the keeper itself).
------------------------------------------------------------------------------

SET dsm_policy.keep = off;
INSERT INTO dsm_policy.application
    (application_id, credit_code, enterprise_name, clause_code, project_ref, applied_at, qualifying_date,
     scale, specialized, manufacturer, provincial_amount, expenditure, investment, approved_amount, revenue,
     cloud_stars, service_start, in_use, innovative_mode, in_catalogue, in_production, reports_statistics,
     city_made_product, expenditure_from, expenditure_until)
OVERRIDING SYSTEM VALUE
SELECT row_number() OVER (ORDER BY a.seg, a.n),
       e.credit_code,
       CASE WHEN a.no_name THEN NULL ELSE 'Enterprise ' || a.enterprise END,
       a.clause_code, a.project_ref,
       a.local_ts AT TIME ZONE 'Asia/Shanghai',
       a.qualifying_date,
       a.scale, a.specialized, a.manufacturer, a.provincial_amount, a.expenditure, a.investment,
       a.approved_amount, a.revenue, a.cloud_stars, a.service_start, a.in_use, a.innovative_mode,
       a.in_catalogue, a.in_production, a.reports_statistics,
       a.city_made_product, a.expenditure_from, a.expenditure_until
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
SELECT dsm_policy.keep_all() AS gen_keep_all \gset
RESET dsm_policy.keep;

-- Identity sequences continue after the rows given explicit ids.
SELECT setval(pg_get_serial_sequence('dsm_policy.application', 'application_id'), max(application_id))
       AS gen_application_seq
FROM dsm_policy.application \gset
SELECT setval(pg_get_serial_sequence('dsm_policy.other_award', 'other_award_id'), max(other_award_id))
       AS gen_other_award_seq
FROM dsm_policy.other_award \gset

DROP FUNCTION pg_temp.passing(integer, bigint, integer, text, text, timestamp, date, numeric);
DROP TABLE gen_app, gen_other, gen_enterprise, gen_once, gen_node, gen_sup, gen_sup_app, gen_spend;
DROP FUNCTION pg_temp.gen_u(bigint, integer);

ANALYZE dsm_policy.application;
ANALYZE dsm_policy.other_award;
