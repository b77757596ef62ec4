/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-finance.h: the family's financial situation */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"

G_BEGIN_DECLS

#define EF_TYPE_FINANCE (ef_finance_get_type ())
G_DECLARE_FINAL_TYPE (EfFinance, ef_finance, EF, FINANCE, GObject)

EfCents   ef_finance_get_total_due              (EfFinance *self);
gint64    ef_finance_get_invoices_to_pay        (EfFinance *self);
EfDay     ef_finance_get_oldest_due_date        (EfFinance *self);
gboolean  ef_finance_get_online_payment_enabled (EfFinance *self);

G_END_DECLS
