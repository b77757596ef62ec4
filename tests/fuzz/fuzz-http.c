/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-http.c: the server's router and handlers, on fuzzed requests
 *
 * A real EfServer runs in this process on a SQLite database in a temporary
 * directory, filled with the demo data, with its test clock frozen; it
 * listens on a loopback port. Each input becomes one HTTP request, sent by
 * a libsoup session of the same process while the main context runs until
 * the answer is there. The input is text:
 *
 *     METHOD AUTH [CONTENT-TYPE]
 *     path
 *     query
 *     body…
 *
 * METHOD is sent as it is when it is up to 16 capital letters (GET
 * otherwise, never CONNECT); AUTH is "family" or "staff" (a session of the
 * demo's parent or agent), "bogus" (a well-formed token that is no
 * session's), or anything else for none; CONTENT-TYPE defaults to
 * application/json when there is a body. The path is under /7249/api/v1/
 * unless it starts with "/"; bytes that cannot be in a path or query are
 * percent-encoded, so that the server decodes them back.
 *
 * What every answer must be: a status below 500, or 503 (no payment
 * provider); errors are {"error": {"code", "message"}}, except libsoup's
 * own empty 400 for a request it refuses before the router (a ".."
 * segment) and the HTML pages for the payer's browser; JSON bodies parse.
 * The server must keep answering (a request that gets no answer in 30 s is
 * a failure; GET /healthz every 256 requests), close and forget the
 * connections that clients closed, and log no warning (a 500 logs one).
 *
 * State is not restored between inputs. Sessions that an input ended
 * (a logout) are opened again in the store directly, not through the
 * sign-in route, whose limits by address never end under a frozen clock.
 */

#define G_LOG_DOMAIN "EfFuzz"

#include "config.h"

#include <stdlib.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sodium.h>

#include "ef-common.h"
#include "ef-demo.h"
#include "ef-server.h"
#include "auth/ef-secret.h"
#include "http/ef-auth.h"
#include "store/ef-store-accounts.h"
#include "fuzz-target.h"

/* Inside the demo's school year, before its deadlines: every kind of
 * reservation is possible. */
#define FUZZ_NOW_YEAR  2026
#define FUZZ_NOW_MONTH 11
#define FUZZ_NOW_DAY   16
#define FUZZ_NOW_HOUR  8

/* Past this, the server answers 414 anyway; libsoup drops a request line
 * longer than 64 KiB without an answer. */
#define MAX_URI_BYTES 12000

typedef enum {
  AUTH_NONE,
  AUTH_FAMILY,
  AUTH_STAFF,
  AUTH_BOGUS,
} AuthKind;

typedef struct {
  char        *dir;
  char        *db_path;
  EfServer    *server;
  SoupSession *session;
  guint16      port;
  char        *family_token;
  char        *staff_token;
  char        *bogus_token;
  guint64      n_requests;
  guint        n_fds_at_start;
} FuzzHttp;

static FuzzHttp fuzz;

/* For LeakSanitizer: fontconfig, which Pango loads to draw the PDFs
 * (invoices, receipts, lists), leaks its configuration once per process. */
const char *__lsan_default_suppressions (void);

const char *
__lsan_default_suppressions (void)
{
  return "leak:libfontconfig.so\n";
}

static GDateTime *
fuzz_now (void)
{
  return g_date_time_new_utc (FUZZ_NOW_YEAR, FUZZ_NOW_MONTH, FUZZ_NOW_DAY, FUZZ_NOW_HOUR, 0, 0);
}

/* How many file descriptors the process has open. */
static guint
count_open_fds (void)
{
  g_autoptr (GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  if (dir == NULL)
    return 0;
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

/* Opens a session of @email's account straight in the store; the demo data
 * are written again first when the account is gone (an input may have
 * changed it). */
static char *
open_session (const char *email)
{
  EfStore *store = ef_server_get_store (fuzz.server);
  g_autoptr (GError) error = NULL;
  g_autoptr (EfAccount) account = NULL;
  g_autoptr (GDateTime) now = fuzz_now ();
  g_autofree char *token = NULL;
  g_autofree char *digest = NULL;
  gint64 now_unix = g_date_time_to_unix (now);

  account = ef_store_find_account (store, EF_DEMO_TENANT_ID, email, &error);
  g_assert_no_error (error);
  if (account == NULL)
    {
      if (!ef_demo_populate (store, &error))
        g_error ("Cannot write the demo data again: %s", error->message);
      account = ef_store_find_account (store, EF_DEMO_TENANT_ID, email, &error);
      g_assert_no_error (error);
      g_assert_nonnull (account);
    }

  token = ef_secret_token_new ();
  digest = ef_secret_token_digest (token);
  if (ef_store_open_session (store, EF_DEMO_TENANT_ID, account->id, digest, "fuzz-http",
                             now_unix, now_unix + EF_SESSION_ABSOLUTE_SECONDS, &error) == 0)
    g_error ("Cannot open a session for %s: %s", email, error->message);

  return g_steal_pointer (&token);
}

static void
fuzz_http_cleanup (void)
{
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;

  if (fuzz.server == NULL)
    return;

  g_clear_object (&fuzz.session);
  ef_server_shutdown (fuzz.server);
  g_clear_object (&fuzz.server);

  wal = g_strconcat (fuzz.db_path, "-wal", NULL);
  shm = g_strconcat (fuzz.db_path, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (fuzz.db_path);
  g_rmdir (fuzz.dir);
}

/* The server's own info and debug lines (a line per request) are dropped;
 * warnings are fatal (fuzz-libfuzzer-init.c, G_DEBUG in meson test). */
static GLogWriterOutput
quiet_writer (GLogLevelFlags   level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  if ((level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) == 0)
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_standard_streams (level, fields, n_fields, user_data);
}

/* The same for the older API, where GTest's handler would print them. */
static void
quiet_handler (const char     *log_domain,
               GLogLevelFlags  level,
               const char     *message,
               gpointer        user_data)
{
  if ((level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) != 0)
    g_log_default_handler (log_domain, level, message, user_data);
}

static void
fuzz_http_init (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EfStore) store = NULL;
  g_autoptr (GDateTime) now = fuzz_now ();
  g_autoptr (GSocketAddress) address = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autofree char *url = NULL;

  if (sodium_init () < 0)
    g_error ("Cannot initialise libsodium");
  /* The translations of this build, for the mails in the tenant's
   * language (without them, the server warns that it writes English). */
  g_setenv ("ESPACE_FAMILLE_LOCALEDIR", FUZZ_LOCALEDIR, FALSE);
  g_log_set_writer_func (quiet_writer, NULL, NULL);
  g_log_set_default_handler (quiet_handler, NULL);

  fuzz.dir = g_dir_make_tmp ("ef-fuzz-http-XXXXXX", &error);
  g_assert_no_error (error);
  fuzz.db_path = g_build_filename (fuzz.dir, "fuzz.sqlite", NULL);

  store = ef_store_open (fuzz.db_path, &error);
  g_assert_no_error (error);
  if (!ef_demo_populate (store, &error))
    g_error ("Cannot write the demo data: %s", error->message);
  /* As `demo` then `serve` do: closed, the database's header is in the
   * file, where the health check reads it (a database that `serve` has
   * just created answers 503 until SQLite checkpoints it). */
  g_clear_pointer (&store, ef_store_close);
  store = ef_store_open (fuzz.db_path, &error);
  g_assert_no_error (error);

  fuzz.server = ef_server_new (g_steal_pointer (&store));
  ef_server_enable_test_clock (fuzz.server);
  ef_server_set_test_now (fuzz.server, now);

  address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  if (!ef_server_listen (fuzz.server, G_INET_SOCKET_ADDRESS (address), &error))
    g_error ("Cannot listen: %s", error->message);
  url = ef_server_dup_url (fuzz.server);
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  fuzz.port = (guint16) g_uri_get_port (uri);

  fuzz.session = soup_session_new_with_options ("proxy-resolver", NULL,
                                                "timeout", 30,
                                                NULL);

  fuzz.family_token = open_session (EF_DEMO_ACCOUNT_EMAIL);
  fuzz.staff_token = open_session (EF_DEMO_STAFF_EMAIL);
  fuzz.bogus_token = ef_secret_token_new ();
  fuzz.n_fds_at_start = count_open_fds ();

  atexit (fuzz_http_cleanup);
}

/* @text with every byte that cannot stand in a path (or, with
 * @in_query, a query) percent-encoded; "%" is kept, so that inputs can
 * hold escapes of their own, good or bad. */
static void
append_escaped (GString    *out,
                const char *text,
                gsize       length,
                gboolean    in_query)
{
  static const char allowed[] = "-._~!$&'()*+,;=:@/%";

  for (gsize i = 0; i < length && out->len < MAX_URI_BYTES; i++)
    {
      guchar c = (guchar) text[i];

      if (g_ascii_isalnum (c) || (c != '\0' && strchr (allowed, c) != NULL) ||
          (in_query && c == '?'))
        g_string_append_c (out, (char) c);
      else
        g_string_append_printf (out, "%%%02X", c);
    }
}

/* The next line of @data from *@offset (without its '\n'). */
static const char *
next_line (const uint8_t *data,
           size_t         size,
           size_t        *offset,
           size_t        *length)
{
  const char *start = (const char *) data + *offset;
  const char *end = memchr (start, '\n', size - *offset);

  *length = end != NULL ? (size_t) (end - start) : size - *offset;
  *offset += *length + (end != NULL ? 1 : 0);

  return start;
}

static gboolean
is_method_token (const char *word)
{
  gsize len = strlen (word);

  if (len == 0 || len > 16)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isupper (word[i]))
      return FALSE;

  return TRUE;
}

/* Printable ASCII: what a header value may hold here. */
static gboolean
is_header_value (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (*p < 0x20 || *p > 0x7e)
      return FALSE;

  return TRUE;
}

typedef struct {
  gboolean  done;
  GBytes   *body;
  GError   *error;
} Answer;

static void
on_answer_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Answer *answer = user_data;

  answer->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &answer->error);
  answer->done = TRUE;
}

