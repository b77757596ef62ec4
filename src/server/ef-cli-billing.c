/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-cli-billing.c: the staff's commands for invoices and offline
 * payments (bill, pay)
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "billing/ef-billing.h"
#include "store/ef-store-accounts.h"
#include "store/ef-store-payfip.h"
#include "ef-cli.h"
#include "ef-cli-billing.h"

/* Today in the tenant's time zone. */
static EfDay
tenant_today (const EfTenantSettings *settings)
{
  g_autoptr(GTimeZone) tz = ef_tenant_settings_dup_time_zone (settings);
  g_autoptr(GDateTime) now = g_date_time_new_now (tz);

  return ef_day_from_instant (now, tz);
}

static const EfCliUsage bill_usage = {
  "bill", NULL, 0,
  N_("Invoices every family for the days of a month that are reserved: one invoice per family "
     "and service, one line per child and activity. Each invoice is announced by a mail in the "
     "outbox. A month already billed is not billed again.\n\n"
     "Exit status: 0 when the month is billed (or already was), 2 on bad arguments, 1 on any "
     "other failure."),
  NULL,
};

int
ef_cli_run_bill (int    argc,
                 char **argv)
{
  g_auto(EfCliTenant) cli = { 0 };
  g_autoptr(EfBillingReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *month_text = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *total = NULL;
  g_autofree char *first_free = NULL;
  EfInvoiceMailContext mail_context = { 0 };
  EfDay issue_day, month_end;
  int year, month, status;
  const GOptionEntry entries[] = {
    { "month", 0, 0, G_OPTION_ARG_STRING, &month_text, N_("The month to bill"), N_("YYYY-MM") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text,
      N_("The invoices’ issue day (default: today in the municipality’s time zone)"), N_("YYYY-MM-DD") },
    { NULL }
  };

  if (!ef_cli_parse (&bill_usage, &cli, entries, &argc, &argv, &status))
    return status;

  if (month_text == NULL)
    return ef_cli_fail (EXIT_USAGE, _("The option --month YYYY-MM is required"));
  if (!ef_billing_parse_month (month_text, &year, &month, NULL))
    return ef_cli_fail (EXIT_USAGE, _("The option --month must be a month written YYYY-MM, not “%s”"),
                 month_text);

  if (!ef_cli_tenant_open (&cli, TRUE, &status))
    return status;

  if (date_text != NULL)
    {
      issue_day = ef_day_parse_iso (date_text, NULL);
      if (issue_day == EF_DAY_INVALID)
        return ef_cli_fail (EXIT_USAGE, _("The option --date must be a date written YYYY-MM-DD, not “%s”"),
                     date_text);
    }
  else
    issue_day = tenant_today (cli.settings);

  /* Until the month is over, its reservations may still change. */
  month_end = ef_day_add (month == 12 ? ef_day_new (year + 1, 1, 1) : ef_day_new (year, month + 1, 1), -1);
  if (issue_day <= month_end)
    {
      first_free = ef_day_format_iso (ef_day_add (month_end, 1));
      return ef_cli_fail (EXIT_USAGE, _("The month %s is not over yet: it can be billed from %s"),
                   month_text, first_free);
    }

  mail_context.municipality = cli.settings->name;
  mail_context.portal_url = cli.settings->public_url;
  report = ef_store_bill_month (cli.store, cli.tenant_id, year, month, issue_day, ef_cli_now_unix (),
                                ef_billing_write_invoice_mail, &mail_context, &error);
  if (report == NULL)
    return ef_cli_fail (EXIT_ERROR, _("Cannot bill %s: %s"), month_text, error->message);

  if (report->n_services_billed == 0)
    {
      printf (_("%s was already billed for every service: nothing was billed again.\n"), month_text);
      return EXIT_OK;
    }

  total = ef_money_format (report->total);
  printf (g_dngettext (GETTEXT_PACKAGE, "Billed %s: %u invoice, %s in total.\n",
                       "Billed %s: %u invoices, %s in total.\n", report->n_invoices),
          month_text, report->n_invoices, total);
  if (report->n_services_already > 0)
    printf (g_dngettext (GETTEXT_PACKAGE,
                         "%u service was already billed for %s and was skipped.\n",
                         "%u services were already billed for %s and were skipped.\n",
                         report->n_services_already),
            report->n_services_already, month_text);
  return EXIT_OK;
}

static const EfCliUsage pay_usage = {
  "pay", NULL, 0,
  N_("Records a payment received at the town hall for one invoice: the invoice’s balance goes "
     "down by the amount, and the invoice is settled when nothing is left to pay. The amount may "
     "be part of the balance, never more.\n\n"
     "Exit status: 0 when the payment is recorded, 2 on bad arguments or a refused amount, 1 on "
     "any other failure."),
  NULL,
};

int
ef_cli_run_pay (int    argc,
                char **argv)
{
  g_auto(EfCliTenant) cli = { 0 };
  g_autoptr(EfInvoice) invoice = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *channel = NULL;
  g_autofree char *amount_text = NULL;
  g_autofree char *label = NULL;
  g_autofree char *amount_display = NULL;
  g_autofree char *balance_display = NULL;
  EfCents amount;
  gint64 payment_id;
  int status;
  const GOptionEntry entries[] = {
    { "invoice", 0, 0, G_OPTION_ARG_STRING, &number, N_("The invoice’s number"), N_("NUMBER") },
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel,
      N_("How it was paid: cash, cheque, transfer or direct_debit"), N_("CHANNEL") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount_text,
      N_("The amount in euros, e.g. 15.00 (at most the balance)"), N_("EUROS") },
    { "label", 0, 0, G_OPTION_ARG_STRING, &label,
      N_("A note kept with the payment, e.g. the cheque’s number"), N_("TEXT") },
    { NULL }
  };

  if (!ef_cli_parse (&pay_usage, &cli, entries, &argc, &argv, &status))
    return status;

  if (number == NULL || channel == NULL || amount_text == NULL)
    return ef_cli_fail (EXIT_USAGE, _("The options --invoice NUMBER, --channel CHANNEL and --amount EUROS are required"));
  if (g_strcmp0 (channel, EF_PAYMENT_CHANNEL_ONLINE_CARD) == 0 || !ef_payment_channel_is_valid (channel))
    return ef_cli_fail (EXIT_USAGE, _("Unknown channel “%s”: use cash, cheque, transfer or direct_debit"),
                 channel);
  if (!ef_money_parse (amount_text, &amount, NULL))
    return ef_cli_fail (EXIT_USAGE, _("The amount must be written like 15.00 or 15,00, not “%s”"),
                 amount_text);
  if (amount <= 0)
    return ef_cli_fail (EXIT_USAGE, _("The amount must be more than zero"));

  if (!ef_cli_tenant_open (&cli, TRUE, &status))
    return status;

  invoice = ef_store_find_invoice_by_number (cli.store, cli.tenant_id, number, &error);
  if (invoice == NULL)
    {
      if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND))
        return ef_cli_fail (EXIT_USAGE, _("There is no invoice “%s” in this municipality"), number);
      return ef_cli_fail (EXIT_ERROR, _("Cannot read the invoice “%s”: %s"), number, error->message);
    }
  if (amount > invoice->balance)
    {
      balance_display = ef_money_format (invoice->balance);
      amount_display = ef_money_format (amount);
      if (invoice->balance == 0)
        return ef_cli_fail (EXIT_USAGE, _("The invoice %s is already settled: nothing is left to pay"),
                     number);
      return ef_cli_fail (EXIT_USAGE, _("%s is more than the balance of invoice %s (%s): nothing was recorded"),
                   amount_display, number, balance_display);
    }

  payment_id = ef_store_record_offline_payment (cli.store, cli.tenant_id, number, channel, amount,
                                                label, ef_cli_now_unix (), &error);
  if (payment_id == 0)
    {
      if (error->domain == EF_API_ERROR)
        return ef_cli_fail (EXIT_USAGE, _("The payment was refused: %s"), error->message);
      return ef_cli_fail (EXIT_ERROR, _("Cannot record the payment: %s"), error->message);
    }

  g_clear_pointer (&invoice, ef_invoice_free);
  invoice = ef_store_find_invoice_by_number (cli.store, cli.tenant_id, number, &error);
  if (invoice == NULL)
    return ef_cli_fail (EXIT_ERROR, _("Cannot read the invoice “%s”: %s"), number, error->message);
  amount_display = ef_money_format (amount);
  balance_display = ef_money_format (invoice->balance);
  if (invoice->balance == 0)
    printf (_("Payment %lld of %s recorded for invoice %s: the invoice is settled.\n"),
            (long long) payment_id, amount_display, number);
  else
    printf (_("Payment %lld of %s recorded for invoice %s: %s still due.\n"),
            (long long) payment_id, amount_display, number, balance_display);
  return EXIT_OK;
}

