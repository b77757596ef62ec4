/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-codec-billing.h: the contract's Invoice (its lines, its children's
 * totals, the payments that settled it) and PaymentEntry, as plain records
 * and their JSON
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
  gint64   member_id;     /* 0: null (a line of no member) */
  char    *member_name;
  gint64   activity_id;   /* 0: null */
  char    *label;
  gint64   quantity;
  EfCents  unit_price;
  EfCents  amount;
} EfInvoiceLineRecord;

/* An element of Invoice.children: the total of one child's lines. */
typedef struct
{
  gint64   member_id;     /* 0: null */
  char    *name;
  EfCents  total;
} EfInvoiceChildRecord;

typedef struct
{
  gint64   id;            /* the payment */
  char    *channel;       /* one of ef_payment_channels */
  EfCents  amount;        /* the part of the payment that went to the invoice */
  char    *paid_at;       /* ISO 8601 instant with its offset */
} EfInvoicePaymentRecord;

typedef struct
{
  gint64     id;
  char      *number;
  char      *service;
  char      *label;
  EfDay      issue_date;    /* EF_DAY_INVALID: written null */
  EfDay      period_start;
  EfDay      period_end;
  EfDay      due_date;
  EfCents    amount;
  EfCents    balance;
  EfCents    paid;
  char      *status;        /* one of ef_invoice_statuses */
  gboolean   payable_online;
  char      *not_payable_reason;  /* NULL when it can be paid online */
  GPtrArray *lines;         /* EfInvoiceLineRecord */
  GPtrArray *children;      /* EfInvoiceChildRecord, in the order of the lines */
  GPtrArray *payments;      /* EfInvoicePaymentRecord, oldest first */
} EfInvoiceRecord;

/* An element of PaymentEntry.allocations. */
typedef struct
{
  gint64   invoice_id;
  char    *number;
  EfCents  amount;
} EfPaymentAllocationRecord;

typedef struct
{
  gint64     id;
  char      *at;            /* ISO 8601 instant with the tenant's offset */
  EfDay      day;           /* @at's day in the tenant's zone */
  char      *time;          /* @at's "HH:MM" in the tenant's zone */
  char      *channel;       /* one of ef_payment_channels */
  char      *status;        /* one of ef_payment_statuses */
  EfCents    amount;
  char      *paid_at;       /* ISO 8601 instant, or NULL */
  GPtrArray *allocations;   /* EfPaymentAllocationRecord; their numbers are
                             * also written as invoice_numbers */
  gboolean   refund_due;
} EfPaymentEntryRecord;

/* The values of the enums (NULL-terminated). */
extern const char * const ef_invoice_statuses[];
extern const char * const ef_not_payable_reasons[];
extern const char * const ef_payment_channels[];
extern const char * const ef_payment_statuses[];

/* The JSON members of each record, in the order they are written
 * (NULL-terminated): the properties of its schema. */
extern const char * const ef_invoice_record_members[];
extern const char * const ef_invoice_period_members[];
extern const char * const ef_invoice_line_record_members[];
extern const char * const ef_invoice_child_record_members[];
extern const char * const ef_invoice_payment_record_members[];
extern const char * const ef_payment_entry_record_members[];
extern const char * const ef_payment_allocation_record_members[];

void                  ef_invoice_line_record_free          (EfInvoiceLineRecord        *line);
void                  ef_invoice_child_record_free         (EfInvoiceChildRecord       *child);
void                  ef_invoice_payment_record_free       (EfInvoicePaymentRecord     *payment);
EfInvoiceRecord      *ef_invoice_record_new                (void);
void                  ef_invoice_record_free               (EfInvoiceRecord            *invoice);
gboolean              ef_invoice_record_equal              (const EfInvoiceRecord      *a,
                                                            const EfInvoiceRecord      *b);
void                  ef_payment_allocation_record_free    (EfPaymentAllocationRecord  *allocation);
EfPaymentEntryRecord *ef_payment_entry_record_new          (void);
void                  ef_payment_entry_record_free         (EfPaymentEntryRecord       *payment);
gboolean              ef_payment_entry_record_equal        (const EfPaymentEntryRecord *a,
                                                            const EfPaymentEntryRecord *b);

JsonNode             *ef_invoice_record_to_json            (const EfInvoiceRecord      *invoice);
JsonNode             *ef_payment_entry_record_to_json      (const EfPaymentEntryRecord *payment);

/* Readers of the server's answers. A missing member, one of the wrong
 * type, a day or an instant that is not one, a status or a channel not of
 * the contract is an error in EF_API_ERROR naming it. Members they do not
 * know are ignored, and so is a not_payable_reason they do not know (kept
 * as it is). An absent Invoice.payments (older portals) reads as none; an
 * absent PaymentEntry.refund_due as FALSE; PaymentEntry.invoice_numbers is
 * not read (the allocations say the same). An allocation's "invoice" may
 * be named "id" (older portals). */
EfInvoiceRecord      *ef_invoice_record_from_json          (JsonNode                   *node,
                                                            GError                    **error);
EfPaymentEntryRecord *ef_payment_entry_record_from_json    (JsonNode                   *node,
                                                            GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfInvoiceRecord, ef_invoice_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfPaymentEntryRecord, ef_payment_entry_record_free)

G_END_DECLS
