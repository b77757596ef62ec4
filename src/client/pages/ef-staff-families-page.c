/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-families-page.c: Familles, the town hall's counter
 *
 * An agent finds a family (the search has the focus: type a name, Down or
 * Enter), sees whose family it is, records what it pays at the counter and
 * gets the receipt to print (Ctrl+P), all by keyboard.
 *
 * Beside the counter, the family's own pages — its reservations, invoices,
 * history and family — as the family sees them, through a session of the
 * agent's on its behalf (ef_client_open_family_session_async()): what the
 * agent changes there the portal audits as the agent's. A banner above
 * says whose family it is for as long as they show.
 */

#define G_LOG_DOMAIN "EfStaffFamiliesPage"

#include "config.h"

#include <glib/gi18n.h>

#include "ef-staff-families-page.h"
#include "pages/ef-family-page.h"
#include "pages/ef-history-page.h"
#include "pages/ef-invoices-page.h"
#include "pages/ef-reservations-page.h"
#include "pages/ef-staff-receipt.h"
#include "widgets/ef-accessible.h"
#include "widgets/ef-pdf-view.h"

struct _EfStaffFamiliesPage
{
  EfPage          parent_instance;

  /* template children */
  GtkStack       *stack;
  GtkSearchEntry *search_entry;
  GtkLabel       *search_status;
  GtkListBox     *results_list;
  GtkLabel       *banner_label;
  GtkLabel       *members_label;
  AdwComboRow    *invoice_row;
  AdwComboRow    *channel_row;
  AdwEntryRow    *cheque_row;
  AdwEntryRow    *amount_row;
  GtkLabel       *status_label;
  EfPdfView      *receipt_view;
  AdwViewStack   *family_stack;

  GCancellable   *search_cancellable;  /* the search under way */
  char           *search_text;         /* what it looks for */
  char           *results_text;        /* what the results shown answer */
  GListModel     *results;
  EfStaffFamily  *family;
  GListStore     *invoices;            /* the family's invoices to pay */
  EfStaffPayment *last_payment;
  char           *recorded_text;       /* (nullable): said until another family */
  gboolean        recording;

  /* The family's own pages, on its behalf */
  EfClient       *family_client;
  GCancellable   *family_cancellable;
  GPtrArray      *family_pages;
};

G_DEFINE_FINAL_TYPE (EfStaffFamiliesPage, ef_staff_families_page, EF_TYPE_PAGE)

/* In the order of the channel row's list. */
static const EfPaymentChannel channels[] = {
  EF_PAYMENT_CHANNEL_CASH,
  EF_PAYMENT_CHANNEL_CHEQUE,
  EF_PAYMENT_CHANNEL_TRANSFER,
  EF_PAYMENT_CHANNEL_DIRECT_DEBIT,
};

static void open_family (EfStaffFamiliesPage *self,
                         gint64               family_id);

/* ---------------------------------------------------------------- helpers */

static void
set_status (EfStaffFamiliesPage *self,
            const char          *text)
{
  gtk_label_set_label (self->status_label, text != NULL ? text : "");
}

static EfInvoice *
selected_invoice (EfStaffFamiliesPage *self)
{
  return adw_combo_row_get_selected_item (self->invoice_row);
}

static void
update_actions (EfStaffFamiliesPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff-families.record",
                                 !self->recording && self->family != NULL &&
                                 selected_invoice (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "staff-families.print-receipt",
                                 ef_pdf_view_get_document (self->receipt_view) != NULL);
}

static void
fill_amount (EfStaffFamiliesPage *self)
{
  EfInvoice *invoice = selected_invoice (self);
  g_autofree char *text = NULL;

  if (invoice == NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->amount_row), "");
      return;
    }
  /* Plain digits, as the agent would type them: 70,00. */
  text = g_strdup_printf ("%" G_GINT64_FORMAT ",%02d", ef_invoice_get_balance (invoice) / 100,
                          (int) (ef_invoice_get_balance (invoice) % 100));
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), text);
}

