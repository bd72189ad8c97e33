/*
 * award_sql.c: evaluate_application(), the SQL entry point of the rules for
 * one application (README.md, "Award decisions", steps 1 to 4).
 *
 * Glue only: it reads the clause and parameter tables once per query into a
 * cache hung on fn_extra, picks for each application the rows valid on its
 * qualifying date, converts the arguments to int64 fen, and hands both to
 * dsm_evaluate() in award.c, which holds the policy.
 *
 * The rows read are those of scenario enacted and of the scenario named by
 * the setting dsm_policy.scenario: on any day a row of that scenario
 * overrides the enacted row of the same clause and name.  The cache records
 * the scenario it was read for and is read again when the setting changes.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "award.h"
#include "dsm_policy.h"
#include "money_sql.h"

/* One parameter row, as the cache holds it. */
typedef struct ParameterRow
{
	int			param;			/* a dsm_param */
	DateADT		from;			/* first day */
	DateADT		until;			/* day after the last; DATEVAL_NOEND if open */
	int64		value;			/* fen, millionths, count, date or 0/1 */
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
	char	   *cap_scope;		/* NULL if none */
	int			nrows;
	ParameterRow *rows;
	int			nsegments;
	RuleSegment *segments;		/* sorted by from */
} ClauseRules;

/* Everything one query needs, loaded on the first call. */
typedef struct EngineCache
{
	MemoryContext mcxt;			/* holds all of it */
	char	   *scenario;		/* the scenario read, besides enacted */
	TupleDesc	result_desc;	/* evaluate_application's result, once known */
	int			nclauses;
	ClauseRules *clauses;		/* sorted by clause_code bytes */
	ClauseRules *last_clause;	/* the clause found last: most calls ask for it again */
	int			nin_force;
	ParameterRow *in_force;		/* enacted policy-level in_force rows, sorted by from */
	int			nin_force_override;
	ParameterRow *in_force_override;	/* the scenario's in_force rows */
} EngineCache;

#define RESULT_COLUMNS 14

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

	key.clause_code = (char *) code;
	key.clause_code_len = len;
	return bsearch(&key, cache->clauses, cache->nclauses, sizeof(ClauseRules), clause_order);
}

static int
in_force_order(const void *a, const void *b)
{
	const ParameterRow *x = a;
	const ParameterRow *y = b;

	return x->from < y->from ? -1 : x->from > y->from ? 1 : 0;
}

