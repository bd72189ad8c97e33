-- The readings of version 1.2 (doc/reference.md, view reading_register), each
-- at its boundary: once-only awards, clause 12's window, a 2025 event claimed
-- in 2026, caps that count what is paid, spending periods, the stacking scope,
-- a zero award in a group, a city-made product, the purchase window, and the
-- register itself.
SET datestyle = ISO;
SET timezone = 'Asia/Shanghai';
\pset null '-'
\set SHOW_CONTEXT never

TRUNCATE dsm_policy.application, dsm_policy.other_award RESTART IDENTITY;

-- A valid credit code for enterprise n.
CREATE FUNCTION pg_temp.cc(n integer) RETURNS text LANGUAGE sql AS $$
    SELECT p || dsm_policy.credit_code_check_character(p)
    FROM (SELECT '91230500MA' || lpad(n::text, 7, '0') AS p) s
$$;

CREATE VIEW pg_temp.decided AS
SELECT application_id AS id, clause_code AS clause, project_ref AS project, award_year AS year, status,
       award_amount AS award, payable_amount AS payable, reason
FROM dsm_policy.award_decision;

-- 1. Once-only awards (新通过, 完成企业节点注册, 新纳入规上统计, 首次达到, 首次购买) --------
-- Enterprise 1 passes 2.3, registers its node (12), is newly counted above-scale
-- (14) and first reaches a billion (9) in 2023, and applies again for each in 2024.
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale,
                                    manufacturer, provincial_amount, revenue, service_start, innovative_mode,
                                    reports_statistics)
SELECT pg_temp.cc(1), c.clause, c.clause || '-' || y, make_date(y, 5, 1) + time '10:00', make_date(y, 4, 1), 'above',
       true, CASE WHEN c.clause IN ('14', '9') THEN 500000 END, CASE WHEN c.clause = '9' THEN 1500000000 END,
       CASE WHEN c.clause = '12' THEN DATE '2022-09-01' END, CASE WHEN c.clause = '12' THEN true END,
       CASE WHEN c.clause IN ('14', '9') THEN true END
FROM unnest(ARRAY['2.3', '12', '14', '9']) AS c (clause)
CROSS JOIN unnest(ARRAY[2023, 2024]) AS y;
-- Enterprise 2 buys the city-made product MES in 2023 and again in 2024, and ERP in 2024.
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale,
                                    provincial_amount, city_made_product)
VALUES (pg_temp.cc(2), '15', 'MES', '2023-05-01 10:00', '2023-04-01', 'below', 300000, true),
       (pg_temp.cc(2), '15', 'MES', '2024-05-01 10:00', '2024-04-01', 'below', 300000, true),
       (pg_temp.cc(2), '15', 'ERP', '2024-06-01 10:00', '2024-05-01', 'below', 200000, true),
-- a product not made in the city, and one whose origin is not recorded
       (pg_temp.cc(3), '15', 'CAD', '2024-06-01 10:00', '2024-05-01', 'below', 200000, false),
       (pg_temp.cc(4), '15', 'CAD', '2024-06-01 10:00', '2024-05-01', 'below', 200000, NULL);
SELECT id, clause, project, year, status, payable, reason FROM pg_temp.decided ORDER BY id;
TRUNCATE dsm_policy.application RESTART IDENTITY;

-- 2. Clause 12 covers registrations from 2021-01-01 (对2021年1月1日起完成企业节点注册) -----
-- Qualifying dates in 2021, before the policy took effect (2022-07-28): decided
-- with the parameters of 2022-07-28.  A registration on 2020-12-31 fails
-- min_service_start_date; an event on 2020-12-31 is outside the window.
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale,
                                    manufacturer, service_start, innovative_mode)
