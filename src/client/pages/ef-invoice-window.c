/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoice-window.c: one invoice, its details and its PDF
 *
 * The details as the paper invoice has them: for each child, each
 * activity with its quantity, unit price and amount, the child's total;
 * then what was paid, how and when, and the balance due. Beside them the
 * municipality's PDF, fetched when first shown and rendered by EfPdfView
 * off the main thread, which can be saved, printed or opened in the
 * document viewer.
 */

#define G_LOG_DOMAIN "EfInvoiceWindow"

#include "config.h"

#include <glib/gi18n.h>

#include "ef-page-text.h"
#include "ef-invoice-window.h"
#include "pdf/ef-pdf-document.h"
#include "widgets/ef-pdf-view.h"

struct _EfInvoiceWindow
{
  AdwWindow        parent_instance;

  /* template children */
  AdwToastOverlay *toast_overlay;
  AdwViewStack    *view_stack;
  GtkBox          *details_box;
  GtkStack        *pdf_stack;
  GtkSpinner      *pdf_spinner;
  AdwStatusPage   *pdf_error_page;
  EfPdfView       *pdf_view;

  EfClient        *client;
  EfInvoice       *invoice;
  GCancellable    *cancellable;
  GString         *details_text;   /* what the details say, for tests */
  gboolean         pdf_requested;
  gboolean         has_document;
};

G_DEFINE_FINAL_TYPE (EfInvoiceWindow, ef_invoice_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_INVOICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_actions (EfInvoiceWindow *self)
{
  gboolean ready = self->has_document;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "invoice.save", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "invoice.print", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "invoice.open", ready);
}

static void
set_pdf_state (EfInvoiceWindow *self,
               const char      *state)
{
  gtk_stack_set_visible_child_name (self->pdf_stack, state);
  gtk_spinner_set_spinning (self->pdf_spinner, g_str_equal (state, "loading"));
}

/* A row of the details: a title, an optional subtitle, an optional amount. */
static GtkWidget *
add_row (EfInvoiceWindow *self,
         GtkWidget       *group,
         const char      *title,
         const char      *subtitle,
         const char      *value,
         gboolean         strong)
{
  GtkWidget *row = g_object_new (ADW_TYPE_ACTION_ROW,
                                 "title", title,
                                 "title-lines", 0,
                                 "subtitle-lines", 0,
                                 "use-markup", FALSE,
                                 "activatable", FALSE,
                                 NULL);

  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (value != NULL)
    {
      GtkWidget *label = gtk_label_new (value);

      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
      if (strong)
        gtk_widget_add_css_class (label, "heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  if (strong)
    gtk_widget_add_css_class (row, "invoice-total-row");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);

  g_string_append_printf (self->details_text, "%s%s%s%s%s\n", title,
                          subtitle != NULL ? " | " : "", subtitle != NULL ? subtitle : "",
                          value != NULL ? " | " : "", value != NULL ? value : "");
  return row;
}

static GtkWidget *
add_group (EfInvoiceWindow *self,
           const char      *title,
           const char      *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (self->details_box, group);
  g_string_append_printf (self->details_text, "# %s\n", title);
  return group;
}

static void
add_child_lines (EfInvoiceWindow *self,
                 EfInvoiceTotal  *total)
{
  GListModel *lines = ef_invoice_get_lines (self->invoice);
  gint64 member = ef_invoice_total_get_member_id (total);
  g_autofree char *sum = ef_money_format (ef_invoice_total_get_total (total));
  g_autofree char *total_title = NULL;
  GtkWidget *group = add_group (self, ef_invoice_total_get_name (total), NULL);

  for (guint i = 0; lines != NULL && i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr (EfInvoiceLine) line = g_list_model_get_item (lines, i);
      g_autofree char *unit = NULL;
      g_autofree char *amount = NULL;
      g_autofree char *quantity = NULL;
      g_autofree char *count = NULL;
      gint64 n;

      if (ef_invoice_line_get_member_id (line) != member
          || (member <= 0 && g_strcmp0 (ef_invoice_line_get_member_name (line),
                                        ef_invoice_total_get_name (total)) != 0))
        continue;

      n = ef_invoice_line_get_quantity (line);
      unit = ef_money_format (ef_invoice_line_get_unit_price (line));
      amount = ef_money_format (ef_invoice_line_get_amount (line));
      count = g_strdup_printf ("%" G_GINT64_FORMAT, n);
      /* Translators: a line of an invoice, the days billed × the unit
       * price: "10 days × 3,50 €" */
      quantity = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day × %s", "%s days × %s",
                                               (gulong) n),
                                  count, unit);
      add_row (self, group, ef_invoice_line_get_label (line), quantity, amount, FALSE);
    }

  /* Translators: the last line of a child's part of an invoice: "Total for Léa Martin" */
  total_title = g_strdup_printf (_("Total for %s"), ef_invoice_total_get_name (total));
  add_row (self, group, total_title, NULL, sum, TRUE);
}

