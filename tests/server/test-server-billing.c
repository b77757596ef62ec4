/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-billing.c: billing a month, invoices and their PDF, the
 * financial situation, offline payments and the history, on a real server */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <poppler.h>
#include <sqlite3.h>

#include "ef-common.h"
#include "ef-test-api.h"
#include "ef-test-db.h"
#include "ef-test-pdf.h"

/* A server with the demo family signed in. */
typedef EfTestDemo Fixture;

static const char *
db_path (Fixture *fixture)
{
  return ef_test_server_get_db_path (fixture->server);
}

static const char dupont_family[] =
  "{\"name\": \"Famille Dupont\", \"reference\": \"dupont\","
  " \"address\": {\"line1\": \"3 place de la Mairie\", \"postal_code\": \"64140\", \"city\": \"Billère\"},"
  " \"members\": ["
  "  {\"role\": \"responsible\", \"first_name\": \"Jeanne\", \"last_name\": \"Dupont\","
  "   \"birth_date\": \"1980-01-02\", \"email\": \"jeanne.dupont@example.org\"},"
  "  {\"role\": \"child\", \"reference\": \"paul\", \"first_name\": \"Paul\", \"last_name\": \"Dupont\","
  "   \"birth_date\": \"2017-05-06\"}]}";

static JsonNode *
call (Fixture    *fixture,
      const char *path,
      guint      *status)
{
  g_autofree char *full = g_strconcat ("/7249/api/v1", path, NULL);

  return ef_test_api_request (fixture->session, fixture->server, "GET", full,
                              fixture->token, NULL, status);
}

static JsonObject *
get_ok (Fixture    *fixture,
        const char *path,
        JsonNode  **keep)
{
  guint status = 0;

  *keep = call (fixture, path, &status);
  g_assert_cmpuint (status, ==, 200);
  return json_node_get_object (*keep);
}

static void
assert_error (Fixture    *fixture,
              const char *path,
              guint       expected_status,
              const char *expected_code)
{
  guint status = 0;
  g_autoptr(JsonNode) answer = call (fixture, path, &status);

  g_assert_cmpuint (status, ==, expected_status);
  g_assert_cmpstr (ef_test_api_error_code (answer), ==, expected_code);
}