VALUES (pg_temp.cc(1), '12', 'node', '2022-08-15 10:00', '2021-04-01', 'above', true, '2020-12-31', true),
       (pg_temp.cc(2), '12', 'node', '2022-08-15 10:00', '2021-04-01', 'above', true, '2021-01-01', true),
       (pg_temp.cc(3), '12', 'node', '2022-08-15 10:00', '2021-01-01', 'below', true, '2021-01-01', true),
       (pg_temp.cc(4), '12', 'node', '2022-08-15 10:00', '2020-12-31', 'below', true, '2020-09-01', true),
       (pg_temp.cc(5), '12', 'node', '2022-08-15 10:00', '2022-07-27', 'below', true, '2022-04-01', true);
-- clause 1 has no window before the policy: its 2022-07-27 is not in force
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale,
                                    provincial_amount)
VALUES (pg_temp.cc(6), '1', 'demo', '2022-08-15 10:00', '2022-07-27', 'above', 1000000);
SELECT d.id, d.clause, a.qualifying_date, a.service_start, d.status, d.payable, d.policy_code, d.parameter_version,
       d.explanation
FROM (SELECT application_id AS id, clause_code AS clause, status, payable_amount AS payable, policy_code,
             parameter_version, explanation FROM dsm_policy.award_decision) d
JOIN dsm_policy.application a ON a.application_id = d.id
ORDER BY d.id;
TRUNCATE dsm_policy.application RESTART IDENTITY;

-- 3. A 2025 event claimed in January 2026: the text sets no deadline for claims
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale,
                                    provincial_amount)
VALUES (pg_temp.cc(1), '1', 'demo', '2026-01-15 10:00', '2025-12-31', 'above', 1000000),
       (pg_temp.cc(2), '1', 'demo', '2026-01-15 10:00', '2026-01-01', 'above', 1000000);
SELECT id, year, status, payable, reason FROM pg_temp.decided ORDER BY id;
TRUNCATE dsm_policy.application RESTART IDENTITY;

-- 4. Caps count what is paid ------------------------------------------------
-- Clause 13, 600,000 per project across years: superseded in 2023 by another
-- policy's higher award, the project then gets its whole share in 2024 and
-- what is left in 2025.
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale,
                                    provincial_amount, investment, in_catalogue, in_production)
VALUES (pg_temp.cc(1), '13', 'line', '2023-05-01 10:00', '2023-04-01', 'above', 4000000, 50000000, true, true),
       (pg_temp.cc(1), '13', 'line', '2024-05-01 10:00', '2024-04-01', 'above', 3500000, 50000000, true, true),
       (pg_temp.cc(1), '13', 'line', '2025-05-01 10:00', '2025-04-01', 'above', 4000000, 50000000, true, true);
INSERT INTO dsm_policy.other_award (credit_code, project_ref, award_year, policy_name, amount)
VALUES (pg_temp.cc(1), 'line', 2023, 'Industrial upgrading fund', 500000);
-- Clause 3, 50,000 per enterprise and year: the first service's application is
-- superseded by another policy's award, the second gets its whole share.
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale,
                                    manufacturer, expenditure, cloud_stars, service_start, in_use)
VALUES (pg_temp.cc(2), '3', 'erp-cloud', '2023-05-01 10:00', '2023-05-01', 'above', true, 80000, 3, '2023-01-01', true),
       (pg_temp.cc(2), '3', 'mes-cloud', '2023-06-01 10:00', '2023-06-01', 'above', true, 80000, 3, '2023-01-01', true);
INSERT INTO dsm_policy.other_award (credit_code, project_ref, award_year, policy_name, amount)
VALUES (pg_temp.cc(2), 'erp-cloud', 2023, 'Cloud pilot fund', 45000);
SELECT application_id AS id, clause_code AS clause, project_ref AS project, award_year AS year, status,
       award_amount AS award, payable_amount AS payable, explanation
FROM dsm_policy.award_decision ORDER BY application_id;
SELECT * FROM dsm_policy.other_award_outranked ORDER BY other_award_id;
TRUNCATE dsm_policy.application, dsm_policy.other_award RESTART IDENTITY;

-- 5. Spending periods: no day of a service subsidised twice -----------------
-- Enterprise 1's 2023 application covers 2023-01-10 to 2023-04-30.  In 2024 one
-- application starts on 2023-04-30 (one day overlaps) and one on 2023-05-01
-- (the periods touch).
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale,
                                    manufacturer, expenditure, cloud_stars, service_start, in_use,
                                    expenditure_from, expenditure_until)
