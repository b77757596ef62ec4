/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-db.c: one connection to the store's database, SQLite or PostgreSQL */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <errno.h>
#include <string.h>

#ifdef HAVE_LIBPQ
#include <libpq-fe.h>
#else
#include "ef-db-without-pq.h"
#endif
#include <sqlite3.h>

#include "ef-db.h"

/* What the SQL does with a parameter. */
#define PARAM_USED          1
#define PARAM_TESTED_FIRST  2   /* "?N IS [NOT] NULL" before anything else */

/* PostgreSQL's type ids (pg_type.h), for the few we tell apart. */
#define PG_BOOL_OID     16
#define PG_INT8_OID     20
#define PG_TEXT_OID     25
#define PG_INT2_OID     21
#define PG_INT4_OID     23
#define PG_FLOAT4_OID   700
#define PG_FLOAT8_OID   701
#define PG_NUMERIC_OID  1700

struct _EfDb
{
  EfDbKind      kind;
  sqlite3      *sqlite;
  PGconn       *pg;
  char         *message;
  char          code[16];
  EfDbErrorKind error_kind;
  gint64        changes;
  guint         n_named;        /* PostgreSQL statements prepared so far */
  guint         generation;     /* bumped when the connection is made anew */
  GPtrArray    *to_deallocate;  /* DEALLOCATE statements left for later */
  guint         lock_timeout_ms;
  /* As PostgreSQL last said: a transaction is open on the connection. Kept
   * when the connection is lost, which libpq then cannot tell. */
  gboolean      pg_in_transaction;
};

struct _EfDbStmt
{
  EfDb         *db;
  sqlite3_stmt *sqlite;

  /* PostgreSQL */
  char         *sql;            /* with $N */
  char         *name;           /* server-side prepared statement, or NULL */
  gboolean      prepared;       /* PQprepare() done for name… */
  guint         generation;     /* …on this generation of the connection */
  int           n_params;
  char        **values;         /* n_params, owned, NULL for NULL */
  Oid          *types;          /* n_params: 0 (inferred) or int8 */
  guint8       *used;           /* n_params: PARAM_USED, PARAM_TESTED_FIRST */
  PGresult     *result;         /* after the first step */
  guint         n_runs;         /* executions so far (a second one prepares it) */
  int           row;            /* the current row, -1 before the first */
};

gboolean
ef_db_location_is_postgresql (const char *location)
{
  return location != NULL &&
         (g_str_has_prefix (location, "postgresql://") ||
          g_str_has_prefix (location, "postgres://"));
}

static void
set_error (EfDb          *db,
           EfDbErrorKind  kind,
           const char    *code,
           const char    *message)
{
  g_free (db->message);
  db->message = g_strdup (message);
  g_strchomp (db->message);
  db->error_kind = kind;
  g_strlcpy (db->code, code != NULL ? code : "", sizeof db->code);
}

static void
clear_error (EfDb *db)
{
  db->error_kind = EF_DB_ERROR_NONE;
}

static gboolean
errno_is_full (int error)
{
#ifdef EDQUOT
  if (error == EDQUOT)
    return TRUE;
#endif
  return error == ENOSPC;
}

