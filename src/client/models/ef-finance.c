/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-finance.c: the family's financial situation */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-finance.h"
#include "ef-model-util.h"

struct _EfFinance
{
  GObject   parent_instance;

  EfCents   total_due;
  gint64    invoices_to_pay;
  EfDay     oldest_due_date;
  gboolean  online_payment_enabled;
};

G_DEFINE_FINAL_TYPE (EfFinance, ef_finance, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TOTAL_DUE,
  PROP_INVOICES_TO_PAY,
  PROP_OLDEST_DUE_DATE,
  PROP_ONLINE_PAYMENT_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_TOTAL_DUE] = G_STRUCT_OFFSET (EfFinance, total_due),
  [PROP_INVOICES_TO_PAY] = G_STRUCT_OFFSET (EfFinance, invoices_to_pay),
  [PROP_OLDEST_DUE_DATE] = G_STRUCT_OFFSET (EfFinance, oldest_due_date),
  [PROP_ONLINE_PAYMENT_ENABLED] = G_STRUCT_OFFSET (EfFinance, online_payment_enabled),
};

static void
ef_finance_class_init (EfFinanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /**
   * EfFinance:total-due:
   *
   * What is still due on every invoice, in cents.
   */
  properties[PROP_TOTAL_DUE] = _ef_model_param_cents ("total-due");

  /**
   * EfFinance:invoices-to-pay:
   *
   * How many invoices are still to pay.
   */
  properties[PROP_INVOICES_TO_PAY] = _ef_model_param_natural ("invoices-to-pay");

  /**
   * EfFinance:oldest-due-date:
   *
   * The oldest due day of an invoice to pay, %EF_DAY_INVALID when none.
   */
  properties[PROP_OLDEST_DUE_DATE] = _ef_model_param_day ("oldest-due-date");

  /**
   * EfFinance:online-payment-enabled:
   *
   * Whether the municipality takes payments online.
   */
  properties[PROP_ONLINE_PAYMENT_ENABLED] = _ef_model_param_boolean ("online-payment-enabled");

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
}

static void
ef_finance_init (EfFinance *self)
{
}

EfCents
ef_finance_get_total_due (EfFinance *self)
{
  g_return_val_if_fail (EF_IS_FINANCE (self), 0);

  return self->total_due;
}

gint64
ef_finance_get_invoices_to_pay (EfFinance *self)
{
  g_return_val_if_fail (EF_IS_FINANCE (self), 0);

  return self->invoices_to_pay;
}

EfDay
ef_finance_get_oldest_due_date (EfFinance *self)
{
  g_return_val_if_fail (EF_IS_FINANCE (self), EF_DAY_INVALID);

  return self->oldest_due_date;
}

gboolean
ef_finance_get_online_payment_enabled (EfFinance *self)
{
  g_return_val_if_fail (EF_IS_FINANCE (self), FALSE);

  return self->online_payment_enabled;
}
