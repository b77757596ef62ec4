/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-billing.h: invoices, billing runs, payments and their
 * allocations, and the family's history (connections, payments)
 *
 * Money is integer cents (EfCents), days are EfDay in the tenant's
 * calendar, instants UTC Unix seconds. Every function that changes
 * something runs in its own transaction (BEGIN IMMEDIATE) unless it says
 * otherwise: on error nothing was changed.
 *
 * Errors: EF_API_ERROR_NOT_FOUND for an id or number that is not the
 * tenant's (or not the family's, when a family is given: a family never
 * learns whether another family's invoice exists);
 * EF_API_ERROR_VALIDATION for a change the rules refuse (amount above a
 * balance, a settled invoice, a payment in the wrong status), with a
 * plain English message; EF_STORE_ERROR_SQL for the rest.
 */

#pragma once

#include <glib.h>

#include "ef-common.h"
#include "ef-store.h"

G_BEGIN_DECLS

/* Days after the issue day until an invoice is due, when the tenant did
 * not set its own (tenants.invoice_due_days). */
#define EF_INVOICE_DEFAULT_DUE_DAYS 30

/* Payment channels and statuses: the strings stored and sent by the API. */
#define EF_PAYMENT_CHANNEL_ONLINE_CARD  "online_card"
#define EF_PAYMENT_CHANNEL_CASH         "cash"
#define EF_PAYMENT_CHANNEL_CHEQUE       "cheque"
#define EF_PAYMENT_CHANNEL_DIRECT_DEBIT "direct_debit"
#define EF_PAYMENT_CHANNEL_TRANSFER     "transfer"

#define EF_PAYMENT_STATUS_PENDING   "pending"
#define EF_PAYMENT_STATUS_PAID      "paid"
#define EF_PAYMENT_STATUS_REFUSED   "refused"
#define EF_PAYMENT_STATUS_CANCELLED "cancelled"
#define EF_PAYMENT_STATUS_EXPIRED   "expired"

gboolean ef_payment_channel_is_valid (const char *channel);
gboolean ef_payment_status_is_valid  (const char *status);

/**
 * EfInvoiceLine:
 * @member_id: the child billed, 0 for a line about no one (or whose
 *   member was deleted since)
 * @member_name: the child's first and last name as billed
 * @activity_id: the activity, 0 for none
 * @label: what was billed ("Restaurant scolaire")
 * @amount: @quantity × @unit_price (the schema checks it)
 */
typedef struct {
  gint64   member_id;
  char    *member_name;
  gint64   activity_id;
  char    *label;
  gint64   quantity;
  EfCents  unit_price;
  EfCents  amount;
} EfInvoiceLine;

/**
 * EfInvoicePayment:
 * @payment_id: a paid payment that settled (part of) the invoice
 * @channel: the payment's, one of EF_PAYMENT_CHANNEL_*
 * @amount: the part of that payment that went to this invoice
 * @paid_at: when the payment became paid (Unix seconds)
 */
typedef struct {
  gint64   payment_id;
  char    *channel;
  EfCents  amount;
  gint64   paid_at;
} EfInvoicePayment;

/**
 * EfInvoice:
 * @number: unique in the tenant: `PREFIX-FYYMMNNNNN` ("pop-F200300001")
 * @service_id: the tenant's service that issued it
 * @status: "to_pay" or "settled" (settled exactly when @balance is 0)
 * @balance: what is still due; paid payments only reduce it
 * @pending_payment: a pending payment (an online payment under way) is
 *   allocated to this invoice
 * @lines: of EfInvoiceLine, in the invoice's order (child, then activity)
 * @payments: of EfInvoicePayment: the paid payments allocated to it, oldest
 *   first (by paid_at, then id)
 */
typedef struct {
  gint64     id;
  char      *tenant_id;
  gint64     family_id;
  char      *number;
  char      *service_id;
  EfDay      issue_day;
  EfDay      period_start;
  EfDay      period_end;
  char      *label;
  EfCents    amount;
  EfCents    balance;
  char      *status;
  EfDay      due_day;
  gint64     created_at;
  gboolean   pending_payment;
  GPtrArray *lines;
  GArray    *payments;
} EfInvoice;

