/*
 * allocation_sql.c: the aggregates over several applications.
 *
 *   cap_allocation(application_id, applied_at, amount, cap)  -> numeric
 *   cap_allocated(application_id, applied_at, amount, cap)   -> numeric
 *   stacking_winner(application_id, applied_at, amount)       -> bigint
 *   stacking_payable(application_id, applied_at, amount)      -> numeric
 *
 * Glue only: the rules are in enterprise.c and allocation.c.  Each state is
 * a bigint[] (as core avg(int8) keeps its state), so it round-trips through
 * text and needs no serial functions for parallel query or Citus.  Every
 * function checks the state it is given before trusting it: all of it when
 * called directly, the header when the aggregate calls it with its own state
 * (so that a transition costs constant time, not the whole state).
 *
 * Cap state:      {2, n, in_order, allocated, last_award,
 *                  then per claim: applied_at, application_id, amount, cap}
 *                  with room for more claims after the n used (zeros).
 * Stacking state: {1, candidates, has_best, best_amount, best_is_other,
 *                  best_applied_at, best_application_id}
 * Amounts are fen; applied_at is timestamptz microseconds.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

#include "allocation.h"
#include "money_sql.h"

#define CAP_TAG			2
#define CAP_HEADER		5
#define CAP_FIELDS		4
/* claims one state can hold, with room to double: its array stays below 1 GB */
#define CAP_MAX_CLAIMS	((int) ((MaxAllocSize / sizeof(int64) - CAP_HEADER) / CAP_FIELDS / 2))
#define STACKING_TAG	1
#define STACKING_LENGTH	7

/* ------------------------------------------------------------------------
 * States
 * ------------------------------------------------------------------------ */

static void
corrupt_state(const char *aggregate, const char *why)
{
	ereport(ERROR,
			errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			errmsg("invalid %s state", aggregate),
			errdetail("%s", why));
}

/* The int64 elements of a state array; checks shape, not content. */
static int64 *
state_elements(ArrayType *state, const char *aggregate, int *length)
{
	if (ARR_NDIM(state) != 1 || ARR_HASNULL(state) || ARR_ELEMTYPE(state) != INT8OID)
		corrupt_state(aggregate, "The state must be a one-dimensional bigint array without NULLs.");
	*length = ARR_DIMS(state)[0];
	return (int64 *) ARR_DATA_PTR(state);
}

static ArrayType *
new_state(int length)
{
	Size		bytes = ARR_OVERHEAD_NONULLS(1) + sizeof(int64) * length;
	ArrayType  *a = palloc0(bytes);

	SET_VARSIZE(a, bytes);
	a->ndim = 1;
	a->dataoffset = 0;
	a->elemtype = INT8OID;
	ARR_DIMS(a)[0] = length;
	ARR_LBOUND(a)[0] = 1;
	return a;
}

/*
 * The state argument: modified in place when called as an aggregate (it is
 * then ours), copied otherwise.
 */
static ArrayType *
state_argument(FunctionCallInfo fcinfo, int argno)
{
	if (AggCheckCallContext(fcinfo, NULL))
		return PG_GETARG_ARRAYTYPE_P(argno);
	return PG_GETARG_ARRAYTYPE_P_COPY(argno);
}

/*
 * The claims of a cap state.  The header is always checked; each claim only
 * when the state does not come from the aggregate itself (a direct call, or
 * a state written as text), so that an aggregate's transition stays
 * constant time per claim.  The arithmetic checks its own overflows.
 */
