/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-reminders.c: what a reminder's notification opens, and the
 * preferences that choose the reminders
 *
 * A notification's default action and button are the application's
 * actions "app.open-day" ((xss): child, activity, day) and
 * "app.open-invoice" (x): the window shows Mes réservations on that child
 * and day, or the invoice's window. The demo server's test clock says
 * Friday 11 December 2026; Hugo's meal of Thursday 17 is reserved.
 */

#define G_LOG_DOMAIN "EfTestUi"

#include "config.h"

#include <adwaita.h>

#include "api/ef-client.h"
#include "ef-application.h"
#include "ef-preferences-window.h"
#include "widgets/ef-devices-group.h"
#include "pages/ef-invoice-window.h"
#include "pages/ef-reservations-page.h"
#include "ef-test-api.h"
#include "ef-test-db.h"
#include "ef-test-server.h"
#include "ui-test-util.h"

#define MEAL "restaurant-scolaire"

static EfApplication *application;
/* The server and the demo family's account (not signed in here). */
static EfTestDemo demo;

static GtkWidget *
signed_in_window (void)
{
  g_autofree char *url = ef_test_server_portal_url (demo.server, "7249");

  return ui_test_signed_in_window (application, url, demo.email, demo.password);
}

static EfReservationsPage *
reservations_page (GtkWidget *window)
{
  return EF_RESERVATIONS_PAGE (ef_window_get_page (EF_WINDOW (window), "reservations"));
}

static const char *
shown_page (GtkWidget *window)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (window, EF_TYPE_WINDOW,
                                                              "content_stack"));

  return gtk_stack_get_visible_child_name (stack);
}

static gboolean
day_shown_cb (gpointer data)
{
  GtkWidget *window = data;
  EfReservationsPage *page;
  EfReservationCalendar *calendar;

  /* The page is built when first shown: not asked for before. */
  if (g_strcmp0 (shown_page (window), "reservations") != 0)
    return FALSE;
  page = reservations_page (window);
  if (g_strcmp0 (ef_reservations_page_get_state (page), "calendar") != 0)
    return FALSE;
  calendar = ef_reservations_page_get_calendar (page);
  return ef_reservations_page_get_child (page) == 3
         && g_strcmp0 (ef_reservation_calendar_get_activity (calendar), MEAL) == 0
         && ef_reservation_calendar_get_focus_day (calendar) == ef_day_new (2026, 12, 17)
         && ef_reservation_calendar_get_month (calendar) == ef_day_new (2026, 12, 1);
}

static EfInvoiceWindow *
find_invoice_window (void)
{
  return ui_test_find_toplevel (EF_TYPE_INVOICE_WINDOW, FALSE);
}

static gboolean
invoice_shown_cb (gpointer data)
{
  EfInvoiceWindow *window = find_invoice_window ();

  return window != NULL && ef_invoice_get_id (ef_invoice_window_get_invoice (window)) == 4;
}

