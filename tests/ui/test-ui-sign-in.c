/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-sign-in.c: signing in, "remember me" and the demo, in real windows */

#define G_LOG_DOMAIN "EfTestUi"

#include "config.h"

#include <errno.h>
#include <signal.h>

#include <adwaita.h>
#include <string.h>

#include "api/ef-client.h"
#include "ef-application.h"
#include "ef-demo-server.h"
#include "ef-window.h"
#include "pages/ef-sign-in-page.h"
#include "pages/ef-welcome-page.h"
#include "ef-test-db.h"
#include "ef-test-server.h"
#include "ef-test-api.h"
#include "pages/ef-dashboard-page.h"
#include "widgets/ef-dashboard-card.h"
#include "ui-test-util.h"

static EfTestServer *server;
static char *demo_email;
static char *demo_password;
static char *data_home;

/* A new start of the application in this process: same settings (the
 * memory backend is one per process), same keyring. */
static EfApplication *
new_application (void)
{
  static guint counter;
  g_autofree char *id = g_strdup_printf ("%s.Test%u", APP_ID, ++counter);

  /* Each application of this process exports its own object. */
  return ui_test_application_new (id);
}

static gboolean
is_visible_cb (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static EfWindow *
open_window (EfApplication *application)
{
  EfWindow *window = ef_window_new (application);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, window));
  return window;
}

static void
set_portal (EfApplication *application)
{
  g_autofree char *url = ef_test_server_portal_url (server, "7249");

  g_settings_set_string (ef_application_get_settings (application), "portal-url", url);
}

static const char *
error_message_for (EfClientError code)
{
  g_autoptr (GError) error = g_error_new_literal (EF_CLIENT_ERROR, code, "");

  return ef_client_error_get_user_message (error);
}

static void
type_credentials (EfWindow   *window,
                  const char *email,
                  const char *password)
{
  gtk_editable_set_text (ui_test_form_child (window, "email_row"), email);
  gtk_editable_set_text (ui_test_form_child (window, "password_row"), password);
}

static void
test_wrong_password (void)
{
  g_autoptr (EfApplication) application = new_application ();
  GtkWidget *password_error;
  GtkWidget *email_error;
  EfWindow *window;

  set_portal (application);
  window = open_window (application);
  ui_test_assert_state_soon (window, "welcome");

  /* Nothing typed: the button does nothing. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (ui_test_sign_in_page (window)),
                                              "sign-in.sign-in", NULL) &&
                  ef_sign_in_page_get_busy (ui_test_sign_in_page (window)));

  type_credentials (window, demo_email, "not-the-password");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui_test_sign_in_page (window)),
                                             "sign-in.sign-in", NULL));
  g_assert_true (ef_sign_in_page_get_busy (ui_test_sign_in_page (window)));
  g_assert_true (gtk_widget_get_visible (ui_test_form_child (window, "spinner")));

  password_error = ui_test_form_child (window, "password_error_label");
  email_error = ui_test_form_child (window, "email_error_label");
  g_assert_true (ui_test_wait_until (is_visible_cb, password_error));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (password_error)), ==,
                   error_message_for (EF_CLIENT_ERROR_UNAUTHORIZED));
  g_assert_true (gtk_widget_has_css_class (ui_test_form_child (window, "password_row"), "error"));
  g_assert_false (gtk_widget_get_visible (email_error));
  g_assert_false (gtk_revealer_get_reveal_child (ui_test_form_child (window, "network_revealer")));
  g_assert_false (ef_sign_in_page_get_busy (ui_test_sign_in_page (window)));
  g_assert_cmpstr (ef_window_get_state (window), ==, "welcome");

  /* Typing again clears the message. */
  gtk_editable_set_text (ui_test_form_child (window, "password_row"), "another try");
  g_assert_false (gtk_widget_get_visible (password_error));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_unreachable (void)
{
  g_autoptr (EfApplication) application = new_application ();
  EfWindow *window;
  guint16 port = 0;
  g_autoptr (GSocket) closed = NULL;
  g_autofree char *url = NULL;

  set_portal (application);
  window = open_window (application);
  ui_test_assert_state_soon (window, "welcome");

  /* The portal goes away between the welcome and the sign-in. */
  closed = ef_test_closed_socket (&port);
  url = g_strdup_printf ("http://127.0.0.1:%u/7249", port);
  g_signal_handlers_block_matched (ef_application_get_client (application), G_SIGNAL_MATCH_DATA,
                                   0, 0, NULL, NULL, window);
  ef_client_set_portal_url (ef_application_get_client (application), url);

  type_credentials (window, demo_email, demo_password);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui_test_sign_in_page (window)),
                                             "sign-in.sign-in", NULL));
  g_assert_true (ui_test_wait_until ((UiTestCondition) gtk_revealer_get_reveal_child,
                             ui_test_form_child (window, "network_revealer")));
  g_assert_cmpstr (gtk_label_get_text (ui_test_form_child (window, "network_label")), ==,
                   error_message_for (EF_CLIENT_ERROR_NETWORK));
  g_assert_true (gtk_widget_get_visible (ui_test_form_child (window, "network_retry_button")));
  g_assert_false (gtk_widget_get_visible (ui_test_form_child (window, "password_error_label")));

  g_signal_handlers_unblock_matched (ef_application_get_client (application),
                                     G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, window);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_state_changed_cb (GtkStack   *stack,
                     GParamSpec *pspec,
                     GPtrArray  *states)
{
  g_ptr_array_add (states, g_strdup (gtk_stack_get_visible_child_name (stack)));
}

