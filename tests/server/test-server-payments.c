/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-payments.c: online payment of invoices through the PayFiP
 * simulator, on a real server (demo data, test clock), driven like a
 * browser would: open the provider's page, post its form, follow the
 * return page; and forged, duplicate and late notifications.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "ef-test-api.h"
#include "ef-test-db.h"

static const char * const test_clock_args[] = { "--test-clock", NULL };

#define START "2026-10-05T10:00:00+02:00"

typedef struct
{
  EfTestServer *server;
  SoupSession  *session;
  char         *token;
  gint64        family;
  gint64        invoices[3];  /* 35,00 €, 12,40 €, and a settled one */
  gint64        stranger;     /* another family's invoice */
} Fixture;

static const char *
db_path (Fixture *fixture)
{
  return ef_test_server_get_db_path (fixture->server);
}

/* ------------------------------------------------------------- database */

static gint64
invoice_balance (Fixture *fixture,
                 gint64   invoice)
{
  g_autofree char *sql = g_strdup_printf ("SELECT balance_cents FROM invoices WHERE id = %"
                                          G_GINT64_FORMAT, invoice);

  return ef_test_db_query_int (db_path (fixture), sql);
}

static char *
invoice_status (Fixture *fixture,
                gint64   invoice)
{
  g_autofree char *sql = g_strdup_printf ("SELECT status FROM invoices WHERE id = %"
                                          G_GINT64_FORMAT, invoice);

  return ef_test_db_query_text (db_path (fixture), sql);
}

static gint64
n_receipts (Fixture *fixture)
{
  return ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM outbox WHERE kind = 'payment'");
}

static gint64
add_invoice (Fixture    *fixture,
             gint64      family,
             const char *number,
             gint64      amount,
             gint64      balance)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO invoices (tenant_id, family_id, number, service_id, issue_day, period_start,"
    "  period_end, label, amount_cents, balance_cents, status, due_day, created_at)"
    " VALUES ('7249', %" G_GINT64_FORMAT ", '%s', 'education', '2026-10-01', '2026-09-01',"
    "  '2026-09-30', 'Restauration scolaire septembre 2026', %" G_GINT64_FORMAT ", %"
    G_GINT64_FORMAT ", '%s', '2026-10-31', 0)",
    family, number, amount, balance, balance == 0 ? "settled" : "to_pay");
  g_autofree char *select = g_strdup_printf ("SELECT id FROM invoices WHERE number = '%s'", number);

  ef_test_db_exec (db_path (fixture), sql);
  return ef_test_db_query_int (db_path (fixture), select);
}

/* -------------------------------------------------------------- fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *email = NULL;
  g_autofree char *password = NULL;
  gint64 other;

  fixture->server = ef_test_server_start (TRUE, test_clock_args);
  fixture->session = ef_test_api_session_new ();
  ef_test_api_demo_account (fixture->server, &email, &password);

  fixture->family = ef_test_db_query_int (db_path (fixture), "SELECT family_id FROM accounts WHERE tenant_id = '7249'"
                                                              " ORDER BY id LIMIT 1");
  ef_test_db_exec (db_path (fixture),
                   "INSERT INTO families (tenant_id, name, address_line1, address_line2, postal_code,"
                   "  city, created_at, updated_at)"
                   " VALUES ('7249', 'Autre', '1 rue', '', '64140', 'Billère', 0, 0)");
  other = ef_test_db_query_int (db_path (fixture), "SELECT id FROM families WHERE name = 'Autre'");

  /* The tests own the invoices and payments: the demo's are set aside. */
  ef_test_db_exec (db_path (fixture),
                   "DELETE FROM payment_allocations; DELETE FROM payments; DELETE FROM invoices;"
                   "DELETE FROM outbox WHERE kind = 'payment';");

  fixture->invoices[0] = add_invoice (fixture, fixture->family, "pop-F261000001", 3500, 3500);
  fixture->invoices[1] = add_invoice (fixture, fixture->family, "pop-F261000002", 1240, 1240);
  fixture->invoices[2] = add_invoice (fixture, fixture->family, "pop-F260900007", 2000, 0);
  fixture->stranger = add_invoice (fixture, other, "pop-F261000003", 5000, 5000);

  /* The clock first: a session opened at the machine's time could be
   * months old, or not begun yet, at the test's. */
  ef_test_api_set_clock (fixture->session, fixture->server, NULL, START);
  fixture->token = ef_test_api_login (fixture->session, fixture->server, email, password);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->server, ef_test_server_free);
  g_free (fixture->token);
}

/* ---------------------------------------------------------------- helpers */

static JsonNode *
create_payment (Fixture    *fixture,
                const char *body,
                guint      *status)
{
  return ef_test_api_request (fixture->session, fixture->server, "POST", "/7249/api/v1/payments",
                              fixture->token, body, status);
}

/* Each of @bodies (NULL-terminated) is refused with @status, the first
 * with the error @code; no payment is made. */
static void
assert_payments_refused (Fixture            *fixture,
                         const char * const *bodies,
                         guint               status,
                         const char         *code)
{
  for (guint i = 0; bodies[i] != NULL; i++)
    {
      g_autoptr(JsonNode) answer = NULL;
      guint answered = 0;

      g_test_message ("%s", bodies[i]);
      answer = create_payment (fixture, bodies[i], &answered);
      g_assert_cmpuint (answered, ==, status);
      if (i == 0)
        g_assert_cmpstr (ef_test_api_error_code (answer), ==, code);
    }
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM payments"), ==, 0);
}

/* Creates a payment of @invoice alone, which must work; returns its id
 * and the idop of its operation. */
static gint64
start_payment (Fixture  *fixture,
               gint64    invoice,
               char    **idop)
{
  g_autofree char *body = g_strdup_printf ("{\"invoice_ids\": [%" G_GINT64_FORMAT "]}", invoice);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) query = NULL;
  JsonObject *object;
  guint status;

  answer = create_payment (fixture, body, &status);
  g_assert_cmpuint (status, ==, 201);
  object = json_node_get_object (answer);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "pending");
  uri = g_uri_parse (json_object_get_string_member (object, "provider_url"), G_URI_FLAGS_NONE, NULL);
  g_assert_nonnull (uri);
  query = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);
  *idop = g_strdup (g_hash_table_lookup (query, "idop"));
  g_assert_nonnull (*idop);
  return json_object_get_int_member (object, "id");
}

