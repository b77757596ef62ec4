/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-remind.c: reminders by e-mail — the parent's setting
 * (GET/PUT account/reminders), the municipality's (email-reminders in its
 * settings file) and the `remind` command that writes them to the outbox,
 * once, in French, with the deadlines of Europe/Paris.
 *
 * The demo family: Léa (2) and Hugo (3) have the school meal reserved on
 * Thursday 17 and Friday 18 December 2026, whose deadlines are Monday 14
 * and Tuesday 15 at 09:00 (Paris); the October invoice pop-F261000001
 * (70,00 €) is due on Wednesday 2 December. `remind --now` gives the
 * instant, as the server's test clock does for the API. */

#define G_LOG_DOMAIN "EfTestServer"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "ef-test-api.h"
#include "ef-test-db.h"
#include "ef-test-server.h"

typedef struct {
  EfTestDemo demo;
} Fixture;

static const char *
db_path (Fixture *fixture)
{
  return ef_test_server_get_db_path (fixture->demo.server);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  ef_test_demo_start (&fixture->demo);
  ef_test_demo_sign_in (&fixture->demo, "2026-11-20T10:00:00+01:00");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ef_test_demo_clear (&fixture->demo);
}

static JsonNode *
request (Fixture    *fixture,
         const char *method,
         const char *body,
         guint      *status)
{
  return ef_test_api_request (fixture->demo.session, fixture->demo.server, method,
                              "/7249/api/v1/account/reminders", fixture->demo.token, body,
                              status);
}

/* Runs `remind` for the demo town at @now; returns its standard output. */
static char *
remind (Fixture    *fixture,
        const char *now)
{
  const char *argv[] = { "remind", "--db", db_path (fixture), "--tenant", "7249", "--now", now,
                         NULL };
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = ef_test_server_run_command (argv, &out, &err);

  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (status, ==, 0);
  return out;
}

static gint64
n_reminder_mails (Fixture *fixture)
{
  return ef_test_db_query_int (db_path (fixture),
                               "SELECT count(*) FROM outbox WHERE kind = 'reminder'");
}

static char *
last_reminder_body (Fixture *fixture)
{
  return ef_test_db_query_text (db_path (fixture),
                                "SELECT recipient || '\n' || subject || '\n' || body"
                                "  FROM outbox WHERE kind = 'reminder' ORDER BY id DESC LIMIT 1");
}

/* Through the settings file, as a town hall does: export, add the key,
 * apply, and the export says it back. */
static void
offer_reminders (Fixture *fixture)
{
  const char *export_argv[] = { "configure", "--db", db_path (fixture), "--tenant", "7249",
                                "--export", NULL };
  g_autofree char *settings = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *again = NULL;
  g_autofree char *dir = g_strdup (ef_test_server_get_dir (fixture->demo.server));
  g_autoptr(GError) error = NULL;
  char *tenant;

  g_assert_cmpint (ef_test_server_run_command (export_argv, &settings, NULL), ==, 0);
  g_assert_null (strstr (settings, "email-reminders"));
  tenant = strstr (settings, "[tenant]\n");
  g_assert_nonnull (tenant);
  tenant += strlen ("[tenant]\n");
  changed = g_strdup_printf ("%.*semail-reminders = true\n%s", (int) (tenant - settings),
                             settings, tenant);
  path = g_build_filename (dir, "town.ini", NULL);
  g_file_set_contents (path, changed, -1, &error);
  g_assert_no_error (error);

  {
    const char *argv[] = { "configure", "--db", db_path (fixture), "--tenant", "7249", path,
                           NULL };

    g_assert_cmpint (ef_test_server_run_command (argv, &out, &err), ==, 0);
  }
  g_assert_cmpint (ef_test_server_run_command (export_argv, &again, NULL), ==, 0);
  g_assert_nonnull (strstr (again, "email-reminders = true\n"));
  g_remove (path);
}

