-- The award engine, rule by rule (doc/reference.md, "The rules, in order"): every clause's
-- formula, each condition's boundary, the first and last day in force, each
-- cap scope, the 30th and 31st enterprise of the quota, stacking with ties and
-- with other awards, rounding half away from zero, NULL facts.
SET datestyle = ISO;
SET timezone = 'Asia/Shanghai';
\pset null '-'

-- Start from empty tables and identities, whatever ran before.
TRUNCATE dsm_policy.application, dsm_policy.other_award RESTART IDENTITY;

-- A valid credit code for enterprise n.
CREATE FUNCTION pg_temp.cc(n integer) RETURNS text LANGUAGE sql AS $$
    SELECT p || dsm_policy.credit_code_check_character(p)
    FROM (SELECT '91230500MA' || lpad(n::text, 7, '0') AS p) s
$$;

-- Each application here is its own enterprise and project unless said: no
-- stacking between them.  applied_at is the qualifying date plus a month.
CREATE PROCEDURE pg_temp.apply(n integer, clause text, qualifying date, scale text DEFAULT 'above',
                               provincial numeric DEFAULT NULL, project text DEFAULT NULL,
                               applied timestamptz DEFAULT NULL)
LANGUAGE sql AS $$
    INSERT INTO dsm_policy.application (credit_code, enterprise_name, clause_code, project_ref,
                                        applied_at, qualifying_date, scale, provincial_amount)
    VALUES (pg_temp.cc(n), 'Enterprise ' || n, clause, coalesce(project, 'P' || n),
            coalesce(applied, qualifying + 30 + time '10:00'), qualifying, scale, provincial)
$$;

CREATE VIEW pg_temp.decided AS
SELECT application_id AS id, clause_code AS clause, status, computed_amount AS computed,
       award_amount AS award, payable_amount AS payable, policy_code, explanation
FROM dsm_policy.award_decision;

-- 1. Every clause's formula ------------------------------------------------
CALL pg_temp.apply(1, '1', '2023-03-01', provincial => 1500000);
CALL pg_temp.apply(2, '1', '2023-03-01', provincial => 2000000);
CALL pg_temp.apply(3, '2.1', '2023-03-01', provincial => 600000);
CALL pg_temp.apply(4, '2.1', '2023-03-01', provincial => 1000000);
CALL pg_temp.apply(5, '2.2', '2023-03-01', provincial => 500000);
CALL pg_temp.apply(6, '2.3', '2023-03-01');
CALL pg_temp.apply(7, '4', '2023-03-01', provincial => 400000);
CALL pg_temp.apply(8, '4', '2023-03-01', provincial => 800000);
UPDATE dsm_policy.application SET specialized = true WHERE credit_code = pg_temp.cc(8);
CALL pg_temp.apply(9, '5', '2023-03-01', provincial => 3000000);
CALL pg_temp.apply(10, '5', '2023-03-01', provincial => 6000000);
CALL pg_temp.apply(11, '14', '2023-03-01', provincial => 500000);
UPDATE dsm_policy.application SET reports_statistics = true WHERE credit_code = pg_temp.cc(11);
CALL pg_temp.apply(12, '15', '2023-03-01', provincial => 300000);
UPDATE dsm_policy.application SET city_made_product = true WHERE credit_code = pg_temp.cc(12);
CALL pg_temp.apply(13, '6', '2023-03-01');
UPDATE dsm_policy.application SET approved_amount = 50000 WHERE credit_code = pg_temp.cc(13);
CALL pg_temp.apply(14, '7', '2023-03-01');
CALL pg_temp.apply(15, '8', '2023-03-01');
CALL pg_temp.apply(16, '21', '2023-03-01');
-- clause 3: 50 % of cloud spending, cap by scale
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date,
                                    scale, manufacturer, expenditure, cloud_stars, service_start, in_use)
VALUES (pg_temp.cc(17), '3', 'cloud', '2023-06-30 10:00', '2023-06-30', 'above', true, 80000, 3, '2023-01-10', true),
       (pg_temp.cc(18), '3', 'cloud', '2023-06-30 10:00', '2023-06-30', 'below', true, 80000, 4, '2023-01-10', true);
-- clause 9: 10 % of the provincial award, revenue at least 1 billion
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date,
                                    scale, provincial_amount, revenue, reports_statistics)
