/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-offline.c: the last answers seen, encrypted at rest, shown when the
 * portal cannot be reached — against a real server that the test stops,
 * with the run's throw-away keyring holding the key. */

#define G_LOG_DOMAIN "EfTestClient"

#include "config.h"

#include <string.h>

#include "api/ef-client.h"
#include "client-test-util.h"
#include "ef-test-api.h"
#include "ef-test-server.h"

typedef struct
{
  EfTestDemo  demo;
  char       *portal_url;
  char       *cache_dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr (GError) error = NULL;

  ef_test_demo_start (&fixture->demo);
  fixture->portal_url = ef_test_server_portal_url (fixture->demo.server, "7249");
  ef_test_api_set_clock (fixture->demo.session, fixture->demo.server, NULL, "2026-11-26T10:00:00+01:00");
  fixture->cache_dir = g_dir_make_tmp ("ef-offline-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  ef_test_demo_clear (&fixture->demo);
  ef_test_remove_tree (fixture->cache_dir);
  g_free (fixture->cache_dir);
  g_free (fixture->portal_url);
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main context until @condition holds (30 s at most). */
static void
wait_until (gboolean (*condition) (gpointer),
            gpointer   data)
{
  gint64 end = g_get_monotonic_time () + WAIT_TIMEOUT_S * G_USEC_PER_SEC;
  guint tick = g_timeout_add (50, wake_up, NULL);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("still waiting after %d s", WAIT_TIMEOUT_S);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

static gboolean
ready_cb (gpointer data)
{
  return ef_client_get_offline_ready (data);
}

static EfClient *
new_client (Fixture *fixture)
{
  EfClient *client = ef_client_new (fixture->portal_url);

  ef_client_set_cache_dir (client, fixture->cache_dir);
  return client;
}

static void
sign_in (Fixture  *fixture,
         EfClient *client)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  ef_client_sign_in_async (client, fixture->demo.email, fixture->demo.password, FALSE, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (ef_client_sign_in_finish (client, result, &error));
  g_assert_no_error (error);
  wait_until (ready_cb, client);
}

static EfFamily *
get_family (EfClient  *client,
            GError   **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ef_client_get_family_async (client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  return ef_client_get_family_finish (client, result, error);
}

static GListModel *
get_invoices (EfClient  *client,
              GError   **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  ef_client_get_invoices_async (client, EF_INVOICE_FILTER_ALL, NULL, on_result_cb, &result);
  wait_for_result (&result);
  return ef_client_get_invoices_finish (client, result, error);
}

/* Every file below @path, and whether one holds @text in clear. */
static guint
count_files (const char *path,
             const char *text,
             gboolean   *found)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          n += count_files (child, text, found);
          continue;
        }
      /* Not a file being written (renamed over its name once complete). */
      if (!g_str_has_suffix (name, ".bin"))
        continue;
      n++;
      if (g_file_get_contents (child, &contents, &length, NULL) &&
          g_strstr_len (contents, length, text) != NULL)
        *found = TRUE;
    }
  return n;
}

typedef struct {
  const char *dir;
  guint       n;
} FilesWait;

static gboolean
files_written_cb (gpointer data)
{
  FilesWait *wait = data;
  gboolean found = FALSE;

  return count_files (wait->dir, "x", &found) >= wait->n;
}

static gboolean
files_gone_cb (gpointer data)
{
  gboolean found = FALSE;

  return count_files (data, "x", &found) == 0;
}

/* Online, the answers are kept, sealed; the portal stopped, they come back
 * as they were, marked offline; a new start opens them without the
 * portal; what was not kept stays an error. */
static void
test_offline_answers (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (EfClient) client = new_client (fixture);
  g_autoptr (EfClient) later = NULL;
  g_autoptr (EfFamily) family = NULL;
  g_autoptr (EfFamily) cached = NULL;
  g_autoptr (GListModel) invoices = NULL;
  g_autoptr (GListModel) cached_invoices = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  FilesWait wait = { fixture->cache_dir, 2 };
  gboolean clear_text = FALSE;

  sign_in (fixture, client);
  family = get_family (client, &error);
  g_assert_no_error (error);
  invoices = get_invoices (client, &error);
  g_assert_no_error (error);
  g_assert_false (ef_client_get_offline (client));
  wait_until (files_written_cb, &wait);
  count_files (fixture->cache_dir, "Martin", &clear_text);
  g_assert_false (clear_text);

  /* The portal goes away. */
  g_clear_pointer (&fixture->demo.server, ef_test_server_free);
  cached = get_family (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ef_family_get_name (cached), ==, ef_family_get_name (family));
  g_assert_true (ef_client_get_offline (client));
  g_assert_nonnull (ef_client_get_offline_since (client));
  cached_invoices = get_invoices (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (cached_invoices), ==, g_list_model_get_n_items (invoices));

  /* What was never read is not there. */
  {
    g_autoptr (GListModel) to_pay = NULL;
    g_autoptr (GAsyncResult) again = NULL;

    ef_client_get_invoices_async (client, EF_INVOICE_FILTER_TO_PAY, NULL, on_result_cb, &again);
    wait_for_result (&again);
    to_pay = ef_client_get_invoices_finish (client, again, &error);
    g_assert_null (to_pay);
    g_assert_true (ef_client_error_can_retry (error));
    g_clear_error (&error);
  }

  /* The next start, the portal still away: the account's last answers. */
  later = new_client (fixture);
  ef_client_open_offline_async (later, fixture->demo.email, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (ef_client_open_offline_finish (later, result, &error));
  g_assert_no_error (error);
  g_assert_true (ef_client_get_offline (later));
  g_assert_false (ef_client_get_signed_in (later));
  g_assert_cmpstr (ef_client_get_account_email (later), ==, fixture->demo.email);
  g_clear_object (&cached);
  cached = get_family (later, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ef_family_get_name (cached), ==, ef_family_get_name (family));
  g_clear_object (&result);

  /* Another account kept nothing here. */
  {
    g_autoptr (EfClient) other = new_client (fixture);

    ef_client_open_offline_async (other, "personne@example.fr", NULL, on_result_cb, &result);
    wait_for_result (&result);
    g_assert_false (ef_client_open_offline_finish (other, result, &error));
    g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_NETWORK);
    g_clear_error (&error);
  }
}

/* A kept answer that was tampered with is not shown, and goes. */
static void
test_tampered (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (EfClient) client = new_client (fixture);
  g_autoptr (EfFamily) family = NULL;
  g_autoptr (GError) error = NULL;
  FilesWait wait = { fixture->cache_dir, 1 };
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) top = NULL;
  const char *name;

  sign_in (fixture, client);
  family = get_family (client, &error);
  g_assert_no_error (error);
  wait_until (files_written_cb, &wait);

  /* Flip one byte of every file kept. */
  top = g_dir_open (fixture->cache_dir, 0, NULL);
  while ((name = g_dir_read_name (top)) != NULL)
    {
      g_autofree char *account = g_build_filename (fixture->cache_dir, name, NULL);
      g_autoptr (GDir) dir = g_dir_open (account, 0, NULL);
      const char *file;

      while (dir != NULL && (file = g_dir_read_name (dir)) != NULL)
        if (g_str_has_suffix (file, ".bin"))
          g_ptr_array_add (files, g_build_filename (account, file, NULL));
    }
  g_assert_cmpuint (files->len, >, 0);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (files->pdata[i], &contents, &length, NULL));
      contents[length - 1] ^= 0x01;
      g_assert_true (g_file_set_contents (files->pdata[i], contents, length, NULL));
    }

  g_clear_pointer (&fixture->demo.server, ef_test_server_free);
  g_clear_object (&family);
  family = get_family (client, &error);
  g_assert_null (family);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_NETWORK);
  g_assert_false (ef_client_get_offline (client));
  for (guint i = 0; i < files->len; i++)
    g_assert_false (g_file_test (files->pdata[i], G_FILE_TEST_EXISTS));
}