/* Sends @msg and runs the main context, where the server answers, until
 * the answer is there. */
static GBytes *
send_and_wait (SoupMessage *msg)
{
  Answer answer = { FALSE, NULL, NULL };

  soup_session_send_and_read_async (fuzz.session, msg, G_PRIORITY_DEFAULT, NULL,
                                    on_answer_cb, &answer);
  while (!answer.done)
    g_main_context_iteration (NULL, TRUE);

  if (answer.error != NULL)
    g_error ("%s %s: no answer: %s", soup_message_get_method (msg),
             g_uri_get_path (soup_message_get_uri (msg)), answer.error->message);

  return answer.body;
}

/* The request and its answer, for a failure's message. */
static char *
describe (SoupMessage *msg,
          const char  *data,
          gsize        length)
{
  GUri *uri = soup_message_get_uri (msg);

  return g_strdup_printf ("%s %s%s%s: %u %s: %.*s", soup_message_get_method (msg),
                          g_uri_get_path (uri), g_uri_get_query (uri) != NULL ? "?" : "",
                          g_uri_get_query (uri) != NULL ? g_uri_get_query (uri) : "",
                          soup_message_get_status (msg),
                          soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL),
                          (int) MIN (length, 400), data != NULL ? data : "");
}

/* {"error": {"code": "…", "message": "…", …}} */
static gboolean
is_error_body (const char *data,
               gsize       length)
{
  g_autoptr (JsonObject) object = ef_json_parse_object (data, length, NULL);
  JsonObject *inner;
  JsonNode *code;
  JsonNode *message;

  if (object == NULL || !json_object_has_member (object, "error") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "error")))
    return FALSE;

  inner = json_object_get_object_member (object, "error");
  code = json_object_get_member (inner, "code");
  message = json_object_get_member (inner, "message");

  return code != NULL && JSON_NODE_HOLDS_VALUE (code) &&
         json_node_get_value_type (code) == G_TYPE_STRING &&
         message != NULL && JSON_NODE_HOLDS_VALUE (message) &&
         json_node_get_value_type (message) == G_TYPE_STRING;
}

