/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-takings-page.c: Encaissements, the payments taken at the
 * counter on a day
 *
 * The day is the portal's (see EfStaffDayPage): the till is the town's.
 * Each payment shows its time, family, channel, invoices, amount and
 * agent; a cancelled one is struck out with its reason and counts in no
 * total. A payment's receipt opens below the list; cancelling one asks
 * for the reason first.
 */

#define G_LOG_DOMAIN "EfStaffTakingsPage"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "ef-staff-takings-page.h"
#include "pages/ef-page-text.h"
#include "pages/ef-staff-day-page.h"
#include "pages/ef-staff-receipt.h"
#include "widgets/ef-pdf-view.h"

struct _EfStaffTakingsPage
{
  EfStaffDayPage   parent_instance;

  /* template children */
  GtkWidget       *scrolled_window;
  EfDaySwitcher   *day_switcher;
  GtkLabel        *status_label;
  GtkListBox      *payments_box;
  GtkListBox      *totals_box;
  EfPdfView       *receipt_view;

  GListModel      *payments;
  EfPaymentTotals  totals;
};

G_DEFINE_FINAL_TYPE (EfStaffTakingsPage, ef_staff_takings_page, EF_TYPE_STAFF_DAY_PAGE)

/* ---------------------------------------------------------------- helpers */

static EfPaymentChannel
channel_from_text (const char *channel)
{
  if (g_strcmp0 (channel, "cash") == 0)
    return EF_PAYMENT_CHANNEL_CASH;
  if (g_strcmp0 (channel, "cheque") == 0)
    return EF_PAYMENT_CHANNEL_CHEQUE;
  if (g_strcmp0 (channel, "transfer") == 0)
    return EF_PAYMENT_CHANNEL_TRANSFER;
  if (g_strcmp0 (channel, "direct_debit") == 0)
    return EF_PAYMENT_CHANNEL_DIRECT_DEBIT;
  return EF_PAYMENT_CHANNEL_ONLINE_CARD;
}

static char *
channel_text (EfStaffPayment *payment)
{
  EfPaymentChannel channel = channel_from_text (ef_staff_payment_get_channel (payment));
  const char *number = ef_staff_payment_get_cheque_number (payment);

  if (channel == EF_PAYMENT_CHANNEL_CHEQUE && number != NULL)
    /* Translators: %s is a cheque's number */
    return g_strdup_printf (_("Cheque no. %s"), number);
  return g_strdup (_ef_page_text_payment_channel (channel));
}

static EfStaffPayment *
find_payment (EfStaffTakingsPage *self,
              gint64              id)
{
  for (guint i = 0; self->payments != NULL && i < g_list_model_get_n_items (self->payments); i++)
    {
      g_autoptr (EfStaffPayment) payment = g_list_model_get_item (self->payments, i);

      if (ef_staff_payment_get_id (payment) == id)
        return payment;
    }
  return NULL;
}

/* "08:35" as the portal sends it, as people read it: "8 h 35" in French. */
static char *
format_time (const char *time)
{
  unsigned hours, minutes;
  char end;
  g_autoptr (GDateTime) instant = NULL;

  if (time == NULL || sscanf (time, "%2u:%2u%c", &hours, &minutes, &end) != 2 ||
      hours > 23 || minutes > 59)
    return g_strdup (time != NULL ? time : "");

  instant = g_date_time_new_utc (2000, 1, 1, hours, minutes, 0);
  /* Translators: a time of day, for g_date_time_format(): "8:35"; French
   * "%-H h %M" */
  return ef_date_time_format (instant, C_("time of day", "%-H:%M"));
}

