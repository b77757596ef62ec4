/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-payment-follower.c: an online payment from EfClient to the end,
 * against a live server (demo data, test clock) and its PayFiP simulator.
 * The test plays the payer's browser: it opens the provider's address
 * the portal gave and pays, refuses or cancels on the simulator's page
 * over HTTP, while EfPaymentFollower follows the payment. */

#define G_LOG_DOMAIN "EfTestClient"

#include "config.h"

#include <string.h>

#include "api/ef-client.h"
#include "api/ef-payment-follower.h"
#include "client-test-util.h"
#include "ef-test-api.h"
#include "ef-test-server.h"

static const char * const test_clock_args[] = { "--test-clock", NULL };

/* Far from any real date: nothing here may depend on the machine's. */
#define NOW "2027-02-10T10:00:00+01:00"

typedef struct {
  EfTestServer *server;
  SoupSession  *session;
  EfClient     *client;
  guint         n_billing_changed;
  guint         n_finished;
  EfPaymentStatus finished_status;
} Fixture;

static void
on_billing_changed_cb (EfClient *client,
                       Fixture  *fixture)
{
  fixture->n_billing_changed++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *portal_url = NULL;
  g_autofree char *email = NULL;
  g_autofree char *password = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  fixture->server = ef_test_server_start (TRUE, test_clock_args);
  fixture->session = ef_test_api_session_new ();
  ef_test_api_set_clock (fixture->session, fixture->server, NULL, NOW);
  portal_url = ef_test_server_portal_url (fixture->server, "7249");
  ef_test_api_demo_account (fixture->server, &email, &password);
  fixture->client = ef_client_new (portal_url);
  g_signal_connect (fixture->client, "billing-changed", G_CALLBACK (on_billing_changed_cb), fixture);

  ef_client_sign_in_async (fixture->client, email, password, FALSE, NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (ef_client_sign_in_finish (fixture->client, result, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->server, ef_test_server_free);
}

static GListModel *
get_invoices (Fixture         *fixture,
              EfInvoiceFilter  filter)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *invoices;

  ef_client_get_invoices_async (fixture->client, filter, NULL, on_result_cb, &result);
  wait_for_result (&result);
  invoices = ef_client_get_invoices_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  return invoices;
}

static EfInvoice *
find_invoice (Fixture    *fixture,
              const char *number)
{
  g_autoptr (GListModel) invoices = get_invoices (fixture, EF_INVOICE_FILTER_ALL);

  for (guint i = 0; i < g_list_model_get_n_items (invoices); i++)
    {
      g_autoptr (EfInvoice) invoice = g_list_model_get_item (invoices, i);

      if (g_str_equal (ef_invoice_get_number (invoice), number))
        return g_steal_pointer (&invoice);
    }

  g_error ("no invoice %s", number);
}

static EfPayment *
create_payment (Fixture     *fixture,
                const char **numbers,
                GError     **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GAsyncResult) result = NULL;

  for (guint i = 0; numbers[i] != NULL; i++)
    {
      g_autoptr (EfInvoice) invoice = find_invoice (fixture, numbers[i]);
      gint64 id = ef_invoice_get_id (invoice);

      g_array_append_val (ids, id);
    }

  ef_client_create_payment_async (fixture->client, (const gint64 *) ids->data, ids->len, NULL,
                                  on_result_cb, &result);
  wait_for_result (&result);
  return ef_client_create_payment_finish (fixture->client, result, error);
}

static void
on_finished_cb (EfPaymentFollower *follower,
                EfPaymentStatus    status,
                Fixture           *fixture)
{
  fixture->n_finished++;
  fixture->finished_status = status;
}

static EfPaymentFollower *
follow (Fixture   *fixture,
        EfPayment *payment)
{
  EfPaymentFollower *follower = ef_payment_follower_new (fixture->client, payment);

  /* Short waits: the test waits for the result, never for a time. */
  ef_payment_follower_set_intervals (follower, 20, 200);
  g_signal_connect (follower, "finished", G_CALLBACK (on_finished_cb), fixture);
  ef_payment_follower_start (follower);
  g_assert_true (ef_payment_follower_get_following (follower));
  return follower;
}

