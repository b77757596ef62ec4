/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-payment-handler.c: online payment of invoices (PayFiP flow)
 *
 * A family pays one or more whole invoices: the server creates a pending
 * payment of their full balances, registers an operation with the
 * tenant's provider (ef-payment-provider.h) and answers the page the
 * browser must open. The provider then notifies urlnotif with the
 * operation id only; the server never trusts that notification: it asks
 * the provider for the result and settles the payment on "paid".
 *
 * Policies:
 * - A pending payment lasts EF_ONLINE_PAYMENT_SECONDS (server clock); it
 *   is expired lazily, whenever the tenant's payments are read or
 *   created, and its invoices can be paid again.
 * - A notification for an unknown idop, or whose result the provider does
 *   not confirm (no result yet, another refdet, numcli or amount),
 *   changes nothing.
 * - The provider's "paid" always wins, even late (after expiry or a
 *   cancellation): the money was taken, so the payment is settled. If
 *   the invoices were paid another way meanwhile, nothing is paid twice:
 *   the payment stays as it was, its operation records the provider's
 *   "paid" with refund_due, and a warning is logged for the town hall.
 * - Settling is idempotent: a second notification changes nothing and
 *   sends no second receipt.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include "ef-common.h"
#include "http/ef-auth.h"
#include "http/ef-http.h"
#include "http/ef-request.h"
#include "mail/ef-mail.h"
#include "payfip/ef-payfip.h"
#include "payfip/ef-payfip-html.h"
#include "store/ef-store-accounts.h"
#include "store/ef-store-billing.h"
#include "store/ef-store-payfip.h"
#include "ef-server.h"
#include "ef-payment-handler.h"

/* At most this many invoices in one payment. */
#define MAX_INVOICES 50

typedef struct
{
  EfServer          *server;
  SoupServerMessage *msg;
  char              *tenant_id;
  gint64             payment_id;
  EfPayfipParams    *params;
} Job;

/* ------------------------------------------------------------- helpers */

static Job *
job_new (EfServer          *server,
         SoupServerMessage *msg,
         const char        *tenant_id,
         gint64             payment_id)
{
  Job *job = g_new0 (Job, 1);

  job->server = g_object_ref (server);
  job->msg = g_object_ref (msg);
  job->tenant_id = g_strdup (tenant_id);
  job->payment_id = payment_id;
  return job;
}

static void
job_free (Job *job)
{
  g_clear_object (&job->server);
  g_clear_object (&job->msg);
  g_free (job->tenant_id);
  g_clear_pointer (&job->params, ef_payfip_params_free);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static EfPaymentRecord *
payment_record_new (const EfPayment          *payment,
                    const EfPaymentOperation *operation,
                    GTimeZone                *tz)
{
  EfPaymentRecord *record = ef_payment_record_new ();

  record->id = payment->id;
  record->status = g_strdup (payment->status);
  record->channel = g_strdup (payment->channel);
  record->amount = payment->amount;
  record->reference = g_strdup (payment->reference);
  record->label = g_strdup (payment->label ? payment->label : "");
  for (guint i = 0; payment->allocations != NULL && i < payment->allocations->len; i++)
    {
      const EfPaymentAllocation *allocation = &g_array_index (payment->allocations,
                                                              EfPaymentAllocation, i);
      EfPaymentInvoiceRecord *invoice = g_new0 (EfPaymentInvoiceRecord, 1);

      invoice->invoice_id = allocation->invoice_id;
      invoice->number = g_strdup (allocation->invoice_number ? allocation->invoice_number : "");
      invoice->amount = allocation->amount;
      g_ptr_array_add (record->invoices, invoice);
    }
  record->created_at = ef_instant_format_unix_iso (payment->created_at, tz);
  record->updated_at = ef_instant_format_unix_iso (payment->updated_at, tz);
  record->paid_at = ef_instant_format_unix_iso (payment->paid_at, tz);

  if (operation != NULL)
    {
      record->online = TRUE;
      record->expires_at = ef_instant_format_unix_iso (operation->expires_at, tz);
      /* The page is of use only while the payment is pending. */
      if (g_str_equal (payment->status, EF_PAYMENT_STATUS_PENDING) && operation->provider_url &&
          !operation->refund_due)
        record->provider_url = g_strdup (operation->provider_url);
      record->refund_due = operation->refund_due;
    }
  return record;
}

/* Expires the tenant's pending online payments whose time is over. */
static gboolean
expire_stale_payments (EfServer    *server,
                       const char  *tenant_id,
                       GError     **error)
{
  EfStore *store = ef_server_get_store (server);
  g_autoptr(GArray) ids = NULL;
  gint64 now = ef_server_get_now_unix (server);

  ids = ef_store_list_stale_online_payments (store, tenant_id, now, error);
  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!ef_store_set_payment_status (store, tenant_id, g_array_index (ids, gint64, i),
                                      EF_PAYMENT_STATUS_EXPIRED, now, NULL, error))
      return FALSE;
  return TRUE;
}

