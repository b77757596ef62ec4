/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-device.c: a computer the account is remembered on */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-device.h"
#include "ef-model-util.h"

struct _EfDevice
{
  GObject    parent_instance;

  gint64     id;
  char      *client;
  GDateTime *since;
  GDateTime *last_used_at;
  GDateTime *expires_at;
  gboolean   current;
};

G_DEFINE_FINAL_TYPE (EfDevice, ef_device, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CLIENT,
  PROP_SINCE,
  PROP_LAST_USED_AT,
  PROP_EXPIRES_AT,
  PROP_CURRENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_ID] = G_STRUCT_OFFSET (EfDevice, id),
  [PROP_CLIENT] = G_STRUCT_OFFSET (EfDevice, client),
  [PROP_SINCE] = G_STRUCT_OFFSET (EfDevice, since),
  [PROP_LAST_USED_AT] = G_STRUCT_OFFSET (EfDevice, last_used_at),
  [PROP_EXPIRES_AT] = G_STRUCT_OFFSET (EfDevice, expires_at),
  [PROP_CURRENT] = G_STRUCT_OFFSET (EfDevice, current),
};

static void
ef_device_class_init (EfDeviceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /**
   * EfDevice:id:
   *
   * The device's id on the portal.
   */
  properties[PROP_ID] = _ef_model_param_natural ("id");

  /**
   * EfDevice:client:
   *
   * The application's name, as it last signed in.
   */
  properties[PROP_CLIENT] = _ef_model_param_string ("client");

  /**
   * EfDevice:since:
   *
   * The sign-in with "remember me" that began it.
   */
  properties[PROP_SINCE] = _ef_model_param_instant ("since");

  /**
   * EfDevice:last-used-at:
   *
   * When it last signed in.
   */
  properties[PROP_LAST_USED_AT] = _ef_model_param_instant ("last-used-at");

  /**
   * EfDevice:expires-at:
   *
   * When it stops working unless used before.
   */
  properties[PROP_EXPIRES_AT] = _ef_model_param_instant ("expires-at");

  /**
   * EfDevice:current:
   *
   * Whether it is this computer.
   */
  properties[PROP_CURRENT] = _ef_model_param_boolean ("current");

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
}

static void
ef_device_init (EfDevice *self)
{
}

gint64
ef_device_get_id (EfDevice *self)
{
  g_return_val_if_fail (EF_IS_DEVICE (self), 0);

  return self->id;
}

const char *
ef_device_get_client (EfDevice *self)
{
  g_return_val_if_fail (EF_IS_DEVICE (self), NULL);

  return self->client;
}

GDateTime *
ef_device_get_since (EfDevice *self)
{
  g_return_val_if_fail (EF_IS_DEVICE (self), NULL);

  return self->since;
}

GDateTime *
ef_device_get_last_used_at (EfDevice *self)
{
  g_return_val_if_fail (EF_IS_DEVICE (self), NULL);

  return self->last_used_at;
}

GDateTime *
ef_device_get_expires_at (EfDevice *self)
{
  g_return_val_if_fail (EF_IS_DEVICE (self), NULL);

  return self->expires_at;
}

gboolean
ef_device_get_current (EfDevice *self)
{
  g_return_val_if_fail (EF_IS_DEVICE (self), FALSE);

  return self->current;
}
