/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-credentials.c: what "remember me" keeps, in the test keyring, and
 * without any Secret Service */

#define G_LOG_DOMAIN "EfTestClient"

#include "config.h"

#include <string.h>

#include "api/ef-client.h"
#include "api/ef-credentials.h"
#include "api/ef-server-clock.h"
#include "client-test-util.h"
#include "ef-test-api.h"
#include "ef-test-db.h"
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
store_kind (EfCredentials  *credentials,
            const char     *portal,
            const char     *email,
            const char     *secret,
            EfSecretKind    kind,
            GError        **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ef_credentials_store_async (credentials, portal, email, secret, kind, NULL, on_result_cb,
                              &result);
  wait_for_result (&result);
  return ef_credentials_store_finish (credentials, result, error);
}

static gboolean
store (EfCredentials  *credentials,
       const char     *portal,
       const char     *email,
       const char     *password,
       GError        **error)
{
  return store_kind (credentials, portal, email, password, EF_SECRET_PASSWORD, error);
}

static gboolean
lookup_kind (EfCredentials  *credentials,
             const char     *portal,
             const char     *email,
             char          **found_email,
             char          **secret,
             EfSecretKind   *kind)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean found;

  ef_credentials_lookup_async (credentials, portal, email, NULL, on_result_cb, &result);
  wait_for_result (&result);
  found = ef_credentials_lookup_finish (credentials, result, found_email, secret, kind, &error);
  g_assert_no_error (error);
  return found;
}

