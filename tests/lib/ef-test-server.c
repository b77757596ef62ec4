/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-test-server.c: a real espace-famille-server process for a test */

#define G_LOG_DOMAIN "EfTestServer"

#include "config.h"

#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "ef-test-server.h"
#include "ef-test-db.h"

struct _EfTestServer
{
  GSubprocess *process;
  char        *tmpdir;
  char        *db_path;
  gboolean     owns_db;      /* drops the PostgreSQL database when freed */
  char        *url;
  gboolean     stopped;
  int          exit_status;
};

/* Runs in the child between fork and exec: if the test dies (a failed
 * assertion aborts it), the server gets SIGTERM instead of living on with
 * the test's stderr, which would make meson wait for its timeout. The
 * signal follows the thread that started the server: start it from the
 * test's main thread. */
static void
die_with_parent (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

const char *
ef_test_server_binary (void)
{
  const char *path = g_getenv ("EF_SERVER_BINARY");

  if (path == NULL || *path == '\0')
    g_error ("EF_SERVER_BINARY is not set: run the tests with meson test");
  return path;
}

int
ef_test_server_run_command (const char * const *argv,
                            char              **out,
                            char              **err)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_buf = NULL;
  g_autofree char *stderr_buf = NULL;

  g_ptr_array_add (args, (gpointer) ef_test_server_binary ());
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  process = g_subprocess_newv ((const char * const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &stdout_buf, &stderr_buf, &error);
  g_assert_no_error (error);

  if (out != NULL)
    *out = g_steal_pointer (&stdout_buf);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_buf);

  if (g_subprocess_get_if_signaled (process))
    return 128 + g_subprocess_get_term_sig (process);
  return g_subprocess_get_exit_status (process);
}

/* Starts `serve` on self->db_path and reads its LISTENING line. */
static void
spawn_serve (EfTestServer       *self,
             const char * const *extra_args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *line = NULL;
  GInputStream *out;

  g_ptr_array_add (args, (gpointer) ef_test_server_binary ());
  g_ptr_array_add (args, (gpointer) "serve");
  g_ptr_array_add (args, (gpointer) "--db");
  g_ptr_array_add (args, self->db_path);
  g_ptr_array_add (args, (gpointer) "--listen");
  g_ptr_array_add (args, (gpointer) "127.0.0.1:0");
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) extra_args[i]);
  g_ptr_array_add (args, NULL);

  /* stderr goes to the test's own stderr, where meson keeps it. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  self->process = g_subprocess_launcher_spawnv (launcher,
                                                (const char * const *) args->pdata,
                                                &error);
  g_assert_no_error (error);
  self->stopped = FALSE;

  out = g_subprocess_get_stdout_pipe (self->process);
  lines = g_data_input_stream_new (out);
  /* Freeing @lines must not close the pipe: the server would get EPIPE
   * (or SIGPIPE) for anything it prints after this line. */
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (lines), FALSE);
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL || !g_str_has_prefix (line, "LISTENING "))
    g_error ("the server did not print LISTENING (got “%s”)", line ? line : "end of output");

  g_free (self->url);
  self->url = g_strdup (line + strlen ("LISTENING "));
  /* Drop a trailing slash so that callers can append paths. */
  if (g_str_has_suffix (self->url, "/"))
    self->url[strlen (self->url) - 1] = '\0';
}

EfTestServer *
ef_test_server_start (gboolean            demo,
                      const char * const *extra_args)
{
  g_autoptr(GError) error = NULL;
  EfTestServer *self = g_new0 (EfTestServer, 1);

  self->tmpdir = g_dir_make_tmp ("ef-test-XXXXXX", &error);
  g_assert_no_error (error);
  /* Under PostgreSQL (EF_TEST_STORE=postgresql, EF_TEST_POSTGRESQL), a
   * database of its own on the cluster, named by its URI everywhere a file
   * name would be: demo --db, serve --db, ef_test_server_get_db_path(). */
  if (ef_test_store_is_postgresql ())
    self->db_path = ef_test_db_create_postgresql ();
  else
    self->db_path = g_build_filename (self->tmpdir, "test.db", NULL);
  self->owns_db = TRUE;

  if (demo)
    {
      const char *demo_argv[] = { "demo", "--db", self->db_path, NULL };
      g_autofree char *err = NULL;
      int status = ef_test_server_run_command (demo_argv, NULL, &err);

      if (status != 0)
        g_error ("espace-famille-server demo failed (%d): %s", status, err);
    }

  spawn_serve (self, extra_args);
  return self;
}

