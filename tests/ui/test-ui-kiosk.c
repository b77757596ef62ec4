/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-kiosk.c: the shared terminal signs out whoever walks away */

#define G_LOG_DOMAIN "EfTestUi"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "api/ef-client.h"
#include "ef-application.h"
#include "ef-kiosk.h"
#include "ef-window.h"
#include "pages/ef-sign-in-page.h"
#include "pages/ef-welcome-page.h"
#include "ef-test-server.h"
#include "ef-test-api.h"
#include "ui-test-util.h"

static EfTestServer *server;
static char *demo_email;
static char *demo_password;

static gboolean
countdown_shown_cb (gpointer data)
{
  return gtk_revealer_get_reveal_child (data);
}

/* Everything a person could read or copy in the window. */
static void
assert_nothing_left (GtkWidget  *widget,
                     const char *family_name,
                     const char *email)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if (strstr (text, family_name) != NULL || strstr (text, email) != NULL)
        g_error ("a %s still reads “%s”", G_OBJECT_TYPE_NAME (widget), text);
    }

  if (GTK_IS_EDITABLE (widget))
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (widget)), ==, "");

  if (ADW_IS_PREFERENCES_ROW (widget))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));

      g_assert_null (strstr (title, family_name));
      g_assert_null (strstr (title, email));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_nothing_left (child, family_name, email);
}

static void
test_idle_sign_out (void)
{
  g_autoptr (EfApplication) application = ef_application_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *url = ef_test_server_portal_url (server, "7249");
  g_autofree char *stored = NULL;
  GSettings *settings;
  EfClient *client;
  EfWindow *window;
  EfKiosk *kiosk;

  g_application_set_flags (G_APPLICATION (application), G_APPLICATION_NON_UNIQUE);
  settings = ef_application_get_settings (application);
  g_settings_set_string (settings, "portal-url", url);
  g_settings_set_boolean (settings, "kiosk-mode", TRUE);
  g_settings_set_int (settings, "kiosk-idle-seconds", 2);
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  client = ef_application_get_client (application);
  /* Nothing is remembered on a shared terminal. */
  g_assert_true (ef_application_get_kiosk (application));
  g_assert_null (ef_client_get_credentials (client));

  window = ef_window_new (application);
  kiosk = ef_window_get_kiosk (window);
  g_assert_nonnull (kiosk);
  g_assert_cmpuint (ef_kiosk_get_idle_seconds (kiosk), ==, 2);
  ef_kiosk_set_countdown_seconds (kiosk, 1);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_assert_state_soon (window, "welcome");

  g_assert_false (gtk_widget_get_visible (ui_test_form_child (window, "remember_list")));
  g_assert_false (gtk_widget_get_visible (ui_test_form_child (window, "change_portal_button")));
  g_assert_false (gtk_widget_get_visible (ui_test_form_child (window, "demo_button")));
  /* Nobody signed in: no countdown. */
  g_assert_false (ef_kiosk_get_active (kiosk));

  gtk_editable_set_text (ui_test_form_child (window, "email_row"), demo_email);
  gtk_editable_set_text (ui_test_form_child (window, "password_row"), demo_password);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui_test_sign_in_page (window)),
                                             "sign-in.sign-in", NULL));
  ui_test_assert_state_soon (window, "main");
  g_assert_true (ef_kiosk_get_active (kiosk));
  g_assert_true (ef_client_get_signed_in (client));

  /* Nobody touches anything: a countdown, then the sign-out. */
  g_assert_true (ui_test_wait_until (countdown_shown_cb, ui_test_window_child (window, "kiosk_revealer")));
  g_assert_nonnull (strstr (gtk_label_get_text (ui_test_window_child (window, "kiosk_label")), "1"));
  ui_test_assert_state_soon (window, "welcome");
  g_assert_false (ef_kiosk_get_active (kiosk));
  g_assert_false (gtk_revealer_get_reveal_child (ui_test_window_child (window, "kiosk_revealer")));

  /* The client forgot the family, the window every widget that showed it,
   * and the form what was typed. */
  g_assert_false (ef_client_get_signed_in (client));
  g_assert_null (ef_client_get_family (client));
  g_assert_cmpuint (g_list_model_get_n_items (ef_client_get_members (client)), ==, 0);
  g_assert_null (gtk_widget_get_first_child (ui_test_window_child (window, "sidebar_list")));
  assert_nothing_left (GTK_WIDGET (window), "Martin", demo_email);

  /* And nothing was written. */
  stored = g_settings_get_string (settings, "portal-url");
  g_assert_cmpstr (stored, ==, url);

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "kiosk-mode");
  g_settings_reset (settings, "kiosk-idle-seconds");
}

static void
on_expired_cb (EfKiosk *kiosk,
               guint   *expired)
{
  (*expired)++;
}

static gboolean
somebody_there_cb (gpointer data)
{
  ef_kiosk_reset (data);
  return G_SOURCE_CONTINUE;
}

static gboolean
set_true_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_true_cb (gpointer data)
{
  return *(gboolean *) data;
}

static void
test_activity_keeps_session (void)
{
  GtkWidget *widget = g_object_ref_sink (gtk_label_new (""));
  g_autoptr (EfKiosk) kiosk = ef_kiosk_new (widget);
  gboolean over = FALSE;
  guint expired = 0;
  guint presence;

  ef_kiosk_set_idle_seconds (kiosk, 2);
  ef_kiosk_set_countdown_seconds (kiosk, 1);
  g_signal_connect (kiosk, "expired", G_CALLBACK (on_expired_cb), &expired);
  ef_kiosk_set_active (kiosk, TRUE);

  /* Somebody does something every half second for 3 s: no sign-out. */
  presence = g_timeout_add (500, somebody_there_cb, kiosk);
  g_timeout_add (3000, set_true_cb, &over);
  g_assert_true (ui_test_wait_until (is_true_cb, &over));
  g_source_remove (presence);
  g_assert_cmpuint (expired, ==, 0);
  g_assert_cmpuint (ef_kiosk_get_remaining (kiosk), ==, 0);

  /* Then nobody: it expires once. */
  g_assert_true (ui_test_wait_until ((UiTestCondition) is_true_cb, &expired));
  g_assert_cmpuint (expired, ==, 1);
  g_assert_false (ef_kiosk_get_remaining (kiosk));

  g_clear_object (&kiosk);
  g_object_unref (widget);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  server = ef_test_server_start (TRUE, NULL);
  ef_test_api_demo_account (server, &demo_email, &demo_password);

  g_test_add_func ("/ui/kiosk/idle-sign-out", test_idle_sign_out);
  g_test_add_func ("/ui/kiosk/activity-keeps-session", test_activity_keeps_session);

  status = g_test_run ();

  g_clear_pointer (&server, ef_test_server_free);
  g_free (demo_email);
  g_free (demo_password);

  return status;
}
