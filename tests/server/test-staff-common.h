/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-staff-common.h: what the staff tests share — a demo server on the
 * test clock, agents invited with `staff` and signed in, families made
 * with `family-import` and `enrol`, and requests under /7249/api/v1
 *
 * Included by one test program each (static functions).
 */

#pragma once

#include <string.h>

#include "ef-test-api.h"
#include "ef-test-db.h"

#define TENANT_PATH "/7249/api/v1"
#define PORTAL "https://espacefamille.example.fr/7249"
#define AGENT_PASSWORD "Agent-Password-42"

static const char * const test_clock_args[] = { "--test-clock", NULL };

typedef struct
{
  EfTestServer *server;
  SoupSession  *session;
  char         *parent;     /* the demo parent's session */
  char         *demo_agent; /* the demo agent's (education and admin) */
} StaffServer;

/* ------------------------------------------------------------ database */

/* The server's database, SQLite or PostgreSQL (ef-test-db.h). */
G_GNUC_UNUSED static void
staff_exec (StaffServer *fixture,
            const char  *sql)
{
  ef_test_db_exec (ef_test_server_get_db_path (fixture->server), sql);
}

G_GNUC_UNUSED static gint64
staff_query_int (StaffServer *fixture,
                 const char  *sql)
{
  return ef_test_db_query_int (ef_test_server_get_db_path (fixture->server), sql);
}

G_GNUC_UNUSED static char *
staff_query_text (StaffServer *fixture,
                  const char  *sql)
{
  return ef_test_db_query_text (ef_test_server_get_db_path (fixture->server), sql);
}

/* ------------------------------------------------------------- commands */

/* Runs `espace-famille-server COMMAND --db DB --tenant 7249 ARGS…`. */
G_GNUC_NULL_TERMINATED static int
staff_command (StaffServer  *fixture,
               char        **out,
               char        **err,
               const char   *command,
               ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) command);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) ef_test_server_get_db_path (fixture->server));
  g_ptr_array_add (argv, (gpointer) "--tenant");
  g_ptr_array_add (argv, (gpointer) "7249");
  va_start (args, command);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  return ef_test_server_run_command ((const char * const *) argv->pdata, out, err);
}

/* The token of the last mail to @email in the outbox. */
G_GNUC_UNUSED static char *
staff_outbox_token (StaffServer *fixture,
                    const char  *email)
{
  const char *argv[] = { "outbox", "--db", ef_test_server_get_db_path (fixture->server),
                         "--tenant", "7249", NULL };
  g_autofree char *out = NULL;
  g_autofree char *to = g_strdup_printf ("To: %s\n", email);
  const char *mail, *link;

  g_assert_cmpint (ef_test_server_run_command (argv, &out, NULL), ==, 0);
  mail = g_strrstr (out, to);
  g_assert_nonnull (mail);
  link = strstr (mail, "/first-connection?token=");
  g_assert_nonnull (link);
  link += strlen ("/first-connection?token=");
  return g_strndup (link, 43);
}

/* ------------------------------------------------------------- requests */

/* @method TENANT_PATH@path with @token and @body; the parsed answer. */
static JsonNode *
staff_request (StaffServer *fixture,
               const char  *method,
               const char  *path,
               const char  *token,
               const char  *body,
               guint       *status)
{
  g_autofree char *full = g_strconcat (TENANT_PATH, path, NULL);

  return ef_test_api_request (fixture->session, fixture->server, method, full, token, body, status);
}

/* The same, which must answer @expected; the answer's object (or NULL). */
G_GNUC_UNUSED static JsonNode *
staff_expect (StaffServer *fixture,
              const char  *method,
              const char  *path,
              const char  *token,
              const char  *body,
              guint        expected)
{
  guint status = 0;
  JsonNode *answer = staff_request (fixture, method, path, token, body, &status);

  if (status != expected)
    {
      g_autofree char *text = answer ? json_to_string (answer, FALSE) : g_strdup ("");

      g_error ("%s %s: %u, not %u: %s", method, path, status, expected, text);
    }
  return answer;
}

/* The raw answer of GET TENANT_PATH@path. */
G_GNUC_UNUSED static GBytes *
staff_get_bytes (StaffServer  *fixture,
                 const char   *path,
                 const char   *token,
                 guint        *status,
                 char        **content_type)
{
  g_autofree char *url = g_strconcat (ef_test_server_get_url (fixture->server), TENANT_PATH, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  GBytes *body;

  if (token != NULL)
    {
      g_autofree char *bearer = g_strdup_printf ("Bearer %s", token);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
    }
  body = soup_session_send_and_read (fixture->session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  if (content_type != NULL)
    *content_type = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                            "Content-Type"));
  return body;
}

G_GNUC_UNUSED static const char *
error_code (JsonNode *answer)
{
  return ef_test_api_error_code (answer);
}

/* ---------------------------------------------------------------- setup */

