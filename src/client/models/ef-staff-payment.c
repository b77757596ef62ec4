/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-payment.c: a payment recorded at the town hall's counter */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-staff-payment.h"

struct _EfStaffPayment
{
  GObject parent_instance;

  gint64 id;
  gint64 family_id;
  char *channel;
  char *status;
  EfCents amount;
  char *receipt_number;
  char *cheque_number;
  char *agent_name;
  gboolean cancelled;
  char *family_name;
  char *time;
  char *invoice_numbers;
  char *cancel_reason;
};

G_DEFINE_FINAL_TYPE (EfStaffPayment, ef_staff_payment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FAMILY_ID,
  PROP_CHANNEL,
  PROP_STATUS,
  PROP_AMOUNT,
  PROP_RECEIPT_NUMBER,
  PROP_CHEQUE_NUMBER,
  PROP_AGENT_NAME,
  PROP_CANCELLED,
  PROP_FAMILY_NAME,
  PROP_TIME,
  PROP_INVOICE_NUMBERS,
  PROP_CANCEL_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ef_staff_payment_finalize (GObject *object)
{
  EfStaffPayment *self = EF_STAFF_PAYMENT (object);

  g_clear_pointer (&self->channel, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->receipt_number, g_free);
  g_clear_pointer (&self->cheque_number, g_free);
  g_clear_pointer (&self->agent_name, g_free);
  g_clear_pointer (&self->family_name, g_free);
  g_clear_pointer (&self->time, g_free);
  g_clear_pointer (&self->invoice_numbers, g_free);
  g_clear_pointer (&self->cancel_reason, g_free);

  G_OBJECT_CLASS (ef_staff_payment_parent_class)->finalize (object);
}

static void
ef_staff_payment_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EfStaffPayment *self = EF_STAFF_PAYMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_FAMILY_ID:
      g_value_set_int64 (value, self->family_id);
      break;

    case PROP_CHANNEL:
      g_value_set_string (value, self->channel);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_AMOUNT:
      g_value_set_int64 (value, self->amount);
      break;

    case PROP_RECEIPT_NUMBER:
      g_value_set_string (value, self->receipt_number);
      break;

    case PROP_CHEQUE_NUMBER:
      g_value_set_string (value, self->cheque_number);
      break;

    case PROP_AGENT_NAME:
      g_value_set_string (value, self->agent_name);
      break;

    case PROP_CANCELLED:
      g_value_set_boolean (value, self->cancelled);
      break;

    case PROP_FAMILY_NAME:
      g_value_set_string (value, self->family_name);
      break;

    case PROP_TIME:
      g_value_set_string (value, self->time);
      break;

    case PROP_INVOICE_NUMBERS:
      g_value_set_string (value, self->invoice_numbers);
      break;

    case PROP_CANCEL_REASON:
      g_value_set_string (value, self->cancel_reason);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_staff_payment_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EfStaffPayment *self = EF_STAFF_PAYMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_FAMILY_ID:
      self->family_id = g_value_get_int64 (value);
      break;

    case PROP_CHANNEL:
      self->channel = g_value_dup_string (value);
      break;

    case PROP_STATUS:
      self->status = g_value_dup_string (value);
      break;

    case PROP_AMOUNT:
      self->amount = g_value_get_int64 (value);
      break;

    case PROP_RECEIPT_NUMBER:
      self->receipt_number = g_value_dup_string (value);
      break;

    case PROP_CHEQUE_NUMBER:
      self->cheque_number = g_value_dup_string (value);
      break;

    case PROP_AGENT_NAME:
      self->agent_name = g_value_dup_string (value);
      break;

    case PROP_CANCELLED:
      self->cancelled = g_value_get_boolean (value);
      break;

    case PROP_FAMILY_NAME:
      self->family_name = g_value_dup_string (value);
      break;

    case PROP_TIME:
      self->time = g_value_dup_string (value);
      break;

    case PROP_INVOICE_NUMBERS:
      self->invoice_numbers = g_value_dup_string (value);
      break;

    case PROP_CANCEL_REASON:
      self->cancel_reason = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_staff_payment_class_init (EfStaffPaymentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_staff_payment_finalize;
  object_class->get_property = ef_staff_payment_get_property;
  object_class->set_property = ef_staff_payment_set_property;

  /* the payment's id */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* its family's id */
  properties[PROP_FAMILY_ID] =
    g_param_spec_int64 ("family-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* how it was paid: cash, cheque, transfer, direct_debit, online_card */
  properties[PROP_CHANNEL] =
    g_param_spec_string ("channel", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* its status, e.g. paid or cancelled */
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* its amount, in cents */
  properties[PROP_AMOUNT] =
    g_param_spec_int64 ("amount", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* its receipt's number */
  properties[PROP_RECEIPT_NUMBER] =
    g_param_spec_string ("receipt-number", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* the cheque's number */
  properties[PROP_CHEQUE_NUMBER] =
    g_param_spec_string ("cheque-number", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* the agent who recorded it */
  properties[PROP_AGENT_NAME] =
    g_param_spec_string ("agent-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* whether it was cancelled */
  properties[PROP_CANCELLED] =
    g_param_spec_boolean ("cancelled", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* its family's name (in the day's takings) */
  properties[PROP_FAMILY_NAME] =
    g_param_spec_string ("family-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* when it was recorded, local time as "10:00" */
  properties[PROP_TIME] =
    g_param_spec_string ("time", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* the numbers of the invoices it pays, ", " between them */
  properties[PROP_INVOICE_NUMBERS] =
    g_param_spec_string ("invoice-numbers", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* why it was cancelled */
  properties[PROP_CANCEL_REASON] =
    g_param_spec_string ("cancel-reason", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ef_staff_payment_init (EfStaffPayment *self)
{
}

/**
 * ef_staff_payment_get_id:
 * @self: an #EfStaffPayment
 *
 * Returns: the payment's id
 */
gint64
ef_staff_payment_get_id (EfStaffPayment *self)
{
  g_return_val_if_fail (EF_IS_STAFF_PAYMENT (self), 0);

  return self->id;
}

/**
 * ef_staff_payment_get_family_id:
 * @self: an #EfStaffPayment
 *
 * Returns: its family's id
 */
gint64
ef_staff_payment_get_family_id (EfStaffPayment *self)
{
  g_return_val_if_fail (EF_IS_STAFF_PAYMENT (self), 0);

  return self->family_id;
}

/**
 * ef_staff_payment_get_channel:
 * @self: an #EfStaffPayment
 *
 * Returns: (nullable): how it was paid: cash, cheque, transfer, direct_debit, online_card
 */
const char *
ef_staff_payment_get_channel (EfStaffPayment *self)
{
  g_return_val_if_fail (EF_IS_STAFF_PAYMENT (self), NULL);

  return self->channel;
}

/**
 * ef_staff_payment_get_status:
 * @self: an #EfStaffPayment
 *
 * Returns: (nullable): its status, e.g. paid or cancelled
 */
const char *
ef_staff_payment_get_status (EfStaffPayment *self)
{
  g_return_val_if_fail (EF_IS_STAFF_PAYMENT (self), NULL);

  return self->status;
}

/**
 * ef_staff_payment_get_amount:
 * @self: an #EfStaffPayment
 *
 * Returns: its amount, in cents
 */
EfCents
ef_staff_payment_get_amount (EfStaffPayment *self)
{
  g_return_val_if_fail (EF_IS_STAFF_PAYMENT (self), 0);

  return self->amount;
}

/**
 * ef_staff_payment_get_receipt_number:
 * @self: an #EfStaffPayment
 *
 * Returns: (nullable): its receipt's number
 */
const char *
ef_staff_payment_get_receipt_number (EfStaffPayment *self)
{
  g_return_val_if_fail (EF_IS_STAFF_PAYMENT (self), NULL);

  return self->receipt_number;
}

/**
 * ef_staff_payment_get_cheque_number:
 * @self: an #EfStaffPayment
 *
 * Returns: (nullable): the cheque's number
 */
const char *
ef_staff_payment_get_cheque_number (EfStaffPayment *self)
{
  g_return_val_if_fail (EF_IS_STAFF_PAYMENT (self), NULL);

  return self->cheque_number;
}

/**
 * ef_staff_payment_get_agent_name:
 * @self: an #EfStaffPayment
 *
 * Returns: (nullable): the agent who recorded it
 */
const char *
ef_staff_payment_get_agent_name (EfStaffPayment *self)
{
  g_return_val_if_fail (EF_IS_STAFF_PAYMENT (self), NULL);

  return self->agent_name;
}

/**
 * ef_staff_payment_get_cancelled:
 * @self: an #EfStaffPayment
 *
 * Returns: whether it was cancelled
 */
gboolean
ef_staff_payment_get_cancelled (EfStaffPayment *self)
{
  g_return_val_if_fail (EF_IS_STAFF_PAYMENT (self), FALSE);

  return self->cancelled;
}

/**
 * ef_staff_payment_get_family_name:
 * @self: an #EfStaffPayment
 *
 * Returns: (nullable): its family's name (in the day's takings)
 */
const char *
ef_staff_payment_get_family_name (EfStaffPayment *self)
{
  g_return_val_if_fail (EF_IS_STAFF_PAYMENT (self), NULL);

  return self->family_name;
}

/**
 * ef_staff_payment_get_time:
 * @self: an #EfStaffPayment
 *
 * Returns: (nullable): when it was recorded, local time as "10:00"
 */
const char *
ef_staff_payment_get_time (EfStaffPayment *self)
{
  g_return_val_if_fail (EF_IS_STAFF_PAYMENT (self), NULL);

  return self->time;
}

/**
 * ef_staff_payment_get_invoice_numbers:
 * @self: an #EfStaffPayment
 *
 * Returns: (nullable): the numbers of the invoices it pays, ", " between them
 */
const char *
ef_staff_payment_get_invoice_numbers (EfStaffPayment *self)
{
  g_return_val_if_fail (EF_IS_STAFF_PAYMENT (self), NULL);

  return self->invoice_numbers;
}

/**
 * ef_staff_payment_get_cancel_reason:
 * @self: an #EfStaffPayment
 *
 * Returns: (nullable): why it was cancelled
 */
const char *
ef_staff_payment_get_cancel_reason (EfStaffPayment *self)
{
  g_return_val_if_fail (EF_IS_STAFF_PAYMENT (self), NULL);

  return self->cancel_reason;
}
