/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-payment-invoice.c: the part of a payment that goes to one invoice */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-payment-invoice.h"

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

static void
ef_payment_invoice_finalize (GObject *object)
{
  EfPaymentInvoice *self = EF_PAYMENT_INVOICE (object);

  g_clear_pointer (&self->number, g_free);

  G_OBJECT_CLASS (ef_payment_invoice_parent_class)->finalize (object);
}

static void
ef_payment_invoice_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EfPaymentInvoice *self = EF_PAYMENT_INVOICE (object);

  switch (prop_id)
    {
    case PROP_INVOICE_ID:
      g_value_set_int64 (value, self->invoice_id);
      break;

    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;

    case PROP_AMOUNT:
      g_value_set_int64 (value, self->amount);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_payment_invoice_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EfPaymentInvoice *self = EF_PAYMENT_INVOICE (object);

  /* Construct-only: each field is set once, before anyone sees the object. */
  switch (prop_id)
    {
    case PROP_INVOICE_ID:
      self->invoice_id = g_value_get_int64 (value);
      break;

    case PROP_NUMBER:
      self->number = g_value_dup_string (value);
      break;

    case PROP_AMOUNT:
      self->amount = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_payment_invoice_class_init (EfPaymentInvoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_payment_invoice_finalize;
  object_class->get_property = ef_payment_invoice_get_property;
  object_class->set_property = ef_payment_invoice_set_property;

  /**
   * EfPaymentInvoice:invoice-id:
   *
   * The invoice.
   */
  properties[PROP_INVOICE_ID] =
    g_param_spec_int64 ("invoice-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPaymentInvoice:number:
   *
   * The invoice number.
   */
  properties[PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPaymentInvoice:amount:
   *
   * The part of the payment for this invoice, in cents.
   */
  properties[PROP_AMOUNT] =
    g_param_spec_int64 ("amount", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
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
