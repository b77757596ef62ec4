/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-test-api.c: signed-in JSON requests to a test server */

#define G_LOG_DOMAIN "EfTestServer"

#include "config.h"

#include <string.h>

#include "ef-test-api.h"

SoupSession *
ef_test_api_session_new (void)
{
  return soup_session_new_with_options ("proxy-resolver", NULL,
                                        "timeout", 30,
                                        NULL);
}

/* The account of the "LABEL: EMAIL / PASSWORD" line that `demo` prints
 * (it runs again on the server's database: it is idempotent). */
static void
demo_account (EfTestServer  *server,
              const char    *label,
              char         **email,
              char         **password)
{
  const char *argv[] = { "demo", "--db", ef_test_server_get_db_path (server), NULL };
  g_autofree char *prefix = g_strconcat (label, ": ", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (ef_test_server_run_command (argv, &out, &err), ==, 0);

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *rest;
      const char *separator;

      if (!g_str_has_prefix (lines[i], prefix))
        continue;
      rest = lines[i] + strlen (prefix);
      separator = strstr (rest, " / ");
      g_assert_nonnull (separator);
      *email = g_strndup (rest, separator - rest);
      *password = g_strdup (separator + 3);
      g_strstrip (*password);
      return;
    }
  g_error ("demo printed no “%s: EMAIL / PASSWORD” line: %s", label, out);
}

void
ef_test_api_demo_account (EfTestServer  *server,
                          char         **email,
                          char         **password)
{
  demo_account (server, "Demo account", email, password);
}

void
ef_test_api_demo_staff_account (EfTestServer  *server,
                                char         **email,
                                char         **password)
{
  demo_account (server, "Demo staff account", email, password);
}

JsonNode *
ef_test_api_request (SoupSession   *session,
                     EfTestServer  *server,
                     const char    *method,
                     const char    *path,
                     const char    *token,
                     const char    *body,
                     guint         *status)
{
  g_autofree char *url = g_strconcat (ef_test_server_get_url (server), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;
  gsize length;
  const char *data;

  g_assert_nonnull (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }

  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);

  data = g_bytes_get_data (answer, &length);
  if (length == 0)
    return NULL;
  node = json_from_string (data, &error);
  g_assert_no_error (error);
  return node;
}

char *
ef_test_api_login (SoupSession   *session,
                   EfTestServer  *server,
                   const char    *email,
                   const char    *password)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) request = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *body = NULL;
  guint status;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "email");
  json_builder_add_string_value (builder, email);
  json_builder_set_member_name (builder, "password");
  json_builder_add_string_value (builder, password);
  json_builder_set_member_name (builder, "client");
  json_builder_add_string_value (builder, "espace-famille tests");
  json_builder_end_object (builder);
  request = json_builder_get_root (builder);
  body = json_to_string (request, FALSE);

  answer = ef_test_api_request (session, server, "POST", "/7249/api/v1/auth/login", NULL, body, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (answer);
  return g_strdup (json_object_get_string_member (json_node_get_object (answer), "token"));
}

void
ef_test_api_set_clock (SoupSession   *session,
                       EfTestServer  *server,
                       const char    *token,
                       const char    *now)
{
  g_autofree char *body = g_strdup_printf ("{\"now\": \"%s\"}", now);
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  answer = ef_test_api_request (session, server, "PUT", "/7249/api/v1/_test/clock", token, body, &status);
  g_assert_cmpuint (status, >=, 200);
  g_assert_cmpuint (status, <, 300);
}

const char *
ef_test_api_error_code (JsonNode *answer)
{
  JsonObject *error;

  if (answer == NULL || !JSON_NODE_HOLDS_OBJECT (answer))
    return NULL;
  error = json_object_get_object_member (json_node_get_object (answer), "error");
  return error ? json_object_get_string_member (error, "code") : NULL;
}

JsonObject *
ef_test_json_find (JsonArray  *array,
                   const char *member,
                   const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, member), value) == 0)
        return object;
    }
  return NULL;
}

JsonObject *
ef_test_api_member_named (JsonNode   *family,
                          const char *first_name)
{
  JsonArray *members = json_object_get_array_member (json_node_get_object (family), "members");
  JsonObject *member = ef_test_json_find (members, "first_name", first_name);

  if (member == NULL)
    g_error ("no member %s", first_name);
  return member;
}

char *
ef_test_api_browse (SoupSession         *session,
                    const char          *method,
                    const char          *url,
                    const char          *form,
                    guint               *status,
                    char               **location,
                    SoupMessageHeaders **headers)
{
  g_autoptr (SoupMessage) msg = soup_message_new (method, url);
  g_autoptr (GBytes) answer = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (msg);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (form != NULL)
    {
      g_autoptr (GBytes) bytes = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (msg, "application/x-www-form-urlencoded", bytes);
    }
  answer = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  if (location != NULL)
    *location = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                        "Location"));
  if (headers != NULL)
    *headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  return g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
}

