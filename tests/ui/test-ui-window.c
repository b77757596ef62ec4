/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-window.c: the real application window against a real server */

#define G_LOG_DOMAIN "EfTestUi"

#include "config.h"

#include <adwaita.h>

#include "api/ef-client.h"
#include "ef-application.h"
#include "ef-window.h"
#include "pages/ef-portal-setup-page.h"
#include "pages/ef-welcome-page.h"
#include "ef-test-server.h"
#include "ui-test-util.h"

#define NBSP "\xc2\xa0"

static EfApplication *application;
static EfTestServer *server;

static gpointer
window_child (GtkWidget  *window,
              const char *name)
{
  GObject *child = gtk_widget_get_template_child (window, EF_TYPE_WINDOW, name);

  g_assert_nonnull (child);
  return child;
}

/* The page of the window's stack named @name ("welcome", "setup"…), which
 * the window builds the first time it shows it. */
static gpointer
stack_page (GtkWidget  *window,
            const char *name)
{
  GtkWidget *page = gtk_stack_get_child_by_name (window_child (window, "stack"), name);

  g_assert_nonnull (page);
  return page;
}

static const char *
window_state (GtkWidget *window)
{
  return gtk_stack_get_visible_child_name (window_child (window, "stack"));
}

static void
assert_state_soon (GtkWidget  *window,
                   const char *state)
{
  ui_test_assert_soon_in_state ((UiTestStateFunc) window_state, window, "the window", state);
}

static const char *
town_name (GtkWidget *window)
{
  GtkWidget *page = gtk_stack_get_child_by_name (window_child (window, "stack"), "welcome");

  /* Not built before it is first shown. */
  if (page == NULL)
    return "";
  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (page, EF_TYPE_WELCOME_PAGE,
                                                                       "town_label")));
}

static gboolean
town_is_billere_cb (gpointer data)
{
  return g_str_equal (town_name (data), "Ville de Billère");
}

static void
set_portal (const char *url)
{
  g_settings_set_string (ef_application_get_settings (application), "portal-url", url);
}

static GtkWidget *
open_window (void)
{
  GtkWidget *window = GTK_WIDGET (ef_window_new (application));

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, window));
  return window;
}

static const char *
error_message_for (EfClientError code)
{
  g_autoptr (GError) error = g_error_new_literal (EF_CLIENT_ERROR, code, "");

  return ef_client_error_get_user_message (error);
}

static void
on_spinning_cb (GtkSpinner *spinner,
                GParamSpec *pspec,
                gboolean   *turned)
{
  if (gtk_spinner_get_spinning (spinner))
    *turned = TRUE;
}