static void
build_details (EfInvoiceWindow *self)
{
  EfInvoice *invoice = self->invoice;
  GListModel *totals = ef_invoice_get_totals (invoice);
  GListModel *payments = ef_invoice_get_payments (invoice);
  g_autofree char *issued = _ef_page_text_day (ef_invoice_get_issue_date (invoice), TRUE);
  g_autofree char *period = _ef_page_text_period (ef_invoice_get_period_start (invoice),
                                                  ef_invoice_get_period_end (invoice));
  g_autofree char *due = _ef_page_text_day (ef_invoice_get_due_date (invoice), TRUE);
  g_autofree char *amount = ef_money_format (ef_invoice_get_amount (invoice));
  g_autofree char *balance = ef_money_format (ef_invoice_get_balance (invoice));
  gboolean settled = ef_invoice_get_status (invoice) == EF_INVOICE_STATUS_SETTLED;
  EfDay today = ef_client_get_today (self->client);
  const char *status;
  GtkWidget *group;
  guint n_payments;

  if (settled)
    status = C_("invoice status", "Settled");
  else if (ef_day_is_valid (today) && ef_invoice_get_due_date (invoice) < today)
    status = C_("invoice status", "Overdue");
  else
    status = C_("invoice status", "To Pay");

  group = add_group (self, ef_invoice_get_number (invoice), ef_invoice_get_label (invoice));
  add_row (self, group, _("Issued on"), issued, NULL, FALSE);
  add_row (self, group, C_("invoice", "Period"), period, NULL, FALSE);
  add_row (self, group, _("Due on"), due, NULL, FALSE);
  add_row (self, group, C_("invoice", "Status"), status, NULL, FALSE);

  for (guint i = 0; totals != NULL && i < g_list_model_get_n_items (totals); i++)
    {
      g_autoptr (EfInvoiceTotal) total = g_list_model_get_item (totals, i);

      add_child_lines (self, total);
    }

  group = add_group (self, _("Payment"), NULL);
  add_row (self, group, C_("invoice", "Amount"), NULL, amount, FALSE);
  n_payments = payments != NULL ? g_list_model_get_n_items (payments) : 0;
  for (guint i = 0; i < n_payments; i++)
    {
      g_autoptr (EfInvoicePayment) payment = g_list_model_get_item (payments, i);
      g_autofree char *when = _ef_page_text_instant (ef_invoice_payment_get_paid_at (payment));
      g_autofree char *paid = ef_money_format (ef_invoice_payment_get_amount (payment));
      /* Translators: how part of an invoice was paid: "Paid: cash" */
      g_autofree char *title = g_strdup_printf (_("Paid: %s"),
                                                _ef_page_text_payment_channel (
                                                  ef_invoice_payment_get_channel (payment)));

      add_row (self, group, title, when, paid, FALSE);
    }
  if (n_payments == 0 && ef_invoice_get_paid (invoice) > 0)
    {
      g_autofree char *paid = ef_money_format (ef_invoice_get_paid (invoice));

      add_row (self, group, _("Already paid"), NULL, paid, FALSE);
    }
  add_row (self, group, C_("invoice", "Balance Due"), NULL, balance, TRUE);
}

