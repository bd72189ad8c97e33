/*
 * csv_test.c
 *	  Unit test of the CSV reader (src/csv.c), without PostgreSQL.  Prints TAP;
 *	  built and run by `make core-check`, under AddressSanitizer: every input
 *	  and output buffer is allocated at its exact size, so a read or write one
 *	  byte past either is caught.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

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

/* malloc that does not return NULL for 0 bytes; the test's, not the reader's */
static void *
xmalloc(size_t n)
{
	void	   *p = malloc(n > 0 ? n : 1);

	if (p == NULL)
	{
		printf("Bail out! out of memory\n");
		exit(2);
	}
	return p;
}

static char result[8192];

/* Append to result, clipped. */
static void
put(const char *s, size_t n)
{
	size_t		used = strlen(result);

	if (n > sizeof(result) - 1 - used)
		n = sizeof(result) - 1 - used;
	memcpy(result + used, s, n);
	result[used + n] = '\0';
}

static void
putnum(size_t n)
{
	char		buf[32];

	snprintf(buf, sizeof(buf), "%zu", n);
	put(buf, strlen(buf));
}

/*
 * Read all of len bytes at input and describe what the reader says: for each
 * record "<line>[field|field]", then "END" or "ERR<line>:<message>".
 */
static const char *
read_all(const char *input, size_t len, size_t max_fields, bool skip_bom)
{
	char	   *data = xmalloc(len);
	char	   *out = xmalloc(len);
	csv_field  *fields = xmalloc(max_fields * sizeof(csv_field));
	csv_reader	r;
	csv_record	rec;
	csv_status	s;

	memcpy(data, input, len);
	result[0] = '\0';
	csv_reader_init(&r, data, len, skip_bom);
	while ((s = csv_next_record(&r, out, len, fields, max_fields, &rec)) == CSV_OK)
	{
		size_t		i;

		putnum(rec.line);
		put("[", 1);
		for (i = 0; i < rec.nfields; i++)
		{
			if (i > 0)
				put("|", 1);
			put(fields[i].data, fields[i].len);
		}
		put("]", 1);
	}
	if (s == CSV_END)
		put("END", 3);
	else
	{
		put("ERR", 3);
		putnum(r.error.line);
		put(":", 1);
		put(r.error.message, strlen(r.error.message));
	}
	free(data);
	free(out);
	free(fields);
	return result;
}

/* Does the reader turn input (a C string) into expected? */
static void
expect(const char *input, const char *expected, const char *what)
{
	const char *got = read_all(input, strlen(input), 8, true);
	int			ok = strcmp(got, expected) == 0;

	check(ok, what);
	if (!ok)
		printf("#   got      %s\n#   expected %s\n", got, expected);
}

static void
test_records(void)
{
	expect("a,b,c\nd,e,f\n", "1[a|b|c]2[d|e|f]END", "two simple records");
	expect("", "END", "empty input: no record");
	expect("x", "1[x]END", "one byte: one record of one field");
	expect("name,amount\r\nfoo,1\r\n", "1[name|amount]2[foo|1]END", "CRLF line ends");
	expect("a,b\nc,d", "1[a|b]2[c|d]END", "last record without a line end");
	expect("a\r\nb\nc\r\n", "1[a]2[b]3[c]END", "LF and CRLF mixed");
	expect("\"a,b\",c\n", "1[a,b|c]END", "a quoted comma is data");
	expect("\"say \"\"hi\"\"\",x\n", "1[say \"hi\"|x]END", "\"\" inside quotes is one quote");
	expect("\"\"\"\"\n", "1[\"]END", "a field that is one quote");
	expect("\"line 1\nline 2\",x\ny\n", "1[line 1\nline 2|x]3[y]END",
		   "a quoted LF is data and counts as a line");
	expect("\"a\r\nb\",\"c\rd\"\r\ne\r\n", "1[a\r\nb|c\rd]3[e]END",
		   "quoted CRLF and lone CR are data");
	expect("\"a\",\"\",b\n", "1[a||b]END", "a quoted empty field is empty");
	expect(",a,,\n,\n\"\"\n", "1[|a||]2[|]3[]END",
		   "empty fields at the start, middle and end; \"\" alone is a record of one empty field");
	expect("a,", "1[a|]END", "a trailing comma at the end of the input is an empty last field");
	expect("\n\na\n\r\n\nb\n\n", "3[a]6[b]END",
		   "empty lines (LF or CRLF) are skipped and counted: records on lines 3 and 6");
	expect("\"a\nb\"\n\nc\n", "1[a\nb]4[c]END",
		   "an empty line after a multi-line record is counted too");
	expect(" a , b \n", "1[ a | b ]END", "spaces are data");
	expect("\xEF\xBB\xBF" "a,b\n", "1[a|b]END", "a UTF-8 BOM at the start is skipped");
	expect("\xEF\xBB\xBF", "END", "a BOM alone: no record");
	expect("\xEF\xBB\xBF\"a\"\n", "1[a]END", "a quoted field right after the BOM");
	expect("a\n\xEF\xBB\xBF" "b\n", "1[a]2[\xEF\xBB\xBF" "b]END",
		   "a BOM elsewhere is data");
	check(strcmp(read_all("\xEF\xBB\xBF" "a", 4, 8, false), "1[\xEF\xBB\xBF" "a]END") == 0,
		  "without skip_bom a BOM is data");
	expect("\xC3\xA9t\xC3\xA9,\xE4\xB8\xAD\n", "1[\xC3\xA9t\xC3\xA9|\xE4\xB8\xAD]END",
		   "multibyte UTF-8 passes through");
}

