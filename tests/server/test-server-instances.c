/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-instances.c: two `serve` processes on one database
 *
 * As a vendor runs them behind a reverse proxy: what one instance knows,
 * the other must (sessions, the test clock); batches sent to both at once
 * for the same child are applied whole or refused whole, never over one
 * another (no lost update); a payment notified to both is paid once; an
 * instance killed in the middle of a batch leaves all of it or none.
 * Run on SQLite (one file, two processes) and, as test-server-instances-pg,
 * on PostgreSQL.
 */

#define G_LOG_DOMAIN "EfTest"

#include "config.h"

#include <signal.h>
#include <string.h>

#include <libpq-fe.h>

#include "ef-test-api.h"
#include "ef-test-db.h"

#define N_ROUNDS 12

static const char * const clock_args[] = { "--test-clock", NULL };

typedef struct {
  EfTestServer *a;
  EfTestServer *b;
  SoupSession  *session;
  char         *token;
  gint64        children[2];
} Fixture;

static const char *
db_path (Fixture *fixture)
{
  return ef_test_server_get_db_path (fixture->a);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *email = NULL;
  g_autofree char *password = NULL;
  g_autofree char *children = NULL;
  g_auto(GStrv) ids = NULL;

  fixture->a = ef_test_server_start (TRUE, clock_args);
  fixture->b = ef_test_server_start_on (ef_test_server_get_db_path (fixture->a), clock_args);
  g_assert_cmpstr (ef_test_server_get_url (fixture->a), !=, ef_test_server_get_url (fixture->b));
  fixture->session = ef_test_api_session_new ();
  ef_test_api_demo_account (fixture->a, &email, &password);

  children = ef_test_db_query_lines (db_path (fixture),
                                     "SELECT m.id FROM members m"
                                     "  JOIN accounts a ON a.family_id = m.family_id"
                                     " WHERE a.tenant_id = '7249' AND a.kind = 'parent'"
                                     "   AND m.role = 'child'"
                                     " GROUP BY m.id, m.position ORDER BY m.position, m.id");
  ids = g_strsplit (children, "\n", -1);
  g_assert_cmpuint (g_strv_length (ids), >=, 2);
  fixture->children[0] = g_ascii_strtoll (ids[0], NULL, 10);
  fixture->children[1] = g_ascii_strtoll (ids[1], NULL, 10);

  /* Set through A, read by B: one clock for both. */
  ef_test_api_set_clock (fixture->session, fixture->a, NULL, "2026-10-05T08:00:00+02:00");
  fixture->token = ef_test_api_login (fixture->session, fixture->b, email, password);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->b, ef_test_server_free);
  g_clear_pointer (&fixture->a, ef_test_server_free);
  g_free (fixture->token);
}

/* ---------------------------------------------------------------- helpers */

static gint64
version_of (Fixture      *fixture,
            EfTestServer *server,
            gint64        member)
{
  g_autofree char *path = g_strdup_printf ("/7249/api/v1/members/%" G_GINT64_FORMAT
                                           "/planning?from=2026-11-02&to=2026-11-02", member);
  g_autoptr(JsonNode) planning = NULL;
  guint status;

  planning = ef_test_api_request (fixture->session, server, "GET", path, fixture->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  return json_object_get_int_member (json_node_get_object (planning), "version");
}

static gint64
count_reservations (Fixture *fixture,
                    gint64   member)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM reservations WHERE member_id = %"
                                          G_GINT64_FORMAT, member);

  return ef_test_db_query_int (db_path (fixture), sql);
}

/* PostgreSQL: until the database has nothing running but idle sessions
 * (a killed instance's backend may still be committing what it was
 * sent). SQLite's writer dies with its process. */
static void
wait_until_database_idle (Fixture *fixture)
{
  if (!ef_test_store_is_postgresql ())
    return;
  for (guint i = 0; i < 200; i++)
    {
      if (ef_test_db_query_int (db_path (fixture),
                                "SELECT count(*) FROM pg_stat_activity"
                                " WHERE datname = current_database () AND pid <> pg_backend_pid ()"
                                "   AND state <> 'idle'") == 0)
        return;
      g_usleep (50 * 1000);
    }
  g_error ("the database is still busy 10 s after the instance was killed");
}