/* The raw body of GET @path, with its content type. */
static GBytes *
get_bytes (Fixture    *fixture,
           const char *path,
           guint      *status,
           char      **content_type)
{
  const char *base = ef_test_server_get_url (fixture->server);
  g_autofree char *url = g_strconcat (base, g_str_has_suffix (base, "/") ? "" : "/",
                                      "7249/api/v1", path, NULL);
  g_autofree char *bearer = g_strdup_printf ("Bearer %s", fixture->token);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *body;

  msg = soup_message_new ("GET", url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  body = soup_session_send_and_read (fixture->session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  if (content_type != NULL)
    *content_type = g_strdup (soup_message_headers_get_content_type (soup_message_get_response_headers (msg),
                                                                     NULL));
  return body;
}

static int
run (const char * const *argv,
     char              **out,
     char              **err)
{
  return ef_test_server_run_command (argv, out, err);
}

/* The Dupont family, with Paul's reservations of November 2026: 3 meals
 * and 2 evening cares (written directly: the family has no account). */
static void
import_dupont (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int fd = g_file_open_tmp ("dupont-XXXXXX.json", &path, &error);
  const char *argv[] = { "family-import", "--db", ef_test_server_get_db_path (fixture->server),
                         "--tenant", "7249", path, NULL };

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, dupont_family, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (run (argv, &out, &err), ==, 0);
  g_unlink (path);

  ef_test_db_exec (db_path (fixture),
                   "INSERT INTO reservations (member_id, activity_id, day, created_at)"
                   " SELECT m.id, a.id, d.day, 0"
                   "   FROM members m, activities a,"
                   "        (SELECT '2026-11-02' AS day UNION SELECT '2026-11-03' UNION SELECT '2026-11-05') d"
                   "  WHERE m.reference = 'paul' AND a.code = 'restaurant-scolaire';"
                   "INSERT INTO reservations (member_id, activity_id, day, created_at)"
                   " SELECT m.id, a.id, d.day, 0"
                   "   FROM members m, activities a,"
                   "        (SELECT '2026-11-02' AS day UNION SELECT '2026-11-03') d"
                   "  WHERE m.reference = 'paul' AND a.code = 'accueil-soir';"
                   /* December is another month: not billed with November. */
                   "INSERT INTO reservations (member_id, activity_id, day, created_at)"
                   " SELECT m.id, a.id, '2026-12-01', 0 FROM members m, activities a"
                   "  WHERE m.reference = 'paul' AND a.code = 'restaurant-scolaire';");
}

static void
bill (Fixture    *fixture,
      const char *month,
      const char *date,
      int         expected,
      char      **out)
{
  g_autofree char *err = NULL;
  const char *argv[] = { "bill", "--db", ef_test_server_get_db_path (fixture->server),
                         "--tenant", "7249", "--month", month, "--date", date, NULL };
  int status = run (argv, out, &err);

  if (status != expected)
    g_error ("bill %s: exit %d, %s", month, status, err);
}

static JsonObject *
find_invoice (JsonArray  *invoices,
              const char *number)
{
  return ef_test_json_find (invoices, "number", number);
}

static gboolean
is_invoice_number (const char *number)
{
  return g_regex_match_simple ("^[0-9A-Za-z]{1,8}-F[0-9]{4}[0-9]{5}$", number, 0, 0);
}

static void
test_bill_month (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) list = NULL;
  g_autofree char *out = NULL;
  g_autofree char *again = NULL;
  g_autofree char *early = NULL;
  JsonObject *invoice, *answer;
  JsonArray *lines, *children;
  gint64 expected_amount, n_invoices, n_mails, n_lines;
  gint64 children_total = 0, lines_total = 0;

  import_dupont (fixture);

  /* Not before the month is over. */
  bill (fixture, "2026-11", "2026-11-30", 2, &early);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM invoices WHERE number LIKE '%-F2611%'"), ==, 0);

  bill (fixture, "2026-11", "2026-12-01", 0, &out);
  g_assert_nonnull (strstr (out, "Billed 2026-11: 2 invoices"));

  /* The demo family first (the lower id), then the Duponts. */
  answer = get_ok (fixture, "/invoices", &list);
  invoice = find_invoice (json_object_get_array_member (answer, "invoices"), "pop-F261100001");
  g_assert_nonnull (invoice);
  g_assert_true (is_invoice_number ("pop-F261100001"));
  g_assert_cmpstr (json_object_get_string_member (invoice, "issue_date"), ==, "2026-12-01");
  g_assert_cmpstr (json_object_get_string_member (invoice, "due_date"), ==, "2026-12-31");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (invoice, "period"), "start"),
                   ==, "2026-11-01");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (invoice, "period"), "end"),
                   ==, "2026-11-30");
  g_assert_cmpstr (json_object_get_string_member (invoice, "label"), ==, "Éducation — novembre 2026");
  g_assert_cmpstr (json_object_get_string_member (invoice, "status"), ==, "to_pay");

  /* One line per child and activity, with the reserved days of November. */
  lines = json_object_get_array_member (invoice, "lines");
  n_lines = ef_test_db_query_int (db_path (fixture),
                                  "SELECT count(*) FROM (SELECT DISTINCT r.member_id, r.activity_id"
                                  "  FROM reservations r JOIN members m ON m.id = r.member_id"
                                  "  JOIN families f ON f.id = m.family_id"
                                  " WHERE f.reference = 'demo-martin' AND r.day BETWEEN '2026-11-01' AND '2026-11-30') AS pairs");
  g_assert_cmpuint (json_array_get_length (lines), ==, n_lines);
  g_assert_cmpint (n_lines, >=, 2);
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM reservations WHERE member_id = %lld"
                                              " AND activity_id = %lld"
                                              " AND day BETWEEN '2026-11-01' AND '2026-11-30'",
                                              (long long) json_object_get_int_member (line, "member"),
                                              (long long) json_object_get_int_member (line, "activity"));
      g_autofree char *price_sql = g_strdup_printf ("SELECT unit_price_cents FROM activities WHERE id = %lld",
                                                    (long long) json_object_get_int_member (line, "activity"));

      g_assert_cmpint (json_object_get_int_member (line, "quantity"), ==, ef_test_db_query_int (db_path (fixture), sql));
      g_assert_cmpint (json_object_get_int_member (line, "unit_price_cents"), ==, ef_test_db_query_int (db_path (fixture), price_sql));
      g_assert_cmpint (json_object_get_int_member (line, "amount_cents"), ==,
                       json_object_get_int_member (line, "quantity") *
                       json_object_get_int_member (line, "unit_price_cents"));
      lines_total += json_object_get_int_member (line, "amount_cents");
    }
  children = json_object_get_array_member (invoice, "children");
  g_assert_cmpuint (json_array_get_length (children), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (children, 0), "name"),
                   ==, "Léa Martin");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (children, 1), "name"),
                   ==, "Hugo Martin");
  for (guint i = 0; i < json_array_get_length (children); i++)
    children_total += json_object_get_int_member (json_array_get_object_element (children, i), "total_cents");
  expected_amount = ef_test_db_query_int (db_path (fixture),
                                          "SELECT sum (a.unit_price_cents) FROM reservations r"
                                          "  JOIN activities a ON a.id = r.activity_id"
                                          "  JOIN members m ON m.id = r.member_id JOIN families f ON f.id = m.family_id"
                                          " WHERE f.reference = 'demo-martin' AND r.day BETWEEN '2026-11-01' AND '2026-11-30'");
  g_assert_cmpint (json_object_get_int_member (invoice, "amount_cents"), ==, expected_amount);
  g_assert_cmpint (lines_total, ==, expected_amount);
  g_assert_cmpint (children_total, ==, expected_amount);
  g_assert_cmpint (json_object_get_int_member (invoice, "balance_cents"), ==, expected_amount);

  /* Paul: 3 meals at 3,50 € and 2 evening cares, nothing of December. */
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture),
                                         "SELECT amount_cents FROM invoices WHERE number = 'pop-F261100002'"), ==,
                   ef_test_db_query_int (db_path (fixture),
                                         "SELECT 3 * (SELECT unit_price_cents FROM activities WHERE code = 'restaurant-scolaire')"
                                         " + 2 * (SELECT unit_price_cents FROM activities WHERE code = 'accueil-soir')"));
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture),
                                         "SELECT count(*) FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id"
                                         " WHERE i.number = 'pop-F261100002'"
                                         "   AND ((l.quantity = 3 AND l.label = 'Restauration scolaire')"
                                         "     OR (l.quantity = 2 AND l.member_name = 'Paul Dupont'))"), ==, 2);

  /* The invoice mail, in French, in the outbox. */
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture),
                                         "SELECT count(*) FROM outbox WHERE kind = 'invoice'"
                                         " AND recipient = 'parent@example.fr'"
                                         " AND subject LIKE '%pop-F261100001%' AND body LIKE '%Montant\u00A0:%'"), ==, 1);

  /* Again: nothing new. */
  n_invoices = ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM invoices");
  n_mails = ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM outbox");
  bill (fixture, "2026-11", "2026-12-02", 0, &again);
  g_assert_nonnull (strstr (again, "already billed"));
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM invoices"), ==, n_invoices);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM outbox"), ==, n_mails);
}

