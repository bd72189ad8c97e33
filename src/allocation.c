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
