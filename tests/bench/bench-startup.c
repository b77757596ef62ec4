/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-startup.c: the application's start-up time and memory, beside a
 * minimal libadwaita window (the floor); see docs/benchmarks.md
 *
 *   bench-startup CLIENT_BINARY SCHEMA_DIR   (needs a display: build-aux/run-tests --benchmark)
 *
 * Before the timed runs, the benchmark starts the reference server itself
 * (`espace-famille-server demo`, then `serve` on 127.0.0.1, through
 * EfDemoServer) and signs in with "remember me" as the form does, so that
 * the keyring holds the portal's device token (EfCredentials, the
 * session's Secret Service: run-tests gives an unlocked one). Each timed run of the application is
 * then a start as a parent's: `espace-famille --portal URL` (the address
 * a parent configured once) with the remembered device, against the
 * running server. The application runs with EF_STARTUP_REPORT=1, which
 * makes it write when its first window painted its first frame and when
 * it painted the first frame after the family (the dashboard's first
 * answer) arrived, and the first frame with every card of the dashboard
 * answered; all are counted from just before the exec. Two seconds after
 * the last of them, the resident and proportional sizes
 * (/proc/PID/smaps_rollup: the application only, not the server). The
 * floor is this program run again as a minimal AdwApplicationWindow (a
 * header bar and a status page, at the size of the application's first
 * window: the default of its settings) measured the same way. Medians
 * of N_RUNS runs each, alternating, after one warm-up each.
 *
 * `espace-famille --demo` (it starts a demo server of its own and signs
 * in with the password, not remembered) is measured too, the same way.
 * EF_BENCH_STARTUP_OTHER=PATH adds a fourth series, another build of the
 * client started like the first, in the same rounds: before and after a
 * change, on the same machine at the same moments; EF_BENCH_STARTUP_RUNS=N
 * sets the number of runs. EF_BENCH_STARTUP_LATENCY_MS=N puts the running
 * server N ms away in each direction, as a portal on the Internet is: the
 * remembered starts reach it through a forwarder in this process that
 * holds every chunk of bytes N ms before passing it on (the remembering
 * too, so that the keyring holds the forwarder's address).
 */

#define G_LOG_DOMAIN "EfBench"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <adwaita.h>
#include <glib-unix.h>
#include <glib/gstdio.h>

#include "ef-demo-server.h"
#include "api/ef-client.h"
#include "api/ef-credentials.h"

#define N_RUNS          10   /* EF_BENCH_STARTUP_RUNS=N for more */
#define CHUNK_SIZE      16384
#define SETTLE_MS       2000
#define MARK_TIMEOUT_MS 30000

typedef struct
{
  GMainLoop *loop;
  gint64     exec_time;
  gboolean   want_data;
  double     first_ms;
  double     data_ms;
  double     full_ms;
  double     rss_mib;
  double     pss_mib;
  GPid       pid;
  guint      timeout_id;
  gboolean   settling;
  gboolean   failed;
  GQueue     last_lines;   /* what it wrote last, shown if it fails */
} Run;

/* The floor, in the child process */

static void
on_floor_after_paint_cb (GdkFrameClock *clock,
                         gpointer       user_data)
{
  g_printerr ("EF_STARTUP first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, on_floor_after_paint_cb, user_data);
}

static void
on_floor_realize_cb (GtkWidget *window,
                     gpointer   user_data)
{
  GdkFrameClock *clock = gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window)));

  g_signal_connect (clock, "after-paint", G_CALLBACK (on_floor_after_paint_cb), NULL);
}