static void
test_bill_bad_input (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *db = ef_test_server_get_db_path (fixture->server);
  const char *bad[][10] = {
    { "bill", "--db", db, "--tenant", "7249", "--month", "2026-13", NULL },
    { "bill", "--db", db, "--tenant", "7249", "--month", "octobre", NULL },
    { "bill", "--db", db, "--tenant", "7249", NULL },
    { "bill", "--db", db, "--tenant", "9999", "--month", "2026-10", NULL },
    { "bill", "--db", db, "--tenant", "7249", "--month", "2026-10", "--date", "2026-02-30", NULL },
  };
  gint64 before = ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM invoices");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (run (bad[i], &out, &err), ==, 2);
      g_assert_cmpstr (err, !=, "");
    }
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM invoices"), ==, before);
}

static void
test_invoices_and_finance (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(JsonNode) all_node = NULL;
  g_autoptr(JsonNode) to_pay_node = NULL;
  g_autoptr(JsonNode) settled_node = NULL;
  g_autoptr(JsonNode) one_node = NULL;
  g_autoptr(JsonNode) finance_node = NULL;
  g_autofree char *path = NULL;
  JsonObject *pop, *an, *one, *finance;
  JsonArray *all, *to_pay, *settled;
  guint status = 0;

  /* The demo: the tutorial's two invoices, September (paid) and October. */
  all = json_object_get_array_member (get_ok (fixture, "/invoices", &all_node), "invoices");
  g_assert_cmpuint (json_array_get_length (all), ==, 4);
  for (guint i = 0; i < json_array_get_length (all); i++)
    g_assert_true (is_invoice_number (json_object_get_string_member (json_array_get_object_element (all, i),
                                                                     "number")));
  pop = find_invoice (all, "pop-F200300001");
  an = find_invoice (all, "AN-F191100001");
  g_assert_nonnull (pop);
  g_assert_nonnull (an);
  g_assert_cmpstr (json_object_get_string_member (pop, "issue_date"), ==, "2020-03-01");
  g_assert_cmpint (json_object_get_int_member (pop, "amount_cents"), ==, 3500);
  g_assert_cmpint (json_object_get_int_member (pop, "balance_cents"), ==, 1500);
  g_assert_cmpint (json_object_get_int_member (pop, "paid_cents"), ==, 2000);
  g_assert_true (json_object_get_boolean_member (pop, "payable_online"));
  g_assert_cmpstr (json_object_get_string_member (an, "issue_date"), ==, "2019-11-30");
  g_assert_cmpint (json_object_get_int_member (an, "amount_cents"), ==, 620);
  g_assert_cmpint (json_object_get_int_member (an, "balance_cents"), ==, 620);

  to_pay = json_object_get_array_member (get_ok (fixture, "/invoices?status=to_pay", &to_pay_node),
                                         "invoices");
  settled = json_object_get_array_member (get_ok (fixture, "/invoices?status=settled", &settled_node),
                                          "invoices");
  g_assert_cmpuint (json_array_get_length (to_pay), ==, 3);
  g_assert_cmpuint (json_array_get_length (settled), ==, 1);
  g_assert_nonnull (find_invoice (settled, "pop-F260900001"));
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (settled, 0),
                                                  "payable_online"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (settled, 0),
                                                  "not_payable_reason"), ==, "settled");
  assert_error (fixture, "/invoices?status=paid", 422, "invalid_field");

  path = g_strdup_printf ("/invoices/%lld", (long long) json_object_get_int_member (pop, "id"));
  one = get_ok (fixture, path, &one_node);
  g_assert_cmpstr (json_object_get_string_member (one, "number"), ==, "pop-F200300001");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (one, "period"), "end"),
                   ==, "2020-02-29");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (one, "lines")), ==, 1);

  finance = get_ok (fixture, "/finance", &finance_node);
  g_assert_cmpint (json_object_get_int_member (finance, "total_due_cents"), ==,
                   1500 + 620 + ef_test_db_query_int (db_path (fixture), "SELECT balance_cents FROM invoices"
                                                                         " WHERE number = 'pop-F261000001'"));
  g_assert_cmpint (json_object_get_int_member (finance, "invoices_to_pay"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (finance, "oldest_due_date"), ==, "2019-12-30");

  /* Signed in only. */
  {
    g_autoptr(JsonNode) anonymous = ef_test_api_request (fixture->session, fixture->server, "GET",
                                                         "/7249/api/v1/invoices", NULL, NULL, &status);

    g_assert_cmpuint (status, ==, 401);
  }

  /* Online payments switched off by the town: said why. */
  ef_test_db_exec (db_path (fixture), "UPDATE tenants SET online_payment_enabled = 0 WHERE id = '7249'");
  g_clear_pointer (&one_node, json_node_unref);
  one = get_ok (fixture, path, &one_node);
  g_assert_false (json_object_get_boolean_member (one, "payable_online"));
  g_assert_cmpstr (json_object_get_string_member (one, "not_payable_reason"), ==, "not_payable_online");
}

