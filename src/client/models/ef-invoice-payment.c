/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoice-payment.c: a paid payment that settled (part of) an invoice */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-invoice-payment.h"
#include "ef-model-util.h"

struct _EfInvoicePayment
{
  GObject           parent_instance;

  gint64            id;
  EfPaymentChannel  channel;
  EfCents           amount;
  GDateTime        *paid_at;
};

G_DEFINE_FINAL_TYPE (EfInvoicePayment, ef_invoice_payment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CHANNEL,
  PROP_AMOUNT,
  PROP_PAID_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_ID] = G_STRUCT_OFFSET (EfInvoicePayment, id),
  [PROP_CHANNEL] = G_STRUCT_OFFSET (EfInvoicePayment, channel),
  [PROP_AMOUNT] = G_STRUCT_OFFSET (EfInvoicePayment, amount),
  [PROP_PAID_AT] = G_STRUCT_OFFSET (EfInvoicePayment, paid_at),
};

static void
ef_invoice_payment_class_init (EfInvoicePaymentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /**
   * EfInvoicePayment:id:
   *
   * The payment's id on the portal.
   */
  properties[PROP_ID] = _ef_model_param_natural ("id");

  /**
   * EfInvoicePayment:channel:
   *
   * How it was paid: online by card, or at the town hall.
   */
  properties[PROP_CHANNEL] =
    _ef_model_param_enum ("channel", EF_TYPE_PAYMENT_CHANNEL, EF_PAYMENT_CHANNEL_ONLINE_CARD);

  /**
   * EfInvoicePayment:amount:
   *
   * The part of the payment that went to this invoice, in cents.
   */
  properties[PROP_AMOUNT] = _ef_model_param_cents ("amount");

  /**
   * EfInvoicePayment:paid-at:
   *
   * When the payment was paid.
   */
  properties[PROP_PAID_AT] = _ef_model_param_instant ("paid-at");

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
}

static void
ef_invoice_payment_init (EfInvoicePayment *self)
{
}

gint64
ef_invoice_payment_get_id (EfInvoicePayment *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_PAYMENT (self), 0);

  return self->id;
}

EfPaymentChannel
ef_invoice_payment_get_channel (EfInvoicePayment *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_PAYMENT (self), EF_PAYMENT_CHANNEL_ONLINE_CARD);

  return self->channel;
}

EfCents
ef_invoice_payment_get_amount (EfInvoicePayment *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_PAYMENT (self), 0);

  return self->amount;
}

/**
 * ef_invoice_payment_get_paid_at:
 * @self: a #EfInvoicePayment
 *
 * Returns: (transfer none): when the payment was paid
 */
GDateTime *
ef_invoice_payment_get_paid_at (EfInvoicePayment *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_PAYMENT (self), NULL);

  return self->paid_at;
}
