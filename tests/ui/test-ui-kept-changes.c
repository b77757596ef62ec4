/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-kept-changes.c: reservation changes not saved survive a quit and
 * a crash (the process killed with SIGKILL), against a real server on its
 * test clock: Mes réservations offers them back at the next start, takes
 * them back or leaves them, and forgets them when saved or signed out.
 * A save cut short by the server's death keeps them too, and Retry saves
 * them once the server is back on its port.
 *
 * The crash runs in a subprocess of this program (g_test_trap_subprocess)
 * that kills itself once the changes are on disk; it finds the server and
 * the state folder in the environment. */

#define G_LOG_DOMAIN "EfTestUi"

#include "config.h"

#include <signal.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "api/ef-client.h"
#include "ef-pending-store.h"
#include "pages/ef-reservations-page.h"
#include "ef-test-api.h"
#include "ef-test-server.h"
#include "ui-test-util.h"

#define NOW "2026-11-26T10:00:00+01:00"
#define WEEKDAYS ((1u << 1) | (1u << 2) | (1u << 3) | (1u << 4) | (1u << 5))

#define ENV_PORTAL "EF_TEST_KEPT_PORTAL"
#define ENV_STATE "EF_TEST_KEPT_STATE"
#define ENV_EMAIL "EF_TEST_KEPT_EMAIL"
#define ENV_PASSWORD "EF_TEST_KEPT_PASSWORD"

static EfTestServer *server;    /* NULL in the crashing subprocess */
static char *portal_url;
static char *state_dir;
static char *email;
static char *password;

static EfClient *
signed_in_client (void)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  EfClient *client = ef_client_new (portal_url);

  ef_client_set_state_dir (client, state_dir);
  ef_client_sign_in_async (client, email, password, FALSE, NULL, ui_test_on_result_cb, &result);
  g_assert_true (ef_client_sign_in_finish (client, ui_test_wait_for_result (&result), &error));
  g_assert_no_error (error);
  return client;
}

static gboolean
calendar_shown_cb (gpointer data)
{
  return g_str_equal (ef_reservations_page_get_state (data), "calendar");
}

static EfReservationsPage *
show_page (EfClient   *client,
           GtkWidget **window)
{
  EfReservationsPage *page = EF_RESERVATIONS_PAGE (ef_reservations_page_new (client));

  *window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (*window), 1000, 800);
  adw_window_set_content (ADW_WINDOW (*window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (*window));
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, page));
  g_assert_true (ui_test_wait_until (calendar_shown_cb, page));
  return page;
}

typedef struct {
  char  *path;
  guint  n_changes;   /* G_MAXUINT: no file */
} FileWait;

static guint
changes_on_disk (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (EfKeptChanges) kept = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return G_MAXUINT;
  bytes = g_bytes_new (contents, length);
  kept = ef_pending_store_parse (bytes, NULL);
  return kept != NULL ? kept->changes->len : 0;
}

static gboolean
file_holds_cb (gpointer data)
{
  FileWait *wait = data;

  return changes_on_disk (wait->path) == wait->n_changes;
}

static void
wait_for_file (EfClient *client,
               guint     n_changes)
{
  FileWait wait = { ef_client_get_state_path (client, "pending"), n_changes };

  g_assert_nonnull (wait.path);
  g_assert_true (ui_test_wait_until (file_holds_cb, &wait));
  g_free (wait.path);
}

static gboolean
kept_offered_cb (gpointer data)
{
  return ef_reservations_page_get_kept (data) != NULL;
}

static gboolean
saved_cb (gpointer data)
{
  return !ef_reservations_page_get_saving (data) &&
         g_list_model_get_n_items (G_LIST_MODEL (ef_reservations_page_get_pending (data))) == 0;
}

/* A week of March reserved, not saved: the number of days. */
static guint
reserve_a_week (EfReservationsPage *page,
                int                 monday)
{
  guint n = ef_reservations_page_reserve_weekdays (page, WEEKDAYS, ef_day_new (2027, 3, monday),
                                                   ef_day_new (2027, 3, monday + 4));

  g_assert_cmpuint (n, >, 0);
  return n;
}

/* Quit without saving: the next start offers the changes back; taken back
 * and saved, the file is gone. */
