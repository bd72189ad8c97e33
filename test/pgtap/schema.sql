-- The extension's objects follow the house rules: every object commented,
-- C functions declared with the right attributes, SQL functions with a pinned
-- search_path, config tables registered with pg_dump filters.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION dsm_policy CASCADE;
SET search_path = dsm_policy, public;

SELECT plan(13);

CREATE TEMP VIEW member AS
SELECT d.classid::regclass AS catalog, d.objid
FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
WHERE e.extname = 'dsm_policy' AND d.deptype = 'e';

SELECT is_empty(
    $$SELECT c.oid::regclass FROM member m JOIN pg_class c ON m.catalog = 'pg_class'::regclass AND c.oid = m.objid
       WHERE c.relkind IN ('r', 'v', 'm', 'i') AND obj_description(c.oid, 'pg_class') IS NULL$$,
    'every table, view and index has a comment');

SELECT is_empty(
    $$SELECT c.oid::regclass, a.attname
        FROM member m
        JOIN pg_class c ON m.catalog = 'pg_class'::regclass AND c.oid = m.objid AND c.relkind IN ('r', 'v')
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       WHERE col_description(c.oid, a.attnum) IS NULL$$,
    'every column of every table and view has a comment');

SELECT is_empty(
    $$SELECT con.conname FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
       WHERE n.nspname = 'dsm_policy' AND con.contype IN ('c', 'x', 'f')
         AND (con.contype <> 'f' OR con.conname = 'parameter_value_fits_definition')
         AND obj_description(con.oid, 'pg_constraint') IS NULL$$,
    'every CHECK and EXCLUDE constraint (and the definition foreign key) has a comment');

SELECT is_empty(
    $$SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'dsm_policy' AND NOT t.tgisinternal
         AND obj_description(t.oid, 'pg_trigger') IS NULL$$,
    'every trigger has a comment');

SELECT is_empty(
    $$SELECT p.oid::regprocedure FROM member m JOIN pg_proc p ON m.catalog = 'pg_proc'::regclass AND p.oid = m.objid
       WHERE obj_description(p.oid, 'pg_proc') IS NULL$$,
    'every function has a comment');

SELECT is_empty(
    $$SELECT t.oid::regtype FROM member m JOIN pg_type t ON m.catalog = 'pg_type'::regclass AND t.oid = m.objid
       WHERE (t.typtype = 'd' OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
         AND obj_description(t.oid, 'pg_type') IS NULL$$,
    'every domain and composite type has a comment');

SELECT is_empty(
    $$SELECT p.oid::regprocedure FROM member m JOIN pg_proc p ON m.catalog = 'pg_proc'::regclass AND p.oid = m.objid
       JOIN pg_language l ON l.oid = p.prolang
       WHERE l.lanname IN ('sql', 'plpgsql')
         AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) AS s WHERE s LIKE 'search_path=%')$$,
    'every SQL and PL/pgSQL function pins search_path');

-- Owner's rights only where doc/dba.md "Roles" says why: two trigger functions
-- write or read what the user may not (the audit trail, the ledger), the
-- ledger takes entries through its two functions only, and the kept tables
-- are written by the keeper only.
SELECT set_eq(
    $$SELECT p.proname::text COLLATE "default" FROM member m JOIN pg_proc p ON m.catalog = 'pg_proc'::regclass AND p.oid = m.objid
       WHERE p.prosecdef$$,
    $$VALUES ('record_change'), ('record_changes'), ('guard_settled_application'), ('settle_award_year'), ('correct_settled_decision'),
             ('keep_all'), ('keep_enterprises'), ('keep_after_change'), ('entitlement_decisions')$$,
    'SECURITY DEFINER: the audit and settled-application triggers, the two ledger functions and the keeper only');

