/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-auth.c: invitations, sign-in, lockout, sessions, sign-out and
 * forgotten passwords on a real server with a test clock
 *
 * argon2id costs ~150 ms a hash: each test hashes a handful of times only.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include <unistd.h>

#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>

#include "ef-common.h"
#include "ef-test-api.h"
#include "ef-test-db.h"

#define START "2026-01-12T08:00:00+01:00"
#define DUPONT_EMAIL "jeanne.dupont@example.org"
#define DUPONT2_EMAIL "marc.dupont@example.org"
#define PORTAL "https://espacefamille.example.fr/7249"

typedef struct
{
  EfTestServer *server;
  SoupSession  *session;
  char         *demo_email;
  char         *demo_password;
} Fixture;

static const char *
db_path (Fixture *fixture)
{
  return ef_test_server_get_db_path (fixture->server);
}

static const char dupont_family[] =
  "{\"reference\": \"DOSSIER-42\", \"name\": \"Famille Dupont\","
  " \"address\": {\"line1\": \"3 place de la Mairie\", \"postal_code\": \"64140\", \"city\": \"Billère\"},"
  " \"members\": ["
  "  {\"role\": \"responsible\", \"first_name\": \"Jeanne\", \"last_name\": \"Dupont\","
  "   \"birth_date\": \"1980-01-02\", \"email\": \"Jeanne.Dupont@example.org\"},"
  "  {\"role\": \"responsible\", \"first_name\": \"Marc\", \"last_name\": \"Dupont\","
  "   \"birth_date\": \"1979-03-04\", \"email\": \"" DUPONT2_EMAIL "\"},"
  "  {\"role\": \"child\", \"first_name\": \"Paul\", \"last_name\": \"Dupont\","
  "   \"birth_date\": \"2017-05-06\"}]}";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *args[] = { "--test-clock", NULL };

  fixture->server = ef_test_server_start (TRUE, args);
  fixture->session = ef_test_api_session_new ();
  ef_test_api_demo_account (fixture->server, &fixture->demo_email, &fixture->demo_password);
  ef_test_api_set_clock (fixture->session, fixture->server, NULL, START);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->server, ef_test_server_free);
  g_free (fixture->demo_email);
  g_free (fixture->demo_password);
}

static char *
run_ok (const char * const *argv)
{
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = ef_test_server_run_command (argv, &out, &err);

  if (status != 0)
    g_error ("%s failed (%d): %s", argv[0], status, err);
  return out;
}

static void
import_dupont (Fixture *fixture)
{
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int fd = g_file_open_tmp ("ef-auth-family-XXXXXX.json", &path, &error);
  const char *argv[] = { "family-import", "--db", ef_test_server_get_db_path (fixture->server),
                         "--tenant", "7249", path, NULL };

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, dupont_family, -1, &error);
  g_assert_no_error (error);
  out = run_ok (argv);
  g_assert_nonnull (strstr (out, "\"Famille Dupont\""));
  g_unlink (path);
}

/* Runs `invite` and returns the token of the mail it wrote. */
static char *
invite (Fixture    *fixture,
        const char *email)
{
  const char *db = ef_test_server_get_db_path (fixture->server);
  const char *invite_argv[] = { "invite", "--db", db, "--tenant", "7249", "--email", email,
                                "--portal-url", PORTAL "/", NULL };
  const char *outbox_argv[] = { "outbox", "--db", db, "--tenant", "7249", NULL };
  g_autofree char *invite_out = run_ok (invite_argv);
  g_autofree char *outbox = run_ok (outbox_argv);
  const char *last_mail = g_strrstr (outbox, "--- mail ");
  const char *link;

  g_assert_nonnull (strstr (invite_out, email));
  g_assert_nonnull (last_mail);
  g_assert_nonnull (strstr (last_mail, "invitation queued"));
  g_assert_nonnull (strstr (last_mail, email));
  link = strstr (last_mail, PORTAL "/first-connection?token=");
  g_assert_nonnull (link);
  link += strlen (PORTAL "/first-connection?token=");
  return g_strndup (link, 43);
}

static JsonNode *
post (Fixture    *fixture,
      const char *path,
      const char *token,
      const char *body,
      guint      *status)
{
  g_autofree char *full = g_strconcat ("/7249/api/v1", path, NULL);

  return ef_test_api_request (fixture->session, fixture->server, "POST", full, token, body, status);
}

static JsonNode *
get_family (Fixture    *fixture,
            const char *token,
            guint      *status)
{
  return ef_test_api_request (fixture->session, fixture->server, "GET", "/7249/api/v1/family",
                              token, NULL, status);
}

static void
set_clock (Fixture    *fixture,
           const char *now)
{
  ef_test_api_set_clock (fixture->session, fixture->server, NULL, now);
}

/* The single detail's "code" (or @member) of an error answer. */
static const char *
detail (JsonNode   *answer,
        guint       index,
        const char *member)
{
  JsonObject *error = json_object_get_object_member (json_node_get_object (answer), "error");
  JsonArray *details = json_object_get_array_member (error, "details");

  g_assert_cmpuint (json_array_get_length (details), >, index);
  return json_object_get_string_member (json_array_get_object_element (details, index), member);
}

static JsonNode *
login (Fixture    *fixture,
       const char *email,
       const char *password,
       guint      *status)
{
  g_autofree char *body = g_strdup_printf ("{\"email\": \"%s\", \"password\": \"%s\", \"client\": \"test-auth\"}",
                                           email, password);

  return post (fixture, "/auth/login", NULL, body, status);
}

static char *
login_ok (Fixture    *fixture,
          const char *email,
          const char *password)
{
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  answer = login (fixture, email, password, &status);
  g_assert_cmpuint (status, ==, 200);
  return g_strdup (json_object_get_string_member (json_node_get_object (answer), "token"));
}

