/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-payment-provider.h: the online card payment provider (PayFiP)
 *
 * The server talks to its provider through this interface only, so that
 * the simulator (ef-payfip-simulator.c) and a real PayFiP web-service
 * client are interchangeable. The vocabulary is PayFiP's: numcli, exer,
 * refdet, objet, montant, mel, urlnotif, urlredirect, saisie; idop for an
 * operation; resultrans for its result.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * EfPayfipParams:
 * @numcli: the municipality's PayFiP client number (6 digits)
 * @exer: the year of the debt ("2026")
 * @refdet: the payment's reference, `[A-Za-z0-9]{1,30}`, unique
 * @objet: what is paid, at most 100 characters PayFiP accepts
 * @montant: the amount in cents
 * @mel: the payer's e-mail
 * @urlnotif: where the provider POSTs the notification (idop only)
 * @urlredirect: where the provider sends the payer's browser afterwards
 * @saisie: "T" test, "X" production, "W" activation
 *
 * What the server asks the provider to collect.
 */
typedef struct
{
  char   *numcli;
  char   *exer;
  char   *refdet;
  char   *objet;
  gint64  montant;
  char   *mel;
  char   *urlnotif;
  char   *urlredirect;
  char   *saisie;
} EfPayfipParams;

/**
 * EfPayfipOperation:
 * @idop: the provider's operation id
 * @url: the page the payer's browser must open
 */
typedef struct
{
  char *idop;
  char *url;
} EfPayfipOperation;

/**
 * EfPayfipResult:
 * @idop: the operation
 * @resultrans: "P" or "V" paid, "R" or "Z" refused, "A" cancelled; NULL
 *   while the payer has not finished
 * @montant: the amount the provider collected or tried to, in cents
 * @refdet: the reference the operation was created with
 * @numcli: the client number it was created with
 *
 * What the provider says about an operation.
 */
typedef struct
{
  char   *idop;
  char   *resultrans;
  gint64  montant;
  char   *refdet;
  char   *numcli;
} EfPayfipResult;

typedef enum {
  EF_PAYFIP_OUTCOME_NONE,       /* no result yet */
  EF_PAYFIP_OUTCOME_PAID,       /* P, V */
  EF_PAYFIP_OUTCOME_REFUSED,    /* R, Z */
  EF_PAYFIP_OUTCOME_CANCELLED,  /* A */
} EfPayfipOutcome;

#define EF_TYPE_PAYMENT_PROVIDER (ef_payment_provider_get_type ())
G_DECLARE_INTERFACE (EfPaymentProvider, ef_payment_provider, EF, PAYMENT_PROVIDER, GObject)

struct _EfPaymentProviderInterface
{
  GTypeInterface parent_iface;

  void               (*create_operation_async)  (EfPaymentProvider     *self,
                                                 const EfPayfipParams  *params,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
  EfPayfipOperation *(*create_operation_finish) (EfPaymentProvider     *self,
                                                 GAsyncResult          *result,
                                                 GError               **error);
  void               (*get_result_async)        (EfPaymentProvider     *self,
                                                 const char            *idop,
                                                 GCancellable          *cancellable,
                                                 GAsyncReadyCallback    callback,
                                                 gpointer               user_data);
  EfPayfipResult    *(*get_result_finish)       (EfPaymentProvider     *self,
                                                 GAsyncResult          *result,
                                                 GError               **error);
};

void               ef_payfip_params_free        (EfPayfipParams     *params);
void               ef_payfip_operation_free     (EfPayfipOperation  *operation);
void               ef_payfip_result_free        (EfPayfipResult     *result);
EfPayfipOutcome    ef_payfip_outcome_from_resultrans (const char    *resultrans);

/* Whether @refdet is 1 to 30 ASCII letters and digits. */
gboolean           ef_payfip_refdet_is_valid    (const char         *refdet);
/* Whether @numcli is 6 digits. */
gboolean           ef_payfip_numcli_is_valid    (const char         *numcli);
/* @text as PayFiP accepts an objet: accents folded to ASCII, only letters,
 * digits, spaces and - ' . , / ( ) kept, spaces collapsed, at most 100
 * characters. */
char              *ef_payfip_sanitize_objet     (const char         *text);

/* Registers an operation for @params with the provider: an idop and the
 * address of its payment page. */
void               ef_payment_provider_create_operation_async  (EfPaymentProvider     *self,
                                                                const EfPayfipParams  *params,
                                                                GCancellable          *cancellable,
                                                                GAsyncReadyCallback    callback,
                                                                gpointer               user_data);
EfPayfipOperation *ef_payment_provider_create_operation_finish (EfPaymentProvider     *self,
                                                                GAsyncResult          *result,
                                                                GError               **error);
/* Asks the provider what became of @idop. An idop it does not know is
 * G_IO_ERROR_NOT_FOUND. */
void               ef_payment_provider_get_result_async        (EfPaymentProvider     *self,
                                                                const char            *idop,
                                                                GCancellable          *cancellable,
                                                                GAsyncReadyCallback    callback,
                                                                gpointer               user_data);
EfPayfipResult    *ef_payment_provider_get_result_finish       (EfPaymentProvider     *self,
                                                                GAsyncResult          *result,
                                                                GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfPayfipParams, ef_payfip_params_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfPayfipOperation, ef_payfip_operation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfPayfipResult, ef_payfip_result_free)

G_END_DECLS
