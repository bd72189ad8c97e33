/*
 * credit_code_test.c
 *	  Unit test of the credit-code core (src/credit_code.c), without PostgreSQL.
 *	  Prints TAP; built and run by `make core-check`.
 */
#include <stdio.h>
#include <string.h>

#include "credit_code.h"

static int	tests = 0;
static int	failures = 0;

static void
check(int ok, const char *what)
{
	tests++;
	if (!ok)
		failures++;
	printf("%sok %d - %s\n", ok ? "" : "not ", tests, what);
}

static credit_code_result
validate(const char *code)
{
	return credit_code_validate(code, strlen(code));
}

int
main(void)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	credit_code_result r;
	char		code[CREDIT_CODE_LENGTH + 1];
	unsigned long seed = 2022;
	int			i,
				detected = 1;

	printf("1..13\n");

	check(validate("91350100M000100Y43").status == CREDIT_CODE_OK, "the example code is valid");
	check(credit_code_check_character("91350100M000100Y4") == '3', "its check character is 3");

	r = validate("91350100M000100Y44");
	check(r.status == CREDIT_CODE_BAD_CHECK && r.position == 18 && r.found == '4' && r.expected == '3',
		  "a wrong check character: position 18, found 4, expected 3");

	r = validate("91350100M000100Y4");
	check(r.status == CREDIT_CODE_BAD_LENGTH && r.length == 17, "17 characters: bad length 17");

	r = validate("");
	check(r.status == CREDIT_CODE_BAD_LENGTH && r.length == 0, "empty: bad length 0");

	r = validate("91350100m000100Y43");
	check(r.status == CREDIT_CODE_LOWER_CASE && r.position == 9 && r.found == 'm', "lower case at position 9");

	r = validate("9135010ZM000100Y43");
	check(r.status == CREDIT_CODE_UNUSED_LETTER && r.position == 8 && r.found == 'Z', "letter Z at position 8");

	r = credit_code_validate("9135\0" "0100M000100Y43", 18);
	check(r.status == CREDIT_CODE_BAD_CHARACTER && r.position == 5, "an embedded NUL byte is a bad character");

	r = validate("\xe4\xb9\x9d" "1350100M000100Y43");
	check(r.status == CREDIT_CODE_BAD_CHARACTER && r.position == 1, "a multibyte character is a bad character");

	check(credit_code_check_character("91350100M00O100Y4") == '\0', "no check character over a bad character");

	/* The weights are 3^i mod 31, as GB 32100-2015 defines them. */
	{
		int			w = 1;

		memset(code, '0', CREDIT_CODE_LENGTH - 1);
		code[CREDIT_CODE_LENGTH - 1] = '\0';
		for (i = 0; i < CREDIT_CODE_LENGTH - 1 && detected; i++)
		{
			/* value 1 at position i alone: check = (31 - w) mod 31 */
			code[i] = '1';
			detected = credit_code_check_character(code) == alphabet[(31 - w) % 31];
			code[i] = '0';
			w = w * 3 % 31;
		}
		check(detected, "weights are 3^i mod 31");
	}

	/* Every single-character change of a valid code is detected. */
	detected = 1;
	for (i = 0; i < 2000 && detected; i++)
	{
		int			pos,
					k;

		for (pos = 0; pos < CREDIT_CODE_LENGTH - 1; pos++)
		{
			seed = seed * 1103515245UL + 12345UL;
			code[pos] = alphabet[(seed >> 16) % 31];
		}
		code[CREDIT_CODE_LENGTH - 1] = credit_code_check_character(code);
		code[CREDIT_CODE_LENGTH] = '\0';
		detected = validate(code).status == CREDIT_CODE_OK;
		for (pos = 0; pos < CREDIT_CODE_LENGTH && detected; pos++)
		{
			char		orig = code[pos];

			for (k = 0; k < 31 && detected; k++)
			{
				if (alphabet[k] == orig)
					continue;
				code[pos] = alphabet[k];
				detected = validate(code).status != CREDIT_CODE_OK;
			}
			code[pos] = orig;
		}
	}
	check(detected, "2000 random codes valid; each of their 1,080,000 one-character changes detected");

	/* Never reads past len: a code cut short of its terminator. */
	r = credit_code_validate("91350100M000100Y43XXXX", 18);
	check(r.status == CREDIT_CODE_OK, "validates exactly len bytes");

	return failures == 0 ? 0 : 1;
}
