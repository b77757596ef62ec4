/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoice-selection.c: the invoices ticked for an online payment
 *
 * The rules of the tutorial's "Mes factures": only an invoice that can be
 * paid online can be ticked, a payment takes whole invoices (the total is
 * the sum of their full balances), and one payment takes at most
 * EF_INVOICE_SELECTION_MAX invoices, as the portal accepts. The selection
 * is kept by invoice id, so that it survives a reload of the list: an
 * invoice that is gone, or that cannot be paid any more, leaves it.
 */

#define G_LOG_DOMAIN "EfInvoiceSelection"

#include "config.h"

#include "ef-invoice-selection.h"

/* The portal's limit on the invoices of one payment. */
#define EF_INVOICE_SELECTION_MAX 50

struct _EfInvoiceSelection
{
  GObject     parent_instance;

  GListModel *invoices;
  GHashTable *selected;   /* gint64 * id → itself */
  guint       n_selected;
  EfCents     total;
};

G_DEFINE_FINAL_TYPE (EfInvoiceSelection, ef_invoice_selection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INVOICES,
  PROP_N_SELECTED,
  PROP_TOTAL,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
is_payable (EfInvoice *invoice)
{
  return ef_invoice_get_payable_online (invoice) && ef_invoice_get_balance (invoice) > 0;
}

/* Counts again from the list, so that the figures are always those of the
 * invoices as they were last read; drops what cannot be selected. */
static void
update (EfInvoiceSelection *self)
{
  g_autoptr (GHashTable) kept = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n_items = self->invoices != NULL ? g_list_model_get_n_items (self->invoices) : 0;
  guint n_selected = 0;
  EfCents total = 0;
  gboolean changed;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (EfInvoice) invoice = g_list_model_get_item (self->invoices, i);
      gint64 id = ef_invoice_get_id (invoice);

      if (!g_hash_table_contains (self->selected, &id) || !is_payable (invoice)
          || g_hash_table_contains (kept, &id))
        continue;

      g_hash_table_add (kept, g_memdup2 (&id, sizeof id));
      n_selected++;
      total += ef_invoice_get_balance (invoice);
    }

  changed = g_hash_table_size (kept) != g_hash_table_size (self->selected);
  g_clear_pointer (&self->selected, g_hash_table_unref);
  self->selected = g_steal_pointer (&kept);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->n_selected != n_selected)
    {
      self->n_selected = n_selected;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
    }
  if (self->total != total)
    {
      self->total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  if (changed)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_items_changed_cb (EfInvoiceSelection *self)
{
  update (self);
}

static void
ef_invoice_selection_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  EfInvoiceSelection *self = EF_INVOICE_SELECTION (object);

  switch (prop_id)
    {
    case PROP_INVOICES:
      g_value_set_object (value, self->invoices);
      break;

    case PROP_N_SELECTED:
      g_value_set_uint (value, self->n_selected);
      break;

    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_invoice_selection_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  EfInvoiceSelection *self = EF_INVOICE_SELECTION (object);

  switch (prop_id)
    {
    case PROP_INVOICES:
      ef_invoice_selection_set_invoices (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_invoice_selection_dispose (GObject *object)
{
  EfInvoiceSelection *self = EF_INVOICE_SELECTION (object);

  if (self->invoices != NULL)
    g_signal_handlers_disconnect_by_data (self->invoices, self);
  g_clear_object (&self->invoices);

  G_OBJECT_CLASS (ef_invoice_selection_parent_class)->dispose (object);
}

static void
ef_invoice_selection_finalize (GObject *object)
{
  EfInvoiceSelection *self = EF_INVOICE_SELECTION (object);

  g_clear_pointer (&self->selected, g_hash_table_unref);

  G_OBJECT_CLASS (ef_invoice_selection_parent_class)->finalize (object);
}

static void
ef_invoice_selection_class_init (EfInvoiceSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ef_invoice_selection_get_property;
  object_class->set_property = ef_invoice_selection_set_property;
  object_class->dispose = ef_invoice_selection_dispose;
  object_class->finalize = ef_invoice_selection_finalize;

  properties[PROP_INVOICES] =
    g_param_spec_object ("invoices", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * EfInvoiceSelection::changed:
   *
   * Which invoices are selected changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ef_invoice_selection_init (EfInvoiceSelection *self)
{
  self->selected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/**
 * ef_invoice_selection_new:
 *
 * Returns: (transfer full): an empty selection, without invoices
 */
EfInvoiceSelection *
ef_invoice_selection_new (void)
{
  return g_object_new (EF_TYPE_INVOICE_SELECTION, NULL);
}

/**
 * ef_invoice_selection_get_invoices:
 * @self: an #EfInvoiceSelection
 *
 * Returns: (transfer none) (nullable): the #GListModel of #EfInvoice to choose from
 */
GListModel *
ef_invoice_selection_get_invoices (EfInvoiceSelection *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_SELECTION (self), NULL);

  return self->invoices;
}

/**
 * ef_invoice_selection_set_invoices:
 * @self: an #EfInvoiceSelection
 * @invoices: (nullable): a #GListModel of #EfInvoice
 *
 * Sets the invoices to choose from, as just read from the portal. The
 * invoices selected stay so if they are still there and payable online.
 */
void
ef_invoice_selection_set_invoices (EfInvoiceSelection *self,
                                   GListModel         *invoices)
{
  g_return_if_fail (EF_IS_INVOICE_SELECTION (self));
  g_return_if_fail (invoices == NULL || G_IS_LIST_MODEL (invoices));

  if (self->invoices == invoices)
    return;

  if (self->invoices != NULL)
    g_signal_handlers_disconnect_by_data (self->invoices, self);
  g_set_object (&self->invoices, invoices);
  if (invoices != NULL)
    g_signal_connect_object (invoices, "items-changed", G_CALLBACK (on_items_changed_cb), self,
                             G_CONNECT_SWAPPED);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INVOICES]);
  update (self);
}

/**
 * ef_invoice_selection_can_select:
 * @self: an #EfInvoiceSelection
 * @invoice: an invoice of the list
 *
 * Returns: whether @invoice is selected or may be: it can be paid online,
 *   something is due, and the payment would not take too many invoices
 */
gboolean
ef_invoice_selection_can_select (EfInvoiceSelection *self,
                                 EfInvoice          *invoice)
{
  gint64 id;

  g_return_val_if_fail (EF_IS_INVOICE_SELECTION (self), FALSE);
  g_return_val_if_fail (EF_IS_INVOICE (invoice), FALSE);

  id = ef_invoice_get_id (invoice);
  if (g_hash_table_contains (self->selected, &id))
    return TRUE;

  return is_payable (invoice) && self->n_selected < EF_INVOICE_SELECTION_MAX;
}

/**
 * ef_invoice_selection_get_selected:
 * @self: an #EfInvoiceSelection
 * @invoice: an invoice
 *
 * Returns: whether @invoice is selected
 */
gboolean
ef_invoice_selection_get_selected (EfInvoiceSelection *self,
                                   EfInvoice          *invoice)
{
  gint64 id;

  g_return_val_if_fail (EF_IS_INVOICE_SELECTION (self), FALSE);
  g_return_val_if_fail (EF_IS_INVOICE (invoice), FALSE);

  id = ef_invoice_get_id (invoice);
  return g_hash_table_contains (self->selected, &id);
}

/* Whether @invoice is one of the list's: a row may outlive its list. */
static gboolean
in_list (EfInvoiceSelection *self,
         EfInvoice          *invoice)
{
  guint n_items = self->invoices != NULL ? g_list_model_get_n_items (self->invoices) : 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (EfInvoice) item = g_list_model_get_item (self->invoices, i);

      if (ef_invoice_get_id (item) == ef_invoice_get_id (invoice))
        return TRUE;
    }

  return FALSE;
}

/**
 * ef_invoice_selection_set_selected:
 * @self: an #EfInvoiceSelection
 * @invoice: an invoice of the list
 * @selected: whether to select it
 *
 * Selects or unselects @invoice.
 *
 * Returns: %TRUE if @invoice is now as asked; %FALSE if it cannot be
 *   selected (see ef_invoice_selection_can_select()) or is not in the list
 */
gboolean
ef_invoice_selection_set_selected (EfInvoiceSelection *self,
                                   EfInvoice          *invoice,
                                   gboolean            selected)
{
  gint64 id;

  g_return_val_if_fail (EF_IS_INVOICE_SELECTION (self), FALSE);
  g_return_val_if_fail (EF_IS_INVOICE (invoice), FALSE);

  id = ef_invoice_get_id (invoice);
  selected = !!selected;
  if (g_hash_table_contains (self->selected, &id) == selected)
    return TRUE;

  if (selected)
    {
      if (!ef_invoice_selection_can_select (self, invoice) || !in_list (self, invoice))
        return FALSE;
      g_hash_table_add (self->selected, g_memdup2 (&id, sizeof id));
    }
  else
    {
      g_hash_table_remove (self->selected, &id);
    }

  update (self);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/**
 * ef_invoice_selection_select_all:
 * @self: an #EfInvoiceSelection
 *
 * Selects every invoice of the list that can be paid online, in the
 * list's order, up to the number one payment takes.
 */
void
ef_invoice_selection_select_all (EfInvoiceSelection *self)
{
  guint n_items;
  guint before;

  g_return_if_fail (EF_IS_INVOICE_SELECTION (self));

  before = g_hash_table_size (self->selected);
  n_items = self->invoices != NULL ? g_list_model_get_n_items (self->invoices) : 0;
  for (guint i = 0; i < n_items && g_hash_table_size (self->selected) < EF_INVOICE_SELECTION_MAX; i++)
    {
      g_autoptr (EfInvoice) invoice = g_list_model_get_item (self->invoices, i);
      gint64 id = ef_invoice_get_id (invoice);

      if (is_payable (invoice) && !g_hash_table_contains (self->selected, &id))
        g_hash_table_add (self->selected, g_memdup2 (&id, sizeof id));
    }

  if (g_hash_table_size (self->selected) == before)
    return;

  update (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * ef_invoice_selection_clear:
 * @self: an #EfInvoiceSelection
 *
 * Unselects every invoice.
 */
void
ef_invoice_selection_clear (EfInvoiceSelection *self)
{
  g_return_if_fail (EF_IS_INVOICE_SELECTION (self));

  if (g_hash_table_size (self->selected) == 0)
    return;

  g_hash_table_remove_all (self->selected);
  update (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * ef_invoice_selection_get_n_selected:
 * @self: an #EfInvoiceSelection
 *
 * Returns: how many invoices are selected
 */
guint
ef_invoice_selection_get_n_selected (EfInvoiceSelection *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_SELECTION (self), 0);

  return self->n_selected;
}

/**
 * ef_invoice_selection_get_total:
 * @self: an #EfInvoiceSelection
 *
 * Returns: what paying the selected invoices costs: the sum of their full
 *   balances, in cents
 */
EfCents
ef_invoice_selection_get_total (EfInvoiceSelection *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_SELECTION (self), 0);

  return self->total;
}

/**
 * ef_invoice_selection_get_ids:
 * @self: an #EfInvoiceSelection
 *
 * Returns: (transfer full) (element-type gint64): the ids of the selected
 *   invoices, in the list's order
 */
GArray *
ef_invoice_selection_get_ids (EfInvoiceSelection *self)
{
  GArray *ids;
  guint n_items;

  g_return_val_if_fail (EF_IS_INVOICE_SELECTION (self), NULL);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  n_items = self->invoices != NULL ? g_list_model_get_n_items (self->invoices) : 0;
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr (EfInvoice) invoice = g_list_model_get_item (self->invoices, i);
      gint64 id = ef_invoice_get_id (invoice);

      if (g_hash_table_contains (self->selected, &id))
        g_array_append_val (ids, id);
    }

  return ids;
}