static void
set_sqlite_error (EfDb *db)
{
  int code = sqlite3_extended_errcode (db->sqlite);
  EfDbErrorKind kind = EF_DB_ERROR_OTHER;
  char text[16];

  switch (code & 0xff)
    {
    case SQLITE_CONSTRAINT:
      kind = (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
        ? EF_DB_ERROR_UNIQUE : EF_DB_ERROR_CONSTRAINT;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      kind = EF_DB_ERROR_BUSY;
      break;
    case SQLITE_NOTADB:
      kind = EF_DB_ERROR_NOT_DATABASE;
      break;
    case SQLITE_FULL:
      kind = EF_DB_ERROR_FULL;
      break;
    case SQLITE_IOERR:
      /* A write that fails with ENOSPC is SQLITE_FULL; a sync, a
       * truncation or the WAL index growing fails as an I/O error, whose
       * errno says why when SQLite keeps it (sqlite3_system_errno(),
       * which SQLite 3.40 leaves at 0 for a failed commit in WAL mode:
       * such an error stays EF_DB_ERROR_OTHER). Not a failed sync: the
       * commit may be in the WAL already, and "nothing was saved" would
       * not be true. */
      if (code != SQLITE_IOERR_FSYNC && code != SQLITE_IOERR_DIR_FSYNC &&
          errno_is_full (sqlite3_system_errno (db->sqlite)))
        kind = EF_DB_ERROR_FULL;
      break;
    default:
      break;
    }
  g_snprintf (text, sizeof text, "%d", code);
  set_error (db, kind, text, sqlite3_errmsg (db->sqlite));
}

/* SQLSTATE classes: 23 integrity, 40 transaction rollback, 55P03 lock
 * not available, 53100 disk_full (not the rest of class 53: out of
 * memory or connections is no full disk). */
static void
set_pg_error (EfDb           *db,
              const PGresult *result)
{
  const char *state = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *message = result ? PQresultErrorMessage (result) : NULL;
  EfDbErrorKind kind = EF_DB_ERROR_OTHER;

  if (message == NULL || *message == '\0')
    message = PQerrorMessage (db->pg);
  if (state != NULL)
    {
      if (strcmp (state, "23505") == 0)
        kind = EF_DB_ERROR_UNIQUE;
      else if (g_str_has_prefix (state, "23"))
        kind = EF_DB_ERROR_CONSTRAINT;
      else if (g_str_has_prefix (state, "40") || strcmp (state, "55P03") == 0)
        kind = EF_DB_ERROR_BUSY;
      else if (strcmp (state, "53100") == 0)
        kind = EF_DB_ERROR_FULL;
    }
  set_error (db, kind, state, message);
}

/* After each statement sent to PostgreSQL, while it can still say. */
static void
pg_note_transaction (EfDb *db)
{
  if (PQstatus (db->pg) == CONNECTION_OK)
    db->pg_in_transaction = PQtransactionStatus (db->pg) != PQTRANS_IDLE;
}

static void pg_setup (EfDb *db);

/* Before a statement: a connection the server dropped (a restart) is made
 * anew, but never inside a transaction: PostgreSQL has rolled it back, and
 * its next statements must fail until the caller ends it, not run one by
 * one on a new connection and be kept. */
static gboolean
pg_check_connection (EfDb *db)
{
  if (PQstatus (db->pg) != CONNECTION_BAD)
    return TRUE;
  if (db->pg_in_transaction)
    {
      set_error (db, EF_DB_ERROR_OTHER, "08006",
                 "The connection to the database was lost during a transaction: nothing of it was kept");
      return FALSE;
    }
  PQreset (db->pg);
  if (PQstatus (db->pg) != CONNECTION_OK)
    {
      set_pg_error (db, NULL);
      return FALSE;
    }
  db->generation++;
  /* Its prepared statements went with the old connection: deallocating
   * them on this one would fail, and spoil a transaction. */
  g_ptr_array_set_size (db->to_deallocate, 0);
  pg_setup (db);
  g_message ("Connected to the database again");
  return TRUE;
}

/* SQL functions PostgreSQL has and SQLite 3.40 lacks, so that statements
 * can be written once. */
typedef struct {
  GString *text;
} StringAgg;

static void
string_agg_step (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  StringAgg *agg = sqlite3_aggregate_context (context, sizeof (StringAgg));
  const char *value = (const char *) sqlite3_value_text (argv[0]);
  const char *separator = (const char *) sqlite3_value_text (argv[1]);

  if (agg == NULL || value == NULL)
    return;
  if (agg->text == NULL)
    agg->text = g_string_new (NULL);
  else if (separator != NULL)
    g_string_append (agg->text, separator);
  g_string_append (agg->text, value);
}

static void
string_agg_final (sqlite3_context *context)
{
  StringAgg *agg = sqlite3_aggregate_context (context, 0);

  if (agg == NULL || agg->text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  sqlite3_result_text (context, g_string_free (agg->text, FALSE), -1, g_free);
  agg->text = NULL;
}

static void
strpos_function (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  const char *haystack = (const char *) sqlite3_value_text (argv[0]);
  const char *needle = (const char *) sqlite3_value_text (argv[1]);
  const char *found;

  if (haystack == NULL || needle == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  found = strstr (haystack, needle);
  /* In characters, 1-based, as PostgreSQL counts. */
  sqlite3_result_int64 (context, found ? g_utf8_pointer_to_offset (haystack, found) + 1 : 0);
}

/* GREATEST and LEAST as PostgreSQL has them: NULLs left out, NULL when
 * all are; numbers compared as numbers, anything else as text. */
static void
extreme_function (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  int sign = GPOINTER_TO_INT (sqlite3_user_data (context));
  sqlite3_value *best = NULL;

  for (int i = 0; i < argc; i++)
    {
      int cmp;

      if (sqlite3_value_type (argv[i]) == SQLITE_NULL)
        continue;
      if (best == NULL)
        {
          best = argv[i];
          continue;
        }
      if (sqlite3_value_type (argv[i]) == SQLITE_INTEGER && sqlite3_value_type (best) == SQLITE_INTEGER)
        {
          sqlite3_int64 a = sqlite3_value_int64 (argv[i]), b = sqlite3_value_int64 (best);

          cmp = (a > b) - (a < b);
        }
      else if (sqlite3_value_type (argv[i]) != SQLITE_TEXT && sqlite3_value_type (best) != SQLITE_TEXT)
        {
          double a = sqlite3_value_double (argv[i]), b = sqlite3_value_double (best);

          cmp = (a > b) - (a < b);
        }
      else
        cmp = g_strcmp0 ((const char *) sqlite3_value_text (argv[i]),
                         (const char *) sqlite3_value_text (best));
      if (cmp * sign > 0)
        best = argv[i];
    }
  if (best == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_value (context, best);
}

/* Lower case for A to Z only, as SQLite's lower() and GLib's
 * g_ascii_strdown() (PostgreSQL's lower() changes every letter). */
static void
ascii_lower_function (sqlite3_context  *context,
                      int               argc,
                      sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  sqlite3_result_text (context, g_ascii_strdown (text, -1), -1, g_free);
}

static gboolean
register_sqlite_functions (EfDb *db)
{
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

  return sqlite3_create_function_v2 (db->sqlite, "string_agg", 2, flags, NULL,
                                     NULL, string_agg_step, string_agg_final, NULL) == SQLITE_OK &&
         sqlite3_create_function_v2 (db->sqlite, "strpos", 2, flags, NULL,
                                     strpos_function, NULL, NULL, NULL) == SQLITE_OK &&
         sqlite3_create_function_v2 (db->sqlite, "ef_ascii_lower", 1, flags, NULL,
                                     ascii_lower_function, NULL, NULL, NULL) == SQLITE_OK &&
         sqlite3_create_function_v2 (db->sqlite, "greatest", -1, flags, GINT_TO_POINTER (1),
                                     extreme_function, NULL, NULL, NULL) == SQLITE_OK &&
         sqlite3_create_function_v2 (db->sqlite, "least", -1, flags, GINT_TO_POINTER (-1),
                                     extreme_function, NULL, NULL, NULL) == SQLITE_OK;
}

#ifdef HAVE_LIBPQ
static void
ignore_notice (void       *arg,
               const char *message)
{
}

/* @text without @location nor @password, should libpq have quoted them. */
static char *
scrub_message (const char *text,
               const char *location,
               const char *password)
{
  g_autoptr(GString) scrubbed = g_string_new (text);

  g_string_replace (scrubbed, location, "…", 0);
  if (password != NULL)
    g_string_replace (scrubbed, password, "***", 0);
  return g_strchomp (g_string_free (g_steal_pointer (&scrubbed), FALSE));
}
#endif

/* What every session of ours has: UTF-8, instants in UTC, no notices;
 * how long a statement waits for a lock once the schema is up to date
 * (ef_db_set_lock_timeout()). */
static void
pg_setup (EfDb *db)
{
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("SET client_encoding = 'UTF8'; SET client_min_messages = warning;"
                         " SET TIME ZONE 'UTC'; SET lock_timeout = %u", db->lock_timeout_ms);
  PQclear (PQexec (db->pg, sql));
}

void
ef_db_set_lock_timeout (EfDb  *db,
                        guint  ms)
{
  g_autofree char *sql = NULL;

  db->lock_timeout_ms = ms;
  if (db->kind != EF_DB_POSTGRESQL)
    return;
  sql = g_strdup_printf ("SET lock_timeout = %u", ms);
  PQclear (PQexec (db->pg, sql));
}

/* SQLite counts the memory it allocates, under a global lock, at each of
 * its allocations (a statement makes dozens: Debian's build has no
 * lookaside); nothing here reads those counts. Before SQLite starts, or
 * it refuses and keeps counting. */
static void
sqlite_configure_once (void)
{
  static gsize configured = 0;

  if (g_once_init_enter (&configured))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&configured, 1);
    }
}

EfDb *
ef_db_open (const char  *location,
            gboolean     create,
            char       **message)
{
  EfDb *db = g_new0 (EfDb, 1);

  db->to_deallocate = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (location != NULL, NULL);

  if (ef_db_location_is_postgresql (location))
    {
#ifdef HAVE_LIBPQ
      g_autofree char *password = NULL;
      char *parse_error = NULL;
      PQconninfoOption *options;

      db->kind = EF_DB_POSTGRESQL;
      /* libpq's messages about a string it cannot parse quote it, the
       * password with it: ours says less. */
      options = PQconninfoParse (location, &parse_error);
      if (options == NULL)
        {
          if (message != NULL)
            *message = g_strdup ("the connection string is malformed");
          PQfreemem (parse_error);
          ef_db_close (db);
          return NULL;
        }
      for (PQconninfoOption *option = options; option->keyword != NULL; option++)
        if (g_str_equal (option->keyword, "password") && option->val != NULL && *option->val != '\0')
          password = g_strdup (option->val);
      PQconninfoFree (options);

      db->pg = PQconnectdb (location);
      if (PQstatus (db->pg) != CONNECTION_OK)
        {
          if (message != NULL)
            *message = scrub_message (PQerrorMessage (db->pg), location, password);
          ef_db_close (db);
          return NULL;
        }
      PQsetNoticeProcessor (db->pg, ignore_notice, NULL);
      pg_setup (db);
      return db;
#else
      if (message != NULL)
        *message = g_strdup ("this espace-famille-server was built without PostgreSQL (libpq)");
      ef_db_close (db);
      return NULL;
#endif
    }

  db->kind = EF_DB_SQLITE;
  sqlite_configure_once ();
  if (sqlite3_open_v2 (location, &db->sqlite,
                       SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) |
                       SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
      !register_sqlite_functions (db))
    {
      if (message != NULL)
        *message = g_strdup (db->sqlite ? sqlite3_errmsg (db->sqlite) : "out of memory");
      ef_db_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db->sqlite, 1);
  return db;
}

void
ef_db_close (EfDb *db)
{
  if (db == NULL)
    return;
  if (db->sqlite != NULL && sqlite3_close (db->sqlite) != SQLITE_OK)
    {
      g_warning ("Closing the database: %s", sqlite3_errmsg (db->sqlite));
      sqlite3_close_v2 (db->sqlite);
    }
  if (db->pg != NULL)
    PQfinish (db->pg);
  g_free (db->message);
  g_ptr_array_unref (db->to_deallocate);
  g_free (db);
}

gpointer
ef_db_get_sqlite (EfDb *db)
{
  return db->sqlite;
}

const char *
ef_db_errmsg (EfDb *db)
{
  if (db->error_kind == EF_DB_ERROR_NONE)
    return "not an error";
  return db->message;
}

EfDbErrorKind
ef_db_error_kind (EfDb *db)
{
  return db->error_kind;
}

const char *
ef_db_errcode (EfDb *db)
{
  return db->code;
}

gboolean
ef_db_exec (EfDb       *db,
            const char *sql)
{
  PGresult *result;
  ExecStatusType status;

  clear_error (db);
  if (db->kind == EF_DB_SQLITE)
    {
      char *message = NULL;

      if (sqlite3_exec (db->sqlite, sql, NULL, NULL, &message) == SQLITE_OK)
        return TRUE;
      set_sqlite_error (db);
      if (message != NULL)
        set_error (db, db->error_kind, db->code, message);
      sqlite3_free (message);
      return FALSE;
    }

  /* A transaction the lost connection took with it ends with the
   * caller's ROLLBACK (or a COMMIT, which fails): nothing to send. */
  if (PQstatus (db->pg) == CONNECTION_BAD && db->pg_in_transaction &&
      (g_ascii_strcasecmp (sql, "ROLLBACK") == 0 || g_ascii_strcasecmp (sql, "COMMIT") == 0))
    {
      db->pg_in_transaction = FALSE;
      if (g_ascii_strcasecmp (sql, "ROLLBACK") == 0)
        return TRUE;
      set_error (db, EF_DB_ERROR_OTHER, "08006",
                 "The connection to the database was lost during a transaction: nothing of it was kept");
      return FALSE;
    }
  if (!pg_check_connection (db))
    return FALSE;
  result = PQexec (db->pg, sql);
  /* A connection dropped while idle is found out by its next statement:
   * a transaction's BEGIN, which did nothing, is sent again on a new one. */
  if (PQstatus (db->pg) == CONNECTION_BAD && !db->pg_in_transaction &&
      g_ascii_strncasecmp (sql, "BEGIN", 5) == 0)
    {
      PQclear (result);
      if (!pg_check_connection (db))
        return FALSE;
      result = PQexec (db->pg, sql);
    }
  pg_note_transaction (db);
  status = PQresultStatus (result);
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY)
    {
      PQclear (result);
      return TRUE;
    }
  set_pg_error (db, result);
  PQclear (result);
  return FALSE;
}

gint64
ef_db_changes (EfDb *db)
{
  if (db->kind == EF_DB_SQLITE)
    return sqlite3_changes64 (db->sqlite);
  return db->changes;
}

gboolean
ef_db_transaction_failed (EfDb *db)
{
  if (db->kind != EF_DB_POSTGRESQL)
    return FALSE;
  if (PQstatus (db->pg) == CONNECTION_BAD)
    return db->pg_in_transaction;
  return PQtransactionStatus (db->pg) == PQTRANS_INERROR;
}

gboolean
ef_db_in_transaction (EfDb *db)
{
  if (db->kind == EF_DB_SQLITE)
    return !sqlite3_get_autocommit (db->sqlite);
  if (PQstatus (db->pg) == CONNECTION_BAD)
    return db->pg_in_transaction;
  return PQtransactionStatus (db->pg) != PQTRANS_IDLE;
}

static char *
translate_sql (const char *sql,
               int        *n_params,
               GArray     *used)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  int highest = 0;
  const char *p = sql;

  while (*p != '\0')
    {
      if (*p == '\'' || *p == '"')
        {
          char quote = *p;

          /* A literal or a quoted name, its doubled quotes included. */
          g_string_append_c (out, *p++);
          while (*p != '\0')
            {
              if (*p == quote && p[1] == quote)
                {
                  g_string_append_len (out, p, 2);
                  p += 2;
                  continue;
                }
              g_string_append_c (out, *p);
              if (*p++ == quote)
                break;
            }
        }
      else if (*p == '-' && p[1] == '-')
        {
          while (*p != '\0' && *p != '\n')
            g_string_append_c (out, *p++);
        }
      else if (*p == '?')
        {
          int index = 0;

          p++;
          if (g_ascii_isdigit (*p))
            while (g_ascii_isdigit (*p))
              index = index * 10 + (*p++ - '0');
          else
            index = highest + 1;
          highest = MAX (highest, index);
          g_string_append_printf (out, "$%d", index);
          if (used != NULL)
            {
              const char *next = p;

              if (used->len < (guint) index)
                g_array_set_size (used, index);
              while (g_ascii_isspace (*next))
                next++;
              if (g_array_index (used, guint8, index - 1) == 0 &&
                  g_ascii_strncasecmp (next, "IS", 2) == 0 && g_ascii_isspace (next[2]))
                g_array_index (used, guint8, index - 1) |= PARAM_TESTED_FIRST;
              g_array_index (used, guint8, index - 1) |= PARAM_USED;
            }
        }
      else
        g_string_append_c (out, *p++);
    }

  if (n_params != NULL)
    *n_params = highest;
  return g_string_free (out, FALSE);
}