static void
test_errors(void)
{
	expect("a,b\nc\"d,e\n", "1[a|b]ERR2:quote in unquoted field", "line 2: quote in unquoted field");
	expect("a, \"b\"\n", "ERR1:quote in unquoted field", "a space before an opening quote is a quote in an unquoted field");
	expect("a\n\"b\"c\n", "1[a]ERR2:character after closing quote", "line 2: character after closing quote");
	expect("\"b\" ,c\n", "ERR1:character after closing quote", "a space after a closing quote is an error");
	expect("\"a\nb\nc\"x\n", "ERR3:character after closing quote",
		   "a character after a closing quote is reported on the quote's line");
	expect("a\nb\n\n\"c,d\ne\nf\n", "1[a]2[b]ERR4:unterminated quoted field",
		   "an unterminated quoted field is reported on the line where it starts (4)");
	expect("x,\"", "ERR1:unterminated quoted field", "an opening quote at the very end");
	expect("\"ab\"\"", "ERR1:unterminated quoted field", "an escaped quote at the very end does not close the field");
	expect("a,b,c,d,e,f,g,h\n1,2,3,4,5,6,7,8,9\n", "1[a|b|c|d|e|f|g|h]ERR2:too many fields",
		   "8 fields fit in 8, 9 on line 2 are too many");
	expect("\"a\nb\",2,3,4,5,6,7,8,9\n", "ERR1:too many fields",
		   "too many fields is reported on the line where the record starts");
	expect("a,b,c,d,e,f,g,h,\n", "ERR1:too many fields", "a trailing comma counts as a field");
	check(strcmp(read_all("a\nb", 3, 0, true), "ERR1:too many fields") == 0,
		  "with room for no field every record has too many");
	check(strcmp(read_all("a\nb\0c\n", 6, 8, true), "1[a]ERR2:NUL byte") == 0,
		  "line 2: NUL byte in an unquoted field");
	check(strcmp(read_all("\"\n\0\"\n", 5, 8, true), "ERR2:NUL byte") == 0,
		  "a NUL byte in a quoted field, on its line");
	check(strcmp(read_all("\"a\"\0", 4, 8, true), "ERR1:NUL byte") == 0,
		  "a NUL byte after a closing quote");
	expect("a\nb\rc\n", "1[a]ERR2:carriage return not followed by line feed",
		   "line 2: a lone CR is an error");
	expect("a,b\r", "1[a|b]END",
		   "a CR as the very last byte ends the last record (a CRLF file whose last LF was cut)");
	expect("a\r\nb\r\n", "1[a]2[b]END", "CRLF line ends");
	expect("a\r\nb\r", "1[a]2[b]END", "CRLF line ends, the last LF cut off");
	expect("\xEF\xBB\xBF" "a\r\nb\r", "1[a]2[b]END", "and after a byte order mark (Excel)");
	expect("\"a\"\r", "1[a]END", "a final CR after a closing quote");
	expect("a\r\n\r", "1[a]END", "a final CR alone on its line: an empty line");
	expect("a,b\r\r", "ERR1:carriage return not followed by line feed", "but not two final CRs");
	expect("\"a\"\rb", "ERR1:carriage return not followed by line feed",
		   "a lone CR after a closing quote");
	expect("\r\r\n", "ERR1:carriage return not followed by line feed",
		   "a line of CR CR LF is not empty: its first CR is lone");
}

