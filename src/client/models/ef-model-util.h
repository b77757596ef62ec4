/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-model-util.h: the properties of plain model objects */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A model's property, set once when the portal's answer is read. */
#define EF_MODEL_PROPERTY_FLAGS (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | \
                                 G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)
/* The same, as the staff's models have them (without explicit notify). */
#define EF_MODEL_STAFF_PROPERTY_FLAGS (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | \
                                       G_PARAM_STATIC_STRINGS)

void        _ef_model_class_install_properties (GObjectClass  *object_class,
                                                guint          n_props,
                                                GParamSpec   **properties,
                                                const gsize   *offsets);

/* The kinds of property the models share, with EF_MODEL_PROPERTY_FLAGS;
 * @name is a static string. */
GParamSpec *_ef_model_param_natural            (const char    *name);
GParamSpec *_ef_model_param_cents              (const char    *name);
GParamSpec *_ef_model_param_day                (const char    *name);
GParamSpec *_ef_model_param_string             (const char    *name);
GParamSpec *_ef_model_param_instant            (const char    *name);
GParamSpec *_ef_model_param_boolean            (const char    *name);
GParamSpec *_ef_model_param_list               (const char    *name);
GParamSpec *_ef_model_param_enum               (const char    *name,
                                                GType          enum_type,
                                                int            default_value);

G_END_DECLS