static int64 *
cap_state(FunctionCallInfo fcinfo, ArrayType *state, int *n, int *capacity)
{
	int			length;
	int64	   *s = state_elements(state, "cap_allocation", &length);
	int			i;

	if (length < CAP_HEADER || s[0] != CAP_TAG || (length - CAP_HEADER) % CAP_FIELDS != 0)
		corrupt_state("cap_allocation", "The state does not have the cap_allocation layout.");
	*capacity = (length - CAP_HEADER) / CAP_FIELDS;
	if (s[1] < 0 || s[1] > *capacity || (s[2] != 0 && s[2] != 1) || s[3] < 0 || s[4] < 0)
		corrupt_state("cap_allocation", "The state's header is out of range.");
	*n = (int) s[1];
	if (AggCheckCallContext(fcinfo, NULL))
		return s;
	for (i = 0; i < *n; i++)
	{
		const int64 *claim = &s[CAP_HEADER + i * CAP_FIELDS];

		if (claim[2] < 0 || claim[2] >= DSM_MAX_FEN || claim[3] < DSM_NO_CAP || claim[3] >= DSM_MAX_FEN)
			corrupt_state("cap_allocation", "A claim in the state is out of range.");
	}
	return s;
}

static int64 *
stacking_state(ArrayType *state)
{
	int			length;
	int64	   *s = state_elements(state, "stacking", &length);

	if (length != STACKING_LENGTH || s[0] != STACKING_TAG)
		corrupt_state("stacking", "The state does not have the stacking layout.");
	if (s[1] < 0 || (s[2] != 0 && s[2] != 1) || (s[4] != 0 && s[4] != 1) ||
		(s[2] == 1 && (s[3] <= 0 || s[3] >= DSM_MAX_FEN)) || (s[2] == 1) != (s[1] > 0))
		corrupt_state("stacking", "The state's values are out of range.");
	return s;
}

static int64
key_argument(FunctionCallInfo fcinfo, int argno, const char *name)
{
	require_argument(fcinfo, argno, name);
	return PG_GETARG_INT64(argno);	/* bigint and timestamptz are both int64 */
}

/* ------------------------------------------------------------------------
 * Cap allocation
 * ------------------------------------------------------------------------ */

/* The claims of a state, sorted, in a palloc'd copy. */
static dsm_claim *
sorted_claims(const int64 *s, int n)
{
	dsm_claim  *claims = palloc(sizeof(dsm_claim) * Max(n, 1));
	int			i;

	for (i = 0; i < n; i++)
	{
		const int64 *c = &s[CAP_HEADER + i * CAP_FIELDS];

		claims[i].applied_at = c[0];
		claims[i].application_id = c[1];
		claims[i].amount = c[2];
		claims[i].cap = c[3];
	}
	dsm_claims_sort(claims, n);
	return claims;
}

/* The award of the latest claim and the total, whatever order claims came in. */
static void
cap_results(const int64 *s, int n, int64 *last, int64 *total)
{
	dsm_claim  *claims;

	if (s[2] == 1)
	{
		*last = s[4];
		*total = s[3];
		return;
	}
	claims = sorted_claims(s, n);
	if (!dsm_allocate(claims, n, last, total))
		ereport(ERROR,
				errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				errmsg("cap_allocation total is out of range"));
	pfree(claims);
}