static void
test_api(void)
{
	const char *input = "\"a\"\"b\",c\n\"d\"\"e\"";
	size_t		len = strlen(input);
	char	   *out = xmalloc(len);
	csv_field	fields[4];
	csv_reader	r;
	csv_record	rec;
	int			ok;

	csv_reader_init(&r, input, len, true);
	ok = csv_next_record(&r, out, len, fields, 4, &rec) == CSV_OK &&
		rec.line == 1 && rec.nfields == 2 &&
		fields[0].data == out && fields[0].len == 3 && memcmp(out, "a\"bc", 4) == 0 &&
		fields[1].data == out + 3 && fields[1].len == 1;
	check(ok, "fields are unescaped one after the other from the start of out");
	ok = csv_next_record(&r, out, len, fields, 4, &rec) == CSV_OK &&
		rec.line == 2 && rec.nfields == 1 && fields[0].data == out && fields[0].len == 3;
	check(ok, "the next record overwrites out from its start");
	check(csv_next_record(&r, out, len, fields, 4, &rec) == CSV_END &&
		  csv_next_record(&r, out, len, fields, 4, &rec) == CSV_END,
		  "after the end every call returns CSV_END");

	csv_reader_init(&r, "a\n\"b\nc,d\n", 9, true);
	ok = csv_next_record(&r, out, len, fields, 4, &rec) == CSV_OK &&
		csv_next_record(&r, out, len, fields, 4, &rec) == CSV_ERROR &&
		r.error.code == CSV_ERR_UNTERMINATED && r.error.line == 2 &&
		r.error.record_line == 2 && r.error.field == 1 &&
		csv_next_record(&r, out, len, fields, 4, &rec) == CSV_ERROR &&
		r.error.code == CSV_ERR_UNTERMINATED && r.error.line == 2;
	check(ok, "an error says code, line, record line and field, and stays");

	csv_reader_init(&r, "x,\"a\nb\",c\"d", 11, true);
	ok = csv_next_record(&r, out, len, fields, 4, &rec) == CSV_ERROR &&
		r.error.code == CSV_ERR_QUOTE_IN_UNQUOTED && r.error.line == 2 &&
		r.error.record_line == 1 && r.error.field == 3;
	check(ok, "an error in field 3 on line 2 of a record that starts on line 1");

	csv_reader_init(&r, "abc,d", 5, true);
	ok = csv_next_record(&r, out, 2, fields, 4, &rec) == CSV_ERROR &&
		r.error.code == CSV_ERR_NO_ROOM;
	check(ok, "an output buffer smaller than the record is refused, not overrun");
	free(out);
}

/* xorshift64: the same sequence on every run */
static unsigned long long seed = 0x9E3779B97F4A7C15ULL;

static unsigned long long
next_random(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return seed;
}

/*
 * Random short buffers over a,"CRLF and any byte: the reader ends within
 * len + 1 records, never touches memory outside the buffers (ASan), and what
 * it returns is consistent.
 */
static void
test_fuzz(void)
{
	static const char special[] = "a,\"\r\n";
	enum
	{
		ROUNDS = 200000, MAX_LEN = 24, MAX_FIELDS = 6
	};
	csv_field	fields[MAX_FIELDS];
	int			terminated = 1,
				in_bounds = 1,
				lines_ok = 1,
				errors = 0,
				records = 0,
				every_error = 1;
	int			hits[CSV_ERR_NO_ROOM + 1] = {0};
	int			round;

	for (round = 0; round < ROUNDS; round++)
	{
		size_t		len = (size_t) (next_random() % (MAX_LEN + 1));
		size_t		max_fields = (size_t) (next_random() % (MAX_FIELDS + 1));
		bool		skip_bom = (next_random() & 1) != 0;
		char	   *data = xmalloc(len);
		char	   *out = xmalloc(len);
		size_t		i,
					calls,
					lines = 1,
					last_line = 0;
		csv_reader	r;
		csv_record	rec;
		csv_status	s = CSV_OK;

		for (i = 0; i < len; i++)
		{
			unsigned long long x = next_random();

			data[i] = (x & 1) ? special[(x >> 1) % 5] : (char) (unsigned char) (x >> 8);
			if (data[i] == '\n')
				lines++;
		}
		if (len >= 3 && next_random() % 8 == 0)
			memcpy(data, "\xEF\xBB\xBF", 3);

		csv_reader_init(&r, data, len, skip_bom);
		for (calls = 0; calls <= len + 1; calls++)
		{
			size_t		total = 0;

			s = csv_next_record(&r, out, len, fields, max_fields, &rec);
			if (s != CSV_OK)
				break;
			records++;
			if (rec.nfields < 1 || rec.nfields > max_fields)
				in_bounds = 0;
			for (i = 0; i < rec.nfields && i < max_fields; i++)
			{
				if (fields[i].data < out || fields[i].data + fields[i].len > out + len)
					in_bounds = 0;
				total += fields[i].len;
			}
			if (total > len)
				in_bounds = 0;
			if (rec.line <= last_line || rec.line > lines)
				lines_ok = 0;
			last_line = rec.line;
		}
		if (s == CSV_OK)
			terminated = 0;
		else if (s == CSV_ERROR)
		{
			errors++;
			hits[r.error.code]++;
			if (r.error.line < 1 || r.error.line > lines ||
				r.error.record_line > r.error.line ||
				r.error.message[0] == '\0' || r.error.code == CSV_ERR_NO_ROOM)
				lines_ok = 0;
		}
		if (csv_next_record(&r, out, len, fields, max_fields, &rec) != s)
			terminated = 0;
		free(data);
		free(out);
	}
	check(terminated, "200,000 random buffers: the reader always ends, within len + 1 records, and stays ended");
	check(in_bounds, "every field lies in the output buffer, and a record holds no more than the input");
	check(lines_ok, "record lines increase and error lines lie within the input; out never too small");
	for (round = CSV_ERR_QUOTE_IN_UNQUOTED; round < CSV_ERR_NO_ROOM; round++)
		if (hits[round] < 100)
			every_error = 0;
	check(records > ROUNDS / 4 && every_error,
		  "the fuzz reads records and reaches every error at least 100 times");
	printf("# %d records, %d errors\n", records, errors);
}