SELECT results_eq(
    $$SELECT p.proname::text COLLATE "default", p.provolatile::text, p.proisstrict, p.proparallel::text
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'dsm_policy' AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'c')
       ORDER BY 1$$,
    $$VALUES ('application_item', 's', false, 's'),
             ('cap_allocated_final', 'i', true, 's'),
             ('cap_allocation_combine', 'i', true, 's'),
             ('cap_allocation_final', 'i', true, 's'),
             ('cap_allocation_transition', 'i', false, 's'),
             ('credit_code_check', 'i', true, 's'),
             ('credit_code_check_character', 'i', true, 's'),
             ('credit_code_is_valid', 'i', true, 's'),
             ('csv_records', 'i', true, 's'),
             ('csv_text', 'i', true, 's'),
             ('decide_enterprise', 'i', false, 's'),
             ('enterprise_items_bytes', 'i', true, 's'),
             ('enterprise_items_combine', 'i', false, 's'),
             ('enterprise_items_deserial', 'i', true, 's'),
             ('enterprise_items_transfn', 'i', false, 's'),
             ('evaluate_application', 's', false, 's'),
             ('evaluate_application', 's', false, 's'),
             ('format_yuan', 'i', true, 's'),
             ('guard_drop', 'v', false, 'u'),
             ('in_extension_script', 's', false, 'r'),
             ('keeping', 's', false, 's'),
             ('other_award_item', 'i', false, 's'),
             ('quota_claims', 'i', false, 's'),
             ('rule_reads', 'i', false, 's'),
             ('share_award', 's', true, 's'),
             ('stacking_combine', 'i', true, 's'),
             ('stacking_payable_final', 'i', true, 's'),
             ('stacking_transition', 'i', false, 's'),
             ('stacking_winner_final', 'i', true, 's'),
             ('yuan_to_fen', 'i', true, 's')$$,
    'C functions: IMMUTABLE STRICT PARALLEL SAFE where true');

SELECT set_eq(
    $$SELECT c.relname::text COLLATE "default", coalesce(cfg.condition, '')
        FROM pg_extension e,
             unnest(e.extconfig, e.extcondition) AS cfg (oid, condition)
        JOIN pg_class c ON c.oid = cfg.oid
       WHERE e.extname = 'dsm_policy'$$,
    $$VALUES ('policy', 'WHERE NOT shipped'), ('section', 'WHERE NOT shipped'),
             ('clause', 'WHERE NOT shipped'), ('responsible_unit', 'WHERE NOT shipped'),
             ('clause_unit', 'WHERE NOT shipped'), ('scenario', 'WHERE NOT shipped'),
             ('parameter', 'WHERE NOT shipped'), ('parameter_parameter_id_seq', ''),
             ('reading', 'WHERE NOT shipped'),
             ('application', ''), ('application_application_id_seq', ''),
             ('other_award', ''), ('other_award_other_award_id_seq', ''),
             ('activity_log', ''), ('activity_log_change_id_seq', ''),
             ('settlement', ''), ('settlement_settlement_id_seq', ''),
             ('budget', ''), ('budget_budget_id_seq', ''),
             ('enterprise', ''), ('enterprise_register_id_seq', ''), ('programme_clause', ''),
             ('provincial_award', ''), ('provincial_award_provincial_award_id_seq', ''),
             ('ledger', ''), ('ledger_entry_id_seq', '')$$,
    'config tables are dumped without their shipped rows; applications, other awards, budgets, the register, the provincial awards and programmes, the audit trail, the ledger and identity sequences are dumped whole');

SELECT is_empty(
    $$SELECT c.relname FROM member m JOIN pg_class c ON m.catalog = 'pg_class'::regclass AND c.oid = m.objid
       WHERE c.relkind = 'r'
         AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'shipped')
         AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'guard_shipped_rows')$$,
    'every table with shipped rows guards them');

SELECT is_empty(
    $$SELECT a.aggfnoid::regprocedure FROM member m JOIN pg_aggregate a ON m.catalog = 'pg_proc'::regclass AND a.aggfnoid = m.objid
       JOIN pg_proc p ON p.oid = a.aggfnoid
       WHERE a.aggcombinefn = 0 OR p.proparallel <> 's'
          OR NOT (a.aggtranstype = 'bigint[]'::regtype
                  OR (a.aggtranstype = 'internal'::regtype AND a.aggserialfn <> 0 AND a.aggdeserialfn <> 0))$$,
    'every aggregate has a combine function, is PARALLEL SAFE and keeps a bigint[] state or an internal one with serial and deserial functions');

-- What BI tools and client libraries read: standard types with stable names.
-- application_evaluation, quota_claim_live, quota_place_live and enterprise_decision are the
-- engine's building blocks, not reports: they keep applied_at as timestamptz,
-- the order of the rules.
SELECT is_empty(
    $$SELECT c.relname, a.attname, a.atttypid::regtype
        FROM member m
        JOIN pg_class c ON m.catalog = 'pg_class'::regclass AND c.oid = m.objid AND c.relkind = 'v'
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
       WHERE c.relname NOT IN ('application_evaluation', 'quota_claim_live', 'quota_place_live', 'enterprise_decision')
         AND a.atttypid NOT IN ('numeric'::regtype, 'text'::regtype, 'date'::regtype,
                                'boolean'::regtype, 'integer'::regtype)
         AND NOT (a.atttypid = 'bigint'::regtype AND a.attname IN ('application_id', 'parameter_id', 'settlement_id',
                                                                    'other_award_id'))$$,
    'report views expose only numeric, text, date, boolean and integer (and bigint ids)');

SELECT * FROM finish();
ROLLBACK;