/* PostgreSQL: until some statement waits for a lock. */
static void
wait_until_waiting_for_lock (Fixture *fixture)
{
  for (guint i = 0; i < 200; i++)
    {
      if (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM pg_locks WHERE NOT granted") > 0)
        return;
      g_usleep (50 * 1000);
    }
  g_error ("the planning did not wait for the lock within 10 s");
}

/* One request, sent from a thread of its own. */
typedef struct {
  EfTestServer *server;
  const char   *method;
  const char   *path;
  const char   *token;
  char         *body;
  gboolean      form;       /* @body is a form, posted as a browser (the provider) does */
  gboolean      may_fail;   /* the server may be killed: no answer is an answer */
  GMutex       *gate;       /* held by the test until all threads are ready */
  guint         status;
  char         *error_code;
} Request;

static gpointer
send_request (gpointer data)
{
  Request *request = data;
  g_autoptr(SoupSession) session = ef_test_api_session_new ();
  g_autoptr(JsonNode) answer = NULL;

  g_mutex_lock (request->gate);
  g_mutex_unlock (request->gate);
  if (request->may_fail)
    {
      /* The instance may die before, during or after: any end will do. */
      g_autofree char *url = g_strconcat (ef_test_server_get_url (request->server), request->path, NULL);
      g_autoptr(SoupMessage) msg = soup_message_new (request->method, url);
      g_autofree char *auth = g_strconcat ("Bearer ", request->token, NULL);
      g_autoptr(GBytes) body = g_bytes_new (request->body, strlen (request->body));
      g_autoptr(GBytes) reply = NULL;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      soup_message_set_request_body_from_bytes (msg, "application/json", body);
      reply = soup_session_send_and_read (session, msg, NULL, NULL);
      request->status = soup_message_get_status (msg);
      return NULL;
    }
  if (request->form)
    {
      g_autofree char *url = g_strconcat (ef_test_server_get_url (request->server), request->path, NULL);
      g_autofree char *text = ef_test_api_browse (session, request->method, url, request->body,
                                                  &request->status, NULL, NULL);
      return NULL;
    }
  answer = ef_test_api_request (session, request->server, request->method, request->path,
                                request->token, request->body, &request->status);
  if (request->status >= 400 && answer != NULL)
    request->error_code = g_strdup (ef_test_api_error_code (answer));
  return NULL;
}

/* Sends the @n requests at once (as much as threads allow) and waits for
 * all their answers. */
static void
send_together (Request *requests,
               guint    n)
{
  GMutex gate;
  GThread *threads[8];

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (threads));
  g_mutex_init (&gate);
  g_mutex_lock (&gate);
  for (guint i = 0; i < n; i++)
    {
      requests[i].gate = &gate;
      threads[i] = g_thread_new ("request", send_request, &requests[i]);
    }
  g_usleep (20 * 1000);
  g_mutex_unlock (&gate);
  for (guint i = 0; i < n; i++)
    g_thread_join (threads[i]);
  g_mutex_clear (&gate);
}

/* A batch of one change for @member at @version. */
static char *
one_change (gint64      member,
            const char *day,
            gboolean    reserved,
            gint64      version)
{
  return g_strdup_printf ("{\"changes\": [{\"member\": %" G_GINT64_FORMAT ", \"activity\": "
                          "\"restaurant-scolaire\", \"day\": \"%s\", \"reserved\": %s}],"
                          " \"versions\": {\"%" G_GINT64_FORMAT "\": %" G_GINT64_FORMAT "}}",
                          member, day, reserved ? "true" : "false", member, version);
}

/* ------------------------------------------------------------------ tests */

