-- The audit trail (activity_log): every insert, update and delete of the
-- policy tables, the applications and the other awards is written with who,
-- when, the old and the new row; nobody, the owner included, can change or
-- remove what it holds.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION dsm_policy CASCADE;
SET search_path = dsm_policy, public;

SELECT plan(25);

SELECT is((SELECT count(*) FROM activity_log), 0::bigint,
          'creating the extension writes nothing: its own rows are the release');

INSERT INTO scenario VALUES ('audit_test', 'Audit test');
INSERT INTO parameter (policy_code, clause_code, name, scenario, validity, value_ratio)
VALUES ('sys-digital-economy-2022', '1', 'share_ratio', 'audit_test', '[2022-07-28,2025-12-31]', 0.25);
SELECT max(parameter_id) AS pid FROM parameter \gset
UPDATE parameter SET value_ratio = 0.3 WHERE parameter_id = :pid;
UPDATE parameter SET value_ratio = 0.3 WHERE parameter_id = :pid;   -- changes nothing
DELETE FROM parameter WHERE parameter_id = :pid;

SELECT results_eq(
    $$SELECT table_name, operation, old_row ->> 'value_ratio', new_row ->> 'value_ratio'
        FROM activity_log ORDER BY change_id$$,
    $$VALUES ('scenario', 'INSERT', NULL, NULL),
             ('parameter', 'INSERT', NULL, '0.25'),
             ('parameter', 'UPDATE', '0.25', '0.3'),
             ('parameter', 'DELETE', '0.3', NULL)$$,
    'inserts, updates and deletes are written in order with the old and new rows; an update that changes nothing is not');

SELECT is((SELECT count(DISTINCT row_key) FROM activity_log WHERE table_name = 'parameter'), 1::bigint,
          'the parameter''s changes share its key');
SELECT is((SELECT row_key FROM activity_log WHERE table_name = 'parameter' LIMIT 1), :'pid',
          'row_key is the primary key');
SELECT ok((SELECT bool_and(changed_by = session_user AND transaction_id = txid_current()
                           AND changed_at BETWEEN now() AND statement_timestamp())
             FROM activity_log),
          'who and when: the login role, the transaction and its time');
SELECT is((SELECT new_row -> 'validity' FROM activity_log WHERE operation = 'INSERT' AND table_name = 'parameter'),
          '"[2022-07-28,2026-01-01)"'::jsonb, 'the whole row is kept, validity included');

-- A composite key: clause_unit.
INSERT INTO responsible_unit VALUES ('audit_unit', '审计测试单位', 'Audit test unit');
INSERT INTO clause_unit VALUES ('3', 'audit_unit', 9);
SELECT is((SELECT row_key FROM activity_log WHERE table_name = 'clause_unit'), '3|audit_unit',
          'a composite key is written as its columns joined by |');

-- Nobody changes the trail, not even its owner.
SELECT throws_ok($$UPDATE activity_log SET changed_by = 'someone else'$$, '23001', NULL,
                 'the owner cannot update the audit trail');
SELECT throws_ok($$DELETE FROM activity_log$$, '23001', NULL, 'the owner cannot delete from it');
SELECT throws_ok($$TRUNCATE activity_log$$, '23001', NULL, 'the owner cannot truncate it');

-- An ordinary role allowed to maintain parameters: its changes are audited
-- under its name; it cannot write the trail itself.
CREATE ROLE dsm_audit_clerk;
GRANT USAGE ON SCHEMA dsm_policy TO dsm_audit_clerk;
GRANT SELECT, INSERT, UPDATE, DELETE ON parameter, scenario TO dsm_audit_clerk;
SET SESSION AUTHORIZATION dsm_audit_clerk;
INSERT INTO scenario VALUES ('clerk_test', 'Clerk test');
SELECT throws_ok($$SELECT count(*) FROM dsm_policy.activity_log$$, '42501', NULL,
                 'an ordinary role has no access to the trail unless granted');
SELECT throws_ok($$INSERT INTO dsm_policy.activity_log (table_name, operation, row_key, new_row)
                   VALUES ('parameter', 'INSERT', '1', '{}')$$, '42501', NULL,
                 'an ordinary role cannot add to the trail');
RESET SESSION AUTHORIZATION;
GRANT SELECT ON activity_log TO dsm_audit_clerk;
SET SESSION AUTHORIZATION dsm_audit_clerk;
SELECT throws_ok($$UPDATE dsm_policy.activity_log SET operation = 'DELETE'$$, '42501', NULL,
                 'a role that may read the trail still cannot update it');
SELECT throws_ok($$DELETE FROM dsm_policy.activity_log$$, '42501', NULL,
                 'nor delete from it');
RESET SESSION AUTHORIZATION;
SELECT is((SELECT changed_by FROM activity_log WHERE row_key = 'clerk_test'), 'dsm_audit_clerk',
          'the clerk''s insert is written under the clerk''s login name');