/* GET …/account/reminders answers these choices. */
static void
assert_reminders (Fixture  *fixture,
                  gboolean  available,
                  gboolean  deadlines,
                  gboolean  due_dates,
                  gint64    hours_before)
{
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *object;
  guint status = 0;

  answer = request (fixture, "GET", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  object = json_node_get_object (answer);
  g_assert_cmpint (json_object_get_boolean_member (object, "available"), ==, available);
  g_assert_cmpint (json_object_get_boolean_member (object, "deadlines"), ==, deadlines);
  g_assert_cmpint (json_object_get_boolean_member (object, "due_dates"), ==, due_dates);
  g_assert_cmpint (json_object_get_int_member (object, "hours_before"), ==, hours_before);
}

static void
test_setting (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(JsonNode) saved = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(JsonNode) unknown = NULL;
  JsonObject *object;
  guint status = 0;

  /* Nothing asked yet, and the town does not send them. */
  assert_reminders (fixture, FALSE, FALSE, FALSE, 24);

  saved = request (fixture, "PUT", "{\"deadlines\": true, \"due_dates\": false, "
                                   "\"hours_before\": 48}", &status);
  g_assert_cmpuint (status, ==, 200);
  object = json_node_get_object (saved);
  g_assert_true (json_object_get_boolean_member (object, "deadlines"));
  g_assert_cmpint (json_object_get_int_member (object, "hours_before"), ==, 48);

  offer_reminders (fixture);
  assert_reminders (fixture, TRUE, TRUE, FALSE, 48);

  refused = request (fixture, "PUT", "{\"deadlines\": true, \"due_dates\": true, "
                                     "\"hours_before\": 169}", &status);
  g_assert_cmpuint (status, ==, 422);
  g_assert_cmpstr (ef_test_api_error_code (refused), ==, "invalid_field");
  unknown = request (fixture, "PUT", "{\"deadlines\": true, \"due_dates\": true, "
                                     "\"sms\": true}", &status);
  g_assert_cmpuint (status, ==, 422);
  g_assert_cmpstr (ef_test_api_error_code (unknown), ==, "unknown_field");

  /* Without a session: 401. */
  {
    g_autoptr(JsonNode) anonymous = ef_test_api_request (fixture->demo.session,
                                                         fixture->demo.server, "GET",
                                                         "/7249/api/v1/account/reminders",
                                                         NULL, NULL, &status);

    g_assert_cmpuint (status, ==, 401);
  }
}

static void
test_deadlines (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JsonNode) saved = NULL;
  g_autofree char *out = NULL;
  g_autofree char *body = NULL;
  g_autofree char *later = NULL;
  guint status = 0;

  /* Only those who asked: nothing while the parent has not. */
  offer_reminders (fixture);
  g_free (remind (fixture, "2026-12-13T09:00:00+01:00"));
  g_assert_cmpint (n_reminder_mails (fixture), ==, 0);

  saved = request (fixture, "PUT", "{\"deadlines\": true, \"due_dates\": false}", &status);
  g_assert_cmpuint (status, ==, 200);

  /* Monday 14 at 09:00 in Paris is 08:00 UTC: 24 h and one second before,
   * nothing; 24 h before, Léa's and Hugo's Thursday. */
  out = remind (fixture, "2026-12-13T07:59:59Z");
  g_assert_cmpint (n_reminder_mails (fixture), ==, 0);
  g_clear_pointer (&out, g_free);
  out = remind (fixture, "2026-12-13T08:00:00Z");
  g_assert_cmpstr (out, ==, "1 reminder mail written to the outbox.\n");
  g_assert_cmpint (n_reminder_mails (fixture), ==, 1);

  body = last_reminder_body (fixture);
  g_assert_true (g_str_has_prefix (body, "parent@example.fr\nRappel — Ville de Billère\n"
                                         "Bonjour,\n"));
  g_assert_nonnull (strstr (body, "- Dernier moment pour annuler «\u00a0Restauration "
                                  "scolaire\u00a0» de Léa du jeudi 17 décembre\u00a0: avant "
                                  "lundi 14 décembre à 9\u00a0h\u00a000.\n"));
  g_assert_nonnull (strstr (body, "de Hugo du jeudi 17 décembre"));
  g_assert_null (strstr (body, "vendredi 18"));

  /* Not twice. */
  g_clear_pointer (&out, g_free);
  out = remind (fixture, "2026-12-13T20:00:00+01:00");
  g_assert_cmpstr (out, ==, "0 reminder mails written to the outbox.\n");
  g_assert_cmpint (n_reminder_mails (fixture), ==, 1);

  /* Monday 09:00: Thursday's deadline is now (too late to remind), Friday's
   * is tomorrow 09:00. */
  g_clear_pointer (&out, g_free);
  out = remind (fixture, "2026-12-14T09:00:00+01:00");
  g_assert_cmpint (n_reminder_mails (fixture), ==, 2);
  later = last_reminder_body (fixture);
  g_assert_nonnull (strstr (later, "de Léa du vendredi 18 décembre\u00a0: avant mardi "
                                   "15 décembre à 9\u00a0h\u00a000."));
  g_assert_null (strstr (later, "jeudi 17"));
  g_assert_null (strstr (later, "Factures"));
}

