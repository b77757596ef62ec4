/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-client-staff.c: the staff calls of EfClient against a live server
 * (demo data, test clock) */

#define G_LOG_DOMAIN "EfTestClient"

#include "config.h"

#include <string.h>

#include "api/ef-client.h"
#include "client-test-util.h"
#include "ef-test-api.h"
#include "ef-test-server.h"

static const char * const test_clock_args[] = { "--test-clock", NULL };

typedef struct {
  EfTestServer *server;
  SoupSession  *session;
  char         *portal_url;
  char         *email;
  char         *password;
  EfClient     *client;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *now = data != NULL ? data : "2026-10-05T08:00:00+02:00";

  fixture->server = ef_test_server_start (TRUE, test_clock_args);
  fixture->session = ef_test_api_session_new ();
  fixture->portal_url = ef_test_server_portal_url (fixture->server, "7249");
  ef_test_api_demo_staff_account (fixture->server, &fixture->email, &fixture->password);
  fixture->client = ef_client_new (fixture->portal_url);
  ef_test_api_set_clock (fixture->session, fixture->server, NULL, now);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->client);
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->server, ef_test_server_free);
  g_free (fixture->portal_url);
  g_free (fixture->email);
  g_free (fixture->password);
}

static void
sign_in (Fixture *fixture)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  ef_client_sign_in_async (fixture->client, fixture->email, fixture->password, FALSE, NULL,
                           on_result_cb, &result);
  wait_for_result (&result);
  g_assert_true (ef_client_sign_in_finish (fixture->client, result, &error));
  g_assert_no_error (error);
}

static GListModel *
search (Fixture    *fixture,
        const char *query,
        guint      *total)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *families;

  ef_client_search_families_async (fixture->client, query, 1, NULL, on_result_cb, &result);
  wait_for_result (&result);
  families = ef_client_search_families_finish (fixture->client, result, total, &error);
  g_assert_no_error (error);
  g_assert_nonnull (families);
  return families;
}

/* The family of Léa, the demo's child. */
static EfStaffFamilySummary *
find_lea (Fixture    *fixture,
          const char *query)
{
  g_autoptr (GListModel) families = NULL;
  guint total = 0;

  families = search (fixture, query, &total);
  g_assert_cmpuint (total, >=, g_list_model_get_n_items (families));
  for (guint i = 0; i < g_list_model_get_n_items (families); i++)
    {
      g_autoptr (EfStaffFamilySummary) family = g_list_model_get_item (families, i);

      if (strstr (ef_staff_family_summary_get_children (family), "Léa") != NULL)
        return g_steal_pointer (&family);
    }
  g_error ("“%s” did not find Léa", query);
}

static EfStaffFamily *
get_family (Fixture *fixture,
            gint64   family_id)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  EfStaffFamily *family;

  ef_client_get_staff_family_async (fixture->client, family_id, NULL, on_result_cb, &result);
  wait_for_result (&result);
  family = ef_client_get_staff_family_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (family);
  return family;
}

static void
test_staff_sign_in (Fixture       *fixture,
                    gconstpointer  data)
{
  const char * const *roles;

  g_assert_false (ef_client_get_is_staff (fixture->client));
  sign_in (fixture);

  g_assert_true (ef_client_get_signed_in (fixture->client));
  g_assert_true (ef_client_get_is_staff (fixture->client));
  g_assert_cmpstr (ef_client_get_account_email (fixture->client), ==, fixture->email);
  g_assert_cmpint (ef_client_get_account_member_id (fixture->client), ==, 0);
  g_assert_nonnull (ef_client_get_staff_name (fixture->client));
  g_assert_cmpstr (ef_client_get_staff_name (fixture->client), !=, "");
  roles = ef_client_get_staff_roles (fixture->client);
  g_assert_nonnull (roles);
  g_assert_nonnull (roles[0]);
}

static void
test_staff_search (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr (EfStaffFamilySummary) plain = NULL;
  g_autoptr (EfStaffFamilySummary) accented = NULL;
  g_autoptr (EfStaffFamilySummary) upper = NULL;
  g_autoptr (GListModel) nobody = NULL;
  guint total = G_MAXUINT;

  sign_in (fixture);

  /* Neither accents nor case matter at the counter. */
  plain = find_lea (fixture, "lea");
  accented = find_lea (fixture, "Léa");
  upper = find_lea (fixture, "LEA");
  g_assert_cmpint (ef_staff_family_summary_get_id (plain), ==,
                   ef_staff_family_summary_get_id (accented));
  g_assert_cmpint (ef_staff_family_summary_get_id (plain), ==,
                   ef_staff_family_summary_get_id (upper));
  g_assert_cmpstr (ef_staff_family_summary_get_name (plain), !=, "");
  g_assert_nonnull (ef_staff_family_summary_get_email (plain));

  nobody = search (fixture, "zzzz-nobody-zzzz", &total);
  g_assert_cmpuint (g_list_model_get_n_items (nobody), ==, 0);
  g_assert_cmpuint (total, ==, 0);
}

