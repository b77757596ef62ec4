/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-test-db.c: reading and changing a test server's database, SQLite or
 * PostgreSQL */

#define G_LOG_DOMAIN "EfTestServer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "ef-test-db.h"

/* PostgreSQL's bool type (pg_type.oid). */
#define EF_PG_BOOLOID 16
/* The prefix of every database the tests create: ef_t_PID_N_RANDOM. */
#define EF_PG_PREFIX "ef_t_"

/* ---- PostgreSQL ------------------------------------------------------ */

gboolean
ef_test_db_is_postgresql (const char *path)
{
  return path != NULL && (g_str_has_prefix (path, "postgresql://") ||
                          g_str_has_prefix (path, "postgres://"));
}

gboolean
ef_test_store_is_postgresql (void)
{
  const char *cluster = g_getenv ("EF_TEST_POSTGRESQL");

  return g_strcmp0 (g_getenv ("EF_TEST_STORE"), "postgresql") == 0 &&
         cluster != NULL && *cluster != '\0';
}

static const char *
maintenance_location (void)
{
  const char *cluster = g_getenv ("EF_TEST_POSTGRESQL");

  if (cluster == NULL || *cluster == '\0')
    g_error ("EF_TEST_POSTGRESQL is not set: no PostgreSQL cluster for the tests "
             "(build-aux/pg-cluster start DIR prints one)");
  return cluster;
}

static void
quiet_notices (void       *arg,
               const char *message)
{
}

/* Connects to @location, or returns NULL and sets @message. */
static PGconn *
pg_try_connect (const char  *location,
                char       **message)
{
  /* The URI first (expanded), then what overrides it. */
  const char *keys[] = { "dbname", "connect_timeout", "application_name", NULL };
  const char *values[] = { location, "10", "ef-test", NULL };
  PGconn *conn = PQconnectdbParams (keys, values, 1);

  if (conn == NULL || PQstatus (conn) != CONNECTION_OK)
    {
      *message = g_strdup (conn ? PQerrorMessage (conn) : "out of memory");
      g_strchomp (*message);
      PQfinish (conn);
      return NULL;
    }
  PQsetNoticeProcessor (conn, quiet_notices, NULL);
  return conn;
}

static PGconn *
pg_connect (const char *location)
{
  g_autofree char *message = NULL;
  PGconn *conn = pg_try_connect (location, &message);

  if (conn == NULL)
    g_error ("cannot connect to PostgreSQL at %s: %s", location, message);
  return conn;
}

/* Runs @sql, which must succeed with @expected (PGRES_TUPLES_OK for a
 * query, PGRES_COMMAND_OK otherwise: the last statement's status). */
static PGresult *
pg_run (PGconn         *conn,
        const char     *sql,
        ExecStatusType  expected)
{
  PGresult *res = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (res);

  if (status == expected ||
      (expected == PGRES_COMMAND_OK && (status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY)))
    return res;
  g_error ("%s: %s", sql, res ? PQresultErrorMessage (res) : PQerrorMessage (conn));
  return NULL;
}

/* A value as SQLite would give it: NULL for NULL, "1"/"0" for booleans. */
static const char *
pg_value (PGresult *res,
          int       row,
          int       col)
{
  const char *value;

  if (PQgetisnull (res, row, col))
    return NULL;
  value = PQgetvalue (res, row, col);
  if (PQftype (res, col) == EF_PG_BOOLOID)
    return strcmp (value, "t") == 0 ? "1" : "0";
  return value;
}

/* A query's result, all rows. */
static PGresult *
pg_query (const char *path,
          const char *sql)
{
  PGconn *conn = pg_connect (path);
  PGresult *res = pg_run (conn, sql, PGRES_TUPLES_OK);

  PQfinish (conn);
  return res;
}

/* @location, with its database name replaced by @dbname: the same host,
 * user and other parameters. Always a postgresql:// URI, which the server
 * takes as --db. */
static char *
location_for (const char *location,
              const char *dbname)
{
  char *error = NULL;
  PQconninfoOption *options = PQconninfoParse (location, &error);
  g_autofree char *escaped_db = g_uri_escape_string (dbname, NULL, FALSE);
  GString *uri;
  char sep = '?';

  if (options == NULL)
    g_error ("EF_TEST_POSTGRESQL: %s: %s", location, error ? error : "out of memory");
  uri = g_string_new ("postgresql:///");
  g_string_append (uri, escaped_db);
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      g_autofree char *escaped = NULL;

      if (o->val == NULL || strcmp (o->keyword, "dbname") == 0)
        continue;
      escaped = g_uri_escape_string (o->val, "/", FALSE);
      g_string_append_printf (uri, "%c%s=%s", sep, o->keyword, escaped);
      sep = '&';
    }
  PQconninfoFree (options);
  return g_string_free (uri, FALSE);
}

