-- What-if scenarios: the setting dsm_policy.scenario makes every decision and
-- report use a scenario's rows, enacted supplying the rest; it reaches
-- parallel workers; comparing scenarios never changes the caller's setting.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION dsm_policy CASCADE;
SET search_path = dsm_policy, public;

SELECT plan(12);

SELECT is(current_setting('dsm_policy.scenario'), 'enacted', 'the setting defaults to enacted');
SELECT throws_ok($$SET dsm_policy.scenario = 'What If'$$, '22023', NULL, 'a name a scenario cannot have is refused');
SELECT throws_ok($$SET dsm_policy.scenarios = 'x'$$, '42602', NULL, 'the prefix dsm_policy. is reserved: a misspelt setting is an error');

-- Applications under clause 3 (cloud) and clause 1.
INSERT INTO application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale, manufacturer,
                         provincial_amount, expenditure, cloud_stars, service_start, in_use)
SELECT '91230500MA' || lpad(n::text, 7, '0') || credit_code_check_character('91230500MA' || lpad(n::text, 7, '0')),
       CASE WHEN n % 2 = 0 THEN '3' ELSE '1' END, 'P' || n,
       timestamptz '2024-03-01 09:00+08' + n * interval '1 hour', date '2024-02-01', 'above', true,
       CASE WHEN n % 2 = 1 THEN 100000 + n * 1000 END,
       CASE WHEN n % 2 = 0 THEN 20000 + n * 100 END, 4, date '2023-06-01', true
FROM generate_series(1, 2000) AS n;

INSERT INTO scenario VALUES ('cloud60', 'Cloud at 60 %');
INSERT INTO parameter (policy_code, clause_code, name, scenario, validity, value_ratio)
VALUES ('sys-digital-economy-2022', '3', 'share_ratio', 'cloud60', '[2022-07-28,2025-12-31]', 0.6);
SELECT max(parameter_id) AS cloud_row FROM parameter \gset

CREATE TEMP TABLE enacted AS SELECT * FROM award_decision;
SET dsm_policy.scenario = 'cloud60';
CREATE TEMP TABLE cloud60 AS SELECT * FROM award_decision;
RESET dsm_policy.scenario;

SELECT is((SELECT count(*) FROM enacted e JOIN cloud60 c USING (application_id)
            WHERE e.clause_code = '1' AND (e.status, e.payable_amount, e.parameter_version)
                  IS DISTINCT FROM (c.status, c.payable_amount, c.parameter_version)),
          0::bigint, 'clause 1, which the scenario does not touch, is decided as enacted');
SELECT is((SELECT count(*) FROM enacted e JOIN cloud60 c USING (application_id)
            WHERE e.clause_code = '3' AND e.status = 'payable'
              AND c.computed_amount <> round(e.basis_amount * 0.6, 2)),
          0::bigint, 'clause 3 computes 60 % of the spending under the scenario');
SELECT ok((SELECT bool_and(string_to_array(c.parameter_version, ',')::bigint[] @> ARRAY[:cloud_row]::bigint[])
             FROM cloud60 c WHERE c.clause_code = '3' AND c.status = 'payable'),
          'and cites the scenario''s row in parameter_version');
SELECT ok((SELECT bool_and(c.payable_amount <= c.cap_amount) FROM cloud60 c WHERE c.clause_code = '3'),
          'the enacted caps still apply to the scenario''s amounts');

SELECT is((SELECT sum(payable_amount) FROM award_decision_under('cloud60')),
          (SELECT sum(payable_amount) FROM cloud60), 'award_decision_under(cloud60) is the view under the setting');
SELECT is(current_setting('dsm_policy.scenario'), 'enacted', 'and leaves the caller''s setting as it was');

SELECT is((SELECT sum(difference) FROM compare_scenarios('enacted', 'cloud60')),
          (SELECT sum(payable_amount) FROM cloud60) - (SELECT sum(payable_amount) FROM enacted),
          'compare_scenarios: the differences add up to the change of the total');
SELECT is((SELECT sum(difference) FROM scenario_budget_impact('enacted', 'cloud60')),
          (SELECT sum(difference) FROM compare_scenarios('enacted', 'cloud60')),
          'scenario_budget_impact adds up the same');

-- Parallel workers receive the setting.
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL force_parallel_mode = on;
SET LOCAL dsm_policy.scenario = 'cloud60';
SELECT is((SELECT sum((e).computed_amount)
             FROM (SELECT evaluate_application(clause_code => a.clause_code, qualifying_date => a.qualifying_date,
                              applied_on => a.applied_on, scale => a.scale, specialized => a.specialized,
                              manufacturer => a.manufacturer, provincial_amount => a.provincial_amount,
                              expenditure => a.expenditure, investment => a.investment,
                              approved_amount => a.approved_amount, revenue => a.revenue,
                              cloud_stars => a.cloud_stars, service_start => a.service_start, in_use => a.in_use,
                              innovative_mode => a.innovative_mode, in_catalogue => a.in_catalogue,
                              in_production => a.in_production, reports_statistics => a.reports_statistics) AS e
                   FROM application a) x),
          (SELECT sum(computed_amount) FROM cloud60),
          'under forced parallel plans the workers evaluate with the session''s scenario');

SELECT * FROM finish();
ROLLBACK;