static JsonNode *
get_payment (Fixture *fixture,
             gint64   id)
{
  g_autofree char *path = g_strdup_printf ("/7249/api/v1/payments/%" G_GINT64_FORMAT, id);
  JsonNode *answer;
  guint status;

  answer = ef_test_api_request (fixture->session, fixture->server, "GET", path,
                                fixture->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  return answer;
}

static char *
payment_status (Fixture *fixture,
                gint64   id)
{
  g_autoptr(JsonNode) answer = get_payment (fixture, id);

  return g_strdup (json_object_get_string_member (json_node_get_object (answer), "status"));
}

/* Payment @id is in @status, the first invoice's balance is @balance and
 * @receipts receipts of payments are in the outbox. */
static void
assert_payment (Fixture    *fixture,
                gint64      id,
                const char *status,
                gint64      balance,
                gint64      receipts)
{
  g_autofree char *status_text = payment_status (fixture, id);

  g_assert_cmpstr (status_text, ==, status);
  g_assert_cmpint (invoice_balance (fixture, fixture->invoices[0]), ==, balance);
  g_assert_cmpint (n_receipts (fixture), ==, receipts);
}

static char *
simulator_url (Fixture    *fixture,
               const char *idop)
{
  return g_strdup_printf ("%s/_payfip/tpa/paiementws.web?idop=%s",
                          ef_test_server_get_url (fixture->server), idop);
}

/* Posts the simulator's form as its buttons do; returns the HTTP status
 * and the redirection. */
static guint
submit (Fixture     *fixture,
        const char  *idop,
        const char  *action,
        const char  *card,
        gboolean     notify,
        char       **location)
{
  g_autofree char *url = g_strdup_printf ("%s/_payfip/tpa/paiementws.web",
                                          ef_test_server_get_url (fixture->server));
  g_autofree char *form = NULL;
  g_autofree char *body = NULL;
  guint status;

  form = soup_form_encode ("idop", idop, "action", action,
                           "carte", card ? card : "4970 1000 0000 0006",
                           "expiration", "12/30", "cvv", "123",
                           notify ? NULL : "notifier", "0", NULL);
  body = ef_test_api_browse (fixture->session, "POST", url, form, &status, location, NULL);
  return status;
}

/* A POST to urlnotif, as the provider (or anyone) may send it. */
static guint
notify (Fixture    *fixture,
        const char *form)
{
  g_autofree char *url = g_strdup_printf ("%s/7249/api/v1/payfip/notifications",
                                          ef_test_server_get_url (fixture->server));
  g_autofree char *body = NULL;
  guint status;

  body = ef_test_api_browse (fixture->session, "POST", url, form, &status, NULL, NULL);
  return status;
}

static guint
notify_idop (Fixture    *fixture,
             const char *idop)
{
  g_autofree char *form = soup_form_encode ("idop", idop, NULL);

  return notify (fixture, form);
}

static void
set_clock (Fixture    *fixture,
           const char *now)
{
  ef_test_api_set_clock (fixture->session, fixture->server, fixture->token, now);
}

/* ------------------------------------------------------------------ tests */

static void
test_paid_flow (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *body = g_strdup_printf ("{\"invoice_ids\": [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]}",
                                           fixture->invoices[0], fixture->invoices[1]);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autofree char *page = NULL;
  g_autofree char *url = NULL;
  g_autofree char *location = NULL;
  g_autofree char *return_page = NULL;
  g_autofree char *expected_return = NULL;
  g_autofree char *operation = NULL;
  g_autofree char *mail = NULL;
  g_autoptr(GUri) provider = NULL;
  g_autoptr(GHashTable) query = NULL;
  JsonObject *object;
  const char *idop;
  gint64 id;
  guint status;

  answer = create_payment (fixture, body, &status);
  g_assert_cmpuint (status, ==, 201);
  object = json_node_get_object (answer);
  id = json_object_get_int_member (object, "id");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "pending");
  g_assert_cmpstr (json_object_get_string_member (object, "channel"), ==, "online_card");
  g_assert_cmpint (json_object_get_int_member (object, "amount_cents"), ==, 4740);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "invoices")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (object, "expires_at"), ==, "2026-10-05T10:20:00+02:00");

  /* The PayFiP parameters, as stored for the provider. */
  operation = ef_test_db_query_text (db_path (fixture), "SELECT numcli || '|' || exer || '|' || saisie || '|' || mel"
                                                        " || '|' || objet FROM payment_operations");
  g_assert_cmpstr (operation, ==, "012345|2026|T|parent@example.fr|"
                                  "Factures pop-F261000001, pop-F261000002 - Ville de Billere");
  g_assert_true (g_regex_match_simple ("^[A-Za-z0-9]{1,30}$",
                                       json_object_get_string_member (object, "reference"), 0, 0));

  /* The browser opens the provider's page. */
  provider = g_uri_parse (json_object_get_string_member (object, "provider_url"), G_URI_FLAGS_NONE, NULL);
  query = g_uri_parse_params (g_uri_get_query (provider), -1, "&", G_URI_PARAMS_NONE, NULL);
  idop = g_hash_table_lookup (query, "idop");
  url = simulator_url (fixture, idop);
  page = ef_test_api_browse (fixture->session, "GET", url, NULL, &status, NULL, NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (page, "Ville de Billère"));
  g_assert_nonnull (strstr (page, "47,40\u00a0€"));
  g_assert_nonnull (strstr (page, "pop-F261000001"));
  g_assert_nonnull (strstr (page, "<html lang=\"fr\">"));

  /* Pays with the test card: redirected to the server's return page. */
  g_assert_cmpuint (submit (fixture, idop, "payer", NULL, TRUE, &location), ==, 303);
  expected_return = g_strdup_printf ("%s/7249/api/v1/payfip/return?idop=%s",
                                     ef_test_server_get_url (fixture->server), idop);
  g_assert_cmpstr (location, ==, expected_return);

  after = get_payment (fixture, id);
  object = json_node_get_object (after);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "paid");
  g_assert_nonnull (json_object_get_string_member (object, "paid_at"));
  g_assert_true (json_object_get_null_member (object, "provider_url"));
  g_assert_cmpint (invoice_balance (fixture, fixture->invoices[0]), ==, 0);
  g_assert_cmpint (invoice_balance (fixture, fixture->invoices[1]), ==, 0);
  {
    g_autofree char *s0 = invoice_status (fixture, fixture->invoices[0]);
    g_autofree char *s1 = invoice_status (fixture, fixture->invoices[1]);

    g_assert_cmpstr (s0, ==, "settled");
    g_assert_cmpstr (s1, ==, "settled");
  }

  /* The receipt is in the outbox. */
  g_assert_cmpint (n_receipts (fixture), ==, 1);
  mail = ef_test_db_query_text (db_path (fixture), "SELECT recipient || '|' || subject || '|' || body FROM outbox"
                                                   " WHERE kind = 'payment'");
  g_assert_true (g_str_has_prefix (mail, "parent@example.fr|Reçu de votre paiement — Ville de Billère|"));
  g_assert_nonnull (strstr (mail, "47,40\u00a0€"));
  g_assert_nonnull (strstr (mail, "pop-F261000002"));

  /* The return page says so and sends the payer back to the application. */
  return_page = ef_test_api_browse (fixture->session, "GET", location, NULL, &status, NULL, NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (return_page, "Paiement accepté"));
  g_assert_nonnull (strstr (return_page, "revenir à l’application"));

  /* The operation is over: the page cannot be paid again. */
  g_free (page);
  page = ef_test_api_browse (fixture->session, "GET", url, NULL, &status, NULL, NULL);
  g_assert_cmpuint (status, ==, 409);
  g_assert_cmpuint (submit (fixture, idop, "payer", NULL, TRUE, NULL), ==, 409);
  g_assert_cmpint (n_receipts (fixture), ==, 1);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *idop = NULL;
  g_autofree char *idop2 = NULL;
  g_autofree char *status_text = NULL;
  gint64 id, id2;

  /* "Simuler un refus". */
  id = start_payment (fixture, fixture->invoices[0], &idop);
  g_assert_cmpuint (submit (fixture, idop, "refuser", NULL, TRUE, NULL), ==, 303);
  status_text = payment_status (fixture, id);
  g_assert_cmpstr (status_text, ==, "refused");
  g_assert_cmpint (invoice_balance (fixture, fixture->invoices[0]), ==, 3500);

  /* The card the bank refuses; the invoice could be paid again. */
  id2 = start_payment (fixture, fixture->invoices[0], &idop2);
  g_assert_cmpuint (submit (fixture, idop2, "payer", "4000 0000 0000 0002", TRUE, NULL), ==, 303);
  assert_payment (fixture, id2, "refused", 3500, 0);

  /* A card number that is not one: the page asks again, nothing ends. */
  {
    g_autofree char *idop3 = NULL;
    g_autofree char *status3 = NULL;
    gint64 id3 = start_payment (fixture, fixture->invoices[0], &idop3);

    g_assert_cmpuint (submit (fixture, idop3, "payer", "1234 5678", TRUE, NULL), ==, 422);
    status3 = payment_status (fixture, id3);
    g_assert_cmpstr (status3, ==, "pending");
  }
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *idop = NULL;
  g_autofree char *idop2 = NULL;
  g_autofree char *location = NULL;
  g_autofree char *page = NULL;
  g_autofree char *status_text = NULL;
  guint status;
  gint64 id;

  id = start_payment (fixture, fixture->invoices[1], &idop);
  g_assert_cmpuint (submit (fixture, idop, "annuler", NULL, TRUE, &location), ==, 303);
  status_text = payment_status (fixture, id);
  g_assert_cmpstr (status_text, ==, "cancelled");
  g_assert_cmpint (invoice_balance (fixture, fixture->invoices[1]), ==, 1240);
  page = ef_test_api_browse (fixture->session, "GET", location, NULL, &status, NULL, NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (page, "Paiement annulé"));

  /* Payable again. */
  start_payment (fixture, fixture->invoices[1], &idop2);
}

