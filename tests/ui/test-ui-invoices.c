/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-ui-invoices.c: Mes factures in real windows under Xvfb, against a
 * real server (demo data, test clock) and its PayFiP simulator.
 *
 * The parent's browser is a small program that writes down the address it
 * is given, registered as the default handler of http addresses in a
 * private XDG folder: the page opens the provider's page through GIO as
 * it would on a desktop, and the test then plays the browser over HTTP.
 *
 * With EF_SCREENSHOT_DIR, saves screenshots of both views, the waiting
 * state, a result and the PDF preview; EF_SCREENSHOT_DARK=1 takes them in
 * the dark style. */

#define G_LOG_DOMAIN "EfTestUi"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "api/ef-client.h"
#include "ef-application.h"
#include "pages/ef-history-page.h"
#include "pages/ef-invoice-window.h"
#include "pages/ef-invoices-page.h"
#include "pages/ef-page-text.h"
#include "widgets/ef-invoice-row.h"
#include "widgets/ef-pdf-view.h"
#include "ef-test-api.h"
#include "ef-test-server.h"
#include "ui-test-util.h"

/* After invoice pop-F261000001's due day (2 December): it is overdue. */
#define NOW "2026-12-03T10:00:00+01:00"

static EfApplication *application;
/* The server, with the demo family signed in (its token). */
static EfTestDemo demo;
static EfClient *client;
static char *browser_dir;
static char *browser_log;
/* Unique on the display, for xdotool to find. */
static char *window_title;

/* ------------------------------------------------------------ browser */

/* The default handler of http(s) addresses: appends each to a file. */
static void
set_up_browser (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;
  g_autofree char *applications = NULL;
  g_autofree char *script = NULL;
  g_autofree char *script_text = NULL;
  g_autofree char *desktop = NULL;
  g_autofree char *desktop_text = NULL;
  g_autofree char *mimeapps = NULL;

  browser_dir = g_dir_make_tmp ("ef-browser-XXXXXX", &error);
  g_assert_no_error (error);
  data = g_build_filename (browser_dir, "data", NULL);
  config = g_build_filename (browser_dir, "config", NULL);
  applications = g_build_filename (data, "applications", NULL);
  g_assert_cmpint (g_mkdir_with_parents (applications, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (config, 0700), ==, 0);

  browser_log = g_build_filename (browser_dir, "opened.txt", NULL);
  script = g_build_filename (browser_dir, "browser.sh", NULL);
  script_text = g_strdup_printf ("#!/bin/sh\nprintf '%%s\\n' \"$1\" >> '%s'\n", browser_log);
  g_assert_true (g_file_set_contents (script, script_text, -1, &error));
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);

  desktop = g_build_filename (applications, "ef-test-browser.desktop", NULL);
  desktop_text = g_strdup_printf ("[Desktop Entry]\nType=Application\nName=Test Browser\n"
                                  "Exec=%s %%u\nNoDisplay=true\n"
                                  "MimeType=x-scheme-handler/http;x-scheme-handler/https;\n",
                                  script);
  g_assert_true (g_file_set_contents (desktop, desktop_text, -1, &error));
  mimeapps = g_build_filename (config, "mimeapps.list", NULL);
  g_assert_true (g_file_set_contents (mimeapps,
                                      "[Default Applications]\n"
                                      "x-scheme-handler/http=ef-test-browser.desktop\n"
                                      "x-scheme-handler/https=ef-test-browser.desktop\n",
                                      -1, &error));

  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

/* The addresses the fake browser has written whole: its shell creates
 * the log before it writes a line. */
static guint
n_opened (void)
{
  g_autofree char *text = NULL;
  guint n = 0;

  if (!g_file_get_contents (browser_log, &text, NULL, NULL))
    return 0;
  for (const char *c = text; *c != '\0'; c++)
    n += *c == '\n';
  return n;
}

static char *
last_opened (void)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  guint n;

  g_assert_true (g_file_get_contents (browser_log, &text, NULL, NULL));
  lines = g_strsplit (g_strstrip (text), "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, >, 0);
  return g_strdup (lines[n - 1]);
}

typedef struct {
  guint before;
} OpenedWait;

static gboolean
browser_opened_cb (gpointer data)
{
  OpenedWait *wait = data;

  return n_opened () > wait->before;
}

/* ------------------------------------------------------------ helpers */

static GtkWidget *
show_page (EfInvoicesPage **page_out,
           int              width)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));
  GtkWidget *page = ef_invoices_page_new (client);

  gtk_window_set_title (GTK_WINDOW (window), window_title);
  gtk_window_set_default_size (GTK_WINDOW (window), width, 800);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, page));
  *page_out = EF_INVOICES_PAGE (page);
  return window;
}

