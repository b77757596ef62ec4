/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-reminders.c: the desktop reminders, caught on the session bus
 *
 * The test owns org.gtk.Notifications on the test's private session bus
 * (run-tests gives each run its own) and records every AddNotification,
 * which is where GNotification goes outside a sandbox when that name has
 * an owner. A real server runs on the demo data with the test clock: the
 * reminders' "now" is the server's, so the deadline reminder is driven by
 * setting that clock, never by waiting, and the test holds at any date
 * of the machine (faketime). */

#define G_LOG_DOMAIN "EfTestClient"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "api/ef-client.h"
#include "client-test-util.h"
#include "ef-background.h"
#include "ef-reminders.h"
#include "ef-test-api.h"
#include "ef-test-server.h"

#define TEST_APP_ID "io.github.espacefamille.EspaceFamille.TestReminders"

static const char * const test_clock_args[] = { "--test-clock", NULL };

static const char fake_introspection[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "    </method>"
  "    <method name='Sync'/>"
  "  </interface>"
  "</node>";

typedef struct {
  char     *id;
  GVariant *notification;
} Recorded;

typedef struct {
  EfTestServer    *server;
  SoupSession     *session;
  EfClient        *client;
  GApplication    *application;
  GSettings       *settings;
  GDBusConnection *fake_bus;
  guint            fake_object_id;
  GPtrArray       *recorded;
  char            *tmpdir;
  char            *state_path;
  char            *email;
  char            *password;
} Fixture;

static void
recorded_free (Recorded *recorded)
{
  g_free (recorded->id);
  g_variant_unref (recorded->notification);
  g_free (recorded);
}

static void
on_fake_method_call_cb (GDBusConnection       *connection,
                        const char            *sender,
                        const char            *object_path,
                        const char            *interface_name,
                        const char            *method_name,
                        GVariant              *parameters,
                        GDBusMethodInvocation *invocation,
                        gpointer               user_data)
{
  Fixture *fixture = user_data;

  if (g_str_equal (method_name, "AddNotification"))
    {
      Recorded *recorded = g_new0 (Recorded, 1);
      const char *app_id;

      g_variant_get (parameters, "(&ss@a{sv})", &app_id, &recorded->id,
                     &recorded->notification);
      g_assert_cmpstr (app_id, ==, TEST_APP_ID);
      g_ptr_array_add (fixture->recorded, recorded);
    }

  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable fake_vtable = { on_fake_method_call_cb, NULL, NULL, { 0 } };

static void
sign_in (Fixture *fixture)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  ef_client_sign_in_async (fixture->client, fixture->email, fixture->password, FALSE, NULL,
                           on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (ef_client_sign_in_finish (fixture->client, result, &error));
  g_assert_no_error (error);
}

/* Sessions end when the clock jumps by days: as the application does on
 * "sign-in-required", sign in again. */
static void
set_clock (Fixture    *fixture,
           const char *now)
{
  ef_test_api_set_clock (fixture->session, fixture->server, NULL, now);
  if (fixture->client != NULL)
    sign_in (fixture);
}

/* Runs the reminders once, then makes sure that every notification they
 * sent has reached the fake server: calls on one connection arrive in
 * order, so once Sync is answered the AddNotification before it are in. */
static void
check (Fixture     *fixture,
       EfReminders *reminders)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr (GError) error = NULL;
  guint n_checks = ef_reminders_get_n_checks (reminders);
  gint64 end = g_get_monotonic_time () + WAIT_TIMEOUT_S * G_USEC_PER_SEC;

  ef_reminders_check (reminders);
  while (ef_reminders_get_n_checks (reminders) == n_checks)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, TRUE);
    }

  g_dbus_connection_call (bus, g_dbus_connection_get_unique_name (fixture->fake_bus),
                          "/org/gtk/Notifications", "org.gtk.Notifications", "Sync", NULL,
                          NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, on_result_cb, &result);
  wait_for_result (&result);
  reply = g_dbus_connection_call_finish (bus, result, &error);
  g_assert_no_error (error);
}

