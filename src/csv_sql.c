/*
 * csv_sql.c
 *	  csv_records(text): the records of a CSV file, with the line where each
 *	  starts, for the loaders of parameter files.
 *
 * Glue only: the reader is csv.c, and its rules are in csv.h.  The fields are
 * pieces of the input cut at ASCII bytes (comma, quote, CR, LF), which are
 * never part of a multibyte character in a server encoding, so they are valid
 * text in the database encoding as the input is.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "csv.h"

/* The most fields a record may have. */
#define CSV_MAX_FIELDS 64

/* The columns of the result: line integer, fields text[]. */
#define CSV_RECORDS_COLUMNS 2

/* "Field 3" or "Field 3 of the record that starts on line 5", as errdetail begins. */
static char *
field_in_record(const csv_error *e)
{
	if (e->record_line == e->line)
		return psprintf("Field %zu", e->field);
	return psprintf("Field %zu of the record that starts on line %zu",
					e->field, e->record_line);
}

/* Raise the reader's error as 22P04, with the line first in the message. */
static void
report_csv_error(const csv_error *e)
{
	const char *message = e->message;
	char	   *detail;

	switch (e->code)
	{
		case CSV_ERR_QUOTE_IN_UNQUOTED:
			detail = psprintf("%s does not begin with a double quote but contains one. A field that contains double quotes must be enclosed in double quotes, each quote inside written twice (\"\"); nothing, not even a space, may precede the opening quote.",
							  field_in_record(e));
			break;
		case CSV_ERR_AFTER_CLOSING_QUOTE:
			detail = psprintf("%s is enclosed in double quotes, and its closing quote is followed by something other than a comma or a line end. A double quote inside a quoted field is written twice (\"\").",
							  field_in_record(e));
			break;
		case CSV_ERR_UNTERMINATED:
			detail = psprintf("%s opens a double quote on this line that is never closed: the field runs to the end of the file. A double quote inside a quoted field is written twice (\"\").",
							  field_in_record(e));
			break;
		case CSV_ERR_TOO_MANY_FIELDS:
			message = psprintf("too many fields (more than %d)", CSV_MAX_FIELDS);
			detail = psprintf("A record may have at most %d fields; the one that starts on this line has more. A comma inside a field needs the field enclosed in double quotes.",
							  CSV_MAX_FIELDS);
			break;
		case CSV_ERR_NUL_BYTE:
			detail = psprintf("%s contains a byte of value zero, which CSV text may not contain.",
							  field_in_record(e));
			break;
		case CSV_ERR_LONE_CR:
			detail = pstrdup("Lines end with LF or CRLF; this carriage return stands alone, not followed by a line feed, outside double quotes. A field that holds a carriage return must be quoted.");
			break;
		default:
			elog(ERROR, "unexpected CSV reader error %d (%s) on line %zu",
				 (int) e->code, e->message, e->line);
			return;				/* not reached */
	}
	ereport(ERROR,
			errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
			errmsg("line %zu: %s", e->line, message),
			errdetail_internal("%s", detail));
}

/*
 * csv_records(csv text) RETURNS TABLE (line integer, fields text[]): one row
 * per record, in order; raises bad_copy_file_format (22P04) on the first error
 */
PG_FUNCTION_INFO_V1(csv_records);
Datum
csv_records(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	text	   *csv = PG_GETARG_TEXT_PP(0);
	size_t		len = VARSIZE_ANY_EXHDR(csv);
	char	   *out = palloc(Max(len, 1));
	csv_field	fields[CSV_MAX_FIELDS];
	Datum		elems[CSV_MAX_FIELDS];
	Datum		values[CSV_RECORDS_COLUMNS];
	bool		nulls[CSV_RECORDS_COLUMNS] = {false, false};
	MemoryContext row_cxt;
	MemoryContext old;
	csv_reader	reader;
	csv_record	rec;
	csv_status	status;

	InitMaterializedSRF(fcinfo, 0);
	if (rsinfo->setDesc->natts != CSV_RECORDS_COLUMNS)
		elog(ERROR, "csv_records must return %d columns, not %d",
			 CSV_RECORDS_COLUMNS, rsinfo->setDesc->natts);

	/* a byte order mark is only one in UTF-8 (or bytes taken as they come) */
	csv_reader_init(&reader, VARDATA_ANY(csv), len,
					GetDatabaseEncoding() == PG_UTF8 ||
					GetDatabaseEncoding() == PG_SQL_ASCII);

	/* each row is built here and copied by the tuplestore */
	row_cxt = AllocSetContextCreate(CurrentMemoryContext, "csv_records row",
									ALLOCSET_DEFAULT_SIZES);

	while ((status = csv_next_record(&reader, out, len, fields, CSV_MAX_FIELDS,
									 &rec)) == CSV_OK)
	{
		size_t		i;

		CHECK_FOR_INTERRUPTS();
		old = MemoryContextSwitchTo(row_cxt);
		for (i = 0; i < rec.nfields; i++)
			elems[i] = PointerGetDatum(cstring_to_text_with_len(fields[i].data,
																(int) fields[i].len));
		/* a text value is under 1 GB, so its line numbers fit in int32 */
		values[0] = Int32GetDatum((int32) rec.line);
		values[1] = PointerGetDatum(construct_array(elems, (int) rec.nfields, TEXTOID,
													-1, false, TYPALIGN_INT));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextSwitchTo(old);
		MemoryContextReset(row_cxt);
	}
	if (status == CSV_ERROR)
		report_csv_error(&reader.error);

	MemoryContextDelete(row_cxt);
	pfree(out);
	return (Datum) 0;
}

/*
 * csv_text(csv bytea) RETURNS text: the bytes of a file as text, refused
 * with the line and the byte when they are not UTF-8 (a file Excel saved in
 * GBK, say), so that the loader can say so rather than the server's input
 * routine.
 */
PG_FUNCTION_INFO_V1(csv_text);
Datum
csv_text(PG_FUNCTION_ARGS)
{
	bytea	   *csv = PG_GETARG_BYTEA_PP(0);
	const char *data = VARDATA_ANY(csv);
	int			len = (int) VARSIZE_ANY_EXHDR(csv);
	int			valid = pg_encoding_verifymbstr(PG_UTF8, data, len);

	if (valid < len)
	{
		int			line = 1;
		int			i;

		for (i = 0; i < valid; i++)
			if (data[i] == '\n')
				line++;
		ereport(ERROR,
				errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
				errmsg("line %d: the file is not UTF-8 text (byte 0x%02X at byte %d)", line,
					   (unsigned char) data[valid], valid + 1),
				errdetail("The loader reads UTF-8 only; Excel and WPS save CSV in the local code page (GBK) unless told otherwise."),
				errhint("Save the file as \"CSV UTF-8\", or convert it: iconv -f GBK -t UTF-8 file.csv > file-utf8.csv"));
	}
	PG_RETURN_TEXT_P(cstring_to_text_with_len(data, len));
}