static void
assert_state_soon (EfInvoicesPage *page,
                   const char     *state)
{
  ui_test_assert_soon_in_state ((UiTestStateFunc) ef_invoices_page_get_state, page, "the page",
                                state);
}

static EfInvoiceRow *find_row (EfInvoicesPage *page,
                                const char     *view,
                                const char     *number);

typedef struct {
  EfInvoiceSelection *selection;
  guint               n;
} SelectedWait;

static gboolean
n_selected_cb (gpointer data)
{
  SelectedWait *wait = data;

  return ef_invoice_selection_get_n_selected (wait->selection) == wait->n;
}

/* Clicks @number's check box with the X server's pointer, and waits until
 * @n invoices are selected. */
static void
click_check (GtkWidget      *window,
             EfInvoicesPage *page,
             const char     *number,
             guint           n)
{
  SelectedWait wait = { ef_invoices_page_get_selection (page), n };
  GtkWidget *check = GTK_WIDGET (ef_invoice_row_get_check (find_row (page, "to-pay", number)));

  ui_test_xdotool_click (GTK_WINDOW (window), check);
  if (!ui_test_wait_until (n_selected_cb, &wait))
    g_error ("after a click on %s, %u invoices selected, not %u", number,
             ef_invoice_selection_get_n_selected (wait.selection), n);
}

static void
assert_total (EfInvoicesPage *page,
              EfCents         cents)
{
  g_autofree char *amount = ef_money_format (cents);
  g_autofree char *expected = g_strdup_printf ("TOTAL %s", amount);

  g_assert_cmpstr (ef_invoices_page_get_total_text (page), ==, expected);
}

static gboolean
has_message_cb (gpointer data)
{
  return ef_invoices_page_get_message (data) != NULL;
}

static const char *
wait_for_message (EfInvoicesPage *page)
{
  g_assert_true (ui_test_wait_until (has_message_cb, page));
  return ef_invoices_page_get_message (page);
}

/* The first EfInvoiceRow under @widget that shows invoice @number. */
static EfInvoiceRow *
find_row_in (GtkWidget  *widget,
             const char *number)
{
  if (EF_IS_INVOICE_ROW (widget))
    {
      EfInvoice *invoice = ef_invoice_row_get_invoice (EF_INVOICE_ROW (widget));

      return invoice != NULL && g_str_equal (ef_invoice_get_number (invoice), number)
               ? EF_INVOICE_ROW (widget) : NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      EfInvoiceRow *row = find_row_in (child, number);

      if (row != NULL)
        return row;
    }

  return NULL;
}

static EfInvoiceRow *
find_row (EfInvoicesPage *page,
          const char     *view,
          const char     *number)
{
  EfInvoiceRow *row = find_row_in (GTK_WIDGET (ef_invoices_page_get_list (page, view)), number);

  if (row == NULL)
    g_error ("no row shows invoice %s in %s", number, view);
  return row;
}