static GtkWidget *
new_payment_row (EfStaffPayment *payment)
{
  GtkWidget *row = adw_action_row_new ();
  gboolean cancelled = ef_staff_payment_get_cancelled (payment);
  const char *family = ef_staff_payment_get_family_name (payment);
  const char *time = ef_staff_payment_get_time (payment);
  const char *invoices = ef_staff_payment_get_invoice_numbers (payment);
  const char *agent = ef_staff_payment_get_agent_name (payment);
  g_autofree char *channel = channel_text (payment);
  g_autofree char *amount = ef_money_format (ef_staff_payment_get_amount (payment));
  g_autofree char *time_text = format_time (time);
  g_autofree char *title = NULL;
  g_autofree char *amount_markup = NULL;
  g_autoptr (GString) subtitle = g_string_new (NULL);
  g_autoptr (GString) details = g_string_new (NULL);
  GtkWidget *amount_label, *receipt_button;

  title = g_markup_printf_escaped (cancelled ? "<s>%s</s>" : "%s", family ? family : "");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  g_string_append (details, time_text);
  g_string_append_printf (details, " · %s", channel);
  if (invoices != NULL && *invoices != '\0')
    g_string_append_printf (details, " · %s", invoices);
  if (agent != NULL)
    g_string_append_printf (details, " · %s", agent);
  g_string_append (subtitle, details->str);
  if (cancelled)
    {
      const char *reason = ef_staff_payment_get_cancel_reason (payment);
      /* Translators: %s is why an agent cancelled a payment */
      g_autofree char *text = g_strdup_printf (_("Cancelled: %s"), reason ? reason : "");

      g_string_append_printf (subtitle, "\n%s", text);
    }
  {
    g_autofree char *escaped = g_markup_escape_text (subtitle->str, -1);

    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  }
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  amount_markup = g_markup_printf_escaped (cancelled ? "<s>%s</s>" : "%s", amount);
  amount_label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (amount_label), amount_markup);
  gtk_widget_add_css_class (amount_label, "heading");
  gtk_widget_add_css_class (amount_label, "numeric");
  if (cancelled)
    gtk_widget_add_css_class (amount_label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount_label);

  receipt_button = gtk_button_new_with_mnemonic (_("_Receipt"));
  gtk_widget_set_valign (receipt_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (receipt_button), "staff-takings.receipt");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (receipt_button), "x", ef_staff_payment_get_id (payment));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), receipt_button);

  /* A payment is cancelled once. */
  if (!cancelled)
    {
      GtkWidget *cancel_button = gtk_button_new_with_mnemonic (_("Cancel the _Payment…"));

      gtk_widget_set_valign (cancel_button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (cancel_button, "destructive-action");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel_button), "staff-takings.cancel");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (cancel_button), "x", ef_staff_payment_get_id (payment));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), cancel_button);
    }

  if (cancelled)
    {
      g_autofree char *description = g_strdup_printf ("%s, %s, %s", family ? family : "", amount,
                                                      subtitle->str);

      gtk_widget_add_css_class (row, "cancelled");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      description, -1);
    }
  return row;
}

static GtkWidget *
new_total_row (const char *label,
               EfCents     amount,
               gboolean    total)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = ef_money_format (amount);
  GtkWidget *amount_label = gtk_label_new (text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  gtk_widget_add_css_class (amount_label, total ? "title-3" : "heading");
  gtk_widget_add_css_class (amount_label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount_label);
  gtk_widget_set_focusable (row, TRUE);
  return row;
}

static void
clear_box (GtkListBox *box)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, row);
}

static void
show_totals (EfStaffTakingsPage *self)
{
  clear_box (self->totals_box);
  gtk_list_box_append (self->totals_box,
                       new_total_row (_ef_page_text_payment_channel (EF_PAYMENT_CHANNEL_CASH),
                                      self->totals.cash, FALSE));
  gtk_list_box_append (self->totals_box,
                       new_total_row (_ef_page_text_payment_channel (EF_PAYMENT_CHANNEL_CHEQUE),
                                      self->totals.cheque, FALSE));
  gtk_list_box_append (self->totals_box,
                       new_total_row (_ef_page_text_payment_channel (EF_PAYMENT_CHANNEL_TRANSFER),
                                      self->totals.transfer, FALSE));
  gtk_list_box_append (self->totals_box,
                       new_total_row (_ef_page_text_payment_channel (EF_PAYMENT_CHANNEL_DIRECT_DEBIT),
                                      self->totals.direct_debit, FALSE));
  gtk_list_box_append (self->totals_box,
                       new_total_row (_("Total of the Day"), self->totals.total, TRUE));
}

/* ------------------------------------------------------------- callbacks */

static void
on_payments_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (EfStaffTakingsPage) self = user_data;
  g_autoptr (GListModel) payments = NULL;
  g_autoptr (GError) error = NULL;
  EfPaymentTotals totals = { 0 };
  guint n;

  payments = ef_client_get_day_payments_finish (EF_CLIENT (source), result, &totals, &error);
  if (payments == NULL)
    {
      if (!ef_client_error_is_cancelled (error))
        gtk_label_set_label (self->status_label, ef_client_error_get_user_message (error));
      return;
    }

  g_set_object (&self->payments, payments);
  self->totals = totals;
  n = g_list_model_get_n_items (payments);
  clear_box (self->payments_box);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EfStaffPayment) payment = g_list_model_get_item (payments, i);

      gtk_list_box_append (self->payments_box, new_payment_row (payment));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->payments_box), n > 0);
  gtk_label_set_label (self->status_label, n > 0 ? "" : _("No payment recorded on this day."));
  show_totals (self);
}