EfTestServer *
ef_test_server_start_on (const char         *db_path,
                         const char * const *extra_args)
{
  g_autoptr(GError) error = NULL;
  EfTestServer *self = g_new0 (EfTestServer, 1);

  self->tmpdir = g_dir_make_tmp ("ef-test-XXXXXX", &error);
  g_assert_no_error (error);
  self->db_path = g_strdup (db_path);
  spawn_serve (self, extra_args);
  return self;
}

const char *
ef_test_server_get_dir (EfTestServer *self)
{
  return self->tmpdir;
}

void
ef_test_server_kill (EfTestServer *self)
{
  g_autoptr(GError) error = NULL;

  if (self->stopped)
    return;

  g_subprocess_send_signal (self->process, SIGKILL);
  g_subprocess_wait (self->process, NULL, &error);
  g_assert_no_error (error);
  self->stopped = TRUE;
  self->exit_status = 128 + SIGKILL;
}

void
ef_test_server_restart (EfTestServer       *self,
                        const char * const *extra_args)
{
  g_assert_true (self->stopped);
  g_clear_object (&self->process);
  spawn_serve (self, extra_args);
}

const char *
ef_test_server_get_url (EfTestServer *self)
{
  return self->url;
}

char *
ef_test_server_portal_url (EfTestServer *self,
                           const char   *tenant)
{
  return g_strdup_printf ("%s/%s", self->url, tenant);
}

const char *
ef_test_server_get_db_path (EfTestServer *self)
{
  return self->db_path;
}

GPid
ef_test_server_get_pid (EfTestServer *self)
{
  const char *id = g_subprocess_get_identifier (self->process);

  return id ? (GPid) g_ascii_strtoll (id, NULL, 10) : 0;
}

GInputStream *
ef_test_server_get_stdout (EfTestServer *self)
{
  return g_subprocess_get_stdout_pipe (self->process);
}

int
ef_test_server_stop (EfTestServer *self)
{
  g_autoptr(GError) error = NULL;

  if (self->stopped)
    return self->exit_status;

  g_subprocess_send_signal (self->process, SIGTERM);
  g_subprocess_wait (self->process, NULL, &error);
  g_assert_no_error (error);
  self->stopped = TRUE;

  if (g_subprocess_get_if_signaled (self->process))
    self->exit_status = 128 + g_subprocess_get_term_sig (self->process);
  else
    self->exit_status = g_subprocess_get_exit_status (self->process);
  return self->exit_status;
}

void
ef_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        ef_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

char *
ef_test_make_dir (void)
{
  g_autofree char *program = g_path_get_basename (g_get_prgname ());
  g_autofree char *tmpl = g_strdup_printf ("%s-XXXXXX", program);
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

void
ef_test_dir_set_up (EfTestDir     *fixture,
                    gconstpointer  data)
{
  fixture->dir = ef_test_make_dir ();
}

void
ef_test_dir_tear_down (EfTestDir     *fixture,
                       gconstpointer  data)
{
  ef_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

char *
ef_test_dir_path (EfTestDir  *fixture,
                  const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

void
ef_test_server_free (EfTestServer *self)
{
  if (self == NULL)
    return;
  if (self->process != NULL && !self->stopped)
    {
      g_subprocess_force_exit (self->process);
      g_subprocess_wait (self->process, NULL, NULL);
    }
  g_clear_object (&self->process);
  if (self->owns_db && ef_test_db_is_postgresql (self->db_path))
    ef_test_db_drop_postgresql (self->db_path);
  if (self->tmpdir != NULL)
    ef_test_remove_tree (self->tmpdir);
  g_free (self->tmpdir);
  g_free (self->db_path);
  g_free (self->url);
  g_free (self);
}

/* A bound socket that does not listen: the kernel refuses connections to
 * its port, and while it is open no other socket, such as the server of a
 * test running beside this one, can bind that port. Closing it at once
 * would give the port back to the kernel's pool. */
GSocket *
ef_test_closed_socket (guint16 *port)
{
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr (GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (port);

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  /* Without SO_REUSEADDR here, no other socket can bind the port, not even
   * one that sets it. */
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  return g_steal_pointer (&socket);
}

char *
ef_test_write_file (const char *dir,
                    const char *name,
                    const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}
