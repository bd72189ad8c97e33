-- 免申即享: a feed of a few hundred provincial awards yields exactly the
-- proposals doc/analysts-and-clerks.md describes (checked by an independent
-- query written from it), a second run none; a bad feed is refused whole with
-- line numbers; the register gives the fact valid on the qualifying date;
-- only confirmed proposals are payable; confirmations and rejections are
-- audited; and each role does its part only.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION dsm_policy CASCADE;
SET search_path = dsm_policy, public;

SELECT plan(27);

CREATE FUNCTION pg_temp.cc(n integer) RETURNS text LANGUAGE sql AS $$
    SELECT p || credit_code_check_character(p) FROM (SELECT '91230500MA' || lpad(n::text, 7, '0') AS p) s
$$;

INSERT INTO programme_clause (programme_code, name_zh, clause_code)
VALUES ('P-IIM', '工业互联网新模式', '1'), ('P-SME', '中小企业数字化示范标杆', '4'),
       ('P-SOFT', '软件企业新增规上', '14'), ('P-PROD', '重点数字产品', '13'), ('P-FIRST', '首版次软件', '15');

-- 300 awards of 80 enterprises, 2022-2025, under the five programmes
CREATE TEMP TABLE feed AS
SELECT pg_temp.cc(g % 80) AS credit_code, '企业' || g % 80 AS enterprise_name,
       (ARRAY['P-IIM', 'P-SME', 'P-SOFT', 'P-PROD', 'P-FIRST'])[1 + g % 5] AS programme_code,
       'X-' || g AS project_ref, 100000 + (g * 7919) % 300000 AS amount,
       date '2022-08-01' + (g * 37) % 1240 AS granted_on
FROM generate_series(1, 300) AS g;
CREATE TEMP TABLE feed_csv AS
SELECT 'credit_code,enterprise_name,programme_code,project_ref,amount,granted_on' || E'\n'
       || string_agg(concat_ws(',', credit_code, enterprise_name, programme_code, project_ref, amount, granted_on),
                     E'\n' ORDER BY project_ref) || E'\n' AS csv
FROM feed;

-- Twenty of them the enterprises applied for already (same clause, project and year).
INSERT INTO application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale, provincial_amount)
SELECT f.credit_code, m.clause_code, f.project_ref, f.granted_on + 30, f.granted_on, 'above', f.amount
FROM feed f JOIN programme_clause m USING (programme_code)
WHERE f.project_ref IN (SELECT 'X-' || g FROM generate_series(3, 300, 15) AS g);

-- The register: enterprises 0-59 known, below scale before 2024, above from
-- 2024; manufacturers; not specialised; reporting statistics.
INSERT INTO enterprise (credit_code, validity, scale, specialized, manufacturer, reports_statistics)
SELECT pg_temp.cc(n), daterange(make_date(y, 1, 1), make_date(y, 12, 31), '[]'),
       CASE WHEN y >= 2024 THEN 'above' ELSE 'below' END, false, true, true
FROM generate_series(0, 59) AS n, generate_series(2022, 2025) AS y;

-- 1. Loading.
SELECT is((SELECT count(*) FILTER (WHERE loaded) FROM load_provincial_awards((SELECT csv FROM feed_csv))),
          300::bigint, 'the feed of 300 provincial awards loads');
SELECT is((SELECT count(*) FILTER (WHERE NOT loaded) FROM load_provincial_awards((SELECT csv FROM feed_csv))),
          300::bigint, 'loading the same file again adds nothing: every row is reported as loaded before');
SELECT is((SELECT count(*) FROM provincial_award), 300::bigint, '  still 300 rows');
SELECT throws_like(
    format($$SELECT * FROM dsm_policy.load_provincial_awards(%L)$$,
           replace((SELECT csv FROM feed_csv), ',X-17,' || (SELECT amount FROM feed WHERE project_ref = 'X-17') || ',',
                   ',X-17,1234,')),
    '%provincial award % (the same enterprise, programme, project and day) was loaded with amount%',
    'a row loaded before with another amount is refused, not overwritten');

