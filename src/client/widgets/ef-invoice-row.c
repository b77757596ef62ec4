/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoice-row.c: one invoice in the lists of Mes factures
 *
 * As the tutorial's lines: the number and date, the period, "Montant dû"
 * and "Solde dû", with a check box on each invoice that can be paid
 * online. An invoice that cannot says why, in the portal's words. The
 * row is recycled by a GtkListView: everything it shows comes from
 * ef_invoice_row_set_invoice(), and the check box follows the shared
 * EfInvoiceSelection.
 */

#define G_LOG_DOMAIN "EfInvoiceRow"

#include "config.h"

#include <glib/gi18n.h>

#include "pages/ef-page-text.h"
#include "ef-accessible.h"
#include "ef-invoice-row.h"
#include "ef-wrap-box.h"

struct _EfInvoiceRow
{
  GtkWidget           parent_instance;

  /* template children */
  GtkCheckButton     *check;
  GtkInscription     *title_label;
  GtkInscription     *label_label;
  GtkInscription     *details_label;
  GtkLabel           *status_label;
  GtkInscription     *reason_label;
  GtkInscription     *amount_label;
  GtkInscription     *balance_label;
  GtkButton          *pdf_button;
  GtkButton          *details_button;

  EfInvoiceSelection *selection;
  EfInvoice          *invoice;
  gboolean            syncing;
};

G_DEFINE_FINAL_TYPE (EfInvoiceRow, ef_invoice_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
reason_text (EfNotPayableReason reason)
{
  switch (reason)
    {
    case EF_NOT_PAYABLE_REASON_NONE:
    case EF_NOT_PAYABLE_REASON_SETTLED:
      return NULL;

    case EF_NOT_PAYABLE_REASON_PENDING_PAYMENT:
      return _("An online payment of this invoice is under way");

    case EF_NOT_PAYABLE_REASON_NOT_PAYABLE_ONLINE:
      return _("This invoice cannot be paid online: pay it at the town hall");

    case EF_NOT_PAYABLE_REASON_OTHER:
    default:
      return _("The portal does not take this invoice online for now");
    }
}

/* A day as the paper invoice writes it. */
static char *
invoice_day (EfDay day)
{
  int y, m, d;
  g_autoptr (GDateTime) noon = NULL;

  if (!ef_day_is_valid (day))
    return g_strdup ("");

  ef_day_get_ymd (day, &y, &m, &d);
  noon = g_date_time_new_utc (y, m, d, 12, 0, 0);
  /* Translators: a day on an invoice, see g_date_time_format():
   * "2 November 2026"; French "%d/%m/%Y", as on the paper invoice */
  return noon != NULL ? ef_date_time_format (noon, C_("invoice date format", "%-d %B %Y"))
                      : g_strdup ("");
}

/* The check box says what the selection holds. */
static void
sync_check (EfInvoiceRow *self)
{
  gboolean payable;

  if (self->invoice == NULL)
    return;

  payable = ef_invoice_get_status (self->invoice) == EF_INVOICE_STATUS_TO_PAY;
  self->syncing = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->check), payable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->check),
                            ef_invoice_selection_can_select (self->selection, self->invoice));
  gtk_check_button_set_active (self->check,
                               ef_invoice_selection_get_selected (self->selection, self->invoice));
  self->syncing = FALSE;
}

static void
on_check_toggled_cb (EfInvoiceRow *self)
{
  gboolean active = gtk_check_button_get_active (self->check);

  if (self->syncing || self->invoice == NULL)
    return;

  if (!ef_invoice_selection_set_selected (self->selection, self->invoice, active))
    sync_check (self);
}

static void
on_selection_changed_cb (EfInvoiceRow *self)
{
  sync_check (self);
}

