/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-planning.c: enrolments, planning and reservation batches on a
 * real server (demo data, test clock)
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <signal.h>
#include <string.h>

#include <sqlite3.h>

#include "ef-test-api.h"
#include "ef-test-db.h"

static const char * const test_clock_args[] = { "--test-clock", NULL };

typedef struct
{
  EfTestServer *server;
  SoupSession  *session;
  char         *email;
  char         *password;
  char         *token;
  gint64        children[3];  /* the demo's two, and a third added here */
  gint64        stranger;     /* a child of another family */
} Fixture;

static const char *
db_path (Fixture *fixture)
{
  return ef_test_server_get_db_path (fixture->server);
}

/* ------------------------------------------------------------- database */

/* Every reservation as "member/activity/day", sorted. */
static char *
reservation_state (Fixture *fixture)
{
  return ef_test_db_query_lines (db_path (fixture),
                                 "SELECT r.member_id || '/' || a.code || '/' || r.day"
                                 "  FROM reservations r JOIN activities a ON a.id = r.activity_id ORDER BY 1");
}

/* -------------------------------------------------------------- fixture */

static void
enrol (Fixture    *fixture,
       gint64      member,
       const char *activity)
{
  g_autofree char *member_text = g_strdup_printf ("%" G_GINT64_FORMAT, member);
  const char *argv[] = { "enrol", "--db", ef_test_server_get_db_path (fixture->server),
                         "--tenant", "7249", "--member", member_text, "--activity", activity,
                         "--from", "2026-09-01", "--to", "2027-07-03", NULL };
  g_autofree char *err = NULL;

  g_assert_cmpint (ef_test_server_run_command (argv, NULL, &err), ==, 0);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *children = NULL;
  g_auto(GStrv) ids = NULL;
  gint64 family;

  fixture->server = ef_test_server_start (TRUE, test_clock_args);
  fixture->session = ef_test_api_session_new ();
  ef_test_api_demo_account (fixture->server, &fixture->email, &fixture->password);

  family = ef_test_db_query_int (db_path (fixture), "SELECT family_id FROM accounts WHERE tenant_id = '7249' ORDER BY id LIMIT 1");
  children = ef_test_db_query_lines (db_path (fixture), "SELECT m.id FROM members m JOIN accounts a ON a.family_id = m.family_id"
                                                        " WHERE m.role = 'child' ORDER BY m.position, m.id");
  ids = g_strsplit (children, "\n", -1);
  g_assert_cmpuint (g_strv_length (ids), >=, 2);
  fixture->children[0] = g_ascii_strtoll (ids[0], NULL, 10);
  fixture->children[1] = g_ascii_strtoll (ids[1], NULL, 10);

  /* A third child, so that a school year is more than 1,000 changes, and
   * another family with a child. */
  {
    g_autofree char *sql = g_strdup_printf (
      "INSERT INTO members (family_id, position, role, first_name, last_name, birth_date, updated_at)"
      " VALUES (%" G_GINT64_FORMAT ", 99, 'child', 'Zoé', 'Troisième', '2020-02-02', 0);"
      "INSERT INTO families (tenant_id, name, address_line1, address_line2, postal_code, city,"
      "  created_at, updated_at) VALUES ('7249', 'Autre', '1 rue', '', '64140', 'Billère', 0, 0);"
      "INSERT INTO members (family_id, position, role, first_name, last_name, birth_date, updated_at)"
      " VALUES ((SELECT max (id) FROM families), 0, 'child', 'Autre', 'Enfant', '2018-01-01', 0);",
      family);

    ef_test_db_exec (db_path (fixture), sql);
  }
  fixture->children[2] = ef_test_db_query_int (db_path (fixture), "SELECT id FROM members WHERE first_name = 'Zoé'");
  fixture->stranger = ef_test_db_query_int (db_path (fixture), "SELECT id FROM members WHERE first_name = 'Autre'");
  enrol (fixture, fixture->children[2], "restaurant-scolaire");
  enrol (fixture, fixture->children[2], "accueil-matin");
  enrol (fixture, fixture->children[2], "accueil-soir");
  enrol (fixture, fixture->stranger, "restaurant-scolaire");

  /* The clock first: a session opened at the machine's time could be
   * months old, or not begun yet, at the test's. */
  ef_test_api_set_clock (fixture->session, fixture->server, NULL, "2026-10-05T08:00:00+02:00");
  fixture->token = ef_test_api_login (fixture->session, fixture->server,
                                      fixture->email, fixture->password);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->server, ef_test_server_free);
  g_free (fixture->email);
  g_free (fixture->password);
  g_free (fixture->token);
}

/* ---------------------------------------------------------------- helpers */

static JsonNode *
get_planning (Fixture    *fixture,
              gint64      member,
              const char *from,
              const char *to,
              guint      *status)
{
  g_autofree char *path = g_strdup_printf ("/7249/api/v1/members/%" G_GINT64_FORMAT "/planning?from=%s&to=%s",
                                           member, from, to);

  return ef_test_api_request (fixture->session, fixture->server, "GET", path,
                              fixture->token, NULL, status);
}

static JsonObject *
find_day (JsonNode   *planning,
          const char *activity,
          const char *day)
{
  JsonArray *activities = json_object_get_array_member (json_node_get_object (planning), "activities");

  for (guint i = 0; i < json_array_get_length (activities); i++)
    {
      JsonObject *entry = json_array_get_object_element (activities, i);
      JsonArray *days;

      if (!g_str_equal (json_object_get_string_member (entry, "activity"), activity))
        continue;
      days = json_object_get_array_member (entry, "days");
      for (guint j = 0; j < json_array_get_length (days); j++)
        {
          JsonObject *object = json_array_get_object_element (days, j);

          if (g_str_equal (json_object_get_string_member (object, "day"), day))
            return object;
        }
    }
  g_error ("no day %s for %s in the planning", day, activity);
}

