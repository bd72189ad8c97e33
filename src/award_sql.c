/*
 * award_sql.c: the SQL entry points of the rules for one application
 * (doc/reference.md, "The rules, in order", steps 1 to 4).
 *
 *   application_item(application)    -> bytea       what award_decision reads
 *   evaluate_application(application) -> evaluation  the same, as columns
 *   evaluate_application(clause_code => ..., ...) -> evaluation
 *                                                    an application not stored
 *   share_award(clause_code, qualifying_date, scale, specialized, basis)
 *
 * Glue only: it reads the clause and parameter tables once per query into a
 * cache hung on fn_extra, picks for each application the rows valid on its
 * qualifying date, reads the application's columns by name (award.h,
 * DSM_APPLICATION_COLUMNS), and hands both to dsm_evaluate() in award.c,
 * which holds the policy.
 *
 * The rows read are those of scenario enacted and of the scenario named by
 * the setting dsm_policy.scenario: on any day a row of that scenario
 * overrides the enacted row of the same clause and name.  The cache records
 * the scenario it was read for and is read again when the setting changes.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "award.h"
#include "dsm_policy.h"
#include "item.h"
#include "money_sql.h"

/* One parameter row, as the cache holds it. */
typedef struct ParameterRow
{
	int			param;			/* a dsm_param; -1 for in_force */
	DateADT		from;			/* first day */
	DateADT		until;			/* day after the last; DATEVAL_NOEND if open */
	int64		value;			/* fen, millionths, count, date, 0/1 or a choice's code */
	int64		parameter_id;
	char	   *policy_code;
	bool		override;		/* a row of the what-if scenario, not of enacted */
} ParameterRow;

/*
 * A clause's rule over a run of days on which the same parameter rows apply,
 * resolved once when the cache is read: an application finds its segment by
 * binary search on its qualifying date.
 */
typedef struct RuleSegment
{
	DateADT		from;			/* first day (DATEVAL_NOBEGIN for the first segment) */
	dsm_rule	rule;
	const char *policy_code;	/* the policy in force; NULL if none */
	char	   *version;		/* parameter_id of each row used, ascending, comma-separated */
} RuleSegment;

typedef struct ClauseRules
{
	char	   *clause_code;
	int			clause_code_len;
	dsm_kind	kind;
	dsm_scope	cap_scope;
	char	   *cap_scope_name;	/* NULL if none */
	int			nrows;
	ParameterRow *rows;
	int			nsegments;
	RuleSegment *segments;		/* sorted by from */
} ClauseRules;

/* How the columns of a row type map to dsm_application (by name). */
typedef struct ColumnMap
{
	Oid			rowtype;
	TupleDesc	desc;
	int			attno[64];		/* per application column, 0-based; -1 if the row has none */
	int			credit_code_attno;	/* the enterprise, for its register facts; -1 if none */
	Datum	   *values;			/* room for a deformed row */
	bool	   *nulls;
} ColumnMap;

/* The register rows of one enterprise, by date. */
typedef struct RegisterRows
{
	char	   *credit_code;
	int			n;
	dsm_register_row *rows;
} RegisterRows;

/* Everything one query needs, loaded on the first call. */
typedef struct EngineCache
{
	MemoryContext mcxt;			/* holds all of it */
	char	   *scenario;		/* the scenario read, besides enacted */
	const char *scenario_setting;	/* the setting's value when it was read (its pointer) */
	TupleDesc	result_desc;	/* type evaluation, once known */
	int			nclauses;
	ClauseRules *clauses;		/* sorted by clause_code bytes */
	ClauseRules *last_clause;	/* the clause found last: most calls ask for it again */
	int			nin_force;
	ParameterRow *in_force;		/* enacted policy-level in_force rows, sorted by from */
	int			nin_force_override;
	ParameterRow *in_force_override;	/* the scenario's in_force rows */
	int			npolicy_rows;
	ParameterRow *policy_rows;	/* the other policy-level rows (stacking_scope, ...) */
	ColumnMap	columns;		/* of the row type evaluate_application(application) reads */
	int			nregister;		/* the enterprise register (table enterprise), */
	RegisterRows *register_rows;	/* sorted by credit_code */
	int			nargs;			/* evaluate_application(clause_code => ...): */
	int		   *arg_column;		/* the application column of each argument */
	bool	   *arg_int4;		/* a count given as integer rather than smallint */
} EngineCache;

/* The columns of type evaluation. */
enum
{
	E_STATUS,
	E_REASON,
	E_BASIS_AMOUNT,
	E_COMPUTED_AMOUNT,
	E_CAP_AMOUNT,
	E_CAP_SCOPE,
	E_QUOTA,
	E_ONCE_ONLY,
	E_STACKING_EXEMPT,
	E_FORMULA,
	E_WARNING,
	E_POLICY_CODE,
	E_PARAMETER_VERSION,
	E_PROVINCIAL_MAX,
	EVALUATION_COLUMNS
};

/* ------------------------------------------------------------------------
 * The application columns, by name (award.h)
 * ------------------------------------------------------------------------ */

typedef enum AppColumnKind
{
	KIND_TEXT,
	KIND_ID,
	KIND_TIME,
	KIND_DATE,
	KIND_YEAR,
	KIND_SCALE,
	KIND_FLAG,
	KIND_MONEY,
	KIND_COUNT,
	KIND_PROPOSAL
} AppColumnKind;

typedef struct AppColumn
{
	const char *name;
	AppColumnKind	kind;
	size_t		offset;			/* in dsm_application */
} AppColumn;

static const AppColumn column_defs[] = {
#define DSM_COLUMN_DEF(name, kind) {#name, KIND_##kind, offsetof(dsm_application, name)},
	DSM_APPLICATION_COLUMNS(DSM_COLUMN_DEF)
#undef DSM_COLUMN_DEF
};

#define NCOLUMNS ((int) lengthof(column_defs))

StaticAssertDecl(lengthof(column_defs) <= 64, "ColumnMap.attno holds 64 columns");

/* The base type each kind of column has. */
static Oid
kind_type(AppColumnKind kind)
{
	switch (kind)
	{
		case KIND_TEXT:
		case KIND_SCALE:
		case KIND_PROPOSAL:
			return TEXTOID;
		case KIND_ID:
			return INT8OID;
		case KIND_TIME:
			return TIMESTAMPTZOID;
		case KIND_DATE:
			return DATEOID;
		case KIND_YEAR:
			return INT4OID;
		case KIND_FLAG:
			return BOOLOID;
		case KIND_MONEY:
			return NUMERICOID;
		case KIND_COUNT:
			return INT2OID;
	}
	return InvalidOid;
}

