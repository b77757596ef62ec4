/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-reminders.c: desktop notifications of deadlines, invoices and payments
 *
 * While the application runs (with a window or in the background), the
 * reminders read the plannings of the children, the invoices and the
 * payments through EfClient and send a GNotification for:
 *
 *  - a reserved day that can still be cancelled and whose deadline is
 *    within "remind-deadline-hours";
 *  - an invoice issued in the last week;
 *  - an invoice still to pay that is due within three days;
 *  - an online payment that ended (paid, refused, cancelled, expired) in
 *    the last week.
 *
 * "Now" is always the portal's (ef_client_get_now()): the next check is
 * the next deadline's notice, or half an hour, counted from the portal's
 * now and waited for on the monotonic clock. What was sent is remembered
 * by key, in memory and in a small state file (none in kiosk mode), so
 * that nothing is announced twice, even across restarts.
 *
 * Outside a sandbox a notification needs a server on the session bus
 * (org.gtk.Notifications or org.freedesktop.Notifications); without one,
 * nothing is sent, nor marked as sent, until one comes.
 */

#define G_LOG_DOMAIN "EfReminders"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ef-background.h"
#include "ef-reminders.h"

/* The longest wait between two checks, in seconds. */
#define REFRESH_SECONDS (30 * 60)
/* How recent an invoice or a payment's end must be to be announced. */
#define RECENT_DAYS 7
/* How many days before its due date an invoice is recalled. */
#define DUE_NOTICE_DAYS 3
/* How long a sent key is remembered, in seconds. */
#define FORGET_SECONDS (60 * 24 * 3600)
/* The plannings read: from today, this many days. */
#define PLANNING_DAYS 21

struct _EfReminders
{
  GObject       parent_instance;

  GApplication *application;   /* not owned: it owns us */
  EfClient     *client;
  GSettings    *settings;
  char         *state_path;    /* NULL: memory only */
  GHashTable   *sent;          /* key → server time sent (gint64 *) */
  GCancellable *cancellable;
  guint         timeout_id;
  guint         n_checks;
  guint         n_sent;
  gint64        next_check;
  gint64        next_notice;
  gboolean      started;
  gboolean      loaded;
  gboolean      checking;
  gboolean      check_again;
  gboolean      saving;
  gboolean      save_again;
  gboolean      can_notify;    /* a notification server was there */
  GListModel   *members;       /* of the family, as the last check read it */
};

typedef struct {
  EfReminders *self;
  guint        pending;
  GPtrArray   *plannings;
  GListModel  *invoices;
  GListModel  *payments;
} CheckData;

G_DEFINE_FINAL_TYPE (EfReminders, ef_reminders, G_TYPE_OBJECT)

enum {
  CHECKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
check_data_free (CheckData *data)
{
  g_clear_object (&data->self);
  g_clear_pointer (&data->plannings, g_ptr_array_unref);
  g_clear_object (&data->invoices);
  g_clear_object (&data->payments);
  g_free (data);
}

static gint64
now_unix (EfReminders *self)
{
  g_autoptr (GDateTime) now = ef_client_get_now (self->client);

  return g_date_time_to_unix (now);
}

/* The state file: one "KEY\tUNIX-TIME" per line. The keys begin with the
 * portal and the account, so that two accounts never share one. */
static char *
make_key (EfReminders *self,
          const char  *what)
{
  return g_strdup_printf ("%s|%s|%s", ef_client_get_portal_url (self->client),
                          ef_client_get_account_email (self->client), what);
}

static void
parse_state (EfReminders *self,
             const char  *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *tab = strrchr (lines[i], '\t');
      gint64 *when;

      if (tab == NULL || tab == lines[i])
        continue;
      *tab = '\0';
      when = g_new (gint64, 1);
      *when = g_ascii_strtoll (tab + 1, NULL, 10);
      g_hash_table_replace (self->sent, g_strdup (lines[i]), when);
    }
}

static void save_state (EfReminders *self);

static void
on_state_saved_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (EfReminders) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_debug ("Cannot save the reminders sent: %s", error->message);

  self->saving = FALSE;
  if (self->save_again)
    save_state (self);
}