static void
test_shared_state (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  /* The session opened on B serves on A. */
  answer = ef_test_api_request (fixture->session, fixture->a, "GET", "/7249/api/v1/family",
                                fixture->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);

  /* The clock set through B is A's too: both say the same "today". */
  ef_test_api_set_clock (fixture->session, fixture->b, NULL, "2026-10-05T08:10:00+02:00");
  for (guint i = 0; i < 2; i++)
    {
      EfTestServer *server = i == 0 ? fixture->a : fixture->b;
      g_autofree char *url = g_strconcat (ef_test_server_get_url (server), "/7249/api/v1/family", NULL);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      g_autofree char *auth = g_strconcat ("Bearer ", fixture->token, NULL);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GDateTime) date = NULL;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      body = soup_session_send_and_read (fixture->session, msg, NULL, NULL);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      date = soup_date_time_new_from_http_string (
        soup_message_headers_get_one (soup_message_get_response_headers (msg), "Date"));
      g_assert_nonnull (date);
      g_assert_cmpint (g_date_time_to_unix (date), ==, 1791180600);  /* 2026-10-05 06:10 UTC */
    }
}

/* Rounds of two batches for one child at one version, one through each
 * instance, at the same time: one is applied, the other is refused as
 * stale (409), and the reservations are exactly the winners'. */
static void
test_interleaved_batches (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char * const days[N_ROUNDS] = {
    "2026-11-02", "2026-11-03", "2026-11-05", "2026-11-06", "2026-11-09", "2026-11-10",
    "2026-11-12", "2026-11-13", "2026-11-16", "2026-11-17", "2026-11-19", "2026-11-20",
  };
  gint64 member = fixture->children[0];
  gint64 before = count_reservations (fixture, member);
  g_autofree char *audit = g_strdup_printf ("SELECT count(*) FROM reservation_audit WHERE member_id = %"
                                            G_GINT64_FORMAT, member);
  gint64 audit_before = ef_test_db_query_int (db_path (fixture), audit);
  gint64 expected = before;
  guint n_applied = 0;

  /* Before the deadlines of all those days. */
  ef_test_api_set_clock (fixture->session, fixture->a, NULL, "2026-10-05T08:00:00+02:00");

  for (guint round = 0; round < N_ROUNDS; round++)
    {
      gint64 version = version_of (fixture, round % 2 ? fixture->a : fixture->b, member);
      g_autofree char *path = NULL;
      Request requests[2] = { 0 };
      g_autofree char *state = NULL;
      gint64 reserved_before;
      guint winner = G_MAXUINT;

      state = g_strdup_printf ("SELECT count(*) FROM reservations WHERE member_id = %" G_GINT64_FORMAT
                               " AND day = '%s'", member, days[round]);
      reserved_before = ef_test_db_query_int (db_path (fixture), state);

      /* A flips the day; B flips it too: whichever wins, the day ends
       * flipped once, never twice, never by a stale batch. */
      for (guint i = 0; i < 2; i++)
        {
          requests[i].server = i == 0 ? fixture->a : fixture->b;
          requests[i].method = "POST";
          requests[i].path = "/7249/api/v1/reservations";
          requests[i].token = fixture->token;
          requests[i].body = one_change (member, days[round], reserved_before == 0, version);
        }
      send_together (requests, 2);

      for (guint i = 0; i < 2; i++)
        {
          g_test_message ("round %u instance %c: %u %s", round, 'A' + i, requests[i].status,
                          requests[i].error_code ? requests[i].error_code : "");
          if (requests[i].status == 200)
            {
              g_assert_cmpuint (winner, ==, G_MAXUINT);
              winner = i;
            }
          else
            {
              g_assert_cmpuint (requests[i].status, ==, 409);
              g_assert_cmpstr (requests[i].error_code, ==, "version_conflict");
            }
          g_free (requests[i].body);
          g_free (requests[i].error_code);
        }
      g_assert_cmpuint (winner, !=, G_MAXUINT);
      n_applied++;
      expected += reserved_before == 0 ? 1 : -1;

      g_assert_cmpint (ef_test_db_query_int (db_path (fixture), state), ==, reserved_before == 0);
      g_assert_cmpint (version_of (fixture, fixture->a, member), ==, version + 1);
      g_assert_cmpint (version_of (fixture, fixture->b, member), ==, version + 1);
    }

  g_assert_cmpuint (n_applied, ==, N_ROUNDS);
  g_assert_cmpint (count_reservations (fixture, member), ==, expected);
  /* One audit line per change applied, none for the refused ones. */
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), audit), ==, audit_before + N_ROUNDS);
}