/* The column the name stands for, or -1. */
static int
column_index(const char *name)
{
	int			i;

	for (i = 0; i < NCOLUMNS; i++)
		if (strcmp(column_defs[i].name, name) == 0)
			return i;
	return -1;
}

/* The columns every application has: an error when NULL. */
static bool
column_is_required(int i)
{
	switch (column_defs[i].kind)
	{
		case KIND_ID:
		case KIND_TIME:
		case KIND_YEAR:
			return true;
		case KIND_TEXT:
			return strcmp(column_defs[i].name, "clause_code") == 0 ||
				strcmp(column_defs[i].name, "project_ref") == 0;
		case KIND_DATE:
			return strcmp(column_defs[i].name, "qualifying_date") == 0 ||
				strcmp(column_defs[i].name, "applied_on") == 0;
		default:
			return false;
	}
}

/* column_is_required of each column, worked out once. */
static bool
column_required(int i)
{
	static bool known = false;
	static bool required[lengthof(column_defs)];

	if (!known)
	{
		int			c;

		for (c = 0; c < NCOLUMNS; c++)
			required[c] = column_is_required(c);
		known = true;
	}
	return required[i];
}

/* One value into its field of app, converted by its kind; NULL leaves it absent. */
static void
set_column(dsm_application *app, int i, Datum d, bool isnull)
{
	const AppColumn *c = &column_defs[i];
	char	   *field = (char *) app + c->offset;

	if (isnull)
	{
		if (column_required(i))
			ereport(ERROR,
					errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					errmsg("%s must not be null", c->name));
		return;
	}
	if (c->kind == KIND_TEXT)
	{
		text	   *t = DatumGetTextPP(d);
		dsm_text   *out = (dsm_text *) field;

		out->data = VARDATA_ANY(t);
		out->len = VARSIZE_ANY_EXHDR(t);
	}
	else
	{
		dsm_value  *out = (dsm_value *) field;

		out->present = true;
		switch (c->kind)
		{
			case KIND_ID:
				out->value = DatumGetInt64(d);
				break;
			case KIND_TIME:
				if (TIMESTAMP_NOT_FINITE(DatumGetTimestampTz(d)))
					ereport(ERROR,
							errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
							errmsg("%s must be a finite time", c->name));
				out->value = DatumGetTimestampTz(d);
				break;
			case KIND_DATE:
				if (DATE_NOT_FINITE(DatumGetDateADT(d)))
					ereport(ERROR,
							errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
							errmsg("%s must be a finite date", c->name));
				out->value = DatumGetDateADT(d);
				break;
			case KIND_YEAR:
				out->value = DatumGetInt32(d);
				break;
			case KIND_SCALE:
				{
					text	   *t = DatumGetTextPP(d);
					const char *s = VARDATA_ANY(t);
					int			len = VARSIZE_ANY_EXHDR(t);

					if (len == 5 && memcmp(s, "above", 5) == 0)
						out->value = DSM_ABOVE_SCALE;
					else if (len == 5 && memcmp(s, "below", 5) == 0)
						out->value = 0;
					else
						ereport(ERROR,
								errcode(ERRCODE_INVALID_PARAMETER_VALUE),
								errmsg("scale must be 'above' or 'below', not \"%s\"", text_to_cstring(t)));
				}
				break;
			case KIND_FLAG:
				out->value = DatumGetBool(d) ? 1 : 0;
				break;
			case KIND_MONEY:
				out->value = numeric_to_fen(d, c->name);
				break;
			case KIND_COUNT:
				out->value = DatumGetInt16(d);
				break;
			case KIND_PROPOSAL:
				{
					char	   *v = TextDatumGetCString(d);

					if (strcmp(v, "proposed") == 0)
						/* the entitlement asks what each offer would give once confirmed */
						out->value = dsm_proposals_as_confirmed ? DSM_CONFIRMED : DSM_PROPOSED;
					else if (strcmp(v, "confirmed") == 0)
						out->value = DSM_CONFIRMED;
					else if (strcmp(v, "rejected") == 0)
						out->value = DSM_REJECTED;
					else
						ereport(ERROR,
								errcode(ERRCODE_INVALID_PARAMETER_VALUE),
								errmsg("proposal must be 'proposed', 'confirmed' or 'rejected', not \"%s\"", v));
				}
				break;
			case KIND_TEXT:
				break;
		}
	}
}

/* The columns of a row type, found by name, their types checked. */
static void
map_columns(ColumnMap *map, Oid rowtype, MemoryContext mcxt)
{
	MemoryContext old = MemoryContextSwitchTo(mcxt);
	TupleDesc	desc = lookup_rowtype_tupdesc_copy(rowtype, -1);
	int			i,
				a;

	map->rowtype = rowtype;
	map->desc = desc;
	map->values = palloc(sizeof(Datum) * Max(desc->natts, 1));
	map->nulls = palloc(sizeof(bool) * Max(desc->natts, 1));
	map->credit_code_attno = -1;
	for (a = 0; a < desc->natts; a++)
		if (!TupleDescAttr(desc, a)->attisdropped && strcmp(NameStr(TupleDescAttr(desc, a)->attname), "credit_code") == 0)
			map->credit_code_attno = a;
	for (i = 0; i < NCOLUMNS; i++)
	{
		map->attno[i] = -1;
		for (a = 0; a < desc->natts; a++)
		{
			Form_pg_attribute att = TupleDescAttr(desc, a);

			if (att->attisdropped || strcmp(NameStr(att->attname), column_defs[i].name) != 0)
				continue;
			if (getBaseType(att->atttypid) != kind_type(column_defs[i].kind))
				ereport(ERROR,
						errcode(ERRCODE_DATATYPE_MISMATCH),
						errmsg("column %s of %s has type %s, not %s", column_defs[i].name,
							   format_type_be(rowtype), format_type_be(att->atttypid),
							   format_type_be(kind_type(column_defs[i].kind))));
			map->attno[i] = a;
		}
		if (map->attno[i] < 0 && column_required(i))
			ereport(ERROR,
					errcode(ERRCODE_UNDEFINED_COLUMN),
					errmsg("%s has no column %s", format_type_be(rowtype), column_defs[i].name));
	}
	MemoryContextSwitchTo(old);
}

/* ------------------------------------------------------------------------
 * The parameter cache
 * ------------------------------------------------------------------------ */

static int
compare_code(const char *a, int alen, const char *b, int blen)
{
	int			c = memcmp(a, b, Min(alen, blen));

	return c != 0 ? c : alen - blen;
}

