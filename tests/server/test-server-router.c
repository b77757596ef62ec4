/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-router.c: the router and the --listen parser */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "http/ef-listen-address.h"
#include "http/ef-router.h"

static void
handler_a (SoupServerMessage *msg,
           GHashTable        *params,
           gpointer           user_data)
{
}

static void
handler_b (SoupServerMessage *msg,
           GHashTable        *params,
           gpointer           user_data)
{
}

static EfRouter *
make_router (void)
{
  EfRouter *router = ef_router_new ();

  ef_router_add (router, "GET", "/{tenant}/api/v1/portal", handler_a, GINT_TO_POINTER (1));
  ef_router_add (router, "GET", "/{tenant}/api/v1/members/{member}", handler_a, GINT_TO_POINTER (2));
  ef_router_add (router, "PUT", "/{tenant}/api/v1/members/{member}", handler_b, GINT_TO_POINTER (3));
  ef_router_add (router, "POST", "/{tenant}/api/v1/session", handler_b, GINT_TO_POINTER (4));
  return router;
}

static void
test_router_match (void)
{
  g_autoptr(EfRouter) router = make_router ();
  g_autoptr(GHashTable) params = NULL;
  EfRouteHandler handler = NULL;
  gpointer data = NULL;

  g_assert_cmpint (ef_router_match (router, "GET", "/7249/api/v1/portal", &handler, &data, &params, NULL),
                   ==, EF_ROUTE_FOUND);
  g_assert_true (handler == handler_a);
  g_assert_cmpint (GPOINTER_TO_INT (data), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (params, "tenant"), ==, "7249");
  g_clear_pointer (&params, g_hash_table_unref);

  g_assert_cmpint (ef_router_match (router, "PUT", "/7249/api/v1/members/Jos%C3%A9%20A", &handler, &data, &params, NULL),
                   ==, EF_ROUTE_FOUND);
  g_assert_true (handler == handler_b);
  g_assert_cmpstr (g_hash_table_lookup (params, "tenant"), ==, "7249");
  g_assert_cmpstr (g_hash_table_lookup (params, "member"), ==, "José A");
  g_clear_pointer (&params, g_hash_table_unref);

  /* HEAD is GET without a body. */
  g_assert_cmpint (ef_router_match (router, "HEAD", "/7249/api/v1/portal", &handler, &data, NULL, NULL),
                   ==, EF_ROUTE_FOUND);
  g_assert_cmpint (GPOINTER_TO_INT (data), ==, 1);
}

static void
test_router_not_found (void)
{
  static const char * const paths[] = {
    "", "/", "7249/api/v1/portal", "/7249/api/v1/portal/", "//api/v1/portal",
    "/7249/api//portal", "/7249/api/v1/portal/x", "/7249/api/v1", "/7249/api/v1/members/a%2Fb",
    "/7249/api/v1/members/%00", "/7249/api/v1/members/%FF", "/7249/api/v1/members/%zz",
    /* Not UTF-8, unescaped. */
    "/7249/api/v1/members/\xff",
    "/7249/API/v1/portal",
  };
  g_autoptr(EfRouter) router = make_router ();

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_test_message ("%s", paths[i]);
      g_assert_cmpint (ef_router_match (router, "GET", paths[i], NULL, NULL, NULL, NULL),
                       ==, EF_ROUTE_NOT_FOUND);
    }
  g_assert_cmpint (ef_router_match (router, "GET", NULL, NULL, NULL, NULL, NULL), ==, EF_ROUTE_NOT_FOUND);
}

static void
test_router_method_not_allowed (void)
{
  g_autoptr(EfRouter) router = make_router ();
  g_autofree char *allow = NULL;
  g_autofree char *allow2 = NULL;

  g_assert_cmpint (ef_router_match (router, "DELETE", "/1/api/v1/members/2", NULL, NULL, NULL, &allow),
                   ==, EF_ROUTE_METHOD_NOT_ALLOWED);
  g_assert_cmpstr (allow, ==, "GET, HEAD, PUT");

  g_assert_cmpint (ef_router_match (router, "GET", "/1/api/v1/session", NULL, NULL, NULL, &allow2),
                   ==, EF_ROUTE_METHOD_NOT_ALLOWED);
  g_assert_cmpstr (allow2, ==, "POST");
}

static void
test_router_lines (void)
{
  g_autoptr(EfRouter) router = make_router ();
  g_auto(GStrv) lines = ef_router_dup_route_lines (router);

  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[0], ==, "GET /{tenant}/api/v1/portal");
  g_assert_cmpstr (lines[2], ==, "PUT /{tenant}/api/v1/members/{member}");
}

static void
test_router_bad_pattern (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(EfRouter) router = ef_router_new ();

      ef_router_add (router, "GET", "/a{b}/c", handler_a, NULL);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*pattern_is_valid*");
}

static void
test_listen_valid (void)
{
  static const struct {
    const char *text;
    const char *host;
    guint16     port;
    gboolean    loopback;
  } cases[] = {
    { "127.0.0.1:0", "127.0.0.1", 0, TRUE },
    { "127.0.0.1:8080", "127.0.0.1", 8080, TRUE },
    { "127.1.2.3:65535", "127.1.2.3", 65535, TRUE },
    { "localhost:443", "127.0.0.1", 443, TRUE },
    { "LocalHost:1", "127.0.0.1", 1, TRUE },
    { "[::1]:8080", "::1", 8080, TRUE },
    { "0.0.0.0:80", "0.0.0.0", 80, FALSE },
    { "192.0.2.7:80", "192.0.2.7", 80, FALSE },
    { "[2001:db8::1]:80", "2001:db8::1", 80, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GInetSocketAddress) address = ef_listen_address_parse (cases[i].text, &error);
      g_autofree char *host = NULL;

      g_test_message ("%s", cases[i].text);
      g_assert_no_error (error);
      host = g_inet_address_to_string (g_inet_socket_address_get_address (address));
      g_assert_cmpstr (host, ==, cases[i].host);
      g_assert_cmpuint (g_inet_socket_address_get_port (address), ==, cases[i].port);
      g_assert_cmpint (ef_listen_address_is_loopback (address), ==, cases[i].loopback);
    }
}

static void
test_listen_invalid (void)
{
  static const char * const cases[] = {
    "", "nope", ":", ":80", "127.0.0.1", "127.0.0.1:", "127.0.0.1:99999", "127.0.0.1:65536",
    "127.0.0.1:-1", "127.0.0.1:+1", "127.0.0.1: 80", "127.0.0.1:80 ", "127.0.0.1:0x50",
    "1.2.3:80", "1.2.3.4.5:80", "256.1.1.1:80", "example.org:80", "localhost.:80",
    "::1:80", "[::1]", "[::1]:", "[::1]80", "[::1:80", "[127.0.0.1]:80", "[]:80",
    "127.0.0.1:123456",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GInetSocketAddress) address = ef_listen_address_parse (cases[i], &error);

      g_test_message ("“%s”: %s", cases[i], error ? error->message : "accepted");
      g_assert_null (address);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_null (strchr (error->message, '\n'));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/router/match", test_router_match);
  g_test_add_func ("/server/router/not-found", test_router_not_found);
  g_test_add_func ("/server/router/method-not-allowed", test_router_method_not_allowed);
  g_test_add_func ("/server/router/lines", test_router_lines);
  g_test_add_func ("/server/router/bad-pattern", test_router_bad_pattern);
  g_test_add_func ("/server/listen/valid", test_listen_valid);
  g_test_add_func ("/server/listen/invalid", test_listen_invalid);

  return g_test_run ();
}