static void
on_floor_activate_cb (GtkApplication *application,
                      gpointer        user_data)
{
  GtkWidget *window = adw_application_window_new (application);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status = adw_status_page_new ();
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  /* The application's window at its first start: the same size. */
  gtk_window_set_default_size (GTK_WINDOW (window), g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));

  adw_status_page_set_title (ADW_STATUS_PAGE (status), "Floor");
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  g_signal_connect (window, "realize", G_CALLBACK (on_floor_realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static gboolean
on_floor_quit_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

static int
run_floor (void)
{
  g_autoptr(AdwApplication) application = NULL;

  application = adw_application_new ("io.github.espacefamille.StartupFloor", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (application, "activate", G_CALLBACK (on_floor_activate_cb), NULL);
  g_unix_signal_add (SIGTERM, on_floor_quit_cb, application);
  return g_application_run (G_APPLICATION (application), 0, NULL);
}

/* Measuring, in the benchmark */

static void
read_memory (Run *run)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/smaps_rollup", (int) run->pid);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    {
      run->failed = TRUE;
      return;
    }
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Rss:"))
        run->rss_mib = g_ascii_strtod (lines[i] + 4, NULL) / 1024.0;
      else if (g_str_has_prefix (lines[i], "Pss:"))
        run->pss_mib = g_ascii_strtod (lines[i] + 4, NULL) / 1024.0;
    }
}

static gboolean
on_run_timeout_cb (gpointer user_data)
{
  Run *run = user_data;

  run->timeout_id = 0;
  if (run->settling)
    read_memory (run);
  else
    {
      g_printerr ("no start-up report within %d ms; it wrote last:\n", MARK_TIMEOUT_MS);
      for (GList *l = run->last_lines.head; l != NULL; l = l->next)
        g_printerr ("  %s\n", (const char *) l->data);
      run->failed = TRUE;
    }
  g_main_loop_quit (run->loop);
  return G_SOURCE_REMOVE;
}

static void
on_line_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;
  g_autofree char *line = NULL;
  gint64 when;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, NULL);
  if (line == NULL)
    return;   /* the end, or the stream closed after the run */

  g_queue_push_tail (&run->last_lines, g_strdup (line));
  if (run->last_lines.length > 20)
    g_free (g_queue_pop_head (&run->last_lines));

  if (g_str_has_prefix (line, "EF_STARTUP first-frame "))
    {
      when = g_ascii_strtoll (line + strlen ("EF_STARTUP first-frame "), NULL, 10);
      run->first_ms = (when - run->exec_time) / 1000.0;
    }
  else if (g_str_has_prefix (line, "EF_STARTUP family-frame "))
    {
      when = g_ascii_strtoll (line + strlen ("EF_STARTUP family-frame "), NULL, 10);
      run->data_ms = (when - run->exec_time) / 1000.0;
    }
  else if (g_str_has_prefix (line, "EF_STARTUP dashboard-frame "))
    {
      when = g_ascii_strtoll (line + strlen ("EF_STARTUP dashboard-frame "), NULL, 10);
      run->full_ms = (when - run->exec_time) / 1000.0;
    }

  if (!run->settling && run->first_ms > 0
      && (!run->want_data || (run->data_ms > 0 && run->full_ms > 0)))
    {
      run->settling = TRUE;
      g_clear_handle_id (&run->timeout_id, g_source_remove);
      run->timeout_id = g_timeout_add (SETTLE_MS, on_run_timeout_cb, run);
    }

  /* Keep reading: a full pipe would block the application. */
  g_data_input_stream_read_line_async (G_DATA_INPUT_STREAM (source), G_PRIORITY_DEFAULT, NULL,
                                       on_line_read_cb, run);
}

static gboolean
measure (const char * const *argv,
         gboolean            want_data,
         const char         *home,
         const char         *schema_dir,
         Run                *run)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *data_home = g_build_filename (home, "data", NULL);
  g_autofree char *config_home = g_build_filename (home, "config", NULL);
  g_autofree char *cache_home = g_build_filename (home, "cache", NULL);

  g_queue_clear_full (&run->last_lines, g_free);
  memset (run, 0, sizeof *run);
  run->loop = loop;
  run->want_data = want_data;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_setenv (launcher, "EF_STARTUP_REPORT", "1", TRUE);
  /* What a user's session has, not the test environment's checks. */
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_CHECK_");
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_PERTURB_");
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  g_subprocess_launcher_unsetenv (launcher, "G_SLICE");
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", schema_dir, TRUE);
  if (g_getenv ("EF_SERVER_BINARY") != NULL)
    g_subprocess_launcher_setenv (launcher, "ESPACE_FAMILLE_SERVER", g_getenv ("EF_SERVER_BINARY"), TRUE);

  run->exec_time = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (process == NULL)
    {
      g_printerr ("cannot start %s: %s\n", argv[0], error->message);
      return FALSE;
    }
  run->pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (process), NULL, 10);

  lines = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, on_line_read_cb, run);
  run->timeout_id = g_timeout_add (MARK_TIMEOUT_MS, on_run_timeout_cb, run);
  g_main_loop_run (loop);
  g_clear_handle_id (&run->timeout_id, g_source_remove);

  g_subprocess_send_signal (process, SIGTERM);
  if (!g_subprocess_wait (process, NULL, &error))
    g_printerr ("waiting for %s: %s\n", argv[0], error->message);
  /* Let the last read finish (it sees the end of the pipe). */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return !run->failed;
}