static void
test_expired (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *idop = NULL;
  g_autofree char *idop2 = NULL;
  g_autofree char *url = NULL;
  g_autofree char *page = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint status;
  gint64 id;

  id = start_payment (fixture, fixture->invoices[0], &idop);
  url = simulator_url (fixture, idop);

  /* 14 minutes later the operation can still be paid… */
  set_clock (fixture, "2026-10-05T10:14:00+02:00");
  page = ef_test_api_browse (fixture->session, "GET", url, NULL, &status, NULL, NULL);
  g_assert_cmpuint (status, ==, 200);

  /* …after 15 minutes the provider refuses it, but the payment waits. */
  set_clock (fixture, "2026-10-05T10:15:00+02:00");
  g_free (page);
  page = ef_test_api_browse (fixture->session, "GET", url, NULL, &status, NULL, NULL);
  g_assert_cmpuint (status, ==, 410);
  g_assert_nonnull (strstr (page, "Opération expirée"));
  g_assert_cmpuint (submit (fixture, idop, "payer", NULL, TRUE, NULL), ==, 410);
  before = payment_status (fixture, id);
  g_assert_cmpstr (before, ==, "pending");

  /* After 20 minutes the payment is expired and the invoice payable again. */
  set_clock (fixture, "2026-10-05T10:20:00+02:00");
  after = payment_status (fixture, id);
  g_assert_cmpstr (after, ==, "expired");
  g_assert_cmpint (invoice_balance (fixture, fixture->invoices[0]), ==, 3500);
  start_payment (fixture, fixture->invoices[0], &idop2);
}

static void
test_duplicate_notification (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *idop = NULL;
  g_autofree char *paid = NULL;
  gint64 id;

  id = start_payment (fixture, fixture->invoices[0], &idop);
  g_assert_cmpuint (submit (fixture, idop, "payer", NULL, TRUE, NULL), ==, 303);
  paid = payment_status (fixture, id);
  g_assert_cmpstr (paid, ==, "paid");

  /* PayFiP may notify again: same answer, nothing paid twice. */
  g_assert_cmpuint (notify_idop (fixture, idop), ==, 200);
  g_assert_cmpuint (notify_idop (fixture, idop), ==, 200);
  assert_payment (fixture, id, "paid", 0, 1);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM payments WHERE status = 'paid'"), ==, 1);
}

static void
test_forged_notification (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *idop = NULL;
  g_autofree char *forged = NULL;
  gint64 id;

  id = start_payment (fixture, fixture->invoices[0], &idop);

  /* An idop the provider never gave: acknowledged like any other, so
   * that the answer tells nothing of which operations exist. */
  g_assert_cmpuint (notify (fixture, "idop=0f0e0d0c-0000-4000-8000-000000000000"), ==, 200);
  /* No idop at all, or not a form. */
  g_assert_cmpuint (notify (fixture, "resultrans=P"), ==, 400);
  /* The real idop while the payer has not paid, with a body that claims
   * it was: the server asks the provider, which says nothing yet. */
  forged = g_strdup_printf ("idop=%s&resultrans=P&montant=3500&refdet=X", idop);
  g_assert_cmpuint (notify (fixture, forged), ==, 200);

  assert_payment (fixture, id, "pending", 3500, 0);

  /* Another tenant's path knows nothing of it either. */
  {
    g_autofree char *url = g_strdup_printf ("%s/9999/api/v1/payfip/notifications",
                                            ef_test_server_get_url (fixture->server));
    g_autofree char *form = g_strdup_printf ("idop=%s", idop);
    g_autofree char *body = NULL;
    guint status;

    body = ef_test_api_browse (fixture->session, "POST", url, form, &status, NULL, NULL);
    g_assert_cmpuint (status, ==, 404);
  }
}