static dsm_kind
kind_from_text(const char *kind)
{
	if (strcmp(kind, "share") == 0)
		return DSM_KIND_SHARE;
	if (strcmp(kind, "spending_share") == 0)
		return DSM_KIND_SPENDING_SHARE;
	if (strcmp(kind, "fixed") == 0)
		return DSM_KIND_FIXED;
	if (strcmp(kind, "approved") == 0)
		return DSM_KIND_APPROVED;
	if (strcmp(kind, "none") == 0)
		return DSM_KIND_NONE;
	elog(ERROR, "unknown award_kind \"%s\"", kind);
	return DSM_KIND_NONE;		/* not reached */
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

static EngineCache *
load_cache(FunctionCallInfo fcinfo)
{
	MemoryContext mcxt;
	EngineCache *cache;
	const char *schema;
	uint64		i;
	int			n_in_force = 0;
	int			n_in_force_override = 0;
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
		c->cap_scope = scope ? MemoryContextStrdup(mcxt, scope) : NULL;
	}
	qsort(cache->clauses, cache->nclauses, sizeof(ClauseRules), clause_order);

	/* Every parameter row of enacted and of the scenario, with its validity. */
	if (SPI_execute_with_args(psprintf("SELECT parameter_id, clause_code, name, lower(validity), upper(validity), "
									   "value_ratio, value_amount, value_count, value_date, value_flag, policy_code, "
									   "scenario <> '" DSM_ENACTED "' "
									   "FROM %s.parameter WHERE scenario IN ('" DSM_ENACTED "', $1) "
									   "ORDER BY clause_code, name, lower(validity)", schema),
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
		row.policy_code = MemoryContextStrdup(mcxt, SPI_getvalue(tuple, tdesc, 11));
		row.override = DatumGetBool(SPI_getbinval(tuple, tdesc, 12, &isnull));

		if ((d = SPI_getbinval(tuple, tdesc, 6, &isnull)), !isnull)
			row.value = parameter_numeric(d, 6, row.parameter_id);
		else if ((d = SPI_getbinval(tuple, tdesc, 7, &isnull)), !isnull)
			row.value = parameter_numeric(d, 2, row.parameter_id);
		else if ((d = SPI_getbinval(tuple, tdesc, 8, &isnull)), !isnull)
			row.value = DatumGetInt32(d);
		else if ((d = SPI_getbinval(tuple, tdesc, 9, &isnull)), !isnull)
			row.value = DatumGetDateADT(d);
		else if ((d = SPI_getbinval(tuple, tdesc, 10, &isnull)), !isnull)
			row.value = DatumGetBool(d) ? 1 : 0;

		if (clause_code == NULL)
		{
			if (strcmp(name, "in_force") != 0)
				elog(ERROR, "policy-level parameter \"%s\" is not known to the engine", name);
			row.param = -1;
			if (row.override)
				cache->in_force_override[n_in_force_override++] = row;
			else
				cache->in_force[n_in_force++] = row;
		}
		else
		{
			ClauseRules *c = find_clause(cache, clause_code, (int) strlen(clause_code));

			row.param = param_from_name(name);
			if (row.param < 0)
				elog(ERROR, "parameter \"%s\" is not known to the engine", name);
			Assert(c != NULL);	/* found when counting */
			c->rows[c->nrows++] = row;
		}
	}
	cache->nin_force = n_in_force;
	qsort(cache->in_force, n_in_force, sizeof(ParameterRow), in_force_order);
	cache->nin_force_override = n_in_force_override;

	SPI_finish();
	build_segments(cache);
	return cache;
}

static bool
valid_on(const ParameterRow *row, DateADT day)
{
	return row->from <= day && (row->until == DATEVAL_NOEND || day < row->until);
}

/* The in_force rows on a day: in force, or why not. */
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

/*
 * The cache of this call site: read on the first call, and again when
 * dsm_policy.scenario has changed since.
 */
static EngineCache *
engine_cache(FunctionCallInfo fcinfo)
{
	EngineCache *cache = fcinfo->flinfo->fn_extra;

	if (cache != NULL && strcmp(cache->scenario, dsm_scenario) != 0)
	{
		MemoryContextDelete(cache->mcxt);
		fcinfo->flinfo->fn_extra = cache = NULL;
	}
	if (cache == NULL)
		fcinfo->flinfo->fn_extra = cache = load_cache(fcinfo);
	return cache;
}

/* The clause named by argument 0, or an error. */
static ClauseRules *
clause_argument(FunctionCallInfo fcinfo, EngineCache *cache)
{
	text	   *arg = PG_GETARG_TEXT_PP(0);
	ClauseRules *clause = cache->last_clause;

	if (clause != NULL &&
		compare_code(VARDATA_ANY(arg), VARSIZE_ANY_EXHDR(arg), clause->clause_code, clause->clause_code_len) == 0)
		return clause;
	clause = find_clause(cache, VARDATA_ANY(arg), VARSIZE_ANY_EXHDR(arg));
	cache->last_clause = clause;

	if (clause == NULL)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("clause_code \"%s\" is not a clause of table clause", text_to_cstring(arg)));
	return clause;
}

/* The scale argument: true for 'above', false for 'below', else an error. */
static bool
above_scale_argument(FunctionCallInfo fcinfo, int argno)
{
	text	   *arg = PG_GETARG_TEXT_PP(argno);

	if (compare_code(VARDATA_ANY(arg), VARSIZE_ANY_EXHDR(arg), "above", 5) == 0)
		return true;
	if (compare_code(VARDATA_ANY(arg), VARSIZE_ANY_EXHDR(arg), "below", 5) != 0)
		ereport(ERROR,
				errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				errmsg("scale must be 'above' or 'below', not \"%s\"", text_to_cstring(arg)));
	return false;
}

/*
 * The rule of a clause on a day: the policy's in_force resolution and the
 * clause's rows valid on the day, a scenario row taking the place of the
 * enacted row of its name.  ids (room for DSM_P_COUNT + 1) receives the
 * parameter_id of every row used, *nids their number.  Returns the policy in
 * force on the day, NULL if none.
 */