static void
on_receipt_shown_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (EfStaffTakingsPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!_ef_staff_receipt_show_finish (result, &error))
    {
      if (!ef_client_error_is_cancelled (error))
        gtk_label_set_label (self->status_label, error->message);
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->receipt_view));
}

static void
on_cancelled_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (EfStaffTakingsPage) self = user_data;
  g_autoptr (EfStaffPayment) payment = NULL;
  g_autoptr (GError) error = NULL;

  payment = ef_client_cancel_payment_finish (EF_CLIENT (source), result, &error);
  if (payment == NULL)
    {
      if (!ef_client_error_is_cancelled (error))
        gtk_label_set_label (self->status_label, ef_client_error_get_user_message (error));
      return;
    }
  _ef_staff_day_page_reload (EF_STAFF_DAY_PAGE (self));
}

static void
on_reason_changed_cb (GtkEditable      *entry,
                      AdwMessageDialog *dialog)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "cancel-payment", reason[0] != '\0');
}

static void
on_reason_activate_cb (GtkEntry         *entry,
                       AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "cancel-payment"))
    adw_message_dialog_response (dialog, "cancel-payment");
}

static void
on_cancel_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       gpointer          user_data)
{
  EfStaffTakingsPage *self = EF_STAFF_TAKINGS_PAGE (user_data);
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "payment-id"));
  g_autofree char *reason = NULL;
  EfClient *client = ef_page_get_client (EF_PAGE (self));
  GCancellable *cancellable = ef_page_get_cancellable (EF_PAGE (self));

  if (!g_str_equal (response, "cancel-payment"))
    return;
  reason = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  if (reason[0] == '\0')
    return;
  gtk_label_set_label (self->status_label, _("Cancelling the payment…"));
  ef_client_cancel_payment_async (client, id, reason, cancellable, on_cancelled_cb,
                                  g_object_ref (self));
}

/* -------------------------------------------------------------- actions */