static gboolean
not_busy_cb (gpointer data)
{
  return !ef_sign_in_page_get_busy (data);
}

static gboolean
remember_available_cb (gpointer data)
{
  return gtk_widget_get_sensitive (data);
}

static gboolean
signed_out_cb (gpointer data)
{
  return !ef_client_get_signed_in (data);
}

static void
test_remember_me (void)
{
  g_autoptr (EfApplication) first = new_application ();
  g_autoptr (EfApplication) second = NULL;
  g_autoptr (EfApplication) third = NULL;
  g_autoptr (GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *remember_row;
  EfWindow *window;

  set_portal (first);
  window = open_window (first);
  ui_test_assert_state_soon (window, "welcome");

  remember_row = ui_test_form_child (window, "remember_row");
  g_assert_true (gtk_widget_get_visible (ui_test_form_child (window, "remember_list")));
  if (!ui_test_wait_until (remember_available_cb, remember_row))
    {
      g_test_skip ("no keyring: “remember me” is not offered");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }

  type_credentials (window, demo_email, demo_password);
  gtk_switch_set_active (ui_test_form_child (window, "remember_switch"), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui_test_sign_in_page (window)),
                                             "sign-in.sign-in", NULL));
  ui_test_assert_state_soon (window, "main");
  g_assert_true (ui_test_wait_until (not_busy_cb, ui_test_sign_in_page (window)));
  /* The form is empty behind the pages. */
  g_assert_cmpstr (gtk_editable_get_text (ui_test_form_child (window, "password_row")), ==, "");
  gtk_window_destroy (GTK_WINDOW (window));

  /* A new start: straight to the pages, never the form. */
  second = new_application ();
  window = ef_window_new (second);
  g_signal_connect (ui_test_window_child (window, "stack"), "notify::visible-child-name",
                    G_CALLBACK (on_state_changed_cb), states);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_assert_state_soon (window, "main");
  for (guint i = 0; i < states->len; i++)
    g_assert_cmpstr (g_ptr_array_index (states, i), !=, "welcome");
  g_assert_true (ef_client_get_signed_in (ef_application_get_client (second)));
  g_assert_cmpstr (ef_client_get_account_email (ef_application_get_client (second)), ==,
                   demo_email);
  /* Nor is the form built: the welcome page waits without it. */
  g_assert_null (ui_test_sign_in_page (window));

  /* Signing out forgets the password; the form comes, empty. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL));
  ui_test_assert_state_soon (window, "welcome");
  g_assert_nonnull (ui_test_sign_in_page (window));
  g_assert_cmpstr (gtk_editable_get_text (ui_test_form_child (window, "email_row")), ==, "");
  g_assert_true (ui_test_wait_until (signed_out_cb, ef_application_get_client (second)));
  gtk_window_destroy (GTK_WINDOW (window));

  third = new_application ();
  window = open_window (third);
  ui_test_assert_state_soon (window, "welcome");
  g_assert_false (ef_client_get_signed_in (ef_application_get_client (third)));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Signs in with "remember me" in a window of @application (its portal set
 * here) and returns it on its pages; NULL, the test skipped with @skip,
 * when there is no keyring to remember in. */