VALUES (pg_temp.cc(19), '9', 'revenue', '2023-05-01 10:00', '2023-04-01', 'above', 5000000, 1000000000, true);
-- clause 12: fixed by scale for an identifier-resolution node
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date,
                                    scale, manufacturer, service_start, innovative_mode)
VALUES (pg_temp.cc(20), '12', 'node', '2023-05-01 10:00', '2023-04-01', 'above', true, '2022-05-01', true),
       (pg_temp.cc(21), '12', 'node', '2023-05-01 10:00', '2023-04-01', 'below', true, '2022-05-01', true);
-- clause 13: 10 % of the provincial subsidy for a catalogue product project
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date,
                                    scale, provincial_amount, investment, in_catalogue, in_production)
VALUES (pg_temp.cc(22), '13', 'line', '2023-05-01 10:00', '2023-04-01', 'above', 4000000, 30000000, true, true);

SELECT * FROM pg_temp.decided ORDER BY id;

-- The dashboard's views over the same decisions; their totals reconcile.
SELECT award_year, clause_code, applications, payable_applications, pending_applications,
       no_monetary_award_applications, computed_total, award_total, payable_total
FROM dsm_policy.award_totals_by_year_clause ORDER BY award_year, sort_key;
SELECT award_year, unit_code, unit_name_zh, clauses, applications, payable_applications,
       payable_total, payable_total_as_lead_unit
FROM dsm_policy.award_totals_by_unit ORDER BY award_year, unit_code;
SELECT (SELECT sum(payable_amount) FROM dsm_policy.award_decision) AS paid,
       (SELECT sum(payable_total) FROM dsm_policy.award_totals_by_year_clause) AS by_clause,
       (SELECT sum(payable_total_as_lead_unit) FROM dsm_policy.award_totals_by_unit) AS by_lead_unit,
       (SELECT sum(payable_total) FROM dsm_policy.award_totals_by_enterprise) AS by_enterprise,
       (SELECT sum(applications) FROM dsm_policy.award_totals_by_enterprise) AS applications;
TRUNCATE dsm_policy.application;

-- 2. In force: the first and last day -----------------------------------------
CALL pg_temp.apply(1, '1', '2022-07-27', provincial => 100000);
CALL pg_temp.apply(2, '1', '2022-07-28', provincial => 100000);
CALL pg_temp.apply(3, '1', '2025-12-31', provincial => 100000);
CALL pg_temp.apply(4, '1', '2026-01-01', provincial => 100000);
SELECT id, status, payable, explanation FROM pg_temp.decided ORDER BY id;
TRUNCATE dsm_policy.application;

-- 3. Conditions at their boundaries, and missing facts ------------------------
INSERT INTO dsm_policy.application (application_id, credit_code, clause_code, project_ref, applied_at,
                                    qualifying_date, scale, manufacturer, expenditure, cloud_stars,
                                    service_start, in_use)
VALUES -- running exactly 3 months (2023-03-31 + 3 months = 2023-06-30), and a day less
       (1, pg_temp.cc(1), '3', 'cloud', '2023-06-30 09:00', '2023-06-30', 'above', true, 10000, 3, '2023-03-31', true),
       (2, pg_temp.cc(2), '3', 'cloud', '2023-06-29 23:59', '2023-06-29', 'above', true, 10000, 3, '2023-03-30', true),
       -- month end: 2023-11-30 + 3 months = 2024-02-29
       (3, pg_temp.cc(3), '3', 'cloud', '2024-02-29 09:00', '2024-02-29', 'above', true, 10000, 3, '2023-11-30', true),
       (4, pg_temp.cc(4), '3', 'cloud', '2024-02-28 09:00', '2024-02-28', 'above', true, 10000, 3, '2023-11-30', true),
       -- bought on January 1 of the year before the application year, and a day earlier
       (5, pg_temp.cc(5), '3', 'cloud', '2023-05-01 09:00', '2023-05-01', 'above', true, 10000, 3, '2022-01-01', true),
       (6, pg_temp.cc(6), '3', 'cloud', '2023-05-01 09:00', '2023-05-01', 'above', true, 10000, 3, '2021-12-31', true),
       -- three stars and two; not a manufacturer; no longer in use
       (7, pg_temp.cc(7), '3', 'cloud', '2023-05-01 09:00', '2023-05-01', 'above', true, 10000, 2, '2022-06-01', true),
       (8, pg_temp.cc(8), '3', 'cloud', '2023-05-01 09:00', '2023-05-01', 'above', false, 10000, 5, '2022-06-01', false),
       -- missing facts: spending, stars, start, in use
       (9, pg_temp.cc(9), '3', 'cloud', '2023-05-01 09:00', '2023-05-01', 'above', true, NULL, NULL, NULL, NULL);