static void
test_open_day (void)
{
  GtkWidget *window = signed_in_window ();

  /* The Family page first, so that the action has to change page. */
  g_assert_true (ef_window_show_page (EF_WINDOW (window), "family"));
  g_action_group_activate_action (G_ACTION_GROUP (application), "open-day",
                                  g_variant_new ("(xss)", (gint64) 3, MEAL, "2026-12-17"));
  g_assert_true (ui_test_wait_until (day_shown_cb, window));
  ui_test_maybe_screenshot (window, "reminder-open-day");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_open_invoice (void)
{
  GtkWidget *window = signed_in_window ();
  EfInvoiceWindow *invoice_window;

  g_action_group_activate_action (G_ACTION_GROUP (application), "open-invoice",
                                  g_variant_new_int64 (4));
  g_assert_true (ui_test_wait_until (invoice_shown_cb, NULL));
  g_assert_cmpstr (shown_page (window), ==, "invoices");
  invoice_window = find_invoice_window ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (invoice_window))
                 == GTK_WINDOW (window));

  gtk_window_destroy (GTK_WINDOW (invoice_window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static EfPreferencesWindow *
find_preferences (void)
{
  return ui_test_find_toplevel (EF_TYPE_PREFERENCES_WINDOW, FALSE);
}

static gboolean
preferences_shown_cb (gpointer data)
{
  EfPreferencesWindow *preferences = find_preferences ();

  return preferences != NULL && gtk_widget_get_mapped (GTK_WIDGET (preferences));
}

static void
test_preferences (void)
{
  GSettings *settings = ef_application_get_settings (application);
  GtkWidget *window = signed_in_window ();
  EfPreferencesWindow *preferences;
  GtkSwitch *deadlines;
  GtkSpinButton *hours;

  g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
  g_assert_true (ui_test_wait_until (preferences_shown_cb, NULL));
  preferences = find_preferences ();
  ui_test_maybe_screenshot (GTK_WIDGET (preferences), "reminders-preferences");

  deadlines = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                         EF_TYPE_PREFERENCES_WINDOW,
                                                         "deadlines_switch"));
  hours = GTK_SPIN_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                          EF_TYPE_PREFERENCES_WINDOW,
                                                          "hours_spin"));
  g_assert_true (gtk_switch_get_active (deadlines));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (hours), ==, 24);
  /* The demo town sends no reminders by e-mail: nothing to choose. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (
                    GTK_WIDGET (preferences), EF_TYPE_PREFERENCES_WINDOW, "email_group"))));

  /* The switches are the keys, both ways. */
  gtk_switch_set_active (deadlines, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "remind-deadlines"));
  g_settings_set_int (settings, "remind-deadline-hours", 48);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (hours), ==, 48);
  g_settings_reset (settings, "remind-deadlines");
  g_settings_reset (settings, "remind-deadline-hours");
  g_assert_true (gtk_switch_get_active (deadlines));

  gtk_window_destroy (GTK_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct {
  EfClient         *client;
  gboolean          asked;
  EfEmailReminders  reminders;
} EmailWait;

static void
on_email_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  EmailWait *wait = user_data;

  g_assert_true (ef_client_get_email_reminders_finish (EF_CLIENT (source), result,
                                                       &wait->reminders, NULL));
  wait->asked = FALSE;
}

/* Asks the portal again and again until it has the deadlines by e-mail. */
static gboolean
email_deadlines_saved_cb (gpointer data)
{
  EmailWait *wait = data;

  if (wait->reminders.deadlines)
    return TRUE;
  if (!wait->asked)
    {
      wait->asked = TRUE;
      ef_client_get_email_reminders_async (wait->client, NULL, on_email_cb, wait);
    }
  return FALSE;
}