static char *
login (StaffServer *fixture,
       const char  *email,
       const char  *password)
{
  return ef_test_api_login (fixture->session, fixture->server, email, password);
}

/* `staff --invite` an agent with @roles ("education", "--admin"…, NULL-
 * terminated), accepts the invitation and signs in: the session. */
G_GNUC_UNUSED G_GNUC_NULL_TERMINATED static char *
staff_add_agent (StaffServer *fixture,
                 const char  *email,
                 const char  *name,
                 ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(JsonNode) accepted = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  g_autofree char *err = NULL;
  const char *role;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "staff");
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) ef_test_server_get_db_path (fixture->server));
  g_ptr_array_add (argv, (gpointer) "--tenant");
  g_ptr_array_add (argv, (gpointer) "7249");
  g_ptr_array_add (argv, (gpointer) "--portal-url");
  g_ptr_array_add (argv, (gpointer) PORTAL);
  g_ptr_array_add (argv, (gpointer) "--invite");
  g_ptr_array_add (argv, (gpointer) email);
  g_ptr_array_add (argv, (gpointer) "--name");
  g_ptr_array_add (argv, (gpointer) name);
  va_start (args, name);
  while ((role = va_arg (args, const char *)) != NULL)
    {
      if (role[0] != '-')
        g_ptr_array_add (argv, (gpointer) "--role");
      g_ptr_array_add (argv, (gpointer) role);
    }
  va_end (args);
  g_ptr_array_add (argv, NULL);
  if (ef_test_server_run_command ((const char * const *) argv->pdata, NULL, &err) != 0)
    g_error ("staff --invite %s: %s", email, err);

  token = staff_outbox_token (fixture, email);
  path = g_strdup_printf ("/auth/invitations/%s", token);
  accepted = staff_expect (fixture, "POST", path, NULL, "{\"password\": \"" AGENT_PASSWORD "\"}", 200);
  return login (fixture, email, AGENT_PASSWORD);
}

/* Imports @json with `family-import`; the new family's API JSON. */
G_GNUC_UNUSED static JsonObject *
staff_import_family (StaffServer *fixture,
                     const char  *json)
{
  g_autofree char *dir = g_strdup (ef_test_server_get_dir (fixture->server));
  g_autofree char *path = g_build_filename (dir, "family.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  if (staff_command (fixture, &out, &err, "family-import", path, NULL) != 0)
    g_error ("family-import: %s", err);
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (node));
}

/* The id of the member @first_name of @family (family-import's JSON). */
G_GNUC_UNUSED static gint64
staff_member_id (JsonObject *family,
                 const char *first_name)
{
  JsonArray *members = json_object_get_array_member (family, "members");

  for (guint i = 0; i < json_array_get_length (members); i++)
    {
      JsonObject *member = json_array_get_object_element (members, i);

      if (g_strcmp0 (json_object_get_string_member (member, "first_name"), first_name) == 0)
        return json_object_get_int_member (member, "id");
    }
  g_error ("No member %s", first_name);
}

G_GNUC_UNUSED static void
staff_enrol (StaffServer *fixture,
             gint64       member,
             const char  *activity,
             const char  *from,
             const char  *to)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, member);
  g_autofree char *err = NULL;

  if (staff_command (fixture, NULL, &err, "enrol", "--member", id, "--activity", activity,
                     "--from", from, "--to", to, NULL) != 0)
    g_error ("enrol: %s", err);
}

static void
staff_server_start (StaffServer *fixture,
                    const char  *now)
{
  g_autofree char *email = NULL;
  g_autofree char *password = NULL;

  fixture->server = ef_test_server_start (TRUE, test_clock_args);
  fixture->session = ef_test_api_session_new ();
  ef_test_api_demo_account (fixture->server, &email, &password);
  fixture->parent = login (fixture, email, password);
  ef_test_api_set_clock (fixture->session, fixture->server, fixture->parent, now);
  fixture->demo_agent = login (fixture, "agent@example.fr", "Billere-Agent-2026");
}

static void
staff_server_stop (StaffServer *fixture)
{
  g_clear_pointer (&fixture->parent, g_free);
  g_clear_pointer (&fixture->demo_agent, g_free);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->server, ef_test_server_free);
}

/* The entries of the family's audit, newest first. */
G_GNUC_UNUSED static JsonNode *
staff_audit (StaffServer *fixture,
             const char  *token,
             gint64       family)
{
  g_autofree char *path = g_strdup_printf ("/staff/families/%" G_GINT64_FORMAT "/audit?per_page=100",
                                           family);

  return staff_expect (fixture, "GET", path, token, NULL, 200);
}

/* The newest audit entry of @family with @action, or NULL. */
G_GNUC_UNUSED static JsonObject *
staff_find_audit (JsonNode   *audit,
                  const char *action)
{
  JsonArray *entries = json_object_get_array_member (json_node_get_object (audit), "entries");

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "action"), action) == 0)
        return entry;
    }
  return NULL;
}
