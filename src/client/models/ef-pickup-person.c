/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-pickup-person.c: a person allowed to pick a child up */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-pickup-person.h"
#include "ef-model-util.h"

struct _EfPickupPerson
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *phone;
  char    *relation;
};

G_DEFINE_FINAL_TYPE (EfPickupPerson, ef_pickup_person, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PHONE,
  PROP_RELATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_ID] = G_STRUCT_OFFSET (EfPickupPerson, id),
  [PROP_NAME] = G_STRUCT_OFFSET (EfPickupPerson, name),
  [PROP_PHONE] = G_STRUCT_OFFSET (EfPickupPerson, phone),
  [PROP_RELATION] = G_STRUCT_OFFSET (EfPickupPerson, relation),
};

static void
ef_pickup_person_class_init (EfPickupPersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /**
   * EfPickupPerson:id:
   *
   * The id the server gave the person, 0 for a person not saved yet.
   */
  properties[PROP_ID] = _ef_model_param_natural ("id");

  /**
   * EfPickupPerson:name:
   *
   * The first and last name.
   */
  properties[PROP_NAME] = _ef_model_param_string ("name");

  /**
   * EfPickupPerson:phone:
   *
   * A phone number.
   */
  properties[PROP_PHONE] = _ef_model_param_string ("phone");

  /**
   * EfPickupPerson:relation:
   *
   * How the person is related to the child ("grand-mère").
   */
  properties[PROP_RELATION] = _ef_model_param_string ("relation");

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
}

static void
ef_pickup_person_init (EfPickupPerson *self)
{
}

/**
 * ef_pickup_person_new:
 * @id: the id of an existing person, 0 for a new one
 * @name: the first and last name
 * @phone: a phone number
 * @relation: how the person is related to the child ("grand-mère")
 *
 * Returns: (transfer full): a new #EfPickupPerson
 */
EfPickupPerson *
ef_pickup_person_new (gint64      id,
                      const char *name,
                      const char *phone,
                      const char *relation)
{
  return g_object_new (EF_TYPE_PICKUP_PERSON,
                       "id", id,
                       "name", name,
                       "phone", phone,
                       "relation", relation,
                       NULL);
}

gint64
ef_pickup_person_get_id (EfPickupPerson *self)
{
  g_return_val_if_fail (EF_IS_PICKUP_PERSON (self), 0);

  return self->id;
}

const char *
ef_pickup_person_get_name (EfPickupPerson *self)
{
  g_return_val_if_fail (EF_IS_PICKUP_PERSON (self), NULL);

  return self->name;
}

const char *
ef_pickup_person_get_phone (EfPickupPerson *self)
{
  g_return_val_if_fail (EF_IS_PICKUP_PERSON (self), NULL);

  return self->phone;
}

const char *
ef_pickup_person_get_relation (EfPickupPerson *self)
{
  g_return_val_if_fail (EF_IS_PICKUP_PERSON (self), NULL);

  return self->relation;
}