/* Whoever posts to urlnotif or opens the return page learns nothing of
 * the payment: no amount, reference nor invoice number. */
static void
test_notification_says_nothing (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *idop = NULL;
  g_autofree char *location = NULL;
  g_autofree char *notif_url = g_strdup_printf ("%s/7249/api/v1/payfip/notifications",
                                                ef_test_server_get_url (fixture->server));
  const char *forms[3] = { NULL, "idop=0f0e0d0c-0000-4000-8000-000000000000", NULL };
  g_autofree char *real_form = NULL;
  g_autofree char *paid = NULL;
  gint64 id;

  id = start_payment (fixture, fixture->invoices[0], &idop);
  real_form = soup_form_encode ("idop", idop, NULL);

  /* Pending (no result yet), unknown, then paid: the same acknowledgement. */
  forms[0] = real_form;
  for (guint round = 0; round < 2; round++)
    {
      for (guint i = 0; forms[i] != NULL; i++)
        {
          g_autoptr(SoupMessageHeaders) headers = NULL;
          g_autofree char *body = NULL;
          guint status;

          body = ef_test_api_browse (fixture->session, "POST", notif_url, forms[i], &status, NULL, &headers);
          g_assert_cmpuint (status, ==, 200);
          g_assert_cmpstr (body, ==, "{\"status\":\"received\"}");
          g_assert_null (strstr (body, "3500"));
          g_assert_null (strstr (body, "pop-F"));
          g_assert_cmpstr (soup_message_headers_get_one (headers, "Cache-Control"), ==, "no-store");
          g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Content-Type-Options"), ==,
                           "nosniff");
        }
      if (round == 0)
        g_assert_cmpuint (submit (fixture, idop, "payer", NULL, FALSE, &location), ==, 303);
    }
  paid = payment_status (fixture, id);
  g_assert_cmpstr (paid, ==, "paid");

  /* The return page: the status and the way back, nothing else. */
  {
    g_autoptr(SoupMessageHeaders) headers = NULL;
    g_autofree char *page = NULL;
    g_autofree char *reference = ef_test_db_query_text (db_path (fixture), "SELECT reference FROM payments");
    guint status;

    page = ef_test_api_browse (fixture->session, "GET", location, NULL, &status, NULL, &headers);
    g_assert_cmpuint (status, ==, 200);
    g_assert_nonnull (strstr (page, "Paiement accepté"));
    g_assert_nonnull (strstr (page, "revenir à l’application"));
    g_assert_null (strstr (page, "35,00"));
    g_assert_null (strstr (page, "Montant"));
    g_assert_null (strstr (page, reference));
    g_assert_null (strstr (page, "pop-F"));
    g_assert_cmpstr (soup_message_headers_get_one (headers, "Cache-Control"), ==, "no-store");
    g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Content-Type-Options"), ==, "nosniff");
    g_assert_cmpstr (soup_message_headers_get_one (headers, "Content-Security-Policy"), ==,
                     "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                     "frame-ancestors 'none'");
  }
}

static void
test_late_notification (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *idop = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *expired = NULL;
  gint64 id;

  id = start_payment (fixture, fixture->invoices[0], &idop);

  /* Paid at the last minute; the notification is lost. */
  set_clock (fixture, "2026-10-05T10:14:30+02:00");
  g_assert_cmpuint (submit (fixture, idop, "payer", NULL, FALSE, NULL), ==, 303);
  pending = payment_status (fixture, id);
  g_assert_cmpstr (pending, ==, "pending");

  set_clock (fixture, "2026-10-05T10:25:00+02:00");
  expired = payment_status (fixture, id);
  g_assert_cmpstr (expired, ==, "expired");

  /* The notification comes late: the provider took the money, so the
   * payment is recorded and the invoice settled. */
  g_assert_cmpuint (notify_idop (fixture, idop), ==, 200);
  assert_payment (fixture, id, "paid", 0, 1);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT late FROM payment_operations"), ==, 1);
}

static void
test_late_notification_paid_elsewhere (Fixture       *fixture,
                                       gconstpointer  data)
{
  g_autofree char *idop = NULL;
  g_autofree char *idop2 = NULL;
  g_autofree char *second = NULL;
  g_autoptr(JsonNode) first = NULL;
  gint64 id, id2;

  id = start_payment (fixture, fixture->invoices[0], &idop);
  g_assert_cmpuint (submit (fixture, idop, "payer", NULL, FALSE, NULL), ==, 303);
  set_clock (fixture, "2026-10-05T10:21:00+02:00");

  /* The invoice, payable again, is paid by a second payment. */
  id2 = start_payment (fixture, fixture->invoices[0], &idop2);
  g_assert_cmpuint (submit (fixture, idop2, "payer", NULL, TRUE, NULL), ==, 303);
  second = payment_status (fixture, id2);
  g_assert_cmpstr (second, ==, "paid");

  /* Then the first one's notification arrives: never paid twice. */
  g_assert_cmpuint (notify_idop (fixture, idop), ==, 200);
  first = get_payment (fixture, id);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (first), "status"), ==, "expired");
  g_assert_true (json_object_get_boolean_member (json_node_get_object (first), "refund_due"));
  g_assert_cmpint (invoice_balance (fixture, fixture->invoices[0]), ==, 0);
  g_assert_cmpint (n_receipts (fixture), ==, 1);
}

static void
test_concurrent_payments (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *idop = NULL;
  g_autofree char *idop2 = NULL;
  g_autofree char *one = g_strdup_printf ("{\"invoice_ids\": [%" G_GINT64_FORMAT "]}",
                                          fixture->invoices[0]);
  g_autofree char *both = g_strdup_printf ("{\"invoice_ids\": [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]}",
                                           fixture->invoices[1], fixture->invoices[0]);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) answer2 = NULL;
  guint status;

  start_payment (fixture, fixture->invoices[0], &idop);

  answer = create_payment (fixture, one, &status);
  g_assert_cmpuint (status, ==, 409);
  g_assert_cmpstr (ef_test_api_error_code (answer), ==, "payment_in_progress");

  /* All or nothing: the other invoice is not taken either. */
  answer2 = create_payment (fixture, both, &status);
  g_assert_cmpuint (status, ==, 409);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM payments"), ==, 1);
  start_payment (fixture, fixture->invoices[1], &idop2);
}

