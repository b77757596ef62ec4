/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-connection-entry.c: one sign-in on an account of the family */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-connection-entry.h"

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

static void
ef_connection_entry_finalize (GObject *object)
{
  EfConnectionEntry *self = EF_CONNECTION_ENTRY (object);

  g_clear_pointer (&self->at, g_date_time_unref);
  g_clear_pointer (&self->time, g_free);
  g_clear_pointer (&self->client, g_free);
  g_clear_pointer (&self->email, g_free);

  G_OBJECT_CLASS (ef_connection_entry_parent_class)->finalize (object);
}

static void
ef_connection_entry_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  EfConnectionEntry *self = EF_CONNECTION_ENTRY (object);

  switch (prop_id)
    {
    case PROP_AT:
      g_value_set_boxed (value, self->at);
      break;

    case PROP_DAY:
      g_value_set_uint (value, self->day);
      break;

    case PROP_TIME:
      g_value_set_string (value, self->time);
      break;

    case PROP_RESULT:
      g_value_set_enum (value, self->result);
      break;

    case PROP_SUCCESS:
      g_value_set_boolean (value, self->success);
      break;

    case PROP_CLIENT:
      g_value_set_string (value, self->client);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_connection_entry_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  EfConnectionEntry *self = EF_CONNECTION_ENTRY (object);

  /* Construct-only: each field is set once, before anyone sees the object. */
  switch (prop_id)
    {
    case PROP_AT:
      self->at = g_value_dup_boxed (value);
      break;

    case PROP_DAY:
      self->day = g_value_get_uint (value);
      break;

    case PROP_TIME:
      self->time = g_value_dup_string (value);
      break;

    case PROP_RESULT:
      self->result = g_value_get_enum (value);
      break;

    case PROP_SUCCESS:
      self->success = g_value_get_boolean (value);
      break;

    case PROP_CLIENT:
      self->client = g_value_dup_string (value);
      break;

    case PROP_EMAIL:
      self->email = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_connection_entry_class_init (EfConnectionEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_connection_entry_finalize;
  object_class->get_property = ef_connection_entry_get_property;
  object_class->set_property = ef_connection_entry_set_property;

  /**
   * EfConnectionEntry:at:
   *
   * The instant.
   */
  properties[PROP_AT] =
    g_param_spec_boxed ("at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfConnectionEntry:day:
   *
   * The day, in the tenant's time zone.
   */
  properties[PROP_DAY] =
    g_param_spec_uint ("day", NULL, NULL,
                       0, G_MAXUINT32, EF_DAY_INVALID,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfConnectionEntry:time:
   *
   * The time, "HH:MM" in the tenant's time zone.
   */
  properties[PROP_TIME] =
    g_param_spec_string ("time", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfConnectionEntry:result:
   *
   * Signed in, wrong password, or locked.
   */
  properties[PROP_RESULT] =
    g_param_spec_enum ("result", NULL, NULL,
                       EF_TYPE_CONNECTION_RESULT, EF_CONNECTION_RESULT_OK,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                       G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfConnectionEntry:success:
   *
   * Whether the sign-in succeeded.
   */
  properties[PROP_SUCCESS] =
    g_param_spec_boolean ("success", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                          G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfConnectionEntry:client:
   *
   * What signed in ("Espace Famille 0.1.0 (GNOME)").
   */
  properties[PROP_CLIENT] =
    g_param_spec_string ("client", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfConnectionEntry:email:
   *
   * The account signed in to.
   */
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
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
