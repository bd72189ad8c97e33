/*
 * compat_1_1.c: the window function enterprise_steps() of dsm_policy 1.1, kept
 * so that a database still at 1.0 or 1.1 keeps deciding as it did with this
 * library, between `make install` and ALTER EXTENSION dsm_policy UPDATE (and
 * so that the upgrade test can decide the sample data as 1.1 did, then upgrade).
 * 1.2 does not call it: its award_decision decides an enterprise in
 * decide_enterprise() (enterprise_sql.c, rules in enterprise.c).
 *
 * 1.1's group steps, in the order 1.1 applied them: each cap group allocated
 * in row order (superseded awards used their share), the award after the
 * quota, then the winner of each stacking group.  The claim rule and the
 * stacking order are 1.2's own (dsm_claim_award, dsm_candidate_beats), which
 * 1.2 did not change.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/typcache.h"
#include "windowapi.h"

#include "enterprise.h"
#include "money_sql.h"

/* One row of 1.1's group steps, in (applied_at, application_id) order. */
typedef struct dsm_group_row
{
	bool		other;			/* an award under another city policy: a stacking candidate only */
	int64_t		application_id;
	int64_t		applied_at;
	bool		claims;			/* an eligible application: claims on its cap group */
	int64_t		amount;			/* fen: the computed amount, or the other award's amount */
	int64_t		cap;			/* fen, or DSM_NO_CAP */
	bool		over_quota;
	bool		stacking_exempt;
	int32_t		cap_group;
	int32_t		stacking_group;
	int64_t		allocated;		/* claims: what its group's cap left it */
	int64_t		allocated_so_far;	/* claims: its group's total up to and including it */
	int64_t		award;			/* applications: allocated, 0 when over quota or not claiming */
	int32_t		winner;			/* index of its stacking group's winner; -1 when no candidate */
} dsm_group_row;

static dsm_candidate
candidate_of(const dsm_group_row *row)
{
	dsm_candidate c;

	c.amount = row->other ? row->amount : row->award;
	c.other = row->other;
	c.applied_at = row->applied_at;
	c.application_id = row->application_id;
	return c;
}

/* 1.1's steps 4 to 7 for one enterprise's rows. */
static bool
dsm_group_steps(dsm_group_row *rows, size_t n, int64_t *totals, int32_t *best)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		totals[i] = 0;
		best[i] = -1;
	}
	for (i = 0; i < n; i++)
	{
		dsm_group_row *r = &rows[i];
		dsm_claim	claim;

		r->allocated = r->allocated_so_far = r->award = 0;
		if (r->other || !r->claims)
			continue;
		claim.amount = r->amount;
		claim.cap = r->cap;
		r->allocated = dsm_claim_award(&claim, totals[r->cap_group]);
		if (r->allocated > INT64_MAX - totals[r->cap_group])
			return false;
		totals[r->cap_group] += r->allocated;
		r->allocated_so_far = totals[r->cap_group];
		r->award = r->over_quota ? 0 : r->allocated;
	}
	for (i = 0; i < n; i++)
	{
		dsm_group_row *r = &rows[i];
		int32_t    *b = &best[r->stacking_group];

		if (r->other ? r->amount <= 0 : (r->stacking_exempt || r->award <= 0))
			continue;
		if (*b < 0)
			*b = (int32_t) i;
		else
		{
			dsm_candidate c = candidate_of(r);
			dsm_candidate w = candidate_of(&rows[*b]);

			if (dsm_candidate_beats(&c, &w))
				*b = (int32_t) i;
		}
	}
	for (i = 0; i < n; i++)
		rows[i].winner = best[rows[i].stacking_group];
	return true;
}

/* The fields of type group_step_input, the function's one argument. */
enum
{
	ARG_APPLICATION_ID,
	ARG_APPLIED_AT,
	ARG_CLAUSE_CODE,
	ARG_CAP_YEAR,
	ARG_CAP_PROJECT,
	ARG_CAP_APPLICATION,
	ARG_PROJECT_REF,
	ARG_AWARD_YEAR,
	ARG_AMOUNT,
	ARG_CAP,
	ARG_OVER_QUOTA,
	ARG_STACKING_EXEMPT,
	N_ARGS
};

#define RESULT_COLUMNS 4

/* A group key: text (may be absent), and two integers (may be absent). */
typedef struct GroupKey
{
	const char *text;			/* NULL if absent */
	int			text_len;
	const char *text2;			/* NULL if absent */
	int			text2_len;
	bool		has_int1;
	int64		int1;
	bool		has_int2;
	int64		int2;
} GroupKey;

/* The row types, looked up once per query. */
typedef struct StepsTypes
{
	TupleDesc	input;			/* group_step_input */
	TupleDesc	result;			/* group_steps */
} StepsTypes;

/* What the first row of a partition computes for all of its rows. */
typedef struct PartitionSteps
{
	int64		nrows;
	dsm_group_row *rows;
} PartitionSteps;

