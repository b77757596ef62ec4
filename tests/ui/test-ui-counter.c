/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-counter.c: the town hall's counter in a real window under Xvfb,
 * against a real server (demo data, test clock): the demo agent signs in,
 * finds Léa's family, records a cash payment and gets its receipt, by
 * keyboard only (xdotool keys through XTEST).
 *
 * With EF_SCREENSHOT_DIR, saves the search, the family and the receipt. */

#define G_LOG_DOMAIN "EfTestUi"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <unistd.h>

#include "api/ef-client.h"
#include "ef-application.h"
#include "ef-window.h"
#include "pages/ef-invoices-page.h"
#include "pages/ef-reservations-page.h"
#include "pages/ef-sign-in-page.h"
#include "pages/ef-staff-families-page.h"
#include "pages/ef-staff-lists-page.h"
#include "pages/ef-staff-takings-page.h"
#include "widgets/ef-pdf-view.h"
#include "ef-test-api.h"
#include "ef-test-server.h"
#include "ui-test-util.h"

#define NOW "2026-10-05T10:00:00+02:00"

static EfTestServer *server;
static char *staff_email;
static char *staff_password;
/* Unique on the display, for xdotool to find. */
static char *window_title;

static void
xdotool_keys (const char * const *keys)
{
  g_autofree char *id = ui_test_x_window_id (window_title);

  ui_test_xdotool_keys (id, 50, keys);
}

static gboolean
has_results_cb (gpointer data)
{
  EfStaffFamiliesPage *page = data;
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (ef_staff_families_page_get_results (page), 0);

  /* The results of the whole name typed, not of its first letters: they
   * would be replaced under the keys that follow. */
  return g_strcmp0 (ef_staff_families_page_get_results_text (page), "lea") == 0 &&
         row != NULL &&
         strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Léa") != NULL &&
         gtk_list_box_get_row_at_index (ef_staff_families_page_get_results (page), 1) == NULL;
}

static gboolean
family_open_cb (gpointer data)
{
  return ef_staff_families_page_get_family_id (data) > 0;
}

static gboolean
focus_in_amount_cb (gpointer data)
{
  EfStaffFamiliesPage *page = data;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (page)));
  GtkWidget *amount = gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW);

  return amount != NULL && gtk_widget_get_visible (amount) &&
         strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (amount)), "euro") != NULL;
}

static gboolean
receipt_rendered_cb (gpointer data)
{
  EfStaffFamiliesPage *page = data;
  EfPdfView *view = EF_PDF_VIEW (ef_staff_families_page_get_receipt_view (page));

  return ef_staff_families_page_get_last_payment (page) != NULL &&
         ef_pdf_view_get_n_pages (view) > 0 && ef_pdf_view_get_n_rendered (view) > 0;
}

static EfApplication *
new_application (void)
{
  static guint counter;
  g_autofree char *id = g_strdup_printf ("%s.TestCounter%u", APP_ID, ++counter);

  return ui_test_application_new (id);
}

/* The application's window, the demo agent signed in on the form: the
 * families page, in which the search has the focus. */
static EfStaffFamiliesPage *
sign_in_agent (EfApplication  *application,
               EfWindow      **window_out)
{
  g_autofree char *url = ef_test_server_portal_url (server, "7249");
  EfStaffFamiliesPage *page;
  GtkWidget *sidebar;
  GtkStack *content;
  EfWindow *window;

  g_settings_set_string (ef_application_get_settings (application), "portal-url", url);
  window = ef_window_new (application);
  gtk_window_set_title (GTK_WINDOW (window), window_title);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, window));
  ui_test_assert_state_soon (window, "welcome");

  gtk_editable_set_text (ui_test_form_child (window, "email_row"), staff_email);
  gtk_editable_set_text (ui_test_form_child (window, "password_row"), staff_password);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (ui_test_sign_in_page (window)),
                                             "sign-in.sign-in", NULL));
  ui_test_assert_state_soon (window, "main");
  g_assert_true (ef_client_get_is_staff (ef_application_get_client (application)));

  /* The back office's pages, not a parent's. */
  sidebar = ui_test_window_child (window, "sidebar_list");
  content = ui_test_window_child (window, "content_stack");
  g_assert_cmpstr (gtk_widget_get_name (gtk_widget_get_first_child (sidebar)), ==, "staff-families");
  g_assert_cmpstr (gtk_widget_get_name (gtk_widget_get_next_sibling (gtk_widget_get_first_child (sidebar))), ==,
                   "staff-takings");
  g_assert_cmpstr (gtk_widget_get_name (gtk_widget_get_last_child (sidebar)), ==, "staff-lists");
  g_assert_true (gtk_widget_get_prev_sibling (gtk_widget_get_last_child (sidebar)) ==
                 gtk_widget_get_next_sibling (gtk_widget_get_first_child (sidebar)));
  g_assert_nonnull (ef_window_get_page (window, "staff-takings"));
  g_assert_null (ef_window_get_page (window, "invoices"));
  page = EF_STAFF_FAMILIES_PAGE (ef_window_get_page (window, "staff-families"));
  g_assert_nonnull (page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content), ==, "staff-families");
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, page));

  *window_out = window;
  return page;
}