static void
test_invitation_flow (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) unknown = NULL;
  g_autoptr(JsonNode) expired = NULL;
  g_autoptr(JsonNode) logged = NULL;
  g_autoptr(JsonNode) family = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token2 = NULL;
  g_autofree char *path = NULL;
  g_autofree char *path2 = NULL;
  const char *session;
  JsonObject *object;
  guint status;

  import_dupont (fixture);
  token = invite (fixture, DUPONT_EMAIL);
  path = g_strdup_printf ("/auth/invitations/%s", token);

  /* Stored hashed, never in clear. */
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM account_tokens WHERE length (token_hash) = 64"), ==, 1);

  answer = post (fixture, path, NULL, "{\"password\": \"Une phrase de passe\"}", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (answer), "email"), ==, DUPONT_EMAIL);

  /* Single use. */
  again = post (fixture, path, NULL, "{\"password\": \"Une autre phrase\"}", &status);
  g_assert_cmpuint (status, ==, 404);
  g_assert_cmpstr (ef_test_api_error_code (again), ==, "not_found");
  g_assert_cmpstr (detail (again, 0, "code"), ==, "invitation_used");

  unknown = post (fixture, "/auth/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL,
                  "{\"password\": \"Une autre phrase\"}", &status);
  g_assert_cmpuint (status, ==, 404);
  g_assert_cmpstr (detail (unknown, 0, "code"), ==, "invitation_invalid");

  /* The login is the e-mail, in any case. */
  logged = login (fixture, "JEANNE.Dupont@example.org", "Une phrase de passe", &status);
  g_assert_cmpuint (status, ==, 200);
  object = json_node_get_object (logged);
  session = json_object_get_string_member (object, "token");
  g_assert_cmpuint (strlen (session), ==, 43);
  g_assert_cmpstr (json_object_get_string_member (object, "expires_at"), ==, "2026-01-12T20:00:00+01:00");
  g_assert_cmpstr (json_object_get_string_member (object, "idle_expires_at"), ==, "2026-01-12T08:30:00+01:00");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "account"), "email"),
                   ==, DUPONT_EMAIL);

  family = get_family (fixture, session, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (family), "name"), ==, "Famille Dupont");

  /* 48 hours, not a second more. */
  token2 = invite (fixture, DUPONT2_EMAIL);
  path2 = g_strdup_printf ("/auth/invitations/%s", token2);
  /* `invite` runs on the machine's clock, not the server's test clock. */
  {
    g_autoptr(GDateTime) real_now = g_date_time_new_now_utc ();
    g_autoptr(GDateTime) later = g_date_time_add_seconds (real_now, 48 * 3600 + 60);
    g_autofree char *text = g_date_time_format_iso8601 (later);

    set_clock (fixture, text);
  }
  expired = post (fixture, path2, NULL, "{\"password\": \"Une phrase de passe\"}", &status);
  g_assert_cmpuint (status, ==, 404);
  g_assert_cmpstr (detail (expired, 0, "code"), ==, "invitation_expired");
}

static void
test_password_rules (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct {
    const char *body;
    const char *code;
  } cases[] = {
    { "{\"password\": \"court\"}", "too_short" },
    { "{\"password\": \"123456789\"}", "too_short" },
    { "{\"password\": \"xx" DUPONT_EMAIL "xx\"}", "contains_email" },
    { "{\"password\": \"JEANNE.DUPONT-1234\"}", "contains_email" },
  };
  g_autoptr(JsonNode) ok = NULL;
  g_autoptr(JsonNode) unknown = NULL;
  g_autoptr(JsonNode) wrong_type = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  guint status;

  import_dupont (fixture);
  token = invite (fixture, DUPONT_EMAIL);
  path = g_strdup_printf ("/auth/invitations/%s", token);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) answer = post (fixture, path, NULL, cases[i].body, &status);

      g_assert_cmpuint (status, ==, 422);
      g_assert_cmpstr (ef_test_api_error_code (answer), ==, "validation_failed");
      g_assert_cmpstr (detail (answer, 0, "field"), ==, "password");
      g_assert_cmpstr (detail (answer, 0, "code"), ==, cases[i].code);
    }

  unknown = post (fixture, path, NULL, "{\"password\": \"Une phrase de passe\", \"admin\": true}", &status);
  g_assert_cmpuint (status, ==, 422);
  g_assert_cmpstr (ef_test_api_error_code (unknown), ==, "unknown_field");
  wrong_type = post (fixture, path, NULL, "{\"password\": 1234567890123}", &status);
  g_assert_cmpuint (status, ==, 422);
  g_assert_cmpstr (ef_test_api_error_code (wrong_type), ==, "invalid_field");

  /* Exactly 10 characters (not bytes) is enough; the token still works. */
  ok = post (fixture, path, NULL, "{\"password\": \"éèêëàâäôöû\"}", &status);
  g_assert_cmpuint (status, ==, 200);
}

/* The raw body of a sign-in, to compare bytes. */
static GBytes *
login_raw (Fixture    *fixture,
           const char *body,
           guint      *status)
{
  g_autofree char *url = g_strconcat (ef_test_server_get_url (fixture->server), "/7249/api/v1/auth/login", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr(GError) error = NULL;
  GBytes *answer;

  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  answer = soup_session_send_and_read (fixture->session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  return answer;
}

static void
test_login_same_answer (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GBytes) wrong = NULL;
  g_autoptr(GBytes) unknown = NULL;
  g_autoptr(JsonNode) long_client = NULL;
  g_autofree char *body = NULL;
  g_autofree char *client = NULL;
  g_autofree char *token = NULL;
  guint status_wrong, status_unknown, status;

  body = g_strdup_printf ("{\"email\": \"%s\", \"password\": \"pas le bon mot\", \"client\": \"GNOME 47\"}",
                          fixture->demo_email);
  wrong = login_raw (fixture, body, &status_wrong);
  unknown = login_raw (fixture, "{\"email\": \"personne@example.fr\", \"password\": \"pas le bon mot\"}",
                       &status_unknown);
  g_assert_cmpuint (status_wrong, ==, 401);
  g_assert_cmpuint (status_unknown, ==, 401);
  g_assert_true (g_bytes_equal (wrong, unknown));
  g_assert_nonnull (strstr (g_bytes_get_data (wrong, NULL), "\"unauthorized\""));
  /* No secret in the answer. */
  g_assert_null (strstr (g_bytes_get_data (wrong, NULL), "pas le bon mot"));

  token = login_ok (fixture, fixture->demo_email, fixture->demo_password);

  client = g_strnfill (101, 'x');
  g_free (body);
  body = g_strdup_printf ("{\"email\": \"a@b.fr\", \"password\": \"x\", \"client\": \"%s\"}", client);
  long_client = post (fixture, "/auth/login", NULL, body, &status);
  g_assert_cmpuint (status, ==, 422);
  g_assert_cmpstr (detail (long_client, 0, "code"), ==, "too_long");

  /* Every attempt is in the connection log, with its instant and client. */
  /* (The demo data brings its own history, marked by its client.) */
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM connections"
                                                            " WHERE client <> 'Espace Famille (démo)'"), ==, 3);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture),
                                         "SELECT count(*) FROM connections c JOIN accounts a ON a.id = c.account_id"
                                         " WHERE a.email = 'parent@example.fr' AND c.success = 0"
                                         "   AND c.result = 'bad_credentials' AND c.client = 'GNOME 47'"), ==, 1);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture),
                                         "SELECT count(*) FROM connections WHERE account_id IS NULL AND success = 0"
                                         "   AND client = ''"), ==, 1);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture),
                                         "SELECT count(*) FROM connections WHERE success = 1 AND client = 'test-auth'"
                                         "   AND at = 1768201200 AND tenant_id = '7249'"), ==, 1);
}

static void
test_lockout (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(JsonNode) locked = NULL;
  g_autoptr(JsonNode) still = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *token = NULL;
  guint status;

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(JsonNode) answer = login (fixture, fixture->demo_email, "mauvais mot de passe", &status);

      g_assert_cmpuint (status, ==, 401);
    }

  locked = login (fixture, fixture->demo_email, "mauvais mot de passe", &status);
  g_assert_cmpuint (status, ==, 423);
  g_assert_cmpstr (ef_test_api_error_code (locked), ==, "account_locked");
  g_assert_cmpstr (detail (locked, 0, "locked_until"), ==, "2026-01-12T08:15:00+01:00");

  /* The right password does not help while locked. */
  set_clock (fixture, "2026-01-12T08:14:59+01:00");
  still = login (fixture, fixture->demo_email, fixture->demo_password, &status);
  g_assert_cmpuint (status, ==, 423);

  set_clock (fixture, "2026-01-12T08:15:00+01:00");
  token = login_ok (fixture, fixture->demo_email, fixture->demo_password);

  /* The success reset the count: one failure is a plain 401 again. */
  after = login (fixture, fixture->demo_email, "mauvais mot de passe", &status);
  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM connections WHERE result = 'locked'"), ==, 1);
}

