-- The audit trail (activity_log): every insert, update and delete of the
-- policy tables is written with who, when, the old and the new row; nobody,
-- the owner included, can change or remove what it holds.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION dsm_policy CASCADE;
SET search_path = dsm_policy, public;

SELECT plan(16);

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

SELECT * FROM finish();
ROLLBACK;