void ef_invoice_line_free (EfInvoiceLine *line);
void ef_invoice_free      (EfInvoice     *invoice);

/**
 * EfPaymentAllocation:
 *
 * The part @amount of a payment that goes to the invoice @invoice_id
 * (@invoice_number is filled in when read back).
 */
typedef struct {
  gint64   invoice_id;
  char    *invoice_number;
  EfCents  amount;
} EfPaymentAllocation;

/**
 * EfPayment:
 * @channel: one of EF_PAYMENT_CHANNEL_*
 * @status: one of EF_PAYMENT_STATUS_*
 * @reference: the provider's or the agent's reference, unique in the
 *   tenant when set, or NULL
 * @paid_at: the instant it became paid, 0 otherwise
 * @cheque_number: (nullable): a cheque's number
 * @receipt_number: (nullable): the receipt of a payment recorded by the
 *   town hall ("R2026-00001"), unique in the tenant
 * @agent_name: (nullable): the agent who recorded it
 * @account_id: the account that started it or the agent's, 0 for none
 * @cancelled_at: when an agent cancelled it (status cancelled), 0 if not
 * @cancel_reason: (nullable): why
 * @cancelled_paid_at: when it had been paid, before it was cancelled
 * @allocations: of EfPaymentAllocation, by invoice number
 */
typedef struct {
  gint64     id;
  char      *tenant_id;
  gint64     family_id;
  char      *channel;
  char      *status;
  EfCents    amount;
  char      *reference;
  char      *label;
  gint64     created_at;
  gint64     updated_at;
  gint64     paid_at;
  char      *cheque_number;
  char      *receipt_number;
  char      *agent_name;
  gint64     account_id;
  gint64     cancelled_at;
  char      *cancel_reason;
  gint64     cancelled_paid_at;
  /* An online payment the provider took but that settled nothing: the
   * town owes a refund (payment_operations.refund_due). */
  gboolean   refund_due;
  GArray    *allocations;
} EfPayment;

void ef_payment_free (EfPayment *payment);

/* ------------------------------------------------------------ settings */

/**
 * EfBillingSettings:
 *
 * What a tenant says about its invoices: days until due, whether families
 * may pay online, the bank account for transfers (NULL if none), and
 * whether the days an agent reserved past the deadline (an override) are
 * billed when the agent did not say (@bill_overrides, from the town's
 * settings file: ef_store_save_billing_settings() leaves it).
 */
typedef struct {
  guint     due_days;
  gboolean  online_payment_enabled;
  char     *iban;
  char     *bic;
  gboolean  bill_overrides;
} EfBillingSettings;

void               ef_billing_settings_free    (EfBillingSettings *settings);
/* EF_API_ERROR_UNKNOWN_TENANT if there is no such tenant. */
EfBillingSettings *ef_store_load_billing_settings (EfStore     *self,
                                                   const char  *tenant_id,
                                                   GError     **error);
gboolean           ef_store_save_billing_settings (EfStore                 *self,
                                                   const char              *tenant_id,
                                                   const EfBillingSettings *settings,
                                                   GError                 **error);
/* Sets the invoice number prefix of a service (1–8 letters or digits);
 * NULL goes back to the default, the service id's first three characters. */
gboolean           ef_store_set_service_invoice_prefix (EfStore     *self,
                                                        const char  *tenant_id,
                                                        const char  *service_id,
                                                        const char  *prefix,
                                                        GError     **error);

/* ------------------------------------------------------------- billing */

/**
 * EfBillingReport:
 * @n_invoices: invoices created by this run
 * @total: their total amount
 * @n_services_billed: services billed by this run
 * @n_services_already: services whose month was already billed (skipped)
 * @invoice_ids: the new invoices' ids, in creation order
 */
