/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-util.c: binding, column reading and stepping, for every store file */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "ef-common.h"
#include "ef-store-private.h"

void
_ef_store_format_day (EfDay  day,
                      char   text[EF_STORE_DAY_TEXT_SIZE])
{
  int y, m, d;

  /* By hand: a batch writes two thousand days, and printf costs ten
   * times as much. */
  ef_day_get_ymd (day, &y, &m, &d);
  if (y > 9999)
    {
      g_snprintf (text, EF_STORE_DAY_TEXT_SIZE, "%04d-%02d-%02d", y, m, d);
      return;
    }
  text[0] = '0' + y / 1000;
  text[1] = '0' + y / 100 % 10;
  text[2] = '0' + y / 10 % 10;
  text[3] = '0' + y % 10;
  text[4] = '-';
  text[5] = '0' + m / 10;
  text[6] = '0' + m % 10;
  text[7] = '-';
  text[8] = '0' + d / 10;
  text[9] = '0' + d % 10;
  text[10] = '\0';
}

void
_ef_store_bind_day (EfDbStmt *stmt,
                    int           index,
                    EfDay         day)
{
  char text[EF_STORE_DAY_TEXT_SIZE];

  _ef_store_format_day (day, text);
  ef_db_bind_text (stmt, index, text, -1);
}

void
_ef_store_bind_now_text (EfDbStmt *stmt,
                         int       index)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  ef_db_bind_text (stmt, index, text, -1);
}

void
_ef_store_bind_text_or_null (EfDbStmt *stmt,
                             int           index,
                             const char   *text)
{
  if (text != NULL)
    ef_db_bind_text (stmt, index, text, -1);
  else
    ef_db_bind_null (stmt, index);
}

EfDay
_ef_store_column_day (EfDbStmt *stmt,
                      int           column)
{
  const char *text = (const char *) ef_db_column_text (stmt, column);

  if (text == NULL)
    return EF_DAY_INVALID;
  return ef_day_parse_iso (text, NULL);
}

char *
_ef_store_column_dup (EfDbStmt *stmt,
                      int           column)
{
  const char *text = (const char *) ef_db_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

char *
_ef_store_column_dup_or_null (EfDbStmt *stmt,
                              int           column)
{
  return g_strdup ((const char *) ef_db_column_text (stmt, column));
}

gboolean
_ef_store_step_done (EfStore       *self,
                     EfDbStmt  *stmt,
                     const char    *what,
                     GError       **error)
{
  if (ef_db_step (stmt) != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, what);
      return FALSE;
    }
  return TRUE;
}

gint64
_ef_store_step_insert (EfStore     *self,
                       EfDbStmt    *stmt,
                       const char  *what,
                       GError     **error)
{
  gint64 id;

  if (ef_db_step (stmt) != EF_DB_ROW)
    {
      _ef_store_set_sql_error (self, error, what);
      return 0;
    }
  id = ef_db_column_int64 (stmt, 0);
  if (ef_db_step (stmt) != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, what);
      return 0;
    }
  return id;
}

int
_ef_store_step (EfStore       *self,
                EfDbStmt  *stmt,
                const char    *what,
                GError       **error)
{
  int rc = ef_db_step (stmt);

  if (rc != EF_DB_ROW && rc != EF_DB_DONE)
    _ef_store_set_sql_error (self, error, what);
  return rc;
}

gboolean
_ef_store_for_each_row (EfStore         *self,
                        EfDbStmt    *stmt,
                        EfStoreRowFunc   func,
                        gpointer         user_data,
                        const char      *what,
                        GError         **error)
{
  int rc;

  while ((rc = ef_db_step (stmt)) == EF_DB_ROW)
    if (!func (stmt, user_data, error))
      return FALSE;
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, what);
      return FALSE;
    }
  return TRUE;
}

gboolean
_ef_store_for_each_row_of (EfStore         *self,
                           const char      *sql,
                           gint64           id,
                           EfStoreRowFunc   func,
                           gpointer         user_data,
                           const char      *what,
                           GError         **error)
{
  g_autoptr(EfDbStmt) stmt = _ef_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  ef_db_bind_int64 (stmt, 1, id);
  return _ef_store_for_each_row (self, stmt, func, user_data, what, error);
}

gboolean
_ef_store_append_id (EfDbStmt  *stmt,
                     gpointer   user_data,
                     GError   **error)
{
  gint64 id = ef_db_column_int64 (stmt, 0);

  g_array_append_val ((GArray *) user_data, id);
  return TRUE;
}

typedef struct {
  GPtrArray          *items;
  EfStoreFromRowFunc  from_row;
} AppendRows;

static gboolean
append_row (EfDbStmt  *stmt,
            gpointer       user_data,
            GError       **error)
{
  AppendRows *append = user_data;

  g_ptr_array_add (append->items, append->from_row (stmt));
  return TRUE;
}

GPtrArray *
_ef_store_collect_rows (EfStore             *self,
                        EfDbStmt        *stmt,
                        EfStoreFromRowFunc   from_row,
                        GDestroyNotify       free_func,
                        const char          *what,
                        GError             **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (free_func);
  AppendRows append = { items, from_row };

  if (!_ef_store_for_each_row (self, stmt, append_row, &append, what, error))
    return NULL;
  return g_steal_pointer (&items);
}

char *
_ef_store_fold_text (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) bare = NULL;

  if (text == NULL)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  /* "Léa", "LEA" and "lea" are one; so are "Jean-Pierre", "jean pierre"
   * and "L’Hôte", "l'hote"; "Œ" is "oe" as the French write it without. */
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  bare = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c))
        continue;
      switch (c)
        {
        case 0x0152: case 0x0153: g_string_append (bare, "oe"); break;
        case 0x00c6: case 0x00e6: g_string_append (bare, "ae"); break;
        case 0x00df: g_string_append (bare, "ss"); break;
        case '-': case '\'': case 0x2019: case 0x2010: case 0x2011:
          g_string_append_c (bare, ' ');
          break;
        default:
          g_string_append_unichar (bare, c);
          break;
        }
    }
  return g_utf8_casefold (bare->str, bare->len);
}

static void
fold_sql_function (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  char *folded;

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  folded = _ef_store_fold_text (text);
  sqlite3_result_text (context, folded, -1, g_free);
}

gboolean
_ef_store_register_functions (EfStore  *self,
                              GError  **error)
{
  /* PostgreSQL has it from the schema (a function of the migrations). */
  if (self->kind != EF_DB_SQLITE)
    return TRUE;
  if (sqlite3_create_function_v2 (ef_db_get_sqlite (self->db), "ef_fold", 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, fold_sql_function, NULL, NULL, NULL) != SQLITE_OK)
    {
      _ef_store_set_sql_error (self, error, "registering ef_fold");
      return FALSE;
    }
  return TRUE;
}