gboolean
ef_payment_handler_expire_stale (gpointer     server,
                                 const char  *tenant_id,
                                 GError     **error)
{
  g_return_val_if_fail (EF_IS_SERVER (server), FALSE);

  return expire_stale_payments (server, tenant_id, error);
}

static void
respond_payment (EfServer          *server,
                 SoupServerMessage *msg,
                 const char        *tenant_id,
                 gint64             family_id,
                 gint64             payment_id,
                 guint              status)
{
  EfStore *store = ef_server_get_store (server);
  g_autoptr(EfTenantSettings) settings = NULL;
  g_autoptr(EfPayment) payment = NULL;
  g_autoptr(EfPaymentOperation) operation = NULL;
  g_autoptr(EfPaymentRecord) record = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  payment = ef_store_get_payment (store, tenant_id, family_id, payment_id, &error);
  if (payment != NULL)
    operation = ef_store_get_payment_operation (store, payment_id, &error);
  if (error != NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }
  settings = ef_store_load_tenant_settings (store, tenant_id, NULL);
  tz = ef_tenant_settings_dup_time_zone (settings);
  record = payment_record_new (payment, operation, tz);
  node = ef_payment_record_to_json (record);
  ef_http_respond_json (msg, status, node);
}

/* The only answer of urlnotif once its request is well formed: whoever
 * posts it learns nothing of the payment (neither whether the idop
 * exists nor what the provider said). The provider needs no more. */
static void
respond_notification_received (SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "received");
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  ef_http_respond_json (msg, SOUP_STATUS_OK, node);
}

/* "Factures pop-F2003…, … - Ville de Billère", as PayFiP accepts it. */
static char *
build_objet (const char *tenant_name,
             GPtrArray  *numbers)
{
  g_autoptr(GString) text = g_string_new (numbers->len > 1 ? "Factures " : "Facture ");
  g_autofree char *raw = NULL;
  guint shown = 0;

  for (guint i = 0; i < numbers->len; i++)
    {
      const char *number = g_ptr_array_index (numbers, i);

      if (text->len + strlen (number) > 60)
        break;
      g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", number);
      shown++;
    }
  if (shown < numbers->len)
    g_string_append_printf (text, " et %u autres", numbers->len - shown);
  raw = g_strdup_printf ("%s - %s", text->str, tenant_name);
  return ef_payfip_sanitize_objet (raw);
}

static char *
new_refdet (void)
{
  /* "EF" and 16 random hex digits: unique per payment (the database
   * checks it), and never the same across database resets either. */
  return g_strdup_printf ("EF%08X%08X", g_random_int (), g_random_int ());
}

static void
on_receipt_sent_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(GError) error = NULL;
  EfStore *store = ef_server_get_store (job->server);
  gboolean sent;

  sent = ef_mail_send_finish (result, &error);
  if (!sent)
    g_warning ("Could not hand the payment receipt to the mail program: %s", error->message);
  g_clear_error (&error);
  /* job->payment_id holds the mail's id here. */
  if (store != NULL &&
      !ef_store_outbox_set_status (store, job->payment_id, sent ? "sent" : "failed",
                                   ef_server_get_now_unix (job->server), &error))
    g_warning ("Could not update the payment receipt's mail: %s", error->message);
}