static GBytes *
login_bytes (Fixture    *fixture,
             const char *email,
             const char *password,
             guint      *status)
{
  g_autofree char *body = g_strdup_printf ("{\"email\": \"%s\", \"password\": \"%s\"}", email, password);

  return login_raw (fixture, body, status);
}

/* Finding 1: an unknown e-mail locks like a known one, with the same
 * answers, so that the lockout does not tell who has an account; and an
 * unknown e-mail costs a password hash like a wrong password. */
static void
test_lockout_unknown_same_answer (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *hash = g_malloc (crypto_pwhash_STRBYTES);
  g_autoptr(GBytes) timed = NULL;
  gint64 fastest = G_MAXINT64, start, elapsed;
  guint status;

  for (guint i = 0; i < 6; i++)
    {
      /* The sixth attempt: even the right password is refused. */
      const char *password = i < 5 ? "mauvais mot de passe" : fixture->demo_password;
      g_autoptr(GBytes) known = NULL;
      g_autoptr(GBytes) unknown = NULL;
      guint status_known, status_unknown;

      known = login_bytes (fixture, fixture->demo_email, password, &status_known);
      unknown = login_bytes (fixture, "personne@example.fr", password, &status_unknown);
      g_assert_cmpuint (status_known, ==, i < 4 ? 401 : 423);
      g_assert_cmpuint (status_unknown, ==, status_known);
      g_assert_true (g_bytes_equal (known, unknown));
      if (i >= 4)
        g_assert_nonnull (g_strstr_len (g_bytes_get_data (unknown, NULL), g_bytes_get_size (unknown),
                                        "\"locked_until\":\"2026-01-12T08:15:00+01:00\""));
    }
  /* Both locked attempts are in the log, the unknown one without account. */
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM connections WHERE result = 'locked'"
                                                            "   AND account_id IS NULL"), ==, 1);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM connections WHERE result = 'locked'"
                                                            "   AND account_id IS NOT NULL"), ==, 1);

  /* The same lock ends for both at the same instant. */
  set_clock (fixture, "2026-01-12T08:15:00+01:00");
  g_clear_pointer (&timed, g_bytes_unref);
  timed = login_bytes (fixture, "personne@example.fr", "mauvais mot de passe", &status);
  g_assert_cmpuint (status, ==, 401);

  /* Timing: an unknown e-mail that is not locked is checked against a
   * hash with the real parameters. A request cannot be faster than one
   * argon2id verification, measured here (the fastest of three), with a
   * wide margin for a loaded machine. */
  g_assert_cmpint (sodium_init (), >=, 0);
  g_assert_cmpint (crypto_pwhash_str (hash, "un mot de passe", strlen ("un mot de passe"),
                                      crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                      crypto_pwhash_MEMLIMIT_INTERACTIVE), ==, 0);
  for (guint i = 0; i < 3; i++)
    {
      start = g_get_monotonic_time ();
      g_assert_cmpint (crypto_pwhash_str_verify (hash, "un autre", strlen ("un autre")), !=, 0);
      fastest = MIN (fastest, g_get_monotonic_time () - start);
    }
  start = g_get_monotonic_time ();
  g_clear_pointer (&timed, g_bytes_unref);
  timed = login_bytes (fixture, "quelqu.un@example.fr", "mauvais mot de passe", &status);
  elapsed = g_get_monotonic_time () - start;
  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpint (elapsed, >=, fastest / 4);
}

/* Finding 2: failures count over a sliding window of 15 minutes. */
static void
test_lockout_window (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct { const char *at; guint status; } attempts[] = {
    { "2026-01-12T08:00:00+01:00", 401 },
    { "2026-01-12T08:01:00+01:00", 401 },
    { "2026-01-12T08:02:00+01:00", 401 },
    { "2026-01-12T08:03:00+01:00", 401 },
    /* Two days later: the four are forgotten. */
    { "2026-01-14T08:00:00+01:00", 401 },
    { "2026-01-14T08:05:00+01:00", 401 },
    { "2026-01-14T08:10:00+01:00", 401 },
    { "2026-01-14T08:14:00+01:00", 401 },
    /* 08:00 is out of the window: four in it. */
    { "2026-01-14T08:15:00+01:00", 401 },
    /* 08:05, 08:10, 08:14, 08:15, 08:19: five in 15 minutes. */
    { "2026-01-14T08:19:00+01:00", 423 },
  };
  g_autofree char *token = NULL;
  guint status;

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      g_autoptr(JsonNode) answer = NULL;

      set_clock (fixture, attempts[i].at);
      answer = login (fixture, fixture->demo_email, "mauvais mot de passe", &status);
      g_assert_cmpuint (status, ==, attempts[i].status);
    }

  /* A success resets the count. */
  set_clock (fixture, "2026-01-14T08:34:00+01:00");
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(JsonNode) answer = login (fixture, fixture->demo_email, "mauvais mot de passe", &status);

      g_assert_cmpuint (status, ==, 401);
    }
  token = login_ok (fixture, fixture->demo_email, fixture->demo_password);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(JsonNode) answer = login (fixture, fixture->demo_email, "mauvais mot de passe", &status);

      g_assert_cmpuint (status, ==, 401);
    }
}

/* Finding 3: sign-in failures per client address. */
static void
test_login_rate_limit (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(JsonNode) limited = NULL;
  g_autoptr(JsonNode) right = NULL;
  g_autofree char *token = NULL;
  guint status;

  /* 5 wrong passwords lock the e-mail; 15 more tries while locked: 20
   * failures from this address in 15 minutes. */
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(JsonNode) answer = login (fixture, fixture->demo_email, "mauvais mot de passe", &status);

      g_assert_cmpuint (status, ==, i < 4 ? 401 : 423);
    }

  limited = login (fixture, "autre@example.fr", "mauvais mot de passe", &status);
  g_assert_cmpuint (status, ==, 429);
  g_assert_cmpstr (ef_test_api_error_code (limited), ==, "rate_limited");

  /* Whatever the e-mail and the password. */
  set_clock (fixture, "2026-01-12T08:14:59+01:00");
  right = login (fixture, DUPONT_EMAIL, "un mot de passe", &status);
  g_assert_cmpuint (status, ==, 429);
  g_assert_cmpstr (ef_test_api_error_code (right), ==, "rate_limited");

  /* Another client behind the reverse proxy (X-Real-IP from the
   * loopback) is not limited. */
  {
    g_autofree char *url = g_strconcat (ef_test_server_get_url (fixture->server),
                                        "/7249/api/v1/auth/login", NULL);
    g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
    g_autoptr(GBytes) body = g_bytes_new_static ("{\"email\": \"autre@example.fr\", \"password\": \"x\"}",
                                                 strlen ("{\"email\": \"autre@example.fr\", \"password\": \"x\"}"));
    g_autoptr(GBytes) answer = NULL;
    g_autoptr(GError) error = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "X-Real-IP", "192.0.2.7");
    soup_message_set_request_body_from_bytes (msg, "application/json", body);
    answer = soup_session_send_and_read (fixture->session, msg, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
  }

  /* 15 minutes later the address and the e-mail may try again. */
  set_clock (fixture, "2026-01-12T08:15:00+01:00");
  token = login_ok (fixture, fixture->demo_email, fixture->demo_password);
}