static int
compare_text(const char *a, int alen, const char *b, int blen)
{
	int			c;

	if (a == NULL || b == NULL)
		return (a == NULL) - (b == NULL);
	c = memcmp(a, b, Min(alen, blen));
	return c != 0 ? c : alen - blen;
}

static int
compare_int(bool has_a, int64 a, bool has_b, int64 b)
{
	if (!has_a || !has_b)
		return (int) !has_a - (int) !has_b;
	return a < b ? -1 : a > b ? 1 : 0;
}

static int
compare_keys(const GroupKey *a, const GroupKey *b)
{
	int			c;

	if ((c = compare_text(a->text, a->text_len, b->text, b->text_len)) != 0)
		return c;
	if ((c = compare_text(a->text2, a->text2_len, b->text2, b->text2_len)) != 0)
		return c;
	if ((c = compare_int(a->has_int1, a->int1, b->has_int1, b->int1)) != 0)
		return c;
	return compare_int(a->has_int2, a->int2, b->has_int2, b->int2);
}

/* qsort context: there is no qsort_r in C99, so a file-level pointer */
static const GroupKey *sort_keys;

static int
key_index_order(const void *a, const void *b)
{
	return compare_keys(&sort_keys[*(const int32 *) a], &sort_keys[*(const int32 *) b]);
}

/* Number the distinct keys 0, 1, ... into groups[]. */
static void
number_groups(const GroupKey *keys, int32 *order, int32 *groups, int64 n)
{
	int64		i;
	int32		group = -1;

	for (i = 0; i < n; i++)
		order[i] = (int32) i;
	sort_keys = keys;
	qsort(order, n, sizeof(int32), key_index_order);
	for (i = 0; i < n; i++)
	{
		if (i == 0 || compare_keys(&keys[order[i - 1]], &keys[order[i]]) != 0)
			group++;
		groups[order[i]] = group;
	}
}

/* One row's input, its fields deformed. */
typedef struct RowInput
{
	Datum		values[N_ARGS];
	bool		nulls[N_ARGS];
} RowInput;

/*
 * The input of row `pos` of the partition: one fetch of the row per call
 * (the window API copies the row for each argument it reads, so the fields
 * travel as one composite argument).
 */
static void
read_row(WindowObject winobj, TupleDesc desc, int64 pos, RowInput *in)
{
	bool		isnull;
	bool		isout;
	Datum		d = WinGetFuncArgInPartition(winobj, 0, (int) pos, WINDOW_SEEK_HEAD,
											 false, &isnull, &isout);
	HeapTupleHeader t;
	HeapTupleData tuple;

	if (isout)
		elog(ERROR, "enterprise_steps: row " INT64_FORMAT " is outside its partition", pos);
	if (isnull)
		ereport(ERROR,
				errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				errmsg("the argument of enterprise_steps must not be null"));
	t = DatumGetHeapTupleHeader(d);
	tuple.t_len = HeapTupleHeaderGetDatumLength(t);
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = t;
	heap_deform_tuple(&tuple, desc, in->values, in->nulls);
}

/* A text field copied into the partition's memory, or NULL. */
static const char *
text_field(const RowInput *in, int field, MemoryContext mcxt, int *len)
{
	text	   *t;
	char	   *copy;

	if (in->nulls[field])
		return NULL;
	t = DatumGetTextPP(in->values[field]);
	*len = VARSIZE_ANY_EXHDR(t);
	copy = MemoryContextAlloc(mcxt, Max(*len, 1));
	memcpy(copy, VARDATA_ANY(t), *len);
	return copy;
}

static bool
int_field(const RowInput *in, int field, bool is_int64, int64 *value)
{
	if (!in->nulls[field])
		*value = is_int64 ? DatumGetInt64(in->values[field]) : DatumGetInt32(in->values[field]);
	return !in->nulls[field];
}