/* The value of the first match of @pattern's group 1 in @text. */
static char *
find (const char *text,
      const char *pattern)
{
  g_autoptr (GRegex) regex = g_regex_new (pattern, G_REGEX_DOTALL, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;

  g_assert_nonnull (regex);
  if (!g_regex_match (regex, text, 0, &match))
    g_error ("the provider's page has no %s", pattern);
  return g_match_info_fetch (match, 1);
}

char *
ef_test_api_play_provider_page (SoupSession *session,
                                const char  *provider_url,
                                const char  *action,
                                const char  *card,
                                const char  *expected_amount)
{
  g_autofree char *page = NULL;
  g_autofree char *form_action = NULL;
  g_autofree char *idop = NULL;
  g_autofree char *post_url = NULL;
  g_autofree char *form = NULL;
  g_autofree char *answer = NULL;
  g_autofree char *location = NULL;
  g_autofree char *return_url = NULL;
  guint status;

  page = ef_test_api_browse (session, "GET", provider_url, NULL, &status, NULL, NULL);
  g_assert_cmpuint (status, ==, 200);
  if (expected_amount != NULL && strstr (page, expected_amount) == NULL)
    g_error ("the provider's page does not show %s", expected_amount);

  /* The form as a browser reads it: its action relative to the page. */
  form_action = find (page, "<form[^>]*action=\"([^\"]+)\"");
  idop = find (page, "name=\"idop\" value=\"([^\"]+)\"");
  post_url = g_uri_resolve_relative (provider_url, form_action, G_URI_FLAGS_NONE, NULL);
  g_assert_nonnull (post_url);
  form = soup_form_encode ("idop", idop,
                           "carte", card != NULL ? card : "4970 1000 0000 0006",
                           "expiration", "12/30",
                           "cvv", "123",
                           "action", action,
                           NULL);
  answer = ef_test_api_browse (session, "POST", post_url, form, &status, &location, NULL);
  g_assert_cmpuint (status, ==, 303);
  g_assert_nonnull (location);

  return_url = g_uri_resolve_relative (post_url, location, G_URI_FLAGS_NONE, NULL);
  g_free (answer);
  answer = ef_test_api_browse (session, "GET", return_url, NULL, &status, NULL, NULL);
  g_assert_cmpuint (status, ==, 200);
  return g_steal_pointer (&answer);
}

GBytes *
ef_test_api_demo_invoice_pdf (void)
{
  g_autoptr (EfTestServer) server = ef_test_server_start (TRUE, NULL);
  g_autoptr (SoupSession) session = ef_test_api_session_new ();
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *email = NULL;
  g_autofree char *password = NULL;
  g_autofree char *token = NULL;
  g_autofree char *url = NULL;
  g_autofree char *authorization = NULL;
  GBytes *bytes;

  ef_test_api_demo_account (server, &email, &password);
  token = ef_test_api_login (session, server, email, password);
  url = g_strconcat (ef_test_server_get_url (server), "/7249/api/v1/invoices/4/pdf", NULL);
  msg = soup_message_new ("GET", url);
  authorization = g_strconcat ("Bearer ", token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                authorization);
  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (msg),
                                                          NULL),
                   ==, "application/pdf");
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 1000);
  return bytes;
}

void
ef_test_api_reserve_days (SoupSession         *session,
                          EfTestServer        *server,
                          const char          *token,
                          gint64               member_id,
                          const char          *activity,
                          const char          *from,
                          const char          *to,
                          const char * const  *days)
{
  g_autofree char *path = g_strdup_printf ("/7249/api/v1/members/%" G_GINT64_FORMAT
                                           "/planning?from=%s&to=%s", member_id, from, to);
  g_autoptr(JsonNode) planning = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GString) body = g_string_new ("{\"changes\": [");
  guint status;

  planning = ef_test_api_request (session, server, "GET", path, token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  for (guint i = 0; days[i] != NULL; i++)
    g_string_append_printf (body, "%s{\"member\": %" G_GINT64_FORMAT ", \"activity\": \"%s\","
                            " \"day\": \"%s\", \"reserved\": true}",
                            i > 0 ? ", " : "", member_id, activity, days[i]);
  g_string_append_printf (body, "], \"versions\": {\"%" G_GINT64_FORMAT "\": %" G_GINT64_FORMAT "}}",
                          member_id, json_object_get_int_member (json_node_get_object (planning), "version"));
  answer = ef_test_api_request (session, server, "POST", "/7249/api/v1/reservations", token, body->str,
                                &status);
  g_assert_cmpuint (status, ==, 200);
}