-- applied at 00:30 in Shanghai is still the previous day in UTC: the Shanghai date counts
INSERT INTO dsm_policy.application (application_id, credit_code, clause_code, project_ref, applied_at,
                                    qualifying_date, scale, manufacturer, expenditure, cloud_stars,
                                    service_start, in_use)
VALUES (10, pg_temp.cc(10), '3', 'cloud', '2023-06-29 16:30+00', '2023-06-30', 'above', true, 10000, 3, '2023-03-30', true);
INSERT INTO dsm_policy.application (application_id, credit_code, clause_code, project_ref, applied_at,
                                    qualifying_date, scale, provincial_amount, revenue, investment,
                                    in_catalogue, in_production, reports_statistics)
VALUES -- clause 9: revenue exactly 1 billion, a fen less, not reported
       (11, pg_temp.cc(11), '9', 'revenue', '2023-05-01 09:00', '2023-04-01', 'above', 1000000, 1000000000.00, NULL, NULL, NULL, true),
       (12, pg_temp.cc(12), '9', 'revenue', '2023-05-01 09:00', '2023-04-01', 'above', 1000000, 999999999.99, NULL, NULL, NULL, true),
       (13, pg_temp.cc(13), '9', 'revenue', '2023-05-01 09:00', '2023-04-01', 'above', 1000000, 2000000000.00, NULL, NULL, NULL, NULL),
       -- clause 13: investment exactly 20 million, a fen less, not in production
       (14, pg_temp.cc(14), '13', 'line', '2023-05-01 09:00', '2023-04-01', 'above', 1000000, NULL, 20000000.00, true, true, NULL),
       (15, pg_temp.cc(15), '13', 'line', '2023-05-01 09:00', '2023-04-01', 'above', 1000000, NULL, 19999999.99, true, true, NULL),
       (16, pg_temp.cc(16), '13', 'line', '2023-05-01 09:00', '2023-04-01', 'above', 1000000, NULL, 30000000.00, false, false, NULL),
       -- clause 14: newly above scale and reporting, and below scale
       (17, pg_temp.cc(17), '14', 'software', '2023-05-01 09:00', '2023-04-01', 'above', 500000, NULL, NULL, NULL, NULL, true),
       (18, pg_temp.cc(18), '14', 'software', '2023-05-01 09:00', '2023-04-01', 'below', 500000, NULL, NULL, NULL, NULL, true);
INSERT INTO dsm_policy.application (application_id, credit_code, clause_code, project_ref, applied_at,
                                    qualifying_date, scale, manufacturer, service_start, innovative_mode)
VALUES -- clause 12: node registered 2021-01-01 and a day before; running 3 months; innovative mode
       (19, pg_temp.cc(19), '12', 'node', '2021-04-01 09:00', '2022-08-01', 'above', true, '2021-01-01', true),
       (20, pg_temp.cc(20), '12', 'node', '2021-04-01 09:00', '2022-08-01', 'above', true, '2020-12-31', true),
       (21, pg_temp.cc(21), '12', 'node', '2022-09-01 09:00', '2022-08-01', 'below', true, '2022-06-02', NULL);
SELECT id, clause, status, computed, explanation FROM pg_temp.decided ORDER BY id;
TRUNCATE dsm_policy.application;

-- 4. Rounding half away from zero to the fen, before the cap ------------------
CALL pg_temp.apply(1, '5', '2023-03-01', provincial => 1000000.05);  -- 10 %: 100,000.005
CALL pg_temp.apply(2, '5', '2023-03-01', provincial => 1000000.04);  -- 10 %: 100,000.004
CALL pg_temp.apply(3, '1', '2023-03-01', provincial => 1234567.89);  -- 20 %: 246,913.578
CALL pg_temp.apply(4, '1', '2023-03-01', provincial => 0.02);        -- 20 %: 0.004
CALL pg_temp.apply(5, '1', '2023-03-01', provincial => 2000000.03);  -- 400,000.006: rounded, then capped
SELECT id, computed, award, explanation FROM pg_temp.decided ORDER BY id;
TRUNCATE dsm_policy.application;

