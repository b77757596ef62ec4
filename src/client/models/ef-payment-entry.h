/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-payment-entry.h: one payment in the family's history */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"
#include "ef-payment-invoice.h"

G_BEGIN_DECLS

#define EF_TYPE_PAYMENT_ENTRY (ef_payment_entry_get_type ())
G_DECLARE_FINAL_TYPE (EfPaymentEntry, ef_payment_entry, EF, PAYMENT_ENTRY, GObject)

gint64            ef_payment_entry_get_id          (EfPaymentEntry *self);
GDateTime        *ef_payment_entry_get_at          (EfPaymentEntry *self);
EfDay             ef_payment_entry_get_day         (EfPaymentEntry *self);
const char       *ef_payment_entry_get_time        (EfPaymentEntry *self);
EfPaymentChannel  ef_payment_entry_get_channel     (EfPaymentEntry *self);
EfPaymentStatus   ef_payment_entry_get_status      (EfPaymentEntry *self);
EfCents           ef_payment_entry_get_amount      (EfPaymentEntry *self);
GDateTime        *ef_payment_entry_get_paid_at     (EfPaymentEntry *self);
GListModel       *ef_payment_entry_get_allocations (EfPaymentEntry *self);

G_END_DECLS
