/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-test-db.h: reading and changing a test server's database, SQLite or
 * PostgreSQL */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Every function below takes the database's "path", as given to the
 * server's --db: a file name (SQLite), or a connection URI starting with
 * postgresql:// or postgres:// (PostgreSQL, through libpq). The results
 * are the same for both: a PostgreSQL boolean reads as 1/0 in
 * ef_test_db_query_int() and as "1"/"0" in the text functions, as SQLite
 * would give them. */

/* TRUE when @path is a PostgreSQL connection URI. */
gboolean ef_test_db_is_postgresql     (const char *path);

/* TRUE when this test program runs against PostgreSQL: EF_TEST_STORE is
 * "postgresql" and EF_TEST_POSTGRESQL holds the connection string of a
 * cluster's maintenance database (build-aux/pg-cluster prints one). */
gboolean ef_test_store_is_postgresql  (void);

/* A fresh, empty database location for a test that builds its own: under
 * PostgreSQL (ef_test_store_is_postgresql()), a new database on the
 * cluster, returned as its connection URI and dropped when the program
 * exits (atexit, and by a watchdog process if the program dies of a failed
 * assertion or a signal); otherwise g_build_filename (@dir, @name). Free
 * the result with g_free(). Use it when the test is about the store's
 * contents; a test about SQLite files keeps its file name. */
char    *ef_test_db_new_location      (const char *dir,
                                       const char *name);

/* Creates a new, empty PostgreSQL database on the EF_TEST_POSTGRESQL
 * cluster (named ef_t_PID_N_RANDOM, UTF-8, C collation) and returns its
 * connection URI. Aborts the test when it cannot. The caller drops it with
 * ef_test_db_drop_postgresql(); the watchdog drops it anyway at exit. */
char    *ef_test_db_create_postgresql (void);
/* Drops the database of @location (made by ef_test_db_create_postgresql()),
 * closing its connections first. */
void     ef_test_db_drop_postgresql   (const char *location);

/* SQLite only: opens the existing database file at @path, read-write,
 * waiting up to 10 s for the server's locks. Aborts the test when it
 * cannot, and when @path is a PostgreSQL location: a test that needs the
 * handle itself is about SQLite. */
sqlite3 *ef_test_db_open        (const char *path);

/* Runs @sql (one or more statements), creating the SQLite database if
 * needed (a PostgreSQL database must exist); aborts the test with the
 * engine's message when it fails. */
void     ef_test_db_exec        (const char *path,
                                 const char *sql);

/* The first column of the first row of @sql, which must have one (0 for
 * NULL). */
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
