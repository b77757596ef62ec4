/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-client-early.c: a remembered start, asked for before the window exists
 *
 * A remembered start waits for the portal, the keyring, the device
 * sign-in and the family, one after the other; on the main loop each of
 * them also waits for the frames that GTK draws meanwhile. Started with the
 * process (ef_client_start_remembered()), the same questions are asked in
 * a worker thread while GTK starts: the portal (GET …/portal), the keyring
 * (ef_credentials_lookup_sync()), the device sign-in (POST …/auth/device,
 * the very body ef_client_sign_in_remembered_async() sends) and the family
 * (GET …/family), with a SoupSession of the thread's own, made as the
 * client's is.
 *
 * Nothing of it is applied by the thread. Each answer is kept as it came
 * (status, Date, body) with the request it answers (method, address,
 * token, body), and the client's own request that is the same is answered
 * with it, once, through the path of an answer from the network: the same
 * errors, the same models, the same clock. The device token the sign-in
 * spent is replaced in the keyring by the thread at once, so that a window
 * closed before it is used still finds the next one.
 *
 * The thread sends only what the client would send next, in that order,
 * and stops at the first answer that is not a success; a request that got
 * no answer (the network) is kept as that failure. What happens then
 * (offline copies, the form, a refused device) is the client's own path,
 * without asking the portal again: a device token sent once is never sent
 * again, and an unreachable portal is not waited for twice.
 *
 * libsecret's synchronous calls may create its shared service in this
 * thread; its D-Bus signals are then dispatched to a context nobody runs,
 * which the calls the client makes (searches, stores, clears) do not need.
 */

#define G_LOG_DOMAIN "EfClient"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "ef-client-early.h"
#include "ef-client-json.h"
#include "ef-json.h"
#include "ef-proxy-resolver.h"

/* An answer read this long after it came is asked again: the family may
 * have changed meanwhile. The device sign-in's is kept until used: its
 * token is spent. */
#define READ_ANSWER_LIFETIME (30 * G_USEC_PER_SEC)

struct _EfEarlyAnswer
{
  char    *method;
  char    *uri;
  char    *token;          /* (nullable): the bearer token it was sent with */
  GBytes  *request_body;   /* (nullable) */
  GError  *error;          /* (nullable): no answer came (the network) */
  guint    status;
  char    *date;           /* (nullable): its Date header */
  gint64   sent_at;        /* g_get_monotonic_time() */
  gint64   received_at;
  GBytes  *body;
  gint64   usable_until;   /* monotonic; G_MAXINT64: until used */
};

void
_ef_early_answer_free (EfEarlyAnswer *answer)
{
  if (answer == NULL)
    return;
  g_free (answer->method);
  g_free (answer->uri);
  ef_credentials_password_free (answer->token);
  g_clear_pointer (&answer->request_body, g_bytes_unref);
  g_clear_error (&answer->error);
  g_free (answer->date);
  g_clear_pointer (&answer->body, g_bytes_unref);
  g_free (answer);
}

const GError *
_ef_early_answer_get_error (EfEarlyAnswer *answer)
{
  return answer->error;
}

guint
_ef_early_answer_get_status (EfEarlyAnswer *answer)
{
  return answer->status;
}

const char *
_ef_early_answer_get_date (EfEarlyAnswer *answer)
{
  return answer->date;
}

GBytes *
_ef_early_answer_get_body (EfEarlyAnswer *answer)
{
  return answer->body;
}

gint64
_ef_early_answer_get_sent_at (EfEarlyAnswer *answer)
{
  return answer->sent_at;
}

gint64
_ef_early_answer_get_received_at (EfEarlyAnswer *answer)
{
  return answer->received_at;
}

void
_ef_early_result_free (EfEarlyResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->answers, g_ptr_array_unref);
  g_free (result->email);
  ef_credentials_password_free (result->secret);
  ef_credentials_password_free (result->session_token);
  ef_credentials_password_free (result->next_device_token);
  g_free (result);
}

static gboolean
same_bytes (GBytes *a,
            GBytes *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_bytes_equal (a, b);
}

