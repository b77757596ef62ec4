/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli-remind.c: the `remind` command, reminders by e-mail
 *
 * For each municipality that offers them (email-reminders in its settings
 * file), each parent who asked for them (PUT …/account/reminders) gets one
 * mail in the outbox listing:
 *
 *  - the reserved days of the family's children that can still be
 *    cancelled and whose deadline comes within the parent's notice;
 *  - the invoices still to pay that are due within three days.
 *
 * Each of these is sent once (reminders_sent), so that the command can
 * run as often as its systemd timer says. Days, deadlines and "today" are
 * the municipality's, in its time zone, as the API shows them: the
 * plannings are those of GET …/members/{id}/planning.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "family/ef-family.h"
#include "mail/ef-mail.h"
#include "mail/ef-mail-catalog.h"
#include "store/ef-store-accounts.h"
#include "store/ef-store-billing.h"
#include "store/ef-store-families.h"
#include "store/ef-store-planning.h"
#include "store/ef-store-reminders.h"
#include "store/ef-store-town.h"
#include "ef-cli.h"
#include "ef-cli-remind.h"
#include "ef-planning.h"

/* How many days before its due day an invoice is recalled. */
#define DUE_NOTICE_DAYS 3
/* The plannings read, from today: more than the longest notice. */
#define PLANNING_DAYS 21

typedef struct {
  guint n_mails;
} RemindReport;

/* What one parent's mail is written for. */
typedef struct {
  EfStore                   *store;
  EfPlanningRules           *rules;
  const char                *tenant_id;
  const EfReminderRecipient *recipient;
  GDateTime                 *now;
  GPtrArray                 *keys;      /* of the reminders the mail holds */
} Reminding;

/* The English @msgid, marked with NC_ ("mail", …), in the mails' language. */
G_GNUC_FORMAT (1)
static const char *
tr (const char *msgid)
{
  return ef_mail_gettext (EF_MAIL_TENANT_LANGUAGE, "mail", msgid);
}

/* "Thursday 17 December", whatever the server's locale. */
static char *
format_day (EfDay day)
{
  static const char * const weekdays[] = {
    NULL, NC_("mail", "Monday"), NC_("mail", "Tuesday"), NC_("mail", "Wednesday"),
    NC_("mail", "Thursday"), NC_("mail", "Friday"), NC_("mail", "Saturday"),
    NC_("mail", "Sunday"),
  };
  static const char * const months[] = {
    NULL, NC_("mail", "January"), NC_("mail", "February"), NC_("mail", "March"),
    NC_("mail", "April"), NC_("mail", "May"), NC_("mail", "June"), NC_("mail", "July"),
    NC_("mail", "August"), NC_("mail", "September"), NC_("mail", "October"),
    NC_("mail", "November"), NC_("mail", "December"),
  };
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  /* TRANSLATORS: a weekday, its day of the month and the month, e.g.
   * "Thursday 17 December" */
  return g_strdup_printf (tr (NC_("mail", "%1$s %2$u %3$s")),
                          tr (weekdays[g_date_get_weekday (&date)]),
                          (guint) g_date_get_day (&date),
                          tr (months[g_date_get_month (&date)]));
}

/* "Monday 14 December at 09:00", in the municipality's zone. */
static char *
format_deadline (GDateTime *deadline)
{
  g_autofree char *day = format_day (ef_day_from_instant (deadline,
                                                           g_date_time_get_timezone (deadline)));
  /* TRANSLATORS: a g_date_time_format() format: use only numeric fields
   * (%H %M, %-H), which do not depend on the server's locale. */
  g_autofree char *time = g_date_time_format (deadline, tr (NC_("mail", "%H:%M")));

  /* TRANSLATORS: a day and a time, e.g. "Monday 14 December at 09:00" */
  return g_strdup_printf (tr (NC_("mail", "%1$s at %2$s")), day, time);
}

static gboolean
was_sent (EfStore    *store,
          gint64      account_id,
          const char *key,
          GPtrArray  *keys,
          GError    **error)
{
  gboolean sent = FALSE;

  for (guint i = 0; i < keys->len; i++)
    if (g_str_equal (g_ptr_array_index (keys, i), key))
      return TRUE;
  if (!ef_store_reminder_was_sent (store, account_id, key, &sent, error))
    return TRUE;
  return sent;
}

