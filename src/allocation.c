/*
 * allocation.c: a cap shared by a group, allocated in application order
 * (doc/reference.md, step 10), for the aggregates of allocation_sql.c.
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

bool
dsm_allocate(const dsm_claim *claims, size_t n, int64_t *last, int64_t *total)
{
	int64_t		allocated = 0;
	int64_t		award = 0;
	size_t		i;

	for (i = 0; i < n; i++)
	{
		/* amounts are never negative; a state that says so is refused like an overflow */
		if (claims[i].amount < 0)
			return false;
		award = dsm_claim_award(&claims[i], allocated);
		if (award > INT64_MAX - allocated)
			return false;
		allocated += award;
	}
	*last = award;
	*total = allocated;
	return true;
}
