-- The three roles do exactly their part (doc/dba.md "Roles"): a reader reads
-- decisions and reports; a clerk also records applications and other awards;
-- an admin also changes parameters, loads yearly updates and settles.  Each
-- gets a permission error (42501) beyond its part.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION dsm_policy CASCADE;

SELECT plan(37);

CREATE ROLE dsm_test_reader IN ROLE dsm_policy_reader;
CREATE ROLE dsm_test_clerk IN ROLE dsm_policy_clerk;
CREATE ROLE dsm_test_admin IN ROLE dsm_policy_admin;
CREATE ROLE dsm_test_nobody;
GRANT USAGE ON SCHEMA public TO dsm_test_reader, dsm_test_clerk, dsm_test_admin, dsm_test_nobody;

-- One application to read, settle and correct.
INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale,
                                    provincial_amount)
VALUES ('91230500MA0000001D', '1', 'P1', '2023-05-01 09:00+08', '2023-04-01', 'above', 1500000);

-- The reader.
SET ROLE dsm_test_reader;
SELECT is((SELECT payable_amount FROM dsm_policy.award_decision), 300000.00, 'reader: reads award_decision');
SELECT is((SELECT sum(payable_total) FROM dsm_policy.award_totals_by_year_clause), 300000.00, 'reader: reads the dashboard views');
SELECT is((SELECT count(*) FROM dsm_policy.compare_scenarios('enacted', 'enacted')), 1::bigint, 'reader: compares scenarios');
SELECT is((SELECT committed_total FROM dsm_policy.budget_use WHERE clause_code IS NULL), 300000.00,
          'reader: reads the budget use, and under a what-if');
SELECT is((SELECT count(*) FROM dsm_policy.parameter_report), 60::bigint, 'reader: reads the parameters');
SELECT throws_ok($$INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale)
                   VALUES ('91230500MA0000002G', '1', 'P2', now(), '2023-04-01', 'above')$$, '42501', NULL,
                 'reader: cannot record an application');
SELECT throws_ok($$SELECT * FROM dsm_policy.application$$, '42501', NULL, 'reader: cannot read the application table itself');
SELECT throws_ok($$UPDATE dsm_policy.parameter SET note = 'x'$$, '42501', NULL, 'reader: cannot change parameters');
SELECT throws_ok($$SELECT dsm_policy.load_parameters('')$$, '42501', NULL, 'reader: cannot load a yearly update');
SELECT throws_ok($$SELECT dsm_policy.settle_award_year(2023)$$, '42501', NULL, 'reader: cannot settle');
SELECT throws_ok($$SELECT * FROM dsm_policy.activity_log$$, '42501', NULL, 'reader: cannot read the audit trail');
RESET ROLE;

-- The clerk.
SET ROLE dsm_test_clerk;
SELECT lives_ok($$INSERT INTO dsm_policy.application (credit_code, clause_code, project_ref, applied_at, qualifying_date, scale, provincial_amount)
                  VALUES ('91230500MA0000002G', '1', 'P2', '2023-06-01 09:00+08', '2023-05-01', 'above', 1000000)$$,
                'clerk: records an application');
SELECT lives_ok($$UPDATE dsm_policy.application SET enterprise_name = 'Enterprise 2' WHERE credit_code = '91230500MA0000002G'$$,
                'clerk: corrects an unsettled application');
SELECT lives_ok($$INSERT INTO dsm_policy.other_award (credit_code, project_ref, award_year, policy_name, amount)
                  VALUES ('91230500MA0000002G', 'P2', 2023, 'Other fund', 10)$$,
                'clerk: records an award under another policy');
SELECT is((SELECT count(*) FROM dsm_policy.award_decision), 2::bigint, 'clerk: reads decisions, as a reader');
SELECT throws_ok($$INSERT INTO dsm_policy.parameter (policy_code, clause_code, name, validity, value_ratio)
                   VALUES ('sys-digital-economy-2022', '1', 'share_ratio', '[2026-01-01,)', 0.3)$$, '42501', NULL,
                 'clerk: cannot add a parameter row');