/* The runs' own folder: the demo's database and settings. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db ? 1 : 0;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  if (values->len == 0)
    return 0;
  if (values->len % 2 == 1)
    return g_array_index (values, double, values->len / 2);
  return (g_array_index (values, double, values->len / 2 - 1) +
          g_array_index (values, double, values->len / 2)) / 2;
}

typedef struct
{
  GArray *first, *data, *full, *rss, *pss;
} Series;

static void
series_init (Series *series)
{
  series->first = g_array_new (FALSE, FALSE, sizeof (double));
  series->data = g_array_new (FALSE, FALSE, sizeof (double));
  series->full = g_array_new (FALSE, FALSE, sizeof (double));
  series->rss = g_array_new (FALSE, FALSE, sizeof (double));
  series->pss = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
series_add (Series    *series,
            const Run *run)
{
  g_array_append_val (series->first, run->first_ms);
  g_array_append_val (series->data, run->data_ms);
  g_array_append_val (series->full, run->full_ms);
  g_array_append_val (series->rss, run->rss_mib);
  g_array_append_val (series->pss, run->pss_mib);
}

/* Setting up: the server and the remembered device */

/* An asynchronous call's _finish (). */
typedef gboolean (*Finish) (gpointer       source,
                            GAsyncResult  *result,
                            GError       **error);

typedef struct
{
  GMainLoop *loop;
  Finish     finish;
  gboolean   ok;
  GError    *error;
} Wait;

static void
on_finished_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = wait->finish (source, result, &wait->error);
  g_main_loop_quit (wait->loop);
}

/* The keyring holds a device token for the portal. */
static gboolean
device_remembered_finish (EfCredentials  *credentials,
                          GAsyncResult   *result,
                          GError        **error)
{
  EfSecretKind kind = EF_SECRET_PASSWORD;
  char *secret = NULL;
  gboolean ok;

  ok = ef_credentials_lookup_finish (credentials, result, NULL, &secret, &kind, error) &&
       kind == EF_SECRET_DEVICE_TOKEN;
  ef_credentials_password_free (secret);
  return ok;
}

/* Waits for the call made with on_finished_cb() and @wait, which @finish
 * ends; says what failed (@what) on stderr. */
static gboolean
wait_done (Wait       *wait,
           Finish      finish,
           const char *what)
{
  wait->finish = finish;
  g_main_loop_run (wait->loop);
  if (!wait->ok)
    g_printerr ("%s: %s\n", what, wait->error != NULL ? wait->error->message : "failed");
  g_clear_error (&wait->error);
  return wait->ok;
}

typedef struct
{
  const char  *name;
  const char **argv;
  Series       series;
} Subject;

static void
print_subject (const Subject *subject,
               const Subject *floor)
{
  double floor_first = median (floor->series.first);
  double floor_rss = median (floor->series.rss);
  double floor_pss = median (floor->series.pss);
  double first = median (subject->series.first);
  double data = median (subject->series.data);
  double full = median (subject->series.full);
  double rss = median (subject->series.rss);
  double pss = median (subject->series.pss);

  printf ("%s, %u runs: first frame %.0f ms (%.2f x the floor's), first frame with the family "
          "%.0f ms, whole dashboard %.0f ms, RSS %.1f MiB, PSS %.1f MiB (2 s later)\n",
          subject->name, subject->series.first->len, first, first / floor_first, data, full,
          rss, pss);
  printf ("  dashboard with live data (the family) / floor's first frame: %.2f (goal <= 1.2); "
          "whole dashboard / floor's first frame: %.2f; RSS / floor: %.2f (goal <= 1.1); "
          "PSS / floor: %.2f\n",
          data / floor_first, full / floor_first, rss / floor_rss, pss / floor_pss);
}