static int
clause_order(const void *a, const void *b)
{
	const ClauseRules *x = a;
	const ClauseRules *y = b;

	return compare_code(x->clause_code, x->clause_code_len, y->clause_code, y->clause_code_len);
}

/* The clause with this code (bytes, not NUL-terminated), or NULL. */
static ClauseRules *
find_clause(const EngineCache *cache, const char *code, int len)
{
	ClauseRules key;

	key.clause_code = unconstify(char *, code);
	key.clause_code_len = len;
	return bsearch(&key, cache->clauses, cache->nclauses, sizeof(ClauseRules), clause_order);
}

static int
row_from_order(const void *a, const void *b)
{
	const ParameterRow *x = a;
	const ParameterRow *y = b;

	return x->from < y->from ? -1 : x->from > y->from ? 1 : 0;
}

static dsm_kind
kind_from_text(const char *kind)
{
	int			k;

	for (k = 0; k <= DSM_KIND_NONE; k++)
		if (strcmp(kind, dsm_kind_name[k]) == 0)
			return (dsm_kind) k;
	elog(ERROR, "unknown award_kind \"%s\"", kind);
	return DSM_KIND_NONE;		/* not reached */
}

static dsm_scope
scope_from_text(const char *scope)
{
	if (scope == NULL)
		return DSM_SCOPE_NONE;
	if (strcmp(scope, "application") == 0)
		return DSM_SCOPE_APPLICATION;
	if (strcmp(scope, "enterprise_year") == 0)
		return DSM_SCOPE_ENTERPRISE_YEAR;
	if (strcmp(scope, "project") == 0)
		return DSM_SCOPE_PROJECT;
	if (strcmp(scope, "product") == 0)
		return DSM_SCOPE_PRODUCT;
	elog(ERROR, "unknown cap_scope \"%s\"", scope);
	return DSM_SCOPE_NONE;		/* not reached */
}

static int
param_from_name(const char *name)
{
	int			p;

	for (p = 0; p < DSM_P_COUNT; p++)
		if (strcmp(dsm_param_name[p], name) == 0)
			return p;
	return -1;
}

/* A numeric column of the parameter table as int64 units of 10^-scale. */
static int64
parameter_numeric(Datum value, int scale, int64 parameter_id)
{
	int64		result = 0;

	/* the table's CHECK constraints keep values finite and exact */
	if (numeric_to_scaled(value, scale, &result) != NUMERIC_SCALED_OK)
		elog(ERROR, "parameter row %lld holds a value the engine cannot read exactly",
			 (long long) parameter_id);
	return result;
}

static void build_segments(EngineCache *cache);

static int
register_order(const void *a, const void *b)
{
	return strcmp(((const RegisterRows *) a)->credit_code, ((const RegisterRows *) b)->credit_code);
}

/* A flag or scale column of the register as a fact: absent when NULL. */
static dsm_value
register_fact(HeapTuple tuple, TupleDesc tdesc, int column, bool is_scale)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tuple, tdesc, column, &isnull);
	dsm_value	v = {false, 0};

	if (isnull)
		return v;
	v.present = true;
	if (is_scale)
		v.value = strcmp(TextDatumGetCString(d), "above") == 0 ? DSM_ABOVE_SCALE : 0;
	else
		v.value = DatumGetBool(d) ? 1 : 0;
	return v;
}

/*
 * The enterprise register (table enterprise, 1.2), all of it: an enterprise's
 * rows by date.  A database that has no such table yet (1.1) has no register.
 */
static void
load_register(EngineCache *cache, const char *schema)
{
	uint64		i;
	int			k = -1;
	bool		isnull;

	if (SPI_execute(psprintf("SELECT to_regclass('%s.enterprise') IS NOT NULL", schema), true, 1) != SPI_OK_SELECT ||
		!DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull)))
		return;
	if (SPI_execute(psprintf("SELECT credit_code::text, lower(validity), upper(validity) - 1, scale, specialized, "
							 "manufacturer, reports_statistics FROM %s.enterprise "
							 "ORDER BY credit_code, lower(validity)", schema), true, 0) != SPI_OK_SELECT)
		elog(ERROR, "cannot read table enterprise");
	cache->register_rows = MemoryContextAllocZero(cache->mcxt, sizeof(RegisterRows) * Max(SPI_processed, 1));
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[i];
		TupleDesc	tdesc = SPI_tuptable->tupdesc;
		char	   *code = SPI_getvalue(tuple, tdesc, 1);
		dsm_register_row *row;
		Datum		until;

		if (k < 0 || strcmp(cache->register_rows[k].credit_code, code) != 0)
		{
			k++;
			cache->register_rows[k].credit_code = MemoryContextStrdup(cache->mcxt, code);
			cache->register_rows[k].rows = MemoryContextAllocZero(cache->mcxt, sizeof(dsm_register_row) * 4);
		}
		if (cache->register_rows[k].n > 0 && cache->register_rows[k].n % 4 == 0)
			cache->register_rows[k].rows = repalloc(cache->register_rows[k].rows,
													sizeof(dsm_register_row) * (cache->register_rows[k].n + 4));
		row = &cache->register_rows[k].rows[cache->register_rows[k].n++];
		row->from = DatumGetDateADT(SPI_getbinval(tuple, tdesc, 2, &isnull));
		until = SPI_getbinval(tuple, tdesc, 3, &isnull);
		row->until = isnull ? PG_INT32_MAX : DatumGetDateADT(until);
		row->scale = register_fact(tuple, tdesc, 4, true);
		row->specialized = register_fact(tuple, tdesc, 5, false);
		row->manufacturer = register_fact(tuple, tdesc, 6, false);
		row->reports_statistics = register_fact(tuple, tdesc, 7, false);
	}
	cache->nregister = k + 1;
}

/* The register rows of an enterprise, or NULL. */
static const RegisterRows *
register_of(const EngineCache *cache, const char *credit_code)
{
	RegisterRows key;

	if (cache->nregister == 0 || credit_code == NULL)
		return NULL;
	key.credit_code = unconstify(char *, credit_code);
	return bsearch(&key, cache->register_rows, cache->nregister, sizeof(RegisterRows), register_order);
}

