/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-planning.c: reservation batches, planning reads and idle connections
 * against a real espace-famille-server (see docs/benchmarks.md)
 *
 * Targets: a school-year batch (> 1,000 changes) applied in ≤ 50 ms (p99),
 * a month's planning in ≤ 5 ms (p99) with 64 concurrent connections, and
 * ≤ 30 MiB of server memory with 200 idle connections.
 */

#define G_LOG_DOMAIN "EfBench"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ef-test-api.h"
#include "ef-test-db.h"

#define N_BATCH_RUNS   30
#define N_PLANNING     3000
#define N_CONCURRENT   64
#define N_IDLE         200

static const char * const test_clock_args[] = { "--test-clock", NULL };

typedef struct
{
  EfTestServer *server;
  SoupSession  *session;
  char         *token;
  gint64        children[3];
} Bench;

/* Both engines: the bench runs on PostgreSQL too (EF_TEST_STORE). */
static void
exec_sql (Bench      *bench,
          const char *sql)
{
  ef_test_db_exec (ef_test_server_get_db_path (bench->server), sql);
}

/* The first column of the row numbered @row (from 0) of @sql. */
static gint64
query_int (Bench      *bench,
           const char *sql,
           int         row)
{
  g_autofree char *nth = g_strdup_printf ("%s LIMIT 1 OFFSET %d", sql, row);

  return ef_test_db_query_int (ef_test_server_get_db_path (bench->server), nth);
}

static void
enrol (Bench      *bench,
       gint64      member,
       const char *activity)
{
  g_autofree char *member_text = g_strdup_printf ("%" G_GINT64_FORMAT, member);
  const char *argv[] = { "enrol", "--db", ef_test_server_get_db_path (bench->server),
                         "--tenant", "7249", "--member", member_text, "--activity", activity,
                         "--from", "2026-09-01", "--to", "2027-07-03", NULL };

  g_assert_cmpint (ef_test_server_run_command (argv, NULL, NULL), ==, 0);
}

/* The demo's two children and a third one: a school year is then more
 * than 1,000 changes, as for the largest families. */
static void
bench_set_up (Bench *bench)
{
  g_autofree char *email = NULL;
  g_autofree char *password = NULL;
  g_autofree char *sql = NULL;
  gint64 family;

  bench->server = ef_test_server_start (TRUE, test_clock_args);
  /* max-conns is a construct property. */
  bench->session = soup_session_new_with_options ("proxy-resolver", NULL,
                                                  "timeout", 30,
                                                  "max-conns", N_CONCURRENT,
                                                  "max-conns-per-host", N_CONCURRENT,
                                                  NULL);
  ef_test_api_demo_account (bench->server, &email, &password);

  family = query_int (bench, "SELECT family_id FROM accounts WHERE tenant_id = '7249' ORDER BY id", 0);
  sql = g_strdup_printf ("INSERT INTO members (family_id, position, role, first_name, last_name, birth_date, updated_at)"
                         " VALUES (%" G_GINT64_FORMAT ", 99, 'child', 'Zoé', 'Troisième', '2020-02-02', 0);",
                         family);
  exec_sql (bench, sql);
  for (int i = 0; i < 2; i++)
    bench->children[i] = query_int (bench, "SELECT m.id FROM members m JOIN accounts a ON a.family_id = m.family_id"
                                           " WHERE m.role = 'child' ORDER BY m.position, m.id", i);
  bench->children[2] = query_int (bench, "SELECT id FROM members WHERE first_name = 'Zoé'", 0);
  enrol (bench, bench->children[2], "restaurant-scolaire");
  enrol (bench, bench->children[2], "accueil-matin");
  enrol (bench, bench->children[2], "accueil-soir");

  ef_test_api_set_clock (bench->session, bench->server, NULL, "2026-08-20T12:00:00+02:00");
  bench->token = ef_test_api_login (bench->session, bench->server, email, password);
}

/* Toggles every changeable day of the school year of the three children. */
static char *
year_batch_body (Bench *bench,
                 guint *n_changes)
{
  return ef_test_api_year_batch (bench->session, bench->server, bench->token,
                                 bench->children, G_N_ELEMENTS (bench->children), n_changes);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;

  return da < db ? -1 : da > db ? 1 : 0;
}