/* The receipt of a payment that has just been settled, in the outbox (and
 * through --sendmail). French, like every mail of the server. */
static gboolean
queue_receipt (EfServer                  *server,
               const char                *tenant_id,
               const EfPayment           *payment,
               const EfPaymentOperation  *operation,
               GError                   **error)
{
  EfStore *store = ef_server_get_store (server);
  g_autoptr(EfTenantSettings) settings = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) paid = NULL;
  g_autoptr(GDateTime) now = ef_server_get_now (server);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *amount = NULL;
  g_autofree char *when = NULL;
  g_autofree char *message = NULL;
  EfMail mail = { 0, };
  const char *sendmail = ef_server_get_sendmail (server);
  gint64 mail_id;

  settings = ef_store_load_tenant_settings (store, tenant_id, error);
  if (settings == NULL)
    return FALSE;
  tz = ef_tenant_settings_dup_time_zone (settings);
  paid = g_date_time_new_from_unix_utc (payment->paid_at > 0 ? payment->paid_at
                                        : g_date_time_to_unix (now));
  {
    g_autoptr(GDateTime) local = g_date_time_to_timezone (paid, tz);

    when = g_date_time_format (local, "%d/%m/%Y à %-H\u00A0h\u00A0%M");
  }
  amount = ef_payfip_html_format_euros (payment->amount);
  for (guint i = 0; i < payment->allocations->len; i++)
    {
      const EfPaymentAllocation *allocation = &g_array_index (payment->allocations,
                                                              EfPaymentAllocation, i);
      g_autofree char *part = ef_payfip_html_format_euros (allocation->amount);

      g_string_append_printf (lines, "  - facture %s\u00A0: %s\n", allocation->invoice_number, part);
    }

  mail.kind = (char *) "payment";
  mail.to = operation->mel;
  mail.subject = g_strdup_printf ("Reçu de votre paiement — %s", settings->name);
  mail.body = g_strdup_printf ("Bonjour,\n"
                               "\n"
                               "Nous avons bien reçu votre paiement en ligne de %s, "
                               "le %s.\n"
                               "\n"
                               "Factures réglées\u00A0:\n"
                               "%s"
                               "\n"
                               "Référence du paiement\u00A0: %s\n"
                               "\n"
                               "Ce message vaut reçu. Vos factures et l’historique de vos "
                               "paiements sont dans l’application Espace Famille.\n"
                               "\n"
                               "-- \n"
                               "%s — Espace Famille\n",
                               amount, when, lines->str, operation->refdet, settings->name);

  mail_id = ef_store_outbox_add (store, tenant_id, mail.kind, mail.to, mail.subject, mail.body,
                                 g_date_time_to_unix (now), error);
  if (mail_id != 0 && sendmail != NULL)
    {
      Job *job = g_new0 (Job, 1);

      job->server = g_object_ref (server);
      job->payment_id = mail_id;
      message = ef_mail_format_for_tenant (&mail, settings, now);
      ef_mail_send_async (sendmail, message, NULL, on_receipt_sent_cb, job);
    }
  g_free (mail.subject);
  g_free (mail.body);
  return mail_id != 0;
}