/* Adds "- @line" to @lines and keeps @key (taken) for the mail, unless its
 * reminder was sent already. */
static gboolean
add_line (Reminding   *reminding,
          GString     *lines,
          char        *key,
          const char  *line,
          GError     **error)
{
  g_autofree char *owned_key = key;

  if (was_sent (reminding->store, reminding->recipient->account_id, owned_key, reminding->keys, error))
    return error == NULL || *error == NULL;
  g_string_append_printf (lines, "- %s\n", line);
  g_ptr_array_add (reminding->keys, g_steal_pointer (&owned_key));
  return TRUE;
}

/* The lines about the deadlines within the parent's notice. */
static gboolean
add_deadlines (Reminding  *reminding,
               GString    *lines,
               GError    **error)
{
  g_autoptr(EfFamily) family = NULL;
  EfStore *store = reminding->store;
  GDateTime *now = reminding->now;
  GTimeZone *tz = ef_planning_rules_get_time_zone (reminding->rules);
  EfDay today = ef_day_from_instant (now, tz);
  gint64 notice = (gint64) reminding->recipient->reminders.hours_before * 3600;
  gint64 now_unix = g_date_time_to_unix (now);

  family = ef_store_load_family (store, reminding->tenant_id, reminding->recipient->family_id, error);
  if (family == NULL)
    return FALSE;

  for (guint m = 0; m < family->members->len; m++)
    {
      EfMember *member = g_ptr_array_index (family->members, m);
      g_autofree char *text = NULL;
      g_autoptr(JsonNode) root = NULL;
      JsonArray *activities;
      gsize length;

      if (g_strcmp0 (member->role, "child") != 0)
        continue;

      text = ef_planning_build (store, reminding->rules, member->id, today,
                                ef_day_add (today, PLANNING_DAYS), now, &length, error);
      if (text == NULL)
        return FALSE;
      root = json_from_string (text, error);
      if (root == NULL)
        return FALSE;

      activities = json_object_get_array_member (json_node_get_object (root), "activities");
      for (guint a = 0; a < json_array_get_length (activities); a++)
        {
          JsonObject *activity = json_array_get_object_element (activities, a);
          JsonArray *days = json_object_get_array_member (activity, "days");
          const char *code = json_object_get_string_member (activity, "activity");
          const char *name = json_object_get_string_member (activity, "name");

          for (guint d = 0; d < json_array_get_length (days); d++)
            {
              JsonObject *day = json_array_get_object_element (days, d);
              g_autoptr(GDateTime) deadline = NULL;
              g_autoptr(GDateTime) local = NULL;
              g_autofree char *key = NULL;
              g_autofree char *day_text = NULL;
              g_autofree char *deadline_text = NULL;
              g_autofree char *line = NULL;
              const char *iso = json_object_get_string_member (day, "day");
              gint64 until;

              if (g_strcmp0 (json_object_get_string_member_with_default (day, "state", ""),
                             "reserved") != 0
                  || !json_object_get_boolean_member_with_default (day, "changeable", FALSE)
                  || !json_object_has_member (day, "deadline"))
                continue;

              deadline = ef_instant_parse_iso (json_object_get_string_member (day, "deadline"),
                                               NULL);
              if (deadline == NULL)
                continue;
              until = g_date_time_to_unix (deadline) - now_unix;
              if (until <= 0 || until > notice)
                continue;

              key = g_strdup_printf ("deadline:%" G_GINT64_FORMAT ":%s:%s", member->id, code,
                                     iso);
              local = g_date_time_to_timezone (deadline, tz);
              day_text = format_day (ef_day_parse_iso (iso, NULL));
              deadline_text = format_deadline (local);
              /* TRANSLATORS: an activity ("Restauration scolaire"), a child's
               * first name, a day ("Thursday 17 December") and the deadline
               * ("Monday 14 December at 09:00") */
              line = g_strdup_printf (tr (NC_("mail", "Last chance to cancel “%1$s” "
                                                      "for %2$s on %3$s: before %4$s.")),
                                      name, member->first_name, day_text, deadline_text);
              if (!add_line (reminding, lines, g_steal_pointer (&key), line, error))
                return FALSE;
            }
        }
    }

  return TRUE;
}