/* The forwarder of EF_BENCH_STARTUP_LATENCY_MS: for each direction of a
 * connection, a reader that stamps each chunk with the time it came and a
 * writer that passes it on once the latency has gone by since then. */
typedef struct
{
  gint64  due;     /* monotonic; 0: the end */
  GBytes *bytes;
} Chunk;

typedef struct
{
  GInputStream  *from;
  GOutputStream *to;
  GSocket       *wake;      /* the other side's: shut down when this one ends */
  guint          latency_ms;
  GAsyncQueue   *chunks;
} Pump;

static gpointer
pump_writer_thread (gpointer data)
{
  Pump *pump = data;
  Chunk *chunk;

  while ((chunk = g_async_queue_pop (pump->chunks))->due != 0)
    {
      gint64 wait = chunk->due - g_get_monotonic_time ();

      if (wait > 0)
        g_usleep ((gulong) wait);
      if (!g_output_stream_write_all (pump->to, g_bytes_get_data (chunk->bytes, NULL),
                                      g_bytes_get_size (chunk->bytes), NULL, NULL, NULL))
        g_socket_shutdown (pump->wake, TRUE, TRUE, NULL);
      g_bytes_unref (chunk->bytes);
      g_free (chunk);
    }
  g_free (chunk);
  /* One side ended: so does the other, at once (a shutdown wakes the
   * thread reading it; a close would not). */
  g_socket_shutdown (pump->wake, TRUE, TRUE, NULL);
  return NULL;
}

static gpointer
pump_thread (gpointer data)
{
  Pump *pump = data;
  GThread *writer;
  guint8 buffer[CHUNK_SIZE];
  gssize n;

  pump->chunks = g_async_queue_new ();
  writer = g_thread_new ("bench-forward-writer", pump_writer_thread, pump);
  while ((n = g_input_stream_read (pump->from, buffer, sizeof buffer, NULL, NULL)) > 0)
    {
      Chunk *chunk = g_new0 (Chunk, 1);

      chunk->due = g_get_monotonic_time () + (gint64) pump->latency_ms * 1000;
      chunk->bytes = g_bytes_new (buffer, (gsize) n);
      g_async_queue_push (pump->chunks, chunk);
    }
  g_async_queue_push (pump->chunks, g_new0 (Chunk, 1));
  g_thread_join (writer);
  g_async_queue_unref (pump->chunks);
  return NULL;
}