/* cap_allocation transition: add one claim (amount NULL: no claim) */
PG_FUNCTION_INFO_V1(cap_allocation_transition);
Datum
cap_allocation_transition(PG_FUNCTION_ARGS)
{
	ArrayType  *state;
	int64	   *s;
	int			n,
				capacity;
	dsm_claim	claim;
	int64	   *slot;

	if (PG_ARGISNULL(0))
		corrupt_state("cap_allocation", "The state is NULL.");
	if (PG_ARGISNULL(3))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));

	claim.application_id = key_argument(fcinfo, 1, "application_id");
	claim.applied_at = key_argument(fcinfo, 2, "applied_at");
	claim.amount = numeric_to_fen(PG_GETARG_DATUM(3), "amount");
	claim.cap = PG_ARGISNULL(4) ? DSM_NO_CAP : numeric_to_fen(PG_GETARG_DATUM(4), "cap");

	state = state_argument(fcinfo, 0);
	s = cap_state(fcinfo, state, &n, &capacity);

	if (n == capacity)
	{
		/* grow by doubling: amortised constant time per claim */
		int			more = capacity < 4 ? 4 : capacity;
		ArrayType  *bigger;

		if (capacity > CAP_MAX_CLAIMS / 2)
			ereport(ERROR,
					errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					errmsg("too many claims in one cap_allocation group"));
		bigger = new_state(CAP_HEADER + (capacity + more) * CAP_FIELDS);
		memcpy(ARR_DATA_PTR(bigger), s, sizeof(int64) * (CAP_HEADER + n * CAP_FIELDS));
		state = bigger;
		s = (int64 *) ARR_DATA_PTR(state);
	}

	/* in (applied_at, application_id) order, as a window feeds it: allocate now */
	if (s[2] == 1)
	{
		const int64 *prev = n > 0 ? &s[CAP_HEADER + (n - 1) * CAP_FIELDS] : NULL;

		if (prev == NULL || claim.applied_at > prev[0] ||
			(claim.applied_at == prev[0] && claim.application_id > prev[1]))
		{
			int64		award = dsm_claim_award(&claim, s[3]);

			if (pg_add_s64_overflow(s[3], award, &s[3]))
				ereport(ERROR,
						errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
						errmsg("cap_allocation total is out of range"));
			s[4] = award;
		}
		else
			s[2] = 0;			/* out of order: the final functions sort */
	}

	slot = &s[CAP_HEADER + n * CAP_FIELDS];
	slot[0] = claim.applied_at;
	slot[1] = claim.application_id;
	slot[2] = claim.amount;
	slot[3] = claim.cap;
	s[1] = n + 1;

	PG_RETURN_ARRAYTYPE_P(state);
}

/* cap_allocation combine: the claims of both partial states */
PG_FUNCTION_INFO_V1(cap_allocation_combine);
Datum
cap_allocation_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *a = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *b = PG_GETARG_ARRAYTYPE_P(1);
	int			na,
				nb,
				ca,
				cb;
	int64	   *sa = cap_state(fcinfo, a, &na, &ca);
	int64	   *sb = cap_state(fcinfo, b, &nb, &cb);
	ArrayType  *both;
	int64	   *s;

	if (nb == 0)
		PG_RETURN_ARRAYTYPE_P(a);
	if (na == 0)
		PG_RETURN_ARRAYTYPE_P(b);
	if ((int64) na + nb > CAP_MAX_CLAIMS)
		ereport(ERROR,
				errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				errmsg("too many claims in one cap_allocation group"));

	both = new_state(CAP_HEADER + (na + nb) * CAP_FIELDS);
	s = (int64 *) ARR_DATA_PTR(both);
	s[0] = CAP_TAG;
	s[1] = na + nb;
	s[2] = 0;					/* the final functions sort */
	memcpy(&s[CAP_HEADER], &sa[CAP_HEADER], sizeof(int64) * na * CAP_FIELDS);
	memcpy(&s[CAP_HEADER + na * CAP_FIELDS], &sb[CAP_HEADER], sizeof(int64) * nb * CAP_FIELDS);
	PG_RETURN_ARRAYTYPE_P(both);
}

/* What the latest claim gets, or the whole group; NULL without claims. */
static Datum
cap_final(FunctionCallInfo fcinfo, bool whole_group)
{
	int			n,
				capacity;
	int64	   *s = cap_state(fcinfo, PG_GETARG_ARRAYTYPE_P(0), &n, &capacity);
	int64		last,
				total;

	if (n == 0)
		PG_RETURN_NULL();
	cap_results(s, n, &last, &total);
	PG_RETURN_DATUM(fen_to_numeric(whole_group ? total : last));
}

/* cap_allocation final: what the latest claim of the group gets */
PG_FUNCTION_INFO_V1(cap_allocation_final);
Datum
cap_allocation_final(PG_FUNCTION_ARGS)
{
	return cap_final(fcinfo, false);
}