typedef struct {
  guint    n_invoices;
  EfCents  total;
  guint    n_services_billed;
  guint    n_services_already;
  GArray  *invoice_ids;
} EfBillingReport;

void ef_billing_report_free (EfBillingReport *report);

/* Writes the mail announcing @invoice to the family @family_name: its
 * subject and body (newly allocated). FALSE: no mail. */
typedef gboolean (*EfInvoiceMailFunc) (const EfInvoice *invoice,
                                       const char      *family_name,
                                       char           **subject,
                                       char           **body,
                                       gpointer         user_data);

/* Invoices every family of @tenant_id for the days of @month (1–12) of
 * @year that are reserved (those an agent reserved past the deadline only
 * when billed: as the agent said, else as @bill_overrides of the tenant's
 * settings says): one invoice per family and service, one line
 * per child and activity (quantity = number of reserved days, at the
 * activity's unit price), numbered PREFIX-FYYMMNNNNN. Issued on
 * @issue_day, due the tenant's due_days later. A service already billed
 * for that month is skipped, so running it again creates nothing
 * (@report says so). With @mail_func, each invoice's mail is queued in the
 * outbox (kind "invoice") for every account of the family. Everything —
 * invoices, lines, mails, billing runs — in one transaction. */
EfBillingReport *ef_store_bill_month (EfStore           *self,
                                      const char        *tenant_id,
                                      int                year,
                                      int                month,
                                      EfDay              issue_day,
                                      gint64             now,
                                      EfInvoiceMailFunc  mail_func,
                                      gpointer           user_data,
                                      GError           **error);

/**
 * EfInvoiceDraftLine / EfInvoiceDraft / ef_store_add_invoice:
 *
 * Creates one invoice with its own @number (used by the demo for the
 * tutorial's historical invoices, and by imports). The amount is the sum
 * of the lines; the balance starts equal to it. If the tenant already has
 * an invoice with that number, nothing changes and its id is returned
 * (with *@created FALSE) — the number is the invoice's identity.
 */
typedef struct {
  gint64      member_id;
  const char *member_name;
  gint64      activity_id;
  const char *label;
  gint64      quantity;
  EfCents     unit_price;
} EfInvoiceDraftLine;

typedef struct {
  const char               *number;
  const char               *service_id;
  const char               *label;
  EfDay                     issue_day;
  EfDay                     period_start;
  EfDay                     period_end;
  EfDay                     due_day;
  const EfInvoiceDraftLine *lines;
  guint                     n_lines;
} EfInvoiceDraft;

gint64       ef_store_add_invoice        (EfStore                  *self,
                                          const char               *tenant_id,
                                          gint64                    family_id,
                                          const EfInvoiceDraft     *draft,
                                          gint64                    now,
                                          gboolean                 *created,
                                          GError                  **error);

/* ------------------------------------------------------------ invoices */

/* Of EfInvoice with their lines: the family's invoices, newest issue day
 * first; @status NULL for all, or "to_pay" / "settled" (anything else is
 * EF_API_ERROR_INVALID_FIELD). */
GPtrArray   *ef_store_list_invoices      (EfStore     *self,
                                          const char  *tenant_id,
                                          gint64       family_id,
                                          const char  *status,
                                          GError     **error);
/* One invoice with its lines. @family_id 0: any family of the tenant (staff,
 * CLI); otherwise EF_API_ERROR_NOT_FOUND unless it is that family's. */
EfInvoice   *ef_store_get_invoice        (EfStore     *self,
                                          const char  *tenant_id,
                                          gint64       family_id,
                                          gint64       invoice_id,
                                          GError     **error);
EfInvoice   *ef_store_find_invoice_by_number (EfStore     *self,
                                              const char  *tenant_id,
                                              const char  *number,
                                              GError     **error);
/* The family's financial situation: the total still due, how many
 * invoices are to pay, and the oldest due day among them
 * (EF_DAY_INVALID when none). */
