/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-family-summary.c: a family found by the town hall's search */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-staff-family-summary.h"

struct _EfStaffFamilySummary
{
  GObject parent_instance;

  gint64 id;
  char *name;
  char *reference;
  char *children;
  char *email;
};

G_DEFINE_FINAL_TYPE (EfStaffFamilySummary, ef_staff_family_summary, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_REFERENCE,
  PROP_CHILDREN,
  PROP_EMAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ef_staff_family_summary_finalize (GObject *object)
{
  EfStaffFamilySummary *self = EF_STAFF_FAMILY_SUMMARY (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->reference, g_free);
  g_clear_pointer (&self->children, g_free);
  g_clear_pointer (&self->email, g_free);

  G_OBJECT_CLASS (ef_staff_family_summary_parent_class)->finalize (object);
}

static void
ef_staff_family_summary_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  EfStaffFamilySummary *self = EF_STAFF_FAMILY_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_REFERENCE:
      g_value_set_string (value, self->reference);
      break;

    case PROP_CHILDREN:
      g_value_set_string (value, self->children);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_staff_family_summary_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  EfStaffFamilySummary *self = EF_STAFF_FAMILY_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;

    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;

    case PROP_REFERENCE:
      self->reference = g_value_dup_string (value);
      break;

    case PROP_CHILDREN:
      self->children = g_value_dup_string (value);
      break;

    case PROP_EMAIL:
      self->email = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ef_staff_family_summary_class_init (EfStaffFamilySummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ef_staff_family_summary_finalize;
  object_class->get_property = ef_staff_family_summary_get_property;
  object_class->set_property = ef_staff_family_summary_set_property;

  /* the family's id */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* the family's name */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* the town hall's reference of the family */
  properties[PROP_REFERENCE] =
    g_param_spec_string ("reference", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* the children's first names, joined */
  properties[PROP_CHILDREN] =
    g_param_spec_string ("children", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /* the first e-mail address of its parents */
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ef_staff_family_summary_init (EfStaffFamilySummary *self)
{
}

/**
 * ef_staff_family_summary_get_id:
 * @self: an #EfStaffFamilySummary
 *
 * Returns: the family's id
 */
gint64
ef_staff_family_summary_get_id (EfStaffFamilySummary *self)
{
  g_return_val_if_fail (EF_IS_STAFF_FAMILY_SUMMARY (self), 0);

  return self->id;
}

/**
 * ef_staff_family_summary_get_name:
 * @self: an #EfStaffFamilySummary
 *
 * Returns: (nullable): the family's name
 */
const char *
ef_staff_family_summary_get_name (EfStaffFamilySummary *self)
{
  g_return_val_if_fail (EF_IS_STAFF_FAMILY_SUMMARY (self), NULL);

  return self->name;
}

/**
 * ef_staff_family_summary_get_reference:
 * @self: an #EfStaffFamilySummary
 *
 * Returns: (nullable): the town hall's reference of the family
 */
const char *
ef_staff_family_summary_get_reference (EfStaffFamilySummary *self)
{
  g_return_val_if_fail (EF_IS_STAFF_FAMILY_SUMMARY (self), NULL);

  return self->reference;
}

/**
 * ef_staff_family_summary_get_children:
 * @self: an #EfStaffFamilySummary
 *
 * Returns: (nullable): the children's first names, joined
 */
const char *
ef_staff_family_summary_get_children (EfStaffFamilySummary *self)
{
  g_return_val_if_fail (EF_IS_STAFF_FAMILY_SUMMARY (self), NULL);

  return self->children;
}

/**
 * ef_staff_family_summary_get_email:
 * @self: an #EfStaffFamilySummary
 *
 * Returns: (nullable): the first e-mail address of its parents
 */
const char *
ef_staff_family_summary_get_email (EfStaffFamilySummary *self)
{
  g_return_val_if_fail (EF_IS_STAFF_FAMILY_SUMMARY (self), NULL);

  return self->email;
}