/* The database name of @location. */
static char *
dbname_of (const char *location)
{
  char *error = NULL;
  PQconninfoOption *options = PQconninfoParse (location, &error);
  char *dbname = NULL;

  if (options == NULL)
    g_error ("%s: %s", location, error ? error : "out of memory");
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (strcmp (o->keyword, "dbname") == 0 && o->val != NULL)
      dbname = g_strdup (o->val);
  PQconninfoFree (options);
  return dbname;
}

static char *
quote_ident (PGconn     *conn,
             const char *name)
{
  char *quoted = PQescapeIdentifier (conn, name, strlen (name));
  char *copy = g_strdup (quoted);

  PQfreemem (quoted);
  return copy;
}

static void
drop_database (PGconn     *conn,
               const char *dbname)
{
  g_autofree char *quoted = quote_ident (conn, dbname);
  g_autofree char *sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", quoted);

  PQclear (pg_run (conn, sql, PGRES_COMMAND_OK));
}

char *
ef_test_db_create_postgresql (void)
{
  static gint counter;
  const char *maintenance = maintenance_location ();
  PGconn *conn = pg_connect (maintenance);
  g_autofree char *dbname = g_strdup_printf (EF_PG_PREFIX "%ld_%d_%06x", (long) getpid (),
                                             g_atomic_int_add (&counter, 1),
                                             g_random_int () & 0xffffff);
  g_autofree char *quoted = quote_ident (conn, dbname);
  g_autofree char *sql = g_strdup_printf ("CREATE DATABASE %s TEMPLATE template0 ENCODING 'UTF8' "
                                          "LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'", quoted);

  PQclear (pg_run (conn, sql, PGRES_COMMAND_OK));
  PQfinish (conn);
  return location_for (maintenance, dbname);
}

void
ef_test_db_drop_postgresql (const char *location)
{
  g_autofree char *dbname = dbname_of (location);
  PGconn *conn;

  /* Only what the tests made: never the maintenance database. */
  if (dbname == NULL || !g_str_has_prefix (dbname, EF_PG_PREFIX))
    g_error ("not a test database: %s", location);
  conn = pg_connect (maintenance_location ());
  drop_database (conn, dbname);
  PQfinish (conn);
}

/* The databases ef_test_db_new_location() made, dropped at exit. */
static GMutex locations_lock;
static GPtrArray *locations;

static void
drop_locations (void)
{
  g_autoptr(GPtrArray) list = NULL;

  g_mutex_lock (&locations_lock);
  list = g_steal_pointer (&locations);
  g_mutex_unlock (&locations_lock);
  for (guint i = 0; list != NULL && i < list->len; i++)
    ef_test_db_drop_postgresql (g_ptr_array_index (list, i));
}

char *
ef_test_db_new_location (const char *dir,
                         const char *name)
{
  char *location;

  if (!ef_test_store_is_postgresql ())
    return g_build_filename (dir, name, NULL);

  location = ef_test_db_create_postgresql ();
  g_mutex_lock (&locations_lock);
  if (locations == NULL)
    {
      locations = g_ptr_array_new_with_free_func (g_free);
      atexit (drop_locations);
    }
  g_ptr_array_add (locations, g_strdup (location));
  g_mutex_unlock (&locations_lock);
  return location;
}

/* The watchdog: a process of its own that waits for the test program to
 * end, however it ends (a failed assertion aborts, meson's timeout kills),
 * then drops every database the program made (ef_t_PID_…). It is forked
 * before main(), while the program has a single thread, and in a session
 * of its own so that signals to the test's process group leave it be. */
static void
watchdog_run (int   fd,
              pid_t test_pid)
{
  g_autofree char *message = NULL;
  char pattern[64];
  const char *param[1] = { pattern };
  PGconn *conn;
  PGresult *res;
  char c;
  int devnull;

  setsid ();
  signal (SIGINT, SIG_IGN);
  signal (SIGTERM, SIG_IGN);
  signal (SIGHUP, SIG_IGN);
  signal (SIGPIPE, SIG_IGN);
  /* Nothing of the test's output: meson reads it to its end. */
  devnull = open ("/dev/null", O_RDWR);
  if (devnull >= 0)
    {
      dup2 (devnull, STDIN_FILENO);
      dup2 (devnull, STDOUT_FILENO);
      dup2 (devnull, STDERR_FILENO);
      if (devnull > STDERR_FILENO)
        close (devnull);
    }

  for (;;)
    {
      ssize_t n = read (fd, &c, 1);

      if (n > 0 || (n < 0 && errno == EINTR))
        continue;
      break;
    }

  conn = pg_try_connect (maintenance_location (), &message);
  if (conn == NULL)
    _exit (0);
  g_snprintf (pattern, sizeof pattern, "ef\\_t\\_%ld\\_%%", (long) test_pid);
  res = PQexecParams (conn, "SELECT datname FROM pg_database WHERE datname LIKE $1",
                      1, NULL, param, NULL, NULL, 0);
  if (PQresultStatus (res) == PGRES_TUPLES_OK)
    for (int i = 0; i < PQntuples (res); i++)
      {
        char *quoted = PQescapeIdentifier (conn, PQgetvalue (res, i, 0), strlen (PQgetvalue (res, i, 0)));
        char *sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)", quoted);

        PQclear (PQexec (conn, sql));
        g_free (sql);
        PQfreemem (quoted);
      }
  PQclear (res);
  PQfinish (conn);
  _exit (0);
}