static gboolean
list_has (EfInvoicesPage *page,
          const char     *view,
          const char     *number)
{
  GListModel *invoices = ef_invoices_page_get_invoices (page, view);

  for (guint i = 0; i < g_list_model_get_n_items (invoices); i++)
    {
      g_autoptr (EfInvoice) invoice = g_list_model_get_item (invoices, i);

      if (g_str_equal (ef_invoice_get_number (invoice), number))
        return TRUE;
    }

  return FALSE;
}

typedef struct {
  EfInvoicesPage *page;
  const char     *view;
  const char     *number;
} ListWait;

static gboolean
in_list_cb (gpointer data)
{
  ListWait *wait = data;

  return list_has (wait->page, wait->view, wait->number);
}

static gint64
invoice_id (const char *number)
{
  g_autoptr (JsonNode) answer = NULL;
  JsonArray *invoices;
  guint status;

  answer = ef_test_api_request (demo.session, demo.server, "GET", "/7249/api/v1/invoices",
                                demo.token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  invoices = json_object_get_array_member (json_node_get_object (answer), "invoices");
  for (guint i = 0; i < json_array_get_length (invoices); i++)
    {
      JsonObject *invoice = json_array_get_object_element (invoices, i);

      if (g_str_equal (json_object_get_string_member (invoice, "number"), number))
        return json_object_get_int_member (invoice, "id");
    }

  g_error ("no invoice %s", number);
}

/* A payment made elsewhere (another computer, before a restart). */
static char *
create_payment_elsewhere (const char *number)
{
  g_autofree char *body = g_strdup_printf ("{\"invoice_ids\": [%" G_GINT64_FORMAT "]}", invoice_id (number));
  g_autoptr (JsonNode) answer = NULL;
  guint status;

  answer = ef_test_api_request (demo.session, demo.server, "POST", "/7249/api/v1/payments",
                                demo.token, body, &status);
  g_assert_cmpuint (status, ==, 201);
  return g_strdup (json_object_get_string_member (json_node_get_object (answer), "provider_url"));
}

static void
maybe_dark (gboolean dark)
{
  if (g_strcmp0 (g_getenv ("EF_SCREENSHOT_DARK"), "1") == 0)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_DEFAULT);
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  g_autofree char *full = g_strdup_printf ("%s%s", name,
                                           g_strcmp0 (g_getenv ("EF_SCREENSHOT_DARK"), "1") == 0
                                             ? "-dark" : "");

  ui_test_maybe_screenshot (widget, full);
}

/* -------------------------------------------------------------- tests */

static void
test_lists (void)
{
  EfInvoicesPage *page;
  GtkWidget *window = show_page (&page, 900);
  EfInvoiceRow *row;
  g_autofree char *title = NULL;
  const char *oldest = "30 December 2019";
  g_autofree char *total = ef_money_format (9120);

  assert_state_soon (page, "invoices");
  g_object_get (page, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "My Invoices");

  /* To pay, the default view: newest first. */
  g_assert_cmpstr (ef_invoices_page_get_view (page), ==, "to-pay");
  g_assert_cmpuint (g_list_model_get_n_items (ef_invoices_page_get_invoices (page, "to-pay")), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (ef_invoices_page_get_invoices (page, "settled")), ==, 1);
  g_assert_true (list_has (page, "settled", "pop-F260900001"));

  /* The financial situation, from the portal. */
  g_assert_cmpstr (ef_invoices_page_get_situation (page, "total"), ==, total);
  g_assert_cmpstr (ef_invoices_page_get_situation (page, "count"), ==, "3");
  g_assert_cmpstr (ef_invoices_page_get_situation (page, "oldest"), ==, oldest);

  /* Nothing selected: nothing to pay. */
  assert_total (page, 0);
  g_assert_cmpstr (ef_invoices_page_get_selected_text (page), ==, "No invoice selected");
  g_assert_false (gtk_widget_is_sensitive (ef_invoices_page_get_pay_button (page)));

  /* Each row: number and date, amounts, status as of the portal's day. */
  row = find_row (page, "to-pay", "pop-F261000001");
  g_assert_cmpstr (ef_invoice_row_get_status (row), ==, "Overdue");
  g_assert_null (ef_invoice_row_get_reason (row));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (ef_invoice_row_get_check (row))));
  screenshot (window, "invoices-to-pay");

  ef_invoices_page_set_view (page, "settled");
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, ef_invoices_page_get_list (page, "settled")));
  row = find_row (page, "settled", "pop-F260900001");
  g_assert_cmpstr (ef_invoice_row_get_status (row), ==, "Settled");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (ef_invoice_row_get_check (row))));
  screenshot (window, "invoices-settled");

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 760);
  ef_invoices_page_set_view (page, "to-pay");
  screenshot (window, "invoices-narrow");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Two invoices ticked with the X server's pointer; the total follows. */