EfEarlyAnswer *
_ef_early_answers_take (GPtrArray  *answers,
                        const char *method,
                        const char *uri,
                        const char *token,
                        GBytes     *request_body)
{
  gint64 now = g_get_monotonic_time ();

  if (answers == NULL)
    return NULL;
  for (guint i = 0; i < answers->len; i++)
    {
      EfEarlyAnswer *answer = g_ptr_array_index (answers, i);

      if (g_strcmp0 (answer->method, method) == 0 && g_strcmp0 (answer->uri, uri) == 0 &&
          g_strcmp0 (answer->token, token) == 0 && same_bytes (answer->request_body, request_body))
        {
          g_ptr_array_steal_index (answers, i);
          if (now > answer->usable_until)
            {
              g_debug ("%s %s: the answer asked at start is too old", method, uri);
              _ef_early_answer_free (answer);
              return NULL;
            }
          return answer;
        }
    }
  return NULL;
}

SoupMessage *
_ef_client_message_new (const char *method,
                        const char *uri,
                        const char *accept,
                        const char *token,
                        GBytes     *body)
{
  SoupMessage *message = soup_message_new (method, uri);
  SoupMessageHeaders *headers;

  if (message == NULL)
    return NULL;
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", accept);
  if (token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", authorization);
      memset (authorization, 0, strlen (authorization));
    }
  if (body != NULL)
    soup_message_set_request_body_from_bytes (message, "application/json", body);
  return message;
}

/* The thread's side */

/* Sends one request as the client would (ef-client.c: request_start()),
 * keeps its answer in @result (or the failure, when none came), and
 * returns it (owned by @result); NULL when nothing is kept. */
static EfEarlyAnswer *
send_one (SoupSession    *session,
          EfEarlyResult  *result,
          const char     *method,
          const char     *portal_url,
          const char     *path,
          const char     *token,
          GBytes         *request_body,
          gsize           max_body_size)
{
  g_autoptr (SoupMessage) message = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *uri = g_strconcat (portal_url, "/api/v1", path, NULL);
  EfEarlyAnswer *answer;
  gint64 sent_at;

  message = _ef_client_message_new (method, uri, "application/json", token, request_body);
  if (message == NULL)
    return NULL;
  answer = g_new0 (EfEarlyAnswer, 1);
  answer->method = g_strdup (method);
  answer->uri = g_steal_pointer (&uri);
  answer->token = g_strdup (token);
  answer->request_body = request_body != NULL ? g_bytes_ref (request_body) : NULL;
  answer->usable_until = G_MAXINT64;
  g_ptr_array_add (result->answers, answer);

  /* Not cancellable: once sent, a request's answer is the client's. */
  sent_at = g_get_monotonic_time ();
  body = soup_session_send_and_read (session, message, NULL, &error);
  if (body == NULL)
    {
      g_debug ("%s %s, at start: %s", method, path, error->message);
      answer->error = g_steal_pointer (&error);
      if (g_str_equal (method, SOUP_METHOD_GET))
        answer->usable_until = g_get_monotonic_time () + READ_ANSWER_LIFETIME;
      return answer;
    }
  if (g_bytes_get_size (body) > max_body_size)
    {
      /* The client reads it again, and refuses it as it does. */
      g_debug ("%s %s, at start: the answer is too large", method, path);
      g_ptr_array_remove (result->answers, answer);
      return NULL;
    }

  answer->status = soup_message_get_status (message);
  answer->date = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                         "Date"));
  answer->sent_at = sent_at;
  answer->received_at = g_get_monotonic_time ();
  answer->body = g_steal_pointer (&body);
  if (g_str_equal (method, SOUP_METHOD_GET))
    answer->usable_until = answer->received_at + READ_ANSWER_LIFETIME;

  return answer;
}

/* The next device token, into the keyring while the family is asked. */
typedef struct
{
  const EfEarlyInput *input;
  GCancellable       *cancellable;
  const char         *email;
  const char         *device_token;
  gboolean            stored;
} Store;

static gpointer
store_thread (gpointer data)
{
  Store *store = data;
  g_autoptr (GError) error = NULL;

  store->stored = ef_credentials_store_device_sync (store->input->credentials,
                                                    store->input->portal_url, store->email,
                                                    store->device_token, store->cancellable,
                                                    &error);
  if (!store->stored)
    g_debug ("Could not remember the next device token, at start: %s", error->message);
  return NULL;
}