static EfWindow *
sign_in_remembered (EfApplication *application,
                    const char    *skip)
{
  EfWindow *window;

  set_portal (application);
  window = open_window (application);
  ui_test_assert_state_soon (window, "welcome");
  if (!ui_test_wait_until (remember_available_cb, ui_test_form_child (window, "remember_row")))
    {
      g_test_skip (skip);
      gtk_window_destroy (GTK_WINDOW (window));
      return NULL;
    }
  type_credentials (window, demo_email, demo_password);
  gtk_switch_set_active (ui_test_form_child (window, "remember_switch"), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui_test_sign_in_page (window)),
                                             "sign-in.sign-in", NULL));
  ui_test_assert_state_soon (window, "main");
  return window;
}

/* A device the portal does not remember any more (a new password, 60 days
 * unused): the form, with the e-mail and a sentence, and never again. */
static void
test_remembered_device_refused (void)
{
  g_autoptr (EfApplication) first = new_application ();
  g_autoptr (EfApplication) second = NULL;
  g_autoptr (EfApplication) third = NULL;
  g_autoptr (GPtrArray) states = g_ptr_array_new_with_free_func (g_free);
  GtkLabel *error_label;
  EfWindow *window;

  window = sign_in_remembered (first, "no keyring: “remember me” is not offered");
  if (window == NULL)
    return;
  g_assert_true (ui_test_wait_until (not_busy_cb, ui_test_sign_in_page (window)));
  gtk_window_destroy (GTK_WINDOW (window));

  /* The portal forgets the device. */
  ef_test_db_exec (ef_test_server_get_db_path (server), "DELETE FROM devices");

  second = new_application ();
  window = ef_window_new (second);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_assert_state_soon (window, "welcome");
  g_assert_false (ef_client_get_signed_in (ef_application_get_client (second)));
  g_assert_cmpstr (gtk_editable_get_text (ui_test_form_child (window, "email_row")), ==,
                   demo_email);
  error_label = ui_test_form_child (window, "password_error_label");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  {
    g_autoptr (GError) expired = g_error_new_literal (EF_CLIENT_ERROR,
                                                      EF_CLIENT_ERROR_SESSION_EXPIRED, "ended");

    g_assert_cmpstr (gtk_label_get_text (error_label), ==,
                     ef_client_error_get_user_message (expired));
  }
  ui_test_maybe_screenshot (GTK_WIDGET (window), "sign-in-device-refused");
  gtk_window_destroy (GTK_WINDOW (window));

  /* Forgotten here too: the next start asks at once, trying nothing. */
  third = new_application ();
  window = ef_window_new (third);
  g_signal_connect (ui_test_window_child (window, "stack"), "notify::visible-child-name",
                    G_CALLBACK (on_state_changed_cb), states);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_assert_state_soon (window, "welcome");
  g_assert_false (gtk_widget_get_visible (ui_test_form_child (window, "password_error_label")));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The offline copies written so far, below the cache folder. */
static guint
count_offline_copies (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        n += count_offline_copies (child);
      else if (g_str_has_suffix (name, ".bin"))
        n++;
    }
  return n;
}

/* The dashboard's answers: the family, its situation, the history… */
static gboolean
copies_kept_cb (gpointer data)
{
  return count_offline_copies (data) >= 3;
}

static gboolean
family_known_cb (gpointer data)
{
  return ef_client_get_family (data) != NULL;
}

static gboolean
ready_cb (gpointer data)
{
  return ef_client_get_offline_ready (data);
}