static gboolean
email_group_shown_cb (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static void
test_email_preferences (void)
{
  EmailWait wait = { ef_application_get_client (application), FALSE, { 0 } };
  GtkWidget *window;
  EfPreferencesWindow *preferences;
  GtkWidget *group;
  GtkSwitch *email_deadlines;

  /* The town sends them now. */
  ef_test_db_exec (ef_test_server_get_db_path (demo.server),
                   "UPDATE tenants SET email_reminders = 1 WHERE id = '7249'");
  window = signed_in_window ();
  g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
  g_assert_true (ui_test_wait_until (preferences_shown_cb, NULL));
  preferences = find_preferences ();
  group = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                    EF_TYPE_PREFERENCES_WINDOW, "email_group"));
  g_assert_true (ui_test_wait_until (email_group_shown_cb, group));
  ui_test_maybe_screenshot (GTK_WIDGET (preferences), "reminders-preferences-email");

  email_deadlines = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                               EF_TYPE_PREFERENCES_WINDOW,
                                                               "email_deadlines_switch"));
  g_assert_false (gtk_switch_get_active (email_deadlines));
  gtk_switch_set_active (email_deadlines, TRUE);
  g_assert_true (ui_test_wait_until (email_deadlines_saved_cb, &wait));
  g_assert_false (wait.reminders.due_dates);
  g_assert_cmpuint (wait.reminders.hours_before, ==, 24);

  gtk_window_destroy (GTK_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_kiosk_preferences (void)
{
  GSettings *settings = ef_application_get_settings (application);
  g_autoptr (GtkWidget) preferences = NULL;
  GtkWidget *group;

  /* Nothing to choose on the town hall's terminal. */
  preferences = g_object_ref_sink (ef_preferences_window_new (settings,
                                                              ef_application_get_client (application),
                                                              TRUE));
  group = GTK_WIDGET (gtk_widget_get_template_child (preferences, EF_TYPE_PREFERENCES_WINDOW,
                                                     "notifications_group"));
  g_assert_false (gtk_widget_get_sensitive (group));
  group = GTK_WIDGET (gtk_widget_get_template_child (preferences, EF_TYPE_PREFERENCES_WINDOW,
                                                     "background_group"));
  g_assert_false (gtk_widget_get_sensitive (group));
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static gboolean
rows_cb (gpointer data)
{
  gpointer *wait = data;
  GtkListBox *list = wait[0];
  guint n = GPOINTER_TO_UINT (wait[1]);

  return gtk_list_box_get_row_at_index (list, (int) n - 1) != NULL &&
         gtk_list_box_get_row_at_index (list, (int) n) == NULL;
}

static void
wait_for_rows (GtkListBox *list,
               guint       n)
{
  gpointer wait[] = { list, GUINT_TO_POINTER (n) };

  g_assert_true (ui_test_wait_until (rows_cb, wait));
}

/* The first widget of @type in @widget and below, or NULL. */
static GtkWidget *
find_of_type (GtkWidget *widget,
              GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Preferences, Sign-In: this computer and another, which it forgets. */
static void
test_remembered_computers (void)
{
  EfClient *app_client = ef_application_get_client (application);
  g_autoptr (JsonNode) other = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *body = NULL;
  const char *db = ef_test_server_get_db_path (demo.server);
  EfPreferencesWindow *preferences;
  GtkWidget *window;
  GtkWidget *group;
  GtkWidget *page;
  GtkListBox *list;
  GtkWidget *forget;
  guint status;

  /* Another computer, remembered first. */
  body = g_strdup_printf ("{\"email\": \"%s\", \"password\": \"%s\","
                          " \"client\": \"Espace Famille 0.9 (GNOME)\", \"remember\": true}",
                          demo.email, demo.password);
  other = ef_test_api_request (demo.session, demo.server, "POST", "/7249/api/v1/auth/login", NULL,
                               body, &status);
  g_assert_cmpuint (status, ==, 200);

  /* This one signs in again with "remember me". */
  if (ef_client_get_signed_in (app_client))
    {
      ef_client_sign_out_async (app_client, NULL, ui_test_on_result_cb, &result);
      g_assert_true (ef_client_sign_out_finish (app_client, ui_test_wait_for_result (&result),
                                                &error));
      g_clear_object (&result);
    }
  ef_client_sign_in_async (app_client, demo.email, demo.password, TRUE, NULL, ui_test_on_result_cb,
                           &result);
  g_assert_true (ef_client_sign_in_finish (app_client, ui_test_wait_for_result (&result), &error));
  g_assert_no_error (error);
  window = signed_in_window ();

  g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
  g_assert_true (ui_test_wait_until (preferences_shown_cb, NULL));
  preferences = find_preferences ();
  group = find_of_type (GTK_WIDGET (preferences), EF_TYPE_DEVICES_GROUP);
  g_assert_nonnull (group);
  page = gtk_widget_get_ancestor (group, ADW_TYPE_PREFERENCES_PAGE);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences),
                                           ADW_PREFERENCES_PAGE (page));
  list = GTK_LIST_BOX (gtk_widget_get_template_child (group, EF_TYPE_DEVICES_GROUP, "list"));
  wait_for_rows (list, 2);
  ui_test_maybe_screenshot (GTK_WIDGET (preferences), "remembered-computers");

  /* This computer, used last, has no Forget button: signing out is how. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list, 0))),
                   !=, NULL);
  g_assert_null (find_of_type (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)), GTK_TYPE_BUTTON));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, 1))),
                   ==, "Espace Famille 0.9 (GNOME)");
  forget = find_of_type (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 1)), GTK_TYPE_BUTTON);
  g_assert_nonnull (forget);
  g_assert_true (gtk_widget_activate (forget));
  wait_for_rows (list, 1);
  g_assert_cmpint (ef_test_db_query_int (db, "SELECT count(*) FROM devices WHERE client LIKE '%0.9%'"),
                   ==, 0);
  g_assert_cmpint (ef_test_db_query_int (db, "SELECT count(*) FROM devices WHERE spent_at IS NULL"),
                   ==, 1);

  gtk_window_destroy (GTK_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  ef_test_demo_start (&demo);
  ef_test_api_set_clock (demo.session, demo.server, NULL, "2026-12-11T10:00:00+01:00");

  application = ui_test_application_new (NULL);

  g_test_add_func ("/ui/reminders/open-day", test_open_day);
  g_test_add_func ("/ui/reminders/open-invoice", test_open_invoice);
  g_test_add_func ("/ui/reminders/preferences", test_preferences);
  g_test_add_func ("/ui/reminders/email-preferences", test_email_preferences);
  g_test_add_func ("/ui/reminders/kiosk-preferences", test_kiosk_preferences);
  g_test_add_func ("/ui/reminders/remembered-computers", test_remembered_computers);

  status = g_test_run ();

  g_clear_object (&application);
  ef_test_demo_clear (&demo);

  return status;
}
