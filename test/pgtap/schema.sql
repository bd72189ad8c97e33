-- The extension's objects follow the house rules: every object commented,
-- C functions declared with the right attributes, SQL functions with a pinned
-- search_path, config tables registered with pg_dump filters.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION dsm_policy CASCADE;
SET search_path = dsm_policy, public;

SELECT plan(11);

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
       WHERE t.typtype = 'd' AND obj_description(t.oid, 'pg_type') IS NULL$$,
    'every domain has a comment');

SELECT is_empty(
    $$SELECT p.oid::regprocedure FROM member m JOIN pg_proc p ON m.catalog = 'pg_proc'::regclass AND p.oid = m.objid
       JOIN pg_language l ON l.oid = p.prolang
       WHERE l.lanname IN ('sql', 'plpgsql')
         AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) AS s WHERE s LIKE 'search_path=%')$$,
    'every SQL and PL/pgSQL function pins search_path');

SELECT is_empty(
    $$SELECT p.oid::regprocedure FROM member m JOIN pg_proc p ON m.catalog = 'pg_proc'::regclass AND p.oid = m.objid
       WHERE p.prosecdef$$,
    'no function is SECURITY DEFINER');

SELECT results_eq(
    $$SELECT p.proname::text COLLATE "default", p.provolatile::text, p.proisstrict, p.proparallel::text
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = 'dsm_policy' AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'c')
       ORDER BY 1$$,
    $$VALUES ('credit_code_check', 'i', true, 's'),
             ('credit_code_check_character', 'i', true, 's'),
             ('credit_code_is_valid', 'i', true, 's'),
             ('in_extension_script', 's', false, 'r')$$,
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
             ('parameter', 'WHERE NOT shipped'), ('parameter_parameter_id_seq', '')$$,
    'config tables are dumped without their shipped rows; the identity sequence is dumped');

SELECT is_empty(
    $$SELECT c.relname FROM member m JOIN pg_class c ON m.catalog = 'pg_class'::regclass AND c.oid = m.objid
       WHERE c.relkind = 'r'
         AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'guard_shipped_rows')$$,
    'every table guards its shipped rows');

SELECT * FROM finish();
ROLLBACK;