/* Batches for two children at once through both instances: different
 * children never wait for a version of the other's, and nothing is lost. */
static void
test_parallel_children (Fixture       *fixture,
                        gconstpointer  data)
{
  Request requests[4] = { 0 };
  gint64 before[2], versions[2];

  ef_test_api_set_clock (fixture->session, fixture->a, NULL, "2026-10-05T08:00:00+02:00");
  for (guint c = 0; c < 2; c++)
    {
      before[c] = count_reservations (fixture, fixture->children[c]);
      versions[c] = version_of (fixture, fixture->a, fixture->children[c]);
    }

  /* Child 0 through A and child 1 through B (both applied); the same
   * batches again through the other instance (both stale). */
  for (guint i = 0; i < 4; i++)
    {
      guint c = i % 2;
      g_autofree char *state = g_strdup_printf ("SELECT count(*) FROM reservations WHERE member_id = %"
                                                G_GINT64_FORMAT " AND day = '2026-12-01'",
                                                fixture->children[c]);
      gint64 reserved = ef_test_db_query_int (db_path (fixture), state);

      requests[i].server = (i == 0 || i == 3) ? fixture->a : fixture->b;
      requests[i].method = "POST";
      requests[i].path = "/7249/api/v1/reservations";
      requests[i].token = fixture->token;
      requests[i].body = one_change (fixture->children[c], "2026-12-01", reserved == 0, versions[c]);
    }
  send_together (requests, 4);

  for (guint c = 0; c < 2; c++)
    {
      guint n_ok = 0;

      for (guint i = c; i < 4; i += 2)
        n_ok += requests[i].status == 200;
      g_assert_cmpuint (n_ok, ==, 1);
      g_assert_cmpint (version_of (fixture, fixture->b, fixture->children[c]), ==, versions[c] + 1);
      g_assert_cmpint (llabs (count_reservations (fixture, fixture->children[c]) - before[c]), ==, 1);
    }
  for (guint i = 0; i < 4; i++)
    {
      g_free (requests[i].body);
      g_free (requests[i].error_code);
    }
}

/* An invoice paid online, the provider's notification posted to both
 * instances several times at once: one payment, paid once, one receipt. */
