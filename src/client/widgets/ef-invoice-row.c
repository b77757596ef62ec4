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
#include "ef-widget-util.h"

/* The texts that wrap, in texts(). */
enum {
  TEXT_TITLE,
  TEXT_LABEL,
  TEXT_DETAILS,
  TEXT_REASON,
  TEXT_AMOUNT,
  TEXT_BALANCE,
  N_TEXTS
};

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
  GtkWidget          *texts_box;
  GtkWidget          *buttons_box;

  EfInvoiceSelection *selection;
  EfInvoice          *invoice;
  gboolean            syncing;
  /* The lines of each text as the template has them (fit_lines()). */
  guint               min_lines[N_TEXTS];
  guint               nat_lines[N_TEXTS];
  guint               resize_source;
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

static GtkInscription *
text (EfInvoiceRow *self,
      guint         i)
{
  GtkInscription *texts[N_TEXTS] = { self->title_label, self->label_label, self->details_label,
                                     self->reason_label, self->amount_label, self->balance_label };

  return texts[i];
}

/* The texts are GtkInscriptions, whose size does not depend on the text:
 * a row recycled for another invoice is not measured again, and every
 * row of a list has the same height. They have the lines the template
 * gives them as long as the text fits there; narrower (a phone, large
 * text), each gets as many lines as its text needs at the width it was
 * given, instead of being cut short with an ellipsis. Returns whether a
 * text changed its number of lines (the row asks for another height). */
/* The widths the texts of a row had when it was last laid out: the rows
 * of a list have the same, and a row made or recycled for an invoice gets
 * its lines before the list first measures it. */
static int text_widths[N_TEXTS];

/* Gives text @i the lines its text needs at @width; returns whether
 * they changed. */
static gboolean
fit_text (EfInvoiceRow *self,
          guint         i,
          int           width)
{
  GtkInscription *inscription = text (self, i);
  const char *string = gtk_inscription_get_text (inscription);
  guint lines = self->min_lines[i];

  if (width > 0 && string != NULL && *string != '\0' && gtk_widget_get_visible (GTK_WIDGET (inscription)))
    {
      g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (inscription), string);

      pango_layout_set_width (layout, width * PANGO_SCALE);
      pango_layout_set_wrap (layout, gtk_inscription_get_wrap_mode (inscription));
      lines = MAX (lines, (guint) pango_layout_get_line_count (layout));
    }
  if (gtk_inscription_get_min_lines (inscription) == lines)
    return FALSE;
  gtk_inscription_set_min_lines (inscription, lines);
  gtk_inscription_set_nat_lines (inscription, MAX (lines, self->nat_lines[i]));
  return TRUE;
}

/* Each text at the width it was given, or had in the last row laid out. */
static gboolean
fit_lines (EfInvoiceRow *self)
{
  gboolean changed = FALSE;

  for (guint i = 0; i < N_TEXTS; i++)
    {
      int width = gtk_widget_get_width (GTK_WIDGET (text (self, i)));

      if (width > 0)
        text_widths[i] = width;
      else
        width = text_widths[i];
      changed |= fit_text (self, i, width);
    }
  return changed;
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

/* ---------------------------------------------------------------- layout */

/* Side by side, as a horizontal box: the check box, the texts (which get
 * what is left) and the buttons, each centred vertically. When the texts
 * would get less than their minimum width there (the title's, a number
 * of characters: a phone, large text), they take the whole width, and
 * the check box and the buttons go on a line under them, at its start
 * and its end: the texts then need fewer lines. The margins are the
 * row's CSS padding (style.css). */

#define SPACING      12  /* between the check box, the texts, the buttons */
#define LINE_SPACING 4   /* between the texts and the line under them */

static int
width_of (GtkWidget *child,
          gboolean   natural)
{
  int minimum = 0, nat = 0;

  if (!gtk_widget_should_layout (child))
    return 0;
  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &nat, NULL, NULL);
  return natural ? MAX (minimum, nat) : minimum;
}

/* The width the check box and the buttons take beside the texts, with
 * their spacing. */
static int
beside_texts (EfInvoiceRow *self,
              gboolean      natural)
{
  int check = width_of (GTK_WIDGET (self->check), natural);

  return (check > 0 ? check + SPACING : 0) + width_of (self->buttons_box, natural) + SPACING;
}

static gboolean
is_narrow (EfInvoiceRow *self,
           int           width)
{
  return width - beside_texts (self, TRUE) < width_of (self->texts_box, FALSE);
}

static void
height_of (GtkWidget *child,
           int        width,
           int       *minimum,
           int       *natural)
{
  *minimum = *natural = 0;
  if (gtk_widget_should_layout (child))
    gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, minimum, natural, NULL, NULL);
}