-- 2. A bad file is refused whole, with the line numbers of every problem.
CREATE TEMP TABLE bad AS SELECT
'credit_code,enterprise_name,programme_code,project_ref,amount,granted_on
' || pg_temp.cc(1) || ',ok,P-IIM,NEW-1,100000,2024-05-01
' || pg_temp.cc(2) || ',unknown programme,P-NOPE,NEW-2,100000,2024-05-01
91230500MA0000001X,bad credit code,P-IIM,NEW-3,100000,2024-05-01
' || pg_temp.cc(4) || ',above the maximum,P-SME,NEW-4,1200000,2024-05-01
' || pg_temp.cc(1) || ',ok,P-IIM,NEW-1,100000,2024-05-01
' AS csv;
SELECT throws_ok($$SELECT * FROM dsm_policy.load_provincial_awards((SELECT csv FROM bad))$$, '23503',
                 'line 3: programme_code "P-NOPE" is not a programme of table programme_clause (the programmes are P-FIRST, P-IIM, P-PROD, P-SME, P-SOFT)',
                 'a bad feed is refused: the first problem is the error');
CREATE TEMP TABLE bad_detail (detail text);
DO $$
DECLARE
    d text;
BEGIN
    PERFORM * FROM dsm_policy.load_provincial_awards((SELECT csv FROM bad));
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS d = PG_EXCEPTION_DETAIL;
    INSERT INTO bad_detail VALUES (d);
END
$$;
SELECT is((SELECT regexp_replace(detail, E'\n.*', '', 'g') FROM bad_detail), 'The file is refused: 4 problems.',
          '  its detail counts every problem');
SELECT ok((SELECT detail ~ 'line 4: credit_code "91230500MA0000001X" is not a valid unified social credit code'
              AND detail ~ 'line 5: amount 1,200,000.00 is above the known provincial maximum 1,000,000.00 of programme P-SME \(clause 4\)'
              AND detail ~ 'line 6: repeats line 2'
           FROM bad_detail),
          '  and names each by line: the bad credit code, the amount above the provincial maximum, the duplicate row');
SELECT is((SELECT count(*) FROM provincial_award), 300::bigint, '  and nothing of the file is stored');

-- 3. The proposals: exactly those the docs describe, by an independent query.
CREATE TEMP TABLE expected AS
SELECT p.provincial_award_id
FROM provincial_award p, programme_clause m
WHERE m.programme_code = p.programme_code
  AND (p.credit_code, m.clause_code, p.project_ref, extract(year FROM p.granted_on)) NOT IN
      (SELECT a.credit_code, a.clause_code, a.project_ref, a.award_year FROM application a);
CREATE TEMP TABLE made AS SELECT * FROM propose_applications();
SELECT set_eq($$SELECT provincial_award_id FROM made$$, $$SELECT provincial_award_id FROM expected$$,
              'propose_applications makes a proposal for exactly the awards without an application');
SELECT is((SELECT count(*) FROM made), 280::bigint, '  280 of 300: the 20 applied for are left alone');
SELECT is((SELECT count(*) FROM propose_applications()), 0::bigint, 'a second run makes none');
SELECT is_empty($$SELECT a.application_id FROM application a JOIN provincial_award p USING (provincial_award_id)
                  WHERE a.proposal IS DISTINCT FROM 'proposed' OR a.provincial_amount <> p.amount
                     OR a.qualifying_date <> p.granted_on OR a.applied_on <> p.granted_on
                     OR a.project_ref <> p.project_ref OR a.credit_code <> p.credit_code$$,
                'each proposal carries the feed''s facts: amount, qualifying date and application day the grant day');
SELECT ok((SELECT bool_and(ok) FROM (SELECT application_id > lag(application_id) OVER (ORDER BY applied_at, provincial_award_id)
                                            OR lag(application_id) OVER (ORDER BY applied_at, provincial_award_id) IS NULL AS ok
                                     FROM application WHERE proposal IS NOT NULL) x),
          'proposals are made in the order of the grant dates');

-- 4. Decisions: pending until confirmed; waiting for the facts a clause needs.
SELECT is((SELECT count(*) FROM award_decision d JOIN application a USING (application_id)
            WHERE a.proposal = 'proposed' AND d.payable_amount > 0), 0::bigint,
          'no proposal awaiting confirmation is payable');
SELECT is((SELECT reason FROM award_decision d JOIN application a USING (application_id)
            WHERE a.proposal = 'proposed' AND a.clause_code = '1' LIMIT 1),
          'proposed from a provincial award: awaiting the enterprise''s confirmation',
          'a complete proposal is pending: awaiting the enterprise''s confirmation');
