/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-demo-server.c: the bundled reference server, run for "Try the demo"
 *
 * "Try the demo" and `espace-famille --demo` run espace-famille-server as a
 * child process on loopback, on a database of demo data of their own:
 *
 * 1. `espace-famille-server demo --db FILE` creates the demo data, or finds
 *    it already there (it is idempotent), and prints the demo account on a
 *    line "Demo account: EMAIL / PASSWORD". It runs at every start, so that
 *    the client never stores the demo password and never goes out of step
 *    with the server it bundles. A new database is built in FILE.tmp and
 *    renamed when complete: an interrupted first run leaves nothing that
 *    would be taken for a demo database next time.
 * 2. `espace-famille-server serve --db FILE --listen 127.0.0.1:0` prints
 *    "LISTENING URL" once it accepts connections; the line is read
 *    asynchronously.
 *
 * ef_demo_server_stop() sends SIGTERM and waits for the process, which the
 * application does when it shuts down.
 *
 * The server binary is $ESPACE_FAMILLE_SERVER (set by `meson devenv` for the
 * build tree), else the one next to the client's binary, else the one in
 * the installation's bindir, else the first in $PATH.
 */

#define G_LOG_DOMAIN "EfDemoServer"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ef-demo-server.h"

#define SERVER_NAME "espace-famille-server"

struct _EfDemoServer
{
  GObject      parent_instance;

  char        *db_path;
  char        *portal_url;
  char        *email;
  char        *password;
  char        *binary;
  GSubprocess *process;
};

G_DEFINE_FINAL_TYPE (EfDemoServer, ef_demo_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_RUNNING,
  PROP_PORTAL_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
find_server_binary (void)
{
  const char *from_env = g_getenv ("ESPACE_FAMILLE_SERVER");
  g_autofree char *self_path = NULL;
  g_autofree char *path = NULL;

  if (from_env != NULL && *from_env != '\0')
    return g_strdup (from_env);

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self_path);

      path = g_build_filename (dir, SERVER_NAME, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&path);
      g_clear_pointer (&path, g_free);
    }

  path = g_build_filename (BINDIR, SERVER_NAME, NULL);
  if (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&path);

  return g_find_program_in_path (SERVER_NAME);
}

static GError *
new_start_error (const char *detail)
{
  /* Translators: %s says what went wrong, e.g. that the server program
   * was not found */
  return g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, _("The demo could not be started: %s"),
                      detail);
}

static GSubprocessLauncher *
new_launcher (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  /* The lines read here are the server's English ones. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  return launcher;
}

/* "Demo account: parent@example.fr / secret" */
static gboolean
parse_demo_account (const char  *output,
                    char       **email,
                    char       **password)
{
  g_auto (GStrv) lines = g_strsplit (output != NULL ? output : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *colon;
      g_auto (GStrv) parts = NULL;

      if (!g_str_has_prefix (lines[i], "Demo account:"))
        continue;

      colon = strchr (lines[i], ':');
      parts = g_strsplit (colon + 1, " / ", 2);
      if (g_strv_length (parts) != 2)
        return FALSE;

      *email = g_strstrip (g_strdup (parts[0]));
      *password = g_strstrip (g_strdup (parts[1]));
      return **email != '\0' && **password != '\0';
    }

  return FALSE;
}

static void
remove_database_files (const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

static void
set_running (EfDemoServer *self,
             GSubprocess  *process,
             const char   *portal_url)
{
  g_set_object (&self->process, process);
  g_free (self->portal_url);
  self->portal_url = g_strdup (portal_url);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORTAL_URL]);
}

static void
on_listening_line_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  EfDemoServer *self = g_task_get_source_object (task);
  GSubprocess *process = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *url = NULL;
  g_autofree char *portal_url = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL,
                                                    &error);
  if (line == NULL || !g_str_has_prefix (line, "LISTENING "))
    {
      g_subprocess_force_exit (process);
      if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_error (task, new_start_error (_("the demo server stopped at once.")));
      return;
    }

  url = g_strstrip (g_strdup (line + strlen ("LISTENING ")));
  while (g_str_has_suffix (url, "/"))
    url[strlen (url) - 1] = '\0';
  portal_url = g_strconcat (url, "/", EF_DEMO_SERVER_TENANT, NULL);
  g_debug ("Demo server %s listening on %s", g_subprocess_get_identifier (process), url);

  set_running (self, process, portal_url);
  g_task_return_boolean (task, TRUE);
}

