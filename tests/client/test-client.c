/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-client.c: EfClient, against a live server and against bad servers */

#define G_LOG_DOMAIN "EfTestClient"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "api/ef-client.h"
#include "api/ef-proxy-resolver.h"
#include "ef-test-server.h"

/* Generous: a loaded CI machine, never a fixed sleep. */
#define WAIT_TIMEOUT_S 20

/* ---- helpers ---------------------------------------------------------- */

static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
wake_up_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the default main context until *@result is set. */
static void
wait_for_result (GAsyncResult **result)
{
  gint64 end = g_get_monotonic_time () + WAIT_TIMEOUT_S * G_USEC_PER_SEC;
  guint wake_up = g_timeout_add (100, wake_up_cb, NULL);

  while (*result == NULL)
    {
      if (g_get_monotonic_time () > end)
        g_error ("no answer after %d s", WAIT_TIMEOUT_S);
      g_main_context_iteration (NULL, TRUE);
    }

  g_source_remove (wake_up);
}

static EfPortal *
get_portal (EfClient      *client,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ef_client_get_portal_async (client, cancellable, on_result_cb, &result);
  wait_for_result (&result);

  return ef_client_get_portal_finish (client, result, error);
}

static void
assert_portal_error (const char   *portal_url,
                     EfClientError code)
{
  g_autoptr (EfClient) client = ef_client_new (portal_url);
  g_autoptr (EfPortal) portal = NULL;
  g_autoptr (GError) error = NULL;

  portal = get_portal (client, NULL, &error);
  g_assert_error (error, EF_CLIENT_ERROR, (int) code);
  g_assert_null (portal);
  g_test_message ("%s: %s", portal_url, error->message);
}