/* Applies what the provider confirmed for the payment's operation. */
static gboolean
apply_result (EfServer                  *server,
              const char                *tenant_id,
              const EfPayment           *payment,
              const EfPaymentOperation  *operation,
              const EfPayfipResult      *result,
              GError                   **error)
{
  EfStore *store = ef_server_get_store (server);
  EfPayfipOutcome outcome = ef_payfip_outcome_from_resultrans (result->resultrans);
  gboolean was_pending = g_str_equal (payment->status, EF_PAYMENT_STATUS_PENDING);
  gint64 now = ef_server_get_now_unix (server);
  g_autoptr(GError) local_error = NULL;
  gboolean changed = FALSE;

  switch (outcome)
    {
    case EF_PAYFIP_OUTCOME_PAID:
      if (!ef_store_settle_payment (store, tenant_id, payment->id, now, &changed, &local_error))
        {
          if (!g_error_matches (local_error, EF_API_ERROR, EF_API_ERROR_VALIDATION))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          /* Paid twice: the invoices stay as they are, the town owes a
           * refund. refund_due shows it to the parent (Payment, history)
           * and to staff (`payments --to-reconcile`); the log is only a
           * trace. */
          g_warning ("Payment %" G_GINT64_FORMAT " (refdet %s) was paid through the provider "
                     "but cannot be settled (%s): a refund is due",
                     payment->id, operation->refdet, local_error->message);
          return ef_store_set_payment_operation_result (store, payment->id, result->resultrans,
                                                        !was_pending, TRUE, now, error);
        }
      if (!ef_store_set_payment_operation_result (store, payment->id, result->resultrans,
                                                  !was_pending && changed, FALSE, now, error))
        return FALSE;
      if (changed)
        {
          g_autoptr(EfPayment) paid = ef_store_get_payment (store, tenant_id, 0, payment->id, error);

          if (paid == NULL || !queue_receipt (server, tenant_id, paid, operation, error))
            return FALSE;
        }
      return TRUE;

    case EF_PAYFIP_OUTCOME_REFUSED:
    case EF_PAYFIP_OUTCOME_CANCELLED:
      if (was_pending &&
          !ef_store_set_payment_status (store, tenant_id, payment->id,
                                        outcome == EF_PAYFIP_OUTCOME_REFUSED
                                        ? EF_PAYMENT_STATUS_REFUSED : EF_PAYMENT_STATUS_CANCELLED,
                                        now, NULL, error))
        return FALSE;
      return ef_store_set_payment_operation_result (store, payment->id, result->resultrans,
                                                    FALSE, FALSE, now, error);

    case EF_PAYFIP_OUTCOME_NONE:
    default:
      return TRUE;
    }
}

/* ------------------------------------------------------------ callbacks */

static void
on_operation_created_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(EfPayfipOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  EfStore *store = ef_server_get_store (job->server);

  operation = ef_payment_provider_create_operation_finish (EF_PAYMENT_PROVIDER (object),
                                                           result, &error);
  if (store == NULL)
    return;
  if (operation == NULL)
    {
      g_autoptr(GError) cancel_error = NULL;

      g_warning ("The payment provider refused payment %" G_GINT64_FORMAT ": %s",
                 job->payment_id, error->message);
      if (!ef_store_set_payment_status (store, job->tenant_id, job->payment_id,
                                        EF_PAYMENT_STATUS_CANCELLED,
                                        ef_server_get_now_unix (job->server), NULL,
                                        &cancel_error))
        g_warning ("Could not cancel payment %" G_GINT64_FORMAT ": %s",
                   job->payment_id, cancel_error->message);
      ef_http_respond_api_error (job->msg, EF_API_ERROR_PAYMENT_UNAVAILABLE,
                                 "The payment provider cannot take this payment now");
    }
  else if (!ef_store_set_payment_operation_idop (store, job->payment_id, operation->idop,
                                                 operation->url, &error))
    ef_http_respond_error (job->msg, error);
  else
    respond_payment (job->server, job->msg, job->tenant_id, 0, job->payment_id,
                     SOUP_STATUS_CREATED);

  soup_server_message_unpause (job->msg);
}

