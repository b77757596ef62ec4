/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-pickup-person.c: a person allowed to pick a child up */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-pickup-person.h"

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

static void
ef_pickup_person_finalize (GObject *object)
{
  EfPickupPerson *self = EF_PICKUP_PERSON (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->relation, g_free);

  G_OBJECT_CLASS (ef_pickup_person_parent_class)->finalize (object);
}

static void
ef_pickup_person_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  EfPickupPerson *self = EF_PICKUP_PERSON (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;

    case PROP_RELATION:
      g_value_set_string (value, self->relation);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_pickup_person_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  EfPickupPerson *self = EF_PICKUP_PERSON (object);

  /* Construct-only: each field is set once, before anyone sees the object. */
  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_PHONE:
      self->phone = g_value_dup_string (value);
      break;

    case PROP_RELATION:
      self->relation = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_pickup_person_class_init (EfPickupPersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_pickup_person_finalize;
  object_class->get_property = ef_pickup_person_get_property;
  object_class->set_property = ef_pickup_person_set_property;

  /**
   * EfPickupPerson:id:
   *
   * The id the server gave the person, 0 for a person not saved yet.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPickupPerson:name:
   *
   * The first and last name.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPickupPerson:phone:
   *
   * A phone number.
   */
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPickupPerson:relation:
   *
   * How the person is related to the child ("grand-mère").
   */
  properties[PROP_RELATION] =
    g_param_spec_string ("relation", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
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