/* Read the partition and run the group steps on it. */
static void
compute_partition(WindowObject winobj, TupleDesc input_desc, PartitionSteps *steps, MemoryContext mcxt)
{
	int64		n = WinGetPartitionRowCount(winobj);
	GroupKey   *cap_keys;
	GroupKey   *stacking_keys;
	int32	   *order;
	int32	   *groups;
	int64	   *totals;
	int64		i;
	MemoryContext old = MemoryContextSwitchTo(mcxt);

	if (n > PG_INT32_MAX / 2)
		ereport(ERROR,
				errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				errmsg("an enterprise has too many applications for enterprise_steps: " INT64_FORMAT, n));
	steps->nrows = n;
	steps->rows = palloc0(sizeof(dsm_group_row) * Max(n, 1));
	cap_keys = palloc0(sizeof(GroupKey) * Max(n, 1));
	stacking_keys = palloc0(sizeof(GroupKey) * Max(n, 1));
	order = palloc(sizeof(int32) * Max(n, 1));
	groups = palloc(sizeof(int32) * Max(n, 1));
	totals = palloc(sizeof(int64) * Max(n, 1));

	for (i = 0; i < n; i++)
	{
		dsm_group_row *r = &steps->rows[i];
		RowInput	in;

		CHECK_FOR_INTERRUPTS();
		read_row(winobj, input_desc, i, &in);
		r->other = !int_field(&in, ARG_APPLICATION_ID, true, &r->application_id);
		if (!r->other && !int_field(&in, ARG_APPLIED_AT, true, &r->applied_at))
			ereport(ERROR,
					errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					errmsg("applied_at must not be null for an application"));
		r->claims = !r->other && !in.nulls[ARG_AMOUNT];
		r->amount = in.nulls[ARG_AMOUNT] ? 0 : numeric_to_fen(in.values[ARG_AMOUNT], "amount");
		r->cap = in.nulls[ARG_CAP] ? DSM_NO_CAP : numeric_to_fen(in.values[ARG_CAP], "cap");
		r->over_quota = !in.nulls[ARG_OVER_QUOTA] && DatumGetBool(in.values[ARG_OVER_QUOTA]);
		r->stacking_exempt = !in.nulls[ARG_STACKING_EXEMPT] && DatumGetBool(in.values[ARG_STACKING_EXEMPT]);

		cap_keys[i].text = text_field(&in, ARG_CLAUSE_CODE, mcxt, &cap_keys[i].text_len);
		cap_keys[i].text2 = text_field(&in, ARG_CAP_PROJECT, mcxt, &cap_keys[i].text2_len);
		cap_keys[i].has_int1 = int_field(&in, ARG_CAP_YEAR, false, &cap_keys[i].int1);
		cap_keys[i].has_int2 = int_field(&in, ARG_CAP_APPLICATION, true, &cap_keys[i].int2);
		stacking_keys[i].text = text_field(&in, ARG_PROJECT_REF, mcxt, &stacking_keys[i].text_len);
		stacking_keys[i].has_int1 = int_field(&in, ARG_AWARD_YEAR, false, &stacking_keys[i].int1);
	}

	number_groups(cap_keys, order, groups, n);
	for (i = 0; i < n; i++)
		steps->rows[i].cap_group = groups[i];
	number_groups(stacking_keys, order, groups, n);
	for (i = 0; i < n; i++)
		steps->rows[i].stacking_group = groups[i];

	if (!dsm_group_steps(steps->rows, (size_t) n, totals, groups))
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("the awards of a cap group add up to more than the engine can hold"));
	MemoryContextSwitchTo(old);
}

/*
 * enterprise_steps(group_step_input) OVER (PARTITION BY credit_code ORDER BY
 * applied_at, application_id): the cap, quota and stacking steps of a row
 */
PG_FUNCTION_INFO_V1(enterprise_steps);
Datum
enterprise_steps(PG_FUNCTION_ARGS)
{
	WindowObject winobj = PG_WINDOW_OBJECT();
	PartitionSteps *steps = WinGetPartitionLocalMemory(winobj, sizeof(PartitionSteps));
	StepsTypes *types = fcinfo->flinfo->fn_extra;
	const dsm_group_row *r;
	Datum		values[RESULT_COLUMNS];
	bool		nulls[RESULT_COLUMNS];
	int64		pos;

	if (types == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
		TupleDesc	desc;

		types = palloc(sizeof(StepsTypes));
		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE || desc->natts != RESULT_COLUMNS)
			elog(ERROR, "enterprise_steps must return a composite type of %d columns", RESULT_COLUMNS);
		types->result = BlessTupleDesc(CreateTupleDescCopy(desc));
		desc = lookup_rowtype_tupdesc_copy(get_fn_expr_argtype(fcinfo->flinfo, 0), -1);
		if (desc->natts != N_ARGS)
			elog(ERROR, "enterprise_steps: its argument must be a group_step_input of %d fields", N_ARGS);
		types->input = desc;
		fcinfo->flinfo->fn_extra = types;
		MemoryContextSwitchTo(old);
	}
	if (steps->rows == NULL)
		compute_partition(winobj, types->input, steps, GetMemoryChunkContext(steps));

	pos = WinGetCurrentPosition(winobj);
	if (pos < 0 || pos >= steps->nrows)
		elog(ERROR, "enterprise_steps: current row " INT64_FORMAT " outside its partition", pos);
	r = &steps->rows[pos];

	memset(nulls, 0, sizeof(nulls));
	nulls[0] = nulls[1] = !r->claims;
	values[0] = r->claims ? fen_to_numeric(r->allocated) : (Datum) 0;
	values[1] = r->claims ? fen_to_numeric(r->allocated_so_far) : (Datum) 0;
	if (r->winner < 0)
	{
		nulls[2] = nulls[3] = true;
		values[2] = values[3] = (Datum) 0;
	}
	else
	{
		const dsm_group_row *w = &steps->rows[r->winner];

		nulls[2] = w->other;
		values[2] = Int64GetDatum(w->application_id);
		values[3] = fen_to_numeric(w->other ? w->amount : w->award);
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(types->result, values, nulls)));
}
