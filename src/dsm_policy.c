/*
 * dsm_policy.c
 *	  Module entry: PG_MODULE_MAGIC and extension-wide SQL functions.
 */
#include "postgres.h"

#include "commands/extension.h"
#include "fmgr.h"

PG_MODULE_MAGIC;

/* in_extension_script(): true while CREATE or ALTER EXTENSION runs a script */
PG_FUNCTION_INFO_V1(in_extension_script);
Datum
in_extension_script(PG_FUNCTION_ARGS)
{
	(void) fcinfo;				/* no arguments */
	PG_RETURN_BOOL(creating_extension);
}
