/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-credentials.c: the remembered password, in the test keyring, and
 * without any Secret Service */

#define G_LOG_DOMAIN "EfTestClient"

#include "config.h"

#include <string.h>

#include "api/ef-client.h"
#include "api/ef-credentials.h"
#include "client-test-util.h"
#include "ef-test-api.h"
#include "ef-test-server.h"

#define PORTAL "https://espacefamille.example.fr/7249"

static gboolean
check (EfCredentials *credentials)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean available;

  ef_credentials_check_async (credentials, NULL, on_result_cb, &result);
  wait_for_result (&result);
  available = ef_credentials_check_finish (credentials, result, &error);
  g_assert_no_error (error);
  return available;
}

static gboolean
store (EfCredentials  *credentials,
       const char     *portal,
       const char     *email,
       const char     *password,
       GError        **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ef_credentials_store_async (credentials, portal, email, password, NULL, on_result_cb, &result);
  wait_for_result (&result);
  return ef_credentials_store_finish (credentials, result, error);
}

static gboolean
lookup (EfCredentials  *credentials,
        const char     *portal,
        const char     *email,
        char          **found_email,
        char          **password)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean found;

  ef_credentials_lookup_async (credentials, portal, email, NULL, on_result_cb, &result);
  wait_for_result (&result);
  found = ef_credentials_lookup_finish (credentials, result, found_email, password, &error);
  g_assert_no_error (error);
  return found;
}

static void
clear (EfCredentials *credentials,
       const char    *portal,
       const char    *email)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  ef_credentials_clear_async (credentials, portal, email, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (ef_credentials_clear_finish (credentials, result, &error));
  g_assert_no_error (error);
}

/* The CI keyring (build-aux/run-tests); skips when there is none. */
static EfCredentials *
keyring_or_skip (void)
{
  g_autoptr (EfCredentials) credentials = ef_credentials_new ();

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL || !check (credentials))
    {
      g_test_skip ("No Secret Service on the session bus (run build-aux/run-tests)");
      return NULL;
    }

  return g_steal_pointer (&credentials);
}

static void
test_schema (void)
{
  const SecretSchema *schema = ef_credentials_get_schema ();

  g_assert_cmpstr (schema->name, ==, "io.github.espacefamille.EspaceFamille.Account");
  g_assert_cmpstr (schema->attributes[0].name, ==, "portal");
  g_assert_cmpstr (schema->attributes[1].name, ==, "email");
  g_assert_null (schema->attributes[2].name);
}

static void
test_store_lookup_clear (void)
{
  g_autoptr (EfCredentials) credentials = keyring_or_skip ();
  g_autoptr (GError) error = NULL;
  g_autofree char *email = NULL;
  char *password = NULL;

  if (credentials == NULL)
    return;

  g_assert_true (ef_credentials_get_checked (credentials));
  g_assert_true (ef_credentials_get_available (credentials));
  g_assert_null (ef_credentials_get_unavailable_reason (credentials));

  g_assert_false (lookup (credentials, PORTAL, "parent@example.fr", NULL, NULL));

  g_assert_true (store (credentials, PORTAL, "parent@example.fr", "Un mot de passe", &error));
  g_assert_no_error (error);
  /* Another portal's item is another item. */
  g_assert_true (store (credentials, PORTAL "0", "parent@example.fr", "Un autre", &error));
  g_assert_no_error (error);

  g_assert_true (lookup (credentials, PORTAL, "parent@example.fr", NULL, &password));
  g_assert_cmpstr (password, ==, "Un mot de passe");
  g_clear_pointer (&password, ef_credentials_password_free);

  /* Without the e-mail: the account remembered for the portal. */
  g_assert_true (lookup (credentials, PORTAL, NULL, &email, &password));
  g_assert_cmpstr (email, ==, "parent@example.fr");
  g_assert_cmpstr (password, ==, "Un mot de passe");
  g_clear_pointer (&password, ef_credentials_password_free);

  /* Storing again replaces. */
  g_assert_true (store (credentials, PORTAL, "parent@example.fr", "Le nouveau", &error));
  g_assert_true (lookup (credentials, PORTAL, "parent@example.fr", NULL, &password));
  g_assert_cmpstr (password, ==, "Le nouveau");
  g_clear_pointer (&password, ef_credentials_password_free);

  clear (credentials, PORTAL, "parent@example.fr");
  g_assert_false (lookup (credentials, PORTAL, "parent@example.fr", NULL, &password));
  g_assert_null (password);
  g_assert_true (lookup (credentials, PORTAL "0", "parent@example.fr", NULL, NULL));
  clear (credentials, PORTAL "0", NULL);
  g_assert_false (lookup (credentials, PORTAL "0", NULL, NULL, NULL));

  /* Clearing nothing is fine. */
  clear (credentials, PORTAL, "personne@example.fr");
}