EfDbStmt *
ef_db_prepare (EfDb       *db,
               const char *sql,
               gboolean    persistent)
{
  EfDbStmt *stmt;

  clear_error (db);
  if (db->kind == EF_DB_SQLITE)
    {
      sqlite3_stmt *handle = NULL;

      if (sqlite3_prepare_v3 (db->sqlite, sql, -1, persistent ? SQLITE_PREPARE_PERSISTENT : 0,
                              &handle, NULL) != SQLITE_OK)
        {
          set_sqlite_error (db);
          sqlite3_finalize (handle);
          return NULL;
        }
      stmt = g_new0 (EfDbStmt, 1);
      stmt->db = db;
      stmt->sqlite = handle;
      return stmt;
    }

  stmt = g_new0 (EfDbStmt, 1);
  stmt->db = db;
  {
    g_autoptr(GArray) used = g_array_new (FALSE, TRUE, sizeof (guint8));

    stmt->sql = translate_sql (sql, &stmt->n_params, used);
    g_array_set_size (used, MAX (stmt->n_params, 1));
    stmt->used = g_memdup2 (used->data, used->len);
  }
  stmt->values = g_new0 (char *, MAX (stmt->n_params, 1));
  stmt->types = g_new0 (Oid, MAX (stmt->n_params, 1));
  stmt->row = -1;
  if (persistent)
    stmt->name = g_strdup_printf ("ef%u", ++db->n_named);
  return stmt;
}