static char *
invoice_label (EfInvoice *invoice)
{
  g_autofree char *balance = ef_money_format (ef_invoice_get_balance (invoice));

  /* Translators: an invoice to pay: its number, its label and what is due */
  return g_strdup_printf (_("%s — %s — %s due"), ef_invoice_get_number (invoice),
                          ef_invoice_get_label (invoice), balance);
}

static char *
members_text (EfFamily *family)
{
  GListModel *members = ef_family_get_members (family);
  g_autoptr (GString) text = g_string_new ("");

  for (guint i = 0; i < g_list_model_get_n_items (members); i++)
    {
      g_autoptr (EfMember) member = g_list_model_get_item (members, i);

      g_string_append_printf (text, "%s%s %s", i > 0 ? "\n" : "",
                              ef_member_get_first_name (member), ef_member_get_last_name (member));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_family (EfStaffFamiliesPage *self,
             EfStaffFamily       *family)
{
  EfFamily *info = ef_staff_family_get_family (family);
  GListModel *invoices = ef_staff_family_get_invoices (family);
  g_autofree char *banner = NULL;
  g_autofree char *members = NULL;
  g_autofree char *due = NULL;
  g_autofree char *status = NULL;

  g_set_object (&self->family, family);
  g_list_store_remove_all (self->invoices);
  for (guint i = 0; i < g_list_model_get_n_items (invoices); i++)
    {
      g_autoptr (EfInvoice) invoice = g_list_model_get_item (invoices, i);

      if (ef_invoice_get_status (invoice) == EF_INVOICE_STATUS_TO_PAY && ef_invoice_get_balance (invoice) > 0)
        g_list_store_append (self->invoices, invoice);
    }

  /* Translators: %s is the family's name (“Famille Martin”); the agent acts on its behalf */
  banner = g_strdup_printf (_("%s — you are acting for this family"), ef_family_get_name (info));
  gtk_label_set_label (self->banner_label, banner);
  members = members_text (info);
  gtk_label_set_label (self->members_label, members);

  adw_combo_row_set_selected (self->invoice_row, 0);
  fill_amount (self);
  gtk_editable_set_text (GTK_EDITABLE (self->cheque_row), "");
  due = ef_money_format (ef_staff_family_get_total_due (family));
  if (self->recorded_text != NULL)
    status = g_strdup (self->recorded_text);
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->invoices)) == 0)
    status = g_strdup (_("Nothing to pay."));
  else
    /* Translators: %s is an amount of money */
    status = g_strdup_printf (_("Due on its invoices: %s."), due);
  set_status (self, status);
  update_actions (self);
}

static GtkWidget *
new_result_row (EfStaffFamilySummary *family)
{
  GtkWidget *row = adw_action_row_new ();
  const char *children = ef_staff_family_summary_get_children (family);
  const char *email = ef_staff_family_summary_get_email (family);
  g_autofree char *title = g_markup_escape_text (ef_staff_family_summary_get_name (family), -1);
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;

  subtitle = g_strdup_printf ("%s%s%s", children != NULL ? children : "",
                              children != NULL && *children != '\0' && email != NULL ? " · " : "",
                              email != NULL ? email : "");
  escaped = g_markup_escape_text (subtitle, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data_full (G_OBJECT (row), "ef-family", g_object_ref (family), g_object_unref);
  return row;
}

/* ------------------------------------------------------------- callbacks */

static void
on_searched_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (EfStaffFamiliesPage) self = user_data;
  g_autoptr (GListModel) families = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *row;
  guint total = 0;

  families = ef_client_search_families_finish (EF_CLIENT (source), result, &total, &error);
  if (families == NULL)
    {
      if (!ef_client_error_is_cancelled (error))
        gtk_label_set_label (self->search_status, ef_client_error_get_user_message (error));
      return;
    }

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, row);
  g_set_object (&self->results, families);
  g_free (self->results_text);
  self->results_text = g_strdup (self->search_text);
  for (guint i = 0; i < g_list_model_get_n_items (families); i++)
    {
      g_autoptr (EfStaffFamilySummary) family = g_list_model_get_item (families, i);

      gtk_list_box_append (self->results_list, new_result_row (family));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->results_list), total > 0);

  if (total == 0)
    gtk_label_set_label (self->search_status, _("No family found."));
  else
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u family found.",
                                                            "%u families found.", total),
                                               total);

      gtk_label_set_label (self->search_status, text);
    }
}