VALUES (pg_temp.cc(1), '3', 'cloud', '2023-05-01 10:00', '2023-05-01', 'above', true, 40000, 3, '2023-01-10', true, NULL, '2023-04-30'),
       (pg_temp.cc(1), '3', 'cloud', '2024-03-01 10:00', '2024-03-01', 'above', true, 40000, 3, '2023-01-10', true, '2023-04-30', '2024-02-29'),
       (pg_temp.cc(1), '3', 'cloud', '2024-03-02 10:00', '2024-03-02', 'above', true, 40000, 3, '2023-01-10', true, '2023-05-01', '2024-02-29'),
-- another service of the same enterprise may cover the same days
       (pg_temp.cc(1), '3', 'crm', '2024-03-03 10:00', '2024-03-03', 'above', true, 10000, 3, '2023-01-10', true, '2023-04-30', '2024-02-29'),
-- the same year: the second application of a service overlaps the first one
       (pg_temp.cc(2), '3', 'cloud', '2023-05-01 10:00', '2023-05-01', 'below', true, 20000, 3, '2023-01-10', true, NULL, '2023-03-31'),
       (pg_temp.cc(2), '3', 'cloud', '2023-06-01 10:00', '2023-06-01', 'below', true, 20000, 3, '2023-01-10', true, '2023-03-01', '2023-05-31');
SELECT id, project, year, status, payable, reason FROM pg_temp.decided ORDER BY id;
-- An earlier application that was not paid subsidised nothing: with one place
-- in 2023 (a what-if), enterprise 2's 2023 applications are over quota, and its
-- 2024 application may claim the same months.
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale,
                                    manufacturer, expenditure, cloud_stars, service_start, in_use,
                                    expenditure_from, expenditure_until)
VALUES (pg_temp.cc(2), '3', 'cloud', '2024-03-01 11:00', '2024-03-01', 'below', true, 20000, 3, '2023-01-10', true, '2023-01-10', '2024-02-29');
INSERT INTO dsm_policy.scenario (scenario, description) VALUES ('one_place', 'Clause 3: one enterprise in 2023');
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, scenario, validity, value_count)
VALUES ('sys-digital-economy-2022', '3', 'quota_enterprises_per_year', 'one_place', daterange('2023-01-01', '2023-12-31', '[]'), 1);
SELECT application_id, project_ref, award_year, status, quota_rank, payable_amount, reason
FROM dsm_policy.award_decision_under('one_place') WHERE credit_code = pg_temp.cc(2) ORDER BY application_id;
TRUNCATE dsm_policy.application RESTART IDENTITY;

-- 6. The stacking scope: all awards compete (enacted), or only other policies' (literal)
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale,
                                    provincial_amount, reports_statistics)
VALUES (pg_temp.cc(1), '1', 'plant', '2024-04-01 10:00', '2024-03-01', 'above', 1500000, NULL),  -- 300,000
       (pg_temp.cc(1), '4', 'plant', '2024-05-01 10:00', '2024-04-01', 'above', 500000, NULL),   -- 100,000
       (pg_temp.cc(1), '14', 'plant', '2024-06-01 10:00', '2024-05-01', 'above', 250000, true);  -- 50,000
INSERT INTO dsm_policy.other_award (credit_code, project_ref, award_year, policy_name, amount)
VALUES (pg_temp.cc(1), 'plant', 2024, 'Export support', 80000);
INSERT INTO dsm_policy.scenario (scenario, description)
VALUES ('literal', 'The literal reading of 从高不重复: only other policies'' awards compete');
SELECT * FROM dsm_policy.load_parameters(
$csv$policy_code,clause_code,name,scenario,valid_from,valid_until,value
sys-digital-economy-2022,,stacking_scope,literal,2022-07-28,2025-12-31,other_policies_only
$csv$);
SELECT b.application_id, b.clause_code, b.status AS enacted, b.payable_amount AS enacted_paid,
       l.status AS literal, l.payable_amount AS literal_paid, l.reason AS literal_reason