static void
on_document_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (EfInvoiceWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (EfPdfDocument) document = NULL;

  document = ef_pdf_document_new_finish (result, &error);
  if (document == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->pdf_error_page, error->message);
      set_pdf_state (self, "error");
      self->pdf_requested = FALSE;
      return;
    }

  ef_pdf_view_set_document (self->pdf_view, document);
  self->has_document = TRUE;
  set_pdf_state (self, "document");
  update_actions (self);
}

static void
on_pdf_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  EfInvoiceWindow *self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  bytes = ef_client_get_invoice_pdf_finish (EF_CLIENT (source), result, &error);
  if (_ef_page_result_cancelled (result, error))
    return;

  self = EF_INVOICE_WINDOW (user_data);
  if (bytes == NULL)
    {
      adw_status_page_set_description (self->pdf_error_page, ef_client_error_get_user_message (error));
      set_pdf_state (self, "error");
      self->pdf_requested = FALSE;
      return;
    }

  ef_pdf_document_new_async (bytes, self->cancellable, on_document_cb, g_object_ref (self));
}

static void
load_pdf (EfInvoiceWindow *self)
{
  if (self->pdf_requested)
    return;

  self->pdf_requested = TRUE;
  set_pdf_state (self, "loading");
  ef_client_get_invoice_pdf_async (self->client, ef_invoice_get_id (self->invoice), self->cancellable,
                                   on_pdf_cb, self);
}

static void
on_view_changed_cb (EfInvoiceWindow *self)
{
  /* The PDF is fetched when first asked for; the tools need it. */
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "pdf") == 0)
    load_pdf (self);
}

static void
pdf_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  EfInvoiceWindow *self = EF_INVOICE_WINDOW (widget);
  const char *verb = strchr (action_name, '.') + 1;
  g_autofree char *target = g_strconcat ("pdf.", verb, NULL);

  gtk_widget_activate_action (GTK_WIDGET (self->pdf_view), target, NULL);
}

static void
reload_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  load_pdf (EF_INVOICE_WINDOW (widget));
}

static void
on_pdf_error_cb (EfInvoiceWindow *self,
                 const char      *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
ef_invoice_window_constructed (GObject *object)
{
  EfInvoiceWindow *self = EF_INVOICE_WINDOW (object);
  g_autofree char *file_name = NULL;
  g_autofree char *title = NULL;

  G_OBJECT_CLASS (ef_invoice_window_parent_class)->constructed (object);

  /* Translators: the window of one invoice: "Invoice pop-F261000001" */
  title = g_strdup_printf (C_("window title", "Invoice %s"), ef_invoice_get_number (self->invoice));
  gtk_window_set_title (GTK_WINDOW (self), title);
  /* Translators: the file name offered when saving an invoice; keep the
   * %s and ".pdf": "facture-pop-F261000001.pdf" */
  file_name = g_strdup_printf (_("invoice-%s.pdf"), ef_invoice_get_number (self->invoice));
  g_object_set (self->pdf_view, "suggested-name", file_name, NULL);
  build_details (self);
}

static void
ef_invoice_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  EfInvoiceWindow *self = EF_INVOICE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_INVOICE:
      g_value_set_object (value, self->invoice);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_invoice_window_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  EfInvoiceWindow *self = EF_INVOICE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_INVOICE:
      self->invoice = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_invoice_window_dispose (GObject *object)
{
  EfInvoiceWindow *self = EF_INVOICE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), EF_TYPE_INVOICE_WINDOW);
  g_clear_object (&self->invoice);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (ef_invoice_window_parent_class)->dispose (object);
}

static void
ef_invoice_window_finalize (GObject *object)
{
  EfInvoiceWindow *self = EF_INVOICE_WINDOW (object);

  g_string_free (self->details_text, TRUE);

  G_OBJECT_CLASS (ef_invoice_window_parent_class)->finalize (object);
}

