/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoice-payment.c: a paid payment that settled (part of) an invoice */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-invoice-payment.h"

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

static void
ef_invoice_payment_finalize (GObject *object)
{
  EfInvoicePayment *self = EF_INVOICE_PAYMENT (object);

  g_clear_pointer (&self->paid_at, g_date_time_unref);

  G_OBJECT_CLASS (ef_invoice_payment_parent_class)->finalize (object);
}

static void
ef_invoice_payment_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  EfInvoicePayment *self = EF_INVOICE_PAYMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_CHANNEL:
      g_value_set_enum (value, self->channel);
      break;

    case PROP_AMOUNT:
      g_value_set_int64 (value, self->amount);
      break;

    case PROP_PAID_AT:
      g_value_set_boxed (value, self->paid_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_invoice_payment_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  EfInvoicePayment *self = EF_INVOICE_PAYMENT (object);

  /* Construct-only: each field is set once, before anyone sees the object. */
  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_CHANNEL:
      self->channel = g_value_get_enum (value);
      break;

    case PROP_AMOUNT:
      self->amount = g_value_get_int64 (value);
      break;

    case PROP_PAID_AT:
      self->paid_at = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_invoice_payment_class_init (EfInvoicePaymentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_invoice_payment_finalize;
  object_class->get_property = ef_invoice_payment_get_property;
  object_class->set_property = ef_invoice_payment_set_property;

  /**
   * EfInvoicePayment:id:
   *
   * The payment's id on the portal.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoicePayment:channel:
   *
   * How it was paid: online by card, or at the town hall.
   */
  properties[PROP_CHANNEL] =
    g_param_spec_enum ("channel", NULL, NULL,
                       EF_TYPE_PAYMENT_CHANNEL, EF_PAYMENT_CHANNEL_ONLINE_CARD,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoicePayment:amount:
   *
   * The part of the payment that went to this invoice, in cents.
   */
  properties[PROP_AMOUNT] =
    g_param_spec_int64 ("amount", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoicePayment:paid-at:
   *
   * When the payment was paid.
   */
  properties[PROP_PAID_AT] =
    g_param_spec_boxed ("paid-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
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