static void
test_other_family (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *stranger = g_strdup_printf ("{\"invoice_ids\": [%" G_GINT64_FORMAT "]}",
                                               fixture->stranger);
  g_autofree char *mixed = g_strdup_printf ("{\"invoice_ids\": [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]}",
                                            fixture->invoices[0], fixture->stranger);
  const char * const refused[] = { stranger, mixed, "{\"invoice_ids\": [999999]}", NULL };
  g_autoptr(JsonNode) d = NULL;
  g_autofree char *idop = NULL;
  guint status;
  gint64 id;

  assert_payments_refused (fixture, refused, 404, "not_found");

  /* Another family's payment cannot be read either. */
  id = start_payment (fixture, fixture->invoices[0], &idop);
  ef_test_db_exec (db_path (fixture), "UPDATE payments SET family_id = (SELECT id FROM families WHERE name = 'Autre')");
  {
    g_autofree char *path = g_strdup_printf ("/7249/api/v1/payments/%" G_GINT64_FORMAT, id);

    d = ef_test_api_request (fixture->session, fixture->server, "GET", path, fixture->token, NULL, &status);
    g_assert_cmpuint (status, ==, 404);
  }

  /* Without a session, nothing. */
  {
    g_autoptr(JsonNode) e = ef_test_api_request (fixture->session, fixture->server, "POST",
                                                 "/7249/api/v1/payments", NULL, stranger, &status);

    g_assert_cmpuint (status, ==, 401);
  }
}

static void
test_no_partial_amount (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *partial = g_strdup_printf ("{\"invoice_ids\": [%" G_GINT64_FORMAT "], \"amount_cents\": 100}",
                                              fixture->invoices[0]);
  g_autofree char *twice = g_strdup_printf ("{\"invoice_ids\": [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]}",
                                            fixture->invoices[0], fixture->invoices[0]);
  const char * const refused[] = { partial, twice, "{\"invoice_ids\": []}", NULL };
  g_autofree char *idop = NULL;
  g_autoptr(JsonNode) d = NULL;
  gint64 id;

  assert_payments_refused (fixture, refused, 422, "unknown_field");

  /* The amount is always the full balance, here one already reduced by
   * a payment at the town hall. */
  ef_test_db_exec (db_path (fixture), "UPDATE invoices SET balance_cents = 2000 WHERE number = 'pop-F261000001'");
  id = start_payment (fixture, fixture->invoices[0], &idop);
  d = get_payment (fixture, id);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (d), "amount_cents"), ==, 2000);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT montant FROM payfip_simulator_operations"), ==, 2000);
}

static void
test_settled_invoice (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *settled = g_strdup_printf ("{\"invoice_ids\": [%" G_GINT64_FORMAT "]}",
                                              fixture->invoices[2]);
  g_autofree char *idop = NULL;
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  guint status;

  a = create_payment (fixture, settled, &status);
  g_assert_cmpuint (status, ==, 422);
  g_assert_cmpstr (ef_test_api_error_code (a), ==, "invoice_not_payable");

  /* Paid online, then asked again. */
  start_payment (fixture, fixture->invoices[1], &idop);
  g_assert_cmpuint (submit (fixture, idop, "payer", NULL, TRUE, NULL), ==, 303);
  {
    g_autofree char *again = g_strdup_printf ("{\"invoice_ids\": [%" G_GINT64_FORMAT "]}",
                                              fixture->invoices[1]);

    b = create_payment (fixture, again, &status);
    g_assert_cmpuint (status, ==, 422);
    g_assert_cmpstr (ef_test_api_error_code (b), ==, "invoice_not_payable");
  }
}