/* Runs in the child before exec: the server ends with the application,
 * even when the application crashes. */
static void
die_with_parent (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

static void
serve (GTask *task)
{
  EfDemoServer *self = g_task_get_source_object (task);
  g_autoptr (GSubprocessLauncher) launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GDataInputStream) stdout_stream = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (self->db_path);
  g_autofree char *log_path = g_build_filename (dir, "demo-server.log", NULL);

  /* Its log, for whoever wonders why the demo stopped. */
  g_subprocess_launcher_set_stderr_file_path (launcher, log_path);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, self->binary, "serve",
                                         "--db", self->db_path,
                                         "--listen", "127.0.0.1:0", NULL);
  if (process == NULL)
    {
      g_task_return_error (task, new_start_error (error->message));
      return;
    }

  g_task_set_task_data (task, g_object_ref (process), g_object_unref);
  stdout_stream = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_data_input_stream_read_line_async (stdout_stream, G_PRIORITY_DEFAULT,
                                       g_task_get_cancellable (task), on_listening_line_cb,
                                       task);
}

static void
on_demo_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  EfDemoServer *self = g_task_get_source_object (task);
  const char *tmp_path = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &out, &err, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (!g_subprocess_get_successful (G_SUBPROCESS (source)))
    {
      g_warning ("espace-famille-server demo failed: %s", err != NULL ? err : "");
      g_task_return_error (task, new_start_error (_("the demo data could not be created.")));
      return;
    }

  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->password, g_free);
  if (!parse_demo_account (out, &self->email, &self->password))
    {
      g_task_return_error (task, new_start_error (_("the demo server is not the expected "
                                                    "version.")));
      return;
    }

  if (tmp_path != NULL)
    {
      /* SQLite would replay an older database's write-ahead log. */
      remove_database_files (self->db_path);
      if (g_rename (tmp_path, self->db_path) != 0)
        {
          int saved_errno = errno;

          g_task_return_error (task, new_start_error (g_strerror (saved_errno)));
          return;
        }
    }

  g_task_set_task_data (task, NULL, NULL);
  serve (g_steal_pointer (&task));
}