gboolean     ef_store_get_finance        (EfStore     *self,
                                          const char  *tenant_id,
                                          gint64       family_id,
                                          EfCents     *total_due,
                                          guint       *n_to_pay,
                                          EfDay       *oldest_due_day,
                                          GError     **error);

/* ------------------------------------------------------------ payments */

/* Creates a pending payment of @family_id (of @tenant_id) for the
 * allocations (their sum is the payment's amount) and returns its id.
 * Refused (EF_API_ERROR_VALIDATION) when an allocation is ≤ 0 or above
 * its invoice's current balance, an invoice is settled, or the same
 * invoice comes twice; EF_API_ERROR_NOT_FOUND when an invoice is not the
 * family's. Balances do not change until ef_store_settle_payment().
 * @reference may be NULL; if set it must be unique in the tenant.
 * @account_id is who started it (0: none, e.g. an agent). */
gint64       ef_store_create_payment     (EfStore                   *self,
                                          const char                *tenant_id,
                                          gint64                     family_id,
                                          const char                *channel,
                                          const char                *reference,
                                          const char                *label,
                                          gint64                     account_id,
                                          const EfPaymentAllocation *allocations,
                                          guint                      n_allocations,
                                          gint64                     now,
                                          GError                   **error);

/* Marks the payment paid at @now and, in the same transaction, reduces
 * the balance of each allocated invoice by its allocation and settles
 * those that reach 0. Idempotent: a payment already paid changes nothing
 * and returns TRUE with *@changed FALSE. A pending, expired or cancelled
 * payment can become paid (a late confirmation of money really taken
 * wins); a refused one cannot. Refused, and nothing changes, if any
 * balance would go below 0 (the invoice was paid another way meanwhile).
 * @changed may be NULL. */
gboolean     ef_store_settle_payment     (EfStore     *self,
                                          const char  *tenant_id,
                                          gint64       payment_id,
                                          gint64       now,
                                          gboolean    *changed,
                                          GError     **error);

/* Moves a pending payment to "refused", "cancelled" or "expired" (balances
 * do not change). Setting the status it already has changes nothing
 * (*@changed FALSE); a paid payment cannot change; "paid" must go through
 * ef_store_settle_payment(). @changed may be NULL. */
gboolean     ef_store_set_payment_status (EfStore     *self,
                                          const char  *tenant_id,
                                          gint64       payment_id,
                                          const char  *status,
                                          gint64       now,
                                          gboolean    *changed,
                                          GError     **error);

/* The payment with its allocations. @family_id 0: any family of the
 * tenant; otherwise EF_API_ERROR_NOT_FOUND unless it is that family's. */
EfPayment   *ef_store_get_payment        (EfStore     *self,
                                          const char  *tenant_id,
                                          gint64       family_id,
                                          gint64       payment_id,
                                          GError     **error);
/* The same, by the tenant-unique @reference. */
EfPayment   *ef_store_find_payment_by_reference (EfStore     *self,
                                                 const char  *tenant_id,
                                                 const char  *reference,
                                                 GError     **error);

/* An offline payment taken by the town hall (cash, cheque, transfer,
 * direct debit) for the invoice @number: created paid at @now with its
 * one allocation, the balance reduced and the invoice settled at 0, in
 * one transaction. @amount may be partial; refused when ≤ 0 or above the
 * balance. Returns the payment's id. */
gint64       ef_store_record_offline_payment (EfStore     *self,
                                              const char  *tenant_id,
                                              const char  *number,
                                              const char  *channel,
                                              EfCents      amount,
                                              const char  *label,
                                              gint64       now,
                                              GError     **error);

/**
 * EfOfflinePayment:
 * @channel: cash, cheque, transfer or direct_debit
 * @cheque_number: (nullable): a cheque's number (only for a cheque; the
 *   API requires it, the command line has none)
 * @reference: (nullable): the bank's reference of a transfer or direct
 *   debit, unique in the tenant
 * @label: (nullable): a note
 * @account_id: the agent's account, 0 for none (the CLI)
 * @agent_name: (nullable): the agent's name, printed on the receipt
 * @allocations: the invoices paid and how much of each (an amount of 0
 *   takes the invoice's whole balance)
 *
 * A payment received by the town hall.
 */