static void
test_unavailable (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *body = g_strdup_printf ("{\"invoice_ids\": [%" G_GINT64_FORMAT "]}",
                                           fixture->invoices[0]);
  g_autoptr(JsonNode) answer = NULL;
  guint status;

  ef_test_db_exec (db_path (fixture), "DELETE FROM payfip_settings");
  answer = create_payment (fixture, body, &status);
  g_assert_cmpuint (status, ==, 503);
  g_assert_cmpstr (ef_test_api_error_code (answer), ==, "payment_unavailable");
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM payments"), ==, 0);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  const char *db = ef_test_server_get_db_path (fixture->server);
  const char *show[] = { "payfip", "--db", db, "--tenant", "7249", NULL };
  const char *bad[] = { "payfip", "--db", db, "--tenant", "7249", "--numcli", "12a45", NULL };
  const char *set[] = { "payfip", "--db", db, "--tenant", "7249", "--numcli", "654321",
                        "--saisie", "X", NULL };
  const char *unknown[] = { "payfip", "--db", db, "--tenant", "0000", "--numcli", "111111", NULL };
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;

  g_assert_cmpint (ef_test_server_run_command (show, &out, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "tenant: 7249\nnumcli: 012345\nsaisie: T\nprovider: simulator\n");
  g_assert_cmpint (ef_test_server_run_command (bad, NULL, &err), ==, 2);
  g_assert_nonnull (strstr (err, "6 digits"));
  g_assert_cmpint (ef_test_server_run_command (set, &out2, NULL), ==, 0);
  g_assert_cmpstr (out2, ==, "tenant: 7249\nnumcli: 654321\nsaisie: X\nprovider: simulator\n");
  g_assert_cmpint (ef_test_server_run_command (unknown, NULL, &err2), ==, 2);
}

/* ------------------------------------------------- the list of payments */

/* GET /payments with @query ("" or "?status=…"): the answer, which must be
 * 200, and its array. */
static JsonArray *
list_payments (Fixture     *fixture,
               const char  *query,
               JsonNode   **keep)
{
  g_autofree char *path = g_strconcat ("/7249/api/v1/payments", query, NULL);
  guint status;

  *keep = ef_test_api_request (fixture->session, fixture->server, "GET", path,
                               fixture->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (*keep);
  return json_object_get_array_member (json_node_get_object (*keep), "payments");
}

static JsonObject *
get_invoice (Fixture   *fixture,
             gint64     invoice,
             JsonNode **keep)
{
  g_autofree char *path = g_strdup_printf ("/7249/api/v1/invoices/%" G_GINT64_FORMAT, invoice);
  guint status;

  *keep = ef_test_api_request (fixture->session, fixture->server, "GET", path,
                               fixture->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  return json_node_get_object (*keep);
}

/* The invoices alone, read after the 20 minutes, show the payment over:
 * nothing else needs to read the payment first. */
static void
test_invoice_after_expiry (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *idop = NULL;
  g_autoptr(JsonNode) during = NULL;
  g_autoptr(JsonNode) after = NULL;
  g_autoptr(JsonNode) list = NULL;
  JsonObject *invoice;
  JsonArray *invoices;
  gboolean found = FALSE;
  guint status;

  start_payment (fixture, fixture->invoices[0], &idop);
  invoice = get_invoice (fixture, fixture->invoices[0], &during);
  g_assert_false (json_object_get_boolean_member (invoice, "payable_online"));
  g_assert_cmpstr (json_object_get_string_member (invoice, "not_payable_reason"), ==, "pending_payment");

  set_clock (fixture, "2026-10-05T10:20:00+02:00");
  invoice = get_invoice (fixture, fixture->invoices[0], &after);
  g_assert_true (json_object_get_boolean_member (invoice, "payable_online"));
  g_assert_true (json_object_get_null_member (invoice, "not_payable_reason"));

  list = ef_test_api_request (fixture->session, fixture->server, "GET",
                              "/7249/api/v1/invoices?status=to_pay", fixture->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  invoices = json_object_get_array_member (json_node_get_object (list), "invoices");
  for (guint i = 0; i < json_array_get_length (invoices); i++)
    {
      JsonObject *item = json_array_get_object_element (invoices, i);

      if (json_object_get_int_member (item, "id") != fixture->invoices[0])
        continue;
      found = TRUE;
      g_assert_true (json_object_get_boolean_member (item, "payable_online"));
    }
  g_assert_true (found);
}

/* `pay` at the town hall (the CLI), then the payment's instants set to
 * @paid_at: the CLI writes the machine's time, the tests never depend on it. */
static gint64
pay_at_counter (Fixture    *fixture,
                const char *number,
                const char *channel,
                const char *amount,
                gint64      paid_at)
{
  const char *argv[] = { "pay", "--db", ef_test_server_get_db_path (fixture->server),
                         "--tenant", "7249", "--invoice", number, "--channel", channel,
                         "--amount", amount, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *sql = NULL;
  gint64 id;

  g_assert_cmpint (ef_test_server_run_command (argv, &out, &err), ==, 0);
  id = ef_test_db_query_int (db_path (fixture), "SELECT max (id) FROM payments");
  sql = g_strdup_printf ("UPDATE payments SET created_at = %" G_GINT64_FORMAT
                         ", updated_at = %" G_GINT64_FORMAT ", paid_at = %" G_GINT64_FORMAT
                         " WHERE id = %" G_GINT64_FORMAT, paid_at, paid_at, paid_at, id);
  ef_test_db_exec (db_path (fixture), sql);
  return id;
}

/* The invoice is paid at the counter while its online payment is under
 * way, then the provider takes the card payment: nothing is paid twice,
 * the payment is a refund to do, seen by the parent and by staff. */
static void
test_counter_while_pending (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *db = ef_test_server_get_db_path (fixture->server);
  const char *list[] = { "payments", "--db", db, "--tenant", "7249", "--to-reconcile", NULL };
  const char *no_note[] = { "payments", "--db", db, "--tenant", "7249", "--reconciled", "1", NULL };
  g_autoptr(GDateTime) counter_at = g_date_time_new_from_iso8601 ("2026-10-05T10:05:00+02:00", NULL);
  g_autoptr(JsonNode) payment = NULL;
  g_autoptr(JsonNode) history = NULL;
  g_autofree char *idop = NULL;
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *out3 = NULL;
  g_autofree char *err = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *refdet = NULL;
  g_autofree char *return_page = NULL;
  g_autofree char *location = NULL;
  JsonArray *entries;
  gboolean seen = FALSE;
  guint status;
  gint64 id;

  id = start_payment (fixture, fixture->invoices[0], &idop);
  pay_at_counter (fixture, "pop-F261000001", "cash", "35.00", g_date_time_to_unix (counter_at));
  g_assert_cmpint (invoice_balance (fixture, fixture->invoices[0]), ==, 0);

  /* The payer pays on the provider's page all the same. */
  g_assert_cmpuint (submit (fixture, idop, "payer", NULL, TRUE, &location), ==, 303);

  /* Nothing paid twice: the counter payment alone settles the invoice. */
  g_assert_cmpint (invoice_balance (fixture, fixture->invoices[0]), ==, 0);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM payments WHERE status = 'paid'"), ==, 1);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM payments WHERE status = 'paid'"
                                                            " AND channel = 'online_card'"), ==, 0);
  g_assert_cmpint (n_receipts (fixture), ==, 0);

  /* The parent sees it: the payment, and its history entry. */
  payment = get_payment (fixture, id);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (payment), "refund_due"));
  g_assert_true (json_object_get_null_member (json_node_get_object (payment), "provider_url"));
  history = ef_test_api_request (fixture->session, fixture->server, "GET",
                                 "/7249/api/v1/history/payments", fixture->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  entries = json_object_get_array_member (json_node_get_object (history), "payments");
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      g_assert_true (json_object_has_member (entry, "refund_due"));
      if (json_object_get_int_member (entry, "id") == id)
        {
          g_assert_true (json_object_get_boolean_member (entry, "refund_due"));
          seen = TRUE;
        }
      else
        g_assert_false (json_object_get_boolean_member (entry, "refund_due"));
    }
  g_assert_true (seen);
  return_page = ef_test_api_browse (fixture->session, "GET", location, NULL, &status, NULL, NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (return_page, "Paiement à rembourser"));

  /* Staff see it. */
  refdet = ef_test_db_query_text (db_path (fixture), "SELECT reference FROM payments WHERE channel = 'online_card'");
  g_assert_cmpint (ef_test_server_run_command (list, &out, NULL), ==, 0);
  expected = g_strdup_printf ("%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t", id, fixture->family);
  g_assert_true (g_str_has_prefix (out, expected));
  g_assert_nonnull (strstr (out, "35"));
  g_assert_nonnull (strstr (out, "2026-10-05"));
  g_assert_nonnull (strstr (out, refdet));

  /* A note is required; then the payment leaves the list. */
  g_assert_cmpint (ef_test_server_run_command (no_note, NULL, &err), ==, 2);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  {
    const char *done[] = { "payments", "--db", db, "--tenant", "7249", "--reconciled", id_text,
                           "--note", "Virement de remboursement 2026-118", NULL };

    g_assert_cmpint (ef_test_server_run_command (done, &out2, NULL), ==, 0);
    g_assert_cmpint (ef_test_server_run_command (done, NULL, &err2), ==, 2);
  }
  g_assert_cmpint (ef_test_server_run_command (list, &out3, NULL), ==, 0);
  g_assert_cmpstr (out3, ==, "");
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM staff_audit"
                                                            " WHERE action = 'payment_reconciled'"), ==, 1);
}

static void
test_list_empty (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) pending = NULL;
  g_autoptr(JsonNode) invoice = NULL;
  JsonObject *object;

  g_assert_cmpuint (json_array_get_length (list_payments (fixture, "", &all)), ==, 0);
  g_assert_cmpuint (json_array_get_length (list_payments (fixture, "?status=pending", &pending)), ==, 0);

  /* An invoice nothing paid: its payments are an empty array, never absent. */
  object = get_invoice (fixture, fixture->invoices[0], &invoice);
  g_assert_true (json_object_has_member (object, "payments"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "payments")), ==, 0);
}