static void
start_watchdog (void)
{
  int fds[2];
  pid_t test_pid = getpid ();
  pid_t pid;

  if (pipe (fds) != 0)
    return;
  pid = fork ();
  if (pid == 0)
    {
      close (fds[1]);
      watchdog_run (fds[0], test_pid);
    }
  close (fds[0]);
  if (pid < 0)
    {
      close (fds[1]);
      return;
    }
  /* The write end stays open, unseen by the servers the test starts, until
   * this program is gone. */
  fcntl (fds[1], F_SETFD, FD_CLOEXEC);
}

/* Before main() (glibc passes argc and argv to constructors): a test
 * registered for PostgreSQL (EF_TEST_STORE=postgresql, the "-pg" tests of
 * tests/server/meson.build) without a cluster to run on (EF_TEST_POSTGRESQL
 * unset) is skipped as a whole, before GTest prints anything: under TAP
 * (--tap), a skipped plan "1..0 # SKIP" and status 0; otherwise status 77.
 * Meson counts either as SKIP. With a cluster: the watchdog above. */
__attribute__((constructor)) static void
ef_test_db_check_store (int    argc,
                        char **argv,
                        char **envp)
{
  const char *cluster;
  gboolean tap = FALSE;

  if (g_strcmp0 (g_getenv ("EF_TEST_STORE"), "postgresql") != 0)
    return;

  cluster = g_getenv ("EF_TEST_POSTGRESQL");
  if (cluster != NULL && *cluster != '\0')
    {
      start_watchdog ();
      return;
    }

  for (int i = 1; argv != NULL && i < argc; i++)
    if (g_strcmp0 (argv[i], "--tap") == 0)
      tap = TRUE;
  if (tap)
    {
      printf ("1..0 # SKIP EF_TEST_POSTGRESQL is not set: no PostgreSQL cluster\n");
      fflush (stdout);
      _exit (0);
    }
  fprintf (stderr, "SKIP: EF_TEST_POSTGRESQL is not set: no PostgreSQL cluster\n");
  _exit (77);
}

/* ---- SQLite ---------------------------------------------------------- */

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

  if (ef_test_db_is_postgresql (path))
    g_error ("ef_test_db_open() is for SQLite files, not %s: skip the test under PostgreSQL", path);
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

  if (ef_test_db_is_postgresql (path))
    {
      PGconn *conn = pg_connect (path);

      PQclear (pg_run (conn, sql, PGRES_COMMAND_OK));
      PQfinish (conn);
      return;
    }

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
  sqlite3 *db;
  sqlite3_stmt *stmt;
  gint64 value;

  if (ef_test_db_is_postgresql (path))
    {
      PGresult *res = pg_query (path, sql);
      const char *text;

      if (PQntuples (res) < 1)
        g_error ("%s: no row", sql);
      text = pg_value (res, 0, 0);
      value = text ? g_ascii_strtoll (text, NULL, 10) : 0;
      PQclear (res);
      return value;
    }

  db = ef_test_db_open (path);
  stmt = prepare (db, sql);
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
  sqlite3 *db;
  sqlite3_stmt *stmt;
  char *text;

  if (ef_test_db_is_postgresql (path))
    {
      PGresult *res = pg_query (path, sql);

      if (PQntuples (res) < 1)
        g_error ("%s: no row", sql);
      text = g_strdup (pg_value (res, 0, 0));
      PQclear (res);
      return text;
    }

  db = ef_test_db_open (path);
  stmt = prepare (db, sql);
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
  sqlite3 *db;
  sqlite3_stmt *stmt;
  GString *text = g_string_new (NULL);

  if (ef_test_db_is_postgresql (path))
    {
      PGresult *res = pg_query (path, sql);

      for (int i = 0; i < PQntuples (res); i++)
        {
          const char *value = pg_value (res, i, 0);

          g_string_append (text, value ? value : "");
          g_string_append_c (text, '\n');
        }
      PQclear (res);
      return g_string_free (text, FALSE);
    }

  db = ef_test_db_open (path);
  stmt = prepare (db, sql);
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
  sqlite3 *db;
  sqlite3_stmt *stmt;
  GString *text = g_string_new (NULL);

  if (ef_test_db_is_postgresql (path))
    {
      PGresult *res = pg_query (path, sql);

      for (int i = 0; i < PQntuples (res); i++)
        {
          for (int j = 0; j < PQnfields (res); j++)
            {
              const char *value = pg_value (res, i, j);

              g_string_append_printf (text, "%s%s", j > 0 ? "|" : "", value ? value : "NULL");
            }
          g_string_append_c (text, '\n');
        }
      PQclear (res);
      return g_string_free (text, FALSE);
    }

  db = ef_test_db_open (path);
  stmt = prepare (db, sql);
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