static void
on_search_changed_cb (EfStaffFamiliesPage *self)
{
  EfClient *client = ef_page_get_client (EF_PAGE (self));

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_cancellable = g_cancellable_new ();
  g_free (self->search_text);
  self->search_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  ef_client_search_families_async (client, self->search_text, 1, self->search_cancellable,
                                   on_searched_cb, g_object_ref (self));
}

/* Enter in the search opens the first family found. */
static void
on_search_activate_cb (EfStaffFamiliesPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->results_list, 0);

  if (row != NULL)
    g_signal_emit_by_name (self->results_list, "row-activated", row);
}

/* Down in the search goes to the families found. */
static gboolean
on_search_key_pressed_cb (EfStaffFamiliesPage   *self,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          GtkEventControllerKey *controller)
{
  GtkListBoxRow *row;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  row = gtk_list_box_get_row_at_index (self->results_list, 0);
  if (row == NULL)
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (row));
  return TRUE;
}

static void
on_result_activated_cb (EfStaffFamiliesPage *self,
                        GtkListBoxRow       *row)
{
  EfStaffFamilySummary *family = g_object_get_data (G_OBJECT (row), "ef-family");

  open_family (self, ef_staff_family_summary_get_id (family));
}

static void on_family_loaded_cb (GObject      *source,
                                 GAsyncResult *result,
                                 gpointer      user_data);

/* ------------------------------------------------ on the family's behalf */

/* The family's own pages go, and the session on its behalf ends. */
static void
close_family_pages (EfStaffFamiliesPage *self)
{
  g_cancellable_cancel (self->family_cancellable);
  g_clear_object (&self->family_cancellable);

  if (self->family_pages != NULL)
    {
      for (guint i = 0; i < self->family_pages->len; i++)
        adw_view_stack_remove (self->family_stack, g_ptr_array_index (self->family_pages, i));
      g_ptr_array_set_size (self->family_pages, 0);
    }

  if (self->family_client != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->family_client, self);
      /* The portal hears it after; the pages are gone already. */
      ef_client_sign_out_async (self->family_client, NULL, NULL, NULL);
      g_clear_object (&self->family_client);
    }
}

static void
on_family_session_ended_cb (EfStaffFamiliesPage *self)
{
  /* The agent's session ended, or the agent no longer serves the family:
   * back to the counter, which says so when it reloads. */
  adw_view_stack_set_visible_child_name (self->family_stack, "counter");
  close_family_pages (self);
  set_status (self, _("The family’s own pages closed: the session on its behalf has ended."));
}

/* The pages are the family's ("Mes réservations"); their tabs are named
 * for the agent who reads them on its behalf. */
static void
add_family_page (EfStaffFamiliesPage *self,
                 GtkWidget           *page,
                 const char          *name,
                 const char          *title,
                 const char          *icon_name)
{
  adw_view_stack_add_titled_with_icon (self->family_stack, page, name, title, icon_name);
  g_ptr_array_add (self->family_pages, page);
}