static void
on_result_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Job) job = user_data;
  g_autoptr(EfPayfipResult) provider_result = NULL;
  g_autoptr(EfPayment) payment = NULL;
  g_autoptr(EfPaymentOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  EfStore *store = ef_server_get_store (job->server);

  provider_result = ef_payment_provider_get_result_finish (EF_PAYMENT_PROVIDER (object),
                                                           result, &error);
  if (store == NULL)
    return;
  if (provider_result == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        respond_notification_received (job->msg);
      else
        {
          g_warning ("Cannot ask the payment provider about payment %" G_GINT64_FORMAT ": %s",
                     job->payment_id, error->message);
          ef_http_respond_api_error (job->msg, EF_API_ERROR_PAYMENT_UNAVAILABLE,
                                     "The payment provider cannot be reached");
        }
      soup_server_message_unpause (job->msg);
      return;
    }

  /* Read again: another notification may have been handled meanwhile. */
  payment = ef_store_get_payment (store, job->tenant_id, 0, job->payment_id, &error);
  if (payment != NULL)
    operation = ef_store_get_payment_operation (store, job->payment_id, &error);
  if (payment == NULL || operation == NULL)
    {
      if (error != NULL)
        ef_http_respond_error (job->msg, error);
      else
        respond_notification_received (job->msg);
      soup_server_message_unpause (job->msg);
      return;
    }

  if (g_strcmp0 (provider_result->refdet, operation->refdet) != 0 ||
      g_strcmp0 (provider_result->numcli, operation->numcli) != 0 ||
      provider_result->montant != payment->amount)
    {
      g_warning ("The provider's operation %s does not match payment %" G_GINT64_FORMAT
                 ": ignored", operation->idop, payment->id);
      respond_notification_received (job->msg);
      soup_server_message_unpause (job->msg);
      return;
    }

  if (!apply_result (job->server, job->tenant_id, payment, operation, provider_result, &error))
    ef_http_respond_error (job->msg, error);
  else
    respond_notification_received (job->msg);
  soup_server_message_unpause (job->msg);
}

/* ------------------------------------------------------------- handlers */

/* The invoice ids of the body: 1 to MAX_INVOICES distinct positive ids. */
static GArray *
read_invoice_ids (SoupServerMessage  *msg,
                  GError            **error)
{
  g_autoptr(JsonNode) body = ef_request_read_json_node (msg, error);

  if (body == NULL)
    return NULL;
  return ef_payment_request_from_json (body, MAX_INVOICES, error);
}

