/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-startup.c: the application's start-up time and memory, beside a
 * minimal libadwaita window (the floor); see docs/benchmarks.md
 *
 *   bench-startup CLIENT_BINARY SCHEMA_DIR   (needs a display: build-aux/run-tests --benchmark)
 *
 * Each run starts `espace-famille --demo` (it starts the demo server and
 * signs in) with EF_STARTUP_REPORT=1, which makes it write when its first
 * window painted its first frame and when it painted the first frame after
 * the family (the dashboard's first answer) arrived; both are counted from
 * just before the exec. Two seconds after the last of them, the resident
 * and proportional sizes (/proc/PID/smaps_rollup: the application only, not
 * its demo server). The floor is this program run again as a minimal
 * AdwApplicationWindow (a header bar and a status page) measured the same
 * way. Medians of N_RUNS runs each, alternating, after one warm-up each.
 */

#define G_LOG_DOMAIN "EfBench"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <adwaita.h>
#include <glib-unix.h>
#include <glib/gstdio.h>

#define N_RUNS          10
#define SETTLE_MS       2000
#define MARK_TIMEOUT_MS 30000

typedef struct
{
  GMainLoop *loop;
  gint64     exec_time;
  gboolean   want_data;
  double     first_ms;
  double     data_ms;
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

  if (!run->settling && run->first_ms > 0 && (!run->want_data || run->data_ms > 0))
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
  GArray *first, *data, *rss, *pss;
} Series;

static void
series_init (Series *series)
{
  series->first = g_array_new (FALSE, FALSE, sizeof (double));
  series->data = g_array_new (FALSE, FALSE, sizeof (double));
  series->rss = g_array_new (FALSE, FALSE, sizeof (double));
  series->pss = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
series_add (Series    *series,
            const Run *run)
{
  g_array_append_val (series->first, run->first_ms);
  g_array_append_val (series->data, run->data_ms);
  g_array_append_val (series->rss, run->rss_mib);
  g_array_append_val (series->pss, run->pss_mib);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *home = NULL;
  g_autofree char *self_path = NULL;
  Series app_series, floor_series;
  double floor_first, app_first, app_data, floor_rss, app_rss, floor_pss, app_pss;
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

  {
    const char *app_argv[] = { argv[1], "--demo", NULL };
    const char *floor_argv[] = { self_path, "--floor", NULL };

    series_init (&app_series);
    series_init (&floor_series);

    /* Warm-up: the demo database is created on the first --demo, and the
     * fonts and icons come into the page cache. */
    memset (&run, 0, sizeof run);
    if (!measure (app_argv, TRUE, home, argv[2], &run) ||
        !measure (floor_argv, FALSE, home, argv[2], &run))
      return 1;

    for (int i = 0; i < N_RUNS; i++)
      {
        if (!measure (floor_argv, FALSE, home, argv[2], &run))
          return 1;
        series_add (&floor_series, &run);
        if (!measure (app_argv, TRUE, home, argv[2], &run))
          return 1;
        series_add (&app_series, &run);
      }
  }

  floor_first = median (floor_series.first);
  floor_rss = median (floor_series.rss);
  floor_pss = median (floor_series.pss);
  app_first = median (app_series.first);
  app_data = median (app_series.data);
  app_rss = median (app_series.rss);
  app_pss = median (app_series.pss);

  printf ("floor (AdwApplicationWindow, header bar, status page), %d runs: first frame %.0f ms, "
          "RSS %.1f MiB, PSS %.1f MiB (2 s later)\n", N_RUNS, floor_first, floor_rss, floor_pss);
  printf ("espace-famille --demo, %d runs: first frame %.0f ms, first frame with the family %.0f ms, "
          "RSS %.1f MiB, PSS %.1f MiB (2 s later)\n", N_RUNS, app_first, app_data, app_rss, app_pss);
  printf ("dashboard with live data / floor's first frame: %.2f (goal <= 1.2); RSS / floor: %.2f "
          "(goal <= 1.1); PSS / floor: %.2f\n",
          app_data / floor_first, app_rss / floor_rss, app_pss / floor_pss);

  remove_tree (home);
  return 0;
}