static void
on_family_session_opened_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr (EfStaffFamiliesPage) self = user_data;
  g_autoptr (EfClient) client = NULL;
  g_autoptr (GError) error = NULL;

  client = ef_client_open_family_session_finish (EF_CLIENT (source), result, &error);
  if (client == NULL)
    {
      if (!ef_client_error_is_cancelled (error))
        {
          /* Translators: %s says why (an error message) */
          g_autofree char *text = g_strdup_printf (_("The family’s own pages cannot be shown: %s"),
                                                   ef_client_error_get_user_message (error));

          set_status (self, text);
        }
      return;
    }

  self->family_client = g_steal_pointer (&client);
  g_signal_connect_object (self->family_client, "sign-in-required",
                           G_CALLBACK (on_family_session_ended_cb), self, G_CONNECT_SWAPPED);
  add_family_page (self, ef_reservations_page_new (self->family_client), "reservations",
                   _("Reservations"), "x-office-calendar-symbolic");
  add_family_page (self, ef_invoices_page_new (self->family_client), "invoices",
                   _("Invoices"), "emblem-documents-symbolic");
  add_family_page (self, ef_history_page_new (self->family_client), "history",
                   _("History"), "document-open-recent-symbolic");
  add_family_page (self, ef_family_page_new (self->family_client), "family",
                   _("Family"), "system-users-symbolic");
}

static void
open_family_pages (EfStaffFamiliesPage *self,
                   gint64               family_id)
{
  close_family_pages (self);
  self->family_cancellable = g_cancellable_new ();
  ef_client_open_family_session_async (ef_page_get_client (EF_PAGE (self)), family_id, "counter",
                                       self->family_cancellable, on_family_session_opened_cb,
                                       g_object_ref (self));
}

static void
open_family (EfStaffFamiliesPage *self,
             gint64               family_id)
{
  EfClient *client = ef_page_get_client (EF_PAGE (self));
  GCancellable *cancellable = ef_page_get_cancellable (EF_PAGE (self));

  /* Another family: nothing of the previous one stays on screen. */
  adw_view_stack_set_visible_child_name (self->family_stack, "counter");
  open_family_pages (self, family_id);
  g_clear_pointer (&self->recorded_text, g_free);
  g_clear_object (&self->last_payment);
  ef_pdf_view_set_document (self->receipt_view, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->receipt_view), FALSE);
  adw_combo_row_set_selected (self->channel_row, 0);
  ef_client_get_staff_family_async (client, family_id, cancellable,
                                    on_family_loaded_cb, g_object_ref (self));
}

static void
on_family_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (EfStaffFamiliesPage) self = user_data;
  g_autoptr (EfStaffFamily) family = NULL;
  g_autoptr (GError) error = NULL;

  family = ef_client_get_staff_family_finish (EF_CLIENT (source), result, &error);
  if (family == NULL)
    {
      /* Said where the agent is: the search, or the family being reloaded. */
      if (ef_client_error_is_cancelled (error))
        return;
      if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "family"))
        set_status (self, ef_client_error_get_user_message (error));
      else
        gtk_label_set_label (self->search_status, ef_client_error_get_user_message (error));
      return;
    }

  show_family (self, family);
  gtk_stack_set_visible_child_name (self->stack, "family");
  gtk_widget_grab_focus (GTK_WIDGET (self->invoice_row));
}

static void
on_receipt_shown_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (EfStaffFamiliesPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!_ef_staff_receipt_show_finish (result, &error))
    {
      if (!ef_client_error_is_cancelled (error))
        set_status (self, error->message);
      return;
    }
  update_actions (self);
}