static const char *
resolve_rule(const EngineCache *cache, const ClauseRules *clause, DateADT day,
			 dsm_rule *rule, int64 *ids, int *nids)
{
	const ParameterRow *used[DSM_P_COUNT] = {0};
	const ParameterRow *in_force_row;
	int			i;

	memset(rule, 0, sizeof(*rule));
	rule->clause_code = clause->clause_code;
	rule->kind = clause->kind;
	in_force_row = resolve_in_force(cache, day, rule);
	for (i = 0; i < clause->nrows; i++)
	{
		const ParameterRow *row = &clause->rows[i];

		if (valid_on(row, day) &&
			(row->override || used[row->param] == NULL || !used[row->param]->override))
			used[row->param] = row;
	}
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
 * day of its rows and of the in_force rows, and resolve the rule of each
 * piece once.
 */
static void
build_segments(EngineCache *cache)
{
	MemoryContext old = MemoryContextSwitchTo(cache->mcxt);
	int			c;

	for (c = 0; c < cache->nclauses; c++)
	{
		ClauseRules *clause = &cache->clauses[c];
		int			room = 2 * (clause->nrows + cache->nin_force + cache->nin_force_override);
		DateADT    *days = palloc(sizeof(DateADT) * Max(room, 1));
		int			ndays = 0;
		int			nunique = 0;
		int			i;

#define ADD_BOUNDS(row) \
		do { \
			days[ndays++] = (row)->from; \
			if ((row)->until != DATEVAL_NOEND) \
				days[ndays++] = (row)->until; \
		} while (0)

		for (i = 0; i < clause->nrows; i++)
			ADD_BOUNDS(&clause->rows[i]);
		for (i = 0; i < cache->nin_force; i++)
			ADD_BOUNDS(&cache->in_force[i]);
		for (i = 0; i < cache->nin_force_override; i++)
			ADD_BOUNDS(&cache->in_force_override[i]);
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


static DateADT
date_argument(FunctionCallInfo fcinfo, int argno, const char *name)
{
	DateADT		day = PG_GETARG_DATEADT(argno);

	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				errmsg("%s must be a finite date", name));
	return day;
}

static dsm_value
optional_fen(FunctionCallInfo fcinfo, int argno, const char *name)
{
	dsm_value	v = {false, 0};

	if (!PG_ARGISNULL(argno))
	{
		v.present = true;
		v.value = numeric_to_fen(PG_GETARG_DATUM(argno), name);
	}
	return v;
}

static dsm_tri
optional_flag(FunctionCallInfo fcinfo, int argno)
{
	if (PG_ARGISNULL(argno))
		return DSM_UNKNOWN;
	return PG_GETARG_BOOL(argno) ? DSM_YES : DSM_NO;
}

static Datum
text_or_null(const char *s, bool *isnull)
{
	*isnull = (s == NULL || s[0] == '\0');
	return *isnull ? (Datum) 0 : CStringGetTextDatum(s);
}

static const char *const status_name[] = {
	[DSM_ELIGIBLE] = "eligible",
	[DSM_NOT_IN_FORCE] = "not_in_force",
	[DSM_NO_MONETARY_AWARD] = "no_monetary_award",
	[DSM_INELIGIBLE] = "ineligible",
	[DSM_PENDING] = "pending",
};

/*
 * evaluate_application(clause_code, qualifying_date, applied_on, scale, ...):
 * one application against the parameters valid on its qualifying date
 */
PG_FUNCTION_INFO_V1(evaluate_application);
Datum
evaluate_application(PG_FUNCTION_ARGS)
{
	EngineCache *cache;
	ClauseRules *clause;
	const RuleSegment *seg;
	const dsm_rule *rule;
	dsm_facts	facts;
	dsm_outcome out;
	Datum		values[RESULT_COLUMNS];
	bool		nulls[RESULT_COLUMNS];

	require_argument(fcinfo, 0, "clause_code");
	require_argument(fcinfo, 1, "qualifying_date");
	require_argument(fcinfo, 2, "applied_on");
	require_argument(fcinfo, 3, "scale");
	require_argument(fcinfo, 4, "specialized");
	require_argument(fcinfo, 5, "manufacturer");

	cache = engine_cache(fcinfo);
	if (cache->result_desc == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(cache->mcxt);
		TupleDesc	desc;

		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "evaluate_application must return a composite type");
		if (desc->natts != RESULT_COLUMNS)
			elog(ERROR, "type evaluation has %d columns, expected %d", desc->natts, RESULT_COLUMNS);
		cache->result_desc = BlessTupleDesc(CreateTupleDescCopy(desc));
		MemoryContextSwitchTo(old);
	}
	clause = clause_argument(fcinfo, cache);

	memset(&facts, 0, sizeof(facts));
	facts.above_scale = above_scale_argument(fcinfo, 3);
	facts.qualifying_date = date_argument(fcinfo, 1, "qualifying_date");
	facts.applied_on = date_argument(fcinfo, 2, "applied_on");
	facts.specialized = PG_GETARG_BOOL(4);
	facts.manufacturer = PG_GETARG_BOOL(5);
	facts.provincial_amount = optional_fen(fcinfo, 6, "provincial_amount");
	facts.expenditure = optional_fen(fcinfo, 7, "expenditure");
	facts.investment = optional_fen(fcinfo, 8, "investment");
	facts.approved_amount = optional_fen(fcinfo, 9, "approved_amount");
	facts.revenue = optional_fen(fcinfo, 10, "revenue");
	if (!PG_ARGISNULL(11))
	{
		facts.cloud_stars.present = true;
		facts.cloud_stars.value = PG_GETARG_INT16(11);
	}
	if (!PG_ARGISNULL(12))
	{
		facts.service_start.present = true;
		facts.service_start.value = date_argument(fcinfo, 12, "service_start");
	}
	facts.in_use = optional_flag(fcinfo, 13);
	facts.innovative_mode = optional_flag(fcinfo, 14);
	facts.in_catalogue = optional_flag(fcinfo, 15);
	facts.in_production = optional_flag(fcinfo, 16);
	facts.reports_statistics = optional_flag(fcinfo, 17);

	seg = find_segment(clause, facts.qualifying_date);
	rule = &seg->rule;
	dsm_evaluate(rule, &facts, &out);

	memset(nulls, 0, sizeof(nulls));
	values[0] = CStringGetTextDatum(status_name[out.status]);
	values[1] = text_or_null(out.reason, &nulls[1]);
	nulls[2] = !out.basis.present;
	values[2] = out.basis.present ? fen_to_numeric(out.basis.value) : (Datum) 0;
	nulls[3] = !out.computed.present;
	values[3] = out.computed.present ? fen_to_numeric(out.computed.value) : (Datum) 0;
	nulls[4] = !out.cap.present;
	values[4] = out.cap.present ? fen_to_numeric(out.cap.value) : (Datum) 0;
	values[5] = text_or_null(clause->cap_scope, &nulls[5]);
	nulls[13] = !out.provincial_max.present;
	values[13] = out.provincial_max.present ? fen_to_numeric(out.provincial_max.value) : (Datum) 0;
	nulls[6] = !rule->p[DSM_P_QUOTA_ENTERPRISES_PER_YEAR].present;
	values[6] = Int32GetDatum((int32) rule->p[DSM_P_QUOTA_ENTERPRISES_PER_YEAR].value);
	values[7] = BoolGetDatum(rule->p[DSM_P_FIRST_TIME_ONLY].present &&
							 rule->p[DSM_P_FIRST_TIME_ONLY].value != 0);
	values[8] = BoolGetDatum(rule->p[DSM_P_STACKING_EXEMPT].present &&
							 rule->p[DSM_P_STACKING_EXEMPT].value != 0);
	values[9] = text_or_null(out.formula, &nulls[9]);
	values[10] = text_or_null(out.warning, &nulls[10]);
	values[11] = text_or_null(seg->policy_code, &nulls[11]);
	values[12] = text_or_null(seg->version, &nulls[12]);

	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(cache->result_desc, values, nulls)));
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
	ClauseRules *clause = clause_argument(fcinfo, cache);
	DateADT		day = date_argument(fcinfo, 1, "qualifying_date");
	bool		above_scale = above_scale_argument(fcinfo, 2);
	bool		specialized = PG_GETARG_BOOL(3);
	int64		basis = numeric_to_fen(PG_GETARG_DATUM(4), "basis");
	int64		amount;

	if (!dsm_capped_share(&find_segment(clause, day)->rule, specialized, above_scale, basis, &amount))
		PG_RETURN_NULL();
	PG_RETURN_DATUM(fen_to_numeric(amount));
}
