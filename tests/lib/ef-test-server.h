/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-test-server.h: a real espace-famille-server process for a test */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _EfTestServer EfTestServer;

/* The path of the server binary, from $EF_SERVER_BINARY (set by meson). */
const char   *ef_test_server_binary      (void);

/* Runs `espace-famille-server ARGV…` to completion and returns its exit
 * status; stdout and stderr are stored in @out and @err if not NULL. */
int           ef_test_server_run_command (const char * const *argv,
                                          char              **out,
                                          char              **err);

/* TRUE when the tests run against PostgreSQL: EF_TEST_STORE=postgresql (the
 * "-pg" tests of tests/server/meson.build) and EF_TEST_POSTGRESQL is the
 * connection string of a cluster's maintenance database, as
 * build-aux/pg-cluster prints it. A program started with EF_TEST_STORE=
 * postgresql but no EF_TEST_POSTGRESQL is skipped whole before main()
 * (ef-test-db.c). See also ef_test_db_new_location() in ef-test-db.h. */
gboolean      ef_test_store_is_postgresql (void);

/* Creates a fresh database (with the demo data when @demo is TRUE): a file
 * in a temporary directory, or under PostgreSQL a new database on the
 * cluster, whose postgresql:// URI is then the "db path" (dropped by
 * ef_test_server_free()). Starts `serve --listen 127.0.0.1:0` plus @extra_args,
 * reads its LISTENING line and returns. Aborts the test on failure. */
EfTestServer *ef_test_server_start       (gboolean            demo,
                                          const char * const *extra_args);
/* Another server on the database of one started before (another instance
 * behind the same proxy): its own port and temporary directory; it does
 * not drop the database. */
EfTestServer *ef_test_server_start_on    (const char         *db_path,
                                          const char * const *extra_args);
/* The server's temporary directory, for the files a test gives it. */
const char   *ef_test_server_get_dir     (EfTestServer       *self);
/* "http://127.0.0.1:PORT" */
const char   *ef_test_server_get_url     (EfTestServer       *self);
/* "http://127.0.0.1:PORT/7249" */
char         *ef_test_server_portal_url  (EfTestServer       *self,
                                          const char         *tenant);
const char   *ef_test_server_get_db_path (EfTestServer       *self);
GPid          ef_test_server_get_pid     (EfTestServer       *self);
/* The rest of the server's standard output, after its LISTENING line:
 * GLib's debug messages (G_MESSAGES_DEBUG) go there. */
GInputStream *ef_test_server_get_stdout  (EfTestServer       *self);
/* Sends SIGTERM, waits, and returns the exit status (0 on a clean stop). */
int           ef_test_server_stop        (EfTestServer       *self);
/* Sends SIGKILL and waits: the database is left as a crash leaves it. */
void          ef_test_server_kill        (EfTestServer       *self);
/* Starts the server again on the same database, after a stop or a kill;
 * the URL (port) changes. */
void          ef_test_server_restart     (EfTestServer       *self,
                                          const char * const *extra_args);
/* Stops (if still running), removes the temporary directory, frees. */
void          ef_test_server_free        (EfTestServer       *self);

/* A TCP socket bound to a loopback port, not listening: connections to
 * *@port are refused for as long as the caller keeps the socket, and no
 * other test can take the port meanwhile. Unref it at the end of the test. */
GSocket      *ef_test_closed_socket      (guint16            *port);

/* Writes @contents into @dir/@name and returns that path; aborts the test
 * when it cannot. */
char         *ef_test_write_file         (const char         *dir,
                                          const char         *name,
                                          const char         *contents);
/* Removes @path and everything under it (links, not what they point at). */
void          ef_test_remove_tree        (const char         *path);

/* A new empty directory under the temporary one, named after the test
 * program; aborts the test when it cannot. */
char         *ef_test_make_dir           (void);

/* The fixture of a test that needs a directory of its own: @dir, made
 * (empty, under the temporary directory) before the test and removed with
 * all it holds after. */
typedef struct
{
  char *dir;
} EfTestDir;

void          ef_test_dir_set_up         (EfTestDir          *fixture,
                                          gconstpointer       data);
void          ef_test_dir_tear_down      (EfTestDir          *fixture,
                                          gconstpointer       data);
/* @name in the fixture's directory. */
char         *ef_test_dir_path           (EfTestDir          *fixture,
                                          const char         *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfTestServer, ef_test_server_free)

G_END_DECLS
