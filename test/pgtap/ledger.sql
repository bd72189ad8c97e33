-- The settlement ledger, as assertions: settling writes each decision of the
-- year once, exactly as award_decision showed it, under the enacted
-- parameters whatever the session's scenario; settled totals reconcile with
-- the ledger; a correction keeps the sum of an application's entries equal
-- to what its decision pays; the report views split settled and provisional.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION dsm_policy CASCADE;
SET search_path = dsm_policy, public;

SELECT plan(11);

-- 600 applications under clauses 1 and 3 over 2023 and 2024, some sharing projects.
INSERT INTO application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale, manufacturer,
                         provincial_amount, expenditure, cloud_stars, service_start, in_use)
SELECT '91230500MA' || lpad((n % 250)::text, 7, '0') || credit_code_check_character('91230500MA' || lpad((n % 250)::text, 7, '0')),
       CASE WHEN n % 3 = 0 THEN '3' ELSE '1' END, 'P' || (n % 400),
       timestamptz '2023-03-01 09:00+08' + n * interval '1 day', date '2023-02-01' + n, 'above', true,
       CASE WHEN n % 3 <> 0 THEN 100000 + n * 3000 END,
       CASE WHEN n % 3 = 0 THEN 20000 + (n % 50) * 100 END, 4, date '2023-02-01' + n - 120, true
FROM generate_series(1, 600) AS n;
INSERT INTO scenario VALUES ('cloud60', 'Cloud at 60 %');
INSERT INTO parameter (policy_code, clause_code, name, scenario, validity, value_ratio)
VALUES ('sys-digital-economy-2022', '3', 'share_ratio', 'cloud60', '[2022-07-28,2025-12-31]', 0.6);

CREATE TEMP TABLE before AS SELECT * FROM award_decision;

-- Settle 2023 from a session that is looking at a what-if.
SET dsm_policy.scenario = 'cloud60';
SELECT isnt(settle_award_year(2023, 'test'), NULL, 'settle_award_year returns the new settlement');
SELECT is(current_setting('dsm_policy.scenario'), 'cloud60', 'and leaves the session''s scenario alone');
RESET dsm_policy.scenario;

SELECT is((SELECT count(*) FROM ledger), (SELECT count(*) FROM before WHERE award_year = 2023 AND status <> 'pending'),
          'one ledger entry per decision of the year');
SELECT is_empty(
    $$SELECT application_id, status, payable_amount, parameter_version, explanation FROM before WHERE award_year = 2023
      EXCEPT
      SELECT application_id, status, amount, parameter_version, explanation FROM ledger$$,
    'each entry is the enacted decision as award_decision showed it');
SELECT is((SELECT count(*) FROM award_decision WHERE settled), (SELECT count(*) FROM ledger),
          'award_decision marks exactly those decisions settled');

-- Settled totals reconcile, in every report.
SELECT is((SELECT sum(settled_total) FROM award_totals_by_year_clause), (SELECT sum(amount) FROM ledger),
          'award_totals_by_year_clause: settled_total is the ledger''s sum');
SELECT is((SELECT sum(settled_total) FROM award_totals_by_enterprise), (SELECT sum(amount) FROM ledger),
          'award_totals_by_enterprise: the same');
SELECT is((SELECT sum(settled_total + provisional_total) FROM award_totals_by_year_clause),
          (SELECT sum(payable_total) FROM award_totals_by_year_clause),
          'settled and provisional add up to the payable total');

-- Under the scenario, only 2024 (provisional) moves.
SET dsm_policy.scenario = 'cloud60';
SELECT is((SELECT sum(payable_amount) FROM award_decision WHERE award_year = 2023),
          (SELECT sum(payable_amount) FROM before WHERE award_year = 2023),
          'a scenario leaves the settled year''s amounts as settled');
SELECT cmp_ok((SELECT sum(payable_amount) FROM award_decision WHERE award_year = 2024), '>',
              (SELECT sum(payable_amount) FROM before WHERE award_year = 2024),
              'and changes the provisional year''s');
RESET dsm_policy.scenario;

-- Corrections, many: the entries of each application always add up to what its decision pays.
SELECT count(correct_settled_decision(application_id, round(payable_amount * 0.9, 2), 'test correction'))
FROM before WHERE award_year = 2023 AND payable_amount > 0 AND application_id % 4 = 0;
SELECT is_empty(
    $$SELECT d.application_id FROM award_decision d
        JOIN (SELECT application_id, sum(amount) AS net FROM ledger GROUP BY application_id) l USING (application_id)
       WHERE d.payable_amount <> l.net$$,
    'after corrections, each application''s entries add up to its settled payable amount');

SELECT * FROM finish();
ROLLBACK;