static void
test_payment_once (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *body = NULL;
  g_autofree char *form = NULL;
  g_autofree char *page = NULL;
  g_autofree char *idop = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) query = NULL;
  Request requests[6] = { 0 };
  gint64 invoice, receipts, payment;
  guint status;

  ef_test_db_exec (db_path (fixture),
                   "DELETE FROM payment_allocations; DELETE FROM payments;"
                   "DELETE FROM outbox WHERE kind = 'payment';");
  ef_test_api_set_clock (fixture->session, fixture->a, NULL, "2026-10-05T08:00:00+02:00");
  invoice = ef_test_db_query_int (db_path (fixture),
                                  "SELECT i.id FROM invoices i"
                                  "  JOIN accounts a ON a.family_id = i.family_id AND a.kind = 'parent'"
                                  " WHERE i.balance_cents > 0 ORDER BY i.id LIMIT 1");
  receipts = ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM outbox WHERE kind = 'payment'");

  /* Started through A. */
  body = g_strdup_printf ("{\"invoice_ids\": [%" G_GINT64_FORMAT "]}", invoice);
  answer = ef_test_api_request (fixture->session, fixture->a, "POST", "/7249/api/v1/payments",
                                fixture->token, body, &status);
  g_assert_cmpuint (status, ==, 201);
  payment = json_object_get_int_member (json_node_get_object (answer), "id");
  uri = g_uri_parse (json_object_get_string_member (json_node_get_object (answer), "provider_url"),
                     G_URI_FLAGS_NONE, NULL);
  g_assert_nonnull (uri);
  query = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  idop = g_strdup (g_hash_table_lookup (query, "idop"));
  g_assert_nonnull (idop);

  /* The payer pays on the provider's page (B's simulator), which does not
   * notify by itself. */
  {
    g_autofree char *url = g_strdup_printf ("%s/_payfip/tpa/paiementws.web",
                                            ef_test_server_get_url (fixture->b));

    form = soup_form_encode ("idop", idop, "action", "payer", "carte", "4970 1000 0000 0006",
                             "expiration", "12/30", "cvv", "123", "notifier", "0", NULL);
    page = ef_test_api_browse (fixture->session, "POST", url, form, &status, NULL, NULL);
    g_assert_cmpuint (status, ==, 303);
  }

  /* Then the notification, three times to each instance, at once. */
  g_clear_pointer (&form, g_free);
  form = soup_form_encode ("idop", idop, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      requests[i].server = i % 2 ? fixture->b : fixture->a;
      requests[i].method = "POST";
      requests[i].path = "/7249/api/v1/payfip/notifications";
      requests[i].body = g_strdup (form);
      requests[i].form = TRUE;
    }
  send_together (requests, G_N_ELEMENTS (requests));
  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      g_assert_cmpuint (requests[i].status, ==, 200);
      g_free (requests[i].body);
      g_free (requests[i].error_code);
    }

  {
    g_autofree char *paid = g_strdup_printf ("SELECT count(*) FROM payments WHERE id = %" G_GINT64_FORMAT
                                             " AND status = 'paid'", payment);
    g_autofree char *balance = g_strdup_printf ("SELECT balance_cents FROM invoices WHERE id = %"
                                                G_GINT64_FORMAT, invoice);

    g_assert_cmpint (ef_test_db_query_int (db_path (fixture), paid), ==, 1);
    g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM payments"), ==, 1);
    g_assert_cmpint (ef_test_db_query_int (db_path (fixture), balance), ==, 0);
    g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM payment_allocations"),
                     ==, 1);
    g_assert_cmpint (ef_test_db_query_int (db_path (fixture),
                                           "SELECT count(*) FROM outbox WHERE kind = 'payment'"),
                     ==, receipts + 1);
  }
}

/* A year's batch sent to A, which is killed while it works: B then sees
 * the whole batch or none of it, and serves on. */
static void
test_kill_mid_batch (Fixture       *fixture,
                     gconstpointer  data)
{
  static const guint delays_ms[] = { 0, 2, 4, 6, 8, 10, 13, 16, 20, 30, 60 };
  g_autoptr(GString) kept = g_string_new (NULL);

  ef_test_api_set_clock (fixture->session, fixture->a, NULL, "2026-08-20T12:00:00+02:00");

  for (guint round = 0; round < G_N_ELEMENTS (delays_ms); round++)
    {
      g_autofree char *body = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      gint64 versions[2];
      Request request = { 0 };
      GMutex gate;
      GThread *thread;
      guint n;

      for (guint c = 0; c < 2; c++)
        versions[c] = version_of (fixture, fixture->b, fixture->children[c]);
      before = ef_test_db_query_lines (db_path (fixture),
                                       "SELECT member_id || ' ' || activity_id || ' ' || day"
                                       "  FROM reservations ORDER BY 1");
      body = ef_test_api_year_batch (fixture->session, fixture->b, fixture->token,
                                     fixture->children, 2, &n);
      g_assert_cmpuint (n, >, 500);

      request.server = fixture->a;
      request.method = "POST";
      request.path = "/7249/api/v1/reservations";
      request.token = fixture->token;
      request.body = body;
      request.may_fail = TRUE;
      g_mutex_init (&gate);
      request.gate = &gate;
      thread = g_thread_new ("batch", send_request, &request);
      g_usleep (delays_ms[round] * 1000);
      ef_test_server_kill (fixture->a);
      g_thread_join (thread);
      wait_until_database_idle (fixture);
      g_mutex_clear (&gate);
      g_free (request.error_code);
      g_test_message ("killed after %u ms: answer %u", delays_ms[round], request.status);

      after = ef_test_db_query_lines (db_path (fixture),
                                      "SELECT member_id || ' ' || activity_id || ' ' || day"
                                      "  FROM reservations ORDER BY 1");
      if (g_str_equal (after, before))
        {
          /* Nothing of it: the versions did not move. */
          for (guint c = 0; c < 2; c++)
            g_assert_cmpint (version_of (fixture, fixture->b, fixture->children[c]), ==, versions[c]);
          g_string_append (kept, "none ");
        }
      else
        {
          /* All of it: every changeable day flipped, each version once. */
          g_auto(GStrv) rows_before = g_strsplit (before, "\n", -1);
          g_auto(GStrv) rows_after = g_strsplit (after, "\n", -1);
          guint n_before = g_strv_length (rows_before), n_after = g_strv_length (rows_after);
          guint n_common = 0;

          for (guint i = 0; rows_after[i] != NULL; i++)
            if (*rows_after[i] != '\0' && g_strv_contains ((const char * const *) rows_before, rows_after[i]))
              n_common++;
          /* Flipped: what was reserved is not, what was not is. */
          g_assert_cmpuint ((n_before - 1 - n_common) + (n_after - 1 - n_common), ==, n);
          for (guint c = 0; c < 2; c++)
            g_assert_cmpint (version_of (fixture, fixture->b, fixture->children[c]), ==, versions[c] + 1);
          g_string_append (kept, "all ");
        }

      ef_test_server_restart (fixture->a, clock_args);
    }
  g_test_message ("batches killed with their instance: %s", kept->str);
}

