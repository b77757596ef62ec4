/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-codec-payment.h: the contract's Finance and Payment (an online
 * payment, or one the town hall recorded), and the envelopes of the lists
 * of invoices, payments and history entries, as plain records and their
 * JSON
 *
 * The server fills these records from its store and answers with
 * ef_*_record_to_json(); the client reads an answer with
 * ef_*_record_from_json() and fills its GObject models from the record.
 * See docs/openapi.yaml for the schemas.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "ef-error.h"
#include "ef-types.h"

G_BEGIN_DECLS

typedef struct
{
  EfCents   total_due;
  gint64    invoices_to_pay;
  EfDay     oldest_due_date;          /* EF_DAY_INVALID: written null */
  gboolean  online_payment_enabled;
} EfFinanceRecord;

/* An element of Payment.invoices. */
typedef struct
{
  gint64   invoice_id;
  char    *number;
  EfCents  amount;
} EfPaymentInvoiceRecord;

typedef struct
{
  gint64     id;
  char      *status;           /* one of ef_payment_statuses */
  char      *channel;          /* one of ef_payment_channels */
  EfCents    amount;
  char      *reference;        /* NULL: written null */
  char      *label;
  GPtrArray *invoices;         /* EfPaymentInvoiceRecord */
  char      *created_at;       /* ISO 8601 instants with the tenant's offset */
  char      *updated_at;
  char      *paid_at;          /* NULL: written null */
  /* An online payment's: written only when @online. */
  gboolean   online;
  char      *expires_at;       /* NULL: written null */
  char      *provider_url;     /* NULL: written null */
  gboolean   refund_due;
} EfPaymentRecord;

/* The JSON members of each record, in the order they are written
 * (NULL-terminated): the properties of its schema. */
extern const char * const ef_finance_record_members[];
extern const char * const ef_payment_record_members[];
extern const char * const ef_payment_invoice_record_members[];

gboolean         ef_finance_record_equal           (const EfFinanceRecord  *a,
                                                    const EfFinanceRecord  *b);
JsonNode        *ef_finance_record_to_json         (const EfFinanceRecord  *finance);
/* A missing member, one of the wrong type, a day that is none is an error
 * in EF_API_ERROR naming it; members it does not know are ignored. */
gboolean         ef_finance_record_from_json       (JsonNode               *node,
                                                    EfFinanceRecord        *finance,
                                                    GError                **error);

void             ef_payment_invoice_record_free    (EfPaymentInvoiceRecord *invoice);
EfPaymentRecord *ef_payment_record_new             (void);
void             ef_payment_record_free            (EfPaymentRecord        *payment);
gboolean         ef_payment_record_equal           (const EfPaymentRecord  *a,
                                                    const EfPaymentRecord  *b);
JsonNode        *ef_payment_record_to_json         (const EfPaymentRecord  *payment);
/* A missing member, one of the wrong type, an instant that is none, a
 * status or a channel not of the contract is an error in EF_API_ERROR
 * naming it; members it does not know are ignored. The online members may
 * be absent (the record is then not @online); an element of invoices may
 * name its invoice "invoice" (as PaymentEntry's allocations do). */
EfPaymentRecord *ef_payment_record_from_json       (JsonNode               *node,
                                                    GError                **error);

/* PaymentRequest: {"invoice_ids": […]}, which the client writes and the
 * server reads. */
extern const char * const ef_payment_request_members[];

JsonNode        *ef_payment_request_to_json        (const gint64           *invoice_ids,
                                                    guint                   n_invoice_ids);
/* The ids (gint64): 1 to @max distinct positive ids. A member it does not
 * know is EF_API_ERROR_UNKNOWN_FIELD; the rest, EF_API_ERROR_INVALID_FIELD
 * naming the element. */
GArray          *ef_payment_request_from_json      (JsonNode               *node,
                                                    guint                   max,
                                                    GError                **error);

/* The envelopes of the lists: {"invoices": […]} (EfInvoiceRecord),
 * {"payments": […]} (EfPaymentRecord), PaymentHistory (EfPaymentEntryRecord)
 * and ConnectionHistory (EfConnectionEntryRecord). */
typedef struct
{
  EfDay      from;             /* the days asked, both included */
  EfDay      to;
  GPtrArray *items;            /* the records of the list */
} EfHistoryRecord;

extern const char * const ef_invoice_list_members[];
extern const char * const ef_payment_list_members[];
extern const char * const ef_payment_history_record_members[];
extern const char * const ef_connection_history_record_members[];

JsonNode        *ef_invoice_list_to_json           (GPtrArray              *invoices);
JsonNode        *ef_payment_list_to_json           (GPtrArray              *payments);
/* The list, each element read by its codec; the array is required. */
GPtrArray       *ef_invoice_list_from_json         (JsonNode               *node,
                                                    GError                **error);
GPtrArray       *ef_payment_list_from_json         (JsonNode               *node,
                                                    GError                **error);

EfHistoryRecord *ef_payment_history_record_new     (void);
EfHistoryRecord *ef_connection_history_record_new  (void);
void             ef_history_record_free            (EfHistoryRecord        *history);
JsonNode        *ef_payment_history_record_to_json (const EfHistoryRecord  *history);
JsonNode        *ef_connection_history_record_to_json (const EfHistoryRecord *history);
/* from and to may be absent (EF_DAY_INVALID): the client needs only the
 * list; when written they are days. */
EfHistoryRecord *ef_payment_history_record_from_json (JsonNode             *node,
                                                      GError              **error);
EfHistoryRecord *ef_connection_history_record_from_json (JsonNode          *node,
                                                         GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfPaymentRecord, ef_payment_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfHistoryRecord, ef_history_record_free)

G_END_DECLS
