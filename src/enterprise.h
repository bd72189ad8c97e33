/*
 * enterprise.h: the rules that look at several applications of one
 * enterprise (doc/reference.md, "The rules, in order", steps 5 to 11), in
 * plain C99: once only, the quota outcome, spending periods, caps that count
 * what is paid, stacking (从高不重复), the status, the reason and the
 * explanation.
 *
 * Every cap group, once-only group, spending-period group and stacking group
 * lies within one enterprise, so one pass over an enterprise's rows decides
 * them all.  The one rule that crosses enterprises is the quota's ranking:
 * dsm_quota_claims() names each enterprise's claim on a quota (its first
 * eligible application of a clause and award year), the SQL numbers the
 * claims in application-time order, and dsm_decide_enterprise() receives the
 * enterprise's place.
 */
#ifndef DSM_ENTERPRISE_H
#define DSM_ENTERPRISE_H

#include "award.h"

/* One row of an enterprise: an application, or an award under another city policy. */
typedef struct dsm_entry
{
	bool		other;			/* an award under another city policy */

	/* an application: its columns, dsm_evaluate()'s outcome, its quota place */
	const dsm_application *app;
	const dsm_outcome *outcome;
	dsm_value	quota_rank;		/* the enterprise's place in (clause, award year), if the clause has a quota */

	/* another policy's award */
	int64_t		other_award_id;
	int32_t		other_year;
	dsm_text	other_project_ref;
	int64_t		other_amount;	/* fen */
	dsm_text	other_policy_name;

	/* what the rules decide */
	dsm_status	status;
	dsm_value	computed;		/* as dsm_evaluate computed it; absent once refused */
	dsm_value	cap;			/* the application's own cap; absent: none or refused */
	int64_t		claim;			/* the amount the application claims in stacking */
	int64_t		award;			/* after caps and quota, before stacking */
	int64_t		payable;
	bool		capped;
	bool		placed;			/* given a quota place (step 6): quota_rank is shown */
	int32_t		outranked_by;	/* superseded: the entry that outranks it; other award: the application of ours that does; -1 */
	char	   *reason;			/* DSM_TEXT_MAX bytes each, the caller's */
	char	   *explanation;

	/* working state */
	int32_t		year;
	int32_t		cap_group;
	int32_t		stacking_group;
	int32_t		once_group;
	int32_t		period_group;
	dsm_value	period_from;
	dsm_value	period_until;
} dsm_entry;

/*
 * Order the rows as the rules take them: applications by (applied_at,
 * application_id), then the other policies' awards by their id.
 */
extern void dsm_sort_entries(dsm_entry *entries, size_t n);

/*
 * Steps 5 and 6 for an enterprise's sorted rows: once only, then each quota
 * claim, the enterprise's first eligible application of a clause with a
 * quota in an award year.  Writes the claims' indexes to claims (room for n)
 * and returns their number.  reason must point to DSM_TEXT_MAX bytes;
 * explanation is not written.  scratch as for dsm_decide_enterprise.
 */
extern size_t dsm_quota_claims(dsm_entry *entries, size_t n, size_t *claims, void *scratch);

/* What dsm_decide_enterprise can fail on. */
typedef enum dsm_decide_result
{
	DSM_DECIDED,
	DSM_NO_QUOTA_PLACE,			/* an eligible application of a quota clause has no place */
	DSM_OVERFLOW				/* a cap group's total does not fit in int64 */
} dsm_decide_result;

/* Scratch memory dsm_decide_enterprise needs for n rows, in bytes. */
extern size_t dsm_enterprise_scratch_size(size_t n);

/*
 * Steps 5 to 11 for one enterprise's sorted rows: every row's status,
 * amounts, reason and explanation.  The quota places are given in
 * quota_rank.  scratch has dsm_enterprise_scratch_size(n) bytes, suitably
 * aligned for int64_t.
 */
extern dsm_decide_result dsm_decide_enterprise(dsm_entry *entries, size_t n, void *scratch);

#define DSM_NO_CAP (-1)

/* One application's claim on its group's cap. */
typedef struct dsm_claim
{
	int64_t		applied_at;		/* microseconds, as timestamptz */
	int64_t		application_id;
	int64_t		amount;			/* fen, >= 0: what the application claims */
	int64_t		cap;			/* fen, >= 0, or DSM_NO_CAP */
} dsm_claim;

/*
 * Step 10 for one claim: what it gets when `allocated` fen of its group's cap
 * went to earlier claims: min(amount, max(0, cap - allocated)).
 */
extern int64_t dsm_claim_award(const dsm_claim *claim, int64_t allocated);

/* Two amounts in a stacking group: true when a outranks b (step 9). */
typedef struct dsm_candidate
{
	int64_t		amount;			/* fen */
	bool		other;			/* an award under another city policy */
	int64_t		applied_at;		/* for applications */
	int64_t		application_id;
} dsm_candidate;

extern bool dsm_candidate_beats(const dsm_candidate *a, const dsm_candidate *b);

#endif							/* DSM_ENTERPRISE_H */