FROM dsm_policy.award_decision b
JOIN dsm_policy.award_decision_under('literal') l USING (application_id)
ORDER BY application_id;
SELECT award_year, clause_code, base_total, alternative_total, difference
FROM dsm_policy.scenario_budget_impact('enacted', 'literal');
SELECT * FROM dsm_policy.other_award_outranked;
SET dsm_policy.scenario = 'literal';
SELECT * FROM dsm_policy.other_award_outranked ORDER BY application_id;
RESET dsm_policy.scenario;
TRUNCATE dsm_policy.application, dsm_policy.other_award RESTART IDENTITY;

-- 7. A zero award: superseded in a group another application wins, payable 0.00 alone
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale,
                                    provincial_amount)
VALUES (pg_temp.cc(1), '1', 'plant', '2024-04-01 10:00', '2024-03-01', 'above', 0),
       (pg_temp.cc(1), '4', 'plant', '2024-05-01 10:00', '2024-04-01', 'above', 500000),
       (pg_temp.cc(2), '1', 'plant', '2024-04-01 10:00', '2024-03-01', 'above', 0);
SELECT id, clause, status, award, payable, reason FROM pg_temp.decided ORDER BY id;
TRUNCATE dsm_policy.application RESTART IDENTITY;

-- 8. The purchase window on the service start (enacted) or on the spending period (a what-if)
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale,
                                    manufacturer, expenditure, cloud_stars, service_start, in_use, expenditure_from)
VALUES (pg_temp.cc(1), '3', 'cloud', '2023-05-01 10:00', '2023-05-01', 'above', true, 40000, 3, '2021-06-01', true, '2022-03-01');
INSERT INTO dsm_policy.scenario (scenario, description)
VALUES ('spending_window', 'Clause 3: the spending period must start in the purchase window');
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, scenario, validity, value_choice)
VALUES ('sys-digital-economy-2022', '3', 'purchase_window_applies_to', 'spending_window',
        daterange('2022-07-28', '2025-12-31', '[]'), 'expenditure_from');
SELECT application_id, base_status, alternative_status, base_amount, alternative_amount
FROM dsm_policy.compare_scenarios('enacted', 'spending_window');
SELECT reason FROM dsm_policy.award_decision;
TRUNCATE dsm_policy.application RESTART IDENTITY;

-- 9. The register: every reading quotes the text verbatim; a scenario shows its value
SELECT count(*) AS readings,
       count(*) FILTER (WHERE position(r.quote_zh IN p.text_zh) > 0) AS quoted_verbatim,
       count(*) FILTER (WHERE r.parameter_name IS NOT NULL) AS parameters
FROM dsm_policy.reading_register r
CROSS JOIN (SELECT text_zh FROM dsm_policy.policy WHERE policy_code = 'sys-digital-economy-2022') p;
SELECT reading_code, clause_code, parameter_name, value FROM dsm_policy.reading_register
WHERE parameter_name IN ('stacking_scope', 'purchase_window_applies_to', 'eligible_from');
SET dsm_policy.scenario = 'literal';
SELECT reading_code, value FROM dsm_policy.reading_register WHERE parameter_name = 'stacking_scope';
RESET dsm_policy.scenario;
-- a bad value of a choice parameter, in a file and in a row
SELECT * FROM dsm_policy.load_parameters(
$csv$policy_code,clause_code,name,scenario,valid_from,valid_until,value
sys-digital-economy-2022,,stacking_scope,literal,2026-01-01,,highest
$csv$);
INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, scenario, validity, value_choice)
VALUES ('sys-digital-economy-2022', '15', 'once_only', 'literal', daterange('2022-07-28', NULL), 'per_buyer');
-- clean up the scenarios
DELETE FROM dsm_policy.parameter WHERE scenario IN ('one_place', 'literal', 'spending_window');
DELETE FROM dsm_policy.scenario WHERE scenario IN ('one_place', 'literal', 'spending_window');