/* Moves the test clock to @now and signs in again: a session idle since
 * an earlier time of the clock has ended. */
static void
set_clock (Fixture    *fixture,
           const char *now)
{
  ef_test_api_set_clock (fixture->session, fixture->server, NULL, now);
  g_free (fixture->token);
  fixture->token = ef_test_api_login (fixture->session, fixture->server,
                                      fixture->email, fixture->password);
}

static void
assert_day (JsonNode   *planning,
            const char *activity,
            const char *day,
            const char *state,
            const char *reason_or_deadline,
            gboolean    changeable)
{
  JsonObject *object = find_day (planning, activity, day);

  g_test_message ("%s %s", activity, day);
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, state);
  g_assert_cmpint (json_object_get_boolean_member (object, "changeable"), ==, changeable);
  if (g_str_equal (state, "closed"))
    {
      g_assert_cmpstr (json_object_get_string_member (object, "reason"), ==, reason_or_deadline);
      g_assert_false (json_object_has_member (object, "deadline"));
    }
  else if (reason_or_deadline != NULL)
    g_assert_cmpstr (json_object_get_string_member (object, "deadline"), ==, reason_or_deadline);
}

static gint64
version_of (Fixture *fixture,
            gint64   member)
{
  g_autoptr(JsonNode) planning = NULL;
  guint status;

  planning = get_planning (fixture, member, "2026-09-01", "2026-09-01", &status);
  g_assert_cmpuint (status, ==, 200);
  return json_object_get_int_member (json_node_get_object (planning), "version");
}

static JsonNode *
post_batch (Fixture    *fixture,
            const char *body,
            guint      *status)
{
  return ef_test_api_request (fixture->session, fixture->server, "POST", "/7249/api/v1/reservations",
                              fixture->token, body, status);
}

/* {"changes": [...], "versions": {...}} for @n changes of @member, each
 * "ACTIVITY DAY RESERVED". */
static char *
batch_body (Fixture            *fixture,
            gint64              member,
            const char * const *changes)
{
  GString *body = g_string_new ("{\"changes\": [");

  for (guint i = 0; changes[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (changes[i], " ", 3);

      g_string_append_printf (body, "%s{\"member\": %" G_GINT64_FORMAT ", \"activity\": \"%s\", "
                              "\"day\": \"%s\", \"reserved\": %s}",
                              i > 0 ? ", " : "", member, parts[0], parts[1], parts[2]);
    }
  g_string_append_printf (body, "], \"versions\": {\"%" G_GINT64_FORMAT "\": %" G_GINT64_FORMAT "}}",
                          member, version_of (fixture, member));
  return g_string_free (body, FALSE);
}

/* A whole-year batch that toggles every day that may still be changed, for
 * the three children; @n_changes its size. */
static char *
year_batch_body (Fixture *fixture,
                 guint   *n_changes)
{
  return ef_test_api_year_batch (fixture->session, fixture->server, fixture->token,
                                 fixture->children, G_N_ELEMENTS (fixture->children), n_changes);
}

static void
assert_error (JsonNode   *answer,
              guint       status,
              guint       expected_status,
              const char *code)
{
  g_assert_cmpuint (status, ==, expected_status);
  g_assert_cmpstr (ef_test_api_error_code (answer), ==, code);
}

static JsonArray *
error_details (JsonNode *answer)
{
  JsonObject *error = json_object_get_object_member (json_node_get_object (answer), "error");

  return json_object_get_array_member (error, "details");
}

/* ------------------------------------------------------------------ tests */

static void
test_enrolments (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) other = NULL;
  g_autofree char *path = g_strdup_printf ("/7249/api/v1/members/%" G_GINT64_FORMAT "/enrolments",
                                           fixture->children[0]);
  g_autofree char *stranger = g_strdup_printf ("/7249/api/v1/members/%" G_GINT64_FORMAT "/enrolments",
                                               fixture->stranger);
  JsonArray *enrolments;
  JsonObject *first;
  guint status;

  answer = ef_test_api_request (fixture->session, fixture->server, "GET", path, fixture->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  enrolments = json_object_get_array_member (json_node_get_object (answer), "enrolments");
  g_assert_cmpuint (json_array_get_length (enrolments), ==, 2);
  first = json_array_get_object_element (enrolments, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "activity"), ==, "accueil-matin");
  g_assert_cmpstr (json_object_get_string_member (first, "from"), ==, "2026-09-01");
  g_assert_cmpstr (json_object_get_string_member (first, "to"), ==, "2027-07-03");

  other = ef_test_api_request (fixture->session, fixture->server, "GET", stranger, fixture->token, NULL, &status);
  assert_error (other, status, 404, "not_found");

  g_clear_pointer (&other, json_node_unref);
  other = ef_test_api_request (fixture->session, fixture->server, "GET", "/7249/api/v1/members/abc/enrolments",
                               fixture->token, NULL, &status);
  assert_error (other, status, 404, "not_found");

  g_clear_pointer (&other, json_node_unref);
  other = ef_test_api_request (fixture->session, fixture->server, "GET", path, NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 401);
}