static gboolean
on_forward_run_cb (GThreadedSocketService *service,
                   GSocketConnection      *connection,
                   GObject                *source_object,
                   gpointer                user_data)
{
  GSocketConnectable *upstream = user_data;
  guint latency_ms = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (service), "latency"));
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GSocketConnection) server = NULL;
  Pump up, down;
  GThread *thread;

  server = g_socket_client_connect (client, upstream, NULL, NULL);
  if (server == NULL)
    return TRUE;
  up = (Pump) { g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                g_io_stream_get_output_stream (G_IO_STREAM (server)),
                g_socket_connection_get_socket (server), latency_ms };
  down = (Pump) { g_io_stream_get_input_stream (G_IO_STREAM (server)),
                  g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                  g_socket_connection_get_socket (connection), latency_ms };
  thread = g_thread_new ("bench-forward-up", pump_thread, &up);
  pump_thread (&down);
  g_thread_join (thread);
  g_io_stream_close (G_IO_STREAM (server), NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

/* Starts a forwarder to @portal_url's server, @latency_ms away; returns
 * the portal's address through it. */
static char *
start_forwarder (const char *portal_url,
                 guint       latency_ms,
                 GSocketService **service_out)
{
  g_autoptr (GUri) uri = g_uri_parse (portal_url, G_URI_FLAGS_NONE, NULL);
  g_autoptr (GSocketAddress) any = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;
  GSocketConnectable *upstream;
  GSocketService *service;

  g_assert_nonnull (uri);
  upstream = g_network_address_new (g_uri_get_host (uri), (guint16) g_uri_get_port (uri));
  service = g_threaded_socket_service_new (64);
  g_object_set_data (G_OBJECT (service), "latency", GUINT_TO_POINTER (latency_ms));
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (service), any, G_SOCKET_TYPE_STREAM,
                                      G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error))
    g_error ("cannot listen for the forwarder: %s", error->message);
  g_signal_connect_data (service, "run", G_CALLBACK (on_forward_run_cb), upstream,
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  g_socket_service_start (service);
  *service_out = service;
  return g_strdup_printf ("http://127.0.0.1:%u%s",
                          g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)),
                          g_uri_get_path (uri));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *home = NULL;
  g_autofree char *self_path = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *load_before = NULL;
  g_autofree char *load_after = NULL;
  g_autoptr (EfDemoServer) server = NULL;
  g_autoptr (EfCredentials) credentials = NULL;
  g_autoptr (EfClient) remembering = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autoptr (GSocketService) forwarder = NULL;
  g_autofree char *portal_url = NULL;
  guint latency_ms = 0;
  const char *other = g_getenv ("EF_BENCH_STARTUP_OTHER");
  const char *floor_argv[] = { NULL, "--floor", NULL };
  const char *app_argv[] = { NULL, "--portal", NULL, NULL };
  const char *other_argv[] = { NULL, "--portal", NULL, NULL };
  const char *demo_argv[] = { NULL, "--demo", NULL };
  Subject subjects[] = {
    { "floor (AdwApplicationWindow, header bar, status page, default size of the application)",
      floor_argv, { 0 } },
    { "espace-famille, remembered device, running server", app_argv, { 0 } },
    { "espace-famille --demo", demo_argv, { 0 } },
    { "other build (EF_BENCH_STARTUP_OTHER), remembered device, running server", other_argv,
      { 0 } },
  };
  guint n_subjects = other != NULL && *other != '\0' ? 4 : 3;
  int n_runs = N_RUNS;
  Wait wait = { 0 };
  Run run;

  if (argc == 2 && g_str_equal (argv[1], "--floor"))
    return run_floor ();

  if (argc != 3)
    {
      g_printerr ("usage: %s CLIENT_BINARY SCHEMA_DIR\n", argv[0]);
      return 2;
    }
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("bench-startup: no display; run it through build-aux/run-tests --benchmark\n");
      return 77;
    }

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  home = g_dir_make_tmp ("ef-bench-startup-XXXXXX", NULL);
  g_assert_nonnull (home);
  if (g_getenv ("EF_SERVER_BINARY") != NULL)
    g_setenv ("ESPACE_FAMILLE_SERVER", g_getenv ("EF_SERVER_BINARY"), TRUE);
  if (g_getenv ("EF_BENCH_STARTUP_RUNS") != NULL)
    n_runs = MAX (1, (int) g_ascii_strtoll (g_getenv ("EF_BENCH_STARTUP_RUNS"), NULL, 10));
  if (g_getenv ("EF_BENCH_STARTUP_LATENCY_MS") != NULL)
    latency_ms = (guint) CLAMP (g_ascii_strtoll (g_getenv ("EF_BENCH_STARTUP_LATENCY_MS"), NULL, 10),
                                0, 1000);
  g_file_get_contents ("/proc/loadavg", &load_before, NULL, NULL);

  /* The server, running before the first timed start. */
  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  db_path = g_build_filename (home, "server", "demo.db", NULL);
  server = ef_demo_server_new (db_path);
  ef_demo_server_start_async (server, NULL, on_finished_cb, &wait);
  if (!wait_done (&wait, (Finish) ef_demo_server_start_finish, "cannot start the server"))
    {
      remove_tree (home);
      return 1;
    }

  portal_url = latency_ms > 0 ? start_forwarder (ef_demo_server_get_portal_url (server), latency_ms,
                                                &forwarder)
                             : g_strdup (ef_demo_server_get_portal_url (server));
  if (latency_ms > 0)
    printf ("the server is %u ms away in each direction, through a forwarder: %s\n", latency_ms,
            portal_url);

  /* "Remember me", as the sign-in form does it: the keyring then holds
   * the portal's device token, traded for a session at each start. */
  credentials = ef_credentials_new ();
  remembering = ef_client_new (portal_url);
  ef_client_set_credentials (remembering, credentials);
  ef_client_sign_in_async (remembering, ef_demo_server_get_email (server),
                           ef_demo_server_get_password (server), TRUE, NULL,
                           on_finished_cb, &wait);
  if (wait_done (&wait, (Finish) ef_client_sign_in_finish, "cannot sign in"))
    ef_credentials_lookup_async (credentials, portal_url, NULL, NULL, on_finished_cb, &wait);
  if (!wait.ok ||
      !wait_done (&wait, (Finish) device_remembered_finish, "cannot remember the device"))
    {
      printf ("bench-startup: no keyring to remember the password in; "
              "run it through build-aux/run-tests --benchmark\n");
      ef_demo_server_stop (server);
      remove_tree (home);
      return 77;
    }

  floor_argv[0] = self_path;
  app_argv[0] = argv[1];
  app_argv[2] = portal_url;
  other_argv[0] = other;
  other_argv[2] = portal_url;
  demo_argv[0] = argv[1];

  for (guint s = 0; s < n_subjects; s++)
    series_init (&subjects[s].series);

  /* Warm-up: the demo database is created on the first --demo, and the
   * fonts and icons come into the page cache. */
  for (guint s = 0; s < n_subjects; s++)
    {
      memset (&run, 0, sizeof run);
      if (!measure (subjects[s].argv, s > 0, home, argv[2], &run))
        {
          g_printerr ("warm-up of %s failed\n", subjects[s].name);
          ef_demo_server_stop (server);
          remove_tree (home);
          return 1;
        }
    }

  for (int i = 0; i < n_runs; i++)
    for (guint s = 0; s < n_subjects; s++)
      {
        if (!measure (subjects[s].argv, s > 0, home, argv[2], &run))
          {
            g_printerr ("run %d of %s failed\n", i, subjects[s].name);
            ef_demo_server_stop (server);
            remove_tree (home);
            return 1;
          }
        series_add (&subjects[s].series, &run);
      }

  g_file_get_contents ("/proc/loadavg", &load_after, NULL, NULL);
  /* Before the medians below, which sort the series. */
  if (n_subjects == 4)
    {
      /* Run by run, in the same round: less of the machine's load. */
      g_autoptr (GArray) first = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr (GArray) data = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr (GArray) full = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint i = 0; i < subjects[1].series.first->len; i++)
        {
          double d;

          d = g_array_index (subjects[3].series.first, double, i) -
              g_array_index (subjects[1].series.first, double, i);
          g_array_append_val (first, d);
          d = g_array_index (subjects[3].series.data, double, i) -
              g_array_index (subjects[1].series.data, double, i);
          g_array_append_val (data, d);
          d = g_array_index (subjects[3].series.full, double, i) -
              g_array_index (subjects[1].series.full, double, i);
          g_array_append_val (full, d);
        }
      printf ("other build minus espace-famille, median of the differences within a round: "
              "first frame %+.0f ms, first frame with the family %+.0f ms, whole dashboard "
              "%+.0f ms\n", median (first), median (data), median (full));
    }
  printf ("load average before: %s", load_before != NULL ? load_before : "?\n");
  printf ("load average after: %s", load_after != NULL ? load_after : "?\n");
  printf ("%s, %u runs: first frame %.0f ms, RSS %.1f MiB, PSS %.1f MiB (2 s later)\n",
          subjects[0].name, subjects[0].series.first->len, median (subjects[0].series.first),
          median (subjects[0].series.rss), median (subjects[0].series.pss));
  for (guint s = 1; s < n_subjects; s++)
    print_subject (&subjects[s], &subjects[0]);

  if (forwarder != NULL)
    g_socket_service_stop (forwarder);
  ef_credentials_clear_async (credentials, portal_url,
                              ef_demo_server_get_email (server), NULL,
                              on_finished_cb, &wait);
  wait_done (&wait, (Finish) ef_credentials_clear_finish, "cannot forget the password");
  ef_demo_server_stop (server);
  remove_tree (home);
  return 0;
}