static void
clear_values (EfDbStmt *stmt)
{
  for (int i = 0; i < stmt->n_params; i++)
    {
      g_clear_pointer (&stmt->values[i], g_free);
      stmt->types[i] = 0;
    }
}

void
ef_db_finalize (EfDbStmt *stmt)
{
  if (stmt == NULL)
    return;
  if (stmt->sqlite != NULL)
    sqlite3_finalize (stmt->sqlite);
  if (stmt->result != NULL)
    PQclear (stmt->result);
  if (stmt->prepared && stmt->db->pg != NULL && stmt->generation == stmt->db->generation)
    {
      g_autofree char *deallocate = g_strdup_printf ("DEALLOCATE %s", stmt->name);

      /* Not in a spoilt transaction, where it would fail: later. */
      if (PQtransactionStatus (stmt->db->pg) == PQTRANS_INERROR)
        g_ptr_array_add (stmt->db->to_deallocate, g_steal_pointer (&deallocate));
      else
        PQclear (PQexec (stmt->db->pg, deallocate));
    }
  if (stmt->values != NULL)
    clear_values (stmt);
  g_free (stmt->values);
  g_free (stmt->types);
  g_free (stmt->used);
  g_free (stmt->sql);
  g_free (stmt->name);
  g_free (stmt);
}

