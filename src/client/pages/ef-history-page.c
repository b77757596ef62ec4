/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-history-page.c: Historique, the connections and the payments
 *
 * As the tutorial's HISTORIQUE DE MES ACTIONS: the sign-ins to the
 * family's accounts and the family's payments, a week or a month at a
 * time, with the previous and next periods a click away.
 */

#define G_LOG_DOMAIN "EfHistoryPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ef-page-text.h"
#include "ef-history-page.h"
#include "widgets/ef-accessible.h"
#include "widgets/ef-state-stack.h"

struct _EfHistoryPage
{
  EfPage           parent_instance;

  /* template children */
  GtkToggleButton *week_button;
  GtkToggleButton *month_button;
  GtkLabel        *period_label;
  AdwViewStack    *view_stack;
  EfStateStack    *connections_state;
  EfStateStack    *payments_state;

  gboolean         by_month;
  EfDay            first_day;
  EfDay            last_day;
  EfDay            today;           /* the portal's, when last looked at */
  gboolean         setting_period;
};

G_DEFINE_FINAL_TYPE (EfHistoryPage, ef_history_page, EF_TYPE_PAGE)

/* The portal's day, never the machine's. */
static EfDay
today (EfHistoryPage *self)
{
  return ef_client_get_today (ef_page_get_client (EF_PAGE (self)));
}

static int
days_in_month (int year,
               int month)
{
  return g_date_get_days_in_month (month, year);
}

/* The period holding @day, by week (Monday to Sunday) or by month. */
static void
compute_period (EfHistoryPage *self,
                EfDay          day)
{
  int year, month, mday;

  if (self->by_month)
    {
      ef_day_get_ymd (day, &year, &month, &mday);
      self->first_day = ef_day_new (year, month, 1);
      self->last_day = ef_day_new (year, month, days_in_month (year, month));
    }
  else
    {
      self->first_day = ef_day_add (day, 1 - ef_day_get_weekday (day));
      self->last_day = ef_day_add (self->first_day, 6);
    }
}

static GtkWidget *
create_connection_row (gpointer item,
                       gpointer user_data)
{
  EfConnectionEntry *entry = item;
  g_autofree char *when = _ef_page_text_instant (ef_connection_entry_get_at (entry));
  gboolean success = ef_connection_entry_get_success (entry);
  const char *client = ef_connection_entry_get_client (entry);
  const char *result;
  g_autofree char *subtitle = NULL;
  GtkWidget *row;
  GtkWidget *icon;

  switch (ef_connection_entry_get_result (entry))
    {
    case EF_CONNECTION_RESULT_OK:
      result = _("Signed in");
      break;
    case EF_CONNECTION_RESULT_LOCKED:
      result = _("Refused: account locked");
      break;
    case EF_CONNECTION_RESULT_BAD_CREDENTIALS:
    default:
      result = _("Refused: wrong password");
      break;
    }

  if (client != NULL && *client != '\0')
    /* Translators: a connection's result and client: "Signed in · Espace Famille for GNOME" */
    subtitle = g_strdup_printf (_("%s · %s"), result, client);
  else
    subtitle = g_strdup (result);

  row = g_object_new (ADW_TYPE_ACTION_ROW,
                      "title", when,
                      "subtitle", subtitle,
                      "title-lines", 0,
                      "subtitle-lines", 0,
                      "use-markup", FALSE,
                      "activatable", FALSE,
                      NULL);
  icon = gtk_image_new_from_icon_name (success ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, success ? "success" : "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  success ? _("Success") : _("Failure"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static GtkWidget *
create_payment_row (gpointer item,
                    gpointer user_data)
{
  EfPaymentEntry *entry = item;
  GDateTime *at = ef_payment_entry_get_paid_at (entry) != NULL ? ef_payment_entry_get_paid_at (entry)
                                                                : ef_payment_entry_get_at (entry);
  g_autofree char *when = _ef_page_text_instant (at);
  g_autofree char *amount = ef_money_format (ef_payment_entry_get_amount (entry));
  GListModel *allocations = ef_payment_entry_get_allocations (entry);
  g_autoptr (GString) invoices = g_string_new (NULL);
  g_autoptr (GString) subtitle = g_string_new (NULL);
  EfPaymentStatus status = ef_payment_entry_get_status (entry);
  GtkWidget *row;
  GtkWidget *amount_label;
  GtkWidget *icon;

  for (guint i = 0; allocations != NULL && i < g_list_model_get_n_items (allocations); i++)
    {
      g_autoptr (EfPaymentInvoice) invoice = g_list_model_get_item (allocations, i);

      if (invoices->len > 0)
        g_string_append (invoices, ", ");
      g_string_append (invoices, ef_payment_invoice_get_number (invoice));
    }

  /* Translators: a payment's channel and status: "Cash · Paid" */
  g_string_append_printf (subtitle, _("%s · %s"),
                          _ef_page_text_payment_channel (ef_payment_entry_get_channel (entry)),
                          _ef_page_text_payment_status (status));
  if (invoices->len > 0)
    {
      g_string_append_c (subtitle, '\n');
      /* Translators: the invoices a payment settled: "Invoices F200300001, F200300002" */
      g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "Invoice %s", "Invoices %s",
                                                     g_list_model_get_n_items (allocations)),
                              invoices->str);
    }

  row = g_object_new (ADW_TYPE_ACTION_ROW,
                      "title", when,
                      "subtitle", subtitle->str,
                      "title-lines", 0,
                      "subtitle-lines", 0,
                      "use-markup", FALSE,
                      "activatable", FALSE,
                      NULL);
  icon = gtk_image_new_from_icon_name (status == EF_PAYMENT_STATUS_PAID ? "emblem-ok-symbolic"
                                       : status == EF_PAYMENT_STATUS_PENDING ? "emblem-documents-symbolic"
                                       : "dialog-warning-symbolic");
  if (status == EF_PAYMENT_STATUS_PAID)
    gtk_widget_add_css_class (icon, "success");
  else if (status != EF_PAYMENT_STATUS_PENDING)
    gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  amount_label = gtk_label_new (amount);
  gtk_widget_add_css_class (amount_label, "heading");
  gtk_widget_add_css_class (amount_label, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount_label);
  return row;
}