static void
on_recorded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (EfStaffFamiliesPage) self = user_data;
  g_autoptr (EfStaffPayment) payment = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *text = NULL;
  EfClient *client = ef_page_get_client (EF_PAGE (self));
  GCancellable *cancellable = ef_page_get_cancellable (EF_PAGE (self));

  self->recording = FALSE;
  payment = ef_client_record_payment_finish (EF_CLIENT (source), result, &error);
  if (payment == NULL)
    {
      if (!ef_client_error_is_cancelled (error))
        set_status (self, ef_client_error_get_user_message (error));
      update_actions (self);
      return;
    }

  g_set_object (&self->last_payment, payment);
  amount = ef_money_format (ef_staff_payment_get_amount (payment));
  /* Translators: %s is an amount of money, then the receipt's number */
  text = g_strdup_printf (_("Payment of %s recorded, receipt %s. Ctrl+P prints the receipt."), amount,
                          ef_staff_payment_get_receipt_number (payment));
  _ef_staff_receipt_show_async (client, payment, self->receipt_view, cancellable,
                                on_receipt_shown_cb, g_object_ref (self));
  /* What the family owes now, with the receipt's message kept. */
  ef_client_get_staff_family_async (client, ef_staff_payment_get_family_id (payment),
                                    cancellable, on_family_loaded_cb, g_object_ref (self));
  set_status (self, text);
  g_free (self->recorded_text);
  self->recorded_text = g_steal_pointer (&text);
}

static void
on_channel_selected_cb (EfStaffFamiliesPage *self)
{
  guint selected = adw_combo_row_get_selected (self->channel_row);

  gtk_widget_set_visible (GTK_WIDGET (self->cheque_row),
                          selected < G_N_ELEMENTS (channels) && channels[selected] == EF_PAYMENT_CHANNEL_CHEQUE);
}

static void
on_invoice_selected_cb (EfStaffFamiliesPage *self)
{
  fill_amount (self);
  update_actions (self);
}

/* Enter in the amount or the cheque's number records the payment. */
static void
on_entry_activated_cb (EfStaffFamiliesPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "staff-families.record", NULL);
}

/* -------------------------------------------------------------- actions */

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  EfStaffFamiliesPage *self = EF_STAFF_FAMILIES_PAGE (widget);
  EfInvoice *invoice = selected_invoice (self);
  guint selected = adw_combo_row_get_selected (self->channel_row);
  const char *cheque = gtk_editable_get_text (GTK_EDITABLE (self->cheque_row));
  EfPaymentChannel channel;
  EfCents amount = 0;
  gint64 invoice_id;
  EfClient *client = ef_page_get_client (EF_PAGE (self));
  GCancellable *cancellable = ef_page_get_cancellable (EF_PAGE (self));

  if (self->recording || self->family == NULL || invoice == NULL || selected >= G_N_ELEMENTS (channels))
    return;
  channel = channels[selected];

  if (!ef_money_parse (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)), &amount, NULL) ||
      amount <= 0 || amount > ef_invoice_get_balance (invoice))
    {
      set_status (self, _("Type an amount above zero and at most what is due."));
      gtk_widget_grab_focus (GTK_WIDGET (self->amount_row));
      return;
    }
  if (channel == EF_PAYMENT_CHANNEL_CHEQUE && *cheque == '\0')
    {
      set_status (self, _("Type the cheque’s number."));
      gtk_widget_grab_focus (GTK_WIDGET (self->cheque_row));
      return;
    }

  self->recording = TRUE;
  update_actions (self);
  set_status (self, _("Recording the payment…"));
  invoice_id = ef_invoice_get_id (invoice);
  ef_client_record_payment_async (client,
                                  ef_family_get_id (ef_staff_family_get_family (self->family)),
                                  channel, &invoice_id, 1, amount,
                                  channel == EF_PAYMENT_CHANNEL_CHEQUE ? cheque : NULL, NULL,
                                  cancellable, on_recorded_cb, g_object_ref (self));
}

static void
print_receipt_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  EfStaffFamiliesPage *self = EF_STAFF_FAMILIES_PAGE (widget);

  gtk_widget_activate_action (GTK_WIDGET (self->receipt_view), "pdf.print", NULL);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  EfStaffFamiliesPage *self = EF_STAFF_FAMILIES_PAGE (widget);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "family"))
    return;
  close_family_pages (self);
  adw_view_stack_set_visible_child_name (self->family_stack, "counter");
  gtk_stack_set_visible_child_name (self->stack, "search");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ---------------------------------------------------------------- vfuncs */