SELECT is((SELECT DISTINCT d.reason FROM award_decision d JOIN application a USING (application_id)
            WHERE a.proposal = 'proposed' AND a.clause_code = '13'),
          'missing fact: investment; missing fact: in_catalogue; missing fact: in_production',
          'clause 13 proposals wait for investment, catalogue and production');
SELECT is((SELECT DISTINCT d.reason FROM award_decision d JOIN application a USING (application_id)
            WHERE a.proposal = 'proposed' AND a.clause_code = '15'),
          'missing fact: city_made_product', 'clause 15 proposals wait for city-made');

-- 5. The register: the fact valid on the qualifying date.
SELECT is((SELECT d.status FROM entitlement_decisions() d JOIN application a USING (application_id)
            WHERE a.proposal = 'proposed' AND a.clause_code = '14' AND a.credit_code = pg_temp.cc(2)
              AND a.qualifying_date >= '2024-01-01' ORDER BY a.application_id LIMIT 1),
          'payable', 'clause 14 (above scale): an enterprise the register has above scale in 2024 is paid once it confirms');
SELECT matches((SELECT d.explanation FROM entitlement_decisions() d JOIN application a USING (application_id)
                 WHERE a.proposal = 'proposed' AND a.clause_code = '14' AND a.credit_code = pg_temp.cc(2)
                   AND a.qualifying_date >= '2024-01-01' ORDER BY a.application_id LIMIT 1),
               'scale, specialized, manufacturer, reports_statistics from the register \(2024\)',
               '  and its explanation says which facts came from the register, and of what year');
SELECT is((SELECT DISTINCT d.reason FROM award_decision d JOIN application a USING (application_id)
            WHERE a.proposal = 'proposed' AND a.clause_code = '14' AND a.credit_code IN (SELECT pg_temp.cc(n) FROM generate_series(0, 59) n)
              AND a.qualifying_date < '2024-01-01'),
          'requires_above_scale: the enterprise is below-scale',
          '  the same enterprises in 2022-2023, below scale then: ineligible');

-- 6. A clerk confirms (one statement each) or rejects; both audited; only confirmed pays.
CREATE ROLE dsm_prop_clerk IN ROLE dsm_policy_clerk;
CREATE ROLE dsm_prop_reader IN ROLE dsm_policy_reader;
SET ROLE dsm_prop_clerk;
SELECT lives_ok($$SELECT dsm_policy.confirm_proposal(application_id) FROM dsm_policy.application
                   WHERE proposal = 'proposed' AND clause_code = '1' ORDER BY application_id LIMIT 3$$,
                'a clerk confirms proposals, one statement each');
SELECT lives_ok($$SELECT dsm_policy.reject_proposal(application_id, 'the enterprise declined') FROM dsm_policy.application
                   WHERE proposal = 'proposed' AND clause_code = '4' ORDER BY application_id LIMIT 1$$,
                'and rejects one, with a reason');
SELECT throws_ok($$SELECT * FROM dsm_policy.load_provincial_awards('credit_code')$$, '42501', NULL,
                 'a clerk cannot load a feed');
RESET ROLE;
SELECT results_eq($$SELECT d.status, count(*) FROM award_decision d JOIN application a USING (application_id)
                     WHERE a.proposal IN ('confirmed', 'rejected') GROUP BY 1 ORDER BY 1$$,
                  $$VALUES ('ineligible', 1::bigint), ('payable', 3::bigint)$$,
                  'the confirmed ones are payable, the rejected one ineligible');
SELECT is((SELECT count(*) FROM activity_log WHERE table_name = 'application' AND operation = 'UPDATE'
             AND new_row ->> 'proposal' IN ('confirmed', 'rejected') AND old_row ->> 'proposal' = 'proposed'),
          4::bigint, 'both are in the audit trail');
SET ROLE dsm_prop_reader;
SELECT is((SELECT sum(confirmed_proposals)::integer FROM dsm_policy.entitlement), 3,
          'a reader reads the entitlement: 3 confirmed');
SELECT throws_ok($$INSERT INTO dsm_policy.programme_clause VALUES ('P-X', 'x', NULL, '1', NULL)$$, '42501', NULL,
                 'a reader cannot add a programme mapping (only the admin)');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