/* A view's entries, once loaded: the list, "empty", or the error. */
static void
show_entries (EfStateStack              *state,
              GtkListBoxCreateWidgetFunc create_row,
              GListModel                *entries,
              const GError              *error)
{
  if (entries == NULL)
    {
      ef_state_stack_show_error (state, ef_client_error_get_user_message (error));
      return;
    }

  gtk_list_box_bind_model (GTK_LIST_BOX (ef_state_stack_get_child (state)), entries, create_row, NULL, NULL);
  ef_state_stack_set_state (state, g_list_model_get_n_items (entries) > 0 ? "list" : "empty");
}

static void
on_connections_loaded_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) entries = NULL;
  EfHistoryPage *self;

  entries = ef_client_get_connection_history_finish (EF_CLIENT (source), result, &error);
  if (_ef_page_result_cancelled (result, error))
    return;
  self = EF_HISTORY_PAGE (user_data);
  show_entries (self->connections_state, create_connection_row, entries, error);
}

static void
on_payments_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) entries = NULL;
  EfHistoryPage *self;

  entries = ef_client_get_payment_history_finish (EF_CLIENT (source), result, &error);
  if (_ef_page_result_cancelled (result, error))
    return;
  self = EF_HISTORY_PAGE (user_data);
  show_entries (self->payments_state, create_payment_row, entries, error);
}

static void
update_labels (EfHistoryPage *self)
{
  g_autofree char *label = self->by_month ? _ef_page_text_month (self->first_day)
                                          : _ef_page_text_week (self->first_day);

  gtk_label_set_text (self->period_label, label);
  ef_state_stack_set_empty_title (self->connections_state,
                                  self->by_month ? _("No Connection This Month")
                                                 : _("No Connection This Week"));
  ef_state_stack_set_empty_title (self->payments_state,
                                  self->by_month ? _("No Payment This Month")
                                                 : _("No Payment This Week"));
  /* Nothing to see after today. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "history.next", self->last_day < today (self));
}

static void
load (EfHistoryPage *self)
{
  EfDay last = MIN (self->last_day, today (self));
  EfClient *client = ef_page_get_client (EF_PAGE (self));
  GCancellable *cancellable;

  cancellable = ef_page_renew_cancellable (EF_PAGE (self));

  update_labels (self);
  ef_state_stack_set_state (self->connections_state, "loading");
  ef_state_stack_set_state (self->payments_state, "loading");
  ef_client_get_connection_history_async (client, self->first_day, last, cancellable,
                                          on_connections_loaded_cb, self);
  ef_client_get_payment_history_async (client, self->first_day, last, cancellable,
                                       on_payments_loaded_cb, self);
}

static void
on_unit_toggled_cb (EfHistoryPage *self)
{
  gboolean by_month = gtk_toggle_button_get_active (self->month_button);
  EfDay now = today (self);

  if (by_month == self->by_month || self->setting_period)
    return;

  /* Keep the period in view: the month of the week shown, or the week of
   * today when it is in the month shown, else its first week. */
  self->by_month = by_month;
  if (by_month)
    compute_period (self, self->first_day);
  else
    compute_period (self, now >= self->first_day && now <= self->last_day ? now : self->first_day);
  load (self);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EfHistoryPage *self = EF_HISTORY_PAGE (widget);
  gboolean next = g_str_equal (action_name, "history.next");

  if (self->by_month)
    compute_period (self, next ? ef_day_add (self->last_day, 1) : ef_day_add (self->first_day, -1));
  else
    compute_period (self, ef_day_add (self->first_day, next ? 7 : -7));
  load (self);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ef_history_page_reload (EF_HISTORY_PAGE (widget));
}