/*
 * Random records written as CSV (quoted when they need it, LF or CRLF, the
 * last line end sometimes left off) read back as they were, on their lines.
 */
static void
test_round_trip(void)
{
	enum
	{
		ROUNDS = 20000, MAX_RECORDS = 6, MAX_FIELDS = 5, MAX_FIELD_LEN = 6
	};
	static const char special[] = "a,\"\r\n ";
	int			agree = 1;
	int			round;

	for (round = 0; round < ROUNDS && agree; round++)
	{
		char		field[MAX_RECORDS][MAX_FIELDS][MAX_FIELD_LEN];
		size_t		flen[MAX_RECORDS][MAX_FIELDS];
		size_t		nfields[MAX_RECORDS];
		size_t		line[MAX_RECORDS];
		size_t		nrecords = (size_t) (next_random() % (MAX_RECORDS + 1));
		char		text[MAX_RECORDS * (MAX_FIELDS * (2 * MAX_FIELD_LEN + 3) + 2) + 8];
		size_t		len = 0,
					lines = 1,
					i,
					j,
					k;
		char	   *data;
		char	   *out;
		csv_field	fields[MAX_FIELDS];
		csv_reader	r;
		csv_record	rec;

		for (i = 0; i < nrecords; i++)
		{
			nfields[i] = 1 + (size_t) (next_random() % MAX_FIELDS);
			line[i] = lines;
			for (j = 0; j < nfields[i]; j++)
			{
				int			quote = (next_random() % 4) == 0;

				flen[i][j] = (size_t) (next_random() % (MAX_FIELD_LEN + 1));
				for (k = 0; k < flen[i][j]; k++)
				{
					unsigned long long x = next_random();
					char		c = (x & 1) ? special[(x >> 1) % 6] : (char) (1 + (x >> 8) % 255);

					field[i][j][k] = c;
					if (c == ',' || c == '"' || c == '\r' || c == '\n')
						quote = 1;
				}
				/* a record of one empty field would be an empty line */
				if (nfields[i] == 1 && flen[i][j] == 0)
					quote = 1;
				if (j > 0)
					text[len++] = ',';
				if (quote)
					text[len++] = '"';
				for (k = 0; k < flen[i][j]; k++)
				{
					if (field[i][j][k] == '"')
						text[len++] = '"';
					if (field[i][j][k] == '\n')
						lines++;
					text[len++] = field[i][j][k];
				}
				if (quote)
					text[len++] = '"';
			}
			if (i + 1 < nrecords || next_random() % 2)
			{
				if (next_random() % 2)
					text[len++] = '\r';
				text[len++] = '\n';
				lines++;
			}
		}

		data = xmalloc(len);
		out = xmalloc(len);
		memcpy(data, text, len);
		csv_reader_init(&r, data, len, false);
		for (i = 0; i < nrecords && agree; i++)
		{
			if (csv_next_record(&r, out, len, fields, MAX_FIELDS, &rec) != CSV_OK ||
				rec.line != line[i] || rec.nfields != nfields[i])
				agree = 0;
			for (j = 0; agree && j < nfields[i]; j++)
				if (fields[j].len != flen[i][j] ||
					memcmp(fields[j].data, field[i][j], flen[i][j]) != 0)
					agree = 0;
		}
		if (agree && csv_next_record(&r, out, len, fields, MAX_FIELDS, &rec) != CSV_END)
			agree = 0;
		if (!agree)
			printf("# round %d: %zu records, %zu bytes\n", round, nrecords, len);
		free(data);
		free(out);
	}
	check(agree, "20,000 random files written as CSV read back field for field, on their lines");
}

int
main(void)
{
	test_records();
	test_errors();
	test_api();
	test_fuzz();
	test_round_trip();
	printf("1..%d\n", tests);
	return failures == 0 ? 0 : 1;
}