static void
ef_invoice_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  EfInvoiceRow *self = EF_INVOICE_ROW (object);

  switch (prop_id)
    {
    case PROP_SELECTION:
      g_value_set_object (value, self->selection);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_invoice_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  EfInvoiceRow *self = EF_INVOICE_ROW (object);

  switch (prop_id)
    {
    case PROP_SELECTION:
      self->selection = g_value_dup_object (value);
      if (self->selection != NULL)
        g_signal_connect_object (self->selection, "changed",
                                 G_CALLBACK (on_selection_changed_cb), self, G_CONNECT_SWAPPED);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_invoice_row_dispose (GObject *object)
{
  EfInvoiceRow *self = EF_INVOICE_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), EF_TYPE_INVOICE_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->invoice);

  G_OBJECT_CLASS (ef_invoice_row_parent_class)->dispose (object);
}

static void
ef_invoice_row_class_init (EfInvoiceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ef_invoice_row_get_property;
  object_class->set_property = ef_invoice_row_set_property;
  object_class->dispose = ef_invoice_row_dispose;

  properties[PROP_SELECTION] =
    g_param_spec_object ("selection", NULL, NULL, EF_TYPE_INVOICE_SELECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (EF_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/widgets/ef-invoice-row.ui");
  gtk_widget_class_bind_template_child (widget_class, EfInvoiceRow, check);
  gtk_widget_class_bind_template_child (widget_class, EfInvoiceRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, EfInvoiceRow, label_label);
  gtk_widget_class_bind_template_child (widget_class, EfInvoiceRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, EfInvoiceRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, EfInvoiceRow, reason_label);
  gtk_widget_class_bind_template_child (widget_class, EfInvoiceRow, amount_label);
  gtk_widget_class_bind_template_child (widget_class, EfInvoiceRow, balance_label);
  gtk_widget_class_bind_template_child (widget_class, EfInvoiceRow, pdf_button);
  gtk_widget_class_bind_template_child (widget_class, EfInvoiceRow, details_button);
  gtk_widget_class_bind_template_callback (widget_class, on_check_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "invoicerow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ef_invoice_row_init (EfInvoiceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ef_accessible_name_buttons (GTK_WIDGET (self));
}

/**
 * ef_invoice_row_new:
 * @selection: the selection the check box changes
 *
 * Returns: (transfer floating): a row without an invoice
 */
GtkWidget *
ef_invoice_row_new (EfInvoiceSelection *selection)
{
  g_return_val_if_fail (EF_IS_INVOICE_SELECTION (selection), NULL);

  return g_object_new (EF_TYPE_INVOICE_ROW, "selection", selection, NULL);
}

/**
 * ef_invoice_row_get_invoice:
 * @self: an #EfInvoiceRow
 *
 * Returns: (transfer none) (nullable): the invoice shown
 */
EfInvoice *
ef_invoice_row_get_invoice (EfInvoiceRow *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_ROW (self), NULL);

  return self->invoice;
}

/**
 * ef_invoice_row_set_invoice:
 * @self: an #EfInvoiceRow
 * @invoice: (nullable): the invoice to show
 * @today: the portal's today, to tell an overdue invoice
 *
 * Shows @invoice.
 */
void
ef_invoice_row_set_invoice (EfInvoiceRow *self,
                            EfInvoice    *invoice,
                            EfDay         today)
{
  g_autofree char *issued = NULL;
  g_autofree char *title = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *due = NULL;
  g_autofree char *details = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *balance = NULL;
  g_autofree char *check_label = NULL;
  const char *reason;
  const char *status;
  const char *status_class;
  gboolean settled;
  GVariant *target;

  g_return_if_fail (EF_IS_INVOICE_ROW (self));
  g_return_if_fail (invoice == NULL || EF_IS_INVOICE (invoice));

  g_set_object (&self->invoice, invoice);
  if (invoice == NULL)
    return;

  issued = invoice_day (ef_invoice_get_issue_date (invoice));
  /* Translators: an invoice's number and issue day: "pop-F261000001 of 2 November 2026" */
  title = g_strdup_printf (_("%s of %s"), ef_invoice_get_number (invoice), issued);
  gtk_inscription_set_text (self->title_label, title);
  gtk_inscription_set_text (self->label_label, ef_invoice_get_label (invoice));

  first = invoice_day (ef_invoice_get_period_start (invoice));
  last = invoice_day (ef_invoice_get_period_end (invoice));
  due = invoice_day (ef_invoice_get_due_date (invoice));
  /* Translators: an invoice's period and due day:
   * "Period from 1 October 2026 to 31 October 2026 · due on 2 December 2026" */
  details = g_strdup_printf (_("Period from %s to %s · due on %s"), first, last, due);
  gtk_inscription_set_text (self->details_label, details);

  amount = ef_money_format (ef_invoice_get_amount (invoice));
  balance = ef_money_format (ef_invoice_get_balance (invoice));
  gtk_inscription_set_text (self->amount_label, amount);
  gtk_inscription_set_text (self->balance_label, balance);

  settled = ef_invoice_get_status (invoice) == EF_INVOICE_STATUS_SETTLED;
  if (settled)
    {
      status = C_("invoice status", "Settled");
      status_class = "success";
    }
  else if (ef_day_is_valid (today) && ef_invoice_get_due_date (invoice) < today)
    {
      status = C_("invoice status", "Overdue");
      status_class = "error";
    }
  else
    {
      status = C_("invoice status", "To Pay");
      status_class = "accent";
    }
  gtk_label_set_text (self->status_label, status);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "accent");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), status_class);

  reason = settled ? NULL : reason_text (ef_invoice_get_not_payable_reason (invoice));
  if (reason == NULL && !settled && !ef_invoice_get_payable_online (invoice))
    reason = reason_text (EF_NOT_PAYABLE_REASON_OTHER);
  gtk_inscription_set_text (self->reason_label, reason);
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), reason != NULL);

  /* Translators: the check box of an invoice, for screen readers:
   * "Pay invoice pop-F261000001, 70,00 €" */
  check_label = g_strdup_printf (_("Pay invoice %s, %s"), ef_invoice_get_number (invoice), balance);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  check_label, -1);
  if (reason != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->check),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, reason, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->check), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  /* Only when it changes: every call asks the display where the pointer is. */
  if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (self->check)), reason) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->check), reason);

  /* The texts are drawn by inscriptions, whose size does not depend on
   * them (a recycled row is not measured again): the row says them. */
  {
    g_autofree char *description = g_strdup_printf ("%s. %s. %s. %s", ef_invoice_get_label (invoice),
                                                    details, status, reason != NULL ? reason : "");

    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
    /* The list's row around it takes the focus, and GTK 4.8 gives it no
     * name of its own: it says the same. */
    if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  }

  target = g_variant_new_int64 (ef_invoice_get_id (invoice));
  /* The target first: the action takes an invoice id. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->pdf_button), target);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->details_button), target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->pdf_button), "invoices.show-pdf");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->details_button), "invoices.show-details");

  sync_check (self);
}

/**
 * ef_invoice_row_get_check:
 * @self: an #EfInvoiceRow
 *
 * Returns: (transfer none): the check box that selects the invoice
 */
GtkCheckButton *
ef_invoice_row_get_check (EfInvoiceRow *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_ROW (self), NULL);

  return self->check;
}

/**
 * ef_invoice_row_get_reason:
 * @self: an #EfInvoiceRow
 *
 * Returns: (nullable): why the invoice cannot be paid online, as shown
 */
const char *
ef_invoice_row_get_reason (EfInvoiceRow *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_ROW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->reason_label))
           ? gtk_inscription_get_text (self->reason_label) : NULL;
}

/**
 * ef_invoice_row_get_status:
 * @self: an #EfInvoiceRow
 *
 * Returns: the status as shown
 */
const char *
ef_invoice_row_get_status (EfInvoiceRow *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_ROW (self), NULL);

  return gtk_label_get_text (self->status_label);
}