static void
test_staff_cash_payment (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (EfStaffFamilySummary) summary = NULL;
  g_autoptr (EfStaffFamily) family = NULL;
  g_autoptr (EfStaffFamily) after = NULL;
  g_autoptr (EfInvoice) invoice = NULL;
  g_autoptr (EfStaffPayment) payment = NULL;
  g_autoptr (EfStaffPayment) cancelled = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GBytes) receipt = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *invoices;
  gint64 invoice_id;
  EfCents balance;

  sign_in (fixture);
  summary = find_lea (fixture, "lea");
  family = get_family (fixture, ef_staff_family_summary_get_id (summary));
  g_assert_cmpint (ef_family_get_id (ef_staff_family_get_family (family)), ==,
                   ef_staff_family_summary_get_id (summary));
  g_assert_cmpuint (g_list_model_get_n_items (ef_family_get_members (ef_staff_family_get_family (family))), >=, 2);
  g_assert_cmpuint (g_list_model_get_n_items (ef_staff_family_get_enrolments (family)), >=, 1);

  invoices = ef_staff_family_get_invoices (family);
  for (guint i = 0; i < g_list_model_get_n_items (invoices) && invoice == NULL; i++)
    {
      g_autoptr (EfInvoice) item = g_list_model_get_item (invoices, i);

      if (ef_invoice_get_status (item) == EF_INVOICE_STATUS_TO_PAY && ef_invoice_get_balance (item) > 0)
        invoice = g_steal_pointer (&item);
    }
  g_assert_nonnull (invoice);
  invoice_id = ef_invoice_get_id (invoice);
  balance = ef_invoice_get_balance (invoice);
  g_assert_cmpint (ef_staff_family_get_total_due (family), >=, balance);

  /* Cash, the whole balance. */
  ef_client_record_payment_async (fixture->client, ef_staff_family_summary_get_id (summary),
                                  EF_PAYMENT_CHANNEL_CASH, &invoice_id, 1, 0, NULL, NULL,
                                  NULL, on_result_cb, &result);
  wait_for_result (&result);
  payment = ef_client_record_payment_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpstr (ef_staff_payment_get_channel (payment), ==, "cash");
  g_assert_cmpstr (ef_staff_payment_get_status (payment), ==, "paid");
  g_assert_cmpint (ef_staff_payment_get_amount (payment), ==, balance);
  g_assert_nonnull (ef_staff_payment_get_receipt_number (payment));
  g_assert_false (ef_staff_payment_get_cancelled (payment));

  after = get_family (fixture, ef_staff_family_summary_get_id (summary));
  g_assert_cmpint (ef_staff_family_get_total_due (after), ==,
                   ef_staff_family_get_total_due (family) - balance);

  ef_client_get_receipt_pdf_async (fixture->client, ef_staff_payment_get_id (payment), NULL,
                                   on_result_cb, &result);
  wait_for_result (&result);
  receipt = ef_client_get_receipt_pdf_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (g_bytes_get_size (receipt), >, 100);
  g_assert_cmpmem (g_bytes_get_data (receipt, NULL), 5, "%PDF-", 5);

  /* A cheque needs its number: the portal says so, not a crash. */
  ef_client_record_payment_async (fixture->client, ef_staff_family_summary_get_id (summary),
                                  EF_PAYMENT_CHANNEL_CHEQUE, &invoice_id, 1, 100, NULL, NULL,
                                  NULL, on_result_cb, &result);
  wait_for_result (&result);
  g_assert_null (ef_client_record_payment_finish (fixture->client, result, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&result);

  ef_client_cancel_payment_async (fixture->client, ef_staff_payment_get_id (payment),
                                  "Erreur de saisie", NULL, on_result_cb, &result);
  wait_for_result (&result);
  cancelled = ef_client_cancel_payment_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_true (ef_staff_payment_get_cancelled (cancelled));
}

static EfStaffPayment *
record_payment (Fixture          *fixture,
                gint64            family_id,
                EfPaymentChannel  channel,
                gint64            invoice_id,
                EfCents           amount,
                const char       *cheque_number)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  EfStaffPayment *payment;

  ef_client_record_payment_async (fixture->client, family_id, channel, &invoice_id, 1, amount,
                                  cheque_number, NULL, NULL, on_result_cb, &result);
  wait_for_result (&result);
  payment = ef_client_record_payment_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  return payment;
}