static void
test_foreign_invoice (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autoptr(GBytes) body = NULL;
  gint64 foreign;
  guint status = 0;

  import_dupont (fixture);
  bill (fixture, "2026-11", "2026-12-01", 0, &out);
  foreign = ef_test_db_query_int (db_path (fixture), "SELECT i.id FROM invoices i JOIN families f ON f.id = i.family_id"
                                                     " WHERE f.reference = 'dupont'");
  g_assert_cmpint (foreign, >, 0);

  path = g_strdup_printf ("/invoices/%lld", (long long) foreign);
  pdf_path = g_strdup_printf ("/invoices/%lld/pdf", (long long) foreign);
  assert_error (fixture, path, 404, "not_found");
  assert_error (fixture, pdf_path, 404, "not_found");
  assert_error (fixture, "/invoices/999999", 404, "not_found");
  assert_error (fixture, "/invoices/abc", 404, "not_found");
  assert_error (fixture, "/invoices/999999/pdf", 404, "not_found");

  body = get_bytes (fixture, pdf_path, &status, NULL);
  g_assert_cmpuint (status, ==, 404);
  g_assert_null (strstr (g_bytes_get_data (body, NULL), "Dupont"));
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the PDF's text:\n%s", needle, text);
}

static void
test_invoice_pdf (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) october = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *path = NULL;
  g_autofree char *october_path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *october_text = NULL;
  guint status = 0;

  path = g_strdup_printf ("/invoices/%lld/pdf",
                          (long long) ef_test_db_query_int (db_path (fixture), "SELECT id FROM invoices WHERE number = 'pop-F200300001'"));
  first = get_bytes (fixture, path, &status, &content_type);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (content_type, ==, "application/pdf");
  g_assert_true (g_str_has_prefix (g_bytes_get_data (first, NULL), "%PDF-"));

  text = ef_test_pdf_text (first);
  assert_contains (text, "FACTURE");
  assert_contains (text, "pop-F200300001");
  assert_contains (text, "01/03/2020");
  assert_contains (text, "Ville de Billère");
  assert_contains (text, "Famille Martin");
  assert_contains (text, "12 rue des Marronniers");
  assert_contains (text, "Léa Martin");
  assert_contains (text, "Restauration scolaire");
  /* Amounts as the server writes them in French, whatever this
   * process's locale; the text of a PDF gives back its no-break spaces
   * (which keep "3,50 €" on one line) as plain ones. */
  {
    static const EfCents amounts[] = { 350, 3500, 2000, 1500 };

    for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
      {
        g_autofree char *amount = ef_money_format_french (amounts[i]);
        g_auto(GStrv) parts = g_strsplit (amount, "\u00A0", -1);
        g_autofree char *as_extracted = g_strjoinv (" ", parts);

        assert_contains (text, as_extracted);
      }
  }
  assert_contains (text, "Reste à payer");
  assert_contains (text, "8 h 30");

  /* The same invoice, the same bytes. */
  second = get_bytes (fixture, path, &status, NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (g_bytes_equal (first, second));

  /* Two children: one subtotal each. */
  october_path = g_strdup_printf ("/invoices/%lld/pdf",
                                  (long long) ef_test_db_query_int (db_path (fixture), "SELECT id FROM invoices"
                                                                                       " WHERE number = 'pop-F261000001'"));
  october = get_bytes (fixture, october_path, &status, NULL);
  g_assert_cmpuint (status, ==, 200);
  october_text = ef_test_pdf_text (october);
  assert_contains (october_text, "Sous-total Léa Martin");
  assert_contains (october_text, "Sous-total Hugo Martin");
  assert_contains (october_text, "octobre 2026");
}

