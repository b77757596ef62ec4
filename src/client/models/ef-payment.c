/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-payment.c: a payment of whole invoices */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-payment.h"

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

static void
ef_payment_dispose (GObject *object)
{
  EfPayment *self = EF_PAYMENT (object);

  g_clear_object (&self->invoices);

  G_OBJECT_CLASS (ef_payment_parent_class)->dispose (object);
}

static void
ef_payment_finalize (GObject *object)
{
  EfPayment *self = EF_PAYMENT (object);

  g_clear_pointer (&self->reference, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);
  g_clear_pointer (&self->paid_at, g_date_time_unref);
  g_clear_pointer (&self->expires_at, g_date_time_unref);
  g_clear_pointer (&self->provider_url, g_free);

  G_OBJECT_CLASS (ef_payment_parent_class)->finalize (object);
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
ef_payment_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EfPayment *self = EF_PAYMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_CHANNEL:
      g_value_set_enum (value, self->channel);
      break;

    case PROP_AMOUNT:
      g_value_set_int64 (value, self->amount);
      break;

    case PROP_REFERENCE:
      g_value_set_string (value, self->reference);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_INVOICES:
      g_value_set_object (value, self->invoices);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;

    case PROP_PAID_AT:
      g_value_set_boxed (value, self->paid_at);
      break;

    case PROP_EXPIRES_AT:
      g_value_set_boxed (value, self->expires_at);
      break;

    case PROP_PROVIDER_URL:
      g_value_set_string (value, self->provider_url);
      break;

    case PROP_REFUND_DUE:
      g_value_set_boolean (value, self->refund_due);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_payment_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  EfPayment *self = EF_PAYMENT (object);

  /* Construct-only: each field is set once, before anyone sees the object. */
  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_STATUS:
      self->status = g_value_get_enum (value);
      break;

    case PROP_CHANNEL:
      self->channel = g_value_get_enum (value);
      break;

    case PROP_AMOUNT:
      self->amount = g_value_get_int64 (value);
      break;

    case PROP_REFERENCE:
      self->reference = g_value_dup_string (value);
      break;

    case PROP_LABEL:
      self->label = g_value_dup_string (value);
      break;

    case PROP_INVOICES:
      self->invoices = g_value_dup_object (value);
      break;

    case PROP_CREATED_AT:
      self->created_at = g_value_dup_boxed (value);
      break;

    case PROP_UPDATED_AT:
      self->updated_at = g_value_dup_boxed (value);
      break;

    case PROP_PAID_AT:
      self->paid_at = g_value_dup_boxed (value);
      break;

    case PROP_EXPIRES_AT:
      self->expires_at = g_value_dup_boxed (value);
      break;

    case PROP_PROVIDER_URL:
      self->provider_url = g_value_dup_string (value);
      break;

    case PROP_REFUND_DUE:
      self->refund_due = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_payment_class_init (EfPaymentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ef_payment_constructed;
  object_class->dispose = ef_payment_dispose;
  object_class->finalize = ef_payment_finalize;
  object_class->get_property = ef_payment_get_property;
  object_class->set_property = ef_payment_set_property;

  /**
   * EfPayment:id:
   *
   * The payment's id on the portal.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPayment:status:
   *
   * Pending, paid, refused, cancelled or expired.
   */
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       EF_TYPE_PAYMENT_STATUS, EF_PAYMENT_STATUS_PENDING,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPayment:channel:
   *
   * How it is paid.
   */
  properties[PROP_CHANNEL] =
    g_param_spec_enum ("channel", NULL, NULL,
                       EF_TYPE_PAYMENT_CHANNEL, EF_PAYMENT_CHANNEL_ONLINE_CARD,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPayment:amount:
   *
   * The amount, in cents: the full balances of its invoices.
   */
  properties[PROP_AMOUNT] =
    g_param_spec_int64 ("amount", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPayment:reference:
   *
   * The provider's reference, or %NULL.
   */
  properties[PROP_REFERENCE] =
    g_param_spec_string ("reference", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPayment:label:
   *
   * What the provider shows.
   */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPayment:invoices:
   *
   * The invoices it pays, a #GListModel of #EfPaymentInvoice.
   */
  properties[PROP_INVOICES] =
    g_param_spec_object ("invoices", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPayment:created-at:
   *
   * When it was created.
   */
  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPayment:updated-at:
   *
   * When its status last changed.
   */
  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPayment:paid-at:
   *
   * When it was paid, or %NULL.
   */
  properties[PROP_PAID_AT] =
    g_param_spec_boxed ("paid-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPayment:expires-at:
   *
   * When a pending online payment expires, or %NULL.
   */
  properties[PROP_EXPIRES_AT] =
    g_param_spec_boxed ("expires-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPayment:provider-url:
   *
   * The provider's page to open in the browser while an online payment is
   * pending, or %NULL.
   */
  properties[PROP_PROVIDER_URL] =
    g_param_spec_string ("provider-url", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPayment:refund-due:
   *
   * The provider took the money after the invoices had been paid another way:
   * the town hall owes a refund.
   */
  properties[PROP_REFUND_DUE] =
    g_param_spec_boolean ("refund-due", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
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