static void
test_planning_month (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(JsonNode) november = NULL;
  g_autoptr(JsonNode) december = NULL;
  gint64 a = fixture->children[0];
  guint status;

  november = get_planning (fixture, a, "2026-11-01", "2026-11-30", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (november), "version"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (november),
                                                                          "activities")), ==, 2);

  /* The tutorial's table: Monday → the previous Wednesday 09:00, Tuesday →
   * Thursday, Thursday → Monday, Friday → Tuesday (CET after 25 October). */
  assert_day (november, "restaurant-scolaire", "2026-11-02", "reserved", "2026-10-28T09:00:00+01:00", TRUE);
  assert_day (november, "restaurant-scolaire", "2026-11-03", "reserved", "2026-10-29T09:00:00+01:00", TRUE);
  assert_day (november, "restaurant-scolaire", "2026-11-05", "reserved", "2026-11-02T09:00:00+01:00", TRUE);
  assert_day (november, "restaurant-scolaire", "2026-11-06", "reserved", "2026-11-03T09:00:00+01:00", TRUE);
  assert_day (november, "accueil-matin", "2026-11-02", "free", "2026-10-28T09:00:00+01:00", TRUE);
  assert_day (november, "restaurant-scolaire", "2026-11-01", "closed", "weekend", FALSE);
  assert_day (november, "restaurant-scolaire", "2026-11-07", "closed", "weekend", FALSE);
  assert_day (november, "restaurant-scolaire", "2026-11-04", "closed", "not_running", FALSE);
  assert_day (november, "restaurant-scolaire", "2026-11-11", "closed", "public_holiday", FALSE);

  december = get_planning (fixture, a, "2026-12-01", "2026-12-31", &status);
  g_assert_cmpuint (status, ==, 200);
  assert_day (december, "restaurant-scolaire", "2026-12-18", "reserved", NULL, TRUE);
  assert_day (december, "restaurant-scolaire", "2026-12-21", "closed", "school_holiday", FALSE);
  assert_day (december, "accueil-matin", "2026-12-25", "closed", "public_holiday", FALSE);

  /* Outside the enrolment. */
  g_clear_pointer (&december, json_node_unref);
  december = get_planning (fixture, a, "2027-07-01", "2027-07-06", &status);
  g_assert_cmpuint (status, ==, 200);
  assert_day (december, "restaurant-scolaire", "2027-07-02", "free", NULL, TRUE);
  assert_day (december, "restaurant-scolaire", "2027-07-05", "closed", "not_enrolled", FALSE);
}

static void
test_planning_changeable_flips (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) at = NULL;
  gint64 a = fixture->children[0];
  guint status;

  /* Thursday 5 November: until Monday 2 November 09:00. */
  set_clock (fixture, "2026-11-02T08:59:59+01:00");
  before = get_planning (fixture, a, "2026-11-05", "2026-11-05", &status);
  g_assert_cmpuint (status, ==, 200);
  assert_day (before, "restaurant-scolaire", "2026-11-05", "reserved", "2026-11-02T09:00:00+01:00", TRUE);

  set_clock (fixture, "2026-11-02T09:00:00+01:00");
  at = get_planning (fixture, a, "2026-11-05", "2026-11-05", &status);
  g_assert_cmpuint (status, ==, 200);
  assert_day (at, "restaurant-scolaire", "2026-11-05", "reserved", "2026-11-02T09:00:00+01:00", FALSE);
}

