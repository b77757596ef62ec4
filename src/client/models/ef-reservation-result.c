/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-reservation-result.c: what the portal did with a batch of reservation changes */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-reservation-result.h"

struct _EfReservationResult
{
  GObject     parent_instance;

  gint64      applied;
  gint64      unchanged;
  gint64      reserved;
  gint64      cancelled;
  /* member id → new planning version, both gint64 */
  GHashTable *versions;
};

G_DEFINE_FINAL_TYPE (EfReservationResult, ef_reservation_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_APPLIED,
  PROP_UNCHANGED,
  PROP_RESERVED,
  PROP_CANCELLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ef_reservation_result_finalize (GObject *object)
{
  EfReservationResult *self = EF_RESERVATION_RESULT (object);

  g_clear_pointer (&self->versions, g_hash_table_unref);

  G_OBJECT_CLASS (ef_reservation_result_parent_class)->finalize (object);
}

static void
ef_reservation_result_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  EfReservationResult *self = EF_RESERVATION_RESULT (object);

  switch (prop_id)
    {
    case PROP_APPLIED:
      g_value_set_int64 (value, self->applied);
      break;

    case PROP_UNCHANGED:
      g_value_set_int64 (value, self->unchanged);
      break;

    case PROP_RESERVED:
      g_value_set_int64 (value, self->reserved);
      break;

    case PROP_CANCELLED:
      g_value_set_int64 (value, self->cancelled);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_reservation_result_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  EfReservationResult *self = EF_RESERVATION_RESULT (object);

  /* Construct-only: each field is set once, before anyone sees the object. */
  switch (prop_id)
    {
    case PROP_APPLIED:
      self->applied = g_value_get_int64 (value);
      break;

    case PROP_UNCHANGED:
      self->unchanged = g_value_get_int64 (value);
      break;

    case PROP_RESERVED:
      self->reserved = g_value_get_int64 (value);
      break;

    case PROP_CANCELLED:
      self->cancelled = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_reservation_result_class_init (EfReservationResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_reservation_result_finalize;
  object_class->get_property = ef_reservation_result_get_property;
  object_class->set_property = ef_reservation_result_set_property;

  /**
   * EfReservationResult:applied:
   *
   * Changes that changed something (reserved + cancelled).
   */
  properties[PROP_APPLIED] =
    g_param_spec_int64 ("applied", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfReservationResult:unchanged:
   *
   * Changes that asked for the state the day already had.
   */
  properties[PROP_UNCHANGED] =
    g_param_spec_int64 ("unchanged", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfReservationResult:reserved:
   *
   * Days reserved.
   */
  properties[PROP_RESERVED] =
    g_param_spec_int64 ("reserved", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  /**
   * EfReservationResult:cancelled:
   *
   * Days cancelled.
   */
  properties[PROP_CANCELLED] =
    g_param_spec_int64 ("cancelled", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                        G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ef_reservation_result_init (EfReservationResult *self)
{
  self->versions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

gint64
ef_reservation_result_get_applied (EfReservationResult *self)
{
  g_return_val_if_fail (EF_IS_RESERVATION_RESULT (self), 0);

  return self->applied;
}

gint64
ef_reservation_result_get_unchanged (EfReservationResult *self)
{
  g_return_val_if_fail (EF_IS_RESERVATION_RESULT (self), 0);

  return self->unchanged;
}

gint64
ef_reservation_result_get_reserved (EfReservationResult *self)
{
  g_return_val_if_fail (EF_IS_RESERVATION_RESULT (self), 0);

  return self->reserved;
}

gint64
ef_reservation_result_get_cancelled (EfReservationResult *self)
{
  g_return_val_if_fail (EF_IS_RESERVATION_RESULT (self), 0);

  return self->cancelled;
}

/**
 * ef_reservation_result_get_version:
 * @self: an #EfReservationResult
 * @member_id: a member of the batch
 * @version: (out) (optional): the member's planning version after the batch
 *
 * Returns: %TRUE if the portal gave the new version of @member_id
 */
gboolean
ef_reservation_result_get_version (EfReservationResult *self,
                                   gint64               member_id,
                                   gint64              *version)
{
  gint64 *found;

  g_return_val_if_fail (EF_IS_RESERVATION_RESULT (self), FALSE);

  found = g_hash_table_lookup (self->versions, &member_id);
  if (found == NULL)
    return FALSE;

  if (version != NULL)
    *version = *found;
  return TRUE;
}

void
_ef_reservation_result_set_version (EfReservationResult *self,
                                    gint64               member_id,
                                    gint64               version)
{
  g_return_if_fail (EF_IS_RESERVATION_RESULT (self));

  g_hash_table_insert (self->versions, g_memdup2 (&member_id, sizeof member_id),
                       g_memdup2 (&version, sizeof version));
}