static EngineCache *
load_cache(FunctionCallInfo fcinfo)
{
	MemoryContext mcxt;
	EngineCache *cache;
	const char *schema;
	uint64		i;
	int			n_in_force = 0;
	int			n_in_force_override = 0;
	int			n_policy = 0;
	Oid			argtypes[1] = {TEXTOID};
	Datum		args[1];

	mcxt = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt, "dsm_policy parameter cache",
								 ALLOCSET_SMALL_SIZES);
	cache = MemoryContextAllocZero(mcxt, sizeof(EngineCache));
	cache->mcxt = mcxt;
	cache->scenario = MemoryContextStrdup(mcxt, dsm_scenario);
	args[0] = CStringGetTextDatum(cache->scenario);

	schema = quote_identifier(get_namespace_name(get_func_namespace(fcinfo->flinfo->fn_oid)));

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	/* A scenario that does not exist would silently mean enacted: refuse it. */
	if (SPI_execute_with_args(psprintf("SELECT 1 FROM %s.scenario WHERE scenario = $1", schema),
							  1, argtypes, args, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "cannot read table scenario");
	if (SPI_processed == 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("dsm_policy.scenario \"%s\" is not a scenario of table %s.scenario",
					   cache->scenario, schema),
				errhint("Add it with INSERT INTO %s.scenario, or RESET dsm_policy.scenario.", schema));

	/* The clauses, and how each computes its award. */
	if (SPI_execute(psprintf("SELECT clause_code, award_kind, cap_scope FROM %s.clause", schema),
					true, 0) != SPI_OK_SELECT)
		elog(ERROR, "cannot read table clause");
	cache->nclauses = (int) SPI_processed;
	cache->clauses = MemoryContextAllocZero(mcxt, sizeof(ClauseRules) * Max(cache->nclauses, 1));
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[i];
		TupleDesc	tdesc = SPI_tuptable->tupdesc;
		ClauseRules *c = &cache->clauses[i];
		char	   *scope = SPI_getvalue(tuple, tdesc, 3);

		c->clause_code = MemoryContextStrdup(mcxt, SPI_getvalue(tuple, tdesc, 1));
		c->clause_code_len = (int) strlen(c->clause_code);
		c->kind = kind_from_text(SPI_getvalue(tuple, tdesc, 2));
		c->cap_scope = scope_from_text(scope);
		c->cap_scope_name = scope ? MemoryContextStrdup(mcxt, scope) : NULL;
	}
	qsort(cache->clauses, cache->nclauses, sizeof(ClauseRules), clause_order);

	/*
	 * Every parameter row of enacted and of the scenario, with its validity.
	 * (A database still at 1.0 or 1.1, before ALTER EXTENSION UPDATE, has no
	 * column value_choice.)
	 */
	if (SPI_execute(psprintf("SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = '%s.parameter'::pg_catalog.regclass "
							 "AND attname = 'value_choice' AND NOT attisdropped", schema), true, 1) != SPI_OK_SELECT)
		elog(ERROR, "cannot read the columns of table parameter");
	if (SPI_execute_with_args(psprintf("SELECT parameter_id, clause_code, name, lower(validity), upper(validity), "
									   "value_ratio, value_amount, value_count, value_date, value_flag, %s, "
									   "policy_code, scenario <> '" DSM_ENACTED "' "
									   "FROM %s.parameter WHERE scenario IN ('" DSM_ENACTED "', $1) "
									   "ORDER BY clause_code, name, lower(validity)",
									   SPI_processed > 0 ? "value_choice" : "NULL::text", schema),
							  1, argtypes, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "cannot read table parameter");

	/* room for each clause's rows: count them first */
	for (i = 0; i < SPI_processed; i++)
	{
		char	   *clause_code = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);
		ClauseRules *c;

		if (clause_code == NULL)
			continue;
		c = find_clause(cache, clause_code, (int) strlen(clause_code));
		if (c == NULL)
			elog(ERROR, "a parameter row names unknown clause \"%s\"", clause_code);
		c->nrows++;
	}
	for (i = 0; i < (uint64) cache->nclauses; i++)
	{
		cache->clauses[i].rows = MemoryContextAllocZero(mcxt, sizeof(ParameterRow) * Max(cache->clauses[i].nrows, 1));
		cache->clauses[i].nrows = 0;
	}
	cache->in_force = MemoryContextAllocZero(mcxt, sizeof(ParameterRow) * Max(SPI_processed, 1));
	cache->in_force_override = MemoryContextAllocZero(mcxt, sizeof(ParameterRow) * Max(SPI_processed, 1));
	cache->policy_rows = MemoryContextAllocZero(mcxt, sizeof(ParameterRow) * Max(SPI_processed, 1));

	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tuple = SPI_tuptable->vals[i];
		TupleDesc	tdesc = SPI_tuptable->tupdesc;
		bool		isnull;
		ParameterRow row;
		char	   *clause_code = SPI_getvalue(tuple, tdesc, 2);
		char	   *name = SPI_getvalue(tuple, tdesc, 3);
		Datum		d;

		memset(&row, 0, sizeof(row));
		row.parameter_id = DatumGetInt64(SPI_getbinval(tuple, tdesc, 1, &isnull));
		row.from = DatumGetDateADT(SPI_getbinval(tuple, tdesc, 4, &isnull));
		d = SPI_getbinval(tuple, tdesc, 5, &isnull);
		row.until = isnull ? DATEVAL_NOEND : DatumGetDateADT(d);
		row.policy_code = MemoryContextStrdup(mcxt, SPI_getvalue(tuple, tdesc, 12));
		row.override = DatumGetBool(SPI_getbinval(tuple, tdesc, 13, &isnull));
		row.param = strcmp(name, "in_force") == 0 ? -1 : param_from_name(name);
		/* 1.0 and 1.1 said first_time_only for once_only enterprise */
		if (strcmp(name, "first_time_only") == 0)
			row.param = DSM_P_ONCE_ONLY;
		if (row.param < 0 && strcmp(name, "in_force") != 0)
			elog(ERROR, "parameter \"%s\" is not known to the engine", name);

		if ((d = SPI_getbinval(tuple, tdesc, 6, &isnull)), !isnull)
			row.value = parameter_numeric(d, 6, row.parameter_id);
		else if ((d = SPI_getbinval(tuple, tdesc, 7, &isnull)), !isnull)
			row.value = parameter_numeric(d, 2, row.parameter_id);
		else if ((d = SPI_getbinval(tuple, tdesc, 8, &isnull)), !isnull)
			row.value = DatumGetInt32(d);
		else if ((d = SPI_getbinval(tuple, tdesc, 9, &isnull)), !isnull)
			row.value = DatumGetDateADT(d);
		else if ((d = SPI_getbinval(tuple, tdesc, 10, &isnull)), !isnull)
			row.value = row.param != DSM_P_ONCE_ONLY ? (DatumGetBool(d) ? 1 : 0)
				: DatumGetBool(d) ? DSM_ONCE_ENTERPRISE : DSM_ONCE_NONE;
		else
		{
			char	   *choice = SPI_getvalue(tuple, tdesc, 11);

			row.value = choice != NULL ? dsm_choice_code(row.param, choice) : -1;
			if (row.value < 0)
				elog(ERROR, "parameter row %lld: \"%s\" is not a value the engine knows for %s",
					 (long long) row.parameter_id, choice ? choice : "", name);
		}

		if (clause_code == NULL)
		{
			if (row.param < 0 && row.override)
				cache->in_force_override[n_in_force_override++] = row;
			else if (row.param < 0)
				cache->in_force[n_in_force++] = row;
			else
				cache->policy_rows[n_policy++] = row;
		}
		else
		{
			ClauseRules *c = find_clause(cache, clause_code, (int) strlen(clause_code));

			if (row.param < 0)
				elog(ERROR, "in_force is a parameter of the whole policy, not of clause %s", clause_code);
			Assert(c != NULL);	/* found when counting */
			c->rows[c->nrows++] = row;
		}
	}
	cache->nin_force = n_in_force;
	qsort(cache->in_force, n_in_force, sizeof(ParameterRow), row_from_order);
	cache->nin_force_override = n_in_force_override;
	cache->npolicy_rows = n_policy;

	load_register(cache, schema);
	SPI_finish();
	build_segments(cache);
	return cache;
}