static gboolean
lookup (EfCredentials  *credentials,
        const char     *portal,
        const char     *email,
        char          **found_email,
        char          **password)
{
  EfSecretKind kind = EF_SECRET_DEVICE_TOKEN;
  gboolean found = lookup_kind (credentials, portal, email, found_email, password, &kind);

  /* What these tests store with store() is a password. */
  if (found)
    g_assert_cmpint (kind, ==, EF_SECRET_PASSWORD);
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

/* A start of the application: a new client of @url that signs in as
 * @email with what the keyring kept (@secret of @kind), in *@client. */
static gboolean
start_remembered (EfClient      **client,
                  const char     *url,
                  EfCredentials  *credentials,
                  const char     *email,
                  const char     *secret,
                  EfSecretKind    kind,
                  GError        **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  *client = ef_client_new (url);
  ef_client_set_credentials (*client, credentials);
  ef_client_sign_in_remembered_async (*client, email, secret, kind, NULL, on_result_cb, &result);
  wait_for_result (&result);
  return ef_client_sign_in_finish (*client, result, error);
}

typedef struct {
  SoupSession *session;
  const char  *upstream;
  guint        refused;   /* sign-ins with "remember" it refused */
} LegacyPortal;

/* A portal of a version before remembered devices, played by a proxy in
 * this process: its sign-in refused "remember" as any unknown member, with
 * these bytes; everything else is the real portal's answer. */
static void
on_legacy_request_cb (SoupServer        *server,
                      SoupServerMessage *msg,
                      const char        *path,
                      GHashTable        *query,
                      gpointer           user_data)
{
  static const char refusal[] =
    "{\"error\":{\"code\":\"unknown_field\",\"message\":\"Unknown member \u201cremember\u201d\"}}";
  LegacyPortal *legacy = user_data;
  g_autoptr (GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  if (g_str_has_suffix (path, "/auth/login") &&
      g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "\"remember\"") != NULL)
    {
      legacy->refused++;
      soup_server_message_set_status (msg, 422, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        refusal, strlen (refusal));
      return;
    }
  ef_test_api_forward (legacy->session, legacy->upstream, msg, NULL, NULL);
}

static gboolean lookup_remembered (EfClient      *client,
                                   char         **email,
                                   char         **secret,
                                   EfSecretKind  *kind);
static EfClient *client_started_ahead (const char    *url,
                                       EfCredentials *credentials,
                                       guint          timeout);

/* Such a portal gives no device token: the password is remembered as it
 * was then, and a start signs in with it. */
static void
test_client_remembers_legacy_portal (void)
{
  g_autoptr (EfCredentials) credentials = keyring_or_skip ();
  g_autoptr (EfTestServer) server = NULL;
  g_autoptr (SoupServer) proxy = NULL;
  g_autoptr (EfClient) client = NULL;
  g_autoptr (EfClient) again = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *email = NULL;
  g_autofree char *password = NULL;
  LegacyPortal legacy = { 0 };
  EfSecretKind kind = EF_SECRET_DEVICE_TOKEN;
  char *found = NULL;
  GSList *uris;

  if (credentials == NULL)
    return;

  server = ef_test_server_start (TRUE, NULL);
  ef_test_api_demo_account (server, &email, &password);
  legacy.session = ef_test_api_session_new ();
  legacy.upstream = ef_test_server_get_url (server);
  proxy = soup_server_new (NULL, NULL);
  soup_server_add_handler (proxy, NULL, on_legacy_request_cb, &legacy, NULL);
  soup_server_listen_local (proxy, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (proxy);
  url = g_strdup_printf ("http://127.0.0.1:%d/7249", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  client = ef_client_new (url);
  ef_client_set_credentials (client, credentials);
  ef_client_sign_in_async (client, email, password, TRUE, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (ef_client_sign_in_finish (client, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (legacy.refused, ==, 1);
  g_assert_true (ef_client_get_signed_in (client));
  g_assert_true (lookup_kind (credentials, url, email, NULL, &found, &kind));
  g_assert_cmpint (kind, ==, EF_SECRET_PASSWORD);
  g_assert_cmpstr (found, ==, password);
  g_clear_pointer (&found, ef_credentials_password_free);
  g_assert_cmpint (ef_test_db_query_int (ef_test_server_get_db_path (server),
                                         "SELECT count(*) FROM devices"), ==, 0);

  /* The next start signs in with it (asking for a device first: the
   * portal may have been updated since). */
  g_assert_true (start_remembered (&again, url, credentials, email, password, EF_SECRET_PASSWORD,
                                   &error));
  g_assert_no_error (error);
  g_assert_true (ef_client_get_signed_in (again));
  g_assert_cmpuint (legacy.refused, ==, 2);

  /* Asked ahead at start: the keyring's password, and nothing sent with
   * it (the client signs in with it itself). */
  g_clear_object (&again);
  again = client_started_ahead (url, credentials, 0);
  g_assert_true (lookup_remembered (again, NULL, &found, &kind));
  g_assert_cmpint (kind, ==, EF_SECRET_PASSWORD);
  g_assert_cmpstr (found, ==, password);
  g_clear_pointer (&found, ef_credentials_password_free);
  g_assert_cmpuint (legacy.refused, ==, 2);
  g_assert_false (ef_client_get_signed_in (again));

  soup_server_disconnect (proxy);
  g_clear_object (&legacy.session);
}

/* Whether the keyring forgets @email's secret on @url within a few
 * seconds (a client forgets it asynchronously). */
static gboolean
forgotten_soon (EfCredentials *credentials,
                const char    *url,
                const char    *email)
{
  for (guint i = 0; i < 500 && lookup_kind (credentials, url, email, NULL, NULL, NULL); i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  return !lookup_kind (credentials, url, email, NULL, NULL, NULL);
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
  g_autofree char *first_token = NULL;
  g_autoptr (EfClient) again = NULL;
  EfSecretKind kind = EF_SECRET_PASSWORD;
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
  /* The portal's device token, never the password. */
  g_assert_true (lookup_kind (credentials, url, email, NULL, &found, &kind));
  g_assert_cmpint (kind, ==, EF_SECRET_DEVICE_TOKEN);
  g_assert_cmpstr (found, !=, password);
  g_assert_cmpuint (strlen (found), ==, 43);
  first_token = g_strdup (found);
  g_clear_pointer (&found, ef_credentials_password_free);

  /* A new start trades it for a session and remembers the next token. */
  g_assert_true (start_remembered (&again, url, credentials, email, first_token,
                                   EF_SECRET_DEVICE_TOKEN, &error));
  g_assert_no_error (error);
  g_assert_true (ef_client_get_signed_in (again));
  g_assert_cmpstr (ef_client_get_account_email (again), ==, email);
  /* Stored once the answer is applied: wait for the keyring to have it. */
  for (guint i = 0; i < 500; i++)
    {
      /* Never missing meanwhile: a start then would ask for the password. */
      g_assert_true (lookup_kind (credentials, url, email, NULL, &found, &kind));
      if (g_strcmp0 (found, first_token) != 0)
        break;
      g_clear_pointer (&found, ef_credentials_password_free);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_cmpint (kind, ==, EF_SECRET_DEVICE_TOKEN);
  g_assert_cmpuint (strlen (found), ==, 43);
  g_assert_cmpstr (found, !=, first_token);
  g_clear_pointer (&found, ef_credentials_password_free);

  /* The spent token is refused, and forgotten: the keyring is emptied. */
  g_clear_object (&result);
  g_clear_object (&again);
  g_assert_false (start_remembered (&again, url, credentials, email, first_token,
                                    EF_SECRET_DEVICE_TOKEN, &error));
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_SESSION_EXPIRED);
  g_clear_error (&error);
  g_assert_true (forgotten_soon (credentials, url, email));

  /* Remembered again, for the sign-out below. */
  g_clear_object (&result);
  ef_client_sign_in_async (client, email, password, TRUE, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (ef_client_sign_in_finish (client, result, &error));
  g_assert_true (lookup_kind (credentials, url, email, NULL, NULL, NULL));

  /* Signing out forgets it. */
  g_clear_object (&result);
  ef_client_sign_out_async (client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (ef_client_sign_out_finish (client, result, &error));
  g_assert_false (lookup (credentials, url, email, NULL, NULL));
  /* And the portal forgets the device (the requests leave after). */
  for (guint i = 0; i < 500 && ef_test_db_query_int (ef_test_server_get_db_path (server),
                                                      "SELECT count(*) FROM devices") > 0; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_cmpint (ef_test_db_query_int (ef_test_server_get_db_path (server),
                                         "SELECT count(*) FROM devices"), ==, 0);

  /* Signing in without "remember me" does not remember. */
  g_clear_object (&result);
  ef_client_sign_in_async (client, email, password, FALSE, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (ef_client_sign_in_finish (client, result, &error));
  g_assert_false (lookup (credentials, url, email, NULL, NULL));
}

/* Remembers the demo account with "remember me" on @url, and returns the
 * device token the keyring then holds. */
static char *
remember_demo (EfCredentials *credentials,
               const char    *url,
               const char    *email,
               const char    *password)
{
  g_autoptr (EfClient) client = ef_client_new (url);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  EfSecretKind kind = EF_SECRET_PASSWORD;
  char *token = NULL;

  ef_client_set_credentials (client, credentials);
  ef_client_sign_in_async (client, email, password, TRUE, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (ef_client_sign_in_finish (client, result, &error));
  g_assert_no_error (error);
  g_assert_true (lookup_kind (credentials, url, email, NULL, &token, &kind));
  g_assert_cmpint (kind, ==, EF_SECRET_DEVICE_TOKEN);
  return token;
}

/* The lookup of a start, as the window asks it. */
static gboolean
lookup_remembered (EfClient      *client,
                   char         **email,
                   char         **secret,
                   EfSecretKind  *kind)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean found;

  ef_client_lookup_remembered_async (client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  found = ef_client_lookup_remembered_finish (client, result, email, secret, kind, &error);
  g_assert_no_error (error);
  return found;
}

/* The test server with the demo account remembered on it: its portal's
 * address, the account's e-mail and the device token the keyring holds. */
static EfTestServer *
start_remembered_server (EfCredentials  *credentials,
                         char          **url,
                         char          **email,
                         char          **token)
{
  EfTestServer *server = ef_test_server_start (TRUE, NULL);
  g_autofree char *password = NULL;

  *url = ef_test_server_portal_url (server, "7249");
  ef_test_api_demo_account (server, email, &password);
  *token = remember_demo (credentials, *url, *email, password);
  return server;
}

/* Stands for a frame of GTK, drawn when nothing of a higher priority is
 * ready. */
static gboolean
on_frame_cb (gpointer user_data)
{
  gboolean *drawn = user_data;

  *drawn = TRUE;
  return G_SOURCE_CONTINUE;
}

/* A client of @url started as the application starts it: asked ahead. */
static EfClient *
client_started_ahead (const char    *url,
                      EfCredentials *credentials,
                      guint          timeout)
{
  EfClient *client = ef_client_new (url);

  if (timeout > 0)
    ef_client_set_timeout (client, timeout);
  ef_client_set_credentials (client, credentials);
  ef_client_start_remembered (client);
  return client;
}

/* A start that asks ahead (ef_client_start_remembered()): the keyring, the
 * portal, the device sign-in and the family in a thread, each asked of the
 * portal once; the client's own requests then take those answers, as if
 * they came from the portal, even when it has gone meanwhile. */
static void
test_client_remembered_start (void)
{
  g_autoptr (EfCredentials) credentials = keyring_or_skip ();
  g_autoptr (EfTestServer) server = NULL;
  g_autoptr (EfClient) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfPortal) portal = NULL;
  g_autoptr (EfFamily) family = NULL;
  g_autofree char *url = NULL;
  g_autofree char *email = NULL;
  g_autofree char *found_email = NULL;
  g_autofree char *db_path = NULL;
  char *first_token = NULL;
  char *secret = NULL;
  char *next = NULL;
  EfSecretKind kind = EF_SECRET_PASSWORD;
  gboolean frame_drawn = FALSE;
  guint frame_id;
  int sessions;

  if (credentials == NULL)
    return;

  server = start_remembered_server (credentials, &url, &email, &first_token);
  db_path = g_strdup (ef_test_server_get_db_path (server));
  sessions = ef_test_db_query_int (db_path, "SELECT count(*) FROM sessions");

  client = client_started_ahead (url, credentials, 0);
  /* The window's requests wait for the thread meanwhile. */
  ef_client_get_portal_async (client, NULL, on_result_cb, &result);

  /* The keyring's answer is the token the thread traded... */
  g_assert_true (lookup_remembered (client, &found_email, &secret, &kind));
  g_assert_cmpstr (found_email, ==, email);
  g_assert_cmpint (kind, ==, EF_SECRET_DEVICE_TOKEN);
  g_assert_cmpstr (secret, ==, first_token);
  /* ...for a session, one, and the next token is in the keyring already. */
  g_assert_cmpint (ef_test_db_query_int (db_path, "SELECT count(*) FROM sessions"), ==,
                   sessions + 1);
  g_assert_true (lookup_kind (credentials, url, email, NULL, &next, &kind));
  g_assert_cmpint (kind, ==, EF_SECRET_DEVICE_TOKEN);
  g_assert_cmpuint (strlen (next), ==, 43);
  g_assert_cmpstr (next, !=, first_token);
  g_assert_false (ef_client_get_signed_in (client));

  /* The portal goes: what the thread was answered is answered still. */
  g_clear_pointer (&server, ef_test_server_free);
  wait_for_result (&result);
  portal = ef_client_get_portal_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (portal);
  /* From the sign-in to the family, no frame is drawn (GTK draws at a
   * lower priority than the answers): the first frame shows the family. */
  frame_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, on_frame_cb, &frame_drawn, NULL);
  g_clear_object (&result);
  ef_client_sign_in_remembered_async (client, found_email, secret, kind, NULL, on_result_cb,
                                      &result);
  wait_for_result (&result);
  g_assert_true (ef_client_sign_in_finish (client, result, &error));
  g_assert_no_error (error);
  g_assert_true (ef_client_get_signed_in (client));
  g_assert_cmpstr (ef_client_get_account_email (client), ==, email);
  /* Its clock is the portal's, from the answers' Date. */
  g_assert_true (ef_server_clock_is_synchronized (ef_client_get_clock (client)));
  g_clear_object (&result);
  ef_client_get_family_async (client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  family = ef_client_get_family_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (family);
  g_assert_cmpuint (g_list_model_get_n_items (ef_client_get_members (client)), >, 0);
  g_assert_false (frame_drawn);
  g_source_remove (frame_id);

  /* Once each: asked again, the family comes from the portal, gone. */
  g_clear_object (&result);
  g_clear_object (&family);
  ef_client_get_family_async (client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  family = ef_client_get_family_finish (client, result, &error);
  g_assert_null (family);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_NETWORK);

  ef_credentials_password_free (first_token);
  ef_credentials_password_free (secret);
  ef_credentials_password_free (next);
}

/* A device the portal forgot, asked ahead: the refusal comes once, as
 * from the portal, and the keyring forgets the token. */
static void
test_client_remembered_start_refused (void)
{
  g_autoptr (EfCredentials) credentials = keyring_or_skip ();
  g_autoptr (EfTestServer) server = NULL;
  g_autoptr (EfClient) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *email = NULL;
  g_autofree char *found_email = NULL;
  char *token = NULL;
  char *secret = NULL;
  EfSecretKind kind = EF_SECRET_PASSWORD;

  if (credentials == NULL)
    return;

  server = start_remembered_server (credentials, &url, &email, &token);
  ef_test_db_exec (ef_test_server_get_db_path (server), "DELETE FROM devices");

  client = client_started_ahead (url, credentials, 0);
  g_assert_true (lookup_remembered (client, &found_email, &secret, &kind));
  g_assert_cmpstr (secret, ==, token);
  /* Refused by the portal before it went; not stored for a next time. */
  g_clear_pointer (&server, ef_test_server_free);
  ef_client_sign_in_remembered_async (client, found_email, secret, kind, NULL, on_result_cb,
                                      &result);
  wait_for_result (&result);
  g_assert_false (ef_client_sign_in_finish (client, result, &error));
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_SESSION_EXPIRED);
  g_assert_true (forgotten_soon (credentials, url, email));

  ef_credentials_password_free (token);
  ef_credentials_password_free (secret);
}

/* A portal that cannot be reached at start: the thread trades nothing, and
 * the lookup asks the keyring itself (for the offline copies, say). */
static void
test_client_remembered_start_unreachable (void)
{
  g_autoptr (EfCredentials) credentials = keyring_or_skip ();
  g_autoptr (EfTestServer) server = NULL;
  g_autoptr (EfClient) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfPortal) portal = NULL;
  g_autofree char *url = NULL;
  g_autofree char *email = NULL;
  g_autofree char *found_email = NULL;
  char *token = NULL;
  char *secret = NULL;
  char *still = NULL;
  EfSecretKind kind = EF_SECRET_PASSWORD;

  if (credentials == NULL)
    return;

  server = start_remembered_server (credentials, &url, &email, &token);
  g_clear_pointer (&server, ef_test_server_free);

  client = client_started_ahead (url, credentials, 0);
  ef_client_get_portal_async (client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  portal = ef_client_get_portal_finish (client, result, &error);
  g_assert_null (portal);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_NETWORK);
  g_assert_true (lookup_remembered (client, &found_email, &secret, &kind));
  g_assert_cmpstr (found_email, ==, email);
  g_assert_cmpstr (secret, ==, token);
  /* Not traded: the same token stays. */
  g_assert_true (lookup_kind (credentials, url, email, NULL, &still, &kind));
  g_assert_cmpstr (still, ==, token);

  ef_credentials_password_free (token);
  ef_credentials_password_free (secret);
  ef_credentials_password_free (still);
}

/* A portal in front of the test server: each request waits @delay_ms
 * before it is passed on, or (@black_hole) is never answered. */
typedef struct
{
  SoupSession *session;
  const char  *upstream;
  guint        delay_ms;
  gboolean     black_hole;
  guint        n_requests;
  GPtrArray   *held;        /* SoupServerMessage, never answered */
} SlowPortal;

typedef struct
{
  SlowPortal        *portal;
  SoupServerMessage *msg;
} Delayed;

static gboolean
on_delay_over_cb (gpointer data)
{
  Delayed *delayed = data;

  ef_test_api_forward (delayed->portal->session, delayed->portal->upstream, delayed->msg, NULL,
                       NULL);
  soup_server_message_unpause (delayed->msg);
  g_object_unref (delayed->msg);
  g_free (delayed);
  return G_SOURCE_REMOVE;
}

static void
on_slow_request_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  SlowPortal *portal = user_data;
  Delayed *delayed;

  portal->n_requests++;
  soup_server_message_pause (msg);
  if (portal->black_hole)
    {
      g_ptr_array_add (portal->held, g_object_ref (msg));
      return;
    }
  delayed = g_new0 (Delayed, 1);
  delayed->portal = portal;
  delayed->msg = g_object_ref (msg);
  g_timeout_add (portal->delay_ms, on_delay_over_cb, delayed);
}

/* Starts @portal's server; returns its portal address. */
static char *
slow_portal_start (SlowPortal   *portal,
                   EfTestServer *server,
                   SoupServer  **proxy)
{
  g_autoptr (GError) error = NULL;
  GSList *uris;
  char *url;

  portal->session = ef_test_api_session_new ();
  portal->upstream = server != NULL ? ef_test_server_get_url (server) : NULL;
  portal->held = g_ptr_array_new_with_free_func (g_object_unref);
  *proxy = soup_server_new (NULL, NULL);
  soup_server_add_handler (*proxy, NULL, on_slow_request_cb, portal, NULL);
  soup_server_listen_local (*proxy, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (*proxy);
  url = g_strdup_printf ("http://127.0.0.1:%d/7249", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}

static void
slow_portal_stop (SlowPortal *portal,
                  SoupServer *proxy)
{
  soup_server_disconnect (proxy);
  g_clear_pointer (&portal->held, g_ptr_array_unref);
  g_clear_object (&portal->session);
}

/* A portal that answers each request slowly, but within the client's
 * timeout, while the start's questions together take longer: the start
 * waits for them all, and the device the trade renewed is still good. */
static void
test_client_remembered_start_slow_portal (void)
{
  g_autoptr (EfCredentials) credentials = keyring_or_skip ();
  g_autoptr (EfTestServer) server = NULL;
  g_autoptr (SoupServer) proxy = NULL;
  g_autoptr (EfClient) client = NULL;
  g_autoptr (EfClient) again = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfPortal) portal = NULL;
  g_autoptr (EfFamily) family = NULL;
  g_autofree char *url = NULL;
  g_autofree char *email = NULL;
  g_autofree char *password = NULL;
  g_autofree char *found_email = NULL;
  SlowPortal slow = { 0 };
  char *token = NULL;
  char *secret = NULL;
  char *next = NULL;
  EfSecretKind kind = EF_SECRET_PASSWORD;

  if (credentials == NULL)
    return;

  server = ef_test_server_start (TRUE, NULL);
  ef_test_api_demo_account (server, &email, &password);
  url = slow_portal_start (&slow, server, &proxy);
  slow.delay_ms = 0;
  token = remember_demo (credentials, url, email, password);

  /* 600 ms a request, the client's timeout 1 s: three requests in a row
   * take longer than that. */
  slow.delay_ms = 600;
  client = client_started_ahead (url, credentials, 1);
  ef_client_get_portal_async (client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  portal = ef_client_get_portal_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_true (lookup_remembered (client, &found_email, &secret, &kind));
  g_assert_cmpstr (secret, ==, token);
  g_clear_object (&result);
  ef_client_sign_in_remembered_async (client, found_email, secret, kind, NULL, on_result_cb,
                                      &result);
  wait_for_result (&result);
  g_assert_true (ef_client_sign_in_finish (client, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  ef_client_get_family_async (client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  family = ef_client_get_family_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (family);
  /* Each asked once: portal, trade, family. */
  g_assert_cmpuint (slow.n_requests, ==, 1 + 3);

  /* The keyring's token is the next one, and good: a start trades it. */
  slow.delay_ms = 0;
  g_assert_true (lookup_kind (credentials, url, email, NULL, &next, &kind));
  g_assert_cmpstr (next, !=, token);
  g_assert_true (start_remembered (&again, url, credentials, email, next,
                                   EF_SECRET_DEVICE_TOKEN, &error));
  g_assert_no_error (error);
  g_assert_true (ef_client_get_signed_in (again));

  slow_portal_stop (&slow, proxy);
  ef_credentials_password_free (token);
  ef_credentials_password_free (secret);
  ef_credentials_password_free (next);
}

/* A portal that takes the connection but never answers: the start's
 * request fails by the timeout, and the client's own request for the
 * portal takes that failure instead of waiting as long again. */
static void
test_client_remembered_start_no_answer (void)
{
  g_autoptr (EfCredentials) credentials = keyring_or_skip ();
  g_autoptr (SoupServer) proxy = NULL;
  g_autoptr (EfClient) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfPortal) portal = NULL;
  g_autofree char *url = NULL;
  g_autofree char *found_email = NULL;
  SlowPortal slow = { 0 };
  char *secret = NULL;
  EfSecretKind kind = EF_SECRET_PASSWORD;
  g_autoptr (GError) stored = NULL;

  if (credentials == NULL)
    return;

  slow.black_hole = TRUE;
  url = slow_portal_start (&slow, NULL, &proxy);
  g_assert_true (store_kind (credentials, url, "parent@example.fr",
                             "A-device-token-of-43-characters-for-a-test", EF_SECRET_DEVICE_TOKEN,
                             &stored));
  client = client_started_ahead (url, credentials, 1);
  ef_client_get_portal_async (client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  portal = ef_client_get_portal_finish (client, result, &error);
  g_assert_null (portal);
  g_assert_true (ef_client_error_can_retry (error));
  /* Asked once, by the start: the client did not ask again. */
  g_assert_cmpuint (slow.n_requests, ==, 1);
  /* Nothing traded; the keyring is asked for the offline copies. */
  g_assert_true (lookup_remembered (client, &found_email, &secret, &kind));
  g_assert_cmpstr (secret, ==, "A-device-token-of-43-characters-for-a-test");
  g_assert_cmpuint (slow.n_requests, ==, 1);

  slow_portal_stop (&slow, proxy);
  ef_credentials_password_free (secret);
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

/* A device token and a password, and an older version's item. */
static void
test_kinds (void)
{
  g_autoptr (EfCredentials) credentials = keyring_or_skip ();
  g_autoptr (GHashTable) attributes = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *email = NULL;
  EfSecretKind kind = EF_SECRET_PASSWORD;
  char *secret = NULL;

  if (credentials == NULL)
    return;

  /* A device token replaces a password, and the other way round: one item. */
  g_assert_true (store (credentials, PORTAL, "kinds@example.fr", "Un mot de passe", &error));
  g_assert_no_error (error);
  g_assert_true (store_kind (credentials, PORTAL, "kinds@example.fr", "jeton-de-l-appareil",
                             EF_SECRET_DEVICE_TOKEN, &error));
  g_assert_no_error (error);
  g_assert_true (lookup_kind (credentials, PORTAL, "kinds@example.fr", NULL, &secret, &kind));
  g_assert_cmpstr (secret, ==, "jeton-de-l-appareil");
  g_assert_cmpint (kind, ==, EF_SECRET_DEVICE_TOKEN);
  g_clear_pointer (&secret, ef_credentials_password_free);
  g_assert_true (lookup_kind (credentials, PORTAL, NULL, &email, &secret, &kind));
  g_assert_cmpstr (email, ==, "kinds@example.fr");
  g_assert_cmpstr (secret, ==, "jeton-de-l-appareil");
  g_assert_cmpint (kind, ==, EF_SECRET_DEVICE_TOKEN);
  g_clear_pointer (&secret, ef_credentials_password_free);
  g_clear_pointer (&email, g_free);

  g_assert_true (store (credentials, PORTAL, "kinds@example.fr", "Le mot de passe", &error));
  g_assert_true (lookup_kind (credentials, PORTAL, "kinds@example.fr", NULL, &secret, &kind));
  g_assert_cmpstr (secret, ==, "Le mot de passe");
  g_assert_cmpint (kind, ==, EF_SECRET_PASSWORD);
  g_clear_pointer (&secret, ef_credentials_password_free);
  clear (credentials, PORTAL, "kinds@example.fr");
  g_assert_false (lookup_kind (credentials, PORTAL, "kinds@example.fr", NULL, NULL, NULL));

  /* A password kept by an older version (its schema, its attributes) is
   * read as one, and a device token removes it from the keyring. */
  attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (attributes, (gpointer) "portal", (gpointer) PORTAL);
  g_hash_table_insert (attributes, (gpointer) "email", (gpointer) "kinds@example.fr");
  g_assert_true (secret_password_storev_sync (ef_credentials_get_schema (), attributes,
                                              SECRET_COLLECTION_DEFAULT, "older", "Ancien",
                                              NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lookup_kind (credentials, PORTAL, NULL, &email, &secret, &kind));
  g_assert_cmpstr (email, ==, "kinds@example.fr");
  g_assert_cmpstr (secret, ==, "Ancien");
  g_assert_cmpint (kind, ==, EF_SECRET_PASSWORD);
  g_clear_pointer (&secret, ef_credentials_password_free);

  g_assert_true (store_kind (credentials, PORTAL, "kinds@example.fr", "jeton",
                             EF_SECRET_DEVICE_TOKEN, &error));
  g_assert_true (lookup_kind (credentials, PORTAL, "kinds@example.fr", NULL, &secret, &kind));
  g_assert_cmpstr (secret, ==, "jeton");
  g_assert_cmpint (kind, ==, EF_SECRET_DEVICE_TOKEN);
  g_clear_pointer (&secret, ef_credentials_password_free);
  g_assert_null (secret_password_lookupv_sync (ef_credentials_get_schema (), attributes, NULL,
                                               &error));
  g_assert_no_error (error);
  clear (credentials, PORTAL, NULL);
  g_assert_false (lookup_kind (credentials, PORTAL, NULL, NULL, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/credentials/schema", test_schema);
  g_test_add_func ("/credentials/checked-once", test_checked_once);
  g_test_add_func ("/credentials/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/credentials/kinds", test_kinds);
  g_test_add_func ("/credentials/client-remembers", test_client_remembers);
  g_test_add_func ("/credentials/client-remembers-legacy-portal",
                   test_client_remembers_legacy_portal);
  g_test_add_func ("/credentials/client-remembered-start", test_client_remembered_start);
  g_test_add_func ("/credentials/client-remembered-start-refused",
                   test_client_remembered_start_refused);
  g_test_add_func ("/credentials/client-remembered-start-unreachable",
                   test_client_remembered_start_unreachable);
  g_test_add_func ("/credentials/client-remembered-start-slow-portal",
                   test_client_remembered_start_slow_portal);
  g_test_add_func ("/credentials/client-remembered-start-no-answer",
                   test_client_remembered_start_no_answer);
  g_test_add_func ("/credentials/no-secret-service", test_no_secret_service);

  return g_test_run ();
}