static void
ef_invoice_window_class_init (EfInvoiceWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ef_invoice_window_get_property;
  object_class->set_property = ef_invoice_window_set_property;
  object_class->constructed = ef_invoice_window_constructed;
  object_class->dispose = ef_invoice_window_dispose;
  object_class->finalize = ef_invoice_window_finalize;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, EF_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INVOICE] =
    g_param_spec_object ("invoice", NULL, NULL, EF_TYPE_INVOICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "invoice.save", NULL, pdf_action);
  gtk_widget_class_install_action (widget_class, "invoice.print", NULL, pdf_action);
  gtk_widget_class_install_action (widget_class, "invoice.open", NULL, pdf_action);
  gtk_widget_class_install_action (widget_class, "invoice.reload-pdf", NULL, reload_pdf_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "invoice.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "invoice.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (EF_TYPE_PDF_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/pages/ef-invoice-window.ui");
  gtk_widget_class_bind_template_child (widget_class, EfInvoiceWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, EfInvoiceWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, EfInvoiceWindow, details_box);
  gtk_widget_class_bind_template_child (widget_class, EfInvoiceWindow, pdf_stack);
  gtk_widget_class_bind_template_child (widget_class, EfInvoiceWindow, pdf_spinner);
  gtk_widget_class_bind_template_child (widget_class, EfInvoiceWindow, pdf_error_page);
  gtk_widget_class_bind_template_child (widget_class, EfInvoiceWindow, pdf_view);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed_cb);
}

static void
ef_invoice_window_init (EfInvoiceWindow *self)
{
  self->details_text = g_string_new (NULL);
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->pdf_view, "error", G_CALLBACK (on_pdf_error_cb), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
}

/**
 * ef_invoice_window_new:
 * @client: the signed-in #EfClient
 * @invoice: the invoice to show
 * @show_pdf: whether to open on the PDF rather than the details
 *
 * Returns: (transfer none): a new window, not shown yet
 */
GtkWidget *
ef_invoice_window_new (EfClient  *client,
                       EfInvoice *invoice,
                       gboolean   show_pdf)
{
  EfInvoiceWindow *self;

  g_return_val_if_fail (EF_IS_CLIENT (client), NULL);
  g_return_val_if_fail (EF_IS_INVOICE (invoice), NULL);

  self = g_object_new (EF_TYPE_INVOICE_WINDOW, "client", client, "invoice", invoice, NULL);
  if (show_pdf)
    ef_invoice_window_set_view (self, "pdf");
  return GTK_WIDGET (self);
}

EfInvoice *
ef_invoice_window_get_invoice (EfInvoiceWindow *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_WINDOW (self), NULL);

  return self->invoice;
}

/**
 * ef_invoice_window_set_view:
 * @self: an #EfInvoiceWindow
 * @view: "details" or "pdf"
 */
void
ef_invoice_window_set_view (EfInvoiceWindow *self,
                            const char      *view)
{
  g_return_if_fail (EF_IS_INVOICE_WINDOW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, view);
  on_view_changed_cb (self);
}

/**
 * ef_invoice_window_get_pdf_state:
 * @self: an #EfInvoiceWindow
 *
 * Returns: "loading", "error" or "document"
 */
const char *
ef_invoice_window_get_pdf_state (EfInvoiceWindow *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->pdf_stack);
}

GtkWidget *
ef_invoice_window_get_pdf_view (EfInvoiceWindow *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_WINDOW (self), NULL);

  return GTK_WIDGET (self->pdf_view);
}

/**
 * ef_invoice_window_get_details_text:
 * @self: an #EfInvoiceWindow
 *
 * Returns: (transfer full): the details as text, a line per row
 */
char *
ef_invoice_window_get_details_text (EfInvoiceWindow *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_WINDOW (self), NULL);

  return g_strdup (self->details_text->str);
}