static void
ef_demo_server_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EfDemoServer *self = EF_DEMO_SERVER (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;

    case PROP_RUNNING:
      g_value_set_boolean (value, ef_demo_server_get_running (self));
      break;

    case PROP_PORTAL_URL:
      g_value_set_string (value, self->portal_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_demo_server_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EfDemoServer *self = EF_DEMO_SERVER (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_free (self->db_path);
      self->db_path = g_value_dup_string (value);
      if (self->db_path == NULL)
        self->db_path = g_build_filename (g_get_user_data_dir (), "espace-famille", "demo.db",
                                          NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_demo_server_dispose (GObject *object)
{
  ef_demo_server_stop (EF_DEMO_SERVER (object));

  G_OBJECT_CLASS (ef_demo_server_parent_class)->dispose (object);
}

static void
ef_demo_server_finalize (GObject *object)
{
  EfDemoServer *self = EF_DEMO_SERVER (object);

  g_free (self->db_path);
  g_free (self->portal_url);
  g_free (self->email);
  g_free (self->password);
  g_free (self->binary);

  G_OBJECT_CLASS (ef_demo_server_parent_class)->finalize (object);
}

static void
ef_demo_server_class_init (EfDemoServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ef_demo_server_get_property;
  object_class->set_property = ef_demo_server_set_property;
  object_class->dispose = ef_demo_server_dispose;
  object_class->finalize = ef_demo_server_finalize;

  /**
   * EfDemoServer:db-path:
   *
   * The demo database; by default demo.db in the user's data directory.
   */
  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * EfDemoServer:running:
   *
   * Whether the server process is running and listening.
   */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfDemoServer:portal-url:
   *
   * The demo municipality's portal, "http://127.0.0.1:PORT/7249", while
   * the server runs.
   */
  properties[PROP_PORTAL_URL] =
    g_param_spec_string ("portal-url", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ef_demo_server_init (EfDemoServer *self)
{
}

/**
 * ef_demo_server_new:
 * @db_path: (nullable): the demo database, or %NULL for demo.db in the
 *   user's data directory
 *
 * Returns: (transfer full): a new #EfDemoServer, not started
 */
EfDemoServer *
ef_demo_server_new (const char *db_path)
{
  return g_object_new (EF_TYPE_DEMO_SERVER, "db-path", db_path, NULL);
}

const char *
ef_demo_server_get_db_path (EfDemoServer *self)
{
  g_return_val_if_fail (EF_IS_DEMO_SERVER (self), NULL);

  return self->db_path;
}

gboolean
ef_demo_server_get_running (EfDemoServer *self)
{
  g_return_val_if_fail (EF_IS_DEMO_SERVER (self), FALSE);

  return self->process != NULL;
}

/**
 * ef_demo_server_get_portal_url:
 * @self: an #EfDemoServer
 *
 * Returns: (nullable): the demo portal while the server runs
 */
const char *
ef_demo_server_get_portal_url (EfDemoServer *self)
{
  g_return_val_if_fail (EF_IS_DEMO_SERVER (self), NULL);

  return self->portal_url;
}

/**
 * ef_demo_server_get_email:
 * @self: an #EfDemoServer
 *
 * Returns: (nullable): the demo account's e-mail, once started
 */
const char *
ef_demo_server_get_email (EfDemoServer *self)
{
  g_return_val_if_fail (EF_IS_DEMO_SERVER (self), NULL);

  return self->email;
}

/**
 * ef_demo_server_get_password:
 * @self: an #EfDemoServer
 *
 * Returns: (nullable): the demo account's password, once started
 */
const char *
ef_demo_server_get_password (EfDemoServer *self)
{
  g_return_val_if_fail (EF_IS_DEMO_SERVER (self), NULL);

  return self->password;
}

/**
 * ef_demo_server_get_identifier:
 * @self: an #EfDemoServer
 *
 * Returns: (nullable): the server's process id as text, while it runs
 */
const char *
ef_demo_server_get_identifier (EfDemoServer *self)
{
  g_return_val_if_fail (EF_IS_DEMO_SERVER (self), NULL);

  return self->process != NULL ? g_subprocess_get_identifier (self->process) : NULL;
}

/**
 * ef_demo_server_start_async:
 * @self: an #EfDemoServer
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the server listens, or could not start
 * @user_data: data for @callback
 *
 * Creates the demo database if needed, reads the demo account and starts
 * the server on a free loopback port.
 */
void
ef_demo_server_start_async (EfDemoServer        *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) demo = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tmp_path = NULL;
  const char *target;

  g_return_if_fail (EF_IS_DEMO_SERVER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ef_demo_server_start_async);

  if (self->process != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_clear_pointer (&self->binary, g_free);
  self->binary = find_server_binary ();
  if (self->binary == NULL)
    {
      g_task_return_error (task, new_start_error (_("the program espace-famille-server is "
                                                    "not installed.")));
      return;
    }

  dir = g_path_get_dirname (self->db_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_error (task, new_start_error (g_strerror (saved_errno)));
      return;
    }

  target = self->db_path;
  if (!g_file_test (self->db_path, G_FILE_TEST_EXISTS))
    {
      tmp_path = g_strconcat (self->db_path, ".tmp", NULL);
      remove_database_files (tmp_path);
      target = tmp_path;
    }

  launcher = new_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  demo = g_subprocess_launcher_spawn (launcher, &error, self->binary, "demo", "--db", target,
                                      NULL);
  if (demo == NULL)
    {
      g_task_return_error (task, new_start_error (error->message));
      return;
    }

  g_task_set_task_data (task, g_steal_pointer (&tmp_path), g_free);
  g_subprocess_communicate_utf8_async (demo, NULL, cancellable, on_demo_done_cb,
                                       g_steal_pointer (&task));
}

gboolean
ef_demo_server_start_finish (EfDemoServer  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (EF_IS_DEMO_SERVER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ef_demo_server_stop:
 * @self: an #EfDemoServer
 *
 * Stops the server: SIGTERM, then waits for it to exit. Does nothing when
 * it does not run.
 */
void
ef_demo_server_stop (EfDemoServer *self)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (EF_IS_DEMO_SERVER (self));

  if (self->process == NULL)
    return;

  process = g_object_ref (self->process);
  g_subprocess_send_signal (process, SIGTERM);
  if (!g_subprocess_wait (process, NULL, &error))
    g_warning ("Could not wait for the demo server: %s", error->message);

  set_running (self, NULL, NULL);
}
