/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-finance.c: the family's financial situation */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-finance.h"

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

static void
ef_finance_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EfFinance *self = EF_FINANCE (object);

  switch (prop_id)
    {
    case PROP_TOTAL_DUE:
      g_value_set_int64 (value, self->total_due);
      break;

    case PROP_INVOICES_TO_PAY:
      g_value_set_int64 (value, self->invoices_to_pay);
      break;

    case PROP_OLDEST_DUE_DATE:
      g_value_set_uint (value, self->oldest_due_date);
      break;

    case PROP_ONLINE_PAYMENT_ENABLED:
      g_value_set_boolean (value, self->online_payment_enabled);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_finance_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  EfFinance *self = EF_FINANCE (object);

  /* Construct-only: each field is set once, before anyone sees the object. */
  switch (prop_id)
    {
    case PROP_TOTAL_DUE:
      self->total_due = g_value_get_int64 (value);
      break;

    case PROP_INVOICES_TO_PAY:
      self->invoices_to_pay = g_value_get_int64 (value);
      break;

    case PROP_OLDEST_DUE_DATE:
      self->oldest_due_date = g_value_get_uint (value);
      break;

    case PROP_ONLINE_PAYMENT_ENABLED:
      self->online_payment_enabled = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_finance_class_init (EfFinanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ef_finance_get_property;
  object_class->set_property = ef_finance_set_property;

  /**
   * EfFinance:total-due:
   *
   * What is still due on every invoice, in cents.
   */
  properties[PROP_TOTAL_DUE] =
    g_param_spec_int64 ("total-due", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfFinance:invoices-to-pay:
   *
   * How many invoices are still to pay.
   */
  properties[PROP_INVOICES_TO_PAY] =
    g_param_spec_int64 ("invoices-to-pay", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfFinance:oldest-due-date:
   *
   * The oldest due day of an invoice to pay, %EF_DAY_INVALID when none.
   */
  properties[PROP_OLDEST_DUE_DATE] =
    g_param_spec_uint ("oldest-due-date", NULL, NULL,
                       0, G_MAXUINT32, EF_DAY_INVALID,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfFinance:online-payment-enabled:
   *
   * Whether the municipality takes payments online.
   */
  properties[PROP_ONLINE_PAYMENT_ENABLED] =
    g_param_spec_boolean ("online-payment-enabled", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
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
