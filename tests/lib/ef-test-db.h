/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-test-db.h: reading and changing a test server's SQLite database */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Opens the existing database at @path, read-write, waiting up to 10 s
 * for the server's locks. Aborts the test when it cannot. */
sqlite3 *ef_test_db_open        (const char *path);

/* Runs @sql (one or more statements), creating the database if needed;
 * aborts the test with SQLite's message when it fails. */
void     ef_test_db_exec        (const char *path,
                                 const char *sql);

/* The first column of the first row of @sql, which must have one. */
gint64   ef_test_db_query_int   (const char *path,
                                 const char *sql);
/* The same, as text (NULL for a NULL column). */
char    *ef_test_db_query_text  (const char *path,
                                 const char *sql);

/* The first column of every row of @sql, each followed by "\n". */
char    *ef_test_db_query_lines (const char *path,
                                 const char *sql);

/* Every row of @sql, its columns joined with '|' ("NULL" for NULL), each
 * row followed by "\n". */
char    *ef_test_db_query_rows  (const char *path,
                                 const char *sql);

G_END_DECLS