static void
test_tick_with_pointer (void)
{
  EfInvoicesPage *page;
  GtkWidget *window = show_page (&page, 900);

  assert_state_soon (page, "invoices");
  click_check (window, page, "pop-F200300001", 1);
  assert_total (page, 1500);
  g_assert_cmpstr (ef_invoices_page_get_selected_text (page), ==, "1 invoice selected");
  g_assert_true (gtk_widget_is_sensitive (ef_invoices_page_get_pay_button (page)));

  click_check (window, page, "AN-F191100001", 2);
  g_assert_true (gtk_check_button_get_active (ef_invoice_row_get_check (find_row (page, "to-pay", "AN-F191100001"))));
  assert_total (page, 2120);
  g_assert_cmpstr (ef_invoices_page_get_selected_text (page), ==, "2 invoices selected");
  screenshot (window, "invoices-selected");

  /* Unticked again by a click. */
  click_check (window, page, "pop-F200300001", 1);
  assert_total (page, 620);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Pay online: the browser opens the provider's page, the test pays there,
 * the page follows until paid and everything reloads. */
static void
test_pay (void)
{
  EfInvoicesPage *page;
  GtkWidget *window = show_page (&page, 900);
  GtkWidget *history_window;
  GtkWidget *history = ef_history_page_new (client);
  OpenedWait opened = { n_opened () };
  g_autofree char *url = NULL;
  g_autofree char *return_page = NULL;
  EfPaymentFollower *follower;
  ListWait settled = { page, "settled", "AN-F191100001" };
  guint history_before;

  assert_state_soon (page, "invoices");

  /* The history of payments, open in another window, this month. */
  history_window = adw_application_window_new (GTK_APPLICATION (application));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (history_window), history);
  gtk_window_present (GTK_WINDOW (history_window));
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, history));
  ef_history_page_set_view (EF_HISTORY_PAGE (history), "payments");
  ef_history_page_set_period (EF_HISTORY_PAGE (history), TRUE, ef_day_new (2026, 12, 1));
  {
    const char * const states[] = { "list", "empty", NULL };
    gint64 end = g_get_monotonic_time () + UI_TEST_WAIT_TIMEOUT_S * G_USEC_PER_SEC;

    while (!g_strv_contains (states, ef_history_page_get_state (EF_HISTORY_PAGE (history), "payments"))
           && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
  }
  history_before = 0;
  for (GtkWidget *r = gtk_widget_get_first_child (GTK_WIDGET (ef_history_page_get_list (EF_HISTORY_PAGE (history), "payments")));
       r != NULL; r = gtk_widget_get_next_sibling (r))
    history_before++;

  click_check (window, page, "AN-F191100001", 1);
  assert_total (page, 620);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_xdotool_click (GTK_WINDOW (window), ef_invoices_page_get_pay_button (page));

  /* Waiting, the browser open on the provider's page. */
  assert_state_soon (page, "waiting");
  g_assert_true (ui_test_wait_until (browser_opened_cb, &opened));
  follower = ef_invoices_page_get_follower (page);
  g_assert_nonnull (follower);
  ef_payment_follower_set_intervals (follower, 50, 300);
  url = last_opened ();
  g_assert_cmpstr (url, ==, ef_payment_get_provider_url (ef_payment_follower_get_payment (follower)));
  g_assert_false (gtk_widget_is_sensitive (ef_invoices_page_get_pay_button (page)));
  screenshot (window, "invoices-waiting");

  return_page = ef_test_api_play_provider_page (demo.session, url, "payer", NULL, "6,20\u00a0€");
  assert_state_soon (page, "invoices");
  g_assert_nonnull (strstr (wait_for_message (page), "is accepted"));
  g_assert_true (ui_test_wait_until (in_list_cb, &settled));
  g_assert_false (list_has (page, "to-pay", "AN-F191100001"));
  g_assert_cmpuint (ef_invoice_selection_get_n_selected (ef_invoices_page_get_selection (page)), ==, 0);
  {
    g_autofree char *total = ef_money_format (9120 - 620);
    gint64 end = g_get_monotonic_time () + UI_TEST_WAIT_TIMEOUT_S * G_USEC_PER_SEC;

    while (g_strcmp0 (ef_invoices_page_get_situation (page, "total"), total) != 0
           && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpstr (ef_invoices_page_get_situation (page, "total"), ==, total);
    g_assert_cmpstr (ef_invoices_page_get_situation (page, "count"), ==, "2");
  }
  screenshot (window, "invoices-paid");

  /* The history shown elsewhere has the payment now. */
  {
    gint64 end = g_get_monotonic_time () + UI_TEST_WAIT_TIMEOUT_S * G_USEC_PER_SEC;
    guint after = 0;

    while (g_get_monotonic_time () < end)
      {
        after = 0;
        for (GtkWidget *r = gtk_widget_get_first_child (GTK_WIDGET (ef_history_page_get_list (EF_HISTORY_PAGE (history), "payments")));
             r != NULL; r = gtk_widget_get_next_sibling (r))
          after++;
        if (after > history_before)
          break;
        g_main_context_iteration (NULL, TRUE);
      }
    g_assert_cmpuint (after, ==, history_before + 1);
  }

  gtk_window_destroy (GTK_WINDOW (history_window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_refused (void)
{
  EfInvoicesPage *page;
  GtkWidget *window = show_page (&page, 900);
  OpenedWait opened = { n_opened () };
  g_autofree char *url = NULL;
  g_autofree char *return_page = NULL;

  assert_state_soon (page, "invoices");
  g_assert_true (ef_invoice_selection_set_selected (ef_invoices_page_get_selection (page),
                                                    ef_invoice_row_get_invoice (find_row (page, "to-pay", "pop-F200300001")),
                                                    TRUE));
  gtk_widget_activate_action (GTK_WIDGET (page), "invoices.pay", NULL);
  assert_state_soon (page, "waiting");
  g_assert_true (ui_test_wait_until (browser_opened_cb, &opened));
  ef_payment_follower_set_intervals (ef_invoices_page_get_follower (page), 50, 300);
  url = last_opened ();

  return_page = ef_test_api_play_provider_page (demo.session, url, "refuser", NULL, "15,00\u00a0€");
  assert_state_soon (page, "invoices");
  g_assert_nonnull (strstr (wait_for_message (page), "bank refused"));
  /* Still to pay, and payable again. */
  g_assert_true (list_has (page, "to-pay", "pop-F200300001"));
  screenshot (window, "invoices-refused");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A payment left under way (the application was closed) is found and
 * followed at the next start, without opening the browser again. */
static void
test_resume_and_cancel (void)
{
  EfInvoicesPage *page;
  GtkWidget *window;
  g_autofree char *url = create_payment_elsewhere ("pop-F200300001");
  g_autofree char *return_page = NULL;
  guint opened = n_opened ();

  window = show_page (&page, 900);
  assert_state_soon (page, "waiting");
  g_assert_nonnull (ef_invoices_page_get_follower (page));
  ef_payment_follower_set_intervals (ef_invoices_page_get_follower (page), 50, 300);
  g_assert_cmpuint (n_opened (), ==, opened);

  return_page = ef_test_api_play_provider_page (demo.session, url, "annuler", NULL, NULL);
  assert_state_soon (page, "invoices");
  g_assert_nonnull (strstr (wait_for_message (page), "cancelled"));
  g_assert_true (list_has (page, "to-pay", "pop-F200300001"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Stop following: back to the lists, the invoice says a payment is under
 * way; the portal refuses to pay it twice, and says so. */
static void
test_stop_and_conflict (void)
{
  EfInvoicesPage *page;
  GtkWidget *window = show_page (&page, 900);
  OpenedWait opened = { n_opened () };
  EfInvoiceRow *row;
  g_autofree char *other_url = NULL;
  g_autofree char *return_page = NULL;

  assert_state_soon (page, "invoices");
  g_assert_true (ef_invoice_selection_set_selected (ef_invoices_page_get_selection (page),
                                                    ef_invoice_row_get_invoice (find_row (page, "to-pay", "pop-F261000001")),
                                                    TRUE));
  gtk_widget_activate_action (GTK_WIDGET (page), "invoices.pay", NULL);
  assert_state_soon (page, "waiting");
  g_assert_true (ui_test_wait_until (browser_opened_cb, &opened));

  gtk_widget_activate_action (GTK_WIDGET (page), "invoices.stop-following", NULL);
  assert_state_soon (page, "invoices");
  g_assert_null (ef_invoices_page_get_follower (page));
  g_assert_nonnull (strstr (wait_for_message (page), "no longer followed"));
  {
    gint64 end = g_get_monotonic_time () + UI_TEST_WAIT_TIMEOUT_S * G_USEC_PER_SEC;

    do
      {
        g_main_context_iteration (NULL, TRUE);
        row = find_row (page, "to-pay", "pop-F261000001");
      }
    while (ef_invoice_row_get_reason (row) == NULL && g_get_monotonic_time () < end);
  }
  g_assert_cmpstr (ef_invoice_row_get_reason (row), ==, "An online payment of this invoice is under way");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (ef_invoice_row_get_check (row))));

  /* Meanwhile, elsewhere, invoice AN-F191100001 goes into a payment: the
   * page still offers it, the portal refuses, the page says why. */
  other_url = create_payment_elsewhere ("AN-F191100001");
  g_assert_true (ef_invoice_selection_set_selected (ef_invoices_page_get_selection (page),
                                                    ef_invoice_row_get_invoice (find_row (page, "to-pay", "AN-F191100001")),
                                                    TRUE));
  gtk_widget_activate_action (GTK_WIDGET (page), "invoices.dismiss-message", NULL);
  gtk_widget_activate_action (GTK_WIDGET (page), "invoices.pay", NULL);
  g_assert_nonnull (strstr (wait_for_message (page), "already under way"));
  g_assert_cmpstr (ef_invoices_page_get_state (page), ==, "invoices");

  /* Both end: cancelled at the provider, so that the next tests start afresh. */
  return_page = ef_test_api_play_provider_page (demo.session, other_url, "annuler", NULL, NULL);
  g_clear_pointer (&return_page, g_free);
  {
    g_autofree char *first = last_opened ();

    return_page = ef_test_api_play_provider_page (demo.session, first, "annuler", NULL, NULL);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* An invoice's details and its PDF, rendered in the window. */
static void
test_details_and_pdf (void)
{
  EfInvoicesPage *page;
  GtkWidget *window = show_page (&page, 900);
  EfInvoiceRow *row;
  GtkWidget *invoice_window = NULL;
  g_autofree char *details = NULL;
  GtkWidget *view;

  assert_state_soon (page, "invoices");
  row = find_row (page, "to-pay", "pop-F261000001");
  gtk_widget_activate_action (GTK_WIDGET (page), "invoices.show-details", "x",
                              ef_invoice_get_id (ef_invoice_row_get_invoice (row)));

  for (GList *l = gtk_window_list_toplevels (); l != NULL; l = g_list_delete_link (l, l))
    if (EF_IS_INVOICE_WINDOW (l->data))
      invoice_window = l->data;
  g_assert_nonnull (invoice_window);
  g_assert_true (ui_test_wait_until (ui_test_is_mapped_cb, invoice_window));

  details = ef_invoice_window_get_details_text (EF_INVOICE_WINDOW (invoice_window));
  g_test_message ("%s", details);
  {
    g_autofree char *unit = ef_money_format (350);
    g_autofree char *child = ef_money_format (3500);
    g_autofree char *all = ef_money_format (7000);
    g_autofree char *lea = g_strdup_printf ("# Léa Martin\nRestauration scolaire | 10 days × %s | %s\n"
                                            "Total for Léa Martin | %s\n", unit, child, child);
    g_autofree char *hugo = g_strdup_printf ("# Hugo Martin\nRestauration scolaire | 10 days × %s | %s\n",
                                             unit, child);
    g_autofree char *balance = g_strdup_printf ("Balance Due | %s", all);

    g_assert_nonnull (strstr (details, lea));
    g_assert_nonnull (strstr (details, hugo));
    g_assert_nonnull (strstr (details, balance));
    g_assert_nonnull (strstr (details, "Status | Overdue"));
  }
  screenshot (invoice_window, "invoice-details");

  ef_invoice_window_set_view (EF_INVOICE_WINDOW (invoice_window), "pdf");
  view = ef_invoice_window_get_pdf_view (EF_INVOICE_WINDOW (invoice_window));
  {
    gint64 end = g_get_monotonic_time () + UI_TEST_WAIT_TIMEOUT_S * G_USEC_PER_SEC;

    while ((g_strcmp0 (ef_invoice_window_get_pdf_state (EF_INVOICE_WINDOW (invoice_window)), "document") != 0
            || ef_pdf_view_get_n_rendered (EF_PDF_VIEW (view)) < 1)
           && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_cmpstr (ef_invoice_window_get_pdf_state (EF_INVOICE_WINDOW (invoice_window)), ==, "document");
  g_assert_cmpuint (ef_pdf_view_get_n_pages (EF_PDF_VIEW (view)), >=, 1);
  g_assert_nonnull (ef_pdf_view_get_page_texture (EF_PDF_VIEW (view), 0));
  screenshot (invoice_window, "invoice-pdf");

  gtk_window_destroy (GTK_WINDOW (invoice_window));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *url = NULL;
  int status;

  /* Before GIO reads its folders. */
  set_up_browser ();
  window_title = g_strdup_printf ("Invoices %d", (int) getpid ());
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* Clicks land where the widgets are, not where a transition moves them. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  maybe_dark (TRUE);

  ef_test_demo_start (&demo);
  ef_test_demo_sign_in (&demo, NOW);

  url = ef_test_server_portal_url (demo.server, "7249");
  client = ui_test_signed_in_client (url, demo.email, demo.password);

  application = ui_test_application_new (NULL);

  g_test_add_func ("/ui/invoices/lists", test_lists);
  g_test_add_func ("/ui/invoices/tick-with-pointer", test_tick_with_pointer);
  g_test_add_func ("/ui/invoices/details-and-pdf", test_details_and_pdf);
  g_test_add_func ("/ui/invoices/stop-and-conflict", test_stop_and_conflict);
  g_test_add_func ("/ui/invoices/resume-and-cancel", test_resume_and_cancel);
  g_test_add_func ("/ui/invoices/refused", test_refused);
  g_test_add_func ("/ui/invoices/pay", test_pay);

  status = g_test_run ();

  g_clear_object (&client);
  g_clear_object (&application);
  ef_test_demo_clear (&demo);
  remove_tree (browser_dir);
  g_free (browser_log);
  g_free (browser_dir);
  g_free (window_title);

  return status;
}