/* The nearest-rank percentile @p of @values (sorted here), in ms. */
static double
percentile (GArray *values,
            double  p)
{
  guint rank;

  g_array_sort (values, compare_doubles);
  rank = (guint) (p / 100.0 * values->len + 0.999999);
  rank = CLAMP (rank, 1, values->len);
  return g_array_index (values, double, rank - 1);
}

static void
bench_year_batch (Bench *bench)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  guint n = 0;
  gsize size = 0;
  double p50, p99;

  for (int run = 0; run < N_BATCH_RUNS; run++)
    {
      g_autofree char *body = year_batch_body (bench, &n);
      g_autoptr(JsonNode) answer = NULL;
      gint64 start, end;
      double ms;
      guint status;

      size = strlen (body);
      start = g_get_monotonic_time ();
      answer = ef_test_api_request (bench->session, bench->server, "POST", "/7249/api/v1/reservations",
                                    bench->token, body, &status);
      end = g_get_monotonic_time ();
      g_assert_cmpuint (status, ==, 200);
      g_assert_cmpint (json_object_get_int_member (json_node_get_object (answer), "applied"), ==, n);
      ms = (end - start) / 1000.0;
      g_array_append_val (times, ms);
    }

  p50 = percentile (times, 50);
  p99 = percentile (times, 99);
  printf ("year batch: %u changes (%zu bytes), %d runs: p50 %.1f ms, p99 %.1f ms, max %.1f ms (target p99 <= 50 ms)\n",
          n, size, N_BATCH_RUNS, p50, p99, g_array_index (times, double, times->len - 1));
}

typedef struct
{
  Bench     *bench;
  GMainLoop *loop;
  GArray    *times;
  guint      started;
  guint      finished;
  guint      failed;
} PlanningRun;

static void send_next_planning (PlanningRun *run);

typedef struct
{
  PlanningRun *run;
  gint64       start;
} PlanningRequest;

static void
on_planning_read_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  PlanningRequest *request = user_data;
  PlanningRun *run = request->run;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  double ms;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  ms = (g_get_monotonic_time () - request->start) / 1000.0;
  if (error != NULL || soup_message_get_status (msg) != 200)
    run->failed++;
  g_array_append_val (run->times, ms);
  g_free (request);

  run->finished++;
  if (run->finished == N_PLANNING)
    g_main_loop_quit (run->loop);
  else
    send_next_planning (run);
}

static void
send_next_planning (PlanningRun *run)
{
  static const char * const months[] = {
    "from=2026-09-01&to=2026-09-30", "from=2026-10-01&to=2026-10-31", "from=2026-11-01&to=2026-11-30",
    "from=2026-12-01&to=2026-12-31", "from=2027-01-01&to=2027-01-31", "from=2027-02-01&to=2027-02-28",
  };
  g_autofree char *url = NULL;
  g_autofree char *auth = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  PlanningRequest *request;
  guint i;

  if (run->started == N_PLANNING)
    return;
  i = run->started++;

  url = g_strdup_printf ("%s/7249/api/v1/members/%" G_GINT64_FORMAT "/planning?%s",
                         ef_test_server_get_url (run->bench->server),
                         run->bench->children[i % 3], months[i % G_N_ELEMENTS (months)]);
  msg = soup_message_new ("GET", url);
  auth = g_strconcat ("Bearer ", run->bench->token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);

  request = g_new0 (PlanningRequest, 1);
  request->run = run;
  request->start = g_get_monotonic_time ();
  soup_session_send_and_read_async (run->bench->session, msg, G_PRIORITY_DEFAULT, NULL,
                                    on_planning_read_cb, request);
}

static void
run_month_plannings (Bench  *bench,
                     GArray *times,
                     guint  *failed)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  PlanningRun run = { bench, loop, times, 0, 0, 0 };

  for (int i = 0; i < N_CONCURRENT; i++)
    send_next_planning (&run);
  g_main_loop_run (loop);
  *failed = run.failed;
}