static void
test_due_dates (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(JsonNode) saved = NULL;
  g_autofree char *body = NULL;
  guint status = 0;

  saved = request (fixture, "PUT", "{\"deadlines\": false, \"due_dates\": true}", &status);
  g_assert_cmpuint (status, ==, 200);

  /* The town does not send them yet. */
  g_free (remind (fixture, "2026-11-30T10:00:00+01:00"));
  g_assert_cmpint (n_reminder_mails (fixture), ==, 0);
  offer_reminders (fixture);

  /* Due on Wednesday 2 December: from Sunday 29 November, in Paris —
   * 23:30 UTC on the 28th is already the 29th there. */
  g_free (remind (fixture, "2026-11-28T22:59:59Z"));
  g_assert_cmpint (n_reminder_mails (fixture), ==, 0);
  g_free (remind (fixture, "2026-11-28T23:30:00Z"));
  g_assert_cmpint (n_reminder_mails (fixture), ==, 1);
  body = last_reminder_body (fixture);
  g_assert_nonnull (strstr (body, "Factures bientôt dues\u00a0:\n"
                                  "- Facture pop-F261000001\u00a0: 70,00\u00a0€ à payer avant "
                                  "le mercredi 2 décembre.\n"));
  g_assert_null (strstr (body, "Dernier moment"));

  g_free (remind (fixture, "2026-12-01T10:00:00+01:00"));
  g_assert_cmpint (n_reminder_mails (fixture), ==, 1);
}

static void
test_all_tenants (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *argv[] = { "remind", "--db", db_path (fixture), "--now",
                         "2026-11-30T10:00:00+01:00", NULL };
  const char *unknown[] = { "remind", "--db", db_path (fixture), "--tenant", "9999", NULL };
  const char *bad_now[] = { "remind", "--db", db_path (fixture), "--now", "demain", NULL };
  g_autoptr(JsonNode) saved = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  guint status = 0;

  offer_reminders (fixture);
  saved = request (fixture, "PUT", "{\"deadlines\": true, \"due_dates\": true}", &status);
  g_assert_cmpuint (status, ==, 200);

  g_assert_cmpint (ef_test_server_run_command (argv, &out, &err), ==, 0);
  g_assert_cmpint (n_reminder_mails (fixture), ==, 1);

  g_assert_cmpint (ef_test_server_run_command (unknown, NULL, NULL), ==, 2);
  g_assert_cmpint (ef_test_server_run_command (bad_now, NULL, NULL), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/remind/setting", Fixture, NULL, fixture_set_up, test_setting,
              fixture_tear_down);
  g_test_add ("/remind/deadlines", Fixture, NULL, fixture_set_up, test_deadlines,
              fixture_tear_down);
  g_test_add ("/remind/due-dates", Fixture, NULL, fixture_set_up, test_due_dates,
              fixture_tear_down);
  g_test_add ("/remind/all-tenants", Fixture, NULL, fixture_set_up, test_all_tenants,
              fixture_tear_down);

  return g_test_run ();
}