static void
save_state (EfReminders *self)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFile) parent = NULL;
  g_autoptr (GBytes) bytes = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gint64 now = now_unix (self);

  if (self->state_path == NULL)
    return;
  if (self->saving)
    {
      self->save_again = TRUE;
      return;
    }
  self->saving = TRUE;
  self->save_again = FALSE;

  g_hash_table_iter_init (&iter, self->sent);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (*(gint64 *) value + FORGET_SECONDS < now)
        g_hash_table_iter_remove (&iter);
      else
        g_string_append_printf (text, "%s\t%" G_GINT64_FORMAT "\n", (char *) key,
                                *(gint64 *) value);
    }

  file = g_file_new_for_path (self->state_path);
  parent = g_file_get_parent (file);
  /* A small directory in the user's data, made once. */
  g_mkdir_with_parents (g_file_peek_path (parent), 0700);
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                       self->cancellable, on_state_saved_cb,
                                       g_object_ref (self));
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  EfReminders *self = user_data;

  self->timeout_id = 0;
  ef_reminders_check (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (EfReminders *self,
          gint64       seconds)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->started)
    return;

  self->next_check = CLAMP (seconds, 1, REFRESH_SECONDS);
  self->timeout_id = g_timeout_add_seconds ((guint) self->next_check,
                                            on_timeout_cb, self);
}

/* Sends @notification once per @what. */
static void
send_once (EfReminders   *self,
           const char    *what,
           GNotification *notification)
{
  g_autofree char *key = make_key (self, what);
  gint64 *when;

  if (g_hash_table_contains (self->sent, key) || !self->can_notify)
    return;

  g_application_send_notification (self->application, what, notification);
  when = g_new (gint64, 1);
  *when = now_unix (self);
  g_hash_table_replace (self->sent, g_steal_pointer (&key), when);
  self->n_sent++;
  save_state (self);
}

static char *
format_day (EfReminders *self,
            EfDay        day)
{
  g_autoptr (GDateTime) instant = ef_day_at_time (day, 12, 0,
                                                  ef_client_get_time_zone (self->client));

  /* Translators: a day in a notification, e.g. "Monday 18 January"; see
   * g_date_time_format() */
  return g_date_time_format (instant, C_("reminder day", "%A %-d %B"));
}

static const char *
member_name (EfReminders *self,
             gint64       member_id)
{
  GListModel *members = self->members;
  guint n = members != NULL ? g_list_model_get_n_items (members) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EfMember) member = g_list_model_get_item (members, i);

      if (ef_member_get_id (member) == member_id)
        return ef_member_get_first_name (member);
    }

  return "";
}

static void
notify_deadline (EfReminders   *self,
                 EfPlanning    *planning,
                 EfActivity    *activity,
                 EfPlanningDay *day)
{
  g_autoptr (GNotification) notification = NULL;
  g_autoptr (GDateTime) deadline = NULL;
  g_autofree char *what = NULL;
  g_autofree char *iso = ef_day_format_iso (ef_planning_day_get_day (day));
  g_autofree char *day_text = format_day (self, ef_planning_day_get_day (day));
  g_autofree char *deadline_text = NULL;
  g_autofree char *body = NULL;
  GVariant *target;

  deadline = g_date_time_to_timezone (ef_planning_day_get_deadline (day),
                                      ef_client_get_time_zone (self->client));
  /* Translators: when the deadline is, e.g. "Wednesday 9:00"; see
   * g_date_time_format() */
  deadline_text = g_date_time_format (deadline, C_("reminder deadline", "%A %H:%M"));
  /* Translators: an activity (e.g. "Restauration scolaire"), a child's
   * first name, a day (e.g. "Monday 18 January") and the deadline (e.g.
   * "Wednesday 9:00") */
  body = g_strdup_printf (_("Last chance to cancel “%s” for %s on %s: before %s"),
                          ef_activity_get_name (activity),
                          member_name (self, ef_planning_get_member_id (planning)), day_text,
                          deadline_text);

  notification = g_notification_new (_("Reservation deadline"));
  g_notification_set_body (notification, body);
  target = g_variant_new ("(xss)", ef_planning_get_member_id (planning),
                          ef_activity_get_code (activity), iso);
  g_notification_set_default_action_and_target_value (notification, "app.open-day", target);
  g_notification_add_button_with_target_value (notification, _("Open the Day"), "app.open-day",
                                               target);

  what = g_strdup_printf ("deadline:%" G_GINT64_FORMAT ":%s:%s",
                          ef_planning_get_member_id (planning),
                          ef_activity_get_code (activity), iso);
  send_once (self, what, notification);
}