static GtkSizeRequestMode
row_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
measure_row (GtkWidget      *widget,
             GtkOrientation  orientation,
             int             for_size,
             int            *minimum,
             int            *natural,
             int            *minimum_baseline,
             int            *natural_baseline)
{
  EfInvoiceRow *self = EF_INVOICE_ROW (widget);
  int check_min, check_nat, texts_min, texts_nat, buttons_min, buttons_nat;
  int check_width = width_of (GTK_WIDGET (self->check), TRUE);
  int buttons_width = width_of (self->buttons_box, TRUE);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* As narrow as the texts alone, or the line under them. */
      *minimum = MAX (width_of (self->texts_box, FALSE), check_width + SPACING + buttons_width);
      *natural = width_of (self->texts_box, TRUE) + beside_texts (self, TRUE);
      return;
    }

  /* The title, label and period are as wide as the texts: their lines
   * for this width before they are measured (a row out of view is
   * measured, not laid out). */
  if (for_size >= 0)
    {
      int texts_width = is_narrow (self, for_size) ? for_size : MAX (0, for_size - beside_texts (self, TRUE));

      for (guint i = TEXT_TITLE; i <= TEXT_DETAILS; i++)
        fit_text (self, i, texts_width);
    }

  if (for_size < 0 || !is_narrow (self, for_size))
    {
      int texts_width = for_size < 0 ? -1 : MAX (0, for_size - beside_texts (self, TRUE));

      height_of (GTK_WIDGET (self->check), check_width, &check_min, &check_nat);
      height_of (self->texts_box, texts_width, &texts_min, &texts_nat);
      height_of (self->buttons_box, buttons_width, &buttons_min, &buttons_nat);
      *minimum = MAX (MAX (check_min, texts_min), buttons_min);
      *natural = MAX (MAX (check_nat, texts_nat), buttons_nat);
    }
  else
    {
      height_of (GTK_WIDGET (self->check), check_width, &check_min, &check_nat);
      height_of (self->texts_box, for_size, &texts_min, &texts_nat);
      height_of (self->buttons_box, buttons_width, &buttons_min, &buttons_nat);
      *minimum = texts_min + LINE_SPACING + MAX (check_min, buttons_min);
      *natural = texts_nat + LINE_SPACING + MAX (check_nat, buttons_nat);
    }
}

/* @x from the start: from the left, or from the right in right-to-left. */
static void
place (GtkWidget *child,
       gboolean   rtl,
       int        row_width,
       int        x,
       int        y,
       int        width,
       int        height)
{
  if (!gtk_widget_should_layout (child))
    return;
  gtk_widget_size_allocate (child, &(GtkAllocation) { rtl ? row_width - x - width : x, y, width, height }, -1);
}

static void
lay_out_row (EfInvoiceRow *self,
             int           width,
             int           height)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;
  int check_width = width_of (GTK_WIDGET (self->check), TRUE);
  int buttons_width = width_of (self->buttons_box, TRUE);

  if (!is_narrow (self, width))
    {
      int x = 0;

      place (GTK_WIDGET (self->check), rtl, width, x, 0, check_width, height);
      x += check_width > 0 ? check_width + SPACING : 0;
      place (self->texts_box, rtl, width, x, 0, MAX (0, width - beside_texts (self, TRUE)), height);
      place (self->buttons_box, rtl, width, width - buttons_width, 0, buttons_width, height);
    }
  else
    {
      int check_min, check_nat, buttons_min, buttons_nat, line, texts;

      height_of (GTK_WIDGET (self->check), check_width, &check_min, &check_nat);
      height_of (self->buttons_box, buttons_width, &buttons_min, &buttons_nat);
      line = MAX (check_nat, buttons_nat);
      texts = MAX (0, height - LINE_SPACING - line);
      place (self->texts_box, rtl, width, 0, 0, width, texts);
      place (GTK_WIDGET (self->check), rtl, width, 0, texts + LINE_SPACING, check_width, line);
      place (self->buttons_box, rtl, width, width - buttons_width, texts + LINE_SPACING, buttons_width, line);
    }
}

static gboolean
resize_cb (gpointer data)
{
  EfInvoiceRow *self = data;

  self->resize_source = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

static void
allocate_row (GtkWidget *widget,
              int        width,
              int        height,
              int        baseline)
{
  EfInvoiceRow *self = EF_INVOICE_ROW (widget);

  lay_out_row (self, width, height);
  if (fit_lines (self))
    {
      /* The texts in their new lines now; a resize asked while the list
       * lays its rows out is not seen by the list: asked once it is done,
       * before the next frame (the row may be out of view, and get no
       * frames of its own). */
      lay_out_row (self, width, height);
      if (self->resize_source == 0)
        self->resize_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, resize_cb, self, NULL);
    }
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

  g_clear_handle_id (&self->resize_source, g_source_remove);
  ef_widget_dispose_template (GTK_WIDGET (self), EF_TYPE_INVOICE_ROW);
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
  gtk_widget_class_bind_template_child (widget_class, EfInvoiceRow, texts_box);
  gtk_widget_class_bind_template_child (widget_class, EfInvoiceRow, buttons_box);
  gtk_widget_class_bind_template_callback (widget_class, on_check_toggled_cb);

  gtk_widget_class_set_css_name (widget_class, "invoicerow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ef_invoice_row_init (EfInvoiceRow *self)
{
  gtk_widget_set_layout_manager (GTK_WIDGET (self), gtk_custom_layout_new (row_request_mode, measure_row,
                                                                           allocate_row));
  gtk_widget_init_template (GTK_WIDGET (self));
  ef_accessible_name_buttons (GTK_WIDGET (self));
  for (guint i = 0; i < N_TEXTS; i++)
    {
      self->min_lines[i] = gtk_inscription_get_min_lines (text (self, i));
      self->nat_lines[i] = gtk_inscription_get_nat_lines (text (self, i));
    }
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
  /* Recycled for another invoice: its texts at the widths of the last one. */
  fit_lines (self);

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
   * them: the row says them. */
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
