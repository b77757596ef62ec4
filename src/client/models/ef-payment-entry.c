/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-payment-entry.c: one payment in the family's history */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-payment-entry.h"

struct _EfPaymentEntry
{
  GObject           parent_instance;

  gint64            id;
  GDateTime        *at;
  EfDay             day;
  char             *time;
  EfPaymentChannel  channel;
  EfPaymentStatus   status;
  EfCents           amount;
  GDateTime        *paid_at;
  GListModel       *allocations;
};

G_DEFINE_FINAL_TYPE (EfPaymentEntry, ef_payment_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_AT,
  PROP_DAY,
  PROP_TIME,
  PROP_CHANNEL,
  PROP_STATUS,
  PROP_AMOUNT,
  PROP_PAID_AT,
  PROP_ALLOCATIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ef_payment_entry_dispose (GObject *object)
{
  EfPaymentEntry *self = EF_PAYMENT_ENTRY (object);

  g_clear_object (&self->allocations);

  G_OBJECT_CLASS (ef_payment_entry_parent_class)->dispose (object);
}

static void
ef_payment_entry_finalize (GObject *object)
{
  EfPaymentEntry *self = EF_PAYMENT_ENTRY (object);

  g_clear_pointer (&self->at, g_date_time_unref);
  g_clear_pointer (&self->time, g_free);
  g_clear_pointer (&self->paid_at, g_date_time_unref);

  G_OBJECT_CLASS (ef_payment_entry_parent_class)->finalize (object);
}

static void
ef_payment_entry_constructed (GObject *object)
{
  EfPaymentEntry *self = EF_PAYMENT_ENTRY (object);

  G_OBJECT_CLASS (ef_payment_entry_parent_class)->constructed (object);

  /* Never NULL, so that views can always bind to it. */
  if (self->allocations == NULL)
    self->allocations = G_LIST_MODEL (g_list_store_new (EF_TYPE_PAYMENT_INVOICE));
}

static void
ef_payment_entry_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EfPaymentEntry *self = EF_PAYMENT_ENTRY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_AT:
      g_value_set_boxed (value, self->at);
      break;

    case PROP_DAY:
      g_value_set_uint (value, self->day);
      break;

    case PROP_TIME:
      g_value_set_string (value, self->time);
      break;

    case PROP_CHANNEL:
      g_value_set_enum (value, self->channel);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_AMOUNT:
      g_value_set_int64 (value, self->amount);
      break;

    case PROP_PAID_AT:
      g_value_set_boxed (value, self->paid_at);
      break;

    case PROP_ALLOCATIONS:
      g_value_set_object (value, self->allocations);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_payment_entry_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EfPaymentEntry *self = EF_PAYMENT_ENTRY (object);

  /* Construct-only: each field is set once, before anyone sees the object. */
  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_AT:
      self->at = g_value_dup_boxed (value);
      break;

    case PROP_DAY:
      self->day = g_value_get_uint (value);
      break;

    case PROP_TIME:
      self->time = g_value_dup_string (value);
      break;

    case PROP_CHANNEL:
      self->channel = g_value_get_enum (value);
      break;

    case PROP_STATUS:
      self->status = g_value_get_enum (value);
      break;

    case PROP_AMOUNT:
      self->amount = g_value_get_int64 (value);
      break;

    case PROP_PAID_AT:
      self->paid_at = g_value_dup_boxed (value);
      break;

    case PROP_ALLOCATIONS:
      self->allocations = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_payment_entry_class_init (EfPaymentEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ef_payment_entry_constructed;
  object_class->dispose = ef_payment_entry_dispose;
  object_class->finalize = ef_payment_entry_finalize;
  object_class->get_property = ef_payment_entry_get_property;
  object_class->set_property = ef_payment_entry_set_property;

  /**
   * EfPaymentEntry:id:
   *
   * The payment's id.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPaymentEntry:at:
   *
   * When it was created.
   */
  properties[PROP_AT] =
    g_param_spec_boxed ("at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPaymentEntry:day:
   *
   * The day, in the tenant's time zone.
   */
  properties[PROP_DAY] =
    g_param_spec_uint ("day", NULL, NULL,
                       0, G_MAXUINT32, EF_DAY_INVALID,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPaymentEntry:time:
   *
   * The time, "HH:MM" in the tenant's time zone.
   */
  properties[PROP_TIME] =
    g_param_spec_string ("time", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPaymentEntry:channel:
   *
   * How it was paid.
   */
  properties[PROP_CHANNEL] =
    g_param_spec_enum ("channel", NULL, NULL,
                       EF_TYPE_PAYMENT_CHANNEL, EF_PAYMENT_CHANNEL_ONLINE_CARD,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPaymentEntry:status:
   *
   * Pending, paid, refused, cancelled or expired.
   */
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       EF_TYPE_PAYMENT_STATUS, EF_PAYMENT_STATUS_PENDING,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPaymentEntry:amount:
   *
   * The amount, in cents.
   */
  properties[PROP_AMOUNT] =
    g_param_spec_int64 ("amount", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPaymentEntry:paid-at:
   *
   * When it was paid, or %NULL.
   */
  properties[PROP_PAID_AT] =
    g_param_spec_boxed ("paid-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPaymentEntry:allocations:
   *
   * The invoices it pays, a #GListModel of #EfPaymentInvoice.
   */
  properties[PROP_ALLOCATIONS] =
    g_param_spec_object ("allocations", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ef_payment_entry_init (EfPaymentEntry *self)
{
}

gint64
ef_payment_entry_get_id (EfPaymentEntry *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT_ENTRY (self), 0);

  return self->id;
}

GDateTime *
ef_payment_entry_get_at (EfPaymentEntry *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT_ENTRY (self), NULL);

  return self->at;
}

EfDay
ef_payment_entry_get_day (EfPaymentEntry *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT_ENTRY (self), EF_DAY_INVALID);

  return self->day;
}

const char *
ef_payment_entry_get_time (EfPaymentEntry *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT_ENTRY (self), NULL);

  return self->time;
}

EfPaymentChannel
ef_payment_entry_get_channel (EfPaymentEntry *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT_ENTRY (self), EF_PAYMENT_CHANNEL_ONLINE_CARD);

  return self->channel;
}

EfPaymentStatus
ef_payment_entry_get_status (EfPaymentEntry *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT_ENTRY (self), EF_PAYMENT_STATUS_PENDING);

  return self->status;
}

EfCents
ef_payment_entry_get_amount (EfPaymentEntry *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT_ENTRY (self), 0);

  return self->amount;
}

GDateTime *
ef_payment_entry_get_paid_at (EfPaymentEntry *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT_ENTRY (self), NULL);

  return self->paid_at;
}

/**
 * ef_payment_entry_get_allocations:
 * @self: a #EfPaymentEntry
 *
 * Returns: (transfer none): a #GListModel of #EfPaymentInvoice
 */
GListModel *
ef_payment_entry_get_allocations (EfPaymentEntry *self)
{
  g_return_val_if_fail (EF_IS_PAYMENT_ENTRY (self), NULL);

  return self->allocations;
}