static JsonObject *
invoice_by_number (Fixture     *fixture,
                   const char  *number,
                   JsonNode   **keep)
{
  g_autofree char *path = g_strdup_printf ("/invoices/%lld",
                                           (long long) ef_test_db_query_int (db_path (fixture), number));

  return get_ok (fixture, path, keep);
}

static int
pay (Fixture    *fixture,
     const char *number,
     const char *channel,
     const char *amount,
     char      **err)
{
  g_autofree char *out = NULL;
  const char *argv[] = { "pay", "--db", ef_test_server_get_db_path (fixture->server), "--tenant", "7249",
                         "--invoice", number, "--channel", channel, "--amount", amount, NULL };

  return run (argv, &out, err);
}

static void
test_offline_payment (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char an_id[] = "SELECT id FROM invoices WHERE number = 'AN-F191100001'";
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) history_node = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *from = g_date_time_format (yesterday, "%Y-%m-%d");
  g_autofree char *to = g_date_time_format (tomorrow, "%Y-%m-%d");
  g_autofree char *history_path = NULL;
  JsonObject *an;
  JsonArray *payments;
  gint64 n_payments = ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM payments");

  /* Refused, and nothing changes: above the balance, nothing, garbage,
   * an online channel, an unknown invoice. */
  {
    const char *refused[][3] = {
      { "AN-F191100001", "cash", "6.21" },
      { "AN-F191100001", "cash", "0" },
      { "AN-F191100001", "cash", "-1.00" },
      { "AN-F191100001", "cash", "six euros" },
      { "AN-F191100001", "cash", "1.005" },
      { "AN-F191100001", "online_card", "1.00" },
      { "AN-F191100001", "bitcoin", "1.00" },
      { "XX-F000000001", "cash", "1.00" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_autofree char *err = NULL;

        g_assert_cmpint (pay (fixture, refused[i][0], refused[i][1], refused[i][2], &err), ==, 2);
        g_assert_cmpstr (err, !=, "");
      }
    g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM payments"), ==, n_payments);
    g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT balance_cents FROM invoices WHERE number = 'AN-F191100001'"),
                                ==, 620);
  }

  /* Part of it in cash, the rest by cheque. */
  g_assert_cmpint (pay (fixture, "AN-F191100001", "cash", "2.20", NULL), ==, 0);
  an = invoice_by_number (fixture, an_id, &node);
  g_assert_cmpint (json_object_get_int_member (an, "balance_cents"), ==, 400);
  g_assert_cmpint (json_object_get_int_member (an, "paid_cents"), ==, 220);
  g_assert_cmpstr (json_object_get_string_member (an, "status"), ==, "to_pay");

  g_assert_cmpint (pay (fixture, "AN-F191100001", "cheque", "4,01", NULL), ==, 2);
  g_assert_cmpint (pay (fixture, "AN-F191100001", "cheque", "4,00", NULL), ==, 0);
  g_clear_pointer (&node, json_node_unref);
  an = invoice_by_number (fixture, an_id, &node);
  g_assert_cmpint (json_object_get_int_member (an, "balance_cents"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (an, "status"), ==, "settled");
  g_assert_false (json_object_get_boolean_member (an, "payable_online"));
  g_assert_cmpint (pay (fixture, "AN-F191100001", "cash", "0.01", NULL), ==, 2);

  /* Both in the family's payment history. */
  history_path = g_strdup_printf ("/history/payments?from=%s&to=%s", from, to);
  payments = json_object_get_array_member (get_ok (fixture, history_path, &history_node), "payments");
  g_assert_cmpuint (json_array_get_length (payments), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *payment = json_array_get_object_element (payments, i);
      JsonArray *numbers = json_object_get_array_member (payment, "invoice_numbers");

      g_assert_cmpstr (json_object_get_string_member (payment, "status"), ==, "paid");
      g_assert_cmpuint (json_array_get_length (numbers), ==, 1);
      g_assert_cmpstr (json_array_get_string_element (numbers, 0), ==, "AN-F191100001");
    }
  /* Newest first. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (payments, 0), "channel"),
                   ==, "cheque");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (payments, 1), "amount_cents"),
                   ==, 220);
}

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(JsonNode) october_node = NULL;
  g_autoptr(JsonNode) payments_node = NULL;
  g_autoptr(JsonNode) long_node = NULL;
  JsonArray *october, *payments;
  JsonObject *entry;

  /* The demo's sign-ins of October 2026, newest first, in Paris time. */
  october = json_object_get_array_member (get_ok (fixture, "/history/connections?from=2026-10-01&to=2026-10-31",
                                                  &october_node), "connections");
  g_assert_cmpuint (json_array_get_length (october), ==, 3);
  entry = json_array_get_object_element (october, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "day"), ==, "2026-10-19");
  g_assert_cmpstr (json_object_get_string_member (entry, "time"), ==, "20:13");
  g_assert_cmpstr (json_object_get_string_member (entry, "result"), ==, "ok");
  g_assert_true (json_object_get_boolean_member (entry, "success"));
  g_assert_cmpstr (json_object_get_string_member (entry, "at"), ==, "2026-10-19T20:13:00+02:00");
  entry = json_array_get_object_element (october, 1);
  g_assert_cmpstr (json_object_get_string_member (entry, "result"), ==, "bad_credentials");
  g_assert_false (json_object_get_boolean_member (entry, "success"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (october, 2), "day"),
                   ==, "2026-10-05");

  /* The tutorial's payment at the town hall, in 2020. */
  payments = json_object_get_array_member (get_ok (fixture, "/history/payments?from=2020-01-01&to=2020-12-31",
                                                   &payments_node), "payments");
  g_assert_cmpuint (json_array_get_length (payments), ==, 1);
  entry = json_array_get_object_element (payments, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "channel"), ==, "cash");
  g_assert_cmpint (json_object_get_int_member (entry, "amount_cents"), ==, 2000);
  g_assert_cmpstr (json_object_get_string_member (entry, "day"), ==, "2020-03-12");

  /* 400 days is the longest range. */
  get_ok (fixture, "/history/payments?from=2026-01-01&to=2027-02-04", &long_node);
  assert_error (fixture, "/history/payments?from=2026-01-01&to=2027-02-05", 422, "validation_failed");
  assert_error (fixture, "/history/connections?from=2020-01-01&to=2026-12-31", 422, "validation_failed");
  assert_error (fixture, "/history/connections?from=2026-11-02&to=2026-11-01", 422, "invalid_date");
  assert_error (fixture, "/history/payments?from=2026-02-30&to=2026-03-01", 422, "invalid_date");
  assert_error (fixture, "/history/payments?from=hier", 422, "invalid_date");
  assert_error (fixture, "/history/connections?to=2026-13-01", 422, "invalid_date");
}