static void
test_welcome (void)
{
  gboolean spinner_turned = FALSE;
  g_autofree char *url = ef_test_server_portal_url (server, "7249");
  GtkWidget *window;
  GtkWidget *welcome;
  GtkLabel *contact;

  set_portal (url);

  /* The application's own path: activate creates and presents the window. */
  g_application_activate (G_APPLICATION (application));
  window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (application)));
  g_assert_true (EF_IS_WINDOW (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Espace Famille");

  if (!ui_test_wait_until (town_is_billere_cb, window))
    g_error ("the town's name reads “%s” after %d s (state “%s”)",
             town_name (window), UI_TEST_WAIT_TIMEOUT_S, window_state (window));

  g_assert_cmpstr (window_state (window), ==, "welcome");
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, window));
  g_assert_true (gtk_widget_get_visible (window));

  welcome = stack_page (window, "welcome");
  contact = GTK_LABEL (gtk_widget_get_template_child (welcome, EF_TYPE_WELCOME_PAGE,
                                                      "contact_label"));
  /* Phone numbers are kept on one line with no-break spaces. */
  g_assert_nonnull (strstr (gtk_label_get_text (contact),
                            "05" NBSP "59" NBSP "92" NBSP "44" NBSP "58"));
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (contact)));

  /* Activating again presents the same window. */
  g_application_activate (G_APPLICATION (application));
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (application)) ==
                 GTK_WINDOW (window));

  /* Reload goes through loading back to the welcome. */
  g_signal_connect (window_child (window, "loading_spinner"), "notify::spinning",
                    G_CALLBACK (on_spinning_cb), &spinner_turned);
  g_assert_true (gtk_widget_activate_action (window, "win.retry", NULL));
  g_assert_cmpstr (window_state (window), ==, "loading");
  assert_state_soon (window, "welcome");
  /* The loading page's spinner does not turn behind the welcome. */
  g_assert_false (gtk_spinner_get_spinning (window_child (window, "loading_spinner")));
  /* A portal that answered before the spinner turned: the page comes at
   * once, without a fade from a page that said nothing. */
  if (!spinner_turned)
    g_assert_false (gtk_stack_get_transition_running (window_child (window, "stack")));
  else
    g_test_message ("the portal took over half a second: the fade is right there");
  g_signal_handlers_disconnect_by_func (window_child (window, "loading_spinner"),
                                        on_spinning_cb, &spinner_turned);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_narrow (void)
{
  g_autofree char *url = ef_test_server_portal_url (server, "7249");
  GtkWidget *window;
  int width;

  set_portal (url);
  window = open_window ();
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  assert_state_soon (window, "welcome");
  g_assert_true (ui_test_wait_until (town_is_billere_cb, window));

  /* Let the window take its size, then check nothing forced it wider. */
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  gtk_widget_measure (window, GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
  g_assert_cmpint (width, <=, 360);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_unknown_tenant (void)
{
  g_autofree char *url = ef_test_server_portal_url (server, "9999");
  GtkWidget *window;
  AdwStatusPage *error_page;

  set_portal (url);
  window = open_window ();
  assert_state_soon (window, "error");

  error_page = window_child (window, "error_page");
  g_assert_cmpstr (adw_status_page_get_icon_name (error_page), ==, "network-error-symbolic");
  g_assert_cmpstr (adw_status_page_get_description (error_page), ==,
                   error_message_for (EF_CLIENT_ERROR_UNKNOWN_TENANT));
  g_assert_true (gtk_widget_get_visible (window_child (window, "retry_button")));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_unreachable (void)
{
  guint16 port = 0;
  g_autoptr (GSocket) closed = ef_test_closed_socket (&port);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/7249", port);
  GtkWidget *window;
  AdwStatusPage *error_page;
  GtkWidget *retry_button;

  set_portal (url);
  window = open_window ();
  assert_state_soon (window, "error");

  error_page = window_child (window, "error_page");
  g_assert_cmpstr (adw_status_page_get_description (error_page), ==,
                   error_message_for (EF_CLIENT_ERROR_NETWORK));

  /* Try Again is a real button: it loads again and fails again. */
  retry_button = window_child (window, "retry_button");
  g_assert_true (gtk_widget_get_visible (retry_button));
  g_assert_true (gtk_widget_is_sensitive (retry_button));
  g_signal_emit_by_name (retry_button, "clicked");
  g_assert_cmpstr (window_state (window), ==, "loading");
  assert_state_soon (window, "error");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_insecure_setting (void)
{
  GtkWidget *window;
  AdwStatusPage *error_page;

  set_portal ("http://espacefamille.example.fr/7249");
  window = open_window ();
  assert_state_soon (window, "error");

  error_page = window_child (window, "error_page");
  g_assert_cmpstr (adw_status_page_get_description (error_page), ==,
                   error_message_for (EF_CLIENT_ERROR_INSECURE_PORTAL));
  /* Trying again cannot help: only the change of address is offered. */
  g_assert_false (gtk_widget_get_visible (window_child (window, "retry_button")));

  g_assert_true (gtk_widget_activate_action (window, "win.change-portal", NULL));
  g_assert_cmpstr (window_state (window), ==, "setup");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_setup (void)
{
  g_autofree char *url = ef_test_server_portal_url (server, "7249");
  g_autofree char *pasted = g_strdup_printf ("  %s/#/accueil  ", url);
  GtkWidget *window;
  GtkWidget *setup_page;
  GtkEditable *address_row;
  GtkWidget *error_label;
  g_autofree char *stored = NULL;

  set_portal ("");
  window = open_window ();
  g_assert_cmpstr (window_state (window), ==, "setup");
  g_assert_false (gtk_widget_get_visible (window_child (window, "back_button")));

  setup_page = stack_page (window, "setup");
  address_row = GTK_EDITABLE (gtk_widget_get_template_child (setup_page,
                                                             EF_TYPE_PORTAL_SETUP_PAGE,
                                                             "address_row"));
  error_label = GTK_WIDGET (gtk_widget_get_template_child (setup_page,
                                                           EF_TYPE_PORTAL_SETUP_PAGE,
                                                           "error_label"));

  /* Nothing typed: Connect is disabled, so nothing happens, not even an error. */
  gtk_widget_activate_action (setup_page, "setup.connect", NULL);
  g_assert_cmpstr (window_state (window), ==, "setup");
  g_assert_false (gtk_widget_get_visible (error_label));

  /* Plain http to a remote host is refused right there. */
  gtk_editable_set_text (address_row, "http://espacefamille.example.fr/7249");
  gtk_widget_activate_action (setup_page, "setup.connect", NULL);
  g_assert_cmpstr (window_state (window), ==, "setup");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==,
                   error_message_for (EF_CLIENT_ERROR_INSECURE_PORTAL));

  /* Typing clears the error. */
  gtk_editable_set_text (address_row, pasted);
  g_assert_false (gtk_widget_get_visible (error_label));

  gtk_widget_activate_action (setup_page, "setup.connect", NULL);
  assert_state_soon (window, "welcome");
  g_assert_true (ui_test_wait_until (town_is_billere_cb, window));

  stored = g_settings_get_string (ef_application_get_settings (application), "portal-url");
  g_assert_cmpstr (stored, ==, url);

  /* Change the address, then think better of it. */
  g_assert_true (gtk_widget_activate_action (window, "win.change-portal", NULL));
  g_assert_cmpstr (window_state (window), ==, "setup");
  g_assert_cmpstr (gtk_editable_get_text (address_row), ==, url);
  g_assert_true (gtk_widget_get_visible (window_child (window, "back_button")));
  g_assert_true (gtk_widget_activate_action (window, "win.cancel-change-portal", NULL));
  assert_state_soon (window, "welcome");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_follows_settings (void)
{
  g_autofree char *url = ef_test_server_portal_url (server, "7249");
  g_autofree char *unknown = ef_test_server_portal_url (server, "9999");
  GtkWidget *window;

  set_portal (url);
  window = open_window ();
  assert_state_soon (window, "welcome");

  /* `espace-famille --portal` from another process writes the key. */
  set_portal (unknown);
  assert_state_soon (window, "error");
  set_portal (url);
  assert_state_soon (window, "welcome");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A portal that takes connections and never answers: each is held open. */
typedef struct {
  GSocketListener *listener;
  GCancellable    *cancellable;
  GPtrArray       *connections;
} SilentPortal;

static void
on_silent_accepted_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  SilentPortal *portal = user_data;
  GSocketConnection *connection;

  connection = g_socket_listener_accept_finish (G_SOCKET_LISTENER (source), result, NULL, NULL);
  if (connection == NULL)
    return;

  g_ptr_array_add (portal->connections, connection);
  g_socket_listener_accept_async (portal->listener, portal->cancellable,
                                  on_silent_accepted_cb, portal);
}

static guint16
silent_portal_start (SilentPortal *portal)
{
  g_autoptr (GError) error = NULL;
  guint16 port;

  portal->listener = g_socket_listener_new ();
  portal->cancellable = g_cancellable_new ();
  portal->connections = g_ptr_array_new_with_free_func (g_object_unref);
  port = g_socket_listener_add_any_inet_port (portal->listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_accept_async (portal->listener, portal->cancellable,
                                  on_silent_accepted_cb, portal);

  return port;
}

static void
silent_portal_stop (SilentPortal *portal)
{
  g_cancellable_cancel (portal->cancellable);
  g_socket_listener_close (portal->listener);
  g_clear_object (&portal->listener);
  g_clear_object (&portal->cancellable);
  g_clear_pointer (&portal->connections, g_ptr_array_unref);
}

static gboolean
has_connection_cb (gpointer data)
{
  SilentPortal *portal = data;

  return portal->connections->len > 0;
}

static gboolean
spinner_turns_cb (gpointer data)
{
  return gtk_spinner_get_spinning (data);
}

static void
test_destroy_while_loading (void)
{
  SilentPortal portal = { 0 };
  guint16 port = silent_portal_start (&portal);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/7249", port);
  GtkWidget *window;
  gint64 end;

  set_portal (url);
  window = open_window ();
  g_assert_true (ui_test_wait_until (has_connection_cb, &portal));
  g_assert_cmpstr (window_state (window), ==, "loading");
  /* A wait that lasts is shown by the spinner (not at once: a portal
   * that answers quickly shows none). */
  g_assert_true (ui_test_wait_until (spinner_turns_cb, window_child (window, "loading_spinner")));
  g_assert_cmpstr (window_state (window), ==, "loading");

  /* The request still waits for its answer; nothing may keep the window
   * alive for it, nor touch it afterwards. A warning or a critical would
   * end the test (g_test_init() makes them fatal). */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));

  end = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (window != NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (window);

  /* And the cancelled request ends quietly. */
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);

  silent_portal_stop (&portal);
}

static gboolean
no_window_cb (gpointer data)
{
  return gtk_application_get_windows (GTK_APPLICATION (application)) == NULL;
}

static gboolean
is_hidden_cb (gpointer data)
{
  return !gtk_widget_get_visible (data);
}

static void
test_about_and_quit (void)
{
  g_autofree char *url = ef_test_server_portal_url (server, "7249");
  GSettings *settings = ef_application_get_settings (application);
  GtkWidget *window;
  GtkWindow *about = NULL;
  g_autoptr (GListModel) toplevels = gtk_window_get_toplevels ();
  g_auto (GStrv) accels = NULL;
  GtkShortcutsWindow *overlay;
  GLogLevelFlags fatal;

  set_portal (url);
  window = open_window ();
  assert_state_soon (window, "welcome");

  g_action_group_activate_action (G_ACTION_GROUP (application), "about", NULL);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (toplevel))
        about = toplevel;
    }
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_true (gtk_window_get_transient_for (about) == GTK_WINDOW (window));
  gtk_window_destroy (about);

  /* The shortcuts window: not built with the window, built and shown
   * when asked for (Ctrl+?), then the same one each time. */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (application),
                                                  "win.show-help-overlay");
  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>question"));
  /* GTK 4.8's shortcuts window, under libadwaita's style, warns that two
   * of its keycaps' labels "reported min width -3" as it is measured (the
   * same window GtkApplication built before): not fatal while it shows. */
  fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
  g_assert_true (gtk_widget_activate_action (window, "win.show-help-overlay", NULL));
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (overlay);
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, overlay));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));
  gtk_window_close (GTK_WINDOW (overlay));
  g_assert_true (ui_test_wait_until (is_hidden_cb, overlay));
  g_assert_true (gtk_widget_activate_action (window, "win.show-help-overlay", NULL));
  g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) ==
                 overlay);
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, overlay));
  gtk_window_close (GTK_WINDOW (overlay));
  g_assert_true (ui_test_wait_until (is_hidden_cb, overlay));
  g_log_set_always_fatal (fatal);

  /* Quitting closes the windows, which remember their size. */
  gtk_window_unmaximize (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), 500, 420);
  g_action_group_activate_action (G_ACTION_GROUP (application), "quit", NULL);
  g_assert_true (ui_test_wait_until (no_window_cb, NULL));
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 500);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 420);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  server = ef_test_server_start (TRUE, NULL);

  application = ui_test_application_new (NULL);

  g_test_add_func ("/ui/window/welcome", test_welcome);
  g_test_add_func ("/ui/window/narrow", test_narrow);
  g_test_add_func ("/ui/window/unknown-tenant", test_unknown_tenant);
  g_test_add_func ("/ui/window/unreachable", test_unreachable);
  g_test_add_func ("/ui/window/insecure-setting", test_insecure_setting);
  g_test_add_func ("/ui/window/setup", test_setup);
  g_test_add_func ("/ui/window/follows-settings", test_follows_settings);
  g_test_add_func ("/ui/window/destroy-while-loading", test_destroy_while_loading);
  g_test_add_func ("/ui/window/about-and-quit", test_about_and_quit);

  status = g_test_run ();

  g_clear_object (&application);
  g_clear_pointer (&server, ef_test_server_free);

  return status;
}
