/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-portal-address.c: what a parent types or pastes into the client: the
 * portal's address (first screen) and the link of an invitation mail */

#define G_LOG_DOMAIN "EfFuzz"

#include "config.h"

#include "api/ef-client.h"
#include "api/ef-proxy-resolver.h"
#include "fuzz-target.h"

static gboolean
is_tenant_id (const char *text)
{
  gsize len = strlen (text);

  if (len == 0 || len > 64)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '-' && text[i] != '_')
      return FALSE;

  return TRUE;
}

/* A portal address that was accepted: scheme, host, port and tenant only;
 * https unless on the local machine; read again, the same. */
static void
check_portal_url (const char *text,
                  const char *url,
                  const char *tenant_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) again_error = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autofree char *again = NULL;
  g_autofree char *again_tenant = NULL;
  g_autofree char *path = NULL;

  if (g_test_verbose ())
    g_test_message ("“%s” → “%s”", text, url);
  g_assert_true (g_utf8_validate (url, -1, NULL));
  g_assert_nonnull (tenant_id);
  g_assert_true (is_tenant_id (tenant_id));

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, &error);
  g_assert_no_error (error);
  g_assert_nonnull (uri);
  g_assert_null (g_uri_get_userinfo (uri));
  g_assert_null (g_uri_get_query (uri));
  g_assert_null (g_uri_get_fragment (uri));
  g_assert_nonnull (g_uri_get_host (uri));
  g_assert_cmpstr (g_uri_get_host (uri), !=, "");
  path = g_strconcat ("/", tenant_id, NULL);
  g_assert_cmpstr (g_uri_get_path (uri), ==, path);
  if (g_str_equal (g_uri_get_scheme (uri), "http"))
    g_assert_true (ef_host_is_loopback (g_uri_get_host (uri)));
  else
    g_assert_cmpstr (g_uri_get_scheme (uri), ==, "https");

  again = ef_client_normalize_portal_url (url, &again_tenant, &again_error);
  g_assert_no_error (again_error);
  g_assert_cmpstr (again, ==, url);
  g_assert_cmpstr (again_tenant, ==, tenant_id);
}

static void
check_token (const char *token)
{
  g_autofree char *again = NULL;

  g_assert_cmpuint (strlen (token), ==, 43);
  for (const char *p = token; *p != '\0'; p++)
    g_assert_true (g_ascii_isalnum (*p) || *p == '-' || *p == '_');

  again = ef_client_parse_account_token (token);
  g_assert_cmpstr (again, ==, token);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_strndup (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) bare_error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *bare = NULL;
  g_autofree char *tenant_id = NULL;
  g_autofree char *token = NULL;

  url = ef_client_normalize_portal_url (text, &tenant_id, &error);
  if (url == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == EF_CLIENT_ERROR);
      g_assert_true (error->code == EF_CLIENT_ERROR_INVALID_PORTAL ||
                     error->code == EF_CLIENT_ERROR_INSECURE_PORTAL);
      /* The page shows this under the entry. */
      g_assert_nonnull (ef_client_error_get_user_message (error));
      g_assert_true (g_utf8_validate (ef_client_error_get_user_message (error), -1, NULL));
      /* Typed text is UTF-8 (GTK's entries hold nothing else); the message
       * quotes it. */
      if (g_utf8_validate (text, -1, NULL))
        g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_null (tenant_id);
    }
  else
    {
      g_assert_no_error (error);
      check_portal_url (text, url, tenant_id);
    }

  /* Without the optional outputs, the same answer. */
  bare = ef_client_normalize_portal_url (text, NULL, &bare_error);
  g_assert_cmpstr (bare, ==, url);
  g_assert_true ((bare_error == NULL) == (error == NULL));

  token = ef_client_parse_account_token (text);
  if (token != NULL)
    check_token (token);

  return 0;
}