static guint
count_reset_mails (Fixture *fixture)
{
  return ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM outbox WHERE kind = 'password_reset'");
}

static void
request_reset (Fixture    *fixture,
               const char *email)
{
  g_autofree char *body = g_strdup_printf ("{\"email\": \"%s\"}", email);
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  answer = post (fixture, "/auth/password-reset", NULL, body, &status);
  g_assert_cmpuint (status, ==, 202);
  g_assert_null (answer);
}

/* Finding 3: password-reset mails per e-mail and per address. */
static void
test_reset_rate_limit (Fixture       *fixture,
                       gconstpointer  data)
{
  /* 15 requests, the same answer each time: 3 mails. */
  for (guint i = 0; i < 15; i++)
    request_reset (fixture, fixture->demo_email);
  g_assert_cmpuint (count_reset_mails (fixture), ==, 3);

  /* An hour later: 9 other e-mails and one mail to the parent make 10
   * requests from this address; the 11th sends nothing. */
  set_clock (fixture, "2026-01-12T09:00:00+01:00");
  for (guint i = 0; i < 9; i++)
    {
      g_autofree char *email = g_strdup_printf ("personne%u@example.fr", i);

      request_reset (fixture, email);
    }
  request_reset (fixture, fixture->demo_email);
  g_assert_cmpuint (count_reset_mails (fixture), ==, 4);
  request_reset (fixture, fixture->demo_email);
  g_assert_cmpuint (count_reset_mails (fixture), ==, 4);

  /* The window slides: an hour after the first of them, one more. */
  set_clock (fixture, "2026-01-12T10:00:00+01:00");
  request_reset (fixture, fixture->demo_email);
  g_assert_cmpuint (count_reset_mails (fixture), ==, 5);
}

static void
test_session_expiry (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (START, NULL);
  g_autofree char *idle = NULL;
  g_autofree char *absolute = NULL;
  g_autoptr(JsonNode) expired = NULL;
  guint status;

  /* Idle: 29 minutes is fine, and resets the timer; 30 minutes is not. */
  idle = login_ok (fixture, fixture->demo_email, fixture->demo_password);
  set_clock (fixture, "2026-01-12T08:29:00+01:00");
  g_clear_pointer (&expired, json_node_unref);
  expired = get_family (fixture, idle, &status);
  g_assert_cmpuint (status, ==, 200);
  set_clock (fixture, "2026-01-12T08:59:00+01:00");
  g_clear_pointer (&expired, json_node_unref);
  expired = get_family (fixture, idle, &status);
  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpstr (ef_test_api_error_code (expired), ==, "session_expired");

  /* Absolute: touched every 20 minutes, still over after 12 hours. */
  set_clock (fixture, START);
  absolute = login_ok (fixture, fixture->demo_email, fixture->demo_password);
  for (int minutes = 20; minutes <= 12 * 60; minutes += 20)
    {
      g_autoptr(GDateTime) now = g_date_time_add_minutes (start, minutes);
      g_autofree char *text = g_date_time_format_iso8601 (now);
      g_autoptr(JsonNode) answer = NULL;

      set_clock (fixture, text);
      answer = get_family (fixture, absolute, &status);
      if (minutes < 12 * 60)
        g_assert_cmpuint (status, ==, 200);
      else
        {
          g_assert_cmpuint (status, ==, 401);
          g_assert_cmpstr (ef_test_api_error_code (answer), ==, "session_expired");
        }
    }
}

static void
test_logout (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *token = login_ok (fixture, fixture->demo_email, fixture->demo_password);
  g_autoptr(JsonNode) out = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autoptr(JsonNode) none = NULL;
  g_autoptr(JsonNode) garbage = NULL;
  guint status;

  out = post (fixture, "/auth/logout", token, NULL, &status);
  g_assert_cmpuint (status, ==, 204);
  g_assert_null (out);

  after = get_family (fixture, token, &status);
  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpstr (ef_test_api_error_code (after), ==, "unauthorized");
  again = post (fixture, "/auth/logout", token, NULL, &status);
  g_assert_cmpuint (status, ==, 401);

  none = get_family (fixture, NULL, &status);
  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpstr (ef_test_api_error_code (none), ==, "unauthorized");
  garbage = get_family (fixture, "not-a-token", &status);
  g_assert_cmpuint (status, ==, 401);
}

/* The token of the last password reset mail to @email. */
static char *
reset_token_from_outbox (Fixture    *fixture,
                         const char *email)
{
  const char *argv[] = { "outbox", "--db", ef_test_server_get_db_path (fixture->server), NULL };
  g_autofree char *outbox = run_ok (argv);
  const char *mail = g_strrstr (outbox, "--- mail ");
  const char *link;

  g_assert_nonnull (mail);
  g_assert_nonnull (strstr (mail, "password_reset queued"));
  g_assert_nonnull (strstr (mail, email));
  link = strstr (mail, "/reset-password?token=");
  g_assert_nonnull (link);
  return g_strndup (link + strlen ("/reset-password?token="), 43);
}