static void
test_staff_day_payments (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (EfStaffFamilySummary) summary = NULL;
  g_autoptr (EfStaffFamily) family = NULL;
  g_autoptr (EfInvoice) invoice = NULL;
  g_autoptr (EfStaffPayment) cash = NULL;
  g_autoptr (EfStaffPayment) cheque = NULL;
  g_autoptr (EfStaffPayment) cancelled = NULL;
  g_autoptr (GListModel) payments = NULL;
  g_autoptr (GListModel) tomorrow = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  EfPaymentTotals totals = { 0 };
  GListModel *invoices;
  gint64 family_id;
  EfDay today;

  sign_in (fixture);
  summary = find_lea (fixture, "lea");
  family_id = ef_staff_family_summary_get_id (summary);
  family = get_family (fixture, family_id);
  invoices = ef_staff_family_get_invoices (family);
  for (guint i = 0; i < g_list_model_get_n_items (invoices) && invoice == NULL; i++)
    {
      g_autoptr (EfInvoice) item = g_list_model_get_item (invoices, i);

      if (ef_invoice_get_status (item) == EF_INVOICE_STATUS_TO_PAY && ef_invoice_get_balance (item) > 300)
        invoice = g_steal_pointer (&item);
    }
  g_assert_nonnull (invoice);

  /* Two parts of one invoice; the cash is cancelled. */
  cash = record_payment (fixture, family_id, EF_PAYMENT_CHANNEL_CASH, ef_invoice_get_id (invoice), 200, NULL);
  cheque = record_payment (fixture, family_id, EF_PAYMENT_CHANNEL_CHEQUE, ef_invoice_get_id (invoice), 100,
                           "0098765");
  ef_client_cancel_payment_async (fixture->client, ef_staff_payment_get_id (cash),
                                  "Erreur de saisie", NULL, on_result_cb, &result);
  wait_for_result (&result);
  cancelled = ef_client_cancel_payment_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  /* The portal's day, not the machine's. */
  today = ef_client_get_today (fixture->client);
  g_assert_cmpuint (today, ==, ef_day_parse_iso ("2026-10-05", NULL));
  ef_client_get_day_payments_async (fixture->client, today, NULL, on_result_cb, &result);
  wait_for_result (&result);
  payments = ef_client_get_day_payments_finish (fixture->client, result, &totals, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (g_list_model_get_n_items (payments), ==, 2);
  g_assert_cmpint (totals.cash, ==, 0);
  g_assert_cmpint (totals.cheque, ==, 100);
  g_assert_cmpint (totals.transfer, ==, 0);
  g_assert_cmpint (totals.direct_debit, ==, 0);
  g_assert_cmpint (totals.total, ==, 100);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (EfStaffPayment) item = g_list_model_get_item (payments, i);

      g_assert_cmpstr (ef_staff_payment_get_family_name (item), ==, ef_staff_family_summary_get_name (summary));
      g_assert_cmpstr (ef_staff_payment_get_invoice_numbers (item), ==, ef_invoice_get_number (invoice));
      g_assert_nonnull (ef_staff_payment_get_time (item));
      if (ef_staff_payment_get_id (item) == ef_staff_payment_get_id (cash))
        {
          g_assert_true (ef_staff_payment_get_cancelled (item));
          g_assert_cmpstr (ef_staff_payment_get_cancel_reason (item), ==, "Erreur de saisie");
        }
      else
        {
          g_assert_cmpint (ef_staff_payment_get_id (item), ==, ef_staff_payment_get_id (cheque));
          g_assert_false (ef_staff_payment_get_cancelled (item));
          g_assert_cmpstr (ef_staff_payment_get_cheque_number (item), ==, "0098765");
        }
    }

  ef_client_get_day_payments_async (fixture->client, ef_day_add (today, 1), NULL, on_result_cb, &result);
  wait_for_result (&result);
  tomorrow = ef_client_get_day_payments_finish (fixture->client, result, &totals, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tomorrow), ==, 0);
  g_assert_cmpint (totals.total, ==, 0);
}

