/*
 * allocation.c: cap groups and stacking (README.md, "Award decisions", steps 4 and 7).
 */
#include "allocation.h"

#include <stdlib.h>

static int
claim_order(const void *a, const void *b)
{
	const dsm_claim *x = a;
	const dsm_claim *y = b;

	if (x->applied_at != y->applied_at)
		return x->applied_at < y->applied_at ? -1 : 1;
	if (x->application_id != y->application_id)
		return x->application_id < y->application_id ? -1 : 1;
	return 0;
}

void
dsm_claims_sort(dsm_claim *claims, size_t n)
{
	if (n > 1)
		qsort(claims, n, sizeof(dsm_claim), claim_order);
}

int64_t
dsm_claim_award(const dsm_claim *claim, int64_t allocated)
{
	int64_t		left;

	if (claim->cap == DSM_NO_CAP)
		return claim->amount;
	left = claim->cap > allocated ? claim->cap - allocated : 0;
	return claim->amount < left ? claim->amount : left;
}

bool
dsm_allocate(const dsm_claim *claims, size_t n, int64_t *last, int64_t *total)
{
	int64_t		allocated = 0;
	int64_t		award = 0;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		award = dsm_claim_award(&claims[i], allocated);
		if (award > INT64_MAX - allocated)
			return false;
		allocated += award;
	}
	*last = award;
	*total = allocated;
	return true;
}

bool
dsm_candidate_beats(const dsm_candidate *a, const dsm_candidate *b)
{
	if (a->amount != b->amount)
		return a->amount > b->amount;
	if (a->other != b->other)
		return a->other;
	if (a->other)
		return false;			/* two other awards of one amount: either will do */
	if (a->applied_at != b->applied_at)
		return a->applied_at < b->applied_at;
	return a->application_id < b->application_id;
}

/* A row as a stacking candidate. */
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

bool
dsm_group_steps(dsm_group_row *rows, size_t n, int64_t *totals, int32_t *best)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		totals[i] = 0;
		best[i] = -1;
	}

	/* Step 4: each cap group in row order.  Step 6: the award after the quota. */
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

	/* Step 7: the best candidate of each stacking group. */
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
