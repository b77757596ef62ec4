/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-phone.c: one of a member's phone numbers */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-phone.h"

struct _EfPhone
{
  GObject      parent_instance;

  EfPhoneKind  kind;
  char        *number;
};

G_DEFINE_FINAL_TYPE (EfPhone, ef_phone, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_NUMBER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ef_phone_finalize (GObject *object)
{
  EfPhone *self = EF_PHONE (object);

  g_clear_pointer (&self->number, g_free);

  G_OBJECT_CLASS (ef_phone_parent_class)->finalize (object);
}

static void
ef_phone_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  EfPhone *self = EF_PHONE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_phone_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  EfPhone *self = EF_PHONE (object);

  /* Construct-only: each field is set once, before anyone sees the object. */
  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;

    case PROP_NUMBER:
      self->number = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_phone_class_init (EfPhoneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_phone_finalize;
  object_class->get_property = ef_phone_get_property;
  object_class->set_property = ef_phone_set_property;

  /**
   * EfPhone:kind:
   *
   * Mobile, home or work.
   */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       EF_TYPE_PHONE_KIND, EF_PHONE_KIND_MOBILE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfPhone:number:
   *
   * The number as the town hall stores it ("06 12 34 56 78").
   */
  properties[PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ef_phone_init (EfPhone *self)
{
}

/**
 * ef_phone_new:
 * @kind: mobile, home or work
 * @number: the number, as typed
 *
 * Returns: (transfer full): a new #EfPhone
 */
EfPhone *
ef_phone_new (EfPhoneKind  kind,
              const char  *number)
{
  return g_object_new (EF_TYPE_PHONE,
                       "kind", kind,
                       "number", number,
                       NULL);
}

EfPhoneKind
ef_phone_get_kind (EfPhone *self)
{
  g_return_val_if_fail (EF_IS_PHONE (self), EF_PHONE_KIND_MOBILE);

  return self->kind;
}

const char *
ef_phone_get_number (EfPhone *self)
{
  g_return_val_if_fail (EF_IS_PHONE (self), NULL);

  return self->number;
}