/* A planning held up by a lock (a slow query) waits in its thread; the
 * other requests of the same process go on meanwhile. */
static void
test_slow_query_alone (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/7249/api/v1/members/%" G_GINT64_FORMAT
                                           "/planning?from=2026-11-01&to=2026-11-30",
                                           fixture->children[0]);
  Request planning = { 0 };
  GMutex gate;
  GThread *thread;
  PGconn *locker;
  PGresult *result;
  gint64 started;

  if (!ef_test_store_is_postgresql ())
    {
      g_test_skip ("PostgreSQL: SQLite's work stays in the main loop");
      return;
    }

  locker = PQconnectdb (db_path (fixture));
  g_assert_cmpint (PQstatus (locker), ==, CONNECTION_OK);
  result = PQexec (locker, "BEGIN; LOCK TABLE reservations IN ACCESS EXCLUSIVE MODE");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);

  planning.server = fixture->a;
  planning.method = "GET";
  planning.path = path;
  planning.token = fixture->token;
  g_mutex_init (&gate);
  planning.gate = &gate;
  thread = g_thread_new ("planning", send_request, &planning);

  /* While the planning waits for the lock, A answers what needs no
   * reservation, at once. */
  wait_until_waiting_for_lock (fixture);
  started = g_get_monotonic_time ();
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(JsonNode) answer = NULL;
      guint status;

      answer = ef_test_api_request (fixture->session, fixture->a, "GET", "/7249/api/v1/family",
                                    fixture->token, NULL, &status);
      g_assert_cmpuint (status, ==, 200);
    }
  g_test_message ("5 answers in %" G_GINT64_FORMAT " ms while the planning waited",
                  (g_get_monotonic_time () - started) / 1000);
  g_assert_cmpuint (planning.status, ==, 0);

  result = PQexec (locker, "COMMIT");
  PQclear (result);
  PQfinish (locker);
  g_thread_join (thread);
  g_mutex_clear (&gate);
  g_assert_cmpuint (planning.status, ==, 200);
  g_free (planning.error_code);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/instances/shared-state", Fixture, NULL, fixture_set_up, test_shared_state, fixture_tear_down);
  g_test_add ("/instances/interleaved-batches", Fixture, NULL, fixture_set_up, test_interleaved_batches,
              fixture_tear_down);
  g_test_add ("/instances/parallel-children", Fixture, NULL, fixture_set_up, test_parallel_children,
              fixture_tear_down);
  g_test_add ("/instances/payment-once", Fixture, NULL, fixture_set_up, test_payment_once, fixture_tear_down);
  g_test_add ("/instances/kill-mid-batch", Fixture, NULL, fixture_set_up, test_kill_mid_batch,
              fixture_tear_down);
  g_test_add ("/instances/slow-query-alone", Fixture, NULL, fixture_set_up, test_slow_query_alone,
              fixture_tear_down);

  return g_test_run ();
}
