/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoice-line.c: one line of an invoice */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-invoice-line.h"
#include "ef-model-util.h"

struct _EfInvoiceLine
{
  GObject  parent_instance;

  gint64   member_id;
  char    *member_name;
  gint64   activity_id;
  char    *label;
  gint64   quantity;
  EfCents  unit_price;
  EfCents  amount;
};

G_DEFINE_FINAL_TYPE (EfInvoiceLine, ef_invoice_line, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MEMBER_ID,
  PROP_MEMBER_NAME,
  PROP_ACTIVITY_ID,
  PROP_LABEL,
  PROP_QUANTITY,
  PROP_UNIT_PRICE,
  PROP_AMOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_MEMBER_ID] = G_STRUCT_OFFSET (EfInvoiceLine, member_id),
  [PROP_MEMBER_NAME] = G_STRUCT_OFFSET (EfInvoiceLine, member_name),
  [PROP_ACTIVITY_ID] = G_STRUCT_OFFSET (EfInvoiceLine, activity_id),
  [PROP_LABEL] = G_STRUCT_OFFSET (EfInvoiceLine, label),
  [PROP_QUANTITY] = G_STRUCT_OFFSET (EfInvoiceLine, quantity),
  [PROP_UNIT_PRICE] = G_STRUCT_OFFSET (EfInvoiceLine, unit_price),
  [PROP_AMOUNT] = G_STRUCT_OFFSET (EfInvoiceLine, amount),
};

static void
ef_invoice_line_class_init (EfInvoiceLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /**
   * EfInvoiceLine:member-id:
   *
   * The child billed, 0 for a line about no one.
   */
  properties[PROP_MEMBER_ID] = _ef_model_param_natural ("member-id");

  /**
   * EfInvoiceLine:member-name:
   *
   * The child's name as billed.
   */
  properties[PROP_MEMBER_NAME] = _ef_model_param_string ("member-name");

  /**
   * EfInvoiceLine:activity-id:
   *
   * The activity billed, 0 for none.
   */
  properties[PROP_ACTIVITY_ID] = _ef_model_param_natural ("activity-id");

  /**
   * EfInvoiceLine:label:
   *
   * What was billed ("Restauration scolaire").
   */
  properties[PROP_LABEL] = _ef_model_param_string ("label");

  /**
   * EfInvoiceLine:quantity:
   *
   * How many reserved days were billed.
   */
  properties[PROP_QUANTITY] = _ef_model_param_natural ("quantity");

  /**
   * EfInvoiceLine:unit-price:
   *
   * The price of one, in cents.
   */
  properties[PROP_UNIT_PRICE] = _ef_model_param_cents ("unit-price");

  /**
   * EfInvoiceLine:amount:
   *
   * quantity × unit price, in cents.
   */
  properties[PROP_AMOUNT] = _ef_model_param_cents ("amount");

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
}

static void
ef_invoice_line_init (EfInvoiceLine *self)
{
}

gint64
ef_invoice_line_get_member_id (EfInvoiceLine *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_LINE (self), 0);

  return self->member_id;
}

const char *
ef_invoice_line_get_member_name (EfInvoiceLine *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_LINE (self), NULL);

  return self->member_name;
}

gint64
ef_invoice_line_get_activity_id (EfInvoiceLine *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_LINE (self), 0);

  return self->activity_id;
}

const char *
ef_invoice_line_get_label (EfInvoiceLine *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_LINE (self), NULL);

  return self->label;
}

gint64
ef_invoice_line_get_quantity (EfInvoiceLine *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_LINE (self), 0);

  return self->quantity;
}

EfCents
ef_invoice_line_get_unit_price (EfInvoiceLine *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_LINE (self), 0);

  return self->unit_price;
}

EfCents
ef_invoice_line_get_amount (EfInvoiceLine *self)
{
  g_return_val_if_fail (EF_IS_INVOICE_LINE (self), 0);

  return self->amount;
}