static gboolean
card_settled_cb (gpointer data)
{
  return !ef_dashboard_card_is_loading (data);
}

/* Every card of the dashboard has its answer, none an error. */
static void
dashboard_settled (EfWindow *window)
{
  static const char * const cards[] = { "family", "enrolments", "meals", "finance" };
  EfDashboardPage *page = EF_DASHBOARD_PAGE (ef_window_get_page (window, "dashboard"));

  g_assert_nonnull (page);
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      EfDashboardCard *card = EF_DASHBOARD_CARD (ef_dashboard_page_get_card (page, cards[i]));

      g_assert_true (ui_test_wait_until (card_settled_cb, card));
      if (ef_dashboard_card_has_error (card))
        g_error ("The card %s has an error", cards[i]);
    }
}

static gboolean
revealed_cb (gpointer data)
{
  return gtk_revealer_get_reveal_child (data);
}

/* Remembered, then the portal is gone at the next start: the pages open
 * on the last answers kept, read-only, under the « hors ligne » banner. */
static void
test_offline_start (void)
{
  g_autoptr (EfApplication) first = new_application ();
  g_autoptr (EfApplication) second = NULL;
  g_autofree char *copies = g_build_filename (g_get_user_cache_dir (), PACKAGE_NAME, "offline", NULL);
  EfClient *client;
  EfWindow *window;

  /* Only what this test keeps (the other tests' sessions kept theirs). */
  ef_test_remove_tree (copies);
  window = sign_in_remembered (first, "no keyring: nothing is kept offline");
  if (window == NULL)
    return;
  /* The dashboard's answers, kept once the account's key is read. */
  dashboard_settled (window);
  g_assert_true (ui_test_wait_until (ready_cb, ef_application_get_client (first)));
  g_assert_true (ui_test_wait_until (copies_kept_cb, copies));
  gtk_window_destroy (GTK_WINDOW (window));

  /* The portal goes away. */
  g_clear_pointer (&server, ef_test_server_free);

  second = new_application ();
  window = open_window (second);
  client = ef_application_get_client (second);
  ui_test_assert_state_soon (window, "main");
  g_assert_true (ef_client_get_offline (client));
  g_assert_false (ef_client_get_signed_in (client));
  g_assert_cmpstr (ef_client_get_account_email (client), ==, demo_email);
  g_assert_true (ui_test_wait_until (revealed_cb, ui_test_window_child (window, "offline_revealer")));
  /* The pages read the family, its enrolments, meals and situation as
   * they were kept. */
  g_assert_true (ui_test_wait_until (family_known_cb, client));
  dashboard_settled (window);
  /* The banner says how old it is. */
  g_assert_nonnull (ef_client_get_offline_since (client));
  g_assert_nonnull (strstr (gtk_label_get_label (ui_test_window_child (window, "offline_label")),
                            "dates from"));
  ui_test_maybe_screenshot (GTK_WIDGET (window), "offline-start");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
sign_out_vetoed_cb (EfWindow *window,
                    gpointer  user_data)
{
  int *asked = user_data;

  (*asked)++;
  return TRUE;
}

static void
test_navigation (void)
{
  g_autoptr (EfApplication) application = new_application ();
  EfWindow *window;
  GtkStack *content;
  int asked = 0;
  gulong handler;

  set_portal (application);
  window = open_window (application);
  ui_test_assert_state_soon (window, "welcome");
  type_credentials (window, demo_email, demo_password);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui_test_sign_in_page (window)),
                                             "sign-in.sign-in", NULL));
  ui_test_assert_state_soon (window, "main");

  /* One row per page, and win.show-page goes to it. */
  content = ui_test_window_child (window, "content_stack");
  for (GtkWidget *row = gtk_widget_get_first_child (ui_test_window_child (window, "sidebar_list"));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *name = gtk_widget_get_name (row);

      g_assert_nonnull (ef_window_get_page (window, name));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                                 name));
      g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, name);
    }
  g_assert_false (ef_window_show_page (window, "no-such-page"));

  /* Narrow: the leaflet folds and Back returns to the menu. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  g_assert_true (ui_test_wait_until ((UiTestCondition) adw_leaflet_get_folded, ui_test_window_child (window, "leaflet")));
  g_assert_true (gtk_widget_get_visible (ui_test_window_child (window, "content_back_button")));

  /* A page may keep the session. */
  handler = g_signal_connect (window, "sign-out-requested", G_CALLBACK (sign_out_vetoed_cb),
                              &asked);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL);
  g_assert_cmpint (asked, ==, 1);
  g_assert_cmpstr (ef_window_get_state (window), ==, "main");
  g_signal_handler_disconnect (window, handler);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.sign-out", NULL);
  g_assert_cmpstr (ef_window_get_state (window), ==, "welcome");
  g_assert_null (gtk_widget_get_first_child (ui_test_window_child (window, "sidebar_list")));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