static GNotification *
new_invoice_notification (const char *title,
                          const char *body,
                          gint64      invoice_id)
{
  GNotification *notification = g_notification_new (title);
  GVariant *target = g_variant_new_int64 (invoice_id);

  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target_value (notification, "app.open-invoice", target);
  g_notification_add_button_with_target_value (notification, _("Open the Invoice"),
                                               "app.open-invoice", target);
  return notification;
}

static void
check_invoices (EfReminders *self,
                GListModel  *invoices,
                EfDay        today)
{
  gboolean new_ones = g_settings_get_boolean (self->settings, "remind-invoices");
  gboolean due = g_settings_get_boolean (self->settings, "remind-due-dates");
  guint n = g_list_model_get_n_items (invoices);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EfInvoice) invoice = g_list_model_get_item (invoices, i);
      EfDay issued = ef_invoice_get_issue_date (invoice);
      EfDay due_date = ef_invoice_get_due_date (invoice);
      gint64 id = ef_invoice_get_id (invoice);
      g_autofree char *amount = ef_money_format (ef_invoice_get_balance (invoice));

      if (new_ones && issued != EF_DAY_INVALID && issued <= today
          && today - issued <= RECENT_DAYS)
        {
          g_autoptr (GNotification) notification = NULL;
          g_autofree char *what = g_strdup_printf ("invoice:%" G_GINT64_FORMAT, id);
          g_autofree char *due_text = format_day (self, due_date);
          /* Translators: an invoice's number, its balance ("35,00 €") and
           * its due date ("Monday 18 January") */
          g_autofree char *body = g_strdup_printf (_("Invoice %s: %s to pay by %s"),
                                                   ef_invoice_get_number (invoice), amount,
                                                   due_text);

          notification = new_invoice_notification (_("New invoice"), body, id);
          send_once (self, what, notification);
        }

      if (due && ef_invoice_get_status (invoice) == EF_INVOICE_STATUS_TO_PAY
          && ef_invoice_get_balance (invoice) > 0 && due_date != EF_DAY_INVALID
          && due_date >= today && due_date - today <= DUE_NOTICE_DAYS)
        {
          g_autoptr (GNotification) notification = NULL;
          g_autofree char *what = g_strdup_printf ("due:%" G_GINT64_FORMAT, id);
          g_autofree char *due_text = format_day (self, due_date);
          /* Translators: an invoice's number, its balance ("35,00 €") and
           * its due date ("Monday 18 January") */
          g_autofree char *body = g_strdup_printf (_("Invoice %s: %s still to pay, due on %s"),
                                                   ef_invoice_get_number (invoice), amount,
                                                   due_text);

          notification = new_invoice_notification (_("Invoice soon due"), body, id);
          send_once (self, what, notification);
        }
    }
}

static void
check_payments (EfReminders *self,
                GListModel  *payments,
                gint64       now)
{
  guint n = g_list_model_get_n_items (payments);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EfPayment) payment = g_list_model_get_item (payments, i);
      g_autoptr (GNotification) notification = NULL;
      g_autoptr (EfPaymentInvoice) first = NULL;
      g_autofree char *what = NULL;
      g_autofree char *amount = NULL;
      g_autofree char *body = NULL;
      GDateTime *ended = ef_payment_get_updated_at (payment);
      GListModel *invoices = ef_payment_get_invoices (payment);
      const char *title;

      switch (ef_payment_get_status (payment))
        {
        case EF_PAYMENT_STATUS_PAID:
          title = _("Payment accepted");
          break;
        case EF_PAYMENT_STATUS_REFUSED:
          title = _("Payment refused");
          break;
        case EF_PAYMENT_STATUS_CANCELLED:
          title = _("Payment cancelled");
          break;
        case EF_PAYMENT_STATUS_EXPIRED:
          title = _("Payment expired");
          break;
        case EF_PAYMENT_STATUS_PENDING:
        default:
          continue;
        }

      if (ef_payment_get_channel (payment) != EF_PAYMENT_CHANNEL_ONLINE_CARD || ended == NULL
          || g_date_time_to_unix (ended) > now
          || now - g_date_time_to_unix (ended) > RECENT_DAYS * 24 * 3600
          || invoices == NULL || g_list_model_get_n_items (invoices) == 0)
        continue;

      first = g_list_model_get_item (invoices, 0);
      amount = ef_money_format (ef_payment_get_amount (payment));
      /* Translators: an amount ("35,00 €") and an invoice's number */
      body = g_strdup_printf (_("Online payment of %s for invoice %s"), amount,
                              ef_payment_invoice_get_number (first));
      notification = new_invoice_notification (title, body,
                                                ef_payment_invoice_get_invoice_id (first));
      what = g_strdup_printf ("payment:%" G_GINT64_FORMAT ":%d", ef_payment_get_id (payment),
                              (int) ef_payment_get_status (payment));
      send_once (self, what, notification);
    }
}

