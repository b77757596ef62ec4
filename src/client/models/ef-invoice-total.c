/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoice-total.c: what an invoice bills for one child */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-invoice-total.h"

struct _EfInvoiceTotal
{
  GObject  parent_instance;

  gint64   member_id;
  char    *name;
  EfCents  total;
};

G_DEFINE_FINAL_TYPE (EfInvoiceTotal, ef_invoice_total, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MEMBER_ID,
  PROP_NAME,
  PROP_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ef_invoice_total_finalize (GObject *object)
{
  EfInvoiceTotal *self = EF_INVOICE_TOTAL (object);

  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (ef_invoice_total_parent_class)->finalize (object);
}

static void
ef_invoice_total_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EfInvoiceTotal *self = EF_INVOICE_TOTAL (object);

  switch (prop_id)
    {
    case PROP_MEMBER_ID:
      g_value_set_int64 (value, self->member_id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_invoice_total_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EfInvoiceTotal *self = EF_INVOICE_TOTAL (object);

  /* Construct-only: each field is set once, before anyone sees the object. */
  switch (prop_id)
    {
    case PROP_MEMBER_ID:
      self->member_id = g_value_get_int64 (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_TOTAL:
      self->total = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_invoice_total_class_init (EfInvoiceTotalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_invoice_total_finalize;
  object_class->get_property = ef_invoice_total_get_property;
  object_class->set_property = ef_invoice_total_set_property;

  /**
   * EfInvoiceTotal:member-id:
   *
   * The child, 0 for lines about no one.
   */
  properties[PROP_MEMBER_ID] =
    g_param_spec_int64 ("member-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoiceTotal:name:
   *
   * The child's name as billed.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoiceTotal:total:
   *
   * The child's total, in cents.
   */
  properties[PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ef_invoice_total_init (EfInvoiceTotal *self)
{
}

gint64
ef_invoice_total_get_member_id (EfInvoiceTotal *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_TOTAL (self), 0);

  return self->member_id;
}

const char *
ef_invoice_total_get_name (EfInvoiceTotal *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_TOTAL (self), NULL);

  return self->name;
}

EfCents
ef_invoice_total_get_total (EfInvoiceTotal *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_TOTAL (self), 0);

  return self->total;
}
