/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-payment-entry.c: one payment in the family's history */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-payment-entry.h"
#include "ef-model-util.h"

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

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_ID] = G_STRUCT_OFFSET (EfPaymentEntry, id),
  [PROP_AT] = G_STRUCT_OFFSET (EfPaymentEntry, at),
  [PROP_DAY] = G_STRUCT_OFFSET (EfPaymentEntry, day),
  [PROP_TIME] = G_STRUCT_OFFSET (EfPaymentEntry, time),
  [PROP_CHANNEL] = G_STRUCT_OFFSET (EfPaymentEntry, channel),
  [PROP_STATUS] = G_STRUCT_OFFSET (EfPaymentEntry, status),
  [PROP_AMOUNT] = G_STRUCT_OFFSET (EfPaymentEntry, amount),
  [PROP_PAID_AT] = G_STRUCT_OFFSET (EfPaymentEntry, paid_at),
  [PROP_ALLOCATIONS] = G_STRUCT_OFFSET (EfPaymentEntry, allocations),
};

static void
ef_payment_entry_dispose (GObject *object)
{
  EfPaymentEntry *self = EF_PAYMENT_ENTRY (object);

  g_clear_object (&self->allocations);

  G_OBJECT_CLASS (ef_payment_entry_parent_class)->dispose (object);
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
ef_payment_entry_class_init (EfPaymentEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ef_payment_entry_constructed;
  object_class->dispose = ef_payment_entry_dispose;

  /**
   * EfPaymentEntry:id:
   *
   * The payment's id.
   */
  properties[PROP_ID] = _ef_model_param_natural ("id");

  /**
   * EfPaymentEntry:at:
   *
   * When it was created.
   */
  properties[PROP_AT] = _ef_model_param_instant ("at");

  /**
   * EfPaymentEntry:day:
   *
   * The day, in the tenant's time zone.
   */
  properties[PROP_DAY] = _ef_model_param_day ("day");

  /**
   * EfPaymentEntry:time:
   *
   * The time, "HH:MM" in the tenant's time zone.
   */
  properties[PROP_TIME] = _ef_model_param_string ("time");

  /**
   * EfPaymentEntry:channel:
   *
   * How it was paid.
   */
  properties[PROP_CHANNEL] =
    _ef_model_param_enum ("channel", EF_TYPE_PAYMENT_CHANNEL, EF_PAYMENT_CHANNEL_ONLINE_CARD);

  /**
   * EfPaymentEntry:status:
   *
   * Pending, paid, refused, cancelled or expired.
   */
  properties[PROP_STATUS] =
    _ef_model_param_enum ("status", EF_TYPE_PAYMENT_STATUS, EF_PAYMENT_STATUS_PENDING);

  /**
   * EfPaymentEntry:amount:
   *
   * The amount, in cents.
   */
  properties[PROP_AMOUNT] = _ef_model_param_cents ("amount");

  /**
   * EfPaymentEntry:paid-at:
   *
   * When it was paid, or %NULL.
   */
  properties[PROP_PAID_AT] = _ef_model_param_instant ("paid-at");

  /**
   * EfPaymentEntry:allocations:
   *
   * The invoices it pays, a #GListModel of #EfPaymentInvoice.
   */
  properties[PROP_ALLOCATIONS] = _ef_model_param_list ("allocations");

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
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
