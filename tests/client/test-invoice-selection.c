/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-invoice-selection.c: which invoices can be ticked for an online
 * payment, and what they add up to */

#define G_LOG_DOMAIN "EfTestClient"

#include "config.h"

#include "models/ef-invoice-selection.h"

static EfInvoice *
invoice_new (gint64             id,
             EfCents            amount,
             EfCents            balance,
             EfNotPayableReason reason)
{
  g_autofree char *number = g_strdup_printf ("pop-F2611%05" G_GINT64_FORMAT, id);

  return g_object_new (EF_TYPE_INVOICE,
                       "id", id,
                       "number", number,
                       "amount", amount,
                       "balance", balance,
                       "paid", amount - balance,
                       "status", balance > 0 ? EF_INVOICE_STATUS_TO_PAY : EF_INVOICE_STATUS_SETTLED,
                       "payable-online", reason == EF_NOT_PAYABLE_REASON_NONE,
                       "not-payable-reason", reason,
                       NULL);
}

static GListStore *
demo_invoices (void)
{
  GListStore *store = g_list_store_new (EF_TYPE_INVOICE);
  g_autoptr (EfInvoice) a = invoice_new (1, 3500, 1500, EF_NOT_PAYABLE_REASON_NONE);
  g_autoptr (EfInvoice) b = invoice_new (2, 620, 620, EF_NOT_PAYABLE_REASON_NONE);
  g_autoptr (EfInvoice) c = invoice_new (3, 7000, 7000, EF_NOT_PAYABLE_REASON_PENDING_PAYMENT);
  g_autoptr (EfInvoice) d = invoice_new (4, 11900, 0, EF_NOT_PAYABLE_REASON_SETTLED);
  g_autoptr (EfInvoice) e = invoice_new (5, 2000, 2000, EF_NOT_PAYABLE_REASON_NOT_PAYABLE_ONLINE);

  g_list_store_append (store, a);
  g_list_store_append (store, b);
  g_list_store_append (store, c);
  g_list_store_append (store, d);
  g_list_store_append (store, e);
  return store;
}

static EfInvoice *
item (GListStore *store,
      guint       position)
{
  EfInvoice *invoice = g_list_model_get_item (G_LIST_MODEL (store), position);

  g_object_unref (invoice);   /* the store keeps it */
  return invoice;
}

static void
on_changed_cb (EfInvoiceSelection *selection,
               guint              *count)
{
  (*count)++;
}

static void
assert_ids (EfInvoiceSelection *selection,
            const gint64       *expected,
            guint               n_expected)
{
  g_autoptr (GArray) ids = ef_invoice_selection_get_ids (selection);

  g_assert_cmpuint (ids->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[i]);
}

static void
test_total (void)
{
  g_autoptr (GListStore) store = demo_invoices ();
  g_autoptr (EfInvoiceSelection) selection = ef_invoice_selection_new ();
  guint changed = 0;

  g_signal_connect (selection, "changed", G_CALLBACK (on_changed_cb), &changed);
  ef_invoice_selection_set_invoices (selection, G_LIST_MODEL (store));
  g_assert_cmpuint (ef_invoice_selection_get_n_selected (selection), ==, 0);
  g_assert_cmpint (ef_invoice_selection_get_total (selection), ==, 0);
  assert_ids (selection, NULL, 0);

  /* As in the tutorial: the first invoice alone, its balance, not its amount. */
  g_assert_true (ef_invoice_selection_set_selected (selection, item (store, 0), TRUE));
  g_assert_cmpuint (ef_invoice_selection_get_n_selected (selection), ==, 1);
  g_assert_cmpint (ef_invoice_selection_get_total (selection), ==, 1500);
  g_assert_cmpuint (changed, ==, 1);

  g_assert_true (ef_invoice_selection_set_selected (selection, item (store, 1), TRUE));
  g_assert_cmpint (ef_invoice_selection_get_total (selection), ==, 2120);
  assert_ids (selection, (gint64[]) { 1, 2 }, 2);

  /* Twice the same: nothing changes. */
  g_assert_true (ef_invoice_selection_set_selected (selection, item (store, 1), TRUE));
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (ef_invoice_selection_get_n_selected (selection), ==, 2);

  g_assert_true (ef_invoice_selection_set_selected (selection, item (store, 0), FALSE));
  g_assert_cmpint (ef_invoice_selection_get_total (selection), ==, 620);
  assert_ids (selection, (gint64[]) { 2 }, 1);

  ef_invoice_selection_clear (selection);
  g_assert_cmpuint (ef_invoice_selection_get_n_selected (selection), ==, 0);
  g_assert_cmpint (ef_invoice_selection_get_total (selection), ==, 0);
  g_assert_cmpuint (changed, ==, 4);
}