void
ef_payment_handler_create (SoupServerMessage *msg,
                           GHashTable        *params,
                           gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  const char *tenant_id = g_hash_table_lookup (params, "tenant");
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) allocations = NULL;
  g_autoptr(GPtrArray) numbers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(EfPayfipSettings) payfip = NULL;
  g_autoptr(EfBillingSettings) billing = NULL;
  g_autoptr(EfTenantSettings) settings = NULL;
  g_autoptr(EfPayfipParams) payfip_params = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) now_local = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *portal_url = NULL;
  EfPaymentProvider *provider = NULL;
  EfCents total = 0;
  gint64 payment_id;
  gint64 now;
  Job *job;

  /* The family pays with its own card; at the counter an agent records
   * the payment instead (POST staff/families/{id}/payments). */
  caller = ef_auth_require_parent (server, msg, tenant_id,
                                   "Only the family pays online; an agent records the payment");
  if (caller == NULL)
    return;

  ids = read_invoice_ids (msg, &error);
  if (ids == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  settings = ef_store_load_tenant_settings (store, tenant_id, &error);
  billing = settings ? ef_store_load_billing_settings (store, tenant_id, &error) : NULL;
  payfip = billing ? ef_store_load_payfip_settings (store, tenant_id, &error) : NULL;
  if (error != NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }
  if (payfip != NULL && billing->online_payment_enabled)
    provider = ef_payfip_get_provider (server, payfip->provider);
  if (provider == NULL)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_PAYMENT_UNAVAILABLE,
                                 "This municipality does not take payments online");
      return;
    }

  if (!expire_stale_payments (server, tenant_id, &error))
    {
      ef_http_respond_error (msg, error);
      return;
    }

  /* Every invoice must be the family's, due, and in no other payment
   * under way; the payment takes their full balances. */
  allocations = g_array_new (FALSE, TRUE, sizeof (EfPaymentAllocation));
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(EfInvoice) invoice = NULL;
      EfPaymentAllocation allocation = { 0, };

      invoice = ef_store_get_invoice (store, tenant_id, caller->family_id, id, &error);
      if (invoice == NULL)
        {
          if (g_error_matches (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND))
            {
              g_autofree char *message = g_strdup_printf ("No such invoice: %" G_GINT64_FORMAT, id);

              ef_http_respond_api_error (msg, EF_API_ERROR_NOT_FOUND, message);
            }
          else
            ef_http_respond_error (msg, error);
          return;
        }
      if (invoice->balance <= 0)
        {
          g_autofree char *message = g_strdup_printf ("The invoice %s is settled: nothing to pay",
                                                      invoice->number);

          ef_http_respond_api_error (msg, EF_API_ERROR_INVOICE_NOT_PAYABLE, message);
          return;
        }
      if (invoice->pending_payment)
        {
          g_autofree char *message = g_strdup_printf ("The invoice %s is in a payment under way",
                                                      invoice->number);

          ef_http_respond_api_error (msg, EF_API_ERROR_PAYMENT_IN_PROGRESS, message);
          return;
        }
      allocation.invoice_id = id;
      allocation.amount = invoice->balance;
      total += invoice->balance;
      g_array_append_val (allocations, allocation);
      g_ptr_array_add (numbers, g_strdup (invoice->number));
    }

  now = ef_server_get_now_unix (server);
  tz = ef_tenant_settings_dup_time_zone (settings);
  {
    g_autoptr(GDateTime) instant = g_date_time_new_from_unix_utc (now);

    now_local = g_date_time_to_timezone (instant, tz);
  }
  portal_url = ef_server_dup_portal_url (server, tenant_id, settings->public_url);

  payfip_params = g_new0 (EfPayfipParams, 1);
  payfip_params->numcli = g_strdup (payfip->numcli);
  payfip_params->exer = g_strdup_printf ("%04d", g_date_time_get_year (now_local));
  payfip_params->refdet = new_refdet ();
  payfip_params->objet = build_objet (settings->name, numbers);
  payfip_params->montant = total;
  payfip_params->mel = g_strdup (caller->email);
  payfip_params->urlnotif = g_strdup_printf ("%s/api/v1/payfip/notifications", portal_url);
  payfip_params->urlredirect = g_strdup_printf ("%s/api/v1/payfip/return", portal_url);
  payfip_params->saisie = g_strdup (payfip->saisie);

  payment_id = ef_store_create_payment (store, tenant_id, caller->family_id,
                                        EF_PAYMENT_CHANNEL_ONLINE_CARD, payfip_params->refdet,
                                        payfip_params->objet, caller->account_id,
                                        (const EfPaymentAllocation *) allocations->data,
                                        allocations->len, now, &error);
  if (payment_id == 0)
    {
      ef_http_respond_error (msg, error);
      return;
    }
  if (!ef_store_add_payment_operation (store, payment_id, payfip->provider, payfip_params,
                                       now + EF_ONLINE_PAYMENT_SECONDS, &error))
    {
      ef_store_set_payment_status (store, tenant_id, payment_id, EF_PAYMENT_STATUS_CANCELLED,
                                   now, NULL, NULL);
      ef_http_respond_error (msg, error);
      return;
    }

  job = job_new (server, msg, tenant_id, payment_id);
  job->params = g_steal_pointer (&payfip_params);
  soup_server_message_pause (msg);
  ef_payment_provider_create_operation_async (provider, job->params, NULL,
                                              on_operation_created_cb, job);
}