static void
test_reset_flow (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *old_session = login_ok (fixture, fixture->demo_email, fixture->demo_password);
  g_autofree char *body = g_strdup_printf ("{\"email\": \"%s\"}", fixture->demo_email);
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  g_autofree char *new_session = NULL;
  g_autofree char *token2 = NULL;
  g_autofree char *path2 = NULL;
  g_autoptr(JsonNode) known = NULL;
  g_autoptr(JsonNode) unknown = NULL;
  g_autoptr(JsonNode) done = NULL;
  g_autoptr(JsonNode) revoked = NULL;
  g_autoptr(JsonNode) old_password = NULL;
  g_autoptr(JsonNode) reused = NULL;
  g_autoptr(JsonNode) expired = NULL;
  g_autoptr(JsonNode) rules = NULL;
  guint status_known, status_unknown, status;

  known = post (fixture, "/auth/password-reset", NULL, body, &status_known);
  unknown = post (fixture, "/auth/password-reset", NULL, "{\"email\": \"personne@example.fr\"}", &status_unknown);
  g_assert_cmpuint (status_known, ==, 202);
  g_assert_cmpuint (status_unknown, ==, 202);
  g_assert_null (known);
  g_assert_null (unknown);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM outbox WHERE kind = 'password_reset'"), ==, 1);

  token = reset_token_from_outbox (fixture, fixture->demo_email);
  path = g_strdup_printf ("/auth/password-reset/%s", token);

  rules = post (fixture, path, NULL, "{\"password\": \"parent@example.fr!\"}", &status);
  g_assert_cmpuint (status, ==, 422);
  g_assert_cmpstr (detail (rules, 0, "code"), ==, "contains_email");

  done = post (fixture, path, NULL, "{\"password\": \"Nouveau mot de passe\"}", &status);
  g_assert_cmpuint (status, ==, 200);

  /* The account's sessions are over; only the new password works. */
  revoked = get_family (fixture, old_session, &status);
  g_assert_cmpuint (status, ==, 401);
  old_password = login (fixture, fixture->demo_email, fixture->demo_password, &status);
  g_assert_cmpuint (status, ==, 401);
  new_session = login_ok (fixture, fixture->demo_email, "Nouveau mot de passe");

  reused = post (fixture, path, NULL, "{\"password\": \"Encore un autre\"}", &status);
  g_assert_cmpuint (status, ==, 404);
  g_assert_cmpstr (detail (reused, 0, "code"), ==, "reset_token_used");

  /* One hour. */
  g_clear_pointer (&known, json_node_unref);
  known = post (fixture, "/auth/password-reset", NULL, body, &status);
  g_assert_cmpuint (status, ==, 202);
  token2 = reset_token_from_outbox (fixture, fixture->demo_email);
  path2 = g_strdup_printf ("/auth/password-reset/%s", token2);
  set_clock (fixture, "2026-01-12T09:00:00+01:00");
  expired = post (fixture, path2, NULL, "{\"password\": \"Encore un autre\"}", &status);
  g_assert_cmpuint (status, ==, 404);
  g_assert_cmpstr (detail (expired, 0, "code"), ==, "reset_token_expired");
}

static void
test_other_tenant (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *argv[] = { "tenant", "--db", ef_test_server_get_db_path (fixture->server),
                         "--tenant", "64000", "--create", "Ville de Pau", NULL };
  g_autofree char *out = run_ok (argv);
  g_autofree char *token = login_ok (fixture, fixture->demo_email, fixture->demo_password);
  g_autoptr(JsonNode) other = NULL;
  g_autoptr(JsonNode) login_other = NULL;
  g_autofree char *body = g_strdup_printf ("{\"email\": \"%s\", \"password\": \"%s\"}",
                                           fixture->demo_email, fixture->demo_password);
  guint status;

  g_assert_nonnull (strstr (out, "Ville de Pau"));
  /* A session of 7249 means nothing in 64000, nor does its account. */
  other = ef_test_api_request (fixture->session, fixture->server, "GET", "/64000/api/v1/family",
                               token, NULL, &status);
  g_assert_cmpuint (status, ==, 401);
  login_other = ef_test_api_request (fixture->session, fixture->server, "POST", "/64000/api/v1/auth/login",
                                     NULL, body, &status);
  g_assert_cmpuint (status, ==, 401);
}

static void
test_test_clock (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) bad = NULL;
  g_autoptr(JsonNode) real = NULL;
  guint status;

  bad = ef_test_api_request (fixture->session, fixture->server, "PUT", "/7249/api/v1/_test/clock",
                             NULL, "{\"now\": \"yesterday\"}", &status);
  g_assert_cmpuint (status, ==, 422);
  real = ef_test_api_request (fixture->session, fixture->server, "PUT", "/7249/api/v1/_test/clock",
                              NULL, "{\"now\": null}", &status);
  g_assert_cmpuint (status, ==, 204);
}

static void
test_test_clock_absent (void)
{
  g_autoptr(EfTestServer) server = ef_test_server_start (TRUE, NULL);
  g_autoptr(SoupSession) session = ef_test_api_session_new ();
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  answer = ef_test_api_request (session, server, "PUT", "/7249/api/v1/_test/clock",
                                NULL, "{\"now\": \"" START "\"}", &status);
  g_assert_cmpuint (status, ==, 404);
  g_assert_cmpstr (ef_test_api_error_code (answer), ==, "not_found");
}

static void
test_test_clock_refused_remote (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ef-clock-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "x.db", NULL);
  const char *argvs[][9] = {
    { "serve", "--db", db, "--listen", "0.0.0.0:0", "--test-clock", NULL },
    { "serve", "--db", db, "--listen", "0.0.0.0:0", "--test-clock", "--allow-remote", NULL },
    { "serve", "--db", db, "--listen", "[::]:0", "--test-clock", "--allow-remote", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (argvs); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (ef_test_server_run_command (argvs[i], &out, &err), ==, 2);
      g_assert_nonnull (strstr (err, "--test-clock"));
      g_assert_cmpstr (out, ==, "");
    }
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
  g_rmdir (dir);
}

/* ------------------------------------------------------ remembered devices */

/* Signs in with "remember" and returns the device token of the answer;
 * the session's token in @session_token. */
static char *
login_remembered (Fixture     *fixture,
                  const char  *email,
                  const char  *password,
                  char       **session_token)
{
  g_autofree char *body = g_strdup_printf ("{\"email\": \"%s\", \"password\": \"%s\","
                                           " \"client\": \"test-auth\", \"remember\": true}",
                                           email, password);
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *object;
  guint status;

  answer = post (fixture, "/auth/login", NULL, body, &status);
  g_assert_cmpuint (status, ==, 200);
  object = json_node_get_object (answer);
  g_assert_true (json_object_has_member (object, "device_token"));
  g_assert_cmpuint (strlen (json_object_get_string_member (object, "device_token")), ==, 43);
  g_assert_cmpstr (json_object_get_string_member (object, "device_token"), !=,
                   json_object_get_string_member (object, "token"));
  if (session_token != NULL)
    *session_token = g_strdup (json_object_get_string_member (object, "token"));
  return g_strdup (json_object_get_string_member (object, "device_token"));
}

/* POST /auth/device with @device_token; the answer, its status in @status. */
static JsonNode *
sign_in_device (Fixture    *fixture,
                const char *device_token,
                guint      *status)
{
  g_autofree char *body = g_strdup_printf ("{\"device_token\": \"%s\", \"client\": \"test-device\"}",
                                           device_token);

  return post (fixture, "/auth/device", NULL, body, status);
}

static JsonNode *
devices_request (Fixture    *fixture,
                 const char *method,
                 const char *suffix,
                 const char *token,
                 guint      *status)
{
  g_autofree char *path = g_strconcat ("/7249/api/v1/account/devices", suffix, NULL);

  return ef_test_api_request (fixture->session, fixture->server, method, path, token, NULL, status);
}

/* The account's devices as its owner sees them, and one forgotten from
 * another. */
