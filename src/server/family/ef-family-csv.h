/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-family-csv.h: families from a town hall's register in CSV, one row per
 * member (the format is documented in docs/family-import.md) */

#pragma once

#include <glib.h>

#include "ef-types.h"

G_BEGIN_DECLS

/**
 * EfImportProblem:
 * @line: the line of the file on which the refused row starts
 * @column: the column at fault as the file names it, or NULL for the row
 * @message: what is wrong, a translated sentence
 */
typedef struct {
  guint  line;
  char  *column;
  char  *message;
} EfImportProblem;

/**
 * EfFamilyCsvKnown:
 * @family_references: the references of the tenant's families (a set), or
 *   NULL
 * @member_emails: the e-mails of the tenant's members, lowercased, mapped
 *   to their family's reference ("" for none), or NULL
 * @replace: a family whose reference exists is to be updated, not refused
 *
 * What the database already holds, that the rows must not clash with.
 */
typedef struct {
  GHashTable *family_references;
  GHashTable *member_emails;
  gboolean    replace;
} EfFamilyCsvKnown;

/**
 * EfFamilyCsv:
 * @families: of EfFamily, valid ones, in the order of their first row
 * @n_members: how many members they have in all
 * @n_rows: how many rows the file has (the header and blank lines aside)
 * @problems: of EfImportProblem, by line: every refused row and why
 */
typedef struct {
  GPtrArray *families;
  guint      n_members;
  guint      n_rows;
  GPtrArray *problems;
} EfFamilyCsv;

void         ef_family_csv_free (EfFamilyCsv            *csv);

/* Reads every row of @data (UTF-8, ';' or ',' between fields, a header
 * row), checks each as `family-import` checks a JSON family (with @today
 * bounding birth dates) and against @known (may be NULL). NULL with
 * EF_API_ERROR_INVALID_CONFIG only when the file as a whole cannot be
 * read (not UTF-8, a quote left open, an unknown or missing column, no
 * row); the problems of single rows are in the result. */
EfFamilyCsv *ef_family_csv_read (const char             *data,
                                 gsize                   length,
                                 EfDay                   today,
                                 const EfFamilyCsvKnown *known,
                                 GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfFamilyCsv, ef_family_csv_free)

G_END_DECLS