/* A new day for the portal: the current week or month moves with it, and
 * "next" may lead somewhere now. */
static void
on_today_changed_cb (EfHistoryPage *self)
{
  EfDay now = today (self);
  gboolean was_current = self->today >= self->first_day && self->today <= self->last_day;

  self->today = now;
  if (was_current && (now < self->first_day || now > self->last_day))
    compute_period (self, now);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
  else
    update_labels (self);
}

/* A payment ended: the payments seen may have changed. The page reads
 * everything again when it is shown anyway. */
static void
on_billing_changed_cb (EfHistoryPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load (self);
}

static void
ef_history_page_constructed (GObject *object)
{
  EfHistoryPage *self = EF_HISTORY_PAGE (object);
  EfClient *client = ef_page_get_client (EF_PAGE (self));

  G_OBJECT_CLASS (ef_history_page_parent_class)->constructed (object);

  self->today = today (self);
  compute_period (self, self->today);
  update_labels (self);
  g_signal_connect_object (client, "notify::today",
                           G_CALLBACK (on_today_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (client, "billing-changed",
                           G_CALLBACK (on_billing_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
ef_history_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ef_history_page_parent_class)->map (widget);

  ef_history_page_reload (EF_HISTORY_PAGE (widget));
}

static void
ef_history_page_class_init (EfHistoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ef_history_page_constructed;
  widget_class->map = ef_history_page_map;

  gtk_widget_class_install_action (widget_class, "history.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "history.previous", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "history.next", NULL, step_action);

  g_type_ensure (EF_TYPE_STATE_STACK);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/pages/ef-history-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EfHistoryPage, week_button);
  gtk_widget_class_bind_template_child (widget_class, EfHistoryPage, month_button);
  gtk_widget_class_bind_template_child (widget_class, EfHistoryPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, EfHistoryPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, EfHistoryPage, connections_state);
  gtk_widget_class_bind_template_child (widget_class, EfHistoryPage, payments_state);
  gtk_widget_class_bind_template_callback (widget_class, on_unit_toggled_cb);
}

static void
ef_history_page_init (EfHistoryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ef_page_set_title (EF_PAGE (self), _("History"));
  ef_accessible_name_buttons (GTK_WIDGET (self));
}

GtkWidget *
ef_history_page_new (EfClient *client)
{
  g_return_val_if_fail (EF_IS_CLIENT (client), NULL);

  return g_object_new (EF_TYPE_HISTORY_PAGE, "client", client, NULL);
}

void
ef_history_page_reload (EfHistoryPage *self)
{
  g_return_if_fail (EF_IS_HISTORY_PAGE (self));

  load (self);
}

void
ef_history_page_set_view (EfHistoryPage *self,
                          const char    *view)
{
  g_return_if_fail (EF_IS_HISTORY_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, view);
}

void
ef_history_page_set_period (EfHistoryPage *self,
                            gboolean       by_month,
                            EfDay          day)
{
  g_return_if_fail (EF_IS_HISTORY_PAGE (self));

  /* The toggled handler has nothing to do while the buttons follow. */
  self->setting_period = TRUE;
  self->by_month = by_month;
  gtk_toggle_button_set_active (by_month ? self->month_button : self->week_button, TRUE);
  self->setting_period = FALSE;
  compute_period (self, day);
  load (self);
}

const char *
ef_history_page_get_period_label (EfHistoryPage *self)
{
  g_return_val_if_fail (EF_IS_HISTORY_PAGE (self), NULL);

  return gtk_label_get_text (self->period_label);
}

const char *
ef_history_page_get_state (EfHistoryPage *self,
                           const char    *view)
{
  g_return_val_if_fail (EF_IS_HISTORY_PAGE (self), NULL);

  return ef_state_stack_get_state (g_str_equal (view, "payments") ? self->payments_state
                                                                   : self->connections_state);
}

GtkListBox *
ef_history_page_get_list (EfHistoryPage *self,
                          const char    *view)
{
  g_return_val_if_fail (EF_IS_HISTORY_PAGE (self), NULL);

  return GTK_LIST_BOX (ef_state_stack_get_child (g_str_equal (view, "payments") ? self->payments_state
                                                                                 : self->connections_state));
}