/* The pages for the payer's browser: the return from the payment
 * provider, and the provider's simulator. They answer HTML. */
static gboolean
is_browser_page (SoupMessage *msg)
{
  const char *path = g_uri_get_path (soup_message_get_uri (msg));

  return g_str_has_prefix (path, "/_payfip/") || strstr (path, "/payfip/return") != NULL;
}

static void
check_answer (SoupMessage *msg,
              GBytes      *body)
{
  guint status = soup_message_get_status (msg);
  const char *content_type;
  gsize length;
  const char *data = g_bytes_get_data (body, &length);
  gboolean ok = TRUE;

  content_type = soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);

  if (status < 200 || (status >= 500 && status != SOUP_STATUS_SERVICE_UNAVAILABLE))
    ok = FALSE;
  else if (g_str_equal (soup_message_get_method (msg), "HEAD"))
    ok = TRUE;
  else if (content_type != NULL && g_str_equal (content_type, "text/html") && is_browser_page (msg))
    ok = TRUE;
  else if (status == SOUP_STATUS_BAD_REQUEST && content_type == NULL && length == 0)
    ok = TRUE;  /* refused by libsoup before the router: a ".." segment */
  else if (status >= 400)
    ok = g_strcmp0 (content_type, "application/json") == 0 && is_error_body (data, length);
  else if (g_strcmp0 (content_type, "application/json") == 0 && length > 0)
    {
      g_autoptr (JsonNode) node = ef_json_parse (data, length, NULL);

      ok = node != NULL;
    }

  if (!ok)
    {
      g_autofree char *text = describe (msg, data, length);

      g_error ("Not an answer of the API: %s", text);
    }
}

/* The server still answers, its database can be read, and it closes the
 * connections that clients closed: a server that keeps them runs out of
 * descriptors and stops accepting any. (The client's own connections,
 * libsoup's pool, are a few.) Nor does libsoup keep their objects: a
 * server that keeps them grows, and accepts slower and slower. */