/* Signing out leaves nothing of the account: no copies, no key. */
static void
test_sign_out_forgets (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (EfClient) client = new_client (fixture);
  g_autoptr (EfClient) later = NULL;
  g_autoptr (EfFamily) family = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  FilesWait wait = { fixture->cache_dir, 1 };

  sign_in (fixture, client);
  family = get_family (client, &error);
  g_assert_no_error (error);
  wait_until (files_written_cb, &wait);

  ef_client_sign_out_async (client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (ef_client_sign_out_finish (client, result, &error));
  g_clear_object (&result);
  wait_until (files_gone_cb, fixture->cache_dir);

  later = new_client (fixture);
  ef_client_open_offline_async (later, fixture->demo.email, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_false (ef_client_open_offline_finish (later, result, &error));
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_NETWORK);
}

/* A client with no cache folder (the shared terminal) keeps nothing. */
static void
test_keeps_nothing (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (EfClient) client = ef_client_new (fixture->portal_url);
  g_autoptr (EfFamily) family = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean found = FALSE;

  ef_client_sign_in_async (client, fixture->demo.email, fixture->demo.password, FALSE, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (ef_client_sign_in_finish (client, result, &error));
  family = get_family (client, &error);
  g_assert_no_error (error);
  g_assert_false (ef_client_get_offline_ready (client));
  g_assert_cmpuint (count_files (fixture->cache_dir, "x", &found), ==, 0);

  g_clear_pointer (&fixture->demo.server, ef_test_server_free);
  g_clear_object (&family);
  family = get_family (client, &error);
  g_assert_null (family);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_NETWORK);
  g_assert_false (ef_client_get_offline (client));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/client/offline/answers", test_offline_answers);
  ADD ("/client/offline/tampered", test_tampered);
  ADD ("/client/offline/sign-out-forgets", test_sign_out_forgets);
  ADD ("/client/offline/keeps-nothing", test_keeps_nothing);

#undef ADD

  return g_test_run ();
}