static void
test_staff_daily_lists (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (GListModel) lists = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GBytes) csv = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (GError) error = NULL;
  gboolean found = FALSE;
  EfDay tomorrow;

  sign_in (fixture);
  /* The portal's today (a Sunday on the test clock), not the machine's. */
  tomorrow = ef_day_add (ef_client_get_today (fixture->client), 1);
  g_assert_cmpuint (tomorrow, ==, ef_day_parse_iso ("2026-11-02", NULL));

  ef_client_get_daily_lists_async (fixture->client, tomorrow, NULL, on_result_cb, &result);
  wait_for_result (&result);
  lists = ef_client_get_daily_lists_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  for (guint i = 0; i < g_list_model_get_n_items (lists); i++)
    {
      g_autoptr (EfDailyList) list = g_list_model_get_item (lists, i);

      if (g_strcmp0 (ef_daily_list_get_activity (list), "restaurant-scolaire") != 0)
        continue;
      found = TRUE;
      g_assert_cmpint (ef_daily_list_get_count (list), >=, 1);
      g_assert_nonnull (strstr (ef_daily_list_get_children (list), "Léa"));
    }
  g_assert_true (found);

  ef_client_get_daily_lists_document_async (fixture->client, tomorrow, EF_DAILY_LIST_FORMAT_CSV,
                                            NULL, on_result_cb, &result);
  wait_for_result (&result);
  csv = ef_client_get_daily_lists_document_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  /* A byte order mark first, for the spreadsheets. */
  g_assert_cmpuint (g_bytes_get_size (csv), >, 7);
  g_assert_cmpmem (g_bytes_get_data (csv, NULL), 7, "\xEF\xBB\xBF" "Date", 7);

  ef_client_get_daily_lists_document_async (fixture->client, tomorrow, EF_DAILY_LIST_FORMAT_PDF,
                                            NULL, on_result_cb, &result);
  wait_for_result (&result);
  pdf = ef_client_get_daily_lists_document_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
}


static void
on_sign_in_required_cb (EfClient *client,
                        gpointer  user_data)
{
  gboolean *required = user_data;

  *required = TRUE;
}

/* A session on a family's behalf: a client of the family's own routes,
 * for that family only, without the family's card; it ends with the
 * agent's session. */
static void
test_staff_on_behalf (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (EfStaffFamilySummary) lea = NULL;
  g_autoptr (EfClient) family_client = NULL;
  g_autoptr (EfFamily) family = NULL;
  g_autoptr (EfPayment) payment = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  gboolean required = FALSE;
  gint64 invoice_id = 1;

  sign_in (fixture);
  lea = find_lea (fixture, "lea");

  ef_client_open_family_session_async (fixture->client, ef_staff_family_summary_get_id (lea),
                                       "phone", NULL, on_result_cb, &result);
  wait_for_result (&result);
  family_client = ef_client_open_family_session_finish (fixture->client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (family_client);
  g_clear_object (&result);

  g_assert_true (ef_client_get_signed_in (family_client));
  g_assert_true (ef_client_get_is_staff (family_client));
  g_assert_cmpint (ef_client_get_on_behalf_family_id (family_client), ==,
                   ef_staff_family_summary_get_id (lea));
  g_assert_cmpstr (ef_client_get_on_behalf_family_name (family_client), ==,
                   ef_staff_family_summary_get_name (lea));
  g_assert_cmpint (ef_client_get_on_behalf_family_id (fixture->client), ==, 0);
  /* The portal's day, known at once, as the agent's client knows it. */
  g_assert_cmpuint (ef_client_get_today (family_client), ==, ef_client_get_today (fixture->client));

  /* The family's own route answers the family. */
  ef_client_get_family_async (family_client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  family = ef_client_get_family_finish (family_client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ef_family_get_id (family), ==, ef_staff_family_summary_get_id (lea));
  g_clear_object (&result);

  /* Paying online is the family's own. */
  ef_client_create_payment_async (family_client, &invoice_id, 1, NULL, on_result_cb, &result);
  wait_for_result (&result);
  payment = ef_client_create_payment_finish (family_client, result, &error);
  g_assert_null (payment);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_clear_object (&result);

  /* The agent's session ends (12 hours later on the portal's clock): the
   * family's is over too, and the client says so (the portal's own tests
   * end it with the agent's logout). */
  g_signal_connect (family_client, "sign-in-required", G_CALLBACK (on_sign_in_required_cb), &required);
  ef_test_api_set_clock (fixture->session, fixture->server, NULL, "2026-10-05T20:30:00+02:00");
  g_clear_object (&family);
  ef_client_get_family_async (family_client, NULL, on_result_cb, &result);
  wait_for_result (&result);
  family = ef_client_get_family_finish (family_client, result, &error);
  g_assert_null (family);
  g_assert_error (error, EF_CLIENT_ERROR, EF_CLIENT_ERROR_SESSION_EXPIRED);
  g_assert_true (required);
  g_assert_false (ef_client_get_signed_in (family_client));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

/* The server's clock at @now (NULL: 5 October 2026, 08:00). */
#define ADD(path, now, func) \
  g_test_add (path, Fixture, now, fixture_set_up, func, fixture_tear_down)
  ADD ("/client/staff/sign-in", NULL, test_staff_sign_in);
  ADD ("/client/staff/search", NULL, test_staff_search);
  ADD ("/client/staff/on-behalf", NULL, test_staff_on_behalf);
  ADD ("/client/staff/cash-payment", NULL, test_staff_cash_payment);
  ADD ("/client/staff/day-payments", NULL, test_staff_day_payments);
  ADD ("/client/staff/daily-lists", "2026-11-01T10:00:00+01:00", test_staff_daily_lists);

  return g_test_run ();
}
