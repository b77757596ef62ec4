/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-payment.h: a payment of whole invoices */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"
#include "ef-payment-invoice.h"

G_BEGIN_DECLS

#define EF_TYPE_PAYMENT (ef_payment_get_type ())
G_DECLARE_FINAL_TYPE (EfPayment, ef_payment, EF, PAYMENT, GObject)

gint64            ef_payment_get_id           (EfPayment *self);
EfPaymentStatus   ef_payment_get_status       (EfPayment *self);
EfPaymentChannel  ef_payment_get_channel      (EfPayment *self);
EfCents           ef_payment_get_amount       (EfPayment *self);
const char       *ef_payment_get_reference    (EfPayment *self);
const char       *ef_payment_get_label        (EfPayment *self);
GListModel       *ef_payment_get_invoices     (EfPayment *self);
GDateTime        *ef_payment_get_created_at   (EfPayment *self);
GDateTime        *ef_payment_get_updated_at   (EfPayment *self);
GDateTime        *ef_payment_get_paid_at      (EfPayment *self);
GDateTime        *ef_payment_get_expires_at   (EfPayment *self);
const char       *ef_payment_get_provider_url (EfPayment *self);
gboolean          ef_payment_get_refund_due   (EfPayment *self);

G_END_DECLS