/* The text of a planning from @server, as JSON written again. */
static char *
planning_text (Fixture      *fixture,
               EfTestServer *server,
               gint64        member,
               const char   *from,
               const char   *to)
{
  g_autofree char *path = g_strdup_printf ("/7249/api/v1/members/%" G_GINT64_FORMAT "/planning?from=%s&to=%s",
                                           member, from, to);
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  answer = ef_test_api_request (fixture->session, server, "GET", path, fixture->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  return json_to_string (answer, FALSE);
}

/* Every planning that the kept-texts test looks at, asked twice of the
 * server that keeps them (the second answer comes from what it kept) and
 * once of the one that writes each anew: all three the same. */
static void
assert_same_plannings (Fixture      *fixture,
                       EfTestServer *fresh,
                       const char   *when)
{
  static const char * const ranges[][2] = {
    { "2026-10-05", "2026-10-16" },
    { "2026-11-01", "2026-11-30" },
    { "2026-09-01", "2027-07-03" },
  };

  g_test_message ("%s", when);
  for (guint c = 0; c < G_N_ELEMENTS (fixture->children); c++)
    for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
      {
        g_autofree char *first = planning_text (fixture, fixture->server, fixture->children[c],
                                                ranges[r][0], ranges[r][1]);
        g_autofree char *again = planning_text (fixture, fixture->server, fixture->children[c],
                                                ranges[r][0], ranges[r][1]);
        g_autofree char *anew = planning_text (fixture, fresh, fixture->children[c],
                                               ranges[r][0], ranges[r][1]);

        g_assert_cmpstr (first, ==, anew);
        g_assert_cmpstr (again, ==, anew);
      }
}

/* Sets @key of @group in the town's settings and applies them (configure). */
static void
change_settings (Fixture    *fixture,
                 const char *group,
                 const char *key,
                 const char *value)
{
  g_autofree char *file = g_build_filename (ef_test_server_get_dir (fixture->server), "town.ini", NULL);
  const char *export_argv[] = { "configure", "--db", db_path (fixture), "--tenant", "7249", "--export",
                                file, NULL };
  const char *apply_argv[] = { "configure", "--db", db_path (fixture), "--tenant", "7249", file, NULL };
  g_autoptr(GKeyFile) settings = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_cmpint (ef_test_server_run_command (export_argv, NULL, NULL), ==, 0);
  g_key_file_load_from_file (settings, file, G_KEY_FILE_KEEP_COMMENTS, &error);
  g_assert_no_error (error);
  g_key_file_set_string (settings, group, key, value);
  g_key_file_save_to_file (settings, file, &error);
  g_assert_no_error (error);
  status = ef_test_server_run_command (apply_argv, NULL, &err);
  if (status != 0)
    g_test_message ("configure: %s", err);
  g_assert_cmpint (status, ==, 0);
}

/* A planning kept for its next request (serve --planning-cache) is what
 * a server that writes every planning anew answers, byte for byte: while
 * the clock moves across a deadline and midnight, and back; after batches
 * through either server (two instances on one database); after enrolments
 * change behind the servers' backs; after the town's settings change. */
static void
test_planning_kept_texts (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char * const fresh_args[] = { "--test-clock", "--planning-cache", "0", NULL };
  EfTestServer *fresh = ef_test_server_start_on (db_path (fixture), fresh_args);
  gint64 a = fixture->children[0];
  g_autofree char *sql = NULL;
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonArray *activities;
  guint status;

  assert_same_plannings (fixture, fresh, "start");

  /* Monday 12 October may be changed until Wednesday 7 October 09:00. */
  set_clock (fixture, "2026-10-07T08:59:59+02:00");
  assert_same_plannings (fixture, fresh, "just before a deadline");
  answer = get_planning (fixture, a, "2026-10-12", "2026-10-12", &status);
  g_assert_true (json_object_get_boolean_member (find_day (answer, "restaurant-scolaire", "2026-10-12"),
                                                 "changeable"));
  g_clear_pointer (&answer, json_node_unref);
  set_clock (fixture, "2026-10-07T09:00:00+02:00");
  assert_same_plannings (fixture, fresh, "at the deadline");
  answer = get_planning (fixture, a, "2026-10-12", "2026-10-12", &status);
  g_assert_false (json_object_get_boolean_member (find_day (answer, "restaurant-scolaire", "2026-10-12"),
                                                  "changeable"));
  g_clear_pointer (&answer, json_node_unref);

  body = batch_body (fixture, a, (const char * const[]) { "restaurant-scolaire 2026-11-13 false",
                                                           "accueil-matin 2026-11-13 true", NULL });
  answer = post_batch (fixture, body, &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&answer, json_node_unref);
  assert_same_plannings (fixture, fresh, "a batch through the server that keeps plannings");

  g_clear_pointer (&body, g_free);
  body = batch_body (fixture, a, (const char * const[]) { "accueil-matin 2026-11-16 true", NULL });
  answer = ef_test_api_request (fixture->session, fresh, "POST", "/7249/api/v1/reservations",
                                fixture->token, body, &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&answer, json_node_unref);
  assert_same_plannings (fixture, fresh, "a batch through the other instance");

  enrol (fixture, a, "accueil-soir");
  assert_same_plannings (fixture, fresh, "a new enrolment (the version does not change)");
  sql = g_strdup_printf ("UPDATE enrolments SET last_day = first_day"
                         " WHERE member_id = %" G_GINT64_FORMAT " AND activity_id ="
                         " (SELECT id FROM activities WHERE code = 'accueil-matin')", a);
  ef_test_db_exec (db_path (fixture), sql);
  assert_same_plannings (fixture, fresh, "an enrolment ended behind the servers' backs");

  change_settings (fixture, "closed-day 2026-11-20", "reason", "Grève");
  assert_same_plannings (fixture, fresh, "a closed day added");
  answer = get_planning (fixture, fixture->children[1], "2026-11-20", "2026-11-20", &status);
  assert_day (answer, "restaurant-scolaire", "2026-11-20", "closed", "closed_day", FALSE);
  g_clear_pointer (&answer, json_node_unref);

  /* From 2 March, a meal costs more: the price a planning shows is
   * today's, so a kept one holds until midnight at most. */
  change_settings (fixture, "activity restaurant-scolaire", "price-from-2027-03-02", "4.10");
  set_clock (fixture, "2027-03-01T23:59:59+01:00");
  assert_same_plannings (fixture, fresh, "before midnight");
  set_clock (fixture, "2027-03-02T00:00:00+01:00");
  assert_same_plannings (fixture, fresh, "at midnight, a new price");
  answer = get_planning (fixture, a, "2027-03-01", "2027-03-31", &status);
  activities = json_object_get_array_member (json_node_get_object (answer), "activities");
  for (guint i = 0; i < json_array_get_length (activities); i++)
    {
      JsonObject *activity = json_array_get_object_element (activities, i);

      if (g_str_equal (json_object_get_string_member (activity, "activity"), "restaurant-scolaire"))
        g_assert_cmpint (json_object_get_int_member (activity, "unit_price_cents"), ==, 410);
    }
  g_clear_pointer (&answer, json_node_unref);
  set_clock (fixture, "2027-02-27T12:00:00+01:00");
  assert_same_plannings (fixture, fresh, "the clock back three days");

  ef_test_server_free (fresh);
}

/* The Date header of @method @path, with the answer's status. */
static char *
answer_date (Fixture    *fixture,
             const char *method,
             const char *path,
             const char *body,
             guint      *status)
{
  g_autofree char *url = g_strconcat (ef_test_server_get_url (fixture->server), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *authorization = g_strconcat ("Bearer ", fixture->token, NULL);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", authorization);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  answer = soup_session_send_and_read (fixture->session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  return g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Date"));
}