/* The keyring's part, in a thread of its own while the portal answers. */
typedef struct
{
  const EfEarlyInput *input;
  GCancellable       *cancellable;
  EfEarlyResult      *result;
  GError             *error;
  gboolean            answered;
} Lookup;

static gpointer
lookup_thread (gpointer data)
{
  Lookup *lookup = data;

  lookup->answered = ef_credentials_lookup_sync (lookup->input->credentials,
                                                 lookup->input->portal_url, lookup->cancellable,
                                                 &lookup->result->email, &lookup->result->secret,
                                                 &lookup->result->kind, &lookup->error);
  return NULL;
}

EfEarlyResult *
_ef_early_run (const EfEarlyInput *input,
               GCancellable       *keyring_cancellable)
{
  EfEarlyResult *result = g_new0 (EfEarlyResult, 1);
  g_autoptr (GProxyResolver) resolver = ef_proxy_resolver_new (g_proxy_resolver_get_default ());
  g_autoptr (SoupSession) session = NULL;
  g_autoptr (GBytes) trade_body = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (EfSessionInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  EfEarlyAnswer *answer;
  Lookup lookup = { input, keyring_cancellable, NULL, NULL, FALSE };
  Store store = { 0 };
  GThread *lookup_worker;
  GThread *store_worker;

  result->answers = g_ptr_array_new_with_free_func ((GDestroyNotify) _ef_early_answer_free);
  session = soup_session_new_with_options ("proxy-resolver", resolver,
                                           "timeout", input->timeout,
                                           "user-agent", input->user_agent,
                                           "accept-language-auto", TRUE,
                                           NULL);

  /* The keyring and the portal at once; the portal first, as the window
   * asks: without it, nothing more. */
  lookup.result = result;
  lookup_worker = g_thread_new ("ef-early-keyring", lookup_thread, &lookup);
  answer = send_one (session, result, SOUP_METHOD_GET, input->portal_url, "/portal", NULL, NULL,
                     input->max_body_size);
  g_thread_join (lookup_worker);
  if (answer == NULL || answer->error != NULL || !SOUP_STATUS_IS_SUCCESSFUL (answer->status))
    {
      g_clear_error (&lookup.error);
      return result;
    }

  /* A definite answer of the keyring, or the client asks it itself. */
  if (!lookup.answered)
    {
      g_debug ("The keyring, at start: %s", lookup.error->message);
      g_clear_error (&lookup.error);
      return result;
    }
  result->looked_up = TRUE;
  /* Nothing remembered, or a password (a portal without device tokens:
   * its sign-in hashes the password on the portal, the client's own). */
  if (result->secret == NULL || result->kind != EF_SECRET_DEVICE_TOKEN)
    return result;

  trade_body = input->trade_body (result->secret);
  /* Spent once sent: its answer, or its failure, is kept until the client
   * sends the same. */
  answer = send_one (session, result, SOUP_METHOD_POST, input->portal_url, "/auth/device", NULL,
                     trade_body, input->max_body_size);
  if (answer == NULL || answer->error != NULL || !SOUP_STATUS_IS_SUCCESSFUL (answer->status))
    return result;

  node = ef_json_parse (g_bytes_get_data (answer->body, NULL), g_bytes_get_size (answer->body),
                        &error);
  info = node != NULL ? _ef_session_info_new_from_json (node, &error) : NULL;
  if (info == NULL)
    {
      g_debug ("The device sign-in's answer, at start: %s", error->message);
      return result;
    }
  result->session_token = g_strdup (info->token);

  /* The next token, in the keyring now (the client stores it again when it
   * takes the answer), while a parent's first page, the family, is asked. */
  store_worker = NULL;
  if (info->device_token != NULL)
    {
      store = (Store) { input, keyring_cancellable, info->email, info->device_token, FALSE };
      store_worker = g_thread_new ("ef-early-store", store_thread, &store);
    }
  if (!info->is_staff && info->on_behalf_family_id == 0)
    send_one (session, result, SOUP_METHOD_GET, input->portal_url, "/family", info->token, NULL,
              input->max_body_size);
  if (store_worker != NULL)
    {
      g_thread_join (store_worker);
      if (store.stored)
        result->next_device_token = g_strdup (info->device_token);
    }

  return result;
}
