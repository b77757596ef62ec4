/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-payment.c: a payment recorded at the town hall's counter */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-staff-payment.h"
#include "ef-model-util.h"

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

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_ID] = G_STRUCT_OFFSET (EfStaffPayment, id),
  [PROP_FAMILY_ID] = G_STRUCT_OFFSET (EfStaffPayment, family_id),
  [PROP_CHANNEL] = G_STRUCT_OFFSET (EfStaffPayment, channel),
  [PROP_STATUS] = G_STRUCT_OFFSET (EfStaffPayment, status),
  [PROP_AMOUNT] = G_STRUCT_OFFSET (EfStaffPayment, amount),
  [PROP_RECEIPT_NUMBER] = G_STRUCT_OFFSET (EfStaffPayment, receipt_number),
  [PROP_CHEQUE_NUMBER] = G_STRUCT_OFFSET (EfStaffPayment, cheque_number),
  [PROP_AGENT_NAME] = G_STRUCT_OFFSET (EfStaffPayment, agent_name),
  [PROP_CANCELLED] = G_STRUCT_OFFSET (EfStaffPayment, cancelled),
  [PROP_FAMILY_NAME] = G_STRUCT_OFFSET (EfStaffPayment, family_name),
  [PROP_TIME] = G_STRUCT_OFFSET (EfStaffPayment, time),
  [PROP_INVOICE_NUMBERS] = G_STRUCT_OFFSET (EfStaffPayment, invoice_numbers),
  [PROP_CANCEL_REASON] = G_STRUCT_OFFSET (EfStaffPayment, cancel_reason),
};

static void
ef_staff_payment_class_init (EfStaffPaymentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* the payment's id */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* its family's id */
  properties[PROP_FAMILY_ID] =
    g_param_spec_int64 ("family-id", NULL, NULL, 0, G_MAXINT64, 0, EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* how it was paid: cash, cheque, transfer, direct_debit, online_card */
  properties[PROP_CHANNEL] =
    g_param_spec_string ("channel", NULL, NULL, NULL, EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* its status, e.g. paid or cancelled */
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL, EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* its amount, in cents */
  properties[PROP_AMOUNT] =
    g_param_spec_int64 ("amount", NULL, NULL, G_MININT64, G_MAXINT64, 0, EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* its receipt's number */
  properties[PROP_RECEIPT_NUMBER] =
    g_param_spec_string ("receipt-number", NULL, NULL, NULL, EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* the cheque's number */
  properties[PROP_CHEQUE_NUMBER] =
    g_param_spec_string ("cheque-number", NULL, NULL, NULL, EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* the agent who recorded it */
  properties[PROP_AGENT_NAME] =
    g_param_spec_string ("agent-name", NULL, NULL, NULL, EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* whether it was cancelled */
  properties[PROP_CANCELLED] =
    g_param_spec_boolean ("cancelled", NULL, NULL, FALSE, EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* its family's name (in the day's takings) */
  properties[PROP_FAMILY_NAME] =
    g_param_spec_string ("family-name", NULL, NULL, NULL, EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* when it was recorded, local time as "10:00" */
  properties[PROP_TIME] =
    g_param_spec_string ("time", NULL, NULL, NULL, EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* the numbers of the invoices it pays, ", " between them */
  properties[PROP_INVOICE_NUMBERS] =
    g_param_spec_string ("invoice-numbers", NULL, NULL, NULL, EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* why it was cancelled */
  properties[PROP_CANCEL_REASON] =
    g_param_spec_string ("cancel-reason", NULL, NULL, NULL, EF_MODEL_STAFF_PROPERTY_FLAGS);

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
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