static void
receipt_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  EfStaffTakingsPage *self = EF_STAFF_TAKINGS_PAGE (widget);
  EfStaffPayment *payment = find_payment (self, g_variant_get_int64 (parameter));
  EfClient *client = ef_page_get_client (EF_PAGE (self));
  GCancellable *cancellable = ef_page_get_cancellable (EF_PAGE (self));

  if (payment == NULL || ef_staff_payment_get_receipt_number (payment) == NULL)
    return;

  _ef_staff_receipt_show_async (client, payment, self->receipt_view, cancellable,
                                on_receipt_shown_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EfStaffTakingsPage *self = EF_STAFF_TAKINGS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  EfStaffPayment *payment = find_payment (self, id);
  g_autofree char *amount = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog, *entry;

  if (payment == NULL || ef_staff_payment_get_cancelled (payment))
    return;

  amount = ef_money_format (ef_staff_payment_get_amount (payment));
  /* Translators: an amount of money, then a family's name */
  body = g_strdup_printf (_("The payment of %s by %s will be struck out of the day and its invoices "
                            "will be due again. Say why."), amount,
                          ef_staff_payment_get_family_name (payment));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Cancel This Payment?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep It"),
                                    "cancel-payment", _("Cancel the _Payment"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "cancel-payment",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "cancel-payment", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_entry_set_max_length (GTK_ENTRY (entry), 200);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for the cancellation"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_reason_changed_cb), dialog, 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (on_reason_activate_cb), dialog, 0);
  g_object_set_data (G_OBJECT (dialog), "payment-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* ---------------------------------------------------------------- vfuncs */

static void
ef_staff_takings_page_load_day (EfStaffDayPage *page,
                                EfDay           day,
                                GCancellable   *cancellable)
{
  EfStaffTakingsPage *self = EF_STAFF_TAKINGS_PAGE (page);

  g_clear_object (&self->payments);
  /* A receipt shown before may be out of date (cancelled since). */
  ef_pdf_view_set_document (self->receipt_view, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->receipt_view), FALSE);
  ef_client_get_day_payments_async (ef_page_get_client (EF_PAGE (self)), day, cancellable,
                                    on_payments_cb, g_object_ref (self));
}

/* Shown again (after a payment at the counter, say): the day as it is now. */
static void
ef_staff_takings_page_map (GtkWidget *widget)
{
  EfStaffTakingsPage *self = EF_STAFF_TAKINGS_PAGE (widget);

  GTK_WIDGET_CLASS (ef_staff_takings_page_parent_class)->map (widget);
  if (self->payments != NULL)
    _ef_staff_day_page_reload (EF_STAFF_DAY_PAGE (self));
}

static void
ef_staff_takings_page_dispose (GObject *object)
{
  EfStaffTakingsPage *self = EF_STAFF_TAKINGS_PAGE (object);

  /* The template goes first: its widgets read the payments to the end. */
  G_OBJECT_CLASS (ef_staff_takings_page_parent_class)->dispose (object);

  g_clear_object (&self->payments);
}

static void
ef_staff_takings_page_constructed (GObject *object)
{
  EfStaffTakingsPage *self = EF_STAFF_TAKINGS_PAGE (object);

  G_OBJECT_CLASS (ef_staff_takings_page_parent_class)->constructed (object);

  show_totals (self);
}

static void
ef_staff_takings_page_class_init (EfStaffTakingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  EfStaffDayPageClass *day_page_class = EF_STAFF_DAY_PAGE_CLASS (klass);

  object_class->dispose = ef_staff_takings_page_dispose;
  object_class->constructed = ef_staff_takings_page_constructed;
  widget_class->map = ef_staff_takings_page_map;
  day_page_class->load_day = ef_staff_takings_page_load_day;

  g_type_ensure (EF_TYPE_PDF_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/espacefamille/EspaceFamille/pages/ef-staff-takings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EfStaffTakingsPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, EfStaffTakingsPage, day_switcher);
  gtk_widget_class_bind_template_child (widget_class, EfStaffTakingsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, EfStaffTakingsPage, payments_box);
  gtk_widget_class_bind_template_child (widget_class, EfStaffTakingsPage, totals_box);
  gtk_widget_class_bind_template_child (widget_class, EfStaffTakingsPage, receipt_view);

  ef_day_switcher_class_install_actions (widget_class, "staff-takings",
                                         G_STRUCT_OFFSET (EfStaffTakingsPage, day_switcher));
  gtk_widget_class_install_action (widget_class, "staff-takings.receipt", "x", receipt_action);
  gtk_widget_class_install_action (widget_class, "staff-takings.cancel", "x", cancel_action);
}

static void
ef_staff_takings_page_init (EfStaffTakingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ef_page_set_title (EF_PAGE (self), _("Takings"));
  _ef_staff_day_page_follow (EF_STAFF_DAY_PAGE (self), self->day_switcher, self->status_label);
}

/* ------------------------------------------------------------ public API */

/**
 * ef_staff_takings_page_new:
 * @client: the signed-in agent's #EfClient
 *
 * Returns: (transfer floating): a new #EfStaffTakingsPage, on the portal's today
 */
GtkWidget *
ef_staff_takings_page_new (EfClient *client)
{
  g_return_val_if_fail (EF_IS_CLIENT (client), NULL);

  return g_object_new (EF_TYPE_STAFF_TAKINGS_PAGE, "client", client, NULL);
}

EfDay
ef_staff_takings_page_get_day (EfStaffTakingsPage *self)
{
  g_return_val_if_fail (EF_IS_STAFF_TAKINGS_PAGE (self), EF_DAY_INVALID);

  return ef_staff_day_page_get_day (EF_STAFF_DAY_PAGE (self));
}

void
ef_staff_takings_page_set_day (EfStaffTakingsPage *self,
                               EfDay               day)
{
  g_return_if_fail (EF_IS_STAFF_TAKINGS_PAGE (self));
  g_return_if_fail (ef_day_is_valid (day));

  ef_staff_day_page_set_day (EF_STAFF_DAY_PAGE (self), day);
}

GListModel *
ef_staff_takings_page_get_payments (EfStaffTakingsPage *self)
{
  g_return_val_if_fail (EF_IS_STAFF_TAKINGS_PAGE (self), NULL);

  return self->payments;
}

void
ef_staff_takings_page_get_totals (EfStaffTakingsPage *self,
                                  EfPaymentTotals    *totals)
{
  g_return_if_fail (EF_IS_STAFF_TAKINGS_PAGE (self));
  g_return_if_fail (totals != NULL);

  *totals = self->totals;
}

GtkWidget *
ef_staff_takings_page_get_receipt_view (EfStaffTakingsPage *self)
{
  g_return_val_if_fail (EF_IS_STAFF_TAKINGS_PAGE (self), NULL);

  return GTK_WIDGET (self->receipt_view);
}