-- Changes made by the extension's own scripts are not written: simulate with
-- the same test the trigger uses.
SELECT is((SELECT count(*) FROM activity_log WHERE table_name IN ('policy', 'clause', 'parameter_definition')),
          0::bigint, 'no entry for tables nobody changed');

-- Applications and other awards (1.2): each statement's rows, with the
-- clerk's name; an update that changes nothing is not written; a key that
-- changes is a delete and an insert; TRUNCATE writes every row as deleted.
GRANT dsm_policy_clerk TO dsm_audit_clerk;
SET SESSION AUTHORIZATION dsm_audit_clerk;
INSERT INTO dsm_policy.application (credit_code, enterprise_name, clause_code, project_ref, applied_at,
                                    qualifying_date, scale, provincial_amount)
SELECT '91230500MA0000001D', '双鸭山甲科技有限公司', '1', 'P' || g, '2023-05-01 10:00+08', '2023-04-01', 'above', 100000 * g
FROM generate_series(1, 3) AS g;
INSERT INTO dsm_policy.other_award (credit_code, project_ref, award_year, policy_name, amount)
VALUES ('91230500MA0000001D', 'P1', 2023, 'Other fund', 1000);
UPDATE dsm_policy.application SET provincial_amount = 150000 WHERE project_ref = 'P1';
UPDATE dsm_policy.application SET provincial_amount = provincial_amount WHERE project_ref = 'P2';
DELETE FROM dsm_policy.application WHERE project_ref = 'P3';
RESET SESSION AUTHORIZATION;
CREATE TEMP TABLE first_app AS SELECT min(application_id) AS id FROM application;

SELECT results_eq(
    $$SELECT table_name, operation, row_key::bigint - (SELECT id FROM first_app), old_row ->> 'provincial_amount', new_row ->> 'provincial_amount'
        FROM activity_log WHERE table_name = 'application' ORDER BY change_id$$,
    $$VALUES ('application', 'INSERT', 0::bigint, NULL, '100000.00'),
             ('application', 'INSERT', 1, NULL, '200000.00'),
             ('application', 'INSERT', 2, NULL, '300000.00'),
             ('application', 'UPDATE', 0, '100000.00', '150000.00'),
             ('application', 'DELETE', 2, '300000.00', NULL)$$,
    'applications: each inserted, changed and deleted row, with the old and new amounts, in order; the update that changed nothing is not written');
SELECT ok((SELECT bool_and(changed_by = 'dsm_audit_clerk') FROM activity_log WHERE table_name IN ('application', 'other_award')),
          'under the clerk''s login name');
SELECT is((SELECT new_row ->> 'policy_name' FROM activity_log WHERE table_name = 'other_award'), 'Other fund',
          'other awards too, the whole row');
SELECT is((SELECT (new_row ? 'credit_code') AND (new_row ? 'applied_at') AND (new_row ? 'city_made_product')
             FROM activity_log WHERE table_name = 'application' LIMIT 1), true,
          'the whole application row is kept');

UPDATE application SET application_id = application_id + 1000000 WHERE project_ref = 'P2';
SELECT results_eq(
    $$SELECT operation, row_key::bigint - (SELECT id FROM first_app) FROM activity_log
       WHERE table_name = 'application' AND change_id > (SELECT max(change_id) - 2 FROM activity_log) ORDER BY change_id$$,
    $$VALUES ('DELETE', 1::bigint), ('INSERT', 1000001)$$,
    'a changed key is written as the old row deleted and the new one inserted');

INSERT INTO application (credit_code, enterprise_name, clause_code, project_ref, applied_at, qualifying_date, scale, provincial_amount)
SELECT '91230500MA0000001D', 'Bulk', '1', 'B' || g, '2023-05-01 10:00+08', '2023-04-01', 'above', g
FROM generate_series(1, 2000) AS g;
SELECT is((SELECT count(*) FROM activity_log WHERE table_name = 'application' AND new_row ->> 'enterprise_name' = 'Bulk'),
          2000::bigint, 'a statement of 2,000 rows writes 2,000 entries');
SELECT is((SELECT count(DISTINCT change_id) FROM activity_log), (SELECT count(*) FROM activity_log),
          'every entry has its own change_id');

SELECT lives_ok($$TRUNCATE other_award$$, 'TRUNCATE of other awards (no ledger entries)');
SELECT results_eq(
    $$SELECT operation, old_row ->> 'policy_name' FROM activity_log WHERE table_name = 'other_award' ORDER BY change_id$$,
    $$VALUES ('INSERT', NULL), ('DELETE', 'Other fund')$$,
    'TRUNCATE writes every row it removes as deleted');

SELECT * FROM finish();
ROLLBACK;