static bool
valid_on(const ParameterRow *row, DateADT day)
{
	return row->from <= day && (row->until == DATEVAL_NOEND || day < row->until);
}

/* The in_force row on a day: in force, or why not. */
static const ParameterRow *
resolve_in_force(const EngineCache *cache, DateADT day, dsm_rule *rule)
{
	int			i;

	/* the scenario's own row for the day, if it has one */
	for (i = 0; i < cache->nin_force_override; i++)
	{
		const ParameterRow *row = &cache->in_force_override[i];

		if (valid_on(row, day))
		{
			rule->in_force = row->value ? DSM_IN_FORCE : DSM_SUSPENDED;
			return row;
		}
	}
	for (i = 0; i < cache->nin_force; i++)
	{
		const ParameterRow *row = &cache->in_force[i];

		if (valid_on(row, day))
		{
			rule->in_force = row->value ? DSM_IN_FORCE : DSM_SUSPENDED;
			return row;
		}
	}
	if (cache->nin_force == 0)
		rule->in_force = DSM_GAP;
	else if (day < cache->in_force[0].from)
	{
		rule->in_force = DSM_NOT_YET;
		rule->in_force_date = cache->in_force[0].from;
	}
	else
	{
		const ParameterRow *last = &cache->in_force[cache->nin_force - 1];

		if (last->until != DATEVAL_NOEND && day >= last->until)
		{
			rule->in_force = DSM_EXPIRED;
			rule->in_force_date = last->until - 1;
		}
		else
			rule->in_force = DSM_GAP;
	}
	return NULL;
}

/* The rows of a clause valid on a day into rule->p and ids; a scenario row first. */
static void
resolve_rows(const ParameterRow *rows, int nrows, DateADT day, const ParameterRow **used)
{
	int			i;

	for (i = 0; i < nrows; i++)
	{
		const ParameterRow *row = &rows[i];

		if (valid_on(row, day) &&
			(row->override || used[row->param] == NULL || !used[row->param]->override))
			used[row->param] = row;
	}
}

/*
 * The rule of a clause on a day: the policy's in_force resolution and the
 * rows valid on the day, clause rows and the policy's own, a scenario row
 * taking the place of the enacted row of its name.  ids (room for
 * DSM_P_COUNT + 1) receives the parameter_id of every row used, *nids their
 * number.  Returns the policy in force on the day, NULL if none.
 */
static const char *
resolve_day(const EngineCache *cache, const ClauseRules *clause, DateADT day,
			dsm_rule *rule, int64 *ids, int *nids)
{
	const ParameterRow *used[DSM_P_COUNT] = {0};
	const ParameterRow *in_force_row;
	int			i;

	memset(rule, 0, sizeof(*rule));
	rule->clause_code = clause->clause_code;
	rule->kind = clause->kind;
	rule->cap_scope = clause->cap_scope;
	in_force_row = resolve_in_force(cache, day, rule);
	resolve_rows(cache->policy_rows, cache->npolicy_rows, day, used);
	resolve_rows(clause->rows, clause->nrows, day, used);
	*nids = 0;
	if (in_force_row != NULL)
		ids[(*nids)++] = in_force_row->parameter_id;
	for (i = 0; i < DSM_P_COUNT; i++)
	{
		if (used[i] == NULL)
			continue;
		rule->p[i].present = true;
		rule->p[i].value = used[i]->value;
		ids[(*nids)++] = used[i]->parameter_id;
	}
	return in_force_row ? in_force_row->policy_code : NULL;
}

/* The first day after `day` on which the policy is in force; false if none. */
static bool
next_day_in_force(const EngineCache *cache, DateADT day, DateADT *next)
{
	bool		found = false;
	int			pass,
				i;

	for (pass = 0; pass < 2; pass++)
	{
		const ParameterRow *rows = pass == 0 ? cache->in_force : cache->in_force_override;
		int			n = pass == 0 ? cache->nin_force : cache->nin_force_override;

		for (i = 0; i < n; i++)
		{
			dsm_rule	probe;

			if (rows[i].from <= day || !rows[i].value || (found && rows[i].from >= *next))
				continue;
			memset(&probe, 0, sizeof(probe));
			(void) resolve_in_force(cache, rows[i].from, &probe);
			if (probe.in_force == DSM_IN_FORCE)
			{
				*next = rows[i].from;
				found = true;
			}
		}
	}
	return found;
}

/*
 * Step 1's rule for a day: in force, or why not; the clause's window
 * (eligible_from) closes days before it, and opens days before the policy
 * took effect to the rule of the policy's first day.
 */
static const char *
resolve_rule(const EngineCache *cache, const ClauseRules *clause, DateADT day,
			 dsm_rule *rule, int64 *ids, int *nids)
{
	const char *policy_code = resolve_day(cache, clause, day, rule, ids, nids);
	DateADT		next = 0;

	if (rule->in_force == DSM_IN_FORCE && rule->p[DSM_P_ELIGIBLE_FROM].present &&
		day < rule->p[DSM_P_ELIGIBLE_FROM].value)
	{
		rule->in_force = DSM_WINDOW_NOT_OPEN;
		rule->in_force_date = (int32) rule->p[DSM_P_ELIGIBLE_FROM].value;
	}
	else if ((rule->in_force == DSM_NOT_YET || rule->in_force == DSM_GAP) &&
			 next_day_in_force(cache, day, &next))
	{
		dsm_rule	first;
		int64		first_ids[DSM_P_COUNT + 1];
		int			nfirst;
		const char *first_policy = resolve_day(cache, clause, next, &first, first_ids, &nfirst);

		if (first.in_force == DSM_IN_FORCE && first.p[DSM_P_ELIGIBLE_FROM].present &&
			first.p[DSM_P_ELIGIBLE_FROM].value <= day)
		{
			*rule = first;
			rule->decided_on.present = true;
			rule->decided_on.value = next;
			memcpy(ids, first_ids, sizeof(int64) * nfirst);
			*nids = nfirst;
			policy_code = first_policy;
		}
	}
	return policy_code;
}