typedef struct {
  const char                *channel;
  const char                *cheque_number;
  const char                *reference;
  const char                *label;
  gint64                     account_id;
  const char                *agent_name;
  const EfPaymentAllocation *allocations;
  guint                      n_allocations;
} EfOfflinePayment;

/* Records @payment for invoices of @family_id: created paid at @now, the
 * balances reduced and the invoices settled at 0, with the next receipt
 * number of the tenant's year (in its time zone), in one transaction (the
 * caller's when one is open). Refused (EF_API_ERROR_VALIDATION, or
 * EF_API_ERROR_INVALID_FIELD for the channel and the cheque's number)
 * when an amount is above its invoice's balance or an invoice is
 * settled; EF_API_ERROR_NOT_FOUND when an invoice is not the family's.
 * Returns the payment's id, 0 on error. */
gint64       ef_store_add_offline_payment (EfStore                *self,
                                           const char             *tenant_id,
                                           gint64                  family_id,
                                           const EfOfflinePayment *payment,
                                           gint64                  now,
                                           GError                **error);

/* Cancels a paid offline payment (not an online card one) recorded by
 * mistake: its status becomes cancelled (the row stays, with @reason, the
 * instant and when it had been paid) and the balance of each of its
 * invoices goes back up by what it paid, in one transaction (the caller's
 * when one is open). EF_API_ERROR_VALIDATION when it is not a paid
 * offline payment. */
gboolean     ef_store_cancel_payment     (EfStore     *self,
                                          const char  *tenant_id,
                                          gint64       payment_id,
                                          const char  *reason,
                                          gint64       now,
                                          GError     **error);

/* Of EfPayment with their allocations: every payment of the family, of
 * every channel, newest first (created_at, then id); @status NULL for all,
 * or one of EF_PAYMENT_STATUS_* (anything else is
 * EF_API_ERROR_INVALID_FIELD). Pending payments are read as stored: expire
 * the stale ones first. */
GPtrArray   *ef_store_list_family_payments (EfStore     *self,
                                            const char  *tenant_id,
                                            gint64       family_id,
                                            const char  *status,
                                            GError     **error);

/* ------------------------------------------------------------- history */

/* Of EfPayment with their allocations: the family's payments of every
 * channel and status created in [@from, @to) (Unix seconds), newest
 * first. */
GPtrArray   *ef_store_list_payments      (EfStore     *self,
                                          const char  *tenant_id,
                                          gint64       family_id,
                                          gint64       from,
                                          gint64       to,
                                          GError     **error);

/* Of EfPayment with their allocations: the payments the town hall took
 * (every channel but online_card, of every status, cancelled ones too) of
 * any family of the tenant, created in [@from, @to) (Unix seconds), oldest
 * first. */
GPtrArray   *ef_store_list_counter_payments (EfStore     *self,
                                             const char  *tenant_id,
                                             gint64       from,
                                             gint64       to,
                                             GError     **error);

/**
 * EfConnectionEntry:
 *
 * One sign-in attempt on one of the family's accounts.
 * @result: "ok", "bad_credentials" or "locked"
 */
typedef struct {
  gint64  at;
  char   *email;
  char   *result;
  char   *client;
} EfConnectionEntry;

void         ef_connection_entry_free    (EfConnectionEntry *entry);
/* Of EfConnectionEntry: the sign-ins on the family's accounts in
 * [@from, @to), newest first. */
GPtrArray   *ef_store_list_connections   (EfStore     *self,
                                          const char  *tenant_id,
                                          gint64       family_id,
                                          gint64       from,
                                          gint64       to,
                                          GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfInvoiceLine, ef_invoice_line_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfInvoice, ef_invoice_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfPayment, ef_payment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfBillingSettings, ef_billing_settings_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfBillingReport, ef_billing_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfConnectionEntry, ef_connection_entry_free)

G_END_DECLS