static void
test_clock_every_answer (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *planning_path = g_strdup_printf ("/7249/api/v1/members/%" G_GINT64_FORMAT
                                                    "/planning?from=2027-01-18&to=2027-01-18",
                                                    fixture->children[0]);
  g_autofree char *bad_path = g_strdup_printf ("/7249/api/v1/members/%" G_GINT64_FORMAT
                                               "/planning?from=2027-01-18&to=tomorrow",
                                               fixture->children[0]);
  g_autoptr(JsonNode) portal = NULL;
  g_autoptr(JsonNode) planning = NULL;
  g_autofree char *date = NULL;
  guint status;

  set_clock (fixture, "2027-01-13T08:59:30+01:00");

  /* Successes, errors and unknown routes alike. */
  date = answer_date (fixture, "GET", "/7249/api/v1/portal", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (date, ==, "Wed, 13 Jan 2027 07:59:30 GMT");
  g_free (date);
  date = answer_date (fixture, "GET", planning_path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (date, ==, "Wed, 13 Jan 2027 07:59:30 GMT");
  g_free (date);
  date = answer_date (fixture, "GET", bad_path, NULL, &status);
  g_assert_cmpuint (status, ==, 422);
  g_assert_cmpstr (date, ==, "Wed, 13 Jan 2027 07:59:30 GMT");
  g_free (date);
  date = answer_date (fixture, "GET", "/7249/api/v1/no-such-thing", NULL, &status);
  g_assert_cmpuint (status, ==, 404);
  g_assert_cmpstr (date, ==, "Wed, 13 Jan 2027 07:59:30 GMT");
  g_free (date);

  /* The answer that sets the clock already tells the new time. */
  date = answer_date (fixture, "PUT", "/7249/api/v1/_test/clock",
                      "{\"now\": \"2026-07-20T23:30:00-04:00\"}", &status);
  g_assert_cmpuint (status, ==, 204);
  g_assert_cmpstr (date, ==, "Tue, 21 Jul 2026 03:30:00 GMT");

  /* "now", in the tenant's zone, in the portal and the planning. */
  set_clock (fixture, "2027-01-13T08:59:30+01:00");
  portal = ef_test_api_request (fixture->session, fixture->server, "GET", "/7249/api/v1/portal",
                                NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (portal), "now"), ==,
                   "2027-01-13T08:59:30+01:00");
  planning = ef_test_api_request (fixture->session, fixture->server, "GET", planning_path,
                                  fixture->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (planning), "now"), ==,
                   "2027-01-13T08:59:30+01:00");
  /* Monday 18 January: until Wednesday 13 at 09:00, thirty seconds away. */
  assert_day (planning, "restaurant-scolaire", "2027-01-18", "free", "2027-01-13T09:00:00+01:00", TRUE);
  g_clear_pointer (&planning, json_node_unref);

  set_clock (fixture, "2027-01-13T09:00:00+01:00");
  planning = ef_test_api_request (fixture->session, fixture->server, "GET", planning_path,
                                  fixture->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (planning), "now"), ==,
                   "2027-01-13T09:00:00+01:00");
  assert_day (planning, "restaurant-scolaire", "2027-01-18", "free", "2027-01-13T09:00:00+01:00", FALSE);

  /* Back to the machine's clock: the header is a real HTTP date again. */
  ef_test_api_request (fixture->session, fixture->server, "PUT", "/7249/api/v1/_test/clock", NULL,
                       "{\"now\": null}", &status);
  g_assert_cmpuint (status, ==, 204);
  g_free (date);
  date = answer_date (fixture, "GET", "/7249/api/v1/portal", NULL, &status);
  g_assert_nonnull (date);
  {
    g_autoptr(GDateTime) parsed = soup_date_time_new_from_http_string (date);

    g_assert_nonnull (parsed);
  }
}

static void
test_planning_bad_requests (Fixture       *fixture,
                            gconstpointer  data)
{
  static const struct {
    const char *from;
    const char *to;
    guint       status;
    const char *code;
  } cases[] = {
    { "2026-02-30", "2026-03-01", 422, "invalid_date" },
    { "2026-11-01", "tomorrow", 422, "invalid_date" },
    { "2026-11-30", "2026-11-01", 422, "invalid_date" },
    { "2026-01-01", "2027-03-01", 422, "validation_failed" },
  };
  g_autoptr(JsonNode) missing = NULL;
  g_autoptr(JsonNode) stranger = NULL;
  g_autofree char *path = g_strdup_printf ("/7249/api/v1/members/%" G_GINT64_FORMAT "/planning",
                                           fixture->children[0]);
  guint status;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) answer = get_planning (fixture, fixture->children[0], cases[i].from, cases[i].to, &status);

      g_test_message ("from=%s to=%s", cases[i].from, cases[i].to);
      assert_error (answer, status, cases[i].status, cases[i].code);
    }

  missing = ef_test_api_request (fixture->session, fixture->server, "GET", path, fixture->token, NULL, &status);
  assert_error (missing, status, 422, "invalid_date");

  stranger = get_planning (fixture, fixture->stranger, "2026-11-01", "2026-11-30", &status);
  assert_error (stranger, status, 404, "not_found");
}

