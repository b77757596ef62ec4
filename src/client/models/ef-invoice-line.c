/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-invoice-line.c: one line of an invoice */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-invoice-line.h"

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

static void
ef_invoice_line_finalize (GObject *object)
{
  EfInvoiceLine *self = EF_INVOICE_LINE (object);

  g_clear_pointer (&self->member_name, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (ef_invoice_line_parent_class)->finalize (object);
}

static void
ef_invoice_line_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  EfInvoiceLine *self = EF_INVOICE_LINE (object);

  switch (prop_id)
    {
    case PROP_MEMBER_ID:
      g_value_set_int64 (value, self->member_id);
      break;

    case PROP_MEMBER_NAME:
      g_value_set_string (value, self->member_name);
      break;

    case PROP_ACTIVITY_ID:
      g_value_set_int64 (value, self->activity_id);
      break;

    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;

    case PROP_QUANTITY:
      g_value_set_int64 (value, self->quantity);
      break;

    case PROP_UNIT_PRICE:
      g_value_set_int64 (value, self->unit_price);
      break;

    case PROP_AMOUNT:
      g_value_set_int64 (value, self->amount);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_invoice_line_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  EfInvoiceLine *self = EF_INVOICE_LINE (object);

  /* Construct-only: each field is set once, before anyone sees the object. */
  switch (prop_id)
    {
    case PROP_MEMBER_ID:
      self->member_id = g_value_get_int64 (value);
      break;

    case PROP_MEMBER_NAME:
      self->member_name = g_value_dup_string (value);
      break;

    case PROP_ACTIVITY_ID:
      self->activity_id = g_value_get_int64 (value);
      break;

    case PROP_LABEL:
      self->label = g_value_dup_string (value);
      break;

    case PROP_QUANTITY:
      self->quantity = g_value_get_int64 (value);
      break;

    case PROP_UNIT_PRICE:
      self->unit_price = g_value_get_int64 (value);
      break;

    case PROP_AMOUNT:
      self->amount = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_invoice_line_class_init (EfInvoiceLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_invoice_line_finalize;
  object_class->get_property = ef_invoice_line_get_property;
  object_class->set_property = ef_invoice_line_set_property;

  /**
   * EfInvoiceLine:member-id:
   *
   * The child billed, 0 for a line about no one.
   */
  properties[PROP_MEMBER_ID] =
    g_param_spec_int64 ("member-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoiceLine:member-name:
   *
   * The child's name as billed.
   */
  properties[PROP_MEMBER_NAME] =
    g_param_spec_string ("member-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoiceLine:activity-id:
   *
   * The activity billed, 0 for none.
   */
  properties[PROP_ACTIVITY_ID] =
    g_param_spec_int64 ("activity-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoiceLine:label:
   *
   * What was billed ("Restauration scolaire").
   */
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoiceLine:quantity:
   *
   * How many reserved days were billed.
   */
  properties[PROP_QUANTITY] =
    g_param_spec_int64 ("quantity", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoiceLine:unit-price:
   *
   * The price of one, in cents.
   */
  properties[PROP_UNIT_PRICE] =
    g_param_spec_int64 ("unit-price", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfInvoiceLine:amount:
   *
   * quantity × unit price, in cents.
   */
  properties[PROP_AMOUNT] =
    g_param_spec_int64 ("amount", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
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
