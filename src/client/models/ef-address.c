/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-address.c: a postal address */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-address.h"
#include "ef-model-util.h"

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

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_LINE1] = G_STRUCT_OFFSET (EfAddress, line1),
  [PROP_LINE2] = G_STRUCT_OFFSET (EfAddress, line2),
  [PROP_POSTAL_CODE] = G_STRUCT_OFFSET (EfAddress, postal_code),
  [PROP_CITY] = G_STRUCT_OFFSET (EfAddress, city),
};

static void
ef_address_class_init (EfAddressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /**
   * EfAddress:line1:
   *
   * The first line: number and street.
   */
  properties[PROP_LINE1] =
    g_param_spec_string ("line1", NULL, NULL,
                         NULL,
                         EF_MODEL_PROPERTY_FLAGS);

  /**
   * EfAddress:line2:
   *
   * The second line, "" when there is none.
   */
  properties[PROP_LINE2] =
    g_param_spec_string ("line2", NULL, NULL,
                         NULL,
                         EF_MODEL_PROPERTY_FLAGS);

  /**
   * EfAddress:postal-code:
   *
   * The postal code: 5 digits.
   */
  properties[PROP_POSTAL_CODE] = _ef_model_param_string ("postal-code");

  /**
   * EfAddress:city:
   *
   * The town.
   */
  properties[PROP_CITY] = _ef_model_param_string ("city");

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
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
