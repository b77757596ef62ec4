/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-test-db.c: reading and changing a test server's SQLite database */

#define G_LOG_DOMAIN "EfTestServer"

#include "config.h"

#include "ef-test-db.h"

/* Prepares @sql; aborts with SQLite's message when it cannot. */
static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  return stmt;
}

sqlite3 *
ef_test_db_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  return db;
}

void
ef_test_db_exec (const char *path,
                 const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                   ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 10000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

gint64
ef_test_db_query_int (const char *path,
                      const char *sql)
{
  sqlite3 *db = ef_test_db_open (path);
  sqlite3_stmt *stmt = prepare (db, sql);
  gint64 value;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

char *
ef_test_db_query_text (const char *path,
                       const char *sql)
{
  sqlite3 *db = ef_test_db_open (path);
  sqlite3_stmt *stmt = prepare (db, sql);
  char *text;

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

char *
ef_test_db_query_lines (const char *path,
                        const char *sql)
{
  sqlite3 *db = ef_test_db_open (path);
  sqlite3_stmt *stmt = prepare (db, sql);
  GString *text = g_string_new (NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_string_append (text, (const char *) sqlite3_column_text (stmt, 0));
      g_string_append_c (text, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (text, FALSE);
}

char *
ef_test_db_query_rows (const char *path,
                       const char *sql)
{
  sqlite3 *db = ef_test_db_open (path);
  sqlite3_stmt *stmt = prepare (db, sql);
  GString *text = g_string_new (NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (text, "%s%s", i > 0 ? "|" : "", value ? value : "NULL");
        }
      g_string_append_c (text, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (text, FALSE);
}