static void
ef_staff_families_page_dispose (GObject *object)
{
  EfStaffFamiliesPage *self = EF_STAFF_FAMILIES_PAGE (object);

  g_cancellable_cancel (self->search_cancellable);
  close_family_pages (self);
  g_clear_pointer (&self->family_pages, g_ptr_array_unref);

  /* The template goes first: its widgets read the lists to the end. */
  G_OBJECT_CLASS (ef_staff_families_page_parent_class)->dispose (object);

  g_clear_object (&self->search_cancellable);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->results_text, g_free);
  g_clear_object (&self->results);
  g_clear_object (&self->family);
  g_clear_object (&self->invoices);
  g_clear_object (&self->last_payment);
}

static void
ef_staff_families_page_finalize (GObject *object)
{
  EfStaffFamiliesPage *self = EF_STAFF_FAMILIES_PAGE (object);

  g_clear_pointer (&self->recorded_text, g_free);

  G_OBJECT_CLASS (ef_staff_families_page_parent_class)->finalize (object);
}

static void
ef_staff_families_page_constructed (GObject *object)
{
  EfStaffFamiliesPage *self = EF_STAFF_FAMILIES_PAGE (object);

  G_OBJECT_CLASS (ef_staff_families_page_parent_class)->constructed (object);

  g_assert (EF_IS_CLIENT (ef_page_get_client (EF_PAGE (self))));
  /* Every family of the agent's services, until a name is typed. */
  on_search_changed_cb (self);
}

static gboolean
ef_staff_families_page_grab_focus (GtkWidget *widget)
{
  EfStaffFamiliesPage *self = EF_STAFF_FAMILIES_PAGE (widget);

  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "search"))
    return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return gtk_widget_grab_focus (GTK_WIDGET (self->invoice_row));
}

