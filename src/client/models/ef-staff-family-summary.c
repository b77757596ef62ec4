/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-family-summary.c: a family found by the town hall's search */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-staff-family-summary.h"
#include "ef-model-util.h"

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

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_ID] = G_STRUCT_OFFSET (EfStaffFamilySummary, id),
  [PROP_NAME] = G_STRUCT_OFFSET (EfStaffFamilySummary, name),
  [PROP_REFERENCE] = G_STRUCT_OFFSET (EfStaffFamilySummary, reference),
  [PROP_CHILDREN] = G_STRUCT_OFFSET (EfStaffFamilySummary, children),
  [PROP_EMAIL] = G_STRUCT_OFFSET (EfStaffFamilySummary, email),
};

static void
ef_staff_family_summary_class_init (EfStaffFamilySummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* the family's id */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* the family's name */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* the town hall's reference of the family */
  properties[PROP_REFERENCE] =
    g_param_spec_string ("reference", NULL, NULL, NULL, EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* the children's first names, joined */
  properties[PROP_CHILDREN] =
    g_param_spec_string ("children", NULL, NULL, NULL, EF_MODEL_STAFF_PROPERTY_FLAGS);

  /* the first e-mail address of its parents */
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL, EF_MODEL_STAFF_PROPERTY_FLAGS);

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
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