static void
wait_until_finished (Fixture           *fixture,
                     EfPaymentFollower *follower)
{
  gint64 end = g_get_monotonic_time () + WAIT_TIMEOUT_S * G_USEC_PER_SEC;

  while (fixture->n_finished == 0)
    {
      if (g_get_monotonic_time () > end)
        g_error ("the payment did not end after %d s", WAIT_TIMEOUT_S);
      run_main_loop_for (10);
    }
  g_assert_cmpuint (fixture->n_finished, ==, 1);
  g_assert_false (ef_payment_follower_get_following (follower));
}

/* Pays two invoices whole: 15,00 € + 6,20 €, through the provider's page. */
static void
test_paid (Fixture       *fixture,
           gconstpointer  data)
{
  const char *numbers[] = { "pop-F200300001", "AN-F191100001", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (EfPayment) payment = NULL;
  g_autoptr (EfPaymentFollower) follower = NULL;
  g_autoptr (EfInvoice) first = NULL;
  g_autoptr (EfInvoice) second = NULL;
  g_autoptr (GListModel) to_pay = NULL;
  g_autofree char *return_page = NULL;
  guint reads;

  payment = create_payment (fixture, numbers, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ef_payment_get_status (payment), ==, EF_PAYMENT_STATUS_PENDING);
  g_assert_cmpint (ef_payment_get_amount (payment), ==, 2120);
  g_assert_nonnull (ef_payment_get_provider_url (payment));

  /* Pending: the invoices say why they cannot be paid again now. */
  first = find_invoice (fixture, "pop-F200300001");
  g_assert_false (ef_invoice_get_payable_online (first));
  g_assert_cmpint (ef_invoice_get_not_payable_reason (first), ==, EF_NOT_PAYABLE_REASON_PENDING_PAYMENT);
  g_clear_object (&first);

  follower = follow (fixture, payment);
  /* The payer takes a while: the follower keeps asking meanwhile. */
  while (ef_payment_follower_get_n_reads (follower) < 3)
    run_main_loop_for (10);
  g_assert_cmpint (ef_payment_follower_get_status (follower), ==, EF_PAYMENT_STATUS_PENDING);
  g_assert_cmpuint (fixture->n_finished, ==, 0);

  return_page = ef_test_api_play_provider_page (fixture->session,
                                                ef_payment_get_provider_url (payment),
                                                "payer", NULL, "21,20\u00a0€");
  g_assert_nonnull (strstr (return_page, "<html lang=\"fr\">"));
  wait_until_finished (fixture, follower);
  g_assert_cmpint (fixture->finished_status, ==, EF_PAYMENT_STATUS_PAID);
  g_assert_cmpint (ef_payment_follower_get_status (follower), ==, EF_PAYMENT_STATUS_PAID);
  g_assert_nonnull (ef_payment_get_paid_at (ef_payment_follower_get_payment (follower)));
  g_assert_null (ef_payment_follower_get_error (follower));
  g_assert_cmpuint (fixture->n_billing_changed, ==, 1);

  /* Ended: nobody asks any more. */
  reads = ef_payment_follower_get_n_reads (follower);
  run_main_loop_for (300);
  g_assert_cmpuint (ef_payment_follower_get_n_reads (follower), ==, reads);

  /* The invoices are settled, by this payment. */
  first = find_invoice (fixture, "pop-F200300001");
  second = find_invoice (fixture, "AN-F191100001");
  g_assert_cmpint (ef_invoice_get_status (first), ==, EF_INVOICE_STATUS_SETTLED);
  g_assert_cmpint (ef_invoice_get_balance (first), ==, 0);
  g_assert_cmpint (ef_invoice_get_status (second), ==, EF_INVOICE_STATUS_SETTLED);
  to_pay = get_invoices (fixture, EF_INVOICE_FILTER_TO_PAY);
  for (guint i = 0; i < g_list_model_get_n_items (to_pay); i++)
    {
      g_autoptr (EfInvoice) invoice = g_list_model_get_item (to_pay, i);

      g_assert_cmpstr (ef_invoice_get_number (invoice), !=, "pop-F200300001");
      g_assert_cmpstr (ef_invoice_get_number (invoice), !=, "AN-F191100001");
    }
}

static void
test_refused_then_cancelled (Fixture       *fixture,
                             gconstpointer  data)
{
  const char *numbers[] = { "AN-F191100001", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (EfPayment) refused = NULL;
  g_autoptr (EfPayment) cancelled = NULL;
  g_autoptr (EfPaymentFollower) follower = NULL;
  g_autoptr (EfInvoice) invoice = NULL;
  g_autofree char *page = NULL;

  /* The card the bank refuses. */
  refused = create_payment (fixture, numbers, &error);
  g_assert_no_error (error);
  follower = follow (fixture, refused);
  page = ef_test_api_play_provider_page (fixture->session, ef_payment_get_provider_url (refused),
                                         "payer", "4000 0000 0000 0002", "6,20\u00a0€");
  wait_until_finished (fixture, follower);
  g_assert_cmpint (fixture->finished_status, ==, EF_PAYMENT_STATUS_REFUSED);
  invoice = find_invoice (fixture, "AN-F191100001");
  g_assert_cmpint (ef_invoice_get_balance (invoice), ==, 620);
  g_assert_true (ef_invoice_get_payable_online (invoice));
  g_clear_object (&invoice);
  g_clear_object (&follower);
  g_clear_pointer (&page, g_free);

  /* Then the payer gives up on the provider's page. */
  fixture->n_finished = 0;
  cancelled = create_payment (fixture, numbers, &error);
  g_assert_no_error (error);
  follower = follow (fixture, cancelled);
  page = ef_test_api_play_provider_page (fixture->session, ef_payment_get_provider_url (cancelled),
                                         "annuler", NULL, NULL);
  wait_until_finished (fixture, follower);
  g_assert_cmpint (fixture->finished_status, ==, EF_PAYMENT_STATUS_CANCELLED);
  invoice = find_invoice (fixture, "AN-F191100001");
  g_assert_cmpint (ef_invoice_get_balance (invoice), ==, 620);
  g_assert_cmpint (ef_invoice_get_status (invoice), ==, EF_INVOICE_STATUS_TO_PAY);
  g_assert_cmpuint (fixture->n_billing_changed, ==, 2);
}

/* Nobody pays: 20 minutes later on the portal's clock, it has expired. */
static void
test_expired (Fixture       *fixture,
              gconstpointer  data)
{
  const char *numbers[] = { "pop-F200300001", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (EfPayment) payment = NULL;
  g_autoptr (EfPaymentFollower) follower = NULL;
  g_autoptr (EfInvoice) invoice = NULL;
  g_autoptr (EfPayment) again = NULL;

  payment = create_payment (fixture, numbers, &error);
  g_assert_no_error (error);
  follower = follow (fixture, payment);
  while (ef_payment_follower_get_n_reads (follower) < 2)
    run_main_loop_for (10);
  g_assert_cmpint (ef_payment_follower_get_status (follower), ==, EF_PAYMENT_STATUS_PENDING);

  /* A second payment of the same invoice is refused meanwhile. */
  again = create_payment (fixture, numbers, &error);
  g_assert_null (again);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_PAYMENT_IN_PROGRESS);
  g_clear_error (&error);

  ef_test_api_set_clock (fixture->session, fixture->server, NULL, "2027-02-10T10:20:01+01:00");
  wait_until_finished (fixture, follower);
  g_assert_cmpint (fixture->finished_status, ==, EF_PAYMENT_STATUS_EXPIRED);

  /* The invoice can be paid again. */
  invoice = find_invoice (fixture, "pop-F200300001");
  g_assert_true (ef_invoice_get_payable_online (invoice));
  g_assert_cmpint (ef_invoice_get_balance (invoice), ==, 1500);
}

/* Stopping stops the readings, not the payment: it can be followed again. */
static void
test_stop_and_resume (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *numbers[] = { "pop-F261000001", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (EfPayment) payment = NULL;
  g_autoptr (EfPaymentFollower) follower = NULL;
  g_autoptr (EfPaymentFollower) again = NULL;
  g_autoptr (GListModel) pending = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (EfPayment) found = NULL;
  g_autofree char *page = NULL;
  guint reads;

  payment = create_payment (fixture, numbers, &error);
  g_assert_no_error (error);
  follower = follow (fixture, payment);
  while (ef_payment_follower_get_n_reads (follower) < 1)
    run_main_loop_for (10);
  ef_payment_follower_stop (follower);
  g_assert_false (ef_payment_follower_get_following (follower));
  reads = ef_payment_follower_get_n_reads (follower);
  run_main_loop_for (300);
  g_assert_cmpuint (ef_payment_follower_get_n_reads (follower), ==, reads);
  g_clear_object (&follower);

  /* As after a restart: the payment under way is on the portal. */
  ef_client_get_payments_async (fixture->client, TRUE, NULL, on_result_cb, &result);
  wait_for_result (&result);
  pending = ef_client_get_payments_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pending), ==, 1);
  found = g_list_model_get_item (pending, 0);
  g_assert_cmpint (ef_payment_get_id (found), ==, ef_payment_get_id (payment));
  g_assert_cmpint (ef_payment_get_status (found), ==, EF_PAYMENT_STATUS_PENDING);
  g_assert_cmpstr (ef_payment_get_provider_url (found), ==, ef_payment_get_provider_url (payment));

  again = follow (fixture, found);
  page = ef_test_api_play_provider_page (fixture->session, ef_payment_get_provider_url (found),
                                         "payer", NULL, "70,00\u00a0€");
  wait_until_finished (fixture, again);
  g_assert_cmpint (fixture->finished_status, ==, EF_PAYMENT_STATUS_PAID);
}

/* Paid at the town hall while the card payment was under way, then the
 * bank takes the card payment: the follower ends, the payment says a
 * refund is due, and nothing is paid twice. */
static void
test_refund_due (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *numbers[] = { "AN-F191100001", NULL };
  const char *pay_argv[] = { "pay", "--db", ef_test_server_get_db_path (fixture->server),
                             "--tenant", "7249", "--invoice", "AN-F191100001",
                             "--channel", "cash", "--amount", "6.20", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (EfPayment) payment = NULL;
  g_autoptr (EfPaymentFollower) follower = NULL;
  g_autoptr (EfInvoice) invoice = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *page = NULL;

  payment = create_payment (fixture, numbers, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ef_test_server_run_command (pay_argv, &out, &err), ==, 0);

  follower = follow (fixture, payment);
  page = ef_test_api_play_provider_page (fixture->session, ef_payment_get_provider_url (payment),
                                         "payer", NULL, NULL);
  wait_until_finished (fixture, follower);
  g_assert_true (ef_payment_get_refund_due (ef_payment_follower_get_payment (follower)));

  invoice = find_invoice (fixture, "AN-F191100001");
  g_assert_cmpint (ef_invoice_get_status (invoice), ==, EF_INVOICE_STATUS_SETTLED);
  g_assert_cmpint (ef_invoice_get_balance (invoice), ==, 0);
  g_assert_cmpint (ef_invoice_get_paid (invoice), ==, 620);
}

/* A payment the portal does not know: following ends with the error. */
static void
test_unknown_payment (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *numbers[] = { "pop-F261000001", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (EfPayment) payment = NULL;
  g_autoptr (EfPayment) ghost = NULL;
  g_autoptr (EfPaymentFollower) follower = NULL;

  payment = create_payment (fixture, numbers, &error);
  g_assert_no_error (error);
  ghost = g_object_new (EF_TYPE_PAYMENT, "id", ef_payment_get_id (payment) + 1000, NULL);
  follower = follow (fixture, ghost);
  while (ef_payment_follower_get_following (follower))
    run_main_loop_for (10);
  g_assert_error (ef_payment_follower_get_error (follower), EF_CLIENT_ERROR, EF_CLIENT_ERROR_NOT_FOUND);
  g_assert_cmpuint (fixture->n_finished, ==, 0);
  g_assert_cmpint (ef_payment_follower_get_status (follower), ==, EF_PAYMENT_STATUS_PENDING);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/payment-follower/paid", Fixture, NULL, fixture_set_up, test_paid, fixture_tear_down);
  g_test_add ("/payment-follower/refused-then-cancelled", Fixture, NULL, fixture_set_up,
              test_refused_then_cancelled, fixture_tear_down);
  g_test_add ("/payment-follower/expired", Fixture, NULL, fixture_set_up, test_expired,
              fixture_tear_down);
  g_test_add ("/payment-follower/stop-and-resume", Fixture, NULL, fixture_set_up,
              test_stop_and_resume, fixture_tear_down);
  g_test_add ("/payment-follower/refund-due", Fixture, NULL, fixture_set_up, test_refund_due,
              fixture_tear_down);
  g_test_add ("/payment-follower/unknown-payment", Fixture, NULL, fixture_set_up,
              test_unknown_payment, fixture_tear_down);

  return g_test_run ();
}
