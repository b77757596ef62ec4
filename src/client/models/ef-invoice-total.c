/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoice-total.c: what an invoice bills for one child */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-invoice-total.h"
#include "ef-model-util.h"

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

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_MEMBER_ID] = G_STRUCT_OFFSET (EfInvoiceTotal, member_id),
  [PROP_NAME] = G_STRUCT_OFFSET (EfInvoiceTotal, name),
  [PROP_TOTAL] = G_STRUCT_OFFSET (EfInvoiceTotal, total),
};

static void
ef_invoice_total_class_init (EfInvoiceTotalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /**
   * EfInvoiceTotal:member-id:
   *
   * The child, 0 for lines about no one.
   */
  properties[PROP_MEMBER_ID] = _ef_model_param_natural ("member-id");

  /**
   * EfInvoiceTotal:name:
   *
   * The child's name as billed.
   */
  properties[PROP_NAME] = _ef_model_param_string ("name");

  /**
   * EfInvoiceTotal:total:
   *
   * The child's total, in cents.
   */
  properties[PROP_TOTAL] = _ef_model_param_cents ("total");

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
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
