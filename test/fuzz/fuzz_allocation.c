/*
 * fuzz_allocation.c
 *	  libFuzzer harness of src/allocation.c: dsm_group_steps on any rows,
 *	  dsm_claims_sort + dsm_allocate on any claims, dsm_candidate_beats on
 *	  any candidates.
 *
 * The rows are those the glue (group_steps_sql.c) can build: groups numbered
 * 0 .. n-1, amounts and caps >= 0 (numeric_to_fen) or the cap DSM_NO_CAP,
 * any flags, any applied_at and application_id.  Amounts and caps are taken
 * up to INT64_MAX, beyond the glue's 10^16, to reach the overflow check.
 *
 * Each result is compared with a model in __int128 of README.md's steps 4
 * to 7; the invariants that hold row by row are checked on their own too.
 */
#include "allocation.h"
#include "fuzz_input.h"

#define MAX_ROWS 64

typedef __int128 i128;

static int64_t
fuzz_money_amount(fuzz_input *in)
{
	return fuzz_range(in, 0, INT64_MAX);
}

static int64_t
fuzz_cap(fuzz_input *in)
{
	uint8_t		t = fuzz_u8(in);

	if (t % 4 == 0)
		return DSM_NO_CAP;
	return fuzz_range(in, 0, INT64_MAX);
}

/* Is c a candidate of its stacking group (step 7)? */
static bool
is_candidate(const dsm_group_row *r)
{
	return r->other ? r->amount > 0 : (!r->stacking_exempt && r->award > 0);
}

static dsm_candidate
candidate_of(const dsm_group_row *r)
{
	dsm_candidate c;

	c.amount = r->other ? r->amount : r->award;
	c.other = r->other;
	c.applied_at = r->applied_at;
	c.application_id = r->application_id;
	return c;
}

/* The documented order: amount, then another policy's award, then earlier, then lower id. */
static int
oracle_rank(const dsm_candidate *a, const dsm_candidate *b)
{
	if (a->amount != b->amount)
		return a->amount > b->amount ? 1 : -1;
	if (a->other != b->other)
		return a->other ? 1 : -1;
	if (a->other)
		return 0;
	if (a->applied_at != b->applied_at)
		return a->applied_at < b->applied_at ? 1 : -1;
	if (a->application_id != b->application_id)
		return a->application_id < b->application_id ? 1 : -1;
	return 0;
}