void
ef_payment_handler_list (SoupServerMessage *msg,
                         GHashTable        *params,
                         gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  const char *tenant_id = g_hash_table_lookup (params, "tenant");
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  const char *status = NULL;
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(EfTenantSettings) settings = NULL;
  g_autoptr(GPtrArray) payments = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) error = NULL;

  caller = ef_auth_require_caller (server, msg, tenant_id);
  if (caller == NULL)
    return;

  /* Like GET /invoices: ?status= keeps one status, other parameters are
   * ignored. */
  if (raw_query != NULL)
    {
      query = g_uri_parse_params (raw_query, -1, "&", G_URI_PARAMS_NONE, NULL);
      if (query == NULL)
        {
          ef_http_respond_api_error (msg, EF_API_ERROR_BAD_REQUEST, "Malformed query string");
          return;
        }
      status = g_hash_table_lookup (query, "status");
    }
  if (status != NULL && !ef_payment_status_is_valid (status))
    {
      g_autofree char *message = g_strdup_printf ("Unknown payment status “%s”: use pending, paid, "
                                                  "refused, cancelled or expired", status);

      ef_http_respond_api_error (msg, EF_API_ERROR_INVALID_FIELD, message);
      return;
    }

  /* A pending payment whose time is over reads as expired, here as in
   * GET /payments/{id}. */
  if (!expire_stale_payments (server, tenant_id, &error))
    {
      ef_http_respond_error (msg, error);
      return;
    }
  payments = ef_store_list_family_payments (store, tenant_id, caller->family_id, status, &error);
  if (payments == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }
  settings = ef_store_load_tenant_settings (store, tenant_id, NULL);
  tz = ef_tenant_settings_dup_time_zone (settings);

  records = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_payment_record_free);
  for (guint i = 0; i < payments->len; i++)
    {
      const EfPayment *payment = g_ptr_array_index (payments, i);
      g_autoptr(EfPaymentOperation) operation = NULL;

      operation = ef_store_get_payment_operation (store, payment->id, &error);
      if (error != NULL)
        {
          ef_http_respond_error (msg, error);
          return;
        }
      g_ptr_array_add (records, payment_record_new (payment, operation, tz));
    }
  body = ef_payment_list_to_json (records);
  ef_http_respond_json (msg, SOUP_STATUS_OK, body);
}

void
ef_payment_handler_get (SoupServerMessage *msg,
                        GHashTable        *params,
                        gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  const char *tenant_id = g_hash_table_lookup (params, "tenant");
  g_autoptr(EfCaller) caller = NULL;
  g_autoptr(GError) error = NULL;
  gint64 payment_id;

  caller = ef_auth_require_caller (server, msg, tenant_id);
  if (caller == NULL)
    return;

  payment_id = ef_request_path_id (msg, params, "No such payment");
  if (payment_id == 0)
    return;
  if (!expire_stale_payments (server, tenant_id, &error))
    {
      ef_http_respond_error (msg, error);
      return;
    }
  respond_payment (server, msg, tenant_id, caller->family_id, payment_id, SOUP_STATUS_OK);
}

void
ef_payment_handler_notify (SoupServerMessage *msg,
                           GHashTable        *params,
                           gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  const char *tenant_id = g_hash_table_lookup (params, "tenant");
  g_autoptr(EfTenantSettings) settings = NULL;
  g_autoptr(EfPaymentOperation) operation = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  EfPaymentProvider *provider;
  const char *content_type;
  const char *idop = NULL;

  settings = ef_store_load_tenant_settings (store, tenant_id, &error);
  if (settings == NULL)
    {
      ef_http_respond_error (msg, error);
      return;
    }

  /* PayFiP posts a form with the operation id: nothing else is read. */
  content_type = soup_message_headers_get_content_type (soup_server_message_get_request_headers (msg),
                                                        NULL);
  if (g_strcmp0 (content_type, "application/x-www-form-urlencoded") != 0)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_UNSUPPORTED_MEDIA,
                                 "The notification must be application/x-www-form-urlencoded");
      return;
    }
  bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

    form = soup_form_decode (text);
  }
  idop = g_hash_table_lookup (form, "idop");
  if (idop == NULL || *idop == '\0' || strlen (idop) > 64)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_BAD_REQUEST, "The notification has no idop");
      return;
    }

  operation = ef_store_find_payment_operation (store, tenant_id, idop, &error);
  if (operation == NULL)
    {
      if (error != NULL)
        ef_http_respond_error (msg, error);
      else
        respond_notification_received (msg);
      return;
    }

  provider = ef_payfip_get_provider (server, operation->provider);
  if (provider == NULL)
    {
      ef_http_respond_api_error (msg, EF_API_ERROR_PAYMENT_UNAVAILABLE,
                                 "The payment provider of this operation is gone");
      return;
    }

  soup_server_message_pause (msg);
  ef_payment_provider_get_result_async (provider, idop, NULL, on_result_cb,
                                        job_new (server, msg, tenant_id, operation->payment_id));
}