#define MAX_MORE_FDS 128
#define MAX_LIVE_CONNECTIONS 128

static void
check_health (void)
{
  guint n_fds = count_open_fds ();
  guint n_live = _ef_server_count_live_connections (fuzz.server);
  g_autofree char *url = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonObject) object = NULL;
  const char *data;
  gsize length;

  if (n_fds > fuzz.n_fds_at_start + MAX_MORE_FDS)
    g_error ("%u descriptors open after %" G_GUINT64_FORMAT " requests, %u at the start: "
             "connections are not closed", n_fds, fuzz.n_requests, fuzz.n_fds_at_start);
  if (n_live > MAX_LIVE_CONNECTIONS)
    g_error ("%u connections kept after %" G_GUINT64_FORMAT " requests: "
             "the server does not release those that clients closed", n_live, fuzz.n_requests);

  url = g_strdup_printf ("http://127.0.0.1:%u/healthz", fuzz.port);
  msg = soup_message_new ("GET", url);
  body = send_and_wait (msg);
  data = g_bytes_get_data (body, &length);
  object = ef_json_parse_object (data, length, NULL);

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (object);
  g_assert_cmpstr (json_object_get_string_member_with_default (object, "database", NULL), ==, "ok");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GString) path = g_string_new (NULL);
  g_autoptr (GString) query = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) answer = NULL;
  g_autoptr (GDateTime) now = fuzz_now ();
  g_auto (GStrv) words = NULL;
  g_autofree char *head = NULL;
  const char *method = "GET";
  const char *token = NULL;
  AuthKind auth = AUTH_NONE;
  size_t offset = 0;
  size_t length;
  const char *line;

  if (fuzz.server == NULL)
    fuzz_http_init ();

  /* An input may have moved the test clock (PUT …/_test/clock). */
  ef_server_set_test_now (fuzz.server, now);

  line = next_line (data, size, &offset, &length);
  head = g_strndup (line, length);
  words = g_strsplit (head, " ", 3);
  /* CONNECT would make libsoup open a tunnel, not send a request. */
  if (words[0] != NULL && is_method_token (words[0]) && !g_str_equal (words[0], "CONNECT"))
    method = words[0];
  if (words[0] != NULL && words[1] != NULL)
    {
      if (g_str_equal (words[1], "family"))
        auth = AUTH_FAMILY, token = fuzz.family_token;
      else if (g_str_equal (words[1], "staff"))
        auth = AUTH_STAFF, token = fuzz.staff_token;
      else if (g_str_equal (words[1], "bogus"))
        auth = AUTH_BOGUS, token = fuzz.bogus_token;
    }

  line = next_line (data, size, &offset, &length);
  if (length > 0 && line[0] == '/')
    append_escaped (path, line, length, FALSE);
  else
    {
      g_string_append (path, "/" EF_DEMO_TENANT_ID "/api/v1/");
      append_escaped (path, line, length, FALSE);
    }

  if (offset < size)
    {
      line = next_line (data, size, &offset, &length);
      if (length > 0)
        {
          query = g_string_new (NULL);
          append_escaped (query, line, length, TRUE);
        }
    }

  uri = g_uri_build (G_URI_FLAGS_ENCODED, "http", NULL, "127.0.0.1", fuzz.port,
                     path->str, query != NULL ? query->str : NULL, NULL);
  msg = soup_message_new_from_uri (method, uri);
  g_assert_nonnull (msg);

  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
    }

  if (offset < size || (words[0] != NULL && words[1] != NULL && words[2] != NULL))
    {
      g_autoptr (GBytes) body = g_bytes_new (data + offset, size - offset);
      const char *content_type = "application/json";

      if (words[0] != NULL && words[1] != NULL && words[2] != NULL && is_header_value (words[2]))
        content_type = words[2];
      /* As a header of its own: libsoup checks a type given with the body. */
      soup_message_set_request_body_from_bytes (msg, NULL, body);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Content-Type",
                                    content_type);
    }

  answer = send_and_wait (msg);
  check_answer (msg, answer);

  /* An input that signed out (or otherwise ended) our session: another. */
  if (soup_message_get_status (msg) == SOUP_STATUS_UNAUTHORIZED)
    {
      if (auth == AUTH_FAMILY)
        {
          g_free (fuzz.family_token);
          fuzz.family_token = open_session (EF_DEMO_ACCOUNT_EMAIL);
        }
      else if (auth == AUTH_STAFF)
        {
          g_free (fuzz.staff_token);
          fuzz.staff_token = open_session (EF_DEMO_STAFF_EMAIL);
        }
    }

  if (g_test_verbose ())
    g_test_message ("%u descriptors open", count_open_fds ());

  if (++fuzz.n_requests % 256 == 0)
    check_health ();

  return 0;
}