static void
test_demo_again (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *argv[] = { "demo", "--db", ef_test_server_get_db_path (fixture->server), NULL };
  const char *counts = "SELECT (SELECT count(*) FROM invoices) * 1000000"
                       " + (SELECT count(*) FROM payments) * 10000"
                       " + (SELECT count(*) FROM connections) * 100"
                       " + (SELECT sum (balance_cents) FROM invoices) % 100";
  gint64 before = ef_test_db_query_int (db_path (fixture), counts);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (argv, &out, &err), ==, 0);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), counts), ==, before);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM invoices WHERE number IN"
                                                            " ('pop-F200300001', 'AN-F191100001')"), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, ef_test_demo_set_up, func, ef_test_demo_tear_down)

  ADD ("/server/billing/bill-month", test_bill_month);
  ADD ("/server/billing/bill-bad-input", test_bill_bad_input);
  ADD ("/server/billing/invoices-and-finance", test_invoices_and_finance);
  ADD ("/server/billing/foreign-invoice", test_foreign_invoice);
  ADD ("/server/billing/invoice-pdf", test_invoice_pdf);
  ADD ("/server/billing/offline-payment", test_offline_payment);
  ADD ("/server/billing/history", test_history);
  ADD ("/server/billing/demo-again", test_demo_again);

  return g_test_run ();
}