static void
bench_month_planning (Bench *bench)
{
  g_autoptr(GArray) warm_up = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) alone = g_array_new (FALSE, FALSE, sizeof (double));
  guint failed;
  gint64 start, end;

  /* One request at a time: the server's own time for one planning. */
  for (int i = 0; i < 200; i++)
    {
      g_autofree char *path = g_strdup_printf ("/7249/api/v1/members/%" G_GINT64_FORMAT
                                               "/planning?from=2026-11-01&to=2026-11-30",
                                               bench->children[i % 3]);
      g_autoptr(JsonNode) answer = NULL;
      gint64 t0 = g_get_monotonic_time ();
      guint status;
      double ms;

      answer = ef_test_api_request (bench->session, bench->server, "GET", path, bench->token, NULL, &status);
      ms = (g_get_monotonic_time () - t0) / 1000.0;
      g_assert_cmpuint (status, ==, 200);
      g_array_append_val (alone, ms);
    }
  printf ("month planning, one connection: 200 requests: p50 %.2f ms, p99 %.2f ms\n",
          percentile (alone, 50), percentile (alone, 99));

  /* The first round opens the 64 connections; it is not measured. */
  run_month_plannings (bench, warm_up, &failed);
  g_assert_cmpuint (failed, ==, 0);
  printf ("month planning, warm-up while opening %d connections: p99 %.2f ms\n",
          N_CONCURRENT, percentile (warm_up, 99));

  start = g_get_monotonic_time ();
  run_month_plannings (bench, times, &failed);
  end = g_get_monotonic_time ();

  g_assert_cmpuint (failed, ==, 0);
  printf ("month planning: %d requests, %d concurrent connections: p50 %.2f ms, p99 %.2f ms, %.0f requests/s (target p99 <= 5 ms)\n",
          N_PLANNING, N_CONCURRENT, percentile (times, 50), percentile (times, 99),
          N_PLANNING / ((end - start) / 1e6));
}

static double
server_rss_mib (Bench *bench)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) ef_test_server_get_pid (bench->server));
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents (path, &status, NULL, NULL));
  line = strstr (status, "VmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtoll (line + strlen ("VmRSS:"), NULL, 10) / 1024.0;
}

static void
bench_idle_connections (Bench *bench)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GPtrArray) connections = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GUri) uri = g_uri_parse (ef_test_server_get_url (bench->server), G_URI_FLAGS_NONE, NULL);
  double before, after;

  before = server_rss_mib (bench);
  for (int i = 0; i < N_IDLE; i++)
    {
      g_autoptr(GError) error = NULL;
      GSocketConnection *connection;

      connection = g_socket_client_connect_to_host (client, "127.0.0.1", g_uri_get_port (uri), NULL, &error);
      g_assert_no_error (error);
      g_ptr_array_add (connections, connection);
    }

  /* Let the server accept them all. */
  for (int i = 0; i < 50; i++)
    {
      g_usleep (10 * 1000);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  after = server_rss_mib (bench);

  printf ("server memory: VmRSS %.1f MiB after the other benchmarks, %.1f MiB with %d idle connections (target <= 30 MiB)\n",
          before, after, N_IDLE);
}

/* Whether @part is to run: all of them without arguments, else the ones
 * named ("year-batch", "month-planning", "idle-connections"), so that a
 * profiler can watch one of them alone. */
static gboolean
wants (int          argc,
       char       **argv,
       const char  *part)
{
  if (argc < 2)
    return TRUE;
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], part))
      return TRUE;
  return FALSE;
}

int
main (int    argc,
      char **argv)
{
  Bench bench = { NULL, };

  bench_set_up (&bench);
  if (wants (argc, argv, "year-batch"))
    bench_year_batch (&bench);
  if (wants (argc, argv, "month-planning"))
    bench_month_planning (&bench);
  if (wants (argc, argv, "idle-connections"))
    bench_idle_connections (&bench);

  g_clear_object (&bench.session);
  g_clear_pointer (&bench.server, ef_test_server_free);
  g_free (bench.token);
  return 0;
}