static int
id_order(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return x < y ? -1 : x > y ? 1 : 0;
}

static int
date_order(const void *a, const void *b)
{
	DateADT		x = *(const DateADT *) a;
	DateADT		y = *(const DateADT *) b;

	return x < y ? -1 : x > y ? 1 : 0;
}

/*
 * Cut each clause's timeline at every first day and every day after a last
 * day of its rows, of the policy's rows, and at every eligible_from date, and
 * resolve the rule of each piece once.
 */
static void
build_segments(EngineCache *cache)
{
	MemoryContext old = MemoryContextSwitchTo(cache->mcxt);
	int			c;

	for (c = 0; c < cache->nclauses; c++)
	{
		ClauseRules *clause = &cache->clauses[c];
		int			room = 3 * (clause->nrows + cache->nin_force + cache->nin_force_override + cache->npolicy_rows);
		DateADT    *days = palloc(sizeof(DateADT) * Max(room, 1));
		int			ndays = 0;
		int			nunique = 0;
		int			i;

#define ADD_BOUNDS(row) \
		do { \
			days[ndays++] = (row)->from; \
			if ((row)->until != DATEVAL_NOEND) \
				days[ndays++] = (row)->until; \
			if ((row)->param == DSM_P_ELIGIBLE_FROM) \
				days[ndays++] = (DateADT) (row)->value; \
		} while (0)

		for (i = 0; i < clause->nrows; i++)
			ADD_BOUNDS(&clause->rows[i]);
		for (i = 0; i < cache->nin_force; i++)
			ADD_BOUNDS(&cache->in_force[i]);
		for (i = 0; i < cache->nin_force_override; i++)
			ADD_BOUNDS(&cache->in_force_override[i]);
		for (i = 0; i < cache->npolicy_rows; i++)
			ADD_BOUNDS(&cache->policy_rows[i]);
#undef ADD_BOUNDS

		qsort(days, ndays, sizeof(DateADT), date_order);
		for (i = 0; i < ndays; i++)
			if (nunique == 0 || days[nunique - 1] != days[i])
				days[nunique++] = days[i];

		clause->nsegments = nunique + 1;
		clause->segments = palloc0(sizeof(RuleSegment) * clause->nsegments);
		for (i = 0; i < clause->nsegments; i++)
		{
			RuleSegment *seg = &clause->segments[i];
			/* a day of the segment: the day before the first boundary, or its first day */
			DateADT		day = i == 0 ? (nunique > 0 ? days[0] - 1 : 0) : days[i - 1];
			int64		ids[DSM_P_COUNT + 1];
			int			nids;
			int			k;
			StringInfoData version;

			seg->from = i == 0 ? DATEVAL_NOBEGIN : days[i - 1];
			seg->policy_code = resolve_rule(cache, clause, day, &seg->rule, ids, &nids);
			qsort(ids, nids, sizeof(int64), id_order);
			initStringInfo(&version);
			for (k = 0; k < nids; k++)
				appendStringInfo(&version, "%s" INT64_FORMAT, k > 0 ? "," : "", ids[k]);
			seg->version = nids > 0 ? version.data : NULL;
		}
		pfree(days);
	}
	MemoryContextSwitchTo(old);
}

/* The segment of a clause's timeline that holds a day. */
static const RuleSegment *
find_segment(const ClauseRules *clause, DateADT day)
{
	int			lo = 0;
	int			hi = clause->nsegments - 1;

	while (lo < hi)
	{
		int			mid = (lo + hi + 1) / 2;

		if (clause->segments[mid].from <= day)
			lo = mid;
		else
			hi = mid - 1;
	}
	return &clause->segments[lo];
}

/*
 * The cache of this call site: read on the first call, and again when
 * dsm_policy.scenario has changed since.
 */
static EngineCache *
engine_cache(FunctionCallInfo fcinfo)
{
	EngineCache *cache = fcinfo->flinfo->fn_extra;

	/* the same setting (its pointer changes when it is set again): the cache holds */
	if (cache != NULL && cache->scenario_setting == dsm_scenario)
		return cache;
	if (cache != NULL && strcmp(cache->scenario, dsm_scenario) != 0)
	{
		MemoryContextDelete(cache->mcxt);
		fcinfo->flinfo->fn_extra = cache = NULL;
	}
	if (cache == NULL)
		fcinfo->flinfo->fn_extra = cache = load_cache(fcinfo);
	cache->scenario_setting = dsm_scenario;
	return cache;
}

/* The clause of this code, or an error. */
static ClauseRules *
clause_of(EngineCache *cache, dsm_text code)
{
	ClauseRules *clause = cache->last_clause;

	if (clause != NULL && compare_code(code.data, code.len, clause->clause_code, clause->clause_code_len) == 0)
		return clause;
	clause = find_clause(cache, code.data, code.len);
	cache->last_clause = clause;
	if (clause == NULL)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("clause_code \"%s\" is not a clause of table clause", pnstrdup(code.data, code.len)));
	return clause;
}

/* ------------------------------------------------------------------------
 * Entry points
 * ------------------------------------------------------------------------ */

/* Steps 1 to 4 for one application: its segment's rule and dsm_evaluate. */
static const RuleSegment *
evaluate(EngineCache *cache, const dsm_application *app, dsm_outcome *out, char *texts)
{
	const RuleSegment *seg = find_segment(clause_of(cache, app->clause_code),
										  (DateADT) app->qualifying_date.value);

	out->reason = texts;
	out->formula = texts + DSM_TEXT_MAX;
	out->warning = texts + 2 * DSM_TEXT_MAX;
	dsm_evaluate(&seg->rule, app, out);
	return seg;
}

/*
 * The application in a row of type application (or any row with its
 * columns), and its credit code (palloc'd; NULL if none) in *credit_code.
 */