/* Everything is read: what is due now is sent, and the next check is at
 * the next deadline's notice (or in half an hour). */
static void
finish_check (CheckData *data)
{
  EfReminders *self = data->self;
  gint64 now = now_unix (self);
  gint64 notice = (gint64) g_settings_get_int (self->settings, "remind-deadline-hours") * 3600;
  gint64 next = now + REFRESH_SECONDS;
  gint64 next_notice = 0;
  EfDay today = ef_client_get_today (self->client);

  if (g_settings_get_boolean (self->settings, "remind-deadlines"))
    {
      for (guint p = 0; p < data->plannings->len; p++)
        {
          EfPlanning *planning = g_ptr_array_index (data->plannings, p);
          GListModel *activities = ef_planning_get_activities (planning);

          for (guint a = 0; a < g_list_model_get_n_items (activities); a++)
            {
              g_autoptr (EfActivity) activity = g_list_model_get_item (activities, a);
              GListModel *days = ef_activity_get_days (activity);

              for (guint d = 0; d < g_list_model_get_n_items (days); d++)
                {
                  g_autoptr (EfPlanningDay) day = g_list_model_get_item (days, d);
                  GDateTime *deadline_time = ef_planning_day_get_deadline (day);
                  gint64 deadline;

                  if (!ef_planning_day_is_reserved (day) || !ef_planning_day_get_changeable (day)
                      || deadline_time == NULL)
                    continue;

                  deadline = g_date_time_to_unix (deadline_time);
                  if (deadline <= now)
                    continue;
                  if (deadline - notice <= now)
                    notify_deadline (self, planning, activity, day);
                  else if (next_notice == 0 || deadline - notice < next_notice)
                    next_notice = deadline - notice;
                }
            }
        }
    }

  if (data->invoices != NULL)
    check_invoices (self, data->invoices, today);
  if (data->payments != NULL)
    check_payments (self, data->payments, now);

  self->checking = FALSE;
  self->next_notice = next_notice;

  /* Asked again meanwhile (a setting changed): that check is the one that
   * counts. */
  if (self->check_again)
    {
      self->check_again = FALSE;
      ef_reminders_check (self);
      return;
    }

  if (next_notice != 0)
    next = MIN (next, next_notice);
  self->n_checks++;
  schedule (self, next - now);
  g_signal_emit (self, signals[CHECKED], 0);
}

static void
settle (CheckData *data)
{
  g_assert (data->pending > 0);

  if (--data->pending == 0)
    {
      if (!g_cancellable_is_cancelled (data->self->cancellable))
        finish_check (data);
      check_data_free (data);
    }
}

static void
on_planning_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CheckData *data = user_data;
  g_autoptr (GError) error = NULL;
  EfPlanning *planning = ef_client_get_planning_finish (EF_CLIENT (source), result, &error);

  if (planning != NULL)
    g_ptr_array_add (data->plannings, planning);
  else
    g_debug ("No planning for the reminders: %s", error->message);
  settle (data);
}

static void
on_invoices_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CheckData *data = user_data;
  g_autoptr (GError) error = NULL;

  data->invoices = ef_client_get_invoices_finish (EF_CLIENT (source), result, &error);
  if (data->invoices == NULL)
    g_debug ("No invoices for the reminders: %s", error->message);
  settle (data);
}

static void
on_payments_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CheckData *data = user_data;
  g_autoptr (GError) error = NULL;

  data->payments = ef_client_get_payments_finish (EF_CLIENT (source), result, &error);
  if (data->payments == NULL)
    g_debug ("No payments for the reminders: %s", error->message);
  settle (data);
}