/* The lines about the invoices due within three days. */
static gboolean
add_due_dates (Reminding  *reminding,
               GString    *lines,
               GError    **error)
{
  g_autoptr(GPtrArray) invoices = NULL;
  EfDay today = ef_day_from_instant (reminding->now, ef_planning_rules_get_time_zone (reminding->rules));

  invoices = ef_store_list_invoices (reminding->store, reminding->tenant_id, reminding->recipient->family_id,
                                     "to_pay", error);
  if (invoices == NULL)
    return FALSE;

  for (guint i = 0; i < invoices->len; i++)
    {
      EfInvoice *invoice = g_ptr_array_index (invoices, i);
      g_autofree char *key = NULL;
      g_autofree char *amount = NULL;
      g_autofree char *due = NULL;
      g_autofree char *line = NULL;

      if (invoice->balance <= 0 || invoice->due_day == EF_DAY_INVALID
          || invoice->due_day < today || invoice->due_day - today > DUE_NOTICE_DAYS)
        continue;

      key = g_strdup_printf ("due:%" G_GINT64_FORMAT, invoice->id);
      amount = ef_money_format_french (invoice->balance);
      due = format_day (invoice->due_day);
      /* TRANSLATORS: an invoice's number, what is left to pay ("70,00 €")
       * and its due day ("Wednesday 2 December") */
      line = g_strdup_printf (tr (NC_("mail", "Invoice %1$s: %2$s to pay by %3$s.")),
                              invoice->number, amount, due);
      if (!add_line (reminding, lines, g_steal_pointer (&key), line, error))
        return FALSE;
    }

  return TRUE;
}

static char *
compose_body (const EfTown *town,
              const char   *deadlines,
              const char   *due_dates)
{
  GString *body = g_string_new (NULL);

  g_string_append (body, tr (NC_("mail", "Hello,")));
  g_string_append (body, "\n\n");
  if (deadlines[0] != '\0')
    {
      g_string_append (body, tr (NC_("mail", "Reserved days that you can still cancel:")));
      g_string_append_printf (body, "\n%s\n", deadlines);
    }
  if (due_dates[0] != '\0')
    {
      g_string_append (body, tr (NC_("mail", "Invoices soon due:")));
      g_string_append_printf (body, "\n%s\n", due_dates);
    }
  if (town->public_url != NULL)
    g_string_append_printf (body, "%s\n\n", town->public_url);
  g_string_append (body, tr (NC_("mail", "You receive these reminders because you asked for "
                                         "them in Espace Famille; you can stop them there, "
                                         "in the reminder settings.")));
  g_string_append (body, "\n\n-- \n");
  g_string_append_printf (body, tr (NC_("mail", "%s — Espace Famille")), town->name);
  g_string_append_c (body, '\n');
  return g_string_free (body, FALSE);
}

/* One mail per parent, written with what it announces in one
 * transaction: never sent twice, never marked without its mail. */