static void
test_batch_applied_and_audited (Fixture       *fixture,
                                gconstpointer  data)
{
  gint64 a = fixture->children[0];
  const char * const changes[] = {
    "restaurant-scolaire 2026-11-02 false",   /* cancel */
    "accueil-matin 2026-11-03 true",          /* reserve */
    "restaurant-scolaire 2026-11-05 true",    /* already reserved: no-op */
    NULL
  };
  g_autofree char *body = batch_body (fixture, a, changes);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) planning = NULL;
  g_autofree char *mail = NULL;
  g_autofree char *version_key = g_strdup_printf ("%" G_GINT64_FORMAT, a);
  gint64 audits = ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM reservation_audit");
  JsonObject *object;
  guint status;

  answer = post_batch (fixture, body, &status);
  g_assert_cmpuint (status, ==, 200);
  object = json_node_get_object (answer);
  g_assert_cmpint (json_object_get_int_member (object, "applied"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "unchanged"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "reserved"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "cancelled"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "versions"),
                                               version_key), ==, 2);

  planning = get_planning (fixture, a, "2026-11-02", "2026-11-05", &status);
  assert_day (planning, "restaurant-scolaire", "2026-11-02", "free", NULL, TRUE);
  assert_day (planning, "accueil-matin", "2026-11-03", "reserved", NULL, TRUE);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (planning), "version"), ==, 2);

  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM reservation_audit"), ==, audits + 2);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture),
                                         "SELECT count(*) FROM reservation_audit WHERE channel = 'api'"
                                         " AND account_id IS NOT NULL AND at = 1791180000"
                                         " AND ((day = '2026-11-02' AND reserved_before = 1 AND reserved_after = 0)"
                                         "   OR (day = '2026-11-03' AND reserved_before = 0 AND reserved_after = 1))"), ==, 2);

  mail = ef_test_db_query_lines (db_path (fixture), "SELECT recipient || '|' || subject || '|' || body FROM outbox"
                                                    " WHERE kind = 'reservations' ORDER BY id DESC LIMIT 1");
  g_test_message ("%s", mail);
  g_assert_true (g_str_has_prefix (mail, fixture->email));
  g_assert_nonnull (strstr (mail, "Jour annulé (1)"));
  g_assert_nonnull (strstr (mail, "Jour réservé (1)"));
  g_assert_nonnull (strstr (mail, "novembre 2026\u00A0: lundi 2"));
  g_assert_nonnull (strstr (mail, "Accueil périscolaire du matin"));

  /* In the tenant's language, French, though the server runs in C.UTF-8:
   * the whole letter, dates in words and the French spacing included. */
  g_assert_true (g_str_has_suffix (mail,
                                   "|Ville de Billère\u00A0: vos réservations sont enregistrées|"
                                   "Bonjour,\n"
                                   "\n"
                                   "Les modifications suivantes de vos réservations ont été "
                                   "enregistrées le lundi 5 octobre 2026 à 8\u00A0h\u00A000.\n"
                                   "\n"
                                   "Léa Martin — Restauration scolaire\n"
                                   "  Jour annulé (1)\u00A0:\n"
                                   "    novembre 2026\u00A0: lundi 2\n"
                                   "\n"
                                   "Léa Martin — Accueil périscolaire du matin\n"
                                   "  Jour réservé (1)\u00A0:\n"
                                   "    novembre 2026\u00A0: mardi 3\n"
                                   "\n"
                                   "Tout repas commandé et non annulé à temps sera facturé.\n"
                                   "\n"
                                   "Ville de Billère — Espace Famille\n"
                                   /* query_text() ends every row with a newline */
                                   "\n"));
}

static void
test_batch_refused_whole (Fixture       *fixture,
                          gconstpointer  data)
{
  gint64 a = fixture->children[0];
  const char * const late[] = {
    "restaurant-scolaire 2026-11-02 false",
    "restaurant-scolaire 2026-10-06 false",   /* Tuesday: until Thursday 1 October 09:00 */
    "accueil-matin 2026-11-03 true",
    NULL
  };
  const char * const closed[] = {
    "restaurant-scolaire 2026-11-07 true",    /* Saturday */
    "restaurant-scolaire 2026-11-04 true",    /* Wednesday: no meal */
    "accueil-matin 2026-12-21 true",          /* Christmas holidays */
    NULL
  };
  const char * const not_enrolled[] = {
    "accueil-soir 2026-11-03 true",           /* enrolled in the morning only */
    "restaurant-scolaire 2027-07-05 true",    /* after the enrolment */
    "piscine 2026-11-03 true",                /* no such activity */
    NULL
  };
  const char * const mixed[] = {
    "restaurant-scolaire 2026-10-06 false",
    "restaurant-scolaire 2026-11-07 true",
    NULL
  };
  g_autofree char *before = reservation_state (fixture);
  g_autofree char *body = NULL;
  g_autofree char *after = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonArray *details;
  JsonObject *detail;
  guint status;

  body = batch_body (fixture, a, late);
  answer = post_batch (fixture, body, &status);
  assert_error (answer, status, 422, "deadline_passed");
  details = error_details (answer);
  g_assert_cmpuint (json_array_get_length (details), ==, 1);
  detail = json_array_get_object_element (details, 0);
  g_assert_cmpint (json_object_get_int_member (detail, "index"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (detail, "day"), ==, "2026-10-06");
  g_assert_cmpstr (json_object_get_string_member (detail, "reason"), ==, "deadline_passed");
  g_assert_cmpstr (json_object_get_string_member (detail, "deadline"), ==, "2026-10-01T09:00:00+02:00");

  g_clear_pointer (&body, g_free);
  g_clear_pointer (&answer, json_node_unref);
  body = batch_body (fixture, a, closed);
  answer = post_batch (fixture, body, &status);
  assert_error (answer, status, 422, "day_closed");
  details = error_details (answer);
  g_assert_cmpuint (json_array_get_length (details), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (details, 0), "closed_reason"), ==, "weekend");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (details, 1), "closed_reason"), ==, "not_running");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (details, 2), "closed_reason"), ==, "school_holiday");

  g_clear_pointer (&body, g_free);
  g_clear_pointer (&answer, json_node_unref);
  body = batch_body (fixture, a, not_enrolled);
  answer = post_batch (fixture, body, &status);
  assert_error (answer, status, 422, "not_enrolled");
  g_assert_cmpuint (json_array_get_length (error_details (answer)), ==, 3);

  g_clear_pointer (&body, g_free);
  g_clear_pointer (&answer, json_node_unref);
  body = batch_body (fixture, a, mixed);
  answer = post_batch (fixture, body, &status);
  assert_error (answer, status, 422, "validation_failed");
  g_assert_cmpuint (json_array_get_length (error_details (answer)), ==, 2);

  after = reservation_state (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (version_of (fixture, a), ==, 1);
}