demo_done_cb (gpointer data)
{
  return *(gboolean *) data;
}

static void
on_demo_started_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (ef_demo_server_start_finish (EF_DEMO_SERVER (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* The portal through a proxy in this process, which counts the family's
 * requests. */
typedef struct {
  SoupSession *session;
  const char  *upstream;
  guint        family_requests;
} CountingPortal;

static void
on_counted_request_cb (SoupServer        *proxy,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query,
                       gpointer           user_data)
{
  CountingPortal *portal = user_data;

  if (g_str_equal (soup_server_message_get_method (msg), "GET") &&
      g_str_has_suffix (path, "/api/v1/family"))
    portal->family_requests++;
  ef_test_api_forward (portal->session, portal->upstream, msg, NULL, NULL);
}

/* At sign-in the window asks for the family before it builds the
 * dashboard, which takes that answer: one request, not two. Only the page
 * shown is built; the others when first shown or asked for. */
static void
test_dashboard_requests (void)
{
  g_autoptr (EfApplication) application = new_application ();
  g_autoptr (SoupServer) proxy = soup_server_new (NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  CountingPortal portal = { 0 };
  GtkStack *content;
  GtkWidget *page;
  EfWindow *window;
  GSList *uris;

  portal.session = ef_test_api_session_new ();
  portal.upstream = ef_test_server_get_url (server);
  soup_server_add_handler (proxy, NULL, on_counted_request_cb, &portal, NULL);
  soup_server_listen_local (proxy, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (proxy);
  url = g_strdup_printf ("http://127.0.0.1:%d/7249", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_settings_set_string (ef_application_get_settings (application), "portal-url", url);

  window = open_window (application);
  ui_test_assert_state_soon (window, "welcome");
  type_credentials (window, demo_email, demo_password);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui_test_sign_in_page (window)),
                                             "sign-in.sign-in", NULL));
  ui_test_assert_state_soon (window, "main");

  content = ui_test_window_child (window, "content_stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "dashboard");
  g_assert_null (gtk_stack_get_child_by_name (content, "family"));
  g_assert_null (gtk_stack_get_child_by_name (content, "reservations"));
  dashboard_settled (window);
  g_assert_cmpuint (portal.family_requests, ==, 1);

  /* Asked for, a page is built, once, and not shown. */
  page = ef_window_get_page (window, "reservations");
  g_assert_nonnull (page);
  g_assert_true (gtk_stack_get_child_by_name (content, "reservations") == page);
  g_assert_true (ef_window_get_page (window, "reservations") == page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "dashboard");
  g_assert_null (ef_window_get_page (window, "no-such-page"));

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (portal.session);
}

static void
test_demo_server (void)
{
  g_autofree char *db = g_build_filename (data_home, "demo-test", "demo.db", NULL);
  g_autoptr (EfDemoServer) demo = ef_demo_server_new (db);
  g_autofree char *tmp = g_strconcat (db, ".tmp", NULL);
  gboolean done = FALSE;
  GPid pid;

  ef_demo_server_start_async (demo, NULL, on_demo_started_cb, &done);
  g_assert_true (ui_test_wait_until (demo_done_cb, &done));

  g_assert_true (ef_demo_server_get_running (demo));
  g_assert_true (g_str_has_prefix (ef_demo_server_get_portal_url (demo), "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (ef_demo_server_get_portal_url (demo), "/7249"));
  g_assert_cmpstr (ef_demo_server_get_email (demo), ==, demo_email);
  g_assert_cmpstr (ef_demo_server_get_password (demo), ==, demo_password);
  g_assert_true (g_file_test (db, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));

  pid = (GPid) g_ascii_strtoll (ef_demo_server_get_identifier (demo), NULL, 10);
  g_assert_cmpint (pid, >, 0);
  g_assert_cmpint (kill (pid, 0), ==, 0);

  ef_demo_server_stop (demo);
  g_assert_false (ef_demo_server_get_running (demo));
  g_assert_null (ef_demo_server_get_portal_url (demo));
  /* Reaped: not even a zombie is left. */
  g_assert_cmpint (kill (pid, 0), ==, -1);
  g_assert_cmpint (errno, ==, ESRCH);

  /* A second start reuses the database. */
  done = FALSE;
  ef_demo_server_start_async (demo, NULL, on_demo_started_cb, &done);
  g_assert_true (ui_test_wait_until (demo_done_cb, &done));
  g_assert_true (ef_demo_server_get_running (demo));
  pid = (GPid) g_ascii_strtoll (ef_demo_server_get_identifier (demo), NULL, 10);
  g_clear_object (&demo);
  g_assert_cmpint (kill (pid, 0), ==, -1);
}

static void
test_demo_window (void)
{
  g_autoptr (EfApplication) application = new_application ();
  EfDemoServer *demo;
  EfWindow *window;
  GPid pid;

  set_portal (application);
  window = open_window (application);
  ui_test_assert_state_soon (window, "welcome");

  g_action_group_activate_action (G_ACTION_GROUP (application), "demo", NULL);
  ui_test_assert_state_soon (window, "main");

  demo = ef_application_get_demo_server (application);
  g_assert_true (ef_demo_server_get_running (demo));
  g_assert_cmpstr (ef_client_get_portal_url (ef_application_get_client (application)), ==,
                   ef_demo_server_get_portal_url (demo));
  pid = (GPid) g_ascii_strtoll (ef_demo_server_get_identifier (demo), NULL, 10);

  /* The demo's address is not remembered as the portal. */
  {
    g_autofree char *stored = g_settings_get_string (ef_application_get_settings (application),
                                                     "portal-url");

    g_assert_cmpstr (stored, !=, ef_demo_server_get_portal_url (demo));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  /* What the application's shutdown does. */
  ef_demo_server_stop (demo);
  g_assert_cmpint (kill (pid, 0), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  /* The demo database of the tests is their own. */
  data_home = g_dir_make_tmp ("ef-test-sign-in-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_setenv ("ESPACE_FAMILLE_SERVER", ef_test_server_binary (), TRUE);
  server = ef_test_server_start (TRUE, NULL);
  ef_test_api_demo_account (server, &demo_email, &demo_password);

  g_test_add_func ("/ui/sign-in/wrong-password", test_wrong_password);
  g_test_add_func ("/ui/sign-in/unreachable", test_unreachable);
  g_test_add_func ("/ui/sign-in/navigation", test_navigation);
  g_test_add_func ("/ui/sign-in/dashboard-requests", test_dashboard_requests);
  g_test_add_func ("/ui/sign-in/remember-me", test_remember_me);
  g_test_add_func ("/ui/sign-in/remembered-device-refused", test_remembered_device_refused);
  g_test_add_func ("/ui/sign-in/demo-server", test_demo_server);
  g_test_add_func ("/ui/sign-in/demo-window", test_demo_window);
  /* Last: it stops the server. */
  g_test_add_func ("/ui/sign-in/offline-start", test_offline_start);

  status = g_test_run ();

  g_clear_pointer (&server, ef_test_server_free);
  g_free (demo_email);
  g_free (demo_password);
  {
    const char *rm_argv[] = { "rm", "-rf", data_home, NULL };

    g_spawn_sync (NULL, (char **) rm_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                  NULL, NULL);
  }
  g_free (data_home);

  return status;
}