static void
test_list_pending (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *idop = NULL;
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) pending = NULL;
  g_autoptr(JsonNode) paid = NULL;
  g_autoptr(JsonNode) one = NULL;
  g_autoptr(JsonNode) invoice = NULL;
  JsonArray *array;
  JsonObject *object;
  gint64 id;

  id = start_payment (fixture, fixture->invoices[0], &idop);

  array = list_payments (fixture, "", &all);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  object = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "pending");
  g_assert_cmpstr (json_object_get_string_member (object, "channel"), ==, "online_card");
  g_assert_cmpint (json_object_get_int_member (object, "amount_cents"), ==, 3500);
  g_assert_cmpstr (json_object_get_string_member (object, "expires_at"), ==, "2026-10-05T10:20:00+02:00");
  g_assert_nonnull (json_object_get_string_member (object, "provider_url"));

  /* Exactly what GET /payments/{id} says of it. */
  one = get_payment (fixture, id);
  g_assert_true (json_node_equal (json_array_get_element (array, 0), one));

  /* ?status= keeps one status. */
  array = list_payments (fixture, "?status=pending", &pending);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 0), "id"), ==, id);
  g_assert_cmpuint (json_array_get_length (list_payments (fixture, "?status=paid", &paid)), ==, 0);

  /* A pending payment paid nothing yet. */
  object = get_invoice (fixture, fixture->invoices[0], &invoice);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "payments")), ==, 0);
}

static void
test_list_paid_online (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *body = g_strdup_printf ("{\"invoice_ids\": [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]}",
                                           fixture->invoices[0], fixture->invoices[1]);
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) pending = NULL;
  g_autoptr(JsonNode) paid = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(GUri) provider = NULL;
  g_autoptr(GHashTable) query = NULL;
  const gint64 amounts[] = { 3500, 1240 };
  JsonNode *invoices[2];
  JsonArray *array;
  JsonObject *object;
  guint status;
  gint64 id;

  /* One payment of two invoices, paid five minutes later. */
  answer = create_payment (fixture, body, &status);
  g_assert_cmpuint (status, ==, 201);
  object = json_node_get_object (answer);
  id = json_object_get_int_member (object, "id");
  provider = g_uri_parse (json_object_get_string_member (object, "provider_url"), G_URI_FLAGS_NONE, NULL);
  query = g_uri_parse_params (g_uri_get_query (provider), -1, "&", G_URI_PARAMS_NONE, NULL);
  set_clock (fixture, "2026-10-05T10:05:00+02:00");
  g_assert_cmpuint (submit (fixture, g_hash_table_lookup (query, "idop"), "payer", NULL, TRUE, NULL), ==, 303);

  array = list_payments (fixture, "", &all);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  object = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "paid");
  g_assert_cmpstr (json_object_get_string_member (object, "paid_at"), ==, "2026-10-05T10:05:00+02:00");
  g_assert_true (json_object_get_null_member (object, "provider_url"));
  g_assert_cmpuint (json_array_get_length (list_payments (fixture, "?status=pending", &pending)), ==, 0);
  g_assert_cmpuint (json_array_get_length (list_payments (fixture, "?status=paid", &paid)), ==, 1);

  /* Each invoice says what paid it: its own part of the payment. */
  get_invoice (fixture, fixture->invoices[0], &first);
  get_invoice (fixture, fixture->invoices[1], &second);
  invoices[0] = first;
  invoices[1] = second;
  for (guint i = 0; i < G_N_ELEMENTS (invoices); i++)
    {
      JsonObject *invoice = json_node_get_object (invoices[i]);
      JsonArray *payments = json_object_get_array_member (invoice, "payments");
      JsonObject *payment;

      g_assert_cmpstr (json_object_get_string_member (invoice, "status"), ==, "settled");
      g_assert_cmpuint (json_array_get_length (payments), ==, 1);
      payment = json_array_get_object_element (payments, 0);
      g_assert_cmpuint (json_object_get_size (payment), ==, 4);
      g_assert_cmpint (json_object_get_int_member (payment, "id"), ==, id);
      g_assert_cmpstr (json_object_get_string_member (payment, "channel"), ==, "online_card");
      g_assert_cmpint (json_object_get_int_member (payment, "amount_cents"), ==, amounts[i]);
      g_assert_cmpstr (json_object_get_string_member (payment, "paid_at"), ==, "2026-10-05T10:05:00+02:00");
    }

  /* The list of invoices says the same as each invoice. */
  {
    guint n_found = 0;
    JsonArray *all_invoices;

    list = ef_test_api_request (fixture->session, fixture->server, "GET", "/7249/api/v1/invoices",
                                fixture->token, NULL, &status);
    g_assert_cmpuint (status, ==, 200);
    all_invoices = json_object_get_array_member (json_node_get_object (list), "invoices");
    for (guint i = 0; i < json_array_get_length (all_invoices); i++)
      {
        JsonNode *node = json_array_get_element (all_invoices, i);
        gint64 invoice_id = json_object_get_int_member (json_node_get_object (node), "id");

        if (invoice_id != fixture->invoices[0] && invoice_id != fixture->invoices[1])
          continue;
        g_assert_true (json_node_equal (node, invoice_id == fixture->invoices[0] ? first : second));
        n_found++;
      }
    g_assert_cmpuint (n_found, ==, 2);
  }
}