static void
test_counter_by_keyboard (void)
{
  g_autoptr (EfApplication) application = new_application ();
  g_autoptr (EfClient) checker = NULL;
  g_autoptr (EfStaffFamily) family = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = ef_test_server_portal_url (server, "7249");
  EfStaffFamiliesPage *page;
  EfStaffPayment *payment;
  EfWindow *window;
  gint64 family_id;
  gboolean settled = FALSE;

  page = sign_in_agent (application, &window);

  /* Type a name (no accent), Down to the family, Enter. */
  xdotool_keys ((const char * const []) { "l", "e", "a", NULL });
  g_assert_true (ui_test_wait_until (has_results_cb, page));
  ui_test_maybe_screenshot (GTK_WIDGET (window), "counter-search");
  xdotool_keys ((const char * const []) { "Down", "Return", NULL });
  g_assert_true (ui_test_wait_until (family_open_cb, page));
  family_id = ef_staff_families_page_get_family_id (page);
  g_assert_nonnull (strstr (ef_staff_families_page_get_banner (page), "—"));
  ui_test_maybe_screenshot (GTK_WIDGET (window), "counter-family");

  /* Tab past the invoice and the channel (cash) to the amount, Enter. */
  xdotool_keys ((const char * const []) { "Tab", "Tab", NULL });
  g_assert_true (ui_test_wait_until (focus_in_amount_cb, page));
  xdotool_keys ((const char * const []) { "Return", NULL });
  g_assert_true (ui_test_wait_until (receipt_rendered_cb, page));
  payment = ef_staff_families_page_get_last_payment (page);
  g_assert_cmpstr (ef_staff_payment_get_channel (payment), ==, "cash");
  g_assert_cmpint (ef_staff_payment_get_family_id (payment), ==, family_id);
  g_assert_true (gtk_widget_is_visible (ef_staff_families_page_get_receipt_view (page)));
  ui_test_maybe_screenshot (GTK_WIDGET (window), "counter-receipt");

  /* The server has it: the invoice is settled. */
  checker = ef_client_new (url);
  ef_client_sign_in_async (checker, staff_email, staff_password, FALSE, NULL, ui_test_on_result_cb, &result);
  g_assert_true (ef_client_sign_in_finish (checker, ui_test_wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  ef_client_get_staff_family_async (checker, family_id, NULL, ui_test_on_result_cb, &result);
  family = ef_client_get_staff_family_finish (checker, ui_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (ef_staff_family_get_invoices (family)); i++)
    {
      g_autoptr (EfInvoice) invoice = g_list_model_get_item (ef_staff_family_get_invoices (family), i);

      if (ef_invoice_get_paid (invoice) == ef_staff_payment_get_amount (payment) &&
          ef_invoice_get_status (invoice) == EF_INVOICE_STATUS_SETTLED)
        settled = TRUE;
    }
  g_assert_true (settled);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
family_pages_cb (gpointer data)
{
  EfStaffFamiliesPage *page = data;

  /* The family and the session on its behalf come in either order. */
  return ef_staff_families_page_get_family_id (page) > 0 &&
         ef_staff_families_page_get_family_client (page) != NULL &&
         adw_view_stack_get_child_by_name (ef_staff_families_page_get_family_stack (page),
                                           "history") != NULL;
}

static gboolean
reservations_shown_cb (gpointer data)
{
  return g_str_equal (ef_reservations_page_get_state (data), "calendar");
}

static gboolean
reservations_saved_cb (gpointer data)
{
  return !ef_reservations_page_get_saving (data) &&
         ef_pending_changes_get_n_added (ef_reservations_page_get_pending (data)) == 0;
}

static gboolean
invoices_shown_cb (gpointer data)
{
  return g_str_equal (ef_invoices_page_get_state (data), "invoices");
}

static gboolean
signed_out_cb (gpointer data)
{
  return !ef_client_get_signed_in (data);
}

/* The family's own pages beside the counter, on its behalf: a banner says
 * whose family it is; a reservation made there is the agent's in the
 * audit; paying online stays the family's; leaving ends the session. */
static void
test_on_behalf (void)
{
  g_autoptr (EfApplication) application = new_application ();
  g_autoptr (EfClient) family_client = NULL;
  g_autoptr (SoupSession) session = ef_test_api_session_new ();
  g_autoptr (JsonNode) audit = NULL;
  g_autofree char *agent_token = NULL;
  g_autofree char *audit_path = NULL;
  g_autofree char *audit_text = NULL;
  EfReservationsPage *reservations;
  EfInvoicesPage *invoices;
  EfStaffFamiliesPage *page;
  AdwViewStack *stack;
  EfWindow *window;
  guint status = 0;

  page = sign_in_agent (application, &window);
  xdotool_keys ((const char * const []) { "l", "e", "a", NULL });
  g_assert_true (ui_test_wait_until (has_results_cb, page));
  xdotool_keys ((const char * const []) { "Down", "Return", NULL });
  g_assert_true (ui_test_wait_until (family_pages_cb, page));

  family_client = g_object_ref (ef_staff_families_page_get_family_client (page));
  g_assert_cmpint (ef_client_get_on_behalf_family_id (family_client), ==,
                   ef_staff_families_page_get_family_id (page));
  g_assert_nonnull (strstr (ef_staff_families_page_get_banner (page),
                            ef_client_get_on_behalf_family_name (family_client)));
  stack = ef_staff_families_page_get_family_stack (page);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "counter");

  /* Mes réservations as the family sees it: five days of March. */
  adw_view_stack_set_visible_child_name (stack, "reservations");
  reservations = EF_RESERVATIONS_PAGE (adw_view_stack_get_child_by_name (stack, "reservations"));
  g_assert_true (ui_test_wait_until (reservations_shown_cb, reservations));
  g_assert_cmpuint (ef_reservations_page_reserve_weekdays (reservations, 0x3e,
                                                           ef_day_parse_iso ("2027-03-08", NULL),
                                                           ef_day_parse_iso ("2027-03-12", NULL)), >, 0);
  ui_test_maybe_screenshot (GTK_WIDGET (window), "on-behalf-reservations");
  ef_reservations_page_save (reservations);
  g_assert_true (ui_test_wait_until (reservations_saved_cb, reservations));
  g_assert_null (ef_reservations_page_get_error (reservations));

  /* The audit has it, as the agent's, at the counter. */
  agent_token = ef_test_api_login (session, server, staff_email, staff_password);
  audit_path = g_strdup_printf ("/7249/api/v1/staff/families/%" G_GINT64_FORMAT "/audit",
                                ef_staff_families_page_get_family_id (page));
  audit = ef_test_api_request (session, server, "GET", audit_path, agent_token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  audit_text = json_to_string (audit, FALSE);
  g_assert_nonnull (strstr (audit_text, "\"action\":\"reservations\""));
  g_assert_nonnull (strstr (audit_text, "\"action\":\"family_session_open\""));
  g_assert_nonnull (strstr (audit_text, "\"via\":\"counter\""));

  /* Mes factures: paying online is the family's own. */
  adw_view_stack_set_visible_child_name (stack, "invoices");
  invoices = EF_INVOICES_PAGE (adw_view_stack_get_child_by_name (stack, "invoices"));
  g_assert_true (ui_test_wait_until (invoices_shown_cb, invoices));
  g_assert_false (gtk_widget_is_sensitive (ef_invoices_page_get_pay_button (invoices)));
  ui_test_maybe_screenshot (GTK_WIDGET (window), "on-behalf-invoices");

  /* Back to the search, by keyboard: the family's pages and its session go. */
  xdotool_keys ((const char * const []) { "alt+Left", NULL });
  g_assert_true (ui_test_wait_until (signed_out_cb, family_client));
  g_assert_null (ef_staff_families_page_get_family_client (page));
  g_assert_null (adw_view_stack_get_child_by_name (stack, "reservations"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
lists_loaded_cb (gpointer data)
{
  return ef_staff_lists_page_get_lists (data) != NULL;
}

/* Listes du jour: the portal's today, then a Monday with Léa's meal. */
static void
test_daily_lists (void)
{
  g_autoptr (EfApplication) application = new_application ();
  g_autoptr (EfClient) client = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = ef_test_server_portal_url (server, "7249");
  EfStaffListsPage *page;
  GtkWidget *window;
  GListModel *lists;
  gboolean found = FALSE;

  client = ef_client_new (url);
  ef_client_sign_in_async (client, staff_email, staff_password, FALSE, NULL, ui_test_on_result_cb, &result);
  g_assert_true (ef_client_sign_in_finish (client, ui_test_wait_for_result (&result), &error));
  g_assert_no_error (error);

  window = adw_application_window_new (GTK_APPLICATION (application));
  page = EF_STAFF_LISTS_PAGE (ef_staff_lists_page_new (client));
  gtk_window_set_title (GTK_WINDOW (window), window_title);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, page));

  /* The portal's day, not the machine's. */
  g_assert_cmpuint (ef_staff_lists_page_get_day (page), ==, ef_day_parse_iso ("2026-10-05", NULL));
  g_assert_true (ui_test_wait_until (lists_loaded_cb, page));

  ef_staff_lists_page_set_day (page, ef_day_parse_iso ("2026-11-02", NULL));
  g_assert_true (ui_test_wait_until (lists_loaded_cb, page));
  lists = ef_staff_lists_page_get_lists (page);
  for (guint i = 0; i < g_list_model_get_n_items (lists); i++)
    {
      g_autoptr (EfDailyList) list = g_list_model_get_item (lists, i);

      if (g_strcmp0 (ef_daily_list_get_activity (list), "restaurant-scolaire") == 0)
        found = strstr (ef_daily_list_get_children (list), "Léa") != NULL;
    }
  g_assert_true (found);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "staff-lists.next-day", NULL));
  g_assert_cmpuint (ef_staff_lists_page_get_day (page), ==, ef_day_parse_iso ("2026-11-03", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "staff-lists.previous-day", NULL));
  g_assert_true (ui_test_wait_until (lists_loaded_cb, page));
  ui_test_maybe_screenshot (window, "counter-lists");

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct {
  EfStaffTakingsPage *page;
  gint64              payment_id;
  gboolean            cancelled;
} TakingsWait;

static gboolean
takings_show_cb (gpointer data)
{
  TakingsWait *wait = data;
  GListModel *payments = ef_staff_takings_page_get_payments (wait->page);

  for (guint i = 0; payments != NULL && i < g_list_model_get_n_items (payments); i++)
    {
      g_autoptr (EfStaffPayment) payment = g_list_model_get_item (payments, i);

      if (ef_staff_payment_get_id (payment) == wait->payment_id)
        return ef_staff_payment_get_cancelled (payment) == wait->cancelled;
    }
  return FALSE;
}

static gboolean
takings_receipt_cb (gpointer data)
{
  EfPdfView *view = EF_PDF_VIEW (ef_staff_takings_page_get_receipt_view (data));

  return ef_pdf_view_get_n_pages (view) > 0 && ef_pdf_view_get_n_rendered (view) > 0;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  return ui_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG, TRUE);
}

static gboolean
message_dialog_shown_cb (gpointer data)
{
  AdwMessageDialog *dialog = find_message_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static GListModel *
day_payments (EfClient        *client,
              EfPaymentTotals *totals)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *payments;

  ef_client_get_day_payments_async (client, ef_client_get_today (client), NULL, ui_test_on_result_cb, &result);
  payments = ef_client_get_day_payments_finish (client, ui_test_wait_for_result (&result), totals, &error);
  g_assert_no_error (error);
  return payments;
}

/* Encaissements: a cheque recorded, the day's total read, then the
 * cheque cancelled through the dialog. */
static void
test_takings (void)
{
  g_autoptr (EfApplication) application = new_application ();
  g_autoptr (EfClient) client = NULL;
  g_autoptr (EfStaffFamily) family = NULL;
  g_autoptr (EfStaffPayment) cheque = NULL;
  g_autoptr (GListModel) before = NULL;
  g_autoptr (GListModel) after = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = ef_test_server_portal_url (server, "7249");
  EfPaymentTotals server_totals = { 0 }, page_totals = { 0 }, final_totals = { 0 };
  TakingsWait wait = { 0 };
  AdwMessageDialog *dialog;
  EfStaffTakingsPage *page;
  GtkWidget *window;
  GListModel *invoices;
  gint64 invoice_id = 0;
  gboolean found = FALSE;

  client = ef_client_new (url);
  ef_client_sign_in_async (client, staff_email, staff_password, FALSE, NULL, ui_test_on_result_cb, &result);
  g_assert_true (ef_client_sign_in_finish (client, ui_test_wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* A cheque of 1 € for one of Léa's family's invoices (family 1). */
  ef_client_get_staff_family_async (client, 1, NULL, ui_test_on_result_cb, &result);
  family = ef_client_get_staff_family_finish (client, ui_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  invoices = ef_staff_family_get_invoices (family);
  for (guint i = 0; i < g_list_model_get_n_items (invoices) && invoice_id == 0; i++)
    {
      g_autoptr (EfInvoice) invoice = g_list_model_get_item (invoices, i);

      if (ef_invoice_get_status (invoice) == EF_INVOICE_STATUS_TO_PAY && ef_invoice_get_balance (invoice) > 100)
        invoice_id = ef_invoice_get_id (invoice);
    }
  g_assert_cmpint (invoice_id, >, 0);
  ef_client_record_payment_async (client, 1, EF_PAYMENT_CHANNEL_CHEQUE, &invoice_id, 1, 100, "7654321", NULL,
                                  NULL, ui_test_on_result_cb, &result);
  cheque = ef_client_record_payment_finish (client, ui_test_wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  before = day_payments (client, &server_totals);
  g_assert_cmpint (server_totals.cheque, >=, 100);

  window = adw_application_window_new (GTK_APPLICATION (application));
  page = EF_STAFF_TAKINGS_PAGE (ef_staff_takings_page_new (client));
  gtk_window_set_title (GTK_WINDOW (window), window_title);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, page));

  /* The portal's day, not the machine's; the total is the server's. */
  g_assert_cmpuint (ef_staff_takings_page_get_day (page), ==, ef_day_parse_iso ("2026-10-05", NULL));
  wait.page = page;
  wait.payment_id = ef_staff_payment_get_id (cheque);
  g_assert_true (ui_test_wait_until (takings_show_cb, &wait));
  ef_staff_takings_page_get_totals (page, &page_totals);
  g_assert_cmpint (page_totals.total, ==, server_totals.total);
  g_assert_cmpint (page_totals.cheque, ==, server_totals.cheque);
  g_assert_cmpint (page_totals.cash, ==, server_totals.cash);
  g_assert_cmpuint (g_list_model_get_n_items (ef_staff_takings_page_get_payments (page)), ==,
                    g_list_model_get_n_items (before));

  /* Its receipt, below the list. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "staff-takings.receipt", "x", wait.payment_id));
  g_assert_true (ui_test_wait_until (takings_receipt_cb, page));
  ui_test_maybe_screenshot (window, "counter-takings");

  /* Cancel it: the dialog wants a reason. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "staff-takings.cancel", "x", wait.payment_id));
  g_assert_true (ui_test_wait_until (message_dialog_shown_cb, NULL));
  dialog = find_message_dialog ();
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "cancel-payment"));
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "Chèque sans provision");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "cancel-payment"));
  ui_test_maybe_screenshot_screen ("counter-takings-cancel");
  adw_message_dialog_response (dialog, "cancel-payment");
  wait.cancelled = TRUE;
  g_assert_true (ui_test_wait_until (takings_show_cb, &wait));
  ef_staff_takings_page_get_totals (page, &page_totals);
  g_assert_cmpint (page_totals.total, ==, server_totals.total - 100);
  g_assert_cmpint (page_totals.cheque, ==, server_totals.cheque - 100);
  ui_test_maybe_screenshot (window, "counter-takings-cancelled");

  /* The server has it cancelled, with the reason. */
  after = day_payments (client, &final_totals);
  g_assert_cmpint (final_totals.total, ==, server_totals.total - 100);
  for (guint i = 0; i < g_list_model_get_n_items (after); i++)
    {
      g_autoptr (EfStaffPayment) payment = g_list_model_get_item (after, i);

      if (ef_staff_payment_get_id (payment) != wait.payment_id)
        continue;
      found = TRUE;
      g_assert_true (ef_staff_payment_get_cancelled (payment));
      g_assert_cmpstr (ef_staff_payment_get_cancel_reason (payment), ==, "Chèque sans provision");
    }
  g_assert_true (found);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  static const char * const server_args[] = { "--test-clock", NULL };
  g_autoptr (SoupSession) session = NULL;
  int status;

  window_title = g_strdup_printf ("Counter %d", (int) getpid ());
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  server = ef_test_server_start (TRUE, server_args);
  session = ef_test_api_session_new ();
  ef_test_api_demo_staff_account (server, &staff_email, &staff_password);
  ef_test_api_set_clock (session, server, NULL, NOW);

  g_test_add_func ("/ui/counter/by-keyboard", test_counter_by_keyboard);
  g_test_add_func ("/ui/counter/on-behalf", test_on_behalf);
  g_test_add_func ("/ui/counter/daily-lists", test_daily_lists);
  g_test_add_func ("/ui/counter/takings", test_takings);

  status = g_test_run ();

  g_clear_pointer (&server, ef_test_server_free);
  g_free (staff_email);
  g_free (staff_password);
  g_free (window_title);
  return status;
}