void
ef_db_reset (EfDbStmt *stmt)
{
  if (stmt->sqlite != NULL)
    {
      sqlite3_reset (stmt->sqlite);
      return;
    }
  g_clear_pointer (&stmt->result, PQclear);
  stmt->row = -1;
}

void
ef_db_clear_bindings (EfDbStmt *stmt)
{
  if (stmt->sqlite != NULL)
    sqlite3_clear_bindings (stmt->sqlite);
  else
    clear_values (stmt);
}

static gboolean
pg_param_ok (EfDbStmt *stmt,
             int       index)
{
  if (index < 1 || index > stmt->n_params)
    {
      g_critical ("Binding parameter %d of a statement that has %d", index, stmt->n_params);
      return FALSE;
    }
  return TRUE;
}

void
ef_db_bind_int64 (EfDbStmt *stmt,
                  int       index,
                  gint64    value)
{
  if (stmt->sqlite != NULL)
    {
      sqlite3_bind_int64 (stmt->sqlite, index, value);
      return;
    }
  if (!pg_param_ok (stmt, index))
    return;
  g_free (stmt->values[index - 1]);
  stmt->values[index - 1] = g_strdup_printf ("%" G_GINT64_FORMAT, value);
  stmt->types[index - 1] = PG_INT8_OID;
}