static void
test_list_counter (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) paid = NULL;
  g_autoptr(JsonNode) invoice = NULL;
  g_autoptr(GDateTime) first_at = g_date_time_new_from_iso8601 ("2026-10-06T09:30:00+02:00", NULL);
  g_autoptr(GDateTime) second_at = g_date_time_new_from_iso8601 ("2026-10-07T16:45:10+02:00", NULL);
  JsonArray *array;
  JsonArray *payments;
  JsonObject *object;
  gint64 cash, cheque;

  /* 12,40 € paid in two parts: the cheque after the cash. */
  cash = pay_at_counter (fixture, "pop-F261000002", "cash", "5.00", g_date_time_to_unix (first_at));
  cheque = pay_at_counter (fixture, "pop-F261000002", "cheque", "7,40", g_date_time_to_unix (second_at));

  /* Newest first, with their channels. */
  array = list_payments (fixture, "", &all);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  object = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, cheque);
  g_assert_cmpstr (json_object_get_string_member (object, "channel"), ==, "cheque");
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "paid");
  g_assert_cmpint (json_object_get_int_member (object, "amount_cents"), ==, 740);
  g_assert_false (json_object_has_member (object, "provider_url"));
  object = json_array_get_object_element (array, 1);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, cash);
  g_assert_cmpstr (json_object_get_string_member (object, "channel"), ==, "cash");
  g_assert_cmpint (json_object_get_int_member (object, "amount_cents"), ==, 500);
  g_assert_cmpuint (json_array_get_length (list_payments (fixture, "?status=paid", &paid)), ==, 2);

  /* The invoice: oldest first. */
  object = get_invoice (fixture, fixture->invoices[1], &invoice);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "settled");
  payments = json_object_get_array_member (object, "payments");
  g_assert_cmpuint (json_array_get_length (payments), ==, 2);
  object = json_array_get_object_element (payments, 0);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, cash);
  g_assert_cmpstr (json_object_get_string_member (object, "channel"), ==, "cash");
  g_assert_cmpint (json_object_get_int_member (object, "amount_cents"), ==, 500);
  g_assert_cmpstr (json_object_get_string_member (object, "paid_at"), ==, "2026-10-06T09:30:00+02:00");
  object = json_array_get_object_element (payments, 1);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, cheque);
  g_assert_cmpstr (json_object_get_string_member (object, "channel"), ==, "cheque");
  g_assert_cmpint (json_object_get_int_member (object, "amount_cents"), ==, 740);
  g_assert_cmpstr (json_object_get_string_member (object, "paid_at"), ==, "2026-10-07T16:45:10+02:00");
}

static void
test_list_expired (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *idop = NULL;
  g_autoptr(JsonNode) before = NULL;
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) pending = NULL;
  g_autoptr(JsonNode) expired = NULL;
  JsonArray *array;
  gint64 id;

  id = start_payment (fixture, fixture->invoices[0], &idop);

  /* Still pending at 19 minutes 59… */
  set_clock (fixture, "2026-10-05T10:19:59+02:00");
  array = list_payments (fixture, "?status=pending", &before);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);

  /* …expired at 20 minutes, on the server's clock: the list expires it
   * as GET /payments/{id} does. */
  set_clock (fixture, "2026-10-05T10:20:00+02:00");
  g_assert_cmpuint (json_array_get_length (list_payments (fixture, "?status=pending", &pending)), ==, 0);
  array = list_payments (fixture, "", &all);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 0), "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "status"),
                   ==, "expired");
  array = list_payments (fixture, "?status=expired", &expired);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpint (invoice_balance (fixture, fixture->invoices[0]), ==, 3500);
}

static void
test_list_other_family (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *idop = NULL;
  g_autoptr(JsonNode) all = NULL;
  g_autoptr(JsonNode) stranger = NULL;
  JsonArray *array;
  gint64 id;

  /* The other family pays at the town hall, and has a payment under way. */
  pay_at_counter (fixture, "pop-F261000003", "cash", "10.00", 1790000000);
  id = start_payment (fixture, fixture->invoices[0], &idop);
  ef_test_db_exec (db_path (fixture), "UPDATE payments SET family_id = (SELECT id FROM families WHERE name = 'Autre')"
                                      " WHERE channel = 'online_card'");
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM payments"), ==, 2);
  g_assert_cmpuint (json_array_get_length (list_payments (fixture, "", &all)), ==, 0);

  /* The family's own payment only, never the other's. */
  {
    g_autofree char *idop2 = NULL;
    gint64 own = start_payment (fixture, fixture->invoices[1], &idop2);

    array = list_payments (fixture, "", &stranger);
    g_assert_cmpuint (json_array_get_length (array), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 0), "id"), ==, own);
    g_assert_cmpint (own, !=, id);
  }
}

static void
test_list_invalid (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char * const bad[] = {
    "?status=bogus", "?status=", "?status=PENDING", "?status=to_pay",
  };
  g_autoptr(JsonNode) ignored = NULL;
  g_autoptr(JsonNode) anonymous = NULL;
  g_autoptr(JsonNode) wrong_method = NULL;
  g_autofree char *idop = NULL;
  guint status;

  start_payment (fixture, fixture->invoices[0], &idop);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = g_strconcat ("/7249/api/v1/payments", bad[i], NULL);
      g_autoptr(JsonNode) answer = NULL;

      answer = ef_test_api_request (fixture->session, fixture->server, "GET", path,
                                    fixture->token, NULL, &status);
      g_assert_cmpuint (status, ==, 422);
      g_assert_cmpstr (ef_test_api_error_code (answer), ==, "invalid_field");
    }

  /* Like GET /invoices, a parameter it does not know is ignored. */
  g_assert_cmpuint (json_array_get_length (list_payments (fixture, "?page=2", &ignored)), ==, 1);

  /* Without a session, nothing. */
  anonymous = ef_test_api_request (fixture->session, fixture->server, "GET", "/7249/api/v1/payments",
                                   NULL, NULL, &status);
  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpstr (ef_test_api_error_code (anonymous), ==, "unauthorized");

  /* The collection takes GET and POST only. */
  wrong_method = ef_test_api_request (fixture->session, fixture->server, "DELETE",
                                      "/7249/api/v1/payments", fixture->token, NULL, &status);
  g_assert_cmpuint (status, ==, 405);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/payments/paid-flow", test_paid_flow);
  ADD ("/payments/refused", test_refused);
  ADD ("/payments/cancelled", test_cancelled);
  ADD ("/payments/expired", test_expired);
  ADD ("/payments/invoice-after-expiry", test_invoice_after_expiry);
  ADD ("/payments/duplicate-notification", test_duplicate_notification);
  ADD ("/payments/forged-notification", test_forged_notification);
  ADD ("/payments/notification-says-nothing", test_notification_says_nothing);
  ADD ("/payments/late-notification", test_late_notification);
  ADD ("/payments/late-notification-paid-elsewhere", test_late_notification_paid_elsewhere);
  ADD ("/payments/counter-while-pending", test_counter_while_pending);
  ADD ("/payments/concurrent", test_concurrent_payments);
  ADD ("/payments/other-family", test_other_family);
  ADD ("/payments/no-partial-amount", test_no_partial_amount);
  ADD ("/payments/settled-invoice", test_settled_invoice);
  ADD ("/payments/unavailable", test_unavailable);
  ADD ("/payments/cli", test_cli);
  ADD ("/payments/list/empty", test_list_empty);
  ADD ("/payments/list/pending", test_list_pending);
  ADD ("/payments/list/paid-online", test_list_paid_online);
  ADD ("/payments/list/counter", test_list_counter);
  ADD ("/payments/list/expired", test_list_expired);
  ADD ("/payments/list/other-family", test_list_other_family);
  ADD ("/payments/list/invalid", test_list_invalid);

  return g_test_run ();
}