static void
fuzz_group_steps(fuzz_input *in)
{
	size_t		n = fuzz_u8(in) % (MAX_ROWS + 1);
	uint8_t		ngroups_cap = (uint8_t) (fuzz_u8(in) % 8 + 1);
	uint8_t		ngroups_stack = (uint8_t) (fuzz_u8(in) % 8 + 1);
	dsm_group_row *rows = malloc(sizeof(dsm_group_row) * (n ? n : 1));
	int64_t    *totals = malloc(sizeof(int64_t) * (n ? n : 1));
	int32_t    *best = malloc(sizeof(int32_t) * (n ? n : 1));
	i128		model_total[MAX_ROWS];
	bool		model_ok = true;
	bool		ok;
	size_t		i,
				j;

	if (rows == NULL || totals == NULL || best == NULL)
		abort();
	memset(rows, 0xA5, sizeof(dsm_group_row) * (n ? n : 1));	/* outputs start as junk */
	for (i = 0; i < n; i++)
	{
		dsm_group_row *r = &rows[i];
		uint8_t		flags = fuzz_u8(in);

		r->other = flags & 1;
		r->claims = !r->other && (flags & 2);
		r->over_quota = flags & 4;
		r->stacking_exempt = flags & 8;
		r->application_id = (flags & 16) ? (int64_t) i : fuzz_i64(in);
		r->applied_at = (flags & 32) ? (int64_t) i * 1000 : fuzz_i64(in);
		r->amount = fuzz_money_amount(in);
		r->cap = fuzz_cap(in);
		/* few groups, so that rows share them; numbers < n as the glue's are */
		r->cap_group = (int32_t) ((fuzz_u8(in) % ngroups_cap) % n);
		r->stacking_group = (int32_t) ((fuzz_u8(in) % ngroups_stack) % n);
	}

	ok = dsm_group_steps(rows, n, totals, best);

	/* the model of steps 4 and 6: each cap group in row order */
	for (i = 0; i < n; i++)
		model_total[i] = 0;
	for (i = 0; i < n && model_ok; i++)
	{
		const dsm_group_row *r = &rows[i];
		i128		left,
					alloc;

		if (r->other || !r->claims)
			continue;
		if (r->cap == DSM_NO_CAP)
			left = r->amount;
		else
			left = (i128) r->cap > model_total[r->cap_group] ? (i128) r->cap - model_total[r->cap_group] : 0;
		alloc = r->amount < left ? r->amount : left;
		model_total[r->cap_group] += alloc;
		if (model_total[r->cap_group] > INT64_MAX)
			model_ok = false;
	}
	FUZZ_CHECK(ok == model_ok, "dsm_group_steps returned %d, the model %d (n = %zu)", ok, model_ok, n);
	if (!ok)
		goto done;

	for (i = 0; i < n; i++)
		model_total[i] = 0;
	for (i = 0; i < n; i++)
	{
		const dsm_group_row *r = &rows[i];
		int64_t		before;

		if (r->other || !r->claims)
		{
			FUZZ_CHECK(r->allocated == 0 && r->allocated_so_far == 0 && r->award == 0,
					   "row %zu claims nothing but got %lld / %lld / %lld", i, (long long) r->allocated,
					   (long long) r->allocated_so_far, (long long) r->award);
			continue;
		}
		before = (int64_t) model_total[r->cap_group];
		FUZZ_CHECK(r->allocated >= 0 && r->allocated <= r->amount,
				   "row %zu: allocated %lld outside [0, amount %lld]", i, (long long) r->allocated,
				   (long long) r->amount);
		if (r->cap != DSM_NO_CAP)
			FUZZ_CHECK(r->allocated <= (r->cap > before ? r->cap - before : 0),
					   "row %zu: allocated %lld, but its cap %lld less the group's %lld earlier leaves less",
					   i, (long long) r->allocated, (long long) r->cap, (long long) before);
		/* and exactly what the cap leaves: min(amount, max(0, cap - before)) */
		FUZZ_CHECK(r->allocated == (r->cap == DSM_NO_CAP ? r->amount :
									r->amount < (r->cap > before ? r->cap - before : 0) ? r->amount :
									(r->cap > before ? r->cap - before : 0)),
				   "row %zu: allocated %lld, amount %lld, cap %lld, before %lld", i,
				   (long long) r->allocated, (long long) r->amount, (long long) r->cap, (long long) before);
		model_total[r->cap_group] += r->allocated;
		FUZZ_CHECK(r->allocated_so_far == (int64_t) model_total[r->cap_group] && r->allocated_so_far >= before,
				   "row %zu: allocated_so_far %lld, expected %lld", i, (long long) r->allocated_so_far,
				   (long long) model_total[r->cap_group]);
		FUZZ_CHECK(r->award == (r->over_quota ? 0 : r->allocated), "row %zu: award %lld, allocated %lld%s", i,
				   (long long) r->award, (long long) r->allocated, r->over_quota ? ", over quota" : "");
	}

	/* allocated_so_far never decreases within a cap group */
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (rows[i].claims && !rows[i].other && rows[j].claims && !rows[j].other &&
				rows[i].cap_group == rows[j].cap_group)
				FUZZ_CHECK(rows[j].allocated_so_far >= rows[i].allocated_so_far,
						   "group %d: allocated_so_far falls from %lld (row %zu) to %lld (row %zu)",
						   rows[i].cap_group, (long long) rows[i].allocated_so_far, i,
						   (long long) rows[j].allocated_so_far, j);

	/* step 7: each row's winner is its stacking group's best candidate, or -1 if none */
	for (i = 0; i < n; i++)
	{
		const dsm_group_row *r = &rows[i];
		bool		any = false;

		for (j = 0; j < n; j++)
			if (rows[j].stacking_group == r->stacking_group && is_candidate(&rows[j]))
				any = true;
		if (!any)
		{
			FUZZ_CHECK(r->winner == -1, "row %zu: winner %d in a group without candidates", i, r->winner);
			continue;
		}
		FUZZ_CHECK(r->winner >= 0 && (size_t) r->winner < n, "row %zu: winner %d out of range", i, r->winner);
		{
			const dsm_group_row *w = &rows[r->winner];
			dsm_candidate wc = candidate_of(w);

			FUZZ_CHECK(w->stacking_group == r->stacking_group && is_candidate(w),
					   "row %zu: winner %d is in stacking group %d, not %d, or no candidate", i, r->winner,
					   w->stacking_group, r->stacking_group);
			for (j = 0; j < n; j++)
			{
				dsm_candidate c;

				if (rows[j].stacking_group != r->stacking_group || !is_candidate(&rows[j]))
					continue;
				c = candidate_of(&rows[j]);
				FUZZ_CHECK(oracle_rank(&c, &wc) <= 0,
						   "row %zu: winner %d (amount %lld) but row %zu (amount %lld) ranks higher", i,
						   r->winner, (long long) wc.amount, j, (long long) c.amount);
			}
		}
	}
done:
	free(rows);
	free(totals);
	free(best);
}

static int
claim_cmp(const dsm_claim *a, const dsm_claim *b)
{
	if (a->applied_at != b->applied_at)
		return a->applied_at < b->applied_at ? -1 : 1;
	if (a->application_id != b->application_id)
		return a->application_id < b->application_id ? -1 : 1;
	return 0;
}