static void
test_survives_quit (void)
{
  g_autoptr (EfClient) first = signed_in_client ();
  g_autoptr (EfClient) second = NULL;
  g_autofree char *counts = NULL;
  EfReservationsPage *page;
  GtkWidget *window;
  guint n;

  page = show_page (first, &window);
  g_assert_null (ef_reservations_page_get_kept (page));
  n = reserve_a_week (page, 8);
  wait_for_file (first, n);
  gtk_window_destroy (GTK_WINDOW (window));

  second = signed_in_client ();
  page = show_page (second, &window);
  g_assert_true (ui_test_wait_until (kept_offered_cb, page));
  counts = g_strdup_printf ("%u days to reserve", n);
  g_assert_nonnull (strstr (ef_reservations_page_get_kept (page), counts));
  /* The portal's day and time zone: "Thursday 26 November at 10:00". */
  g_assert_nonnull (strstr (ef_reservations_page_get_kept (page), "26"));
  ui_test_maybe_screenshot (window, "reservations-kept");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reservations.restore-kept", NULL));
  g_assert_null (ef_reservations_page_get_kept (page));
  g_assert_cmpuint (ef_pending_changes_get_n_added (ef_reservations_page_get_pending (page)), ==, n);
  /* One undo takes them all back off. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reservations.undo", NULL));
  g_assert_cmpuint (ef_pending_changes_get_n_added (ef_reservations_page_get_pending (page)), ==, 0);
  wait_for_file (second, G_MAXUINT);
  reserve_a_week (page, 8);
  wait_for_file (second, n);

  ef_reservations_page_save (page);
  g_assert_true (ui_test_wait_until (saved_cb, page));
  g_assert_null (ef_reservations_page_get_error (page));
  wait_for_file (second, G_MAXUINT);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The crashing run: changes on disk, then SIGKILL. */
static void
crash_with_changes (void)
{
  g_autoptr (EfClient) client = signed_in_client ();
  EfReservationsPage *page;
  GtkWidget *window;
  guint n;

  page = show_page (client, &window);
  n = reserve_a_week (page, 15);
  wait_for_file (client, n);
  raise (SIGKILL);
}

/* Killed with the changes on screen: the next start offers them back;
 * left, they are gone. */
static void
test_survives_crash (void)
{
  g_autoptr (EfClient) client = NULL;
  g_autofree char *path = NULL;
  EfReservationsPage *page;
  GtkWidget *window;

  if (g_test_subprocess ())
    {
      crash_with_changes ();
      return;
    }

  g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_failed ();

  client = signed_in_client ();
  path = ef_client_get_state_path (client, "pending");
  g_assert_cmpuint (changes_on_disk (path), >, 0);
  page = show_page (client, &window);
  g_assert_true (ui_test_wait_until (kept_offered_cb, page));

  /* Left: nothing pending, and the file goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reservations.discard-kept", NULL));
  g_assert_null (ef_reservations_page_get_kept (page));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ef_reservations_page_get_pending (page))), ==, 0);
  wait_for_file (client, G_MAXUINT);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A file that is not ours is left aside, and nothing is offered. */
static void
test_bad_file (void)
{
  static const char * const bad[] = {
    "",
    "not json",
    "[]",
    "{\"format\": 2, \"saved_at\": \"2026-11-26T10:00:00+01:00\", \"changes\": []}",
    "{\"format\": 1, \"saved_at\": \"hier\", \"changes\": []}",
    "{\"format\": 1, \"saved_at\": \"2026-11-26T10:00:00+01:00\", \"changes\": {}}",
    "{\"format\": 1, \"saved_at\": \"2026-11-26T10:00:00+01:00\", \"changes\": [{\"member\": -1,"
    " \"activity\": \"restaurant-scolaire\", \"day\": \"2027-03-08\", \"reserved\": true}]}",
    "{\"format\": 1, \"saved_at\": \"2026-11-26T10:00:00+01:00\", \"changes\": [{\"member\": 2,"
    " \"activity\": \"\", \"day\": \"2027-03-08\", \"reserved\": true}]}",
    "{\"format\": 1, \"saved_at\": \"2026-11-26T10:00:00+01:00\", \"changes\": [{\"member\": 2,"
    " \"activity\": \"restaurant-scolaire\", \"day\": \"2027-02-30\", \"reserved\": true}]}",
    "{\"format\": 1, \"saved_at\": \"2026-11-26T10:00:00+01:00\", \"changes\": [{\"member\": 2,"
    " \"activity\": \"restaurant-scolaire\", \"day\": \"2027-03-08\", \"reserved\": \"yes\"}]}",
    "{\"format\": 1, \"saved_at\": \"2026-11-26T10:00:00+01:00\", \"changes\": [{\"member\": 2,"
    " \"activity\": \"restaurant-scolaire\", \"day\": \"2027-03-08\", \"reserved\": true,"
    " \"extra\": 1}]}",
  };
  g_autoptr (EfClient) client = signed_in_client ();
  g_autofree char *path = ef_client_get_state_path (client, "pending");
  g_autofree char *dir = g_path_get_dirname (path);
  EfReservationsPage *page;
  GtkWidget *window;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr (GError) error = NULL;
      g_autoptr (EfKeptChanges) kept = ef_pending_store_parse (bytes, &error);

      g_assert_null (kept);
      g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_PROTOCOL);
    }

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, bad[6], -1, NULL));
  page = show_page (client, &window);
  wait_for_file (client, G_MAXUINT);
  g_assert_null (ef_reservations_page_get_kept (page));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Signing out forgets them: nothing is left for whoever comes next. */