static gboolean
remind_tenant (EfStore      *store,
               const char   *tenant_id,
               GDateTime    *now,
               RemindReport *report,
               GError      **error)
{
  g_autoptr(EfTown) town = NULL;
  g_autoptr(EfPlanningRules) rules = NULL;
  g_autoptr(GPtrArray) recipients = NULL;

  town = ef_store_load_town (store, tenant_id, error);
  if (town == NULL)
    return FALSE;
  if (!town->email_reminders)
    return TRUE;

  rules = ef_planning_rules_load (store, tenant_id, error);
  if (rules == NULL)
    return FALSE;
  recipients = ef_store_list_reminder_recipients (store, tenant_id, error);
  if (recipients == NULL)
    return FALSE;

  for (guint i = 0; i < recipients->len; i++)
    {
      EfReminderRecipient *recipient = g_ptr_array_index (recipients, i);
      g_autoptr(GString) deadlines = g_string_new (NULL);
      g_autoptr(GString) due_dates = g_string_new (NULL);
      g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *subject = NULL;
      g_autofree char *body = NULL;
      gint64 now_unix = g_date_time_to_unix (now);
      Reminding reminding = { store, rules, tenant_id, recipient, now, keys };

      if (recipient->reminders.deadlines && !add_deadlines (&reminding, deadlines, error))
        return FALSE;
      if (recipient->reminders.due_dates && !add_due_dates (&reminding, due_dates, error))
        return FALSE;
      if (keys->len == 0)
        continue;

      subject = g_strdup_printf (tr (NC_("mail", "Reminder — %s")), town->name);
      body = compose_body (town, deadlines->str, due_dates->str);

      if (!ef_store_begin_write (store, error))
        return FALSE;
      if (ef_store_outbox_add (store, tenant_id, "reminder", recipient->email, subject, body,
                               now_unix, error) == 0)
        {
          ef_store_rollback_write (store);
          return FALSE;
        }
      for (guint k = 0; k < keys->len; k++)
        if (!ef_store_mark_reminder_sent (store, recipient->account_id,
                                          g_ptr_array_index (keys, k), now_unix, error))
          {
            ef_store_rollback_write (store);
            return FALSE;
          }
      if (!ef_store_commit_write (store, error))
        return FALSE;

      report->n_mails++;
    }

  return TRUE;
}

static const EfCliUsage remind_usage = {
  "remind", NULL, 0,
  N_("Writes the reminders by e-mail that parents asked for into the outbox: the deadlines of "
     "the reserved days they can still cancel, within the notice each parent chose, and the "
     "invoices due within three days. Only the municipalities whose settings say "
     "email-reminders = true send them; each reminder is sent once. Run it every hour or so "
     "(the espace-famille-remind.timer systemd timer does).\n\n"
     "Without --tenant, every municipality of the database.\n\n"
     "Exit status: 0 when done (even with nothing to send), 2 on bad arguments, 1 on any other "
     "failure."),
  NULL,
};

int
ef_cli_run_remind (int    argc,
                   char **argv)
{
  g_auto(EfCliTenant) cli = { 0 };
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tenants = NULL;
  g_autofree char *now_text = NULL;
  RemindReport report = { 0 };
  int status;
  const GOptionEntry entries[] = {
    { "now", 0, 0, G_OPTION_ARG_STRING, &now_text,
      N_("For tests: remind as of this instant, in ISO 8601 with its offset (default: now)"),
      N_("DATETIME") },
    { NULL }
  };

  if (!ef_cli_parse (&remind_usage, &cli, entries, &argc, &argv, &status))
    return status;

  if (now_text != NULL)
    {
      now = ef_instant_parse_iso (now_text, NULL);
      if (now == NULL)
        return ef_cli_fail (EXIT_USAGE,
                            _("The option --now must be an instant written like "
                              "2026-12-14T08:00:00+01:00, not “%s”"), now_text);
    }
  else
    now = g_date_time_new_from_unix_utc (ef_cli_now_unix ());

  if (cli.tenant_id != NULL)
    {
      if (!ef_cli_tenant_open (&cli, FALSE, &status))
        return status;
      tenants = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (tenants, g_strdup (cli.tenant_id));
    }
  else
    {
      cli.store = ef_cli_open_store (cli.db_path, &status);
      if (cli.store == NULL)
        return status;
      tenants = ef_store_list_tenant_ids (cli.store, &error);
      if (tenants == NULL)
        return ef_cli_fail (EXIT_ERROR, _("Cannot list the municipalities: %s"), error->message);
    }

  for (guint i = 0; i < tenants->len; i++)
    {
      const char *tenant_id = g_ptr_array_index (tenants, i);

      if (!remind_tenant (cli.store, tenant_id, now, &report, &error))
        {
          if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT))
            return ef_cli_fail_tenant (tenant_id, error);
          return ef_cli_fail (EXIT_ERROR, _("Cannot send the reminders of %s: %s"), tenant_id,
                              error->message);
        }
    }

  printf (g_dngettext (GETTEXT_PACKAGE, "%u reminder mail written to the outbox.\n",
                       "%u reminder mails written to the outbox.\n", report.n_mails),
          report.n_mails);
  return EXIT_OK;
}
