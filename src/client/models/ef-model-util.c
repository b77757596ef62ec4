/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-model-util.c: the properties of plain model objects
 *
 * Most models are records: each construct-only property is one field of
 * the instance, read by a getter. A model class installs its properties
 * with _ef_model_class_install_properties() and a table of where each
 * field lives (G_STRUCT_OFFSET); the properties are then read, written
 * and freed here, by the type of their GParamSpec:
 *
 *   gint64 and EfCents    int64         EfDay       uint
 *   gboolean              boolean       enums       enum (int-sized)
 *   char *                string        GDateTime * boxed
 *   GObject *, GListModel *  object or interface
 */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include <gio/gio.h>

#include "ef-model-util.h"
#include "ef-types.h"

/* What a model class said at install time. */
typedef struct
{
  guint         n_props;
  GParamSpec  **properties;
  const gsize  *offsets;
} ModelInfo;

static G_DEFINE_QUARK (ef-model-info, model_info)

/* ---------------------------------------------------------------- helpers */

static const ModelInfo *
get_model_info (GType type)
{
  const ModelInfo *info = g_type_get_qdata (type, model_info_quark ());

  g_assert (info != NULL);
  return info;
}

static gpointer
get_field (GObject    *object,
           GParamSpec *pspec,
           guint       prop_id)
{
  const ModelInfo *info = get_model_info (pspec->owner_type);

  g_assert (prop_id > 0 && prop_id < info->n_props);
  g_assert (info->offsets[prop_id] > 0);
  return G_STRUCT_MEMBER_P (object, info->offsets[prop_id]);
}

static void
clear_field (gpointer    field,
             GParamSpec *pspec)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  gpointer *pointer = field;

  if (type == G_TYPE_STRING)
    g_clear_pointer ((char **) pointer, g_free);
  else if (G_TYPE_IS_BOXED (type) && *pointer != NULL)
    g_boxed_free (type, g_steal_pointer (pointer));
  else if (G_TYPE_IS_OBJECT (type) || G_TYPE_IS_INTERFACE (type))
    g_clear_object ((GObject **) pointer);
}

/* ---------------------------------------------------------------- vfuncs */

static void
model_get_property (GObject    *object,
                    guint       prop_id,
                    GValue     *value,
                    GParamSpec *pspec)
{
  gpointer field = get_field (object, pspec, prop_id);
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (type == G_TYPE_INT64)
    g_value_set_int64 (value, *(gint64 *) field);
  else if (type == G_TYPE_UINT)
    g_value_set_uint (value, *(guint *) field);
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, *(gboolean *) field);
  else if (G_TYPE_IS_ENUM (type))
    g_value_set_enum (value, *(int *) field);
  else if (type == G_TYPE_STRING)
    g_value_set_string (value, *(char **) field);
  else if (G_TYPE_IS_BOXED (type))
    g_value_set_boxed (value, *(gpointer *) field);
  else if (G_TYPE_IS_OBJECT (type) || G_TYPE_IS_INTERFACE (type))
    g_value_set_object (value, *(gpointer *) field);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
model_set_property (GObject      *object,
                    guint         prop_id,
                    const GValue *value,
                    GParamSpec   *pspec)
{
  gpointer field = get_field (object, pspec, prop_id);
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  clear_field (field, pspec);
  if (type == G_TYPE_INT64)
    *(gint64 *) field = g_value_get_int64 (value);
  else if (type == G_TYPE_UINT)
    *(guint *) field = g_value_get_uint (value);
  else if (type == G_TYPE_BOOLEAN)
    *(gboolean *) field = g_value_get_boolean (value);
  else if (G_TYPE_IS_ENUM (type))
    *(int *) field = g_value_get_enum (value);
  else if (type == G_TYPE_STRING)
    *(char **) field = g_value_dup_string (value);
  else if (G_TYPE_IS_BOXED (type))
    *(gpointer *) field = g_value_dup_boxed (value);
  else if (G_TYPE_IS_OBJECT (type) || G_TYPE_IS_INTERFACE (type))
    *(gpointer *) field = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
model_finalize (GObject *object)
{
  GType type = G_OBJECT_TYPE (object);
  const ModelInfo *info = get_model_info (type);
  GObjectClass *parent_class = g_type_class_peek_parent (G_OBJECT_GET_CLASS (object));

  for (guint i = 1; i < info->n_props; i++)
    clear_field (G_STRUCT_MEMBER_P (object, info->offsets[i]), info->properties[i]);

  parent_class->finalize (object);
}

/* ------------------------------------------------------------ public API */

/*
 * _ef_model_class_install_properties:
 * @object_class: the class of a final model type, deriving from GObject
 * @n_props: the size of @properties and @offsets (N_PROPS)
 * @properties: the properties, as for g_object_class_install_properties()
 * @offsets: for each property id, where its field lives in the instance
 *
 * Installs @properties and the class's get_property, set_property and
 * finalize, which read, write and free the fields. A field that holds an
 * object may also be cleared in dispose.
 */
void
_ef_model_class_install_properties (GObjectClass  *object_class,
                                    guint          n_props,
                                    GParamSpec   **properties,
                                    const gsize   *offsets)
{
  GType type = G_TYPE_FROM_CLASS (object_class);
  ModelInfo *info;

  g_return_if_fail (G_IS_OBJECT_CLASS (object_class));
  g_return_if_fail (n_props > 1 && properties != NULL && offsets != NULL);

  for (guint i = 1; i < n_props; i++)
    g_return_if_fail (offsets[i] >= sizeof (GObject));

  info = g_new0 (ModelInfo, 1);
  info->n_props = n_props;
  info->properties = properties;
  info->offsets = offsets;
  g_type_set_qdata (type, model_info_quark (), info);

  object_class->get_property = model_get_property;
  object_class->set_property = model_set_property;
  object_class->finalize = model_finalize;

  g_object_class_install_properties (object_class, n_props, properties);
}

/* A whole number from 0: an id, a count, a version. */
GParamSpec *
_ef_model_param_natural (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, 0, G_MAXINT64, 0, EF_MODEL_PROPERTY_FLAGS);
}

/* An amount of EfCents. */
GParamSpec *
_ef_model_param_cents (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0,
                             EF_MODEL_PROPERTY_FLAGS);
}

/* An EfDay of the tenant's calendar ("day", "due-date"). */
GParamSpec *
_ef_model_param_day (const char *name)
{
  return g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT32, EF_DAY_INVALID,
                            EF_MODEL_PROPERTY_FLAGS);
}

GParamSpec *
_ef_model_param_string (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, EF_MODEL_PROPERTY_FLAGS);
}

/* A GDateTime, or NULL. */
GParamSpec *
_ef_model_param_instant (const char *name)
{
  return g_param_spec_boxed (name, NULL, NULL, G_TYPE_DATE_TIME, EF_MODEL_PROPERTY_FLAGS);
}

GParamSpec *
_ef_model_param_boolean (const char *name)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE, EF_MODEL_PROPERTY_FLAGS);
}

/* A GListModel. */
GParamSpec *
_ef_model_param_list (const char *name)
{
  return g_param_spec_object (name, NULL, NULL, G_TYPE_LIST_MODEL, EF_MODEL_PROPERTY_FLAGS);
}

GParamSpec *
_ef_model_param_enum (const char *name,
                      GType       enum_type,
                      int         default_value)
{
  return g_param_spec_enum (name, NULL, NULL, enum_type, default_value, EF_MODEL_PROPERTY_FLAGS);
}