static void
on_notify_count_cb (GObject    *object,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

/* ---- normalization ---------------------------------------------------- */

static void
test_normalize_valid (void)
{
  static const struct {
    const char *input;
    const char *portal;
    const char *tenant;
  } cases[] = {
    { "https://espacefamille.example.fr/7249", "https://espacefamille.example.fr/7249", "7249" },
    { "https://espacefamille.example.fr/7249/", "https://espacefamille.example.fr/7249", "7249" },
    { "  https://espacefamille.example.fr/7249  ", "https://espacefamille.example.fr/7249", "7249" },
    { "\thttps://espacefamille.example.fr/7249\n", "https://espacefamille.example.fr/7249", "7249" },
    { "https://espacefamille.example.fr/7249/login", "https://espacefamille.example.fr/7249", "7249" },
    { "https://espacefamille.example.fr/7249/#/accueil", "https://espacefamille.example.fr/7249", "7249" },
    { "https://espacefamille.example.fr/7249#/accueil", "https://espacefamille.example.fr/7249", "7249" },
    { "https://espacefamille.example.fr/7249?lang=fr", "https://espacefamille.example.fr/7249", "7249" },
    { "https://espacefamille.example.fr//7249//", "https://espacefamille.example.fr/7249", "7249" },
    { "https://espacefamille.example.fr/7249/api/v1/portal", "https://espacefamille.example.fr/7249", "7249" },
    { "HTTPS://EspaceFamille.Example.FR/7249", "https://espacefamille.example.fr/7249", "7249" },
    { "https://espacefamille.example.fr:443/7249", "https://espacefamille.example.fr/7249", "7249" },
    { "https://espacefamille.example.fr:8443/7249", "https://espacefamille.example.fr:8443/7249", "7249" },
    { "espacefamille.example.fr/7249", "https://espacefamille.example.fr/7249", "7249" },
    { "https://portail.example.org/billere", "https://portail.example.org/billere", "billere" },
    { "https://portail.example.org/Ville_de-Pau", "https://portail.example.org/Ville_de-Pau", "Ville_de-Pau" },
    { "http://127.0.0.1:8080/7249", "http://127.0.0.1:8080/7249", "7249" },
    { "http://127.1.2.3/7249/", "http://127.1.2.3/7249", "7249" },
    { "http://localhost:8080/7249", "http://localhost:8080/7249", "7249" },
    { "http://LOCALHOST/7249", "http://localhost/7249", "7249" },
    { "http://[::1]:8080/7249", "http://[::1]:8080/7249", "7249" },
    { "http://127.0.0.1:80/7249", "http://127.0.0.1/7249", "7249" },
    { "https://[2001:db8::1]/7249", "https://[2001:db8::1]/7249", "7249" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *tenant = NULL;
      g_autofree char *portal = NULL;

      g_test_message ("input: “%s”", cases[i].input);
      portal = ef_client_normalize_portal_url (cases[i].input, &tenant, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (portal, ==, cases[i].portal);
      g_assert_cmpstr (tenant, ==, cases[i].tenant);
    }
}

static void
test_normalize_invalid (void)
{
  static const struct {
    const char   *input;
    EfClientError code;
  } cases[] = {
    { NULL, EF_CLIENT_ERROR_INVALID_PORTAL },
    { "", EF_CLIENT_ERROR_INVALID_PORTAL },
    { "   ", EF_CLIENT_ERROR_INVALID_PORTAL },
    { "https://espacefamille.example.fr", EF_CLIENT_ERROR_INVALID_PORTAL },
    { "https://espacefamille.example.fr/", EF_CLIENT_ERROR_INVALID_PORTAL },
    { "https://espacefamille.example.fr/#/7249", EF_CLIENT_ERROR_INVALID_PORTAL },
    { "https://espace famille.example.fr/7249", EF_CLIENT_ERROR_INVALID_PORTAL },
    { "https://espacefamille.example.fr/72 49", EF_CLIENT_ERROR_INVALID_PORTAL },
    { "https://espacefamille.example.fr/72%2049", EF_CLIENT_ERROR_INVALID_PORTAL },
    { "https://espacefamille.example.fr/é", EF_CLIENT_ERROR_INVALID_PORTAL },
    { "https:///7249", EF_CLIENT_ERROR_INVALID_PORTAL },
    { "https://user:secret@espacefamille.example.fr/7249", EF_CLIENT_ERROR_INVALID_PORTAL },
    { "ftp://espacefamille.example.fr/7249", EF_CLIENT_ERROR_INVALID_PORTAL },
    { "file:///etc/passwd", EF_CLIENT_ERROR_INVALID_PORTAL },
    { "javascript:alert(1)", EF_CLIENT_ERROR_INVALID_PORTAL },
    { "https://espacefamille.example.fr:99999/7249", EF_CLIENT_ERROR_INVALID_PORTAL },
    { "7249", EF_CLIENT_ERROR_INVALID_PORTAL },
    { "http://espacefamille.example.fr/7249", EF_CLIENT_ERROR_INSECURE_PORTAL },
    { "HTTP://espacefamille.example.fr/7249", EF_CLIENT_ERROR_INSECURE_PORTAL },
    { "http://192.168.1.10/7249", EF_CLIENT_ERROR_INSECURE_PORTAL },
    { "http://localhost.example.fr/7249", EF_CLIENT_ERROR_INSECURE_PORTAL },
    { "http://128.0.0.1/7249", EF_CLIENT_ERROR_INSECURE_PORTAL },
    { "http://[::2]/7249", EF_CLIENT_ERROR_INSECURE_PORTAL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *tenant = NULL;
      g_autofree char *portal = NULL;

      g_test_message ("input: “%s”", cases[i].input);
      portal = ef_client_normalize_portal_url (cases[i].input, &tenant, &error);
      g_assert_error (error, EF_CLIENT_ERROR, (int) cases[i].code);
      g_assert_null (portal);
      g_assert_null (tenant);
    }
}

static void
test_portal_url_property (void)
{
  g_autoptr (EfClient) client = ef_client_new (NULL);
  guint notified = 0;

  g_assert_false (ef_client_has_portal (client));
  g_assert_null (ef_client_get_portal_url (client));
  g_assert_cmpuint (ef_client_get_timeout (client), ==, EF_CLIENT_DEFAULT_TIMEOUT);

  g_signal_connect (client, "notify::portal-url", G_CALLBACK (on_notify_count_cb), &notified);

  ef_client_set_portal_url (client, " https://espacefamille.example.fr/7249/login ");
  g_assert_cmpstr (ef_client_get_portal_url (client), ==, "https://espacefamille.example.fr/7249");
  g_assert_cmpstr (ef_client_get_tenant_id (client), ==, "7249");
  g_assert_true (ef_client_has_portal (client));
  g_assert_cmpuint (notified, ==, 1);

  /* The same portal written another way changes nothing. */
  ef_client_set_portal_url (client, "https://espacefamille.example.fr/7249/");
  g_assert_cmpuint (notified, ==, 1);

  /* An invalid address is kept as typed; requests will fail with it. */
  ef_client_set_portal_url (client, "http://example.fr/7249");
  g_assert_cmpstr (ef_client_get_portal_url (client), ==, "http://example.fr/7249");
  g_assert_null (ef_client_get_tenant_id (client));
  g_assert_cmpuint (notified, ==, 2);

  ef_client_set_portal_url (client, "");
  g_assert_false (ef_client_has_portal (client));
  g_assert_cmpuint (notified, ==, 3);
}

/* ---- errors ----------------------------------------------------------- */

static void
test_error_messages (void)
{
  for (int code = EF_CLIENT_ERROR_INVALID_PORTAL; code <= EF_CLIENT_ERROR_CANCELLED; code++)
    {
      g_autoptr (GError) error = g_error_new (EF_CLIENT_ERROR, code, "raw text %d", code);
      const char *message = ef_client_error_get_user_message (error);
      const char *title = ef_client_error_get_title (error);

      g_assert_nonnull (message);
      g_assert_nonnull (title);
      g_assert_cmpuint (strlen (message), >, 10);
      g_assert_null (strstr (message, "raw text"));
    }

  {
    g_autoptr (GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "raw");

    g_assert_cmpstr (ef_client_error_get_user_message (other), !=, "raw");
    g_assert_true (ef_client_error_can_retry (other));
  }
}

static void
test_proxy_resolver (void)
{
  g_autoptr (GProxyResolver) inner = g_simple_proxy_resolver_new ("http://192.0.2.1:3128", NULL);
  g_autoptr (GProxyResolver) resolver = ef_proxy_resolver_new (inner);
  static const char *direct[] = {
    "http://127.0.0.1:8080/7249/api/v1/portal", "http://localhost/7249", "http://[::1]:80/x",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (direct); i++)
    {
      g_autoptr (GError) error = NULL;
      g_auto (GStrv) proxies = g_proxy_resolver_lookup (resolver, direct[i], NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (proxies[0], ==, "direct://");
    }

  {
    g_autoptr (GError) error = NULL;
    g_auto (GStrv) proxies = g_proxy_resolver_lookup (resolver, "https://example.fr/7249", NULL,
                                                      &error);

    g_assert_no_error (error);
    g_assert_cmpstr (proxies[0], ==, "http://192.0.2.1:3128");
  }

  {
    g_autoptr (GAsyncResult) result = NULL;
    g_autoptr (GError) error = NULL;
    g_auto (GStrv) proxies = NULL;

    g_proxy_resolver_lookup_async (resolver, "http://127.0.0.1:1/", NULL, on_result_cb, &result);
    wait_for_result (&result);
    proxies = g_proxy_resolver_lookup_finish (resolver, result, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (proxies[0], ==, "direct://");
  }

  g_assert_true (ef_host_is_loopback ("127.0.0.1"));
  g_assert_true (ef_host_is_loopback ("127.255.0.9"));
  g_assert_true (ef_host_is_loopback ("::1"));
  g_assert_true (ef_host_is_loopback ("[::1]"));
  g_assert_true (ef_host_is_loopback ("LocalHost"));
  g_assert_false (ef_host_is_loopback ("10.0.0.1"));
  g_assert_false (ef_host_is_loopback ("localhost.example.fr"));
  g_assert_false (ef_host_is_loopback (""));
  g_assert_false (ef_host_is_loopback (NULL));
}

/* ---- against the real server ------------------------------------------ */

static void
test_live_portal (void)
{
  g_autoptr (EfTestServer) server = ef_test_server_start (TRUE, NULL);
  g_autofree char *url = ef_test_server_portal_url (server, "7249");
  g_autofree char *pasted = g_strdup_printf ("  %s/#/accueil ", url);
  g_autoptr (EfClient) client = ef_client_new (pasted);
  g_autoptr (EfPortal) portal = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *services;

  g_assert_cmpstr (ef_client_get_portal_url (client), ==, url);

  portal = get_portal (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (portal);
  g_assert_cmpstr (ef_portal_get_id (portal), ==, "7249");
  g_assert_cmpstr (ef_portal_get_name (portal), ==, "Ville de Billère");
  g_assert_nonnull (strstr (ef_portal_get_contact (portal), "05 59 92 44 58"));
  g_assert_cmpstr (ef_portal_get_time_zone (portal), ==, "Europe/Paris");
  services = ef_portal_get_services (portal);
  g_assert_cmpuint (g_list_model_get_n_items (services), >, 0);
}

static void
test_live_unknown_tenant (void)
{
  g_autoptr (EfTestServer) server = ef_test_server_start (TRUE, NULL);
  g_autofree char *url = ef_test_server_portal_url (server, "9999");

  assert_portal_error (url, EF_CLIENT_ERROR_UNKNOWN_TENANT);
}

static void
test_connection_refused (void)
{
  guint16 port = 0;
  g_autoptr (GSocket) closed = ef_test_closed_socket (&port);
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/7249", port);

  assert_portal_error (url, EF_CLIENT_ERROR_NETWORK);
}

static void
test_invalid_portal (void)
{
  assert_portal_error ("http://espacefamille.example.fr/7249", EF_CLIENT_ERROR_INSECURE_PORTAL);
  assert_portal_error ("https://espacefamille.example.fr/", EF_CLIENT_ERROR_INVALID_PORTAL);
  assert_portal_error (NULL, EF_CLIENT_ERROR_INVALID_PORTAL);
}

static void
test_cancelled (void)
{
  g_autoptr (EfTestServer) server = ef_test_server_start (TRUE, NULL);
  g_autofree char *url = ef_test_server_portal_url (server, "7249");
  g_autoptr (EfClient) client = ef_client_new (url);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (EfPortal) portal = NULL;
  g_autoptr (GError) error = NULL;

  ef_client_get_portal_async (client, cancellable, on_result_cb, &result);
  g_cancellable_cancel (cancellable);
  wait_for_result (&result);
  portal = ef_client_get_portal_finish (client, result, &error);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_CANCELLED);
  g_assert_true (ef_client_error_is_cancelled (error));
  g_assert_null (portal);
}

/* ---- against a bad server, in this process ----------------------------- */

typedef struct {
  SoupServer *server;
  char       *base;
  GPtrArray  *paused;
} BadServer;

static void
bad_server_handler (SoupServer        *server,
                    SoupServerMessage *message,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  BadServer *bad = user_data;

  if (g_str_has_prefix (path, "/malformed/"))
    {
      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"id\": \"7249\", \"name\": ", 23);
    }
  else if (g_str_has_prefix (path, "/wrongshape/"))
    {
      static const char body[] = "{\"id\": 7249, \"name\": [\"Ville\"]}";

      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        body, strlen (body));
    }
  else if (g_str_has_prefix (path, "/html/"))
    {
      static const char body[] =
        "<!DOCTYPE html><html><head><title>Espace Famille</title></head>"
        "<body><h1>Bienvenue</h1></body></html>";

      soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC,
                                        body, strlen (body));
    }
  else if (g_str_has_prefix (path, "/html404/"))
    {
      static const char body[] = "<html><body>Not Found</body></html>";

      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC,
                                        body, strlen (body));
    }
  else if (g_str_has_prefix (path, "/crash/"))
    {
      static const char body[] =
        "{\"error\": {\"code\": \"internal_error\", \"message\": \"SQL: disk I/O error\"}}";

      soup_server_message_set_status (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                        body, strlen (body));
    }
  else if (g_str_has_prefix (path, "/teapot/"))
    {
      soup_server_message_set_status (message, 418, NULL);
    }
  else if (g_str_has_prefix (path, "/silent/"))
    {
      /* Never answers: the client's timeout has to end it. */
      soup_server_message_pause (message);
      g_ptr_array_add (bad->paused, g_object_ref (message));
    }
  else
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
    }
}

static void
bad_server_start (BadServer *bad)
{
  g_autoptr (GError) error = NULL;
  GSList *uris;

  bad->paused = g_ptr_array_new_with_free_func (g_object_unref);
  bad->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (bad->server, NULL, bad_server_handler, bad, NULL);
  soup_server_listen_local (bad->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (bad->server);
  g_assert_nonnull (uris);
  bad->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
bad_server_stop (BadServer *bad)
{
  for (guint i = 0; i < bad->paused->len; i++)
    {
      SoupServerMessage *message = g_ptr_array_index (bad->paused, i);

      soup_server_message_set_status (message, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      soup_server_message_unpause (message);
    }
  soup_server_disconnect (bad->server);
  g_clear_object (&bad->server);
  g_clear_pointer (&bad->paused, g_ptr_array_unref);
  g_clear_pointer (&bad->base, g_free);
}

static void
test_bad_servers (void)
{
  static const struct {
    const char   *tenant;
    EfClientError code;
  } cases[] = {
    { "malformed", EF_CLIENT_ERROR_PROTOCOL },
    { "wrongshape", EF_CLIENT_ERROR_PROTOCOL },
    { "html", EF_CLIENT_ERROR_PROTOCOL },
    { "html404", EF_CLIENT_ERROR_NOT_FOUND },
    { "crash", EF_CLIENT_ERROR_SERVER },
    { "teapot", EF_CLIENT_ERROR_PROTOCOL },
  };
  BadServer bad = { 0 };

  bad_server_start (&bad);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = g_strdup_printf ("%s/%s", bad.base, cases[i].tenant);

      assert_portal_error (url, cases[i].code);
    }

  bad_server_stop (&bad);
}

static void
test_timeout (void)
{
  BadServer bad = { 0 };
  g_autofree char *url = NULL;
  g_autoptr (EfClient) client = NULL;
  g_autoptr (EfPortal) portal = NULL;
  g_autoptr (GError) error = NULL;

  bad_server_start (&bad);
  url = g_strdup_printf ("%s/silent", bad.base);
  client = g_object_new (EF_TYPE_CLIENT, "portal-url", url, "timeout", 1, NULL);
  g_assert_cmpuint (ef_client_get_timeout (client), ==, 1);

  portal = get_portal (client, NULL, &error);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_TIMEOUT);
  g_assert_null (portal);

  bad_server_stop (&bad);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/normalize/valid", test_normalize_valid);
  g_test_add_func ("/client/normalize/invalid", test_normalize_invalid);
  g_test_add_func ("/client/portal-url-property", test_portal_url_property);
  g_test_add_func ("/client/error-messages", test_error_messages);
  g_test_add_func ("/client/proxy-resolver", test_proxy_resolver);
  g_test_add_func ("/client/portal/live", test_live_portal);
  g_test_add_func ("/client/portal/unknown-tenant", test_live_unknown_tenant);
  g_test_add_func ("/client/portal/connection-refused", test_connection_refused);
  g_test_add_func ("/client/portal/invalid", test_invalid_portal);
  g_test_add_func ("/client/portal/cancelled", test_cancelled);
  g_test_add_func ("/client/portal/bad-servers", test_bad_servers);
  g_test_add_func ("/client/portal/timeout", test_timeout);

  return g_test_run ();
}