static void
ef_staff_families_page_class_init (EfStaffFamiliesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ef_staff_families_page_dispose;
  object_class->finalize = ef_staff_families_page_finalize;
  object_class->constructed = ef_staff_families_page_constructed;
  widget_class->grab_focus = ef_staff_families_page_grab_focus;

  g_type_ensure (EF_TYPE_PDF_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/espacefamille/EspaceFamille/pages/ef-staff-families-page.ui");
  gtk_widget_class_bind_template_child (widget_class, EfStaffFamiliesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, EfStaffFamiliesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, EfStaffFamiliesPage, search_status);
  gtk_widget_class_bind_template_child (widget_class, EfStaffFamiliesPage, results_list);
  gtk_widget_class_bind_template_child (widget_class, EfStaffFamiliesPage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, EfStaffFamiliesPage, members_label);
  gtk_widget_class_bind_template_child (widget_class, EfStaffFamiliesPage, invoice_row);
  gtk_widget_class_bind_template_child (widget_class, EfStaffFamiliesPage, channel_row);
  gtk_widget_class_bind_template_child (widget_class, EfStaffFamiliesPage, cheque_row);
  gtk_widget_class_bind_template_child (widget_class, EfStaffFamiliesPage, amount_row);
  gtk_widget_class_bind_template_child (widget_class, EfStaffFamiliesPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, EfStaffFamiliesPage, receipt_view);
  gtk_widget_class_bind_template_child (widget_class, EfStaffFamiliesPage, family_stack);

  gtk_widget_class_install_action (widget_class, "staff-families.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "staff-families.print-receipt", NULL, print_receipt_action);
  gtk_widget_class_install_action (widget_class, "staff-families.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "staff-families.print-receipt", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "staff-families.back", NULL);
}

static void
ef_staff_families_page_init (EfStaffFamiliesPage *self)
{
  g_autoptr (GtkExpression) expression = NULL;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  ef_page_set_title (EF_PAGE (self), _("Families"));
  /* The back arrow, named after its tooltip. */
  ef_accessible_name_buttons (GTK_WIDGET (self->stack));
  self->invoices = g_list_store_new (EF_TYPE_INVOICE);
  self->family_pages = g_ptr_array_new ();

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (invoice_label), NULL, NULL);
  adw_combo_row_set_expression (self->invoice_row, expression);
  adw_combo_row_set_model (self->invoice_row, G_LIST_MODEL (self->invoices));

  keys = gtk_event_controller_key_new ();
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (on_search_activate_cb), self);
  g_signal_connect_swapped (self->results_list, "row-activated", G_CALLBACK (on_result_activated_cb), self);
  g_signal_connect_swapped (self->invoice_row, "notify::selected", G_CALLBACK (on_invoice_selected_cb), self);
  g_signal_connect_swapped (self->channel_row, "notify::selected", G_CALLBACK (on_channel_selected_cb), self);
  g_signal_connect_swapped (self->amount_row, "entry-activated", G_CALLBACK (on_entry_activated_cb), self);
  g_signal_connect_swapped (self->cheque_row, "entry-activated", G_CALLBACK (on_entry_activated_cb), self);
  update_actions (self);
}

/* ------------------------------------------------------------ public API */

/**
 * ef_staff_families_page_new:
 * @client: the signed-in agent's #EfClient
 *
 * Returns: (transfer floating): a new #EfStaffFamiliesPage
 */
GtkWidget *
ef_staff_families_page_new (EfClient *client)
{
  g_return_val_if_fail (EF_IS_CLIENT (client), NULL);

  return g_object_new (EF_TYPE_STAFF_FAMILIES_PAGE, "client", client, NULL);
}

GtkListBox *
ef_staff_families_page_get_results (EfStaffFamiliesPage *self)
{
  g_return_val_if_fail (EF_IS_STAFF_FAMILIES_PAGE (self), NULL);

  return self->results_list;
}

gint64
ef_staff_families_page_get_family_id (EfStaffFamiliesPage *self)
{
  g_return_val_if_fail (EF_IS_STAFF_FAMILIES_PAGE (self), 0);

  if (self->family == NULL || !g_str_equal (gtk_stack_get_visible_child_name (self->stack), "family"))
    return 0;
  return ef_family_get_id (ef_staff_family_get_family (self->family));
}

EfStaffPayment *
ef_staff_families_page_get_last_payment (EfStaffFamiliesPage *self)
{
  g_return_val_if_fail (EF_IS_STAFF_FAMILIES_PAGE (self), NULL);

  return self->last_payment;
}

GtkWidget *
ef_staff_families_page_get_receipt_view (EfStaffFamiliesPage *self)
{
  g_return_val_if_fail (EF_IS_STAFF_FAMILIES_PAGE (self), NULL);

  return GTK_WIDGET (self->receipt_view);
}

const char *
ef_staff_families_page_get_banner (EfStaffFamiliesPage *self)
{
  g_return_val_if_fail (EF_IS_STAFF_FAMILIES_PAGE (self), NULL);

  return gtk_label_get_label (self->banner_label);
}

EfClient *
ef_staff_families_page_get_family_client (EfStaffFamiliesPage *self)
{
  g_return_val_if_fail (EF_IS_STAFF_FAMILIES_PAGE (self), NULL);

  return self->family_client;
}

AdwViewStack *
ef_staff_families_page_get_family_stack (EfStaffFamiliesPage *self)
{
  g_return_val_if_fail (EF_IS_STAFF_FAMILIES_PAGE (self), NULL);

  return self->family_stack;
}

/**
 * ef_staff_families_page_get_results_text:
 * @self: an #EfStaffFamiliesPage
 *
 * Returns: (nullable): the text of the search whose results are shown, or
 *   %NULL before the first
 */
const char *
ef_staff_families_page_get_results_text (EfStaffFamiliesPage *self)
{
  g_return_val_if_fail (EF_IS_STAFF_FAMILIES_PAGE (self), NULL);

  return self->results_text;
}