static const EfCliUsage payments_usage = {
  "payments", NULL, 0,
  N_("An online payment whose invoices were paid another way before the provider confirmed it "
     "settles nothing: the money was taken, so the town owes the family a refund or a credit. "
     "--to-reconcile lists these payments (id, family, amount, date, reference); --reconciled ID "
     "--note TEXT records that one was dealt with.\n\n"
     "Exit status: 0 on success, 2 on bad arguments or an unknown payment, 1 on any other failure."),
  NULL,
};

/* Online payments the provider took while their invoices were paid
 * another way (at the counter, by another payment): the town owes the
 * family a refund (or a credit). Lists them, or marks one done. */
int
ef_cli_run_payments (int    argc,
                     char **argv)
{
  g_auto(EfCliTenant) cli = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autofree char *reconciled = NULL;
  g_autofree char *note = NULL;
  gboolean to_reconcile = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "to-reconcile", 0, 0, G_OPTION_ARG_NONE, &to_reconcile,
      N_("List the online payments whose refund is to do"), NULL },
    { "reconciled", 0, 0, G_OPTION_ARG_STRING, &reconciled,
      N_("Mark this payment reconciled (refunded or credited)"), N_("ID") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note,
      N_("What was done, e.g. the refund’s reference"), N_("TEXT") },
    { NULL }
  };

  if (!ef_cli_parse (&payments_usage, &cli, entries, &argc, &argv, &status))
    return status;

  if (to_reconcile == (reconciled != NULL) || (reconciled != NULL && (note == NULL || *note == '\0')))
    return ef_cli_fail (EXIT_USAGE, _("Use either --to-reconcile, or --reconciled ID with --note TEXT"));

  if (!ef_cli_tenant_open (&cli, TRUE, &status))
    return status;

  if (reconciled != NULL)
    {
      gint64 id = 0;

      if (!g_ascii_string_to_signed (reconciled, 10, 1, G_MAXINT64, &id, NULL) ||
          !ef_store_mark_payment_reconciled (cli.store, cli.tenant_id, id, g_get_user_name (), note,
                                             ef_cli_now_unix (), &error))
        {
          if (error == NULL || error->domain == EF_API_ERROR)
            return ef_cli_fail (EXIT_USAGE, _("No payment “%s” with a refund to do"), reconciled);
          return ef_cli_fail (EXIT_ERROR, "%s", error->message);
        }
      printf (_("Payment %lld is marked reconciled.\n"), (long long) id);
      return EXIT_OK;
    }

  {
    g_autoptr(GPtrArray) items = ef_store_list_payments_to_reconcile (cli.store, cli.tenant_id, &error);

    if (items == NULL)
      return ef_cli_fail (EXIT_ERROR, "%s", error->message);
    tz = ef_tenant_settings_dup_time_zone (cli.settings);
    for (guint i = 0; i < items->len; i++)
      {
        const EfPaymentToReconcile *item = g_ptr_array_index (items, i);
        g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (item->result_at);
        g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
        g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");
        g_autofree char *amount = ef_money_format (item->amount);

        /* Tab-separated: payment id, family id, amount, date, reference. */
        printf ("%lld\t%lld\t%s\t%s\t%s\n", (long long) item->payment_id,
                (long long) item->family_id, amount, when, item->refdet);
      }
  }
  return EXIT_OK;
}
