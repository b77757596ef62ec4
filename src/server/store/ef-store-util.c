/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-util.c: binding, column reading and stepping, for every store file */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "ef-common.h"
#include "ef-store-private.h"

void
_ef_store_format_day (EfDay  day,
                      char   text[EF_STORE_DAY_TEXT_SIZE])
{
  int y, m, d;

  ef_day_get_ymd (day, &y, &m, &d);
  g_snprintf (text, EF_STORE_DAY_TEXT_SIZE, "%04d-%02d-%02d", y, m, d);
}

void
_ef_store_bind_day (sqlite3_stmt *stmt,
                    int           index,
                    EfDay         day)
{
  char text[EF_STORE_DAY_TEXT_SIZE];

  _ef_store_format_day (day, text);
  sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
_ef_store_bind_text_or_null (sqlite3_stmt *stmt,
                             int           index,
                             const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

EfDay
_ef_store_column_day (sqlite3_stmt *stmt,
                      int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  if (text == NULL)
    return EF_DAY_INVALID;
  return ef_day_parse_iso (text, NULL);
}

char *
_ef_store_column_dup (sqlite3_stmt *stmt,
                      int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

char *
_ef_store_column_dup_or_null (sqlite3_stmt *stmt,
                              int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gboolean
_ef_store_step_done (EfStore       *self,
                     sqlite3_stmt  *stmt,
                     const char    *what,
                     GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _ef_store_set_sql_error (self, error, what);
      return FALSE;
    }
  return TRUE;
}

int
_ef_store_step (EfStore       *self,
                sqlite3_stmt  *stmt,
                const char    *what,
                GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _ef_store_set_sql_error (self, error, what);
  return rc;
}