static void
test_sign_out_forgets (void)
{
  g_autoptr (EfClient) client = signed_in_client ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = ef_client_get_state_path (client, "pending");
  FileWait gone = { path, G_MAXUINT };
  EfReservationsPage *page;
  GtkWidget *window;
  guint n;

  page = show_page (client, &window);
  n = reserve_a_week (page, 22);
  wait_for_file (client, n);
  gtk_window_destroy (GTK_WINDOW (window));

  ef_client_sign_out_async (client, NULL, ui_test_on_result_cb, &result);
  g_assert_true (ef_client_sign_out_finish (client, ui_test_wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_assert_true (ui_test_wait_until (file_holds_cb, &gone));
}

static gboolean
save_ended_cb (gpointer data)
{
  return !ef_reservations_page_get_saving (data);
}

/* The server is killed while the save waits for its answer: the page says
 * so and keeps every change (on screen and on disk); the server is started
 * again on the same port and database, and Retry saves them all. */
static void
test_server_stopped_while_saving (void)
{
  static const char * const argv[] = { "--test-clock", "--listen", NULL, NULL };
  g_autoptr (EfClient) client = signed_in_client ();
  g_autoptr (EfClient) other = NULL;
  g_autoptr (EfPlanning) planning = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = g_strdup (ef_test_server_get_url (server));
  g_autofree char *listen = NULL;
  g_autofree char *kept_path = NULL;
  g_autofree char *activity = NULL;
  EfReservationsPage *page;
  EfPendingChanges *pending;
  GtkWidget *window;
  GtkWidget *retry;
  const char *args[G_N_ELEMENTS (argv)];
  gint64 child;
  guint n, n_days = 0;
  EfDay days[5];

  page = show_page (client, &window);
  pending = ef_reservations_page_get_pending (page);
  child = ef_reservations_page_get_child (page);
  activity = g_strdup (ef_reservation_calendar_get_activity (ef_reservations_page_get_calendar (page)));
  g_assert_nonnull (activity);
  n = reserve_a_week (page, 1);
  wait_for_file (client, n);
  /* The days of the week that are to be reserved: the page's child, its
   * activity. */
  for (int d = 1; d <= 5; d++)
    {
      gboolean reserved;

      if (ef_pending_changes_lookup (pending, child, activity, ef_day_new (2027, 3, d), &reserved))
        {
          g_assert_true (reserved);
          days[n_days++] = ef_day_new (2027, 3, d);
        }
    }
  g_assert_cmpuint (n_days, ==, n);

  /* The save is sent to a server that does not answer, and dies. */
  g_assert_cmpint (kill (ef_test_server_get_pid (server), SIGSTOP), ==, 0);
  ef_reservations_page_save (page);
  g_assert_true (ef_reservations_page_get_saving (page));
  for (guint i = 0; i < 20; i++)
    {
      g_usleep (10 * 1000);
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_true (ef_reservations_page_get_saving (page));
  ef_test_server_kill (server);
  g_assert_true (ui_test_wait_until (save_ended_cb, page));

  /* Said, and nothing lost: the changes are pending and on disk, Retry is
   * offered. */
  g_assert_nonnull (ef_reservations_page_get_error (page));
  g_test_message ("the save with the server killed: %s", ef_reservations_page_get_error (page));
  g_assert_cmpuint (ef_pending_changes_get_n_added (pending), ==, n);
  kept_path = ef_client_get_state_path (client, "pending");
  g_assert_cmpuint (changes_on_disk (kept_path), ==, n);
  retry = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (page), EF_TYPE_RESERVATIONS_PAGE,
                                                     "retry_button"));
  g_assert_true (gtk_widget_get_visible (retry));

  /* The same server again: its port, its database. */
  listen = g_strdup (url + strlen ("http://"));
  memcpy (args, argv, sizeof args);
  args[2] = listen;
  ef_test_server_restart (server, args);
  g_assert_cmpstr (ef_test_server_get_url (server), ==, url);

  g_signal_emit_by_name (retry, "clicked");
  g_assert_true (ui_test_wait_until (saved_cb, page));
  g_assert_null (ef_reservations_page_get_error (page));
  wait_for_file (client, G_MAXUINT);

  /* What the server has, read by another client. */
  other = signed_in_client ();
  ef_client_get_planning_async (other, child, days[0], days[n_days - 1], NULL, ui_test_on_result_cb, &result);
  planning = ef_client_get_planning_finish (other, ui_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_days; i++)
    {
      EfPlanningDay *day = ef_planning_lookup_day (planning, activity, days[i]);

      g_assert_nonnull (day);
      g_assert_true (ef_planning_day_is_reserved (day));
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A client that keeps nothing (a shared terminal) writes nothing. */
static void
test_kiosk_keeps_nothing (void)
{
  g_autoptr (EfClient) client = signed_in_client ();
  g_autofree char *kept_path = ef_client_get_state_path (client, "pending");
  EfReservationsPage *page;
  GtkWidget *window;
  gint64 n_files = 0;
  GDir *dir;

  ef_client_set_state_dir (client, NULL);
  g_assert_null (ef_client_get_state_path (client, "pending"));
  /* With no folder the page decides at once, on each change, to write
   * nothing. */
  page = show_page (client, &window);
  reserve_a_week (page, 22);
  gtk_window_destroy (GTK_WINDOW (window));

  g_assert_false (g_file_test (kept_path, G_FILE_TEST_EXISTS));
  dir = g_dir_open (state_dir, 0, NULL);
  if (dir != NULL)
    {
      while (g_dir_read_name (dir) != NULL)
        n_files++;
      g_dir_close (dir);
    }
  g_assert_cmpint (n_files, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const server_args[] = { "--test-clock", NULL };
  g_autoptr (SoupSession) session = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  if (g_getenv (ENV_PORTAL) != NULL)
    {
      /* The crashing subprocess: the parent's server and folder. */
      portal_url = g_strdup (g_getenv (ENV_PORTAL));
      state_dir = g_strdup (g_getenv (ENV_STATE));
      email = g_strdup (g_getenv (ENV_EMAIL));
      password = g_strdup (g_getenv (ENV_PASSWORD));
    }
  else
    {
      g_autoptr (GError) error = NULL;

      server = ef_test_server_start (TRUE, server_args);
      session = ef_test_api_session_new ();
      ef_test_api_demo_account (server, &email, &password);
      ef_test_api_set_clock (session, server, NULL, NOW);
      portal_url = ef_test_server_portal_url (server, "7249");
      state_dir = g_dir_make_tmp ("ef-kept-XXXXXX", &error);
      g_assert_no_error (error);
      g_setenv (ENV_PORTAL, portal_url, TRUE);
      g_setenv (ENV_STATE, state_dir, TRUE);
      g_setenv (ENV_EMAIL, email, TRUE);
      g_setenv (ENV_PASSWORD, password, TRUE);
    }

  g_test_add_func ("/ui/kept-changes/survive-quit", test_survives_quit);
  g_test_add_func ("/ui/kept-changes/survive-crash", test_survives_crash);
  g_test_add_func ("/ui/kept-changes/bad-file", test_bad_file);
  g_test_add_func ("/ui/kept-changes/sign-out-forgets", test_sign_out_forgets);
  g_test_add_func ("/ui/kept-changes/kiosk-keeps-nothing", test_kiosk_keeps_nothing);
  g_test_add_func ("/ui/kept-changes/server-stopped-while-saving", test_server_stopped_while_saving);

  status = g_test_run ();

  /* Every test leaves the folder empty. */
  if (server != NULL && g_rmdir (state_dir) != 0)
    g_warning ("%s was not left empty", state_dir);
  g_clear_pointer (&server, ef_test_server_free);
  g_free (portal_url);
  g_free (state_dir);
  g_free (email);
  g_free (password);
  return status;
}
