/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-payment.c: a payment of whole invoices */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-payment.h"
#include "ef-model-util.h"

struct _EfPayment
{
  GObject           parent_instance;

  gint64            id;
  EfPaymentStatus   status;
  EfPaymentChannel  channel;
  EfCents           amount;
  char             *reference;
  char             *label;
  GListModel       *invoices;
  GDateTime        *created_at;
  GDateTime        *updated_at;
  GDateTime        *paid_at;
  GDateTime        *expires_at;
  char             *provider_url;
  gboolean          refund_due;
};

G_DEFINE_FINAL_TYPE (EfPayment, ef_payment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_STATUS,
  PROP_CHANNEL,
  PROP_AMOUNT,
  PROP_REFERENCE,
  PROP_LABEL,
  PROP_INVOICES,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_PAID_AT,
  PROP_EXPIRES_AT,
  PROP_PROVIDER_URL,
  PROP_REFUND_DUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_ID] = G_STRUCT_OFFSET (EfPayment, id),
  [PROP_STATUS] = G_STRUCT_OFFSET (EfPayment, status),
  [PROP_CHANNEL] = G_STRUCT_OFFSET (EfPayment, channel),
  [PROP_AMOUNT] = G_STRUCT_OFFSET (EfPayment, amount),
  [PROP_REFERENCE] = G_STRUCT_OFFSET (EfPayment, reference),
  [PROP_LABEL] = G_STRUCT_OFFSET (EfPayment, label),
  [PROP_INVOICES] = G_STRUCT_OFFSET (EfPayment, invoices),
  [PROP_CREATED_AT] = G_STRUCT_OFFSET (EfPayment, created_at),
  [PROP_UPDATED_AT] = G_STRUCT_OFFSET (EfPayment, updated_at),
  [PROP_PAID_AT] = G_STRUCT_OFFSET (EfPayment, paid_at),
  [PROP_EXPIRES_AT] = G_STRUCT_OFFSET (EfPayment, expires_at),
  [PROP_PROVIDER_URL] = G_STRUCT_OFFSET (EfPayment, provider_url),
  [PROP_REFUND_DUE] = G_STRUCT_OFFSET (EfPayment, refund_due),
};

static void
ef_payment_dispose (GObject *object)
{
  EfPayment *self = EF_PAYMENT (object);

  g_clear_object (&self->invoices);

  G_OBJECT_CLASS (ef_payment_parent_class)->dispose (object);
}

static void
ef_payment_constructed (GObject *object)
{
  EfPayment *self = EF_PAYMENT (object);

  G_OBJECT_CLASS (ef_payment_parent_class)->constructed (object);

  /* Never NULL, so that views can always bind to it. */
  if (self->invoices == NULL)
    self->invoices = G_LIST_MODEL (g_list_store_new (EF_TYPE_PAYMENT_INVOICE));
}

static void
ef_payment_class_init (EfPaymentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ef_payment_constructed;
  object_class->dispose = ef_payment_dispose;

  /**
   * EfPayment:id:
   *
   * The payment's id on the portal.
   */
  properties[PROP_ID] = _ef_model_param_natural ("id");

  /**
   * EfPayment:status:
   *
   * Pending, paid, refused, cancelled or expired.
   */
  properties[PROP_STATUS] =
    _ef_model_param_enum ("status", EF_TYPE_PAYMENT_STATUS, EF_PAYMENT_STATUS_PENDING);

  /**
   * EfPayment:channel:
   *
   * How it is paid.
   */
  properties[PROP_CHANNEL] =
    _ef_model_param_enum ("channel", EF_TYPE_PAYMENT_CHANNEL, EF_PAYMENT_CHANNEL_ONLINE_CARD);

  /**
   * EfPayment:amount:
   *
   * The amount, in cents: the full balances of its invoices.
   */
  properties[PROP_AMOUNT] = _ef_model_param_cents ("amount");

  /**
   * EfPayment:reference:
   *
   * The provider's reference, or %NULL.
   */
  properties[PROP_REFERENCE] = _ef_model_param_string ("reference");

  /**
   * EfPayment:label:
   *
   * What the provider shows.
   */
  properties[PROP_LABEL] = _ef_model_param_string ("label");

  /**
   * EfPayment:invoices:
   *
   * The invoices it pays, a #GListModel of #EfPaymentInvoice.
   */
  properties[PROP_INVOICES] = _ef_model_param_list ("invoices");

  /**
   * EfPayment:created-at:
   *
   * When it was created.
   */
  properties[PROP_CREATED_AT] = _ef_model_param_instant ("created-at");

  /**
   * EfPayment:updated-at:
   *
   * When its status last changed.
   */
  properties[PROP_UPDATED_AT] = _ef_model_param_instant ("updated-at");

  /**
   * EfPayment:paid-at:
   *
   * When it was paid, or %NULL.
   */
  properties[PROP_PAID_AT] = _ef_model_param_instant ("paid-at");

  /**
   * EfPayment:expires-at:
   *
   * When a pending online payment expires, or %NULL.
   */
  properties[PROP_EXPIRES_AT] = _ef_model_param_instant ("expires-at");

  /**
   * EfPayment:provider-url:
   *
   * The provider's page to open in the browser while an online payment is
   * pending, or %NULL.
   */
  properties[PROP_PROVIDER_URL] = _ef_model_param_string ("provider-url");

  /**
   * EfPayment:refund-due:
   *
   * The provider took the money after the invoices had been paid another way:
   * the town hall owes a refund.
   */
  properties[PROP_REFUND_DUE] = _ef_model_param_boolean ("refund-due");

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
}

static void
ef_payment_init (EfPayment *self)
{
}

gint64
ef_payment_get_id (EfPayment *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT (self), 0);

  return self->id;
}

EfPaymentStatus
ef_payment_get_status (EfPayment *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT (self), EF_PAYMENT_STATUS_PENDING);

  return self->status;
}

EfPaymentChannel
ef_payment_get_channel (EfPayment *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT (self), EF_PAYMENT_CHANNEL_ONLINE_CARD);

  return self->channel;
}

EfCents
ef_payment_get_amount (EfPayment *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT (self), 0);

  return self->amount;
}

const char *
ef_payment_get_reference (EfPayment *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT (self), NULL);

  return self->reference;
}

const char *
ef_payment_get_label (EfPayment *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT (self), NULL);

  return self->label;
}

/**
 * ef_payment_get_invoices:
 * @self: a #EfPayment
 *
 * Returns: (transfer none): a #GListModel of #EfPaymentInvoice
 */
GListModel *
ef_payment_get_invoices (EfPayment *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT (self), NULL);

  return self->invoices;
}

GDateTime *
ef_payment_get_created_at (EfPayment *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT (self), NULL);

  return self->created_at;
}

GDateTime *
ef_payment_get_updated_at (EfPayment *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT (self), NULL);

  return self->updated_at;
}

GDateTime *
ef_payment_get_paid_at (EfPayment *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT (self), NULL);

  return self->paid_at;
}

GDateTime *
ef_payment_get_expires_at (EfPayment *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT (self), NULL);

  return self->expires_at;
}

const char *
ef_payment_get_provider_url (EfPayment *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT (self), NULL);

  return self->provider_url;
}

gboolean
ef_payment_get_refund_due (EfPayment *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT (self), FALSE);

  return self->refund_due;
}