char *
ef_test_api_year_batch (SoupSession   *session,
                        EfTestServer  *server,
                        const char    *token,
                        const gint64  *members,
                        guint          n_members,
                        guint         *n_changes)
{
  GString *body = g_string_new ("{\"changes\": [");
  GString *versions = g_string_new ("{");
  guint n = 0;

  for (guint c = 0; c < n_members; c++)
    {
      g_autofree char *path = g_strdup_printf ("/7249/api/v1/members/%" G_GINT64_FORMAT
                                               "/planning?from=2026-09-01&to=2027-07-03",
                                               members[c]);
      g_autoptr(JsonNode) planning = NULL;
      JsonArray *activities;
      guint status;

      planning = ef_test_api_request (session, server, "GET", path, token, NULL, &status);
      g_assert_cmpuint (status, ==, 200);
      g_string_append_printf (versions, "%s\"%" G_GINT64_FORMAT "\": %" G_GINT64_FORMAT,
                              c > 0 ? ", " : "", members[c],
                              json_object_get_int_member (json_node_get_object (planning), "version"));

      activities = json_object_get_array_member (json_node_get_object (planning), "activities");
      for (guint i = 0; i < json_array_get_length (activities); i++)
        {
          JsonObject *entry = json_array_get_object_element (activities, i);
          JsonArray *days = json_object_get_array_member (entry, "days");

          for (guint j = 0; j < json_array_get_length (days); j++)
            {
              JsonObject *day = json_array_get_object_element (days, j);

              if (!json_object_get_boolean_member (day, "changeable"))
                continue;
              g_string_append_printf (body, "%s{\"member\": %" G_GINT64_FORMAT ", \"activity\": \"%s\", "
                                      "\"day\": \"%s\", \"reserved\": %s}",
                                      n > 0 ? ", " : "", members[c],
                                      json_object_get_string_member (entry, "activity"),
                                      json_object_get_string_member (day, "day"),
                                      g_str_equal (json_object_get_string_member (day, "state"), "reserved")
                                      ? "false" : "true");
              n++;
            }
        }
    }
  g_string_append (versions, "}");
  g_string_append_printf (body, "], \"versions\": %s}", versions->str);
  g_string_free (versions, TRUE);

  *n_changes = n;
  return g_string_free (body, FALSE);
}

void
ef_test_demo_start (EfTestDemo *demo)
{
  static const char * const args[] = { "--test-clock", NULL };

  demo->server = ef_test_server_start (TRUE, args);
  demo->session = ef_test_api_session_new ();
  ef_test_api_demo_account (demo->server, &demo->email, &demo->password);
}

void
ef_test_demo_sign_in (EfTestDemo *demo,
                      const char *now)
{
  if (now != NULL)
    ef_test_api_set_clock (demo->session, demo->server, NULL, now);
  demo->token = ef_test_api_login (demo->session, demo->server, demo->email, demo->password);
}

void
ef_test_demo_clear (EfTestDemo *demo)
{
  g_clear_object (&demo->session);
  g_clear_pointer (&demo->server, ef_test_server_free);
  g_clear_pointer (&demo->email, g_free);
  g_clear_pointer (&demo->password, g_free);
  g_clear_pointer (&demo->token, g_free);
}

void
ef_test_demo_set_up (EfTestDemo    *demo,
                     gconstpointer  data)
{
  ef_test_demo_start (demo);
  ef_test_demo_sign_in (demo, NULL);
}

void
ef_test_demo_tear_down (EfTestDemo    *demo,
                        gconstpointer  data)
{
  ef_test_demo_clear (demo);
}

void
ef_test_api_forward (SoupSession       *session,
                     const char        *upstream_url,
                     SoupServerMessage *msg,
                     EfTestApiRewrite   rewrite,
                     gpointer           user_data)
{
  static const char * const forwarded[] = { "Authorization", "Accept", "Content-Type" };
  GUri *uri = soup_server_message_get_uri (msg);
  const char *path = g_uri_get_path (uri);
  const char *query = g_uri_get_query (uri);
  const char *method = soup_server_message_get_method (msg);
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *upstream_headers;
  g_autoptr (SoupMessage) upstream = NULL;
  g_autoptr (GBytes) request_body = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GBytes) rewritten = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  const char *content_type;

  url = g_strconcat (upstream_url, path, query != NULL ? "?" : "", query, NULL);
  upstream = soup_message_new (method, url);
  for (gsize i = 0; i < G_N_ELEMENTS (forwarded); i++)
    {
      const char *value = soup_message_headers_get_one (request_headers, forwarded[i]);

      if (value != NULL)
        soup_message_headers_replace (soup_message_get_request_headers (upstream), forwarded[i], value);
    }
  request_body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  if (g_bytes_get_size (request_body) > 0)
    soup_message_set_request_body_from_bytes (upstream,
                                              soup_message_headers_get_content_type (request_headers, NULL),
                                              request_body);

  body = soup_session_send_and_read (session, upstream, NULL, &error);
  g_assert_no_error (error);
  if (rewrite != NULL)
    rewritten = rewrite (method, path, upstream, body, user_data);

  upstream_headers = soup_message_get_response_headers (upstream);
  soup_server_message_set_status (msg, soup_message_get_status (upstream), NULL);
  /* The portal's clock, not the proxy's. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Date",
                                soup_message_headers_get_one (upstream_headers, "Date"));
  content_type = soup_message_headers_get_content_type (upstream_headers, NULL);
  if (rewritten != NULL)
    {
      g_bytes_unref (body);
      body = g_steal_pointer (&rewritten);
    }
  soup_server_message_set_response (msg, content_type ? content_type : "application/json",
                                    SOUP_MEMORY_COPY, g_bytes_get_data (body, NULL),
                                    g_bytes_get_size (body));
}