static void
test_client_remembers (void)
{
  g_autoptr (EfCredentials) credentials = keyring_or_skip ();
  g_autoptr (EfTestServer) server = NULL;
  g_autoptr (EfClient) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *email = NULL;
  g_autofree char *password = NULL;
  char *found = NULL;

  if (credentials == NULL)
    return;

  server = ef_test_server_start (TRUE, NULL);
  url = ef_test_server_portal_url (server, "7249");
  ef_test_api_demo_account (server, &email, &password);
  client = ef_client_new (url);
  ef_client_set_credentials (client, credentials);

  ef_client_sign_in_async (client, email, password, TRUE, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (ef_client_sign_in_finish (client, result, &error));
  g_assert_no_error (error);
  g_assert_true (lookup (credentials, url, email, NULL, &found));
  g_assert_cmpstr (found, ==, password);
  g_clear_pointer (&found, ef_credentials_password_free);

  /* Signing out forgets it. */
  g_clear_object (&result);
  ef_client_sign_out_async (client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (ef_client_sign_out_finish (client, result, &error));
  g_assert_false (lookup (credentials, url, email, NULL, NULL));

  /* Signing in without "remember me" does not remember. */
  g_clear_object (&result);
  ef_client_sign_in_async (client, email, password, FALSE, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (ef_client_sign_in_finish (client, result, &error));
  g_assert_false (lookup (credentials, url, email, NULL, NULL));
}

static void
test_no_secret_service (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr (EfCredentials) credentials = NULL;
      g_autoptr (GError) error = NULL;
      char *password = NULL;
      gint64 start;

      /* A bus that does not exist: nothing may hang or write anywhere. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent", TRUE);
      credentials = ef_credentials_new ();
      start = g_get_monotonic_time ();

      g_assert_false (check (credentials));
      g_assert_true (ef_credentials_get_checked (credentials));
      g_assert_false (ef_credentials_get_available (credentials));
      g_assert_cmpstr (ef_credentials_get_unavailable_reason (credentials), ==,
                       "Passwords cannot be remembered on this computer: no keyring service "
                       "is running.");

      g_assert_false (lookup (credentials, PORTAL, "parent@example.fr", NULL, &password));
      g_assert_null (password);
      g_assert_false (lookup (credentials, PORTAL, NULL, NULL, NULL));

      g_assert_false (store (credentials, PORTAL, "parent@example.fr", "secret", &error));
      g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_NO_KEYRING);
      g_assert_cmpstr (ef_client_error_get_user_message (error), ==,
                       ef_credentials_get_unavailable_reason (credentials));

      clear (credentials, PORTAL, "parent@example.fr");

      /* Well under the keyring timeout: no bus fails at once. */
      g_assert_cmpint (g_get_monotonic_time () - start, <, 4 * G_USEC_PER_SEC);
      return;
    }

  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
on_notify_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
}

static void
test_checked_once (void)
{
  g_autoptr (EfCredentials) credentials = ef_credentials_new ();
  g_autoptr (GAsyncResult) first = NULL;
  g_autoptr (GAsyncResult) second = NULL;
  guint notified = 0;
  gboolean a, b;

  g_signal_connect_swapped (credentials, "notify::checked", G_CALLBACK (on_notify_cb), &notified);
  g_assert_false (ef_credentials_get_checked (credentials));
  g_assert_cmpuint (ef_credentials_get_timeout (credentials), ==, EF_CREDENTIALS_DEFAULT_TIMEOUT);

  /* Two callers at once: one check. */
  ef_credentials_check_async (credentials, NULL, on_result_cb, &first);
  ef_credentials_check_async (credentials, NULL, on_result_cb, &second);
  wait_for_result (&first);
  wait_for_result (&second);
  a = ef_credentials_check_finish (credentials, first, NULL);
  b = ef_credentials_check_finish (credentials, second, NULL);
  g_assert_cmpint (a, ==, b);
  g_assert_cmpint (a, ==, ef_credentials_get_available (credentials));
  g_assert_cmpuint (notified, ==, 1);

  /* Later: at once, no new check. */
  g_assert_cmpint (check (credentials), ==, a);
  g_assert_cmpuint (notified, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/credentials/schema", test_schema);
  g_test_add_func ("/credentials/checked-once", test_checked_once);
  g_test_add_func ("/credentials/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/credentials/client-remembers", test_client_remembers);
  g_test_add_func ("/credentials/no-secret-service", test_no_secret_service);

  return g_test_run ();
}