void
ef_payment_handler_return_page (SoupServerMessage *msg,
                                GHashTable        *params,
                                gpointer           user_data)
{
  EfServer *server = EF_SERVER (user_data);
  EfStore *store = ef_server_get_store (server);
  const char *tenant_id = g_hash_table_lookup (params, "tenant");
  g_autoptr(EfTenantSettings) settings = NULL;
  g_autoptr(EfPaymentOperation) operation = NULL;
  g_autoptr(EfPayment) payment = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *town = NULL;
  g_autofree char *header = NULL;
  g_autofree char *body = NULL;
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  const char *idop = NULL;
  const char *css = "wait";
  const char *title = "Paiement en cours de confirmation";
  const char *text = "Votre paiement n’est pas encore confirmé par le service de paiement. "
                     "Sa situation sera à jour dans l’application dans quelques instants.";

  settings = ef_store_load_tenant_settings (store, tenant_id, &error);
  if (settings == NULL)
    {
      ef_payfip_html_respond (msg, SOUP_STATUS_NOT_FOUND, "Espace Famille",
                              "<div class=\"brand\">Espace Famille</div>",
                              "<div class=\"card\"><h1>Page introuvable</h1>"
                              "<p>Cette commune n’existe pas sur ce serveur.</p></div>");
      return;
    }

  if (raw_query != NULL)
    query = soup_form_decode (raw_query);
  if (query != NULL)
    idop = g_hash_table_lookup (query, "idop");
  if (idop != NULL && expire_stale_payments (server, tenant_id, NULL))
    operation = ef_store_find_payment_operation (store, tenant_id, idop, NULL);
  if (operation != NULL)
    payment = ef_store_get_payment (store, tenant_id, 0, operation->payment_id, NULL);

  /* What the server knows, from the provider's confirmation: the page
   * itself trusts nothing of its address but the idop to look it up. */
  if (payment != NULL && operation->refund_due)
    {
      css = "wait";
      title = "Paiement à rembourser";
      text = "Le service de paiement a accepté votre paiement, mais vos factures avaient déjà "
             "été réglées autrement : rien n’est payé deux fois, la commune vous rembourse "
             "cette somme.";
    }
  else if (payment != NULL)
    {
      if (g_str_equal (payment->status, EF_PAYMENT_STATUS_PAID))
        {
          css = "ok";
          title = "Paiement accepté";
          text = "Merci\u00A0: votre paiement est enregistré et vos factures sont réglées. "
                 "Un reçu vous est envoyé par courriel.";
        }
      else if (g_str_equal (payment->status, EF_PAYMENT_STATUS_REFUSED))
        {
          css = "bad";
          title = "Paiement refusé";
          text = "Le paiement a été refusé\u00A0: aucune somme n’a été prélevée. Vos factures "
                 "restent à payer\u202F; vous pouvez recommencer depuis l’application.";
        }
      else if (g_str_equal (payment->status, EF_PAYMENT_STATUS_CANCELLED))
        {
          css = "bad";
          title = "Paiement annulé";
          text = "Vous avez annulé le paiement\u00A0: aucune somme n’a été prélevée. Vos factures "
                 "restent à payer.";
        }
      else if (g_str_equal (payment->status, EF_PAYMENT_STATUS_EXPIRED))
        {
          css = "bad";
          title = "Paiement expiré";
          text = "Le délai pour payer est dépassé. Vos factures restent à payer\u202F; vous "
                 "pouvez recommencer depuis l’application.";
        }
    }

  town = ef_payfip_html_escape (settings->name);
  header = g_strdup_printf ("<div class=\"brand\">%s</div><div class=\"sub\">Espace Famille</div>",
                            town);
  /* Anyone may open this address: it says the status and the way back,
   * never the amount, the reference or the invoices. */
  body = g_strdup_printf ("<div class=\"card\">"
                          "<p class=\"status %s\">%s</p>"
                          "<p>%s</p>"
                          "<h1>Vous pouvez revenir à l’application Espace Famille</h1>"
                          "<p>Fermez cette page et retournez dans l’application\u00A0: elle "
                          "affiche la situation de vos factures et l’historique de vos "
                          "paiements.</p>"
                          "</div>",
                          css, title, text);
  ef_payfip_html_respond (msg, SOUP_STATUS_OK, title, header, body);
}
