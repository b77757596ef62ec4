/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-payfip.h: online payment through PayFiP — the tenants' PayFiP
 * settings, each online payment's provider operation, and the simulator's
 * operations
 *
 * Instants are UTC Unix seconds, money integer cents. The payments
 * themselves and their allocations are ef-store-billing.h's.
 */

#pragma once

#include "ef-common.h"
#include "ef-store.h"
#include "payfip/ef-payment-provider.h"

G_BEGIN_DECLS

/* The provider names stored in payfip_settings.provider. */
#define EF_PAYFIP_PROVIDER_SIMULATOR "simulator"

/**
 * EfPayfipSettings:
 * @numcli: the tenant's PayFiP client number (6 digits)
 * @saisie: "T" (test), "X" (production) or "W" (activation)
 * @provider: which provider collects: "simulator"
 */
typedef struct
{
  char *tenant_id;
  char *numcli;
  char *saisie;
  char *provider;
} EfPayfipSettings;

/**
 * EfPaymentOperation:
 *
 * The provider side of one online payment: the PayFiP parameters it was
 * created with, the provider's idop and page (NULL until the provider
 * answered), when the payment expires, and the result the provider
 * confirmed (NULL until then). @late: the confirmation came after the
 * payment had expired. @refund_due: the provider took the money but the
 * invoices had been paid another way meanwhile: the town hall owes a
 * refund.
 */
typedef struct
{
  gint64  payment_id;
  char   *provider;
  char   *numcli;
  char   *exer;
  char   *refdet;
  char   *objet;
  char   *mel;
  char   *saisie;
  char   *idop;
  char   *provider_url;
  gint64  expires_at;
  char   *resultrans;
  gint64  result_at;
  gboolean late;
  gboolean refund_due;
} EfPaymentOperation;

/**
 * EfPayfipSimOperation:
 *
 * An operation of the PayFiP simulator: the parameters it received, until
 * when the payer may pay (@expires_at), and the result (@resultrans NULL
 * while the payer has not finished).
 */
typedef struct
{
  char   *idop;
  EfPayfipParams params;
  gint64  created_at;
  gint64  expires_at;
  char   *resultrans;
  char   *numauto;
  gint64  finished_at;
  char   *tenant_name;   /* the municipality that has @params.numcli, or NULL */
} EfPayfipSimOperation;

void                 ef_payfip_settings_free        (EfPayfipSettings     *settings);
void                 ef_payment_operation_free      (EfPaymentOperation   *operation);
void                 ef_payfip_sim_operation_free   (EfPayfipSimOperation *operation);

/* The tenant's settings, or NULL without error when it has none (online
 * payment is then unavailable). */
EfPayfipSettings    *ef_store_load_payfip_settings  (EfStore          *self,
                                                     const char       *tenant_id,
                                                     GError          **error);
/* Creates or changes them: the non-NULL ones; creating needs all three.
 * EF_API_ERROR_INVALID_FIELD for a bad value or a numcli another tenant
 * has; EF_API_ERROR_UNKNOWN_TENANT. */
gboolean             ef_store_set_payfip_settings   (EfStore          *self,
                                                     const char       *tenant_id,
                                                     const char       *numcli,
                                                     const char       *saisie,
                                                     const char       *provider,
                                                     GError          **error);

/* Records the PayFiP parameters of the pending payment @payment_id. */
gboolean             ef_store_add_payment_operation (EfStore              *self,
                                                     gint64                payment_id,
                                                     const char           *provider,
                                                     const EfPayfipParams *params,
                                                     gint64                expires_at,
                                                     GError              **error);
/* The provider's answer: its idop and the page of the operation. */
gboolean             ef_store_set_payment_operation_idop (EfStore          *self,
                                                          gint64            payment_id,
                                                          const char       *idop,
                                                          const char       *provider_url,
                                                          GError          **error);
/* The operation of @payment_id, or NULL without error (not an online one). */
EfPaymentOperation  *ef_store_get_payment_operation (EfStore          *self,
                                                     gint64            payment_id,
                                                     GError          **error);
/* The operation of @tenant_id with this @idop, or NULL without error. */
EfPaymentOperation  *ef_store_find_payment_operation (EfStore          *self,
                                                      const char       *tenant_id,
                                                      const char       *idop,
                                                      GError          **error);
/* Stores the result the provider confirmed (the first one is kept), with
 * the @late and @refund_due flags (only ever set, never cleared). */
gboolean             ef_store_set_payment_operation_result (EfStore     *self,
                                                            gint64       payment_id,
                                                            const char  *resultrans,
                                                            gboolean     late,
                                                            gboolean     refund_due,
                                                            gint64       now,
                                                            GError     **error);
/* Ids of the tenant's pending online payments whose time is over at
 * @now (of gint64). */
GArray              *ef_store_list_stale_online_payments (EfStore     *self,
                                                          const char  *tenant_id,
                                                          gint64       now,
                                                          GError     **error);

/* The simulator. */
gboolean             ef_store_payfip_sim_add        (EfStore              *self,
                                                     const char           *idop,
                                                     const EfPayfipParams *params,
                                                     gint64                now,
                                                     gint64                expires_at,
                                                     GError              **error);
/* NULL without error when there is no such idop. */
EfPayfipSimOperation *ef_store_payfip_sim_get       (EfStore          *self,
                                                     const char       *idop,
                                                     GError          **error);
/* Sets the result of an unfinished operation; FALSE without error when it
 * was already finished (the first result stays). */
gboolean             ef_store_payfip_sim_finish     (EfStore          *self,
                                                     const char       *idop,
                                                     const char       *resultrans,
                                                     const char       *numauto,
                                                     gint64            now,
                                                     GError          **error);

/* An online payment the provider took but that settled nothing (its
 * invoices were paid another way meanwhile): the town owes a refund. */
typedef struct
{
  gint64  payment_id;
  gint64  family_id;
  gint64  amount;
  gint64  result_at;   /* when the provider's "paid" came */
  char   *refdet;
} EfPaymentToReconcile;

void                 ef_payment_to_reconcile_free   (EfPaymentToReconcile *item);

/* The tenant's payments with refund_due that no one has marked
 * reconciled yet, oldest first: a GPtrArray of EfPaymentToReconcile. */
GPtrArray           *ef_store_list_payments_to_reconcile (EfStore     *self,
                                                          const char  *tenant_id,
                                                          GError     **error);
/* Marks a refund_due payment reconciled (refunded or credited), with
 * @note, in the staff audit (action "payment_reconciled"). It leaves the
 * list; its refund_due stays true. EF_API_ERROR_NOT_FOUND when the tenant
 * has no such payment with refund_due, EF_API_ERROR_VALIDATION when it is
 * already reconciled. */
gboolean             ef_store_mark_payment_reconciled (EfStore     *self,
                                                       const char  *tenant_id,
                                                       gint64       payment_id,
                                                       const char  *agent_name,
                                                       const char  *note,
                                                       gint64       now,
                                                       GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfPayfipSettings, ef_payfip_settings_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfPaymentOperation, ef_payment_operation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfPayfipSimOperation, ef_payfip_sim_operation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfPaymentToReconcile, ef_payment_to_reconcile_free)

G_END_DECLS