/* The family's members first: whose plannings to read. */
static void
read_everything (CheckData  *data,
                 GListModel *members)
{
  EfReminders *self = data->self;
  gboolean any_billing;
  EfDay today;

  data->pending = 1;   /* released at the end of this function */
  today = ef_client_get_today (self->client);
  g_set_object (&self->members, members);

  if (members != NULL && g_settings_get_boolean (self->settings, "remind-deadlines"))
    {
      for (guint i = 0; i < g_list_model_get_n_items (members); i++)
        {
          g_autoptr (EfMember) member = g_list_model_get_item (members, i);

          if (ef_member_get_role (member) != EF_MEMBER_ROLE_CHILD)
            continue;
          data->pending++;
          ef_client_get_planning_async (self->client, ef_member_get_id (member), today,
                                        ef_day_add (today, PLANNING_DAYS), self->cancellable,
                                        on_planning_cb, data);
        }
    }

  any_billing = g_settings_get_boolean (self->settings, "remind-invoices")
                || g_settings_get_boolean (self->settings, "remind-due-dates");
  if (any_billing)
    {
      data->pending++;
      ef_client_get_invoices_async (self->client, EF_INVOICE_FILTER_ALL, self->cancellable,
                                    on_invoices_cb, data);
    }
  if (g_settings_get_boolean (self->settings, "remind-payments"))
    {
      data->pending++;
      ef_client_get_payments_async (self->client, FALSE, self->cancellable, on_payments_cb, data);
    }

  settle (data);
}

static void
on_family_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  CheckData *data = user_data;
  g_autoptr (EfFamily) family = NULL;
  g_autoptr (GError) error = NULL;

  family = ef_client_get_family_finish (EF_CLIENT (source), result, &error);
  if (family == NULL)
    g_debug ("No family for the reminders: %s", error->message);
  read_everything (data, family != NULL ? ef_family_get_members (family) : NULL);
}

static void
on_names_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CheckData *data = user_data;
  EfReminders *self = data->self;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariantIter) names = NULL;
  g_autoptr (GError) error = NULL;
  const char *name;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  self->can_notify = FALSE;
  if (reply == NULL)
    g_debug ("No names on the session bus: %s", error->message);
  else
    {
      g_variant_get (reply, "(as)", &names);
      while (g_variant_iter_next (names, "&s", &name))
        if (g_str_equal (name, "org.gtk.Notifications")
            || g_str_equal (name, "org.freedesktop.Notifications"))
          self->can_notify = TRUE;
    }

  ef_client_get_family_async (self->client, self->cancellable, on_family_cb, data);
}

static void
on_state_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (EfReminders) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;

  if (g_file_load_contents_finish (G_FILE (source), result, &contents, NULL, NULL, &error))
    parse_state (self, contents);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_debug ("Cannot read the reminders sent: %s", error->message);

  self->loaded = TRUE;
  ef_reminders_check (self);
}

static void
on_changed_cb (EfReminders *self)
{
  if (self->started)
    ef_reminders_check (self);
}

static void
ef_reminders_dispose (GObject *object)
{
  EfReminders *self = EF_REMINDERS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  g_clear_object (&self->members);

  G_OBJECT_CLASS (ef_reminders_parent_class)->dispose (object);
}

static void
ef_reminders_finalize (GObject *object)
{
  EfReminders *self = EF_REMINDERS (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->sent, g_hash_table_unref);
  g_clear_pointer (&self->state_path, g_free);

  G_OBJECT_CLASS (ef_reminders_parent_class)->finalize (object);
}