void
ef_db_bind_text (EfDbStmt   *stmt,
                 int         index,
                 const char *text,
                 int         length)
{
  if (text == NULL)
    {
      ef_db_bind_null (stmt, index);
      return;
    }
  if (stmt->sqlite != NULL)
    {
      sqlite3_bind_text (stmt->sqlite, index, text, length, SQLITE_TRANSIENT);
      return;
    }
  if (!pg_param_ok (stmt, index))
    return;
  g_free (stmt->values[index - 1]);
  stmt->values[index - 1] = length < 0 ? g_strdup (text) : g_strndup (text, length);
  stmt->types[index - 1] = 0;
}

void
ef_db_bind_null (EfDbStmt *stmt,
                 int       index)
{
  if (stmt->sqlite != NULL)
    {
      sqlite3_bind_null (stmt->sqlite, index);
      return;
    }
  if (!pg_param_ok (stmt, index))
    return;
  g_clear_pointer (&stmt->values[index - 1], g_free);
  stmt->types[index - 1] = 0;
}

static int
pg_run (EfDbStmt *stmt)
{
  EfDb *db = stmt->db;
  const char * const *values = (const char * const *) stmt->values;
  ExecStatusType status;

  /* The server restarted, or dropped us: connect again (outside a
   * transaction only: one that was open is lost, its statements fail). */
  if (!pg_check_connection (db))
    return EF_DB_FAILED;
  if (stmt->prepared && stmt->generation != db->generation)
    stmt->prepared = FALSE;
  if (db->to_deallocate->len > 0 && PQtransactionStatus (db->pg) != PQTRANS_INERROR)
    {
      for (guint i = 0; i < db->to_deallocate->len; i++)
        PQclear (PQexec (db->pg, g_ptr_array_index (db->to_deallocate, i)));
      g_ptr_array_set_size (db->to_deallocate, 0);
    }
  /* A statement run again (a batch's insert, once a change) is prepared
   * on the server at its second run: parsed and planned once. */
  if (stmt->name == NULL && stmt->n_runs == 1)
    stmt->name = g_strdup_printf ("ef%u", ++db->n_named);
  stmt->n_runs++;

  /* PostgreSQL infers a parameter's type from where it first appears,
   * which says nothing in "?1 IS NULL OR x = ?1", nor when the SQL skips
   * it (?2… without ?1): text there (the store binds numbers as such). */
  for (int i = 0; i < stmt->n_params; i++)
    if (stmt->types[i] == 0 &&
        (!(stmt->used[i] & PARAM_USED) || (stmt->used[i] & PARAM_TESTED_FIRST)))
      stmt->types[i] = PG_TEXT_OID;

  if (stmt->name != NULL && !stmt->prepared)
    {
      PGresult *prepared = PQprepare (db->pg, stmt->name, stmt->sql, stmt->n_params, stmt->types);

      if (PQresultStatus (prepared) != PGRES_COMMAND_OK)
        {
          set_pg_error (db, prepared);
          PQclear (prepared);
          return EF_DB_FAILED;
        }
      PQclear (prepared);
      stmt->prepared = TRUE;
      stmt->generation = db->generation;
    }

  if (stmt->prepared)
    stmt->result = PQexecPrepared (db->pg, stmt->name, stmt->n_params, values, NULL, NULL, 0);
  else
    stmt->result = PQexecParams (db->pg, stmt->sql, stmt->n_params, stmt->types, values,
                                 NULL, NULL, 0);
  pg_note_transaction (db);

  status = PQresultStatus (stmt->result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    {
      set_pg_error (db, stmt->result);
      g_clear_pointer (&stmt->result, PQclear);
      return EF_DB_FAILED;
    }
  {
    const char *tuples = PQcmdTuples (stmt->result);

    db->changes = tuples != NULL && *tuples != '\0' ? g_ascii_strtoll (tuples, NULL, 10) : 0;
  }
  return EF_DB_DONE;
}

int
ef_db_step (EfDbStmt *stmt)
{
  int rc;

  clear_error (stmt->db);
  if (stmt->sqlite != NULL)
    {
      rc = sqlite3_step (stmt->sqlite);
      if (rc == SQLITE_ROW)
        return EF_DB_ROW;
      if (rc == SQLITE_DONE)
        return EF_DB_DONE;
      set_sqlite_error (stmt->db);
      return EF_DB_FAILED;
    }

  if (stmt->result == NULL)
    {
      if (stmt->row >= 0)
        return EF_DB_DONE;     /* stepped past the end before */
      rc = pg_run (stmt);
      if (rc != EF_DB_DONE)
        return rc;
    }
  stmt->row++;
  if (stmt->row < PQntuples (stmt->result))
    return EF_DB_ROW;
  return EF_DB_DONE;
}

int
ef_db_column_count (EfDbStmt *stmt)
{
  if (stmt->sqlite != NULL)
    return sqlite3_column_count (stmt->sqlite);
  return stmt->result ? PQnfields (stmt->result) : 0;
}

const char *
ef_db_column_name (EfDbStmt *stmt,
                   int       column)
{
  if (stmt->sqlite != NULL)
    return sqlite3_column_name (stmt->sqlite, column);
  return stmt->result ? PQfname (stmt->result, column) : NULL;
}

static gboolean
pg_has_value (EfDbStmt *stmt,
              int       column)
{
  return stmt->result != NULL && stmt->row >= 0 && stmt->row < PQntuples (stmt->result) &&
         column >= 0 && column < PQnfields (stmt->result) &&
         !PQgetisnull (stmt->result, stmt->row, column);
}

EfDbType
ef_db_column_type (EfDbStmt *stmt,
                   int       column)
{
  if (stmt->sqlite != NULL)
    {
      switch (sqlite3_column_type (stmt->sqlite, column))
        {
        case SQLITE_NULL: return EF_DB_TYPE_NULL;
        case SQLITE_INTEGER: return EF_DB_TYPE_INTEGER;
        case SQLITE_FLOAT: return EF_DB_TYPE_FLOAT;
        default: return EF_DB_TYPE_TEXT;
        }
    }
  if (!pg_has_value (stmt, column))
    return EF_DB_TYPE_NULL;
  switch (PQftype (stmt->result, column))
    {
    case PG_BOOL_OID:
    case PG_INT2_OID:
    case PG_INT4_OID:
    case PG_INT8_OID:
      return EF_DB_TYPE_INTEGER;
    case PG_NUMERIC_OID:
      return strchr (PQgetvalue (stmt->result, stmt->row, column), '.') == NULL
        ? EF_DB_TYPE_INTEGER : EF_DB_TYPE_FLOAT;
    case PG_FLOAT4_OID:
    case PG_FLOAT8_OID:
      return EF_DB_TYPE_FLOAT;
    default:
      return EF_DB_TYPE_TEXT;
    }
}

gint64
ef_db_column_int64 (EfDbStmt *stmt,
                    int       column)
{
  const char *value;

  if (stmt->sqlite != NULL)
    return sqlite3_column_int64 (stmt->sqlite, column);
  if (!pg_has_value (stmt, column))
    return 0;
  value = PQgetvalue (stmt->result, stmt->row, column);
  if (PQftype (stmt->result, column) == PG_BOOL_OID)
    return value[0] == 't';
  return g_ascii_strtoll (value, NULL, 10);
}

const char *
ef_db_column_text (EfDbStmt *stmt,
                   int       column)
{
  if (stmt->sqlite != NULL)
    return (const char *) sqlite3_column_text (stmt->sqlite, column);
  if (!pg_has_value (stmt, column))
    return NULL;
  return PQgetvalue (stmt->result, stmt->row, column);
}