static void
read_row(EngineCache *cache, HeapTupleHeader row, dsm_application *app, char **credit_code)
{
	Oid			rowtype = HeapTupleHeaderGetTypeId(row);
	HeapTupleData tuple;
	Datum	   *values;
	bool	   *nulls;
	int			i;

	if (cache->columns.desc == NULL || cache->columns.rowtype != rowtype)
		map_columns(&cache->columns, rowtype, cache->mcxt);
	tuple.t_len = HeapTupleHeaderGetDatumLength(row);
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = row;
	values = cache->columns.values;
	nulls = cache->columns.nulls;
	heap_deform_tuple(&tuple, cache->columns.desc, values, nulls);
	memset(app, 0, sizeof(*app));
	for (i = 0; i < NCOLUMNS; i++)
	{
		int			a = cache->columns.attno[i];

		if (a >= 0)
			set_column(app, i, values[a], nulls[a]);
	}
	if (credit_code != NULL)
		*credit_code = cache->columns.credit_code_attno >= 0 && !nulls[cache->columns.credit_code_attno]
			? TextDatumGetCString(values[cache->columns.credit_code_attno]) : NULL;
}

/*
 * Steps 1 to 4 for a stored application: the facts it leaves empty from the
 * register (note, DSM_TEXT_MAX bytes), then its segment's rule.
 */
static const RuleSegment *
evaluate_stored(EngineCache *cache, dsm_application *app, const char *credit_code, dsm_outcome *out,
				char *texts, char *note)
{
	const RegisterRows *reg = register_of(cache, credit_code);
	const RuleSegment *seg;

	note[0] = '\0';
	if (reg != NULL)
		dsm_fill_from_register(app, reg->rows, reg->n, note, DSM_TEXT_MAX);
	seg = evaluate(cache, app, out, texts);
	out->facts = note;
	return seg;
}

static Datum
fen_or_null(dsm_value v, bool *isnull)
{
	*isnull = !v.present;
	return v.present ? fen_to_numeric(v.value) : (Datum) 0;
}

static Datum
text_or_null(const char *s, bool *isnull)
{
	*isnull = (s == NULL || s[0] == '\0');
	return *isnull ? (Datum) 0 : CStringGetTextDatum(s);
}

/* The outcome as type evaluation. */
static Datum
evaluation_datum(FunctionCallInfo fcinfo, EngineCache *cache, const ClauseRules *clause,
				 const RuleSegment *seg, const dsm_outcome *out)
{
	Datum		values[EVALUATION_COLUMNS];
	bool		nulls[EVALUATION_COLUMNS];

	if (cache->result_desc == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(cache->mcxt);
		TupleDesc	desc;

		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE ||
			desc->natts != EVALUATION_COLUMNS ||
			(TupleDescAttr(desc, E_ONCE_ONLY)->atttypid != TEXTOID &&
			 TupleDescAttr(desc, E_ONCE_ONLY)->atttypid != BOOLOID))
			elog(ERROR, "evaluate_application must return type evaluation of %d columns", EVALUATION_COLUMNS);
		cache->result_desc = BlessTupleDesc(CreateTupleDescCopy(desc));
		MemoryContextSwitchTo(old);
	}
	memset(nulls, 0, sizeof(nulls));
	values[E_STATUS] = CStringGetTextDatum(dsm_status_name[out->status]);
	values[E_REASON] = text_or_null(out->reason, &nulls[E_REASON]);
	values[E_BASIS_AMOUNT] = fen_or_null(out->basis, &nulls[E_BASIS_AMOUNT]);
	values[E_COMPUTED_AMOUNT] = fen_or_null(out->computed, &nulls[E_COMPUTED_AMOUNT]);
	values[E_CAP_AMOUNT] = fen_or_null(out->cap, &nulls[E_CAP_AMOUNT]);
	values[E_CAP_SCOPE] = text_or_null(clause->cap_scope_name, &nulls[E_CAP_SCOPE]);
	nulls[E_QUOTA] = !out->quota.present;
	values[E_QUOTA] = Int32GetDatum((int32) out->quota.value);
	if (TupleDescAttr(cache->result_desc, E_ONCE_ONLY)->atttypid == BOOLOID)
	{
		/* type evaluation of 1.0 and 1.1: first_time_only */
		values[E_ONCE_ONLY] = BoolGetDatum(out->once_only != DSM_ONCE_NONE);
		nulls[E_ONCE_ONLY] = false;
	}
	else
	{
		nulls[E_ONCE_ONLY] = out->once_only == DSM_ONCE_NONE;
		values[E_ONCE_ONLY] = nulls[E_ONCE_ONLY] ? (Datum) 0
			: CStringGetTextDatum(out->once_only == DSM_ONCE_ENTERPRISE ? "enterprise" : "enterprise_product");
	}
	values[E_STACKING_EXEMPT] = BoolGetDatum(out->stacking_exempt);
	values[E_FORMULA] = text_or_null(out->formula, &nulls[E_FORMULA]);
	values[E_WARNING] = text_or_null(out->warning, &nulls[E_WARNING]);
	values[E_POLICY_CODE] = text_or_null(seg->policy_code, &nulls[E_POLICY_CODE]);
	values[E_PARAMETER_VERSION] = text_or_null(seg->version, &nulls[E_PARAMETER_VERSION]);
	values[E_PROVINCIAL_MAX] = fen_or_null(out->provincial_max, &nulls[E_PROVINCIAL_MAX]);
	return HeapTupleGetDatum(heap_form_tuple(cache->result_desc, values, nulls));
}

/*
 * application_item(application): steps 1 to 4 for one application, as the
 * item the enterprise pass reads (item.h)
 */
PG_FUNCTION_INFO_V1(application_item);
Datum
application_item(PG_FUNCTION_ARGS)
{
	EngineCache *cache;
	dsm_application app;
	dsm_outcome out;
	char		texts[4 * DSM_TEXT_MAX];
	const RuleSegment *seg;
	char	   *credit_code;

	require_argument(fcinfo, 0, "application");
	cache = engine_cache(fcinfo);
	read_row(cache, PG_GETARG_HEAPTUPLEHEADER(0), &app, &credit_code);
	seg = evaluate_stored(cache, &app, credit_code, &out, texts, texts + 3 * DSM_TEXT_MAX);
	PG_RETURN_BYTEA_P(item_of_application(&app, &out, seg->policy_code, seg->version));
}

/* evaluate_application(application): steps 1 to 4 for one stored application */
PG_FUNCTION_INFO_V1(evaluate_stored_application);
Datum
evaluate_stored_application(PG_FUNCTION_ARGS)
{
	EngineCache *cache;
	dsm_application app;
	dsm_outcome out;
	char		texts[4 * DSM_TEXT_MAX];
	const RuleSegment *seg;
	char	   *credit_code;

	require_argument(fcinfo, 0, "application");
	cache = engine_cache(fcinfo);
	read_row(cache, PG_GETARG_HEAPTUPLEHEADER(0), &app, &credit_code);
	seg = evaluate_stored(cache, &app, credit_code, &out, texts, texts + 3 * DSM_TEXT_MAX);
	PG_RETURN_DATUM(evaluation_datum(fcinfo, cache, clause_of(cache, app.clause_code), seg, &out));
}