static void
ef_reminders_class_init (EfRemindersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ef_reminders_dispose;
  object_class->finalize = ef_reminders_finalize;

  /**
   * EfReminders::checked:
   *
   * Emitted after each check, once what was due is sent.
   */
  signals[CHECKED] = g_signal_new ("checked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ef_reminders_init (EfReminders *self)
{
  self->sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->cancellable = g_cancellable_new ();
}

/**
 * ef_reminders_new:
 * @application: the application that sends the notifications
 * @client: the client whose plannings, invoices and payments are watched
 * @settings: the application's settings ("remind-…" keys)
 * @state_path: (nullable): where to remember what was sent, or %NULL to
 *   remember it in memory only (kiosk mode, tests)
 *
 * Returns: (transfer full): reminders that do nothing until started
 */
EfReminders *
ef_reminders_new (GApplication *application,
                  EfClient     *client,
                  GSettings    *settings,
                  const char   *state_path)
{
  EfReminders *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (EF_IS_CLIENT (client), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (EF_TYPE_REMINDERS, NULL);
  self->application = application;
  self->client = g_object_ref (client);
  self->settings = g_object_ref (settings);
  self->state_path = g_strdup (state_path);

  g_signal_connect_object (client, "notify::signed-in", G_CALLBACK (on_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (client, "billing-changed", G_CALLBACK (on_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed", G_CALLBACK (on_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

/**
 * ef_reminders_start:
 * @self: an #EfReminders
 *
 * Reads what was already sent, then checks now and whenever something is
 * due, for as long as @self lives.
 */
void
ef_reminders_start (EfReminders *self)
{
  g_autoptr (GFile) file = NULL;

  g_return_if_fail (EF_IS_REMINDERS (self));

  if (self->started)
    return;
  self->started = TRUE;

  if (self->state_path == NULL)
    {
      self->loaded = TRUE;
      ef_reminders_check (self);
      return;
    }

  file = g_file_new_for_path (self->state_path);
  g_file_load_contents_async (file, self->cancellable, on_state_loaded_cb, g_object_ref (self));
}

/**
 * ef_reminders_check:
 * @self: an #EfReminders
 *
 * Reads the plannings, invoices and payments now and sends what is due;
 * #EfReminders::checked says when it is done.
 */
void
ef_reminders_check (EfReminders *self)
{
  GDBusConnection *bus;
  CheckData *data;

  g_return_if_fail (EF_IS_REMINDERS (self));

  /* Also the end of a timeout: it is scheduled again below. */
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if (!self->started || !self->loaded)
    return;
  if (self->checking)
    {
      self->check_again = TRUE;
      return;
    }

  if (!ef_client_get_signed_in (self->client) || ef_client_get_is_staff (self->client))
    {
      self->n_checks++;
      schedule (self, REFRESH_SECONDS);
      g_signal_emit (self, signals[CHECKED], 0);
      return;
    }

  self->checking = TRUE;
  data = g_new0 (CheckData, 1);
  data->self = g_object_ref (self);
  data->plannings = g_ptr_array_new_with_free_func (g_object_unref);

  /* In a sandbox the portal shows them; otherwise a server must be there. */
  bus = g_application_get_dbus_connection (self->application);
  if (ef_background_is_sandboxed () || bus == NULL)
    {
      self->can_notify = bus != NULL;
      ef_client_get_family_async (self->client, self->cancellable, on_family_cb, data);
      return;
    }
  g_dbus_connection_call (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "ListNames", NULL, G_VARIANT_TYPE ("(as)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, self->cancellable, on_names_cb, data);
}

/**
 * ef_reminders_get_n_checks:
 * @self: an #EfReminders
 *
 * Returns: how many checks have ended
 */
guint
ef_reminders_get_n_checks (EfReminders *self)
{
  g_return_val_if_fail (EF_IS_REMINDERS (self), 0);

  return self->n_checks;
}

/**
 * ef_reminders_get_n_sent:
 * @self: an #EfReminders
 *
 * Returns: how many notifications were sent
 */
guint
ef_reminders_get_n_sent (EfReminders *self)
{
  g_return_val_if_fail (EF_IS_REMINDERS (self), 0);

  return self->n_sent;
}

/**
 * ef_reminders_get_next_check:
 * @self: an #EfReminders
 *
 * Returns: in how many seconds the next check was scheduled, at the end of
 *   the last one (0 before)
 */
gint64
ef_reminders_get_next_check (EfReminders *self)
{
  g_return_val_if_fail (EF_IS_REMINDERS (self), 0);

  return self->next_check;
}

/**
 * ef_reminders_get_next_notice:
 * @self: an #EfReminders
 *
 * Returns: when the next deadline's reminder is due, in Unix seconds of
 *   the portal's clock, as the last check saw it; 0 when none is
 */
gint64
ef_reminders_get_next_notice (EfReminders *self)
{
  g_return_val_if_fail (EF_IS_REMINDERS (self), 0);

  return self->next_notice;
}

/**
 * ef_reminders_default_state_path:
 *
 * Returns: (transfer full): the state file in the user's data directory
 */
char *
ef_reminders_default_state_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "espace-famille", "reminders-sent", NULL);
}
