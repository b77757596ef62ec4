/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-phone.c: one of a member's phone numbers */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-phone.h"
#include "ef-model-util.h"

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

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_KIND] = G_STRUCT_OFFSET (EfPhone, kind),
  [PROP_NUMBER] = G_STRUCT_OFFSET (EfPhone, number),
};

static void
ef_phone_class_init (EfPhoneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /**
   * EfPhone:kind:
   *
   * Mobile, home or work.
   */
  properties[PROP_KIND] = _ef_model_param_enum ("kind", EF_TYPE_PHONE_KIND, EF_PHONE_KIND_MOBILE);

  /**
   * EfPhone:number:
   *
   * The number as the town hall stores it ("06 12 34 56 78").
   */
  properties[PROP_NUMBER] = _ef_model_param_string ("number");

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
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