static void
test_device_list (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *laptop = NULL;
  g_autofree char *laptop_session = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *phone_next = NULL;
  g_autofree char *phone_session = NULL;
  g_autofree char *phone_id = NULL;
  g_autofree char *laptop_id = NULL;
  g_autoptr(JsonNode) traded = NULL;
  g_autoptr(JsonNode) laptop_traded = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  const EfDeviceRecord *first;
  const EfDeviceRecord *second;
  JsonObject *item;
  guint status;

  /* No session, no list. */
  answer = devices_request (fixture, "GET", "", NULL, &status);
  g_assert_cmpuint (status, ==, 401);
  g_clear_pointer (&answer, json_node_unref);

  laptop = login_remembered (fixture, fixture->demo_email, fixture->demo_password, &laptop_session);
  answer = devices_request (fixture, "GET", "", laptop_session, &status);
  g_assert_cmpuint (status, ==, 200);
  records = ef_device_list_from_json (answer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  first = g_ptr_array_index (records, 0);
  g_assert_true (first->current);
  g_assert_cmpstr (first->client, ==, "test-auth");
  g_assert_cmpstr (first->since, ==, "2026-01-12T08:00:00+01:00");
  g_assert_cmpstr (first->last_used_at, ==, "2026-01-12T08:00:00+01:00");
  g_assert_cmpstr (first->expires_at, ==, "2026-03-13T08:00:00+01:00");
  /* The members the codec writes, and no others. */
  item = json_array_get_object_element (json_object_get_array_member (json_node_get_object (answer),
                                                                      "devices"), 0);
  g_assert_cmpuint (json_object_get_size (item), ==, g_strv_length ((GStrv) ef_device_record_members));
  for (guint i = 0; ef_device_record_members[i] != NULL; i++)
    g_assert_true (json_object_has_member (item, ef_device_record_members[i]));
  laptop_id = g_strdup_printf ("/%" G_GINT64_FORMAT, first->id);
  g_clear_pointer (&answer, json_node_unref);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* A second computer; the next day both start again, the phone first. */
  phone = login_remembered (fixture, fixture->demo_email, fixture->demo_password, NULL);
  set_clock (fixture, "2026-01-13T09:30:00+01:00");
  traded = sign_in_device (fixture, phone, &status);
  g_assert_cmpuint (status, ==, 200);
  phone_next = g_strdup (json_object_get_string_member (json_node_get_object (traded), "device_token"));
  phone_session = g_strdup (json_object_get_string_member (json_node_get_object (traded), "token"));
  set_clock (fixture, "2026-01-13T09:40:00+01:00");
  laptop_traded = sign_in_device (fixture, laptop, &status);
  g_assert_cmpuint (status, ==, 200);
  g_free (laptop_session);
  laptop_session = g_strdup (json_object_get_string_member (json_node_get_object (laptop_traded), "token"));

  /* The laptop's session sees both, the last used first; spent tokens are
   * not devices. */
  answer = devices_request (fixture, "GET", "", laptop_session, &status);
  g_assert_cmpuint (status, ==, 200);
  records = ef_device_list_from_json (answer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 2);
  first = g_ptr_array_index (records, 0);
  second = g_ptr_array_index (records, 1);
  g_assert_true (first->current);
  g_assert_cmpstr (first->client, ==, "test-device");
  g_assert_cmpstr (first->last_used_at, ==, "2026-01-13T09:40:00+01:00");
  g_assert_false (second->current);
  g_assert_cmpstr (second->client, ==, "test-device");
  g_assert_cmpstr (second->since, ==, "2026-01-12T08:00:00+01:00");
  g_assert_cmpstr (second->last_used_at, ==, "2026-01-13T09:30:00+01:00");
  g_assert_cmpstr (second->expires_at, ==, "2026-03-14T09:30:00+01:00");
  g_assert_cmpint (second->id, !=, first->id);
  phone_id = g_strdup_printf ("/%" G_GINT64_FORMAT, second->id);
  g_clear_pointer (&answer, json_node_unref);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* The phone's own session sees itself as the current one. */
  answer = devices_request (fixture, "GET", "", phone_session, &status);
  g_assert_cmpuint (status, ==, 200);
  records = ef_device_list_from_json (answer, &error);
  g_assert_no_error (error);
  g_assert_false (((EfDeviceRecord *) g_ptr_array_index (records, 0))->current);
  g_assert_true (((EfDeviceRecord *) g_ptr_array_index (records, 1))->current);
  g_clear_pointer (&answer, json_node_unref);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Forgotten from the laptop: the phone's token stops working and its
   * session ends; the laptop's goes on. */
  answer = devices_request (fixture, "DELETE", phone_id, laptop_session, &status);
  g_assert_cmpuint (status, ==, 204);
  g_assert_null (answer);
  answer = get_family (fixture, phone_session, &status);
  g_assert_cmpuint (status, ==, 401);
  g_clear_pointer (&answer, json_node_unref);
  answer = sign_in_device (fixture, phone_next, &status);
  g_assert_cmpuint (status, ==, 401);
  g_clear_pointer (&answer, json_node_unref);
  answer = get_family (fixture, laptop_session, &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&answer, json_node_unref);
  answer = devices_request (fixture, "GET", "", laptop_session, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (answer),
                                                                         "devices")), ==, 1);
  g_clear_pointer (&answer, json_node_unref);

  /* Gone, or never there: 404. */
  answer = devices_request (fixture, "DELETE", phone_id, laptop_session, &status);
  g_assert_cmpuint (status, ==, 404);
  g_assert_cmpstr (ef_test_api_error_code (answer), ==, "not_found");
  g_clear_pointer (&answer, json_node_unref);
  answer = devices_request (fixture, "DELETE", "/0", laptop_session, &status);
  g_assert_cmpuint (status, ==, 404);
  g_clear_pointer (&answer, json_node_unref);
  answer = devices_request (fixture, "DELETE", "/abc", laptop_session, &status);
  g_assert_cmpuint (status, ==, 404);
  g_clear_pointer (&answer, json_node_unref);

  /* Another account's device is not this account's to forget: 404, and
   * it goes on working. An agent's session on behalf of the family sees
   * no devices at all. */
  {
    g_autofree char *staff_email = NULL;
    g_autofree char *staff_password = NULL;
    g_autofree char *staff_device = NULL;
    g_autofree char *staff_session = NULL;
    g_autofree char *staff_id = NULL;
    g_autofree char *on_behalf_path = NULL;
    g_autoptr(JsonNode) family = NULL;
    g_autoptr(JsonNode) on_behalf = NULL;
    g_autoptr(JsonNode) staff_traded = NULL;
    const char *on_behalf_token;

    ef_test_api_demo_staff_account (fixture->server, &staff_email, &staff_password);
    staff_device = login_remembered (fixture, staff_email, staff_password, &staff_session);
    answer = devices_request (fixture, "GET", "", staff_session, &status);
    g_assert_cmpuint (status, ==, 200);
    item = json_array_get_object_element (json_object_get_array_member (json_node_get_object (answer),
                                                                        "devices"), 0);
    staff_id = g_strdup_printf ("/%" G_GINT64_FORMAT, json_object_get_int_member (item, "id"));
    g_clear_pointer (&answer, json_node_unref);
    answer = devices_request (fixture, "DELETE", staff_id, laptop_session, &status);
    g_assert_cmpuint (status, ==, 404);
    g_assert_cmpstr (ef_test_api_error_code (answer), ==, "not_found");
    g_clear_pointer (&answer, json_node_unref);
    staff_traded = sign_in_device (fixture, staff_device, &status);
    g_assert_cmpuint (status, ==, 200);
    g_free (staff_session);
    staff_session = g_strdup (json_object_get_string_member (json_node_get_object (staff_traded), "token"));

    family = get_family (fixture, laptop_session, &status);
    g_assert_cmpuint (status, ==, 200);
    on_behalf_path = g_strdup_printf ("/staff/families/%" G_GINT64_FORMAT "/session",
                                      json_object_get_int_member (json_node_get_object (family), "id"));
    on_behalf = post (fixture, on_behalf_path, staff_session, "{}", &status);
    g_assert_cmpuint (status, ==, 201);
    on_behalf_token = json_object_get_string_member (json_node_get_object (on_behalf), "token");
    answer = devices_request (fixture, "GET", "", on_behalf_token, &status);
    g_assert_cmpuint (status, ==, 403);
    g_assert_cmpstr (ef_test_api_error_code (answer), ==, "forbidden");
    g_clear_pointer (&answer, json_node_unref);
    answer = devices_request (fixture, "DELETE", staff_id, on_behalf_token, &status);
    g_assert_cmpuint (status, ==, 403);
    g_clear_pointer (&answer, json_node_unref);
  }

  /* A new password: the device stops working, so it is not listed. */
  ef_test_db_exec (db_path (fixture), "UPDATE accounts SET password_hash = password_hash || 'x'");
  answer = devices_request (fixture, "GET", "", laptop_session, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (answer),
                                                                         "devices")), ==, 0);
  g_clear_pointer (&answer, json_node_unref);

  /* Forgetting the device of one's own session ends it too. */
  ef_test_db_exec (db_path (fixture), "UPDATE accounts SET password_hash = substr (password_hash, 1,"
                                      " length (password_hash) - 1)");
  answer = devices_request (fixture, "DELETE", laptop_id, laptop_session, &status);
  g_assert_cmpuint (status, ==, 204);
  answer = devices_request (fixture, "GET", "", laptop_session, &status);
  g_assert_cmpuint (status, ==, 401);
}