/* One cap group's claims as the aggregates of allocation_sql.c see them: in any order. */
static void
fuzz_allocate(fuzz_input *in)
{
	size_t		n = fuzz_u8(in) % (MAX_ROWS + 1);
	dsm_claim  *claims = malloc(sizeof(dsm_claim) * (n ? n : 1));
	dsm_claim  *shuffled = malloc(sizeof(dsm_claim) * (n ? n : 1));
	int64_t		last = -1,
				total = -1,
				last2 = -1,
				total2 = -1;
	i128		model = 0;
	int64_t		model_last = 0;
	bool		ok,
				ok2,
				unique = true;
	size_t		i,
				j;

	if (claims == NULL || shuffled == NULL)
		abort();
	for (i = 0; i < n; i++)
	{
		uint8_t		t = fuzz_u8(in);

		claims[i].applied_at = (t & 1) ? fuzz_i64(in) : (int64_t) (t >> 4);
		claims[i].application_id = (t & 2) ? fuzz_i64(in) : (int64_t) i;
		claims[i].amount = fuzz_money_amount(in);
		claims[i].cap = fuzz_cap(in);
	}
	dsm_claims_sort(claims, n);
	for (i = 0; i + 1 < n; i++)
	{
		int			c = claim_cmp(&claims[i], &claims[i + 1]);

		FUZZ_CHECK(c <= 0, "dsm_claims_sort: claim %zu after claim %zu", i, i + 1);
		if (c == 0)
			unique = false;
	}

	ok = dsm_allocate(claims, n, &last, &total);
	for (i = 0; i < n && model <= INT64_MAX; i++)
	{
		int64_t		award = dsm_claim_award(&claims[i], (int64_t) model);
		i128		left = claims[i].cap == DSM_NO_CAP ? (i128) claims[i].amount
			: (claims[i].cap > model ? (i128) claims[i].cap - model : 0);
		i128		want = claims[i].amount < left ? claims[i].amount : left;

		FUZZ_CHECK(award == want && award >= 0 && award <= claims[i].amount,
				   "dsm_claim_award(amount %lld, cap %lld, allocated %lld) = %lld", (long long) claims[i].amount,
				   (long long) claims[i].cap, (long long) model, (long long) award);
		model += award;
		model_last = award;
	}
	FUZZ_CHECK(ok == (model <= INT64_MAX), "dsm_allocate returned %d", ok);
	if (ok)
		FUZZ_CHECK(total == (int64_t) model && last == (n > 0 ? model_last : 0),
				   "dsm_allocate: last %lld total %lld, expected %lld %lld", (long long) last,
				   (long long) total, (long long) model_last, (long long) model);

	/* order-independent: the same claims shuffled, sorted again, give the same */
	if (unique && n > 1)
	{
		memcpy(shuffled, claims, sizeof(dsm_claim) * n);
		for (i = n - 1; i > 0; i--)
		{
			dsm_claim	t;

			j = fuzz_u8(in) % (i + 1);
			t = shuffled[i];
			shuffled[i] = shuffled[j];
			shuffled[j] = t;
		}
		dsm_claims_sort(shuffled, n);
		FUZZ_CHECK(memcmp(shuffled, claims, sizeof(dsm_claim) * n) == 0, "sorting shuffled claims differs");
		ok2 = dsm_allocate(shuffled, n, &last2, &total2);
		FUZZ_CHECK(ok2 == ok && (!ok || (last2 == last && total2 == total)), "allocation depends on order");
	}
	free(claims);
	free(shuffled);
}

/* dsm_candidate_beats is a strict order that agrees with the documented one */
static void
fuzz_beats(fuzz_input *in)
{
	dsm_candidate c[3];
	int			i,
				j,
				k;

	for (i = 0; i < 3; i++)
	{
		uint8_t		t = fuzz_u8(in);

		c[i].amount = (t & 1) ? fuzz_range(in, 1, INT64_MAX) : (t >> 5) + 1;
		c[i].other = (t & 2) != 0;
		c[i].applied_at = (t & 4) ? fuzz_i64(in) : (t >> 6);
		c[i].application_id = (t & 8) ? fuzz_i64(in) : (t >> 7);
	}
	for (i = 0; i < 3; i++)
	{
		FUZZ_CHECK(!dsm_candidate_beats(&c[i], &c[i]), "a candidate beats itself");
		for (j = 0; j < 3; j++)
		{
			bool		ab = dsm_candidate_beats(&c[i], &c[j]);

			FUZZ_CHECK(ab == (oracle_rank(&c[i], &c[j]) > 0), "beats(%d, %d) = %d", i, j, ab);
			FUZZ_CHECK(!(ab && dsm_candidate_beats(&c[j], &c[i])), "%d and %d beat each other", i, j);
			for (k = 0; k < 3; k++)
				if (ab && dsm_candidate_beats(&c[j], &c[k]))
					FUZZ_CHECK(dsm_candidate_beats(&c[i], &c[k]), "beats is not transitive");
		}
	}
}

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_input	in = {data, size};

	switch (fuzz_u8(&in) % 4)
	{
		case 0:
		case 1:
			fuzz_group_steps(&in);
			break;
		case 2:
			fuzz_allocate(&in);
			break;
		case 3:
			fuzz_beats(&in);
			break;
	}
	return 0;
}