/* cap_allocated final: what the whole group gets */
PG_FUNCTION_INFO_V1(cap_allocated_final);
Datum
cap_allocated_final(PG_FUNCTION_ARGS)
{
	return cap_final(fcinfo, true);
}

/* ------------------------------------------------------------------------
 * Stacking
 * ------------------------------------------------------------------------ */

static dsm_candidate
best_of(const int64 *s)
{
	dsm_candidate c;

	c.amount = s[3];
	c.other = s[4] == 1;
	c.applied_at = s[5];
	c.application_id = s[6];
	return c;
}

static void
set_best(int64 *s, const dsm_candidate *c)
{
	s[2] = 1;
	s[3] = c->amount;
	s[4] = c->other ? 1 : 0;
	s[5] = c->other ? 0 : c->applied_at;
	s[6] = c->other ? 0 : c->application_id;
}

static void
count_candidates(int64 *s, int64 more)
{
	if (pg_add_s64_overflow(s[1], more, &s[1]))
		corrupt_state("stacking", "The count of candidates is out of range.");
}

/*
 * stacking transition: add one candidate; application_id NULL = an award
 * under another policy; amount NULL or 0 = no candidate
 */
PG_FUNCTION_INFO_V1(stacking_transition);
Datum
stacking_transition(PG_FUNCTION_ARGS)
{
	ArrayType  *state;
	int64	   *s;
	dsm_candidate c;

	if (PG_ARGISNULL(0))
		corrupt_state("stacking", "The state is NULL.");
	if (PG_ARGISNULL(3))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));

	c.amount = numeric_to_fen(PG_GETARG_DATUM(3), "amount");
	c.other = PG_ARGISNULL(1);
	c.application_id = c.other ? 0 : PG_GETARG_INT64(1);
	c.applied_at = c.other ? 0 : key_argument(fcinfo, 2, "applied_at");

	state = state_argument(fcinfo, 0);
	s = stacking_state(state);
	if (c.amount == 0)
		PG_RETURN_ARRAYTYPE_P(state);

	if (s[2] == 0)
		set_best(s, &c);
	else
	{
		dsm_candidate best = best_of(s);

		if (dsm_candidate_beats(&c, &best))
			set_best(s, &c);
	}
	count_candidates(s, 1);
	PG_RETURN_ARRAYTYPE_P(state);
}

/* stacking combine: the better best of two partial states */
PG_FUNCTION_INFO_V1(stacking_combine);
Datum
stacking_combine(PG_FUNCTION_ARGS)
{
	ArrayType  *a = state_argument(fcinfo, 0);
	int64	   *sa = stacking_state(a);
	int64	   *sb = stacking_state(PG_GETARG_ARRAYTYPE_P(1));

	if (sb[2] == 1)
	{
		dsm_candidate best_b = best_of(sb);
		dsm_candidate best_a = best_of(sa);

		if (sa[2] == 0 || dsm_candidate_beats(&best_b, &best_a))
			set_best(sa, &best_b);
	}
	count_candidates(sa, sb[1]);
	PG_RETURN_ARRAYTYPE_P(a);
}

/* stacking_winner final: the winning application_id; NULL if none or another policy's award wins */
PG_FUNCTION_INFO_V1(stacking_winner_final);
Datum
stacking_winner_final(PG_FUNCTION_ARGS)
{
	int64	   *s = stacking_state(PG_GETARG_ARRAYTYPE_P(0));

	if (s[2] == 0 || s[4] == 1)
		PG_RETURN_NULL();
	PG_RETURN_INT64(s[6]);
}

/* stacking_payable final: the highest amount of the group, the one paid */
PG_FUNCTION_INFO_V1(stacking_payable_final);
Datum
stacking_payable_final(PG_FUNCTION_ARGS)
{
	int64	   *s = stacking_state(PG_GETARG_ARRAYTYPE_P(0));

	if (s[2] == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(fen_to_numeric(s[3]));
}