static void
test_device_flow (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *device = NULL;
  g_autofree char *session = NULL;
  g_autofree char *next_device = NULL;
  g_autoptr(JsonNode) plain = NULL;
  g_autoptr(JsonNode) traded = NULL;
  g_autoptr(JsonNode) spent = NULL;
  g_autoptr(JsonNode) family = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *third_device = NULL;
  g_autofree char *third_session = NULL;
  JsonObject *object;
  gint64 refused;
  guint status;

  /* Without "remember", no device token. */
  plain = login (fixture, fixture->demo_email, fixture->demo_password, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_false (json_object_has_member (json_node_get_object (plain), "device_token"));
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM devices"), ==, 0);

  device = login_remembered (fixture, fixture->demo_email, fixture->demo_password, NULL);
  /* The store keeps the token's digest only. */
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM devices"), ==, 1);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture),
                                         "SELECT count(*) FROM devices WHERE client = 'test-auth'"
                                         "   AND expires_at - created_at = 60 * 24 * 3600"), ==, 1);

  /* Traded for a session of the same account and a new device token. */
  traded = sign_in_device (fixture, device, &status);
  g_assert_cmpuint (status, ==, 200);
  object = json_node_get_object (traded);
  g_assert_cmpuint (strlen (json_object_get_string_member (object, "token")), ==, 43);
  next_device = g_strdup (json_object_get_string_member (object, "device_token"));
  g_assert_cmpuint (strlen (next_device), ==, 43);
  g_assert_cmpstr (next_device, !=, device);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (object, "account"), "email"),
                   ==, fixture->demo_email);
  g_assert_cmpstr (json_object_get_string_member (object, "expires_at"), ==, "2026-01-12T20:00:00+01:00");
  session = g_strdup (json_object_get_string_member (object, "token"));
  family = get_family (fixture, session, &status);
  g_assert_cmpuint (status, ==, 200);
  /* Logged as a sign-in of the client that traded it. */
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture),
                                         "SELECT count(*) FROM connections"
                                         " WHERE client = 'test-device' AND result = 'ok'"), ==, 1);

  /* The new one works, once: each use spends the token. */
  again = sign_in_device (fixture, next_device, &status);
  g_assert_cmpuint (status, ==, 200);
  third_device = g_strdup (json_object_get_string_member (json_node_get_object (again), "device_token"));
  third_session = g_strdup (json_object_get_string_member (json_node_get_object (again), "token"));
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture),
                                         "SELECT count(*) FROM devices WHERE spent_at IS NULL"), ==, 1);

  /* A spent token presented again was copied: the whole chain is
   * forgotten, and the sessions it opened end. */
  refused = ef_test_db_query_int (db_path (fixture),
                                  "SELECT count(*) FROM connections WHERE result = 'bad_credentials'");
  spent = sign_in_device (fixture, device, &status);
  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpstr (ef_test_api_error_code (spent), ==, "unauthorized");
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM devices"), ==, 0);
  g_clear_pointer (&family, json_node_unref);
  family = get_family (fixture, session, &status);
  g_assert_cmpuint (status, ==, 401);
  g_clear_pointer (&family, json_node_unref);
  family = get_family (fixture, third_session, &status);
  g_assert_cmpuint (status, ==, 401);
  g_clear_pointer (&again, json_node_unref);
  again = sign_in_device (fixture, third_device, &status);
  g_assert_cmpuint (status, ==, 401);
  /* In the account's history. */
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture),
                                         "SELECT count(*) FROM connections WHERE result = 'bad_credentials'"),
                   ==, refused + 1);
}