static void
test_batch_other_family (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *before = reservation_state (fixture);
  g_autofree char *body = g_strdup_printf (
    "{\"changes\": [{\"member\": %" G_GINT64_FORMAT ", \"activity\": \"restaurant-scolaire\", \"day\": \"2026-11-02\", \"reserved\": false},"
    " {\"member\": %" G_GINT64_FORMAT ", \"activity\": \"restaurant-scolaire\", \"day\": \"2026-11-03\", \"reserved\": true}],"
    " \"versions\": {\"%" G_GINT64_FORMAT "\": 1, \"%" G_GINT64_FORMAT "\": 0}}",
    fixture->children[0], fixture->stranger, fixture->children[0], fixture->stranger);
  g_autofree char *versions_only = g_strdup_printf (
    "{\"changes\": [{\"member\": %" G_GINT64_FORMAT ", \"activity\": \"restaurant-scolaire\", \"day\": \"2026-11-02\", \"reserved\": false}],"
    " \"versions\": {\"%" G_GINT64_FORMAT "\": 1, \"%" G_GINT64_FORMAT "\": 0}}",
    fixture->children[0], fixture->children[0], fixture->stranger);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autofree char *after = NULL;
  guint status;

  answer = post_batch (fixture, body, &status);
  assert_error (answer, status, 404, "not_found");
  second = post_batch (fixture, versions_only, &status);
  assert_error (second, status, 404, "not_found");

  after = reservation_state (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_batch_stale_version (Fixture       *fixture,
                          gconstpointer  data)
{
  gint64 a = fixture->children[0], b = fixture->children[1];
  g_autofree char *before = reservation_state (fixture);
  g_autofree char *body = g_strdup_printf (
    "{\"changes\": [{\"member\": %" G_GINT64_FORMAT ", \"activity\": \"restaurant-scolaire\", \"day\": \"2026-11-02\", \"reserved\": false}],"
    " \"versions\": {\"%" G_GINT64_FORMAT "\": 0, \"%" G_GINT64_FORMAT "\": 1}}",
    a, a, b);
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *after = NULL;
  JsonArray *details;
  guint status;

  answer = post_batch (fixture, body, &status);
  assert_error (answer, status, 409, "version_conflict");
  details = error_details (answer);
  g_assert_cmpuint (json_array_get_length (details), ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (details, i), "version"), ==, 1);

  after = reservation_state (fixture);
  g_assert_cmpstr (after, ==, before);
}

static void
test_batch_year (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *body = NULL;
  guint n, status;
  gint64 reserved;

  ef_test_api_set_clock (fixture->session, fixture->server, fixture->token, "2026-08-20T12:00:00+02:00");
  body = year_batch_body (fixture, &n);
  g_test_message ("%u changes, %zu bytes", n, strlen (body));
  g_assert_cmpuint (n, >, 1000);
  g_assert_cmpuint (strlen (body), <, 1024 * 1024);

  answer = post_batch (fixture, body, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (answer), "applied"), ==, n);
  reserved = json_object_get_int_member (json_node_get_object (answer), "reserved");
  g_assert_cmpint (reserved + json_object_get_int_member (json_node_get_object (answer), "cancelled"), ==, n);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM reservations"), ==, reserved);
}

static void
test_batch_bad_bodies (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *m = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->children[0]);
  g_autofree char *change = g_strdup_printf ("{\"member\": %s, \"activity\": \"restaurant-scolaire\", "
                                             "\"day\": \"2026-11-02\", \"reserved\": false}", m);
  g_autofree char *versions = g_strdup_printf ("{\"%s\": 1}", m);
  struct {
    char       *body;
    guint       status;
    const char *code;
  } cases[] = {
    { g_strdup ("{\"changes\": [ {"), 400, "malformed_json" },
    { g_strdup ("[]"), 422, "invalid_field" },
    { g_strdup_printf ("{\"changes\": [], \"versions\": %s}", versions), 422, "invalid_field" },
    { g_strdup_printf ("{\"changes\": [%s]}", change), 422, "invalid_field" },
    { g_strdup_printf ("{\"changes\": [%s], \"versions\": %s, \"force\": true}", change, versions), 422, "unknown_field" },
    { g_strdup_printf ("{\"changes\": [{\"member\": %s, \"activity\": \"restaurant-scolaire\", \"day\": \"2026-11-02\", \"reserved\": \"no\"}], \"versions\": %s}", m, versions), 422, "invalid_field" },
    { g_strdup_printf ("{\"changes\": [{\"member\": \"%s\", \"activity\": \"restaurant-scolaire\", \"day\": \"2026-11-02\", \"reserved\": false}], \"versions\": %s}", m, versions), 422, "invalid_field" },
    { g_strdup_printf ("{\"changes\": [{\"member\": %s, \"activity\": \"restaurant-scolaire\", \"day\": \"2026-11-02\", \"reserved\": false, \"note\": 1}], \"versions\": %s}", m, versions), 422, "unknown_field" },
    { g_strdup_printf ("{\"changes\": [{\"member\": %s, \"activity\": \"restaurant-scolaire\", \"day\": \"2026-02-30\", \"reserved\": false}], \"versions\": %s}", m, versions), 422, "invalid_date" },
    { g_strdup_printf ("{\"changes\": [{\"member\": %s, \"activity\": \"restaurant-scolaire\", \"day\": \"02/11/2026\", \"reserved\": false}], \"versions\": %s}", m, versions), 422, "invalid_date" },
    { g_strdup_printf ("{\"changes\": [%s], \"versions\": {\"%s\": \"1\"}}", change, m), 422, "invalid_field" },
    { g_strdup_printf ("{\"changes\": [%s, %s], \"versions\": %s}", change, change, versions), 422, "validation_failed" },
  };
  g_autofree char *before = reservation_state (fixture);
  g_autofree char *after = NULL;
  g_autoptr(GString) huge = g_string_new ("{\"changes\": [");
  g_autoptr(JsonNode) huge_answer = NULL;
  guint status;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) answer = post_batch (fixture, cases[i].body, &status);

      g_test_message ("%s", cases[i].body);
      assert_error (answer, status, cases[i].status, cases[i].code);
      g_free (cases[i].body);
    }

  /* Over the 1 MiB limit. */
  while (huge->len < 1100 * 1024)
    g_string_append_printf (huge, "%s, ", change);
  g_string_append_printf (huge, "%s], \"versions\": %s}", change, versions);
  huge_answer = post_batch (fixture, huge->str, &status);
  g_assert_cmpuint (status, ==, 413);

  after = reservation_state (fixture);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (version_of (fixture, fixture->children[0]), ==, 1);
}