static EfReminders *
new_reminders (Fixture *fixture)
{
  EfReminders *reminders = ef_reminders_new (fixture->application, fixture->client,
                                             fixture->settings, fixture->state_path);

  ef_reminders_start (reminders);
  return reminders;
}

static Recorded *
find_recorded (Fixture    *fixture,
               const char *id)
{
  for (guint i = 0; i < fixture->recorded->len; i++)
    {
      Recorded *recorded = g_ptr_array_index (fixture->recorded, i);

      if (g_str_equal (recorded->id, id))
        return recorded;
    }
  return NULL;
}

static guint
count_recorded (Fixture    *fixture,
                const char *prefix)
{
  guint n = 0;

  for (guint i = 0; i < fixture->recorded->len; i++)
    {
      Recorded *recorded = g_ptr_array_index (fixture->recorded, i);

      if (g_str_has_prefix (recorded->id, prefix))
        n++;
    }
  return n;
}

static const char *
lookup_string (Recorded   *recorded,
               const char *key)
{
  const char *value = NULL;

  g_assert_true (g_variant_lookup (recorded->notification, key, "&s", &value));
  return value;
}

/* The default action and the one button open the same thing. */
static void
assert_actions (Recorded   *recorded,
                const char *action,
                GVariant   *target)
{
  g_autoptr (GVariant) default_target = NULL;
  g_autoptr (GVariant) buttons = NULL;
  g_autoptr (GVariant) button = NULL;
  g_autoptr (GVariant) button_target = NULL;
  const char *button_action = NULL;

  g_variant_ref_sink (target);
  g_assert_cmpstr (lookup_string (recorded, "default-action"), ==, action);
  default_target = g_variant_lookup_value (recorded->notification, "default-action-target",
                                           NULL);
  g_assert_nonnull (default_target);
  g_assert_true (g_variant_equal (default_target, target));

  buttons = g_variant_lookup_value (recorded->notification, "buttons",
                                    G_VARIANT_TYPE ("aa{sv}"));
  g_assert_nonnull (buttons);
  g_assert_cmpuint (g_variant_n_children (buttons), ==, 1);
  button = g_variant_get_child_value (buttons, 0);
  g_assert_true (g_variant_lookup (button, "action", "&s", &button_action));
  g_assert_cmpstr (button_action, ==, action);
  button_target = g_variant_lookup_value (button, "target", NULL);
  g_assert_true (g_variant_equal (button_target, target));
  g_variant_unref (target);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GDBusNodeInfo) info = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *portal_url = NULL;

  fixture->recorded = g_ptr_array_new_with_free_func ((GDestroyNotify) recorded_free);
  fixture->tmpdir = g_dir_make_tmp ("test-reminders-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->state_path = g_build_filename (fixture->tmpdir, "reminders-sent", NULL);

  /* The fake notification server, on a connection of its own. */
  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  fixture->fake_bus = g_dbus_connection_new_for_address_sync (
    address, G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
             G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION, NULL, NULL, &error);
  g_assert_no_error (error);
  info = g_dbus_node_info_new_for_xml (fake_introspection, &error);
  g_assert_no_error (error);
  fixture->fake_object_id =
    g_dbus_connection_register_object (fixture->fake_bus, "/org/gtk/Notifications",
                                       info->interfaces[0], &fake_vtable, fixture, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (fixture->fake_bus, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName",
                                       g_variant_new ("(su)", "org.gtk.Notifications", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);

  fixture->application = g_application_new (TEST_APP_ID, G_APPLICATION_NON_UNIQUE);
  g_application_register (fixture->application, NULL, &error);
  g_assert_no_error (error);

  fixture->settings = g_settings_new ("io.github.espacefamille.EspaceFamille");

  fixture->server = ef_test_server_start (TRUE, test_clock_args);
  fixture->session = ef_test_api_session_new ();
  /* A Friday; the next deadline of a reserved day is Monday 09:00. */
  set_clock (fixture, "2026-12-11T10:00:00+01:00");
  portal_url = ef_test_server_portal_url (fixture->server, "7249");
  ef_test_api_demo_account (fixture->server, &fixture->email, &fixture->password);
  fixture->client = ef_client_new (portal_url);
  sign_in (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->server, ef_test_server_free);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->application);
  g_dbus_connection_unregister_object (fixture->fake_bus, fixture->fake_object_id);
  g_dbus_connection_close_sync (fixture->fake_bus, NULL, NULL);
  g_clear_object (&fixture->fake_bus);
  g_clear_pointer (&fixture->recorded, g_ptr_array_unref);
  g_remove (fixture->state_path);
  g_rmdir (fixture->tmpdir);
  g_free (fixture->state_path);
  g_free (fixture->tmpdir);
  g_free (fixture->email);
  g_free (fixture->password);
}

/* The state file is written asynchronously: waits until it has both. */
static void
wait_for_state (Fixture    *fixture,
                const char *first,
                const char *second)
{
  gint64 end = g_get_monotonic_time () + WAIT_TIMEOUT_S * G_USEC_PER_SEC;

  for (;;)
    {
      g_autofree char *contents = NULL;

      if (g_file_get_contents (fixture->state_path, &contents, NULL, NULL)
          && strstr (contents, first) != NULL && strstr (contents, second) != NULL)
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      run_main_loop_for (10);
    }
}

static GDateTime *
parse_instant (const char *text)
{
  GDateTime *instant = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (instant);
  return instant;
}

static void
test_deadline (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (EfReminders) reminders = new_reminders (fixture);
  g_autoptr (EfReminders) restarted = NULL;
  g_autoptr (GDateTime) notice = parse_instant ("2026-12-13T09:00:00+01:00");
  g_autoptr (GDateTime) next_notice = parse_instant ("2026-12-14T09:00:00+01:00");
  const char *lea = "deadline:2:restaurant-scolaire:2026-12-17";
  const char *hugo = "deadline:3:restaurant-scolaire:2026-12-17";
  Recorded *recorded;

  /* Friday: Thursday 17's deadline (Monday 09:00) is 71 h away; its
   * reminder comes 24 h before, on Sunday 09:00 of the server's clock. */
  check (fixture, reminders);
  g_assert_cmpuint (count_recorded (fixture, "deadline:"), ==, 0);
  g_assert_cmpint (ef_reminders_get_next_notice (reminders), ==, g_date_time_to_unix (notice));
  g_assert_cmpint (ef_reminders_get_next_check (reminders), >, 0);
  g_assert_cmpint (ef_reminders_get_next_check (reminders), <=, 30 * 60);

  /* A few seconds before: still nothing. */
  set_clock (fixture, "2026-12-13T08:59:55+01:00");
  check (fixture, reminders);
  g_assert_cmpuint (count_recorded (fixture, "deadline:"), ==, 0);
  /* The portal's Date has whole seconds: about five seconds left. */
  g_assert_cmpint (ef_reminders_get_next_check (reminders), >=, 3);
  g_assert_cmpint (ef_reminders_get_next_check (reminders), <=, 6);

  set_clock (fixture, "2026-12-13T09:00:00+01:00");
  check (fixture, reminders);
  g_assert_cmpuint (count_recorded (fixture, "deadline:"), ==, 2);
  recorded = find_recorded (fixture, lea);
  g_assert_nonnull (recorded);
  g_assert_cmpstr (lookup_string (recorded, "title"), ==, "Reservation deadline");
  g_assert_cmpstr (lookup_string (recorded, "body"), ==,
                   "Last chance to cancel “Restauration scolaire” for Léa on Thursday 17 December: "
                   "before Monday 09:00");
  assert_actions (recorded, "app.open-day",
                  g_variant_new ("(xss)", (gint64) 2, "restaurant-scolaire", "2026-12-17"));
  g_assert_nonnull (find_recorded (fixture, hugo));
  /* Next: Friday 18's deadline, Tuesday 09:00, minus 24 h. */
  g_assert_cmpint (ef_reminders_get_next_notice (reminders), ==,
                   g_date_time_to_unix (next_notice));

  /* Not twice: neither at the next check, nor after a restart that reads
   * the state file. */
  set_clock (fixture, "2026-12-13T12:00:00+01:00");
  check (fixture, reminders);
  g_assert_cmpuint (count_recorded (fixture, "deadline:"), ==, 2);
  g_assert_cmpuint (ef_reminders_get_n_sent (reminders), ==, 2);

  wait_for_state (fixture, lea, hugo);
  restarted = new_reminders (fixture);
  check (fixture, restarted);
  g_assert_cmpuint (count_recorded (fixture, "deadline:"), ==, 2);
  g_assert_cmpuint (ef_reminders_get_n_sent (restarted), ==, 0);
  g_assert_true (g_file_test (fixture->state_path, G_FILE_TEST_EXISTS));
}

static void
test_deadline_hours (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (EfReminders) reminders = new_reminders (fixture);

  /* 48 h of notice: Saturday 09:00 for Monday 09:00. */
  g_settings_set_int (fixture->settings, "remind-deadline-hours", 48);
  set_clock (fixture, "2026-12-12T09:00:00+01:00");
  check (fixture, reminders);
  g_assert_cmpuint (count_recorded (fixture, "deadline:"), ==, 2);

  /* Turned off: nothing for Friday 18 when its time comes. */
  g_settings_set_boolean (fixture->settings, "remind-deadlines", FALSE);
  set_clock (fixture, "2026-12-13T09:00:00+01:00");
  check (fixture, reminders);
  g_assert_cmpuint (count_recorded (fixture, "deadline:"), ==, 2);
  g_assert_cmpint (ef_reminders_get_next_notice (reminders), ==, 0);
}

static void
test_invoices (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (EfReminders) reminders = new_reminders (fixture);
  Recorded *recorded;

  /* The demo's October invoice was issued on 2 November. */
  set_clock (fixture, "2026-11-04T10:00:00+01:00");
  check (fixture, reminders);
  recorded = find_recorded (fixture, "invoice:4");
  g_assert_nonnull (recorded);
  g_assert_cmpstr (lookup_string (recorded, "title"), ==, "New invoice");
  g_assert_true (g_str_has_prefix (lookup_string (recorded, "body"), "Invoice pop-F261000001: "));
  assert_actions (recorded, "app.open-invoice", g_variant_new_int64 (4));
  g_assert_null (find_recorded (fixture, "due:4"));

  /* It is due on 2 December: recalled from three days before, in the
   * municipality's time zone. */
  set_clock (fixture, "2026-11-28T23:59:59+01:00");
  check (fixture, reminders);
  g_assert_null (find_recorded (fixture, "due:4"));
  set_clock (fixture, "2026-11-28T23:00:00Z");
  check (fixture, reminders);
  recorded = find_recorded (fixture, "due:4");
  g_assert_nonnull (recorded);
  g_assert_cmpstr (lookup_string (recorded, "title"), ==, "Invoice soon due");
  assert_actions (recorded, "app.open-invoice", g_variant_new_int64 (4));
  g_assert_cmpuint (count_recorded (fixture, "invoice:"), ==, 1);
  g_assert_cmpuint (count_recorded (fixture, "due:"), ==, 1);
}

static void
test_payments (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (EfReminders) reminders = NULL;
  Recorded *recorded;

  /* The demo's online payment of 5 October 2026 for invoice 3. */
  set_clock (fixture, "2026-10-06T10:00:00+02:00");
  g_settings_set_boolean (fixture->settings, "remind-payments", FALSE);
  reminders = new_reminders (fixture);
  check (fixture, reminders);
  g_assert_cmpuint (count_recorded (fixture, "payment:"), ==, 0);

  g_settings_set_boolean (fixture->settings, "remind-payments", TRUE);
  check (fixture, reminders);
  recorded = find_recorded (fixture, "payment:2:1");
  g_assert_nonnull (recorded);
  g_assert_cmpstr (lookup_string (recorded, "title"), ==, "Payment accepted");
  assert_actions (recorded, "app.open-invoice", g_variant_new_int64 (3));
  /* The cash payment at the counter is not announced. */
  g_assert_cmpuint (count_recorded (fixture, "payment:"), ==, 1);
}

/* The reminders by e-mail: the parent's choice on the portal. */
static void
test_email (Fixture       *fixture,
            gconstpointer  data)
{
  EfEmailReminders asked = { FALSE, TRUE, FALSE, 48 };
  EfEmailReminders reminders = { TRUE, TRUE, TRUE, 0 };
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) saved = NULL;
  g_autoptr (GError) error = NULL;

  ef_client_get_email_reminders_async (fixture->client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (ef_client_get_email_reminders_finish (fixture->client, result, &reminders,
                                                       &error));
  g_assert_no_error (error);
  g_assert_false (reminders.available);   /* the demo town does not send them */
  g_assert_false (reminders.deadlines);
  g_assert_false (reminders.due_dates);
  g_assert_cmpuint (reminders.hours_before, ==, 24);

  ef_client_set_email_reminders_async (fixture->client, &asked, NULL, on_result_cb, &saved);
  wait_for_result (&saved);
  g_assert_true (ef_client_set_email_reminders_finish (fixture->client, saved, &reminders,
                                                       &error));
  g_assert_no_error (error);
  g_assert_false (reminders.available);
  g_assert_true (reminders.deadlines);
  g_assert_false (reminders.due_dates);
  g_assert_cmpuint (reminders.hours_before, ==, 48);
}

/* Outside a sandbox, starting at login is an XDG autostart file. */
static void
test_autostart (void)
{
  g_autofree char *path = ef_background_autostart_path ();
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;

  if (ef_background_is_sandboxed ())
    {
      g_test_skip ("In a sandbox, the Background portal does it");
      return;
    }

  g_assert_true (g_str_has_prefix (path, g_get_user_config_dir ()));
  g_assert_true (g_str_has_suffix (path, "/autostart/io.github.espacefamille.EspaceFamille.desktop"));

  for (guint i = 0; i < 3; i++)
    {
      gboolean autostart = i == 0;
      g_autoptr (GAsyncResult) result = NULL;

      ef_background_request_async (autostart, NULL, on_result_cb, &result);
      wait_for_result (&result);
      g_assert_true (ef_background_request_finish (result, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS) == autostart);
      if (autostart)
        {
          g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
          g_assert_nonnull (strstr (contents, "\nExec=espace-famille --background\n"));
          g_assert_nonnull (strstr (contents, "\nX-GNOME-Autostart-enabled=true\n"));
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *config_dir = NULL;
  int status;

  /* The autostart file goes to a throw-away config directory, whoever
   * runs the test. */
  config_dir = g_dir_make_tmp ("test-reminders-config-XXXXXX", NULL);
  g_assert_nonnull (config_dir);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/reminders/autostart", test_autostart);

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_message ("No session bus: the notifications are tested with build-aux/run-tests");
      status = g_test_run ();
      g_rmdir (config_dir);
      return status;
    }

  g_test_add ("/reminders/deadline", Fixture, NULL, fixture_set_up, test_deadline,
              fixture_tear_down);
  g_test_add ("/reminders/deadline-hours", Fixture, NULL, fixture_set_up, test_deadline_hours,
              fixture_tear_down);
  g_test_add ("/reminders/invoices", Fixture, NULL, fixture_set_up, test_invoices,
              fixture_tear_down);
  g_test_add ("/reminders/payments", Fixture, NULL, fixture_set_up, test_payments,
              fixture_tear_down);
  g_test_add ("/reminders/email", Fixture, NULL, fixture_set_up, test_email,
              fixture_tear_down);

  status = g_test_run ();
  {
    g_autofree char *autostart = g_build_filename (config_dir, "autostart", NULL);

    g_rmdir (autostart);
    g_rmdir (config_dir);
  }
  return status;
}