/* Settled, under way, or not payable online: the portal's reasons hold. */
static void
test_not_payable (void)
{
  g_autoptr (GListStore) store = demo_invoices ();
  g_autoptr (EfInvoiceSelection) selection = ef_invoice_selection_new ();
  g_autoptr (EfInvoice) stranger = invoice_new (99, 1000, 1000, EF_NOT_PAYABLE_REASON_NONE);

  ef_invoice_selection_set_invoices (selection, G_LIST_MODEL (store));
  for (guint i = 2; i < 5; i++)
    {
      g_assert_false (ef_invoice_selection_can_select (selection, item (store, i)));
      g_assert_false (ef_invoice_selection_set_selected (selection, item (store, i), TRUE));
      g_assert_false (ef_invoice_selection_get_selected (selection, item (store, i)));
    }

  /* An invoice of no list (a row that outlived its list). */
  g_assert_false (ef_invoice_selection_set_selected (selection, stranger, TRUE));
  g_assert_cmpuint (ef_invoice_selection_get_n_selected (selection), ==, 0);

  ef_invoice_selection_select_all (selection);
  assert_ids (selection, (gint64[]) { 1, 2 }, 2);
  g_assert_cmpint (ef_invoice_selection_get_total (selection), ==, 2120);
}

/* A reload keeps what is still payable and drops the rest. */
static void
test_reload (void)
{
  g_autoptr (GListStore) store = demo_invoices ();
  g_autoptr (GListStore) reloaded = g_list_store_new (EF_TYPE_INVOICE);
  g_autoptr (EfInvoiceSelection) selection = ef_invoice_selection_new ();
  g_autoptr (EfInvoice) a = invoice_new (1, 3500, 1500, EF_NOT_PAYABLE_REASON_PENDING_PAYMENT);
  g_autoptr (EfInvoice) b = invoice_new (2, 620, 620, EF_NOT_PAYABLE_REASON_NONE);
  guint changed = 0;

  ef_invoice_selection_set_invoices (selection, G_LIST_MODEL (store));
  ef_invoice_selection_select_all (selection);
  g_signal_connect (selection, "changed", G_CALLBACK (on_changed_cb), &changed);

  /* Invoice 1 is now in a payment under way. */
  g_list_store_append (reloaded, b);
  g_list_store_append (reloaded, a);
  ef_invoice_selection_set_invoices (selection, G_LIST_MODEL (reloaded));
  assert_ids (selection, (gint64[]) { 2 }, 1);
  g_assert_cmpint (ef_invoice_selection_get_total (selection), ==, 620);
  g_assert_cmpuint (changed, ==, 1);

  /* The list itself changes: invoice 2 is gone. */
  g_list_store_remove (reloaded, 0);
  assert_ids (selection, NULL, 0);
  g_assert_cmpint (ef_invoice_selection_get_total (selection), ==, 0);
  g_assert_cmpuint (changed, ==, 2);
}

/* One payment takes at most 50 invoices, as the portal does. */
static void
test_limit (void)
{
  g_autoptr (GListStore) store = g_list_store_new (EF_TYPE_INVOICE);
  g_autoptr (EfInvoiceSelection) selection = ef_invoice_selection_new ();
  EfCents expected = 0;

  for (gint64 id = 1; id <= 60; id++)
    {
      g_autoptr (EfInvoice) invoice = invoice_new (id, 1000 + id, 1000 + id, EF_NOT_PAYABLE_REASON_NONE);

      g_list_store_append (store, invoice);
      if (id <= 50)
        expected += 1000 + id;
    }

  ef_invoice_selection_set_invoices (selection, G_LIST_MODEL (store));
  ef_invoice_selection_select_all (selection);
  g_assert_cmpuint (ef_invoice_selection_get_n_selected (selection), ==, 50);
  g_assert_cmpint (ef_invoice_selection_get_total (selection), ==, expected);
  g_assert_false (ef_invoice_selection_can_select (selection, item (store, 55)));
  g_assert_false (ef_invoice_selection_set_selected (selection, item (store, 55), TRUE));
  g_assert_true (ef_invoice_selection_can_select (selection, item (store, 0)));

  /* One less, and another can come. */
  g_assert_true (ef_invoice_selection_set_selected (selection, item (store, 0), FALSE));
  g_assert_true (ef_invoice_selection_set_selected (selection, item (store, 55), TRUE));
  g_assert_cmpuint (ef_invoice_selection_get_n_selected (selection), ==, 50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/invoice-selection/total", test_total);
  g_test_add_func ("/invoice-selection/not-payable", test_not_payable);
  g_test_add_func ("/invoice-selection/reload", test_reload);
  g_test_add_func ("/invoice-selection/limit", test_limit);

  return g_test_run ();
}