/* ------------------------------------------------------------ kill -9 */

typedef struct
{
  GMainLoop *loop;
  Fixture   *fixture;
  guint      pending;
  guint      status;
  gboolean   killed;
} KillRun;

static void
on_batch_sent_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  KillRun *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  run->status = error == NULL ? soup_message_get_status (msg) : 0;
  if (--run->pending == 0)
    g_main_loop_quit (run->loop);
}

static gboolean
on_kill_timeout_cb (gpointer user_data)
{
  KillRun *run = user_data;

  ef_test_server_kill (run->fixture->server);
  run->killed = TRUE;
  if (--run->pending == 0)
    g_main_loop_quit (run->loop);
  return G_SOURCE_REMOVE;
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* "member/activity/day" lines of @state toggled by the changes of @body. */
static char *
expected_after (const char *state,
                const char *body)
{
  g_autoptr(JsonNode) node = json_from_string (body, NULL);
  JsonArray *changes = json_object_get_array_member (json_node_get_object (node), "changes");
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) lines = g_strsplit (state, "\n", -1);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GString *text = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_hash_table_add (set, g_strdup (lines[i]));

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);
      char *line = g_strdup_printf ("%" G_GINT64_FORMAT "/%s/%s",
                                    json_object_get_int_member (change, "member"),
                                    json_object_get_string_member (change, "activity"),
                                    json_object_get_string_member (change, "day"));

      if (json_object_get_boolean_member (change, "reserved"))
        g_hash_table_add (set, line);
      else
        {
          g_hash_table_remove (set, line);
          g_free (line);
        }
    }

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (sorted, key);
  g_ptr_array_sort (sorted, compare_lines);
  for (guint i = 0; i < sorted->len; i++)
    {
      g_string_append (text, g_ptr_array_index (sorted, i));
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static void
test_batch_kill9 (Fixture       *fixture,
                  gconstpointer  data)
{
  guint n_after = 0, n_before = 0;

  ef_test_api_set_clock (fixture->session, fixture->server, fixture->token, "2026-08-20T12:00:00+02:00");

  for (guint round = 0; round < 10; round++)
    {
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *url = NULL;
      g_autofree char *auth = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *now = NULL;
      g_autofree char *body = NULL;
      KillRun run = { loop, fixture, 2, 0, FALSE };
      guint n;

      body = year_batch_body (fixture, &n);
      before = reservation_state (fixture);
      after = expected_after (before, body);
      g_assert_cmpstr (before, !=, after);

      url = g_strconcat (ef_test_server_get_url (fixture->server), "/7249/api/v1/reservations", NULL);
      msg = soup_message_new ("POST", url);
      auth = g_strconcat ("Bearer ", fixture->token, NULL);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      bytes = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);

      soup_session_send_and_read_async (fixture->session, msg, G_PRIORITY_DEFAULT, NULL,
                                        on_batch_sent_cb, &run);
      /* From before the request arrives to after the answer. */
      g_timeout_add (round * 4, on_kill_timeout_cb, &run);
      g_main_loop_run (loop);

      ef_test_server_restart (fixture->server, test_clock_args);
      g_free (fixture->token);
      ef_test_api_set_clock (fixture->session, fixture->server, NULL, "2026-08-20T12:00:00+02:00");
      fixture->token = ef_test_api_login (fixture->session, fixture->server, fixture->email, fixture->password);

      now = reservation_state (fixture);
      g_test_message ("round %u: killed after %u ms, answer %u, %s", round, round * 4, run.status,
                      g_str_equal (now, after) ? "applied" : g_str_equal (now, before) ? "not applied" : "PARTIAL");
      g_assert_true (g_str_equal (now, before) || g_str_equal (now, after));
      if (run.status == 200)
        g_assert_cmpstr (now, ==, after);
      if (g_str_equal (now, after))
        n_after++;
      else
        n_before++;
    }
  g_test_message ("%u batches survived whole, %u were lost whole", n_after, n_before);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/server/planning/enrolments", test_enrolments);
  ADD ("/server/planning/month", test_planning_month);
  ADD ("/server/planning/changeable-flips", test_planning_changeable_flips);
  ADD ("/server/planning/kept-texts", test_planning_kept_texts);
  ADD ("/server/planning/bad-requests", test_planning_bad_requests);
  ADD ("/server/clock/every-answer", test_clock_every_answer);
  ADD ("/server/reservations/applied-and-audited", test_batch_applied_and_audited);
  ADD ("/server/reservations/refused-whole", test_batch_refused_whole);
  ADD ("/server/reservations/other-family", test_batch_other_family);
  ADD ("/server/reservations/stale-version", test_batch_stale_version);
  ADD ("/server/reservations/year", test_batch_year);
  ADD ("/server/reservations/bad-bodies", test_batch_bad_bodies);
  ADD ("/server/reservations/kill-9", test_batch_kill9);

  return g_test_run ();
}
