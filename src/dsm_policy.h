/*
 * dsm_policy.h: what the module entry (dsm_policy.c) shares with the SQL
 * entry points.
 */
#ifndef DSM_POLICY_H
#define DSM_POLICY_H

/* The what-if setting dsm_policy.scenario: the scenario whose rows override enacted. */
extern char *dsm_scenario;

/* The setting dsm_policy.keep: keep the quota places and totals up to date (sql/dsm_policy.sql, keep_*). */
extern bool dsm_keep;

/* The setting dsm_policy.proposals_as_confirmed: decide proposals as if the enterprises had confirmed them (the entitlement). */
extern bool dsm_proposals_as_confirmed;

/* The scenario every other one falls back to. */
#define DSM_ENACTED "enacted"

#endif							/* DSM_POLICY_H */
