/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-address.c: a postal address */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-address.h"

struct _EfAddress
{
  GObject  parent_instance;

  char    *line1;
  char    *line2;
  char    *postal_code;
  char    *city;
};

G_DEFINE_FINAL_TYPE (EfAddress, ef_address, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LINE1,
  PROP_LINE2,
  PROP_POSTAL_CODE,
  PROP_CITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ef_address_finalize (GObject *object)
{
  EfAddress *self = EF_ADDRESS (object);

  g_clear_pointer (&self->line1, g_free);
  g_clear_pointer (&self->line2, g_free);
  g_clear_pointer (&self->postal_code, g_free);
  g_clear_pointer (&self->city, g_free);

  G_OBJECT_CLASS (ef_address_parent_class)->finalize (object);
}

static void
ef_address_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  EfAddress *self = EF_ADDRESS (object);

  switch (prop_id)
    {
    case PROP_LINE1:
      g_value_set_string (value, self->line1);
      break;

    case PROP_LINE2:
      g_value_set_string (value, self->line2);
      break;

    case PROP_POSTAL_CODE:
      g_value_set_string (value, self->postal_code);
      break;

    case PROP_CITY:
      g_value_set_string (value, self->city);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_address_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  EfAddress *self = EF_ADDRESS (object);

  /* Construct-only: each field is set once, before anyone sees the object. */
  switch (prop_id)
    {
    case PROP_LINE1:
      self->line1 = g_value_dup_string (value);
      break;

    case PROP_LINE2:
      self->line2 = g_value_dup_string (value);
      break;

    case PROP_POSTAL_CODE:
      self->postal_code = g_value_dup_string (value);
      break;

    case PROP_CITY:
      self->city = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_address_class_init (EfAddressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_address_finalize;
  object_class->get_property = ef_address_get_property;
  object_class->set_property = ef_address_set_property;

  /**
   * EfAddress:line1:
   *
   * The first line: number and street.
   */
  properties[PROP_LINE1] =
    g_param_spec_string ("line1", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfAddress:line2:
   *
   * The second line, "" when there is none.
   */
  properties[PROP_LINE2] =
    g_param_spec_string ("line2", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfAddress:postal-code:
   *
   * The postal code: 5 digits.
   */
  properties[PROP_POSTAL_CODE] =
    g_param_spec_string ("postal-code", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfAddress:city:
   *
   * The town.
   */
  properties[PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ef_address_init (EfAddress *self)
{
}

/**
 * ef_address_new:
 * @line1: the first line: number and street
 * @line2: the second line, or %NULL or "" for none
 * @postal_code: the postal code: 5 digits
 * @city: the town
 *
 * Returns: (transfer full): a new #EfAddress
 */
EfAddress *
ef_address_new (const char *line1,
                const char *line2,
                const char *postal_code,
                const char *city)
{
  return g_object_new (EF_TYPE_ADDRESS,
                       "line1", line1,
                       "line2", line2,
                       "postal-code", postal_code,
                       "city", city,
                       NULL);
}

const char *
ef_address_get_line1 (EfAddress *self)
{
  g_return_val_if_fail (EF_IS_ADDRESS (self), NULL);

  return self->line1;
}

const char *
ef_address_get_line2 (EfAddress *self)
{
  g_return_val_if_fail (EF_IS_ADDRESS (self), NULL);

  return self->line2;
}

const char *
ef_address_get_postal_code (EfAddress *self)
{
  g_return_val_if_fail (EF_IS_ADDRESS (self), NULL);

  return self->postal_code;
}

const char *
ef_address_get_city (EfAddress *self)
{
  g_return_val_if_fail (EF_IS_ADDRESS (self), NULL);

  return self->city;
}
