/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-csv.h: reading CSV text (RFC 4180) record by record */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * EfCsvReader:
 *
 * Where a reader is in its text: held on the stack, set up by
 * ef_csv_reader_init(), with nothing to free.
 */
typedef struct {
  const char *p;
  const char *end;
  guint       line;       /* of the next character, from 1 */
  char        separator;
} EfCsvReader;

/* Starts reading the @length bytes of @data (a UTF-8 byte order mark, as
 * spreadsheets write it, is skipped), with @separator between fields. */
void      ef_csv_reader_init       (EfCsvReader  *reader,
                                    const char   *data,
                                    gsize         length,
                                    char          separator);

/* Reads the next record into @fields (of newly allocated strings; emptied
 * first) and the line on which it starts into @line (optional). Quoted
 * fields may hold separators, line breaks and doubled quotes; CRLF and LF
 * both end a record. FALSE at the end of the text (@error unset) or on a
 * syntax error (EF_API_ERROR_INVALID_CONFIG, a translated sentence). */
gboolean  ef_csv_reader_read       (EfCsvReader  *reader,
                                    GPtrArray    *fields,
                                    guint        *line,
                                    GError      **error);

/* Whether a record read is an empty line. */
gboolean  ef_csv_record_is_blank   (GPtrArray    *fields);

/* ';' or ',', whichever separates more fields of the first line of
 * @data outside quotes (French spreadsheets write ';'); ';' on a tie. */
char      ef_csv_guess_separator   (const char   *data,
                                    gsize         length);

G_END_DECLS