-- 5. Cap scopes ---------------------------------------------------------------
-- per application (clause 1): each application its own cap
CALL pg_temp.apply(1, '1', '2023-03-01', provincial => 3000000, project => 'A');
CALL pg_temp.apply(1, '1', '2023-04-01', provincial => 3000000, project => 'B');
-- per enterprise and year (clause 3): 50,000 above scale, shared by the year's applications
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date,
                                    scale, manufacturer, expenditure, cloud_stars, service_start, in_use)
VALUES (pg_temp.cc(2), '3', 'erp-cloud', '2023-05-01 09:00', '2023-05-01', 'above', true, 60000, 3, '2023-01-01', true),
       (pg_temp.cc(2), '3', 'mes-cloud', '2023-07-01 09:00', '2023-07-01', 'above', true, 60000, 3, '2023-01-01', true),
       (pg_temp.cc(2), '3', 'crm-cloud', '2023-09-01 09:00', '2023-09-01', 'above', true, 60000, 3, '2023-01-01', true),
       (pg_temp.cc(2), '3', 'erp-cloud', '2024-05-01 09:00', '2024-05-01', 'above', true, 60000, 3, '2023-01-01', true);
-- the 2024 application claims the spending after the 2023 one (periods that touch)
UPDATE dsm_policy.application SET expenditure_from = '2023-05-02'
WHERE credit_code = pg_temp.cc(2) AND clause_code = '3' AND qualifying_date = '2024-05-01';
-- per project across years (clause 13): 600,000
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date,
                                    scale, provincial_amount, investment, in_catalogue, in_production)
VALUES (pg_temp.cc(3), '13', 'sensor-line', '2023-05-01 09:00', '2023-04-01', 'above', 4000000, 50000000, true, true),
       (pg_temp.cc(3), '13', 'sensor-line', '2024-05-01 09:00', '2024-04-01', 'above', 4000000, 50000000, true, true),
       (pg_temp.cc(3), '13', 'sensor-line', '2025-05-01 09:00', '2025-04-01', 'above', 4000000, 50000000, true, true),
       (pg_temp.cc(3), '13', 'chip-line', '2025-05-01 09:00', '2025-04-01', 'above', 4000000, 50000000, true, true);
-- per product across years (clause 15): 100,000, and the product bought once (once_only)
CALL pg_temp.apply(4, '15', '2023-03-01', provincial => 300000, project => 'MES v1');
CALL pg_temp.apply(4, '15', '2024-03-01', provincial => 300000, project => 'MES v1');
UPDATE dsm_policy.application SET city_made_product = true WHERE clause_code = '15';
SELECT id, clause, status, computed, award, explanation FROM pg_temp.decided ORDER BY id;
TRUNCATE dsm_policy.application;

-- 6. The quota: 30 enterprises a year for clause 3, by their earliest application
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date,
                                    scale, manufacturer, expenditure, cloud_stars, service_start, in_use)
SELECT pg_temp.cc(n), '3', 'cloud', timestamptz '2024-03-01 09:00' + n * interval '1 hour', '2024-03-01',
       'below', true, 20000, CASE WHEN n = 10 THEN 2 ELSE 3 END, '2023-06-01', true
FROM generate_series(1, 32) AS n;
-- enterprise 5 applies again later: it keeps its place, and takes no second one
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date,
                                    scale, manufacturer, expenditure, cloud_stars, service_start, in_use)
VALUES (pg_temp.cc(5), '3', 'cloud-2', '2024-09-01 09:00', '2024-09-01', 'below', true, 20000, 3, '2023-06-01', true);
SELECT d.credit_code = pg_temp.cc(10) AS two_stars, d.quota_rank, d.status, count(*), sum(d.payable_amount) AS payable
FROM dsm_policy.award_decision d
GROUP BY 1, 2, 3 ORDER BY 2 NULLS FIRST, 3;
SELECT enterprise_name, quota_rank, status, reason FROM dsm_policy.award_decision
WHERE quota_rank >= 29 OR quota_rank IS NULL OR credit_code = pg_temp.cc(5)
ORDER BY application_id;
SELECT * FROM dsm_policy.quota_use;
TRUNCATE dsm_policy.application;