/* The application column each argument of this function names (its SQL declaration). */
static void
map_arguments(FunctionCallInfo fcinfo, EngineCache *cache)
{
	HeapTuple	proc = SearchSysCache1(PROCOID, ObjectIdGetDatum(fcinfo->flinfo->fn_oid));
	Oid		   *types;
	char	  **names;
	char	   *modes;
	int			n,
				i;

	if (!HeapTupleIsValid(proc))
		elog(ERROR, "cache lookup failed for function %u", fcinfo->flinfo->fn_oid);
	n = get_func_arg_info(proc, &types, &names, &modes);
	cache->arg_column = MemoryContextAlloc(cache->mcxt, sizeof(int) * Max(n, 1));
	cache->arg_int4 = MemoryContextAllocZero(cache->mcxt, sizeof(bool) * Max(n, 1));
	for (i = 0; i < n; i++)
	{
		int			c = names != NULL ? column_index(names[i]) : -1;
		Oid			type = getBaseType(types[i]);

		/* a count may be declared integer, so that cloud_stars => 3 needs no cast */
		if (c >= 0 && column_defs[c].kind == KIND_COUNT && type == INT4OID)
			cache->arg_int4[i] = true;
		else if (c < 0 || kind_type(column_defs[c].kind) != type)
			elog(ERROR, "argument %d of evaluate_application is not an application column", i + 1);
		cache->arg_column[i] = c;
	}
	cache->nargs = n;
	ReleaseSysCache(proc);
}

/*
 * evaluate_application(clause_code => ..., qualifying_date => ..., ...):
 * steps 1 to 4 for an application that is not stored.  Each argument is the
 * application column of its name; applied_on defaults to the qualifying date.
 */
PG_FUNCTION_INFO_V1(evaluate_application);
Datum
evaluate_application(PG_FUNCTION_ARGS)
{
	EngineCache *cache = engine_cache(fcinfo);
	dsm_application app;
	dsm_outcome out;
	char		texts[3 * DSM_TEXT_MAX];
	const RuleSegment *seg;
	static const char name[] = "(not stored)";
	int			i;

	if (cache->arg_column == NULL)
		map_arguments(fcinfo, cache);
	memset(&app, 0, sizeof(app));
	for (i = 0; i < cache->nargs && i < PG_NARGS(); i++)
	{
		int			c = cache->arg_column[i];

		Datum		d = PG_GETARG_DATUM(i);

		/* the columns a stored application always has, but not this one */
		if (PG_ARGISNULL(i) && (strcmp(column_defs[c].name, "applied_on") == 0))
			continue;
		if (cache->arg_int4[i] && !PG_ARGISNULL(i))
		{
			int32		count = DatumGetInt32(d);

			if (count < PG_INT16_MIN || count > PG_INT16_MAX)
				ereport(ERROR,
						errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						errmsg("%s is out of range: %d", column_defs[c].name, count));
			d = Int16GetDatum((int16) count);
		}
		set_column(&app, c, d, PG_ARGISNULL(i));
	}
	if (!app.clause_code.data || !app.qualifying_date.present)
		ereport(ERROR,
				errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				errmsg("clause_code and qualifying_date must not be null"));
	if (!app.applied_on.present)
		app.applied_on = app.qualifying_date;
	app.project_ref.data = name;
	app.project_ref.len = (int32) strlen(name);
	seg = evaluate(cache, &app, &out, texts);
	PG_RETURN_DATUM(evaluation_datum(fcinfo, cache, clause_of(cache, app.clause_code), seg, &out));
}

/*
 * share_award(clause_code, qualifying_date, scale, specialized, basis): the
 * award of a share clause for one amount, steps 3 and 4 without conditions
 */
PG_FUNCTION_INFO_V1(share_award);
Datum
share_award(PG_FUNCTION_ARGS)
{
	EngineCache *cache = engine_cache(fcinfo);
	text	   *code = PG_GETARG_TEXT_PP(0);
	dsm_text	clause_code = {VARDATA_ANY(code), (int32) VARSIZE_ANY_EXHDR(code)};
	ClauseRules *clause = clause_of(cache, clause_code);
	DateADT		day = PG_GETARG_DATEADT(1);
	dsm_application app;
	int64		basis = numeric_to_fen(PG_GETARG_DATUM(4), "basis");
	int64		amount;
	static int	scale_column = -1;

	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				errmsg("qualifying_date must be a finite date"));
	if (scale_column < 0)
		scale_column = column_index("scale");	/* found once, not per call */
	set_column(&app, scale_column, PG_GETARG_DATUM(2), false);
	if (!dsm_capped_share(&find_segment(clause, day)->rule, PG_GETARG_BOOL(3),
						  app.scale.value == DSM_ABOVE_SCALE, basis, &amount))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(fen_to_numeric(amount));
}

/*
 * rule_reads(): the columns of table application each rule reads, from the
 * engine's own lists (award.h: DSM_PARAMETERS, dsm_kind_reads): one row per
 * kind of award and per parameter.
 */
static Datum
columns_array(const char *list)
{
	ArrayBuildState *build = initArrayResult(TEXTOID, CurrentMemoryContext, false);
	const char *p = list;

	while (*p)
	{
		const char *end = strchr(p, ' ');
		size_t		len = end ? (size_t) (end - p) : strlen(p);

		if (len > 0)
			accumArrayResult(build, PointerGetDatum(cstring_to_text_with_len(p, (int) len)), false,
							 TEXTOID, CurrentMemoryContext);
		p += len;
		while (*p == ' ')
			p++;
	}
	return makeArrayResult(build, CurrentMemoryContext);
}

PG_FUNCTION_INFO_V1(rule_reads);
Datum
rule_reads(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i <= DSM_KIND_NONE; i++)
	{
		Datum		values[3] = {CStringGetTextDatum("award_kind"), CStringGetTextDatum(dsm_kind_name[i]),
								 columns_array(dsm_kind_reads[i])};
		bool		nulls[3] = {false, false, false};

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	for (i = 0; i < DSM_P_COUNT; i++)
	{
		Datum		values[3] = {CStringGetTextDatum("parameter"), CStringGetTextDatum(dsm_param_name[i]),
								 columns_array(dsm_param_reads[i])};
		bool		nulls[3] = {false, false, false};

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
