/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-connection-entry.c: one sign-in on an account of the family */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-connection-entry.h"
#include "ef-model-util.h"

struct _EfConnectionEntry
{
  GObject             parent_instance;

  GDateTime          *at;
  EfDay               day;
  char               *time;
  EfConnectionResult  result;
  gboolean            success;
  char               *client;
  char               *email;
};

G_DEFINE_FINAL_TYPE (EfConnectionEntry, ef_connection_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_AT,
  PROP_DAY,
  PROP_TIME,
  PROP_RESULT,
  PROP_SUCCESS,
  PROP_CLIENT,
  PROP_EMAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_AT] = G_STRUCT_OFFSET (EfConnectionEntry, at),
  [PROP_DAY] = G_STRUCT_OFFSET (EfConnectionEntry, day),
  [PROP_TIME] = G_STRUCT_OFFSET (EfConnectionEntry, time),
  [PROP_RESULT] = G_STRUCT_OFFSET (EfConnectionEntry, result),
  [PROP_SUCCESS] = G_STRUCT_OFFSET (EfConnectionEntry, success),
  [PROP_CLIENT] = G_STRUCT_OFFSET (EfConnectionEntry, client),
  [PROP_EMAIL] = G_STRUCT_OFFSET (EfConnectionEntry, email),
};

static void
ef_connection_entry_class_init (EfConnectionEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /**
   * EfConnectionEntry:at:
   *
   * The instant.
   */
  properties[PROP_AT] = _ef_model_param_instant ("at");

  /**
   * EfConnectionEntry:day:
   *
   * The day, in the tenant's time zone.
   */
  properties[PROP_DAY] = _ef_model_param_day ("day");

  /**
   * EfConnectionEntry:time:
   *
   * The time, "HH:MM" in the tenant's time zone.
   */
  properties[PROP_TIME] = _ef_model_param_string ("time");

  /**
   * EfConnectionEntry:result:
   *
   * Signed in, wrong password, or locked.
   */
  properties[PROP_RESULT] =
    _ef_model_param_enum ("result", EF_TYPE_CONNECTION_RESULT, EF_CONNECTION_RESULT_OK);

  /**
   * EfConnectionEntry:success:
   *
   * Whether the sign-in succeeded.
   */
  properties[PROP_SUCCESS] = _ef_model_param_boolean ("success");

  /**
   * EfConnectionEntry:client:
   *
   * What signed in ("Espace Famille 0.1.0 (GNOME)").
   */
  properties[PROP_CLIENT] = _ef_model_param_string ("client");

  /**
   * EfConnectionEntry:email:
   *
   * The account signed in to.
   */
  properties[PROP_EMAIL] = _ef_model_param_string ("email");

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
}

static void
ef_connection_entry_init (EfConnectionEntry *self)
{
}

GDateTime *
ef_connection_entry_get_at (EfConnectionEntry *self)
{
  g_return_val_if_fail (EF_IS_CONNECTION_ENTRY (self), NULL);

  return self->at;
}

EfDay
ef_connection_entry_get_day (EfConnectionEntry *self)
{
  g_return_val_if_fail (EF_IS_CONNECTION_ENTRY (self), EF_DAY_INVALID);

  return self->day;
}

const char *
ef_connection_entry_get_time (EfConnectionEntry *self)
{
  g_return_val_if_fail (EF_IS_CONNECTION_ENTRY (self), NULL);

  return self->time;
}

EfConnectionResult
ef_connection_entry_get_result (EfConnectionEntry *self)
{
  g_return_val_if_fail (EF_IS_CONNECTION_ENTRY (self), EF_CONNECTION_RESULT_OK);

  return self->result;
}

gboolean
ef_connection_entry_get_success (EfConnectionEntry *self)
{
  g_return_val_if_fail (EF_IS_CONNECTION_ENTRY (self), FALSE);

  return self->success;
}

const char *
ef_connection_entry_get_client (EfConnectionEntry *self)
{
  g_return_val_if_fail (EF_IS_CONNECTION_ENTRY (self), NULL);

  return self->client;
}

const char *
ef_connection_entry_get_email (EfConnectionEntry *self)
{
  g_return_val_if_fail (EF_IS_CONNECTION_ENTRY (self), NULL);

  return self->email;
}
