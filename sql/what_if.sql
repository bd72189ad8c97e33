-- What-if (doc/analysts-and-clerks.md "What if"): the finance bureau asks what raising the cloud
-- subsidy of clause 3 from 50 % to 60 % of actual spending would cost, on the
-- sample applications of the main job.  A scenario holds only the number it
-- changes; everything else comes from enacted.
SET datestyle = ISO;
SET timezone = 'Asia/Shanghai';
\set VERBOSITY default
\set SHOW_CONTEXT never
\pset null '-'

TRUNCATE dsm_policy.application, dsm_policy.other_award RESTART IDENTITY;
SELECT setval('dsm_policy.parameter_parameter_id_seq', max(parameter_id)) AS last_shipped_id
FROM dsm_policy.parameter;
\set ECHO none
\i tools/sample_data.sql
\set ECHO all
SELECT count(*) AS applications FROM dsm_policy.application;

-- 1. The scenario and its one row (loaded as a one-line CSV file).
INSERT INTO dsm_policy.scenario (scenario, description)
VALUES ('cloud60', 'Clause 3 pays 60 % of cloud spending instead of 50 %');
SELECT line, parameter_id > 51 AS new_row, closed_parameter_id FROM dsm_policy.load_parameters(
$csv$policy_code,clause_code,name,scenario,valid_from,valid_until,value
sys-digital-economy-2022,3,share_ratio,cloud60,2022-07-28,2025-12-31,60%
$csv$);

-- 2. The budget impact: by award year and clause (the rows that change), and
--    in total.
SHOW dsm_policy.scenario;
SELECT award_year, clause_code, applications, base_total, alternative_total, difference,
       changed_amounts, changed_statuses
FROM dsm_policy.scenario_budget_impact('enacted', 'cloud60')
WHERE difference <> 0 OR changed_statuses > 0;
SELECT sum(base_total) AS enacted_total, sum(alternative_total) AS cloud60_total, sum(difference) AS cost
FROM dsm_policy.scenario_budget_impact('enacted', 'cloud60');

-- Why the cost is less than a fifth more: the caps (50,000 above scale,
-- 30,000 below) and the quota stay.  The five largest changes:
SELECT application_id, award_year, base_status, alternative_status, base_amount, alternative_amount, difference
FROM dsm_policy.compare_scenarios('enacted', 'cloud60')
WHERE difference <> 0
ORDER BY difference DESC, application_id
LIMIT 5;

-- 3. The same in every view: set the scenario for the session.
SET dsm_policy.scenario = 'cloud60';
SELECT award_year, applications, payable_applications, payable_total
FROM dsm_policy.award_totals_by_year_clause WHERE clause_code = '3' ORDER BY award_year;
SELECT application_id, status, payable_amount, parameter_version, explanation
FROM dsm_policy.award_decision WHERE clause_code = '3' AND status = 'payable'
ORDER BY application_id LIMIT 2;
RESET dsm_policy.scenario;
SELECT award_year, applications, payable_applications, payable_total
FROM dsm_policy.award_totals_by_year_clause WHERE clause_code = '3' ORDER BY award_year;

-- award_decision_under() reads a scenario without changing the setting.
SELECT sum(payable_amount) AS cloud60_clause_3 FROM dsm_policy.award_decision_under('cloud60') WHERE clause_code = '3';
SHOW dsm_policy.scenario;

-- 4. Mistakes: a name that cannot be a scenario, one that does not exist.
SET dsm_policy.scenario = 'Cloud 60';
SET dsm_policy.scenario = 'cloud70';
SELECT count(*) FROM dsm_policy.award_decision;
RESET dsm_policy.scenario;
SELECT * FROM dsm_policy.compare_scenarios('enacted', 'cloud70');

-- Leave the tables as they were.
TRUNCATE dsm_policy.application, dsm_policy.other_award RESTART IDENTITY;
DELETE FROM dsm_policy.parameter WHERE scenario = 'cloud60';
DELETE FROM dsm_policy.scenario WHERE scenario = 'cloud60';
