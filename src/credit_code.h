/*
 * credit_code.h
 *	  The unified social credit code (统一社会信用代码, GB 32100-2015).
 *
 * Core: plain C99, no PostgreSQL header.  The glue that raises SQL errors is
 * credit_code_sql.c.
 */
#ifndef DSM_CREDIT_CODE_H
#define DSM_CREDIT_CODE_H

#include <stddef.h>

#define CREDIT_CODE_LENGTH 18

typedef enum credit_code_status
{
	CREDIT_CODE_OK = 0,
	CREDIT_CODE_LOWER_CASE,		/* a letter in lower case */
	CREDIT_CODE_UNUSED_LETTER,	/* I, O, S, V or Z: never used in codes */
	CREDIT_CODE_BAD_CHARACTER,	/* anything else outside the alphabet */
	CREDIT_CODE_BAD_LENGTH,		/* not 18 characters */
	CREDIT_CODE_BAD_CHECK		/* 18th character does not match */
} credit_code_status;

typedef struct credit_code_result
{
	credit_code_status status;
	size_t		position;		/* 1-based position of the offending character */
	char		found;			/* the offending character (byte) */
	char		expected;		/* for BAD_CHECK: the right check character */
	size_t		length;			/* for BAD_LENGTH: the length seen */
} credit_code_result;

/* Validate len bytes at code (not NUL-terminated). */
extern credit_code_result credit_code_validate(const char *code, size_t len);

/*
 * The check character for the first 17 characters of a code, which must all
 * be in the alphabet; returns '\0' if one is not.
 */
extern char credit_code_check_character(const char *first17);

#endif							/* DSM_CREDIT_CODE_H */
