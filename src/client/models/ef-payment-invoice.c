/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-payment-invoice.c: the part of a payment that goes to one invoice */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-payment-invoice.h"
#include "ef-model-util.h"

struct _EfPaymentInvoice
{
  GObject  parent_instance;

  gint64   invoice_id;
  char    *number;
  EfCents  amount;
};

G_DEFINE_FINAL_TYPE (EfPaymentInvoice, ef_payment_invoice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INVOICE_ID,
  PROP_NUMBER,
  PROP_AMOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_INVOICE_ID] = G_STRUCT_OFFSET (EfPaymentInvoice, invoice_id),
  [PROP_NUMBER] = G_STRUCT_OFFSET (EfPaymentInvoice, number),
  [PROP_AMOUNT] = G_STRUCT_OFFSET (EfPaymentInvoice, amount),
};

static void
ef_payment_invoice_class_init (EfPaymentInvoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /**
   * EfPaymentInvoice:invoice-id:
   *
   * The invoice.
   */
  properties[PROP_INVOICE_ID] = _ef_model_param_natural ("invoice-id");

  /**
   * EfPaymentInvoice:number:
   *
   * The invoice number.
   */
  properties[PROP_NUMBER] = _ef_model_param_string ("number");

  /**
   * EfPaymentInvoice:amount:
   *
   * The part of the payment for this invoice, in cents.
   */
  properties[PROP_AMOUNT] = _ef_model_param_cents ("amount");

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
}

static void
ef_payment_invoice_init (EfPaymentInvoice *self)
{
}

gint64
ef_payment_invoice_get_invoice_id (EfPaymentInvoice *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT_INVOICE (self), 0);

  return self->invoice_id;
}

const char *
ef_payment_invoice_get_number (EfPaymentInvoice *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT_INVOICE (self), NULL);

  return self->number;
}

EfCents
ef_payment_invoice_get_amount (EfPaymentInvoice *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT_INVOICE (self), 0);

  return self->amount;
}
