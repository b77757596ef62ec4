/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-portal.c: GET /{tenant}/api/v1/portal on a real server */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <signal.h>

#include <libsoup/soup.h>

#include "ef-common.h"
#include "ef-test-server.h"

typedef struct
{
  EfTestServer *server;
  SoupSession  *session;
} Fixture;

typedef struct
{
  guint      status;
  char      *content_type;
  char      *allow;
  GBytes    *body;
} Reply;

static void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->content_type, g_free);
  g_clear_pointer (&reply->allow, g_free);
  g_clear_pointer (&reply->body, g_bytes_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gboolean demo = GPOINTER_TO_INT (data) == 0;

  fixture->server = ef_test_server_start (demo, NULL);
  /* No proxy: $http_proxy must not see loopback requests. */
  fixture->session = soup_session_new_with_options ("proxy-resolver", NULL,
                                                    "timeout", 5,
                                                    NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->server, ef_test_server_free);
}

static void
request (Fixture    *fixture,
         const char *method,
         const char *path,
         GBytes     *body,
         Reply      *reply)
{
  g_autofree char *url = g_strconcat (ef_test_server_get_url (fixture->server), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;

  g_assert_nonnull (msg);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (msg, "application/json", body);

  reply->body = soup_session_send_and_read (fixture->session, msg, NULL, &error);
  g_assert_no_error (error);

  headers = soup_message_get_response_headers (msg);
  reply->status = soup_message_get_status (msg);
  reply->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  reply->allow = g_strdup (soup_message_headers_get_one (headers, "Allow"));
}

static JsonNode *
reply_json (Reply *reply)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node;
  gsize len;
  const char *data = g_bytes_get_data (reply->body, &len);

  g_assert_cmpstr (reply->content_type, ==, "application/json; charset=utf-8");
  node = ef_json_parse (data, len, &error);
  g_assert_no_error (error);
  return node;
}

/* Checks that @reply is the JSON error @code with an empty details array. */
static void
assert_api_error (Reply      *reply,
                  guint       status,
                  EfApiError  code)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) details = NULL;
  JsonObject *error_object;

  g_assert_cmpuint (reply->status, ==, status);
  node = reply_json (reply);

  error_object = json_object_get_object_member (json_node_get_object (node), "error");
  g_assert_nonnull (error_object);
  g_assert_cmpstr (json_object_get_string_member (error_object, "code"), ==,
                   ef_api_error_to_string (code));
  g_assert_nonnull (json_object_get_string_member (error_object, "message"));
  g_assert_true (json_object_has_member (error_object, "details"));

  g_assert_true (ef_json_error_from_body (node, &error, &details));
  g_assert_error (error, EF_API_ERROR, (int) code);
  g_assert_nonnull (details);
  g_assert_cmpuint (json_array_get_length (details), ==, 0);
}

static void
test_portal_get (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(EfPortal) portal = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(EfService) first = NULL;
  g_autoptr(EfService) last = NULL;
  const EfDeadlinePolicy *policy;
  GListModel *services;

  request (fixture, "GET", "/7249/api/v1/portal", NULL, &reply);
  g_assert_cmpuint (reply.status, ==, SOUP_STATUS_OK);
  node = reply_json (&reply);

  portal = ef_portal_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ef_portal_get_id (portal), ==, "7249");
  g_assert_cmpstr (ef_portal_get_name (portal), ==, "Ville de Billère");
  g_assert_cmpstr (ef_portal_get_time_zone (portal), ==, "Europe/Paris");
  g_assert_nonnull (strstr (ef_portal_get_contact (portal), "05 59 92 44 58"));
  g_assert_nonnull (strstr (ef_portal_get_contact (portal), "05 59 92 55 55"));

  policy = ef_portal_get_deadline_policy (portal);
  g_assert_cmpuint (policy->days_before, ==, 3);
  g_assert_cmpuint (policy->hour, ==, 9);
  g_assert_cmpuint (policy->minute, ==, 0);
  g_assert_cmpuint (policy->counted_weekdays, ==, EF_WEEKDAYS_MON_TO_FRI);

  services = ef_portal_get_services (portal);
  g_assert_cmpuint (g_list_model_get_n_items (services), ==, 3);
  first = g_list_model_get_item (services, 0);
  last = g_list_model_get_item (services, 2);
  g_assert_cmpstr (ef_service_get_name (first), ==, "Éducation");
  g_assert_cmpstr (ef_service_get_name (last), ==, "Centre d’animation Le Lacaou");
  g_assert_cmpstr (ef_service_get_description (first), !=, "");

  g_assert_cmpint (ef_test_server_stop (fixture->server), ==, 0);
}

static void
test_portal_head (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };

  request (fixture, "HEAD", "/7249/api/v1/portal", NULL, &reply);
  g_assert_cmpuint (reply.status, ==, SOUP_STATUS_OK);
  g_assert_cmpuint (g_bytes_get_size (reply.body), ==, 0);
}

static void
test_portal_unknown_tenant (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char * const paths[] = {
    "/9999/api/v1/portal",
    "/Ville/api/v1/portal",
    "/72-49/api/v1/portal",                        /* not letters and digits */
    "/%37%37249/api/v1/portal",                    /* decodes to "77249" */
    "/123456789012345678901234567890123/api/v1/portal",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(Reply) reply = { 0 };

      g_test_message ("GET %s", paths[i]);
      request (fixture, "GET", paths[i], NULL, &reply);
      assert_api_error (&reply, SOUP_STATUS_NOT_FOUND, EF_API_ERROR_UNKNOWN_TENANT);
    }
}