-- 7. Stacking: the highest award of a project in a year; ties; other awards
CALL pg_temp.apply(1, '1', '2024-03-01', provincial => 1500000, project => 'plant');  -- 300,000
CALL pg_temp.apply(1, '4', '2024-04-01', provincial => 500000, project => 'plant');   -- 100,000: superseded
CALL pg_temp.apply(1, '4', '2025-04-01', provincial => 500000, project => 'plant');   -- another year: paid
-- a tie at the same time goes to the lower application_id, else to the earlier one
CALL pg_temp.apply(2, '2.2', '2024-03-01', provincial => 500000, project => 'pilot', applied => '2024-04-01 09:00');
CALL pg_temp.apply(2, '14', '2024-03-01', provincial => 500000, project => 'pilot', applied => '2024-04-01 09:00');
CALL pg_temp.apply(3, '14', '2024-03-01', provincial => 500000, project => 'pilot', applied => '2024-04-02 09:00');
CALL pg_temp.apply(3, '2.2', '2024-03-01', provincial => 500000, project => 'pilot', applied => '2024-04-01 09:00');
-- other city policies: higher, equal and lower than ours
CALL pg_temp.apply(4, '2.3', '2024-03-01', project => 'a');
CALL pg_temp.apply(4, '4', '2025-03-01', provincial => 500000, project => 'a');
CALL pg_temp.apply(4, '1', '2024-03-01', provincial => 500000, project => 'b');
INSERT INTO dsm_policy.other_award (credit_code, project_ref, award_year, policy_name, amount)
VALUES (pg_temp.cc(4), 'a', 2024, 'Talent programme', 150000),
       (pg_temp.cc(4), 'a', 2025, 'Science park support', 100000),
       (pg_temp.cc(4), 'b', 2024, 'Export support', 99999.99);
UPDATE dsm_policy.application SET reports_statistics = true WHERE clause_code = '14';
SELECT id, clause, status, award, payable, explanation FROM pg_temp.decided ORDER BY id;
TRUNCATE dsm_policy.application, dsm_policy.other_award;

-- 8. First time only (clause 9), a case-by-case clause, a suspect provincial amount
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date,
                                    scale, provincial_amount, revenue, reports_statistics)
VALUES (pg_temp.cc(1), '9', 'revenue-2023', '2023-05-01 09:00', '2023-04-01', 'above', 5000000, 1100000000, true),
       (pg_temp.cc(1), '9', 'revenue-2024', '2024-05-01 09:00', '2024-04-01', 'above', 5000000, 1500000000, true),
       (pg_temp.cc(2), '9', 'revenue-2024', '2024-05-01 09:00', '2024-04-01', 'above', 5000000, 900000000, true),
       (pg_temp.cc(2), '9', 'revenue-2025', '2025-05-01 09:00', '2025-04-01', 'above', 5000000, 1200000000, true);
CALL pg_temp.apply(3, '11', '2024-03-01');
CALL pg_temp.apply(4, '11', '2024-03-01');
UPDATE dsm_policy.application SET approved_amount = 300000 WHERE credit_code = pg_temp.cc(4);
CALL pg_temp.apply(5, '1', '2024-03-01', provincial => 2500000);
SELECT id, clause, status, payable, explanation FROM pg_temp.decided ORDER BY id;
SELECT application_id, clause_code, provincial_amount, provincial_max, excess
FROM dsm_policy.implausible_provincial_amount;
TRUNCATE dsm_policy.application;

-- 9. New numbers arrive as rows: a successor decides 2026 applications --------
CALL pg_temp.apply(1, '1', '2026-03-01', provincial => 1000000);
SELECT id, status, payable, explanation FROM pg_temp.decided;
BEGIN;
INSERT INTO dsm_policy.policy (policy_code, title_zh, title_en, issuer_zh, issuer_en,
                               adopted_on, published_on, in_force, stacking_rule)
VALUES ('example-2026', '（示例）后续政策', 'Example successor', '双鸭山市人民政府', 'Shuangyashan City People''s Government',
        '2025-12-01', '2025-12-15', daterange('2026-01-01', '2026-12-31', '[]'), 'highest_only');
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_flag)
VALUES ('example-2026', NULL, 'in_force', daterange('2026-01-01', '2026-12-31', '[]'), true);
SELECT id, status, explanation FROM pg_temp.decided;
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_ratio, value_amount)
VALUES ('example-2026', '1', 'share_ratio', daterange('2026-01-01', '2026-12-31', '[]'), 0.25, NULL),
       ('example-2026', '1', 'cap', daterange('2026-01-01', '2026-12-31', '[]'), NULL, 200000);
SELECT id, status, payable, policy_code, explanation FROM pg_temp.decided;
ROLLBACK;
TRUNCATE dsm_policy.application;
