/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-payment.h: a payment recorded at the town hall's counter */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"

G_BEGIN_DECLS

#define EF_TYPE_STAFF_PAYMENT (ef_staff_payment_get_type ())
G_DECLARE_FINAL_TYPE (EfStaffPayment, ef_staff_payment, EF, STAFF_PAYMENT, GObject)

/**
 * EfPaymentTotals:
 *
 * What the counter received on a day, per channel and in all, cancelled
 * payments left out.
 */
typedef struct
{
  EfCents cash;
  EfCents cheque;
  EfCents transfer;
  EfCents direct_debit;
  EfCents total;
} EfPaymentTotals;

gint64      ef_staff_payment_get_id             (EfStaffPayment *self);
gint64      ef_staff_payment_get_family_id      (EfStaffPayment *self);
const char *ef_staff_payment_get_channel        (EfStaffPayment *self);
const char *ef_staff_payment_get_status         (EfStaffPayment *self);
EfCents     ef_staff_payment_get_amount         (EfStaffPayment *self);
const char *ef_staff_payment_get_receipt_number (EfStaffPayment *self);
const char *ef_staff_payment_get_cheque_number  (EfStaffPayment *self);
const char *ef_staff_payment_get_agent_name     (EfStaffPayment *self);
gboolean    ef_staff_payment_get_cancelled      (EfStaffPayment *self);
const char *ef_staff_payment_get_family_name     (EfStaffPayment *self);
const char *ef_staff_payment_get_time            (EfStaffPayment *self);
const char *ef_staff_payment_get_invoice_numbers (EfStaffPayment *self);
const char *ef_staff_payment_get_cancel_reason   (EfStaffPayment *self);

G_END_DECLS