static void
test_portal_encoded_tenant (Fixture       *fixture,
                            gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };

  /* A percent-encoded tenant is the same tenant. */
  request (fixture, "GET", "/%37%32%34%39/api/v1/portal", NULL, &reply);
  g_assert_cmpuint (reply.status, ==, SOUP_STATUS_OK);
}

static void
test_unknown_route (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char * const paths[] = {
    "/",
    "/7249",
    "/7249/api/v1",
    "/7249/api/v1/nope",
    "/7249/api/v1/portal/",
    "/7249//api/v1/portal",
    "/7249/api/v2/portal",
    "/72%2F49/api/v1/portal",                      /* an encoded "/" is no separator */
    "/7249/api/v1/portal/extra",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(Reply) reply = { 0 };

      g_test_message ("GET %s", paths[i]);
      request (fixture, "GET", paths[i], NULL, &reply);
      assert_api_error (&reply, SOUP_STATUS_NOT_FOUND, EF_API_ERROR_NOT_FOUND);
    }
}

static void
test_wrong_method (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const methods[] = { "POST", "PUT", "DELETE", "PATCH" };

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      g_auto(Reply) reply = { 0 };
      g_autoptr(GBytes) body = g_bytes_new_static ("{}", 2);

      g_test_message ("%s /7249/api/v1/portal", methods[i]);
      request (fixture, methods[i], "/7249/api/v1/portal", body, &reply);
      assert_api_error (&reply, SOUP_STATUS_METHOD_NOT_ALLOWED, EF_API_ERROR_METHOD_NOT_ALLOWED);
      g_assert_cmpstr (reply.allow, ==, "GET, HEAD");
    }
}

static void
test_body_too_large (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };
  g_auto(Reply) after = { 0 };
  gsize size = 2 * 1024 * 1024;
  g_autoptr(GBytes) body = g_bytes_new_take (g_malloc0 (size), size);

  request (fixture, "POST", "/7249/api/v1/portal", body, &reply);
  assert_api_error (&reply, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, EF_API_ERROR_PAYLOAD_TOO_LARGE);

  /* The server is still there. */
  request (fixture, "GET", "/7249/api/v1/portal", NULL, &after);
  g_assert_cmpuint (after.status, ==, SOUP_STATUS_OK);
}

static void
test_empty_database (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };

  /* serve creates and migrates a missing database; it has no tenant. */
  if (!ef_test_store_is_postgresql ())
    g_assert_true (g_file_test (ef_test_server_get_db_path (fixture->server), G_FILE_TEST_IS_REGULAR));
  request (fixture, "GET", "/7249/api/v1/portal", NULL, &reply);
  assert_api_error (&reply, SOUP_STATUS_NOT_FOUND, EF_API_ERROR_UNKNOWN_TENANT);
  g_assert_cmpint (ef_test_server_stop (fixture->server), ==, 0);
}

static void
test_sigint (Fixture       *fixture,
             gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };
  GPid pid = ef_test_server_get_pid (fixture->server);

  request (fixture, "GET", "/7249/api/v1/portal", NULL, &reply);
  g_assert_cmpuint (reply.status, ==, SOUP_STATUS_OK);

  /* SIGINT ends the loop like SIGTERM; the SIGTERM that follows in
   * ef_test_server_stop() may find it gone or stopping: 0 either way. */
  g_assert_cmpint (kill (pid, SIGINT), ==, 0);
  g_assert_cmpint (ef_test_server_stop (fixture->server), ==, 0);
}

static void
test_listen_localhost (void)
{
  const char *extra[] = { "--listen", "localhost:0", NULL };
  g_autoptr(EfTestServer) server = ef_test_server_start (TRUE, extra);
  Fixture fixture = { server, soup_session_new_with_options ("proxy-resolver", NULL, NULL) };
  g_auto(Reply) reply = { 0 };

  /* localhost is the IPv4 loopback; the URL names the address. */
  g_assert_true (g_str_has_prefix (ef_test_server_get_url (server), "http://127.0.0.1:"));
  request (&fixture, "GET", "/7249/api/v1/portal", NULL, &reply);
  g_assert_cmpuint (reply.status, ==, SOUP_STATUS_OK);
  g_assert_cmpint (ef_test_server_stop (server), ==, 0);
  g_object_unref (fixture.session);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, demo) \
  g_test_add (path, Fixture, GINT_TO_POINTER ((demo) ? 0 : 1), fixture_set_up, func, fixture_tear_down)

  ADD ("/server/portal/get", test_portal_get, TRUE);
  ADD ("/server/portal/head", test_portal_head, TRUE);
  ADD ("/server/portal/unknown-tenant", test_portal_unknown_tenant, TRUE);
  ADD ("/server/portal/encoded-tenant", test_portal_encoded_tenant, TRUE);
  ADD ("/server/portal/empty-database", test_empty_database, FALSE);
  ADD ("/server/http/unknown-route", test_unknown_route, TRUE);
  ADD ("/server/http/wrong-method", test_wrong_method, TRUE);
  ADD ("/server/http/body-too-large", test_body_too_large, TRUE);
  ADD ("/server/signals/sigint", test_sigint, TRUE);
  g_test_add_func ("/server/listen/localhost", test_listen_localhost);

#undef ADD

  return g_test_run ();
}