SELECT throws_ok($$INSERT INTO dsm_policy.scenario VALUES ('clerk_what_if', 'x')$$, '42501', NULL,
                 'clerk: cannot add a scenario');
SELECT throws_ok($$SELECT dsm_policy.load_parameters('')$$, '42501', NULL, 'clerk: cannot load a yearly update');
SELECT throws_ok($$SELECT dsm_policy.load_parameters(''::bytea)$$, '42501', NULL, 'clerk: nor as the file''s bytes');
SELECT throws_ok($$SELECT dsm_policy.revise_parameter('sys-digital-economy-2022', '1', 'share_ratio', '2024-01-01', '25%')$$,
                 '42501', NULL, 'clerk: cannot revise a parameter');
SELECT throws_ok($$SELECT dsm_policy.settle_award_year(2023)$$, '42501', NULL, 'clerk: cannot settle');
SELECT throws_ok($$INSERT INTO dsm_policy.budget (award_year, amount) VALUES (2024, 1000000)$$, '42501', NULL,
                 'clerk: cannot set a budget');
SELECT throws_ok($$INSERT INTO dsm_policy.ledger DEFAULT VALUES$$, '42501', NULL, 'clerk: cannot write the ledger');
RESET ROLE;

-- The admin.
SET ROLE dsm_test_admin;
SELECT lives_ok($$INSERT INTO dsm_policy.scenario VALUES ('admin_what_if', 'Admin test')$$, 'admin: adds a scenario');
SELECT lives_ok($$INSERT INTO dsm_policy.budget (award_year, amount, note) VALUES (2023, 9000000, 'test budget')$$,
                'admin: sets a budget');
SELECT is((SELECT count(*) FROM dsm_policy.activity_log WHERE table_name = 'budget' AND new_row ->> 'note' = 'test budget'),
          1::bigint, 'admin: the budget is in the audit trail');
SELECT is((SELECT count(*) FROM dsm_policy.load_parameters(
    E'policy_code,clause_code,name,scenario,valid_from,valid_until,value\nsys-digital-economy-2022,1,share_ratio,admin_what_if,2022-07-28,2025-12-31,25%\n')),
    1::bigint, 'admin: loads a yearly update file');
SELECT is((SELECT count(*) FROM dsm_policy.revise_parameter('sys-digital-economy-2022', '1', 'share_ratio', '2024-01-01', '30%',
                                                            scenario => 'admin_what_if')),
          1::bigint, 'admin: revises a number from a day inside a loaded period');
SELECT isnt(dsm_policy.settle_award_year(2023, 'test'), NULL, 'admin: settles an award year');
SELECT isnt(dsm_policy.correct_settled_decision(1, 290000, 'test correction'), NULL, 'admin: corrects a settled decision');
SELECT is((SELECT count(*) FROM dsm_policy.ledger), 4::bigint, 'admin: reads the ledger');
SELECT cmp_ok((SELECT count(*) FROM dsm_policy.activity_log), '>=', 2::bigint, 'admin: reads the audit trail');
SELECT throws_ok($$INSERT INTO dsm_policy.ledger DEFAULT VALUES$$, '42501', NULL,
                 'admin: cannot write the ledger but through its functions');
SELECT throws_ok($$DELETE FROM dsm_policy.activity_log$$, '42501', NULL, 'admin: cannot delete from the audit trail');
SELECT throws_ok($$UPDATE dsm_policy.parameter SET value_ratio = 0.9 WHERE shipped AND name = 'share_ratio' AND clause_code = '1'$$,
                 '23001', NULL, 'admin: cannot change a shipped row either');
RESET ROLE;

-- A role outside the three.
SET ROLE dsm_test_nobody;
SELECT throws_ok($$SELECT count(*) FROM dsm_policy.award_decision$$, '42501', NULL, 'another role: no access to the schema');
RESET ROLE;
SELECT is((SELECT settled_by FROM dsm_policy.settlement ORDER BY settlement_id LIMIT 1), session_user::text,
          'the settlement names who logged in, not the functions'' owner');

SELECT * FROM finish();
ROLLBACK;
