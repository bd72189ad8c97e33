-- Everything extension dsm_policy consists of, one line per fact, sorted:
-- its member objects with their definitions, columns, constraints, indexes,
-- triggers, comments and privileges, its configuration tables, and the rows
-- it ships.  No OIDs: two databases with the same extension print the same.
-- Used by test/shell/upgrade.sh to compare an upgraded and a fresh install.
WITH ext AS (
    SELECT oid, extnamespace, extversion, extconfig, extcondition FROM pg_extension WHERE extname = 'dsm_policy'
),
member AS (
    SELECT d.classid, d.objid
    FROM pg_depend d, ext
    WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'
),
rel AS (
    SELECT c.oid, c.relname, c.relkind FROM pg_class c JOIN member m ON m.classid = 'pg_class'::regclass AND m.objid = c.oid
),
facts AS (
    SELECT 'extension version ' || extversion AS fact FROM ext
    UNION ALL
    SELECT 'config ' || (SELECT relname FROM pg_class WHERE oid = cfg) || ' dumps ' || coalesce(nullif(cond, ''), 'all rows')
    FROM ext, unnest(extconfig, extcondition) AS u (cfg, cond)
    UNION ALL
    SELECT 'member ' || pg_describe_object(m.classid, m.objid, 0) FROM member m
    UNION ALL
    -- functions (with their body, settings and volatility) and aggregates
    SELECT 'function ' || p.oid::regprocedure || ': '
           || CASE WHEN p.prokind = 'a'
                   THEN format('aggregate sfunc=%s stype=%s combine=%s final=%s serial=%s deserial=%s init=%s parallel=%s',
                               a.aggtransfn::regproc, format_type(a.aggtranstype, NULL), a.aggcombinefn::regproc,
                               a.aggfinalfn::regproc, a.aggserialfn::regproc, a.aggdeserialfn::regproc,
                               a.agginitval, p.proparallel)
                   ELSE pg_get_functiondef(p.oid) END
           || ' acl=' || coalesce(p.proacl::text, 'default')
    FROM pg_proc p JOIN member m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid
    LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid
    UNION ALL
    SELECT 'relation ' || r.relname || ' kind ' || r.relkind::text || ' acl=' || coalesce(c.relacl::text, 'default')
           || CASE WHEN r.relkind = 'v' THEN ' view ' || pg_get_viewdef(r.oid) ELSE '' END
    FROM rel r JOIN pg_class c ON c.oid = r.oid
    UNION ALL
    SELECT format('column %s.%s #%s %s notnull=%s default=%s generated=%s identity=%s', r.relname, a.attname,
                  row_number() OVER (PARTITION BY r.oid ORDER BY a.attnum), format_type(a.atttypid, a.atttypmod),
                  a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid), a.attgenerated, a.attidentity)
    FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_attrdef ad ON ad.adrelid = r.oid AND ad.adnum = a.attnum
    UNION ALL
    SELECT format('constraint %s.%s %s', r.relname, co.conname, pg_get_constraintdef(co.oid))
    FROM rel r JOIN pg_constraint co ON co.conrelid = r.oid
    UNION ALL
    SELECT format('index %s', regexp_replace(pg_get_indexdef(i.indexrelid), ' ON \S+ ', ' ON ' || r.relname || ' '))
    FROM rel r JOIN pg_index i ON i.indrelid = r.oid
    UNION ALL
    SELECT format('trigger %s.%s %s enabled=%s', r.relname, t.tgname, pg_get_triggerdef(t.oid), t.tgenabled)
    FROM rel r JOIN pg_trigger t ON t.tgrelid = r.oid AND NOT t.tgisinternal
    UNION ALL
    SELECT format('sequence %s start=%s increment=%s max=%s', r.relname, s.seqstart, s.seqincrement, s.seqmax)
    FROM rel r JOIN pg_sequence s ON s.seqrelid = r.oid
    UNION ALL
    SELECT format('event trigger %s on %s tags %s function %s enabled %s', e.evtname, e.evtevent, e.evttags,
                  e.evtfoid::regprocedure, e.evtenabled)
    FROM pg_event_trigger e JOIN member m ON m.classid = 'pg_event_trigger'::regclass AND m.objid = e.oid
    UNION ALL
    SELECT format('type %s %s', t.oid::regtype,
                  CASE t.typtype WHEN 'd' THEN 'domain over ' || format_type(t.typbasetype, t.typtypmod) || ' '
                                      || (SELECT string_agg(pg_get_constraintdef(c.oid), ' ') FROM pg_constraint c WHERE c.contypid = t.oid)
                                 ELSE t.typtype::text END)
    FROM pg_type t JOIN member m ON m.classid = 'pg_type'::regclass AND m.objid = t.oid
    UNION ALL
    -- every comment on a member and on its parts (columns, constraints, triggers)
    SELECT 'comment ' || pg_describe_object(d.classoid, d.objoid, d.objsubid) || ': ' || d.description
    FROM pg_description d
    WHERE (d.classoid, d.objoid) IN (SELECT classid, objid FROM member)
       OR (d.classoid = 'pg_constraint'::regclass AND d.objoid IN (
              SELECT co.oid FROM pg_constraint co WHERE co.conrelid IN (SELECT oid FROM rel)
                 OR co.contypid IN (SELECT objid FROM member WHERE classid = 'pg_type'::regclass)))
       OR (d.classoid = 'pg_trigger'::regclass AND d.objoid IN (
              SELECT t.oid FROM pg_trigger t WHERE t.tgrelid IN (SELECT oid FROM rel)))
       OR (d.classoid = 'pg_namespace'::regclass AND d.objoid = (SELECT extnamespace FROM ext))
    UNION ALL
    -- the rows the extension ships
    SELECT 'shipped policy ' || to_jsonb(x)::text FROM dsm_policy.policy x WHERE shipped
    UNION ALL SELECT 'shipped section ' || to_jsonb(x)::text FROM dsm_policy.section x WHERE shipped
    UNION ALL SELECT 'shipped clause ' || to_jsonb(x)::text FROM dsm_policy.clause x WHERE shipped
    UNION ALL SELECT 'shipped responsible_unit ' || to_jsonb(x)::text FROM dsm_policy.responsible_unit x WHERE shipped
    UNION ALL SELECT 'shipped clause_unit ' || to_jsonb(x)::text FROM dsm_policy.clause_unit x WHERE shipped
    UNION ALL SELECT 'shipped scenario ' || to_jsonb(x)::text FROM dsm_policy.scenario x WHERE shipped
    UNION ALL SELECT 'shipped parameter_definition ' || to_jsonb(x)::text FROM dsm_policy.parameter_definition x WHERE shipped
    UNION ALL SELECT 'shipped parameter_choice ' || to_jsonb(x)::text FROM dsm_policy.parameter_choice x WHERE shipped
    -- a shipped row's parameter_id depends on the releases the database went through
    UNION ALL SELECT 'shipped parameter ' || (to_jsonb(x) - 'parameter_id')::text FROM dsm_policy.parameter x WHERE shipped
    UNION ALL SELECT 'shipped reading ' || to_jsonb(x)::text FROM dsm_policy.reading x WHERE shipped
)
SELECT fact FROM facts ORDER BY fact COLLATE "C";