static void
test_device_forgotten (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *session = NULL;
  g_autofree char *by_logout = login_remembered (fixture, fixture->demo_email,
                                                 fixture->demo_password, &session);
  g_autofree char *by_time = login_remembered (fixture, fixture->demo_email,
                                               fixture->demo_password, NULL);
  g_autofree char *by_password = NULL;
  g_autofree char *other_account = NULL;
  g_autofree char *reset_body = g_strdup_printf ("{\"email\": \"%s\"}", fixture->demo_email);
  g_autofree char *reset_token = NULL;
  g_autofree char *reset_path = NULL;
  g_autoptr(JsonNode) logout = NULL;
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  /* Signing out forgets the device the session came with, not the others. */
  logout = post (fixture, "/auth/logout", session, NULL, &status);
  g_assert_cmpuint (status, ==, 204);
  answer = sign_in_device (fixture, by_logout, &status);
  g_assert_cmpuint (status, ==, 401);
  g_clear_pointer (&answer, json_node_unref);

  /* 60 days, not a second more. */
  set_clock (fixture, "2026-03-13T08:00:00+01:00");
  answer = sign_in_device (fixture, by_time, &status);
  g_assert_cmpuint (status, ==, 401);
  g_clear_pointer (&answer, json_node_unref);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM devices"), ==, 0);

  /* A new password, whichever way, forgets every device of the account. */
  by_password = login_remembered (fixture, fixture->demo_email, fixture->demo_password, NULL);
  answer = post (fixture, "/auth/password-reset", NULL, reset_body, &status);
  g_assert_cmpuint (status, ==, 202);
  g_clear_pointer (&answer, json_node_unref);
  reset_token = reset_token_from_outbox (fixture, fixture->demo_email);
  reset_path = g_strdup_printf ("/auth/password-reset/%s", reset_token);
  answer = post (fixture, reset_path, NULL, "{\"password\": \"Nouveau mot de passe\"}", &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&answer, json_node_unref);
  answer = sign_in_device (fixture, by_password, &status);
  g_assert_cmpuint (status, ==, 401);
  g_clear_pointer (&answer, json_node_unref);

  /* Forgotten by the device itself, its session ended or not; the same
   * answer for a token no one has. */
  {
    g_autofree char *forgotten = login_remembered (fixture, fixture->demo_email,
                                                   "Nouveau mot de passe", NULL);
    g_autofree char *body = g_strdup_printf ("{\"device_token\": \"%s\"}", forgotten);

    g_clear_pointer (&answer, json_node_unref);
    answer = post (fixture, "/auth/device/forget", NULL, body, &status);
    g_assert_cmpuint (status, ==, 204);
    g_assert_null (answer);
    answer = post (fixture, "/auth/device/forget", NULL, body, &status);
    g_assert_cmpuint (status, ==, 204);
    answer = post (fixture, "/auth/device/forget", NULL, "{\"device_token\": \"x\"}", &status);
    g_assert_cmpuint (status, ==, 204);
    answer = post (fixture, "/auth/device/forget", NULL, "{\"token\": \"x\"}", &status);
    g_assert_cmpuint (status, ==, 422);
    g_clear_pointer (&answer, json_node_unref);
    answer = sign_in_device (fixture, forgotten, &status);
    g_assert_cmpuint (status, ==, 401);
    g_clear_pointer (&answer, json_node_unref);
  }

  /* A chain lasts a year, however often it is used. */
  {
    static const char * const days[] = {
      "2026-05-10T08:00:00+02:00", "2026-07-07T08:00:00+02:00", "2026-09-03T08:00:00+02:00",
      "2026-10-31T08:00:00+01:00", "2026-12-28T08:00:00+01:00", "2027-02-24T08:00:00+01:00",
    };
    g_autofree char *chain = login_remembered (fixture, fixture->demo_email,
                                               "Nouveau mot de passe", NULL);

    for (guint i = 0; i < G_N_ELEMENTS (days); i++)
      {
        set_clock (fixture, days[i]);
        g_clear_pointer (&answer, json_node_unref);
        answer = sign_in_device (fixture, chain, &status);
        g_assert_cmpuint (status, ==, 200);
        g_free (chain);
        chain = g_strdup (json_object_get_string_member (json_node_get_object (answer),
                                                         "device_token"));
      }
    /* 2026-03-13 + 365 days. */
    set_clock (fixture, "2027-03-13T08:00:00+01:00");
    g_clear_pointer (&answer, json_node_unref);
    answer = sign_in_device (fixture, chain, &status);
    g_assert_cmpuint (status, ==, 401);
    g_clear_pointer (&answer, json_node_unref);
  }

  /* A token of another municipality means nothing here. */
  other_account = login_remembered (fixture, fixture->demo_email, "Nouveau mot de passe", NULL);
  answer = ef_test_api_request (fixture->session, fixture->server, "POST", "/64000/api/v1/auth/device",
                                NULL, "{\"device_token\": \"x\"}", &status);
  g_assert_cmpuint (status, ==, 404);
  g_clear_pointer (&answer, json_node_unref);
  answer = sign_in_device (fixture, other_account, &status);
  g_assert_cmpuint (status, ==, 200);
}

static void
test_device_bad_requests (Fixture       *fixture,
                          gconstpointer  data)
{
  static const struct {
    const char *body;
    guint       status;
    const char *code;
  } cases[] = {
    { "{}", 422, "invalid_field" },
    { "{\"device_token\": 42}", 422, "invalid_field" },
    { "{\"device_token\": \"x\", \"password\": \"y\"}", 422, "unknown_field" },
    { "[]", 400, NULL },
    { "{\"device_token\": \"x\", \"client\": \"" /* 101 characters */
      "0123456789012345678901234567890123456789012345678901234567890123456789"
      "0123456789012345678901234567890\"}", 422, "validation_failed" },
  };
  g_autofree char *device = login_remembered (fixture, fixture->demo_email,
                                              fixture->demo_password, NULL);
  g_autoptr(JsonNode) limited = NULL;
  g_autoptr(JsonNode) refused = NULL;
  guint status;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) answer = post (fixture, "/auth/device", NULL, cases[i].body, &status);

      g_test_message ("%s", cases[i].body);
      g_assert_cmpuint (status, ==, cases[i].status);
      if (cases[i].code != NULL)
        g_assert_cmpstr (ef_test_api_error_code (answer), ==, cases[i].code);
    }

  /* "remember" is a boolean. */
  refused = post (fixture, "/auth/login", NULL,
                  "{\"email\": \"a@example.fr\", \"password\": \"b\", \"remember\": \"yes\"}", &status);
  g_assert_cmpuint (status, ==, 422);
  g_assert_cmpstr (ef_test_api_error_code (refused), ==, "invalid_field");

  /* Wrong device tokens count against the address as wrong passwords. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *guess = g_strdup_printf ("%043u", i);
      g_autoptr(JsonNode) answer = sign_in_device (fixture, i % 2 ? guess : "pas un jeton", &status);

      g_assert_cmpuint (status, ==, 401);
    }
  limited = sign_in_device (fixture, device, &status);
  g_assert_cmpuint (status, ==, 429);
  g_assert_cmpstr (ef_test_api_error_code (limited), ==, "rate_limited");
  /* Refused before it was looked at: still good once the window passed. */
  set_clock (fixture, "2026-01-12T08:15:01+01:00");
  g_clear_pointer (&limited, json_node_unref);
  limited = sign_in_device (fixture, device, &status);
  g_assert_cmpuint (status, ==, 200);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/auth/invitation-flow", test_invitation_flow);
  ADD ("/auth/password-rules", test_password_rules);
  ADD ("/auth/login-same-answer", test_login_same_answer);
  ADD ("/auth/lockout", test_lockout);
  ADD ("/auth/lockout-unknown-same-answer", test_lockout_unknown_same_answer);
  ADD ("/auth/lockout-window", test_lockout_window);
  ADD ("/auth/login-rate-limit", test_login_rate_limit);
  ADD ("/auth/reset-rate-limit", test_reset_rate_limit);
  ADD ("/auth/session-expiry", test_session_expiry);
  ADD ("/auth/logout", test_logout);
  ADD ("/auth/reset-flow", test_reset_flow);
  ADD ("/auth/other-tenant", test_other_tenant);
  ADD ("/auth/test-clock", test_test_clock);
  ADD ("/auth/device-flow", test_device_flow);
  ADD ("/auth/device-list", test_device_list);
  ADD ("/auth/device-forgotten", test_device_forgotten);
  ADD ("/auth/device-bad-requests", test_device_bad_requests);
#undef ADD
  g_test_add_func ("/auth/test-clock-absent", test_test_clock_absent);
  g_test_add_func ("/auth/test-clock-refused-remote", test_test_clock_refused_remote);

  return g_test_run ();
}
