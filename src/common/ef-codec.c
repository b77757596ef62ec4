/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-codec.c: what the codecs of ef-codec-*.c share to write and read
 * their members */

#define G_LOG_DOMAIN "EfCommon"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ef-codec-private.h"
#include "ef-day.h"
#include "ef-error.h"
#include "ef-json.h"

/* ------------------------------------------------------------ writing */

void
_ef_codec_add_string (JsonBuilder *builder,
                      const char  *name,
                      const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
_ef_codec_add_int (JsonBuilder *builder,
                   const char  *name,
                   gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

void
_ef_codec_add_id (JsonBuilder *builder,
                  const char  *name,
                  gint64       id)
{
  json_builder_set_member_name (builder, name);
  if (id > 0)
    json_builder_add_int_value (builder, id);
  else
    json_builder_add_null_value (builder);
}

void
_ef_codec_add_day (JsonBuilder *builder,
                   const char  *name,
                   EfDay        day)
{
  g_autofree char *text = ef_day_is_valid (day) ? ef_day_format_iso (day) : NULL;

  _ef_codec_add_string (builder, name, text);
}

void
_ef_codec_add_bool (JsonBuilder *builder,
                    const char  *name,
                    gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

/* ------------------------------------------------------------ reading */

JsonObject *
_ef_codec_require_object (JsonNode    *node,
                          const char  *what,
                          GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   _("The member “%s” must be an object"), what);
      return NULL;
    }
  return json_node_get_object (node);
}

gboolean
_ef_codec_get_string (JsonObject  *object,
                      const char  *member,
                      char       **out,
                      GError     **error)
{
  const char *text;

  if (!ef_json_get_string (object, member, FALSE, &text, error))
    return FALSE;
  *out = g_strdup (text);
  return TRUE;
}

gboolean
_ef_codec_get_nullable_string (JsonObject  *object,
                               const char  *member,
                               char       **out,
                               GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  return _ef_codec_get_string (object, member, out, error);
}

gboolean
_ef_codec_get_nullable_id (JsonObject  *object,
                           const char  *member,
                           gint64      *out,
                           GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  return _ef_codec_get_id (object, member, out, error);
}

/* An integer of at least @minimum. */
static gboolean
get_int_from (JsonObject  *object,
              const char  *member,
              gint64       minimum,
              gint64      *out,
              GError     **error)
{
  gint64 value;

  if (!ef_json_get_int (object, member, FALSE, &value, error))
    return FALSE;
  if (value < minimum)
    {
      if (minimum > 0)
        g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                     _("The member “%s” must be an integer of at least 1"), member);
      else
        g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                     _("The member “%s” must not be negative"), member);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

gboolean
_ef_codec_get_id (JsonObject  *object,
                  const char  *member,
                  gint64      *out,
                  GError     **error)
{
  return _ef_codec_get_positive (object, member, out, error);
}

gboolean
_ef_codec_get_positive (JsonObject  *object,
                        const char  *member,
                        gint64      *out,
                        GError     **error)
{
  return get_int_from (object, member, 1, out, error);
}

gboolean
_ef_codec_get_natural (JsonObject  *object,
                       const char  *member,
                       gint64      *out,
                       GError     **error)
{
  return get_int_from (object, member, 0, out, error);
}

gboolean
_ef_codec_get_day (JsonObject  *object,
                   const char  *member,
                   EfDay       *out,
                   GError     **error)
{
  const char *text;

  if (!ef_json_get_string (object, member, FALSE, &text, error))
    return FALSE;
  *out = ef_day_parse_iso (text, error);
  return *out != EF_DAY_INVALID;
}

gboolean
_ef_codec_get_day_text (JsonObject  *object,
                        const char  *member,
                        char       **out,
                        GError     **error)
{
  const char *text;

  if (!ef_json_get_string (object, member, FALSE, &text, error) ||
      ef_day_parse_iso (text, error) == EF_DAY_INVALID)
    return FALSE;
  *out = g_strdup (text);
  return TRUE;
}

gboolean
_ef_codec_get_instant (JsonObject  *object,
                       const char  *member,
                       gboolean     nullable,
                       char       **out,
                       GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GDateTime) instant = NULL;
  const char *text;

  if (nullable && (node == NULL || JSON_NODE_HOLDS_NULL (node)))
    return TRUE;
  if (!ef_json_get_string (object, member, FALSE, &text, error))
    return FALSE;
  instant = ef_instant_parse_iso (text, error);
  if (instant == NULL)
    return FALSE;
  *out = g_strdup (text);
  return TRUE;
}

gboolean
_ef_codec_get_enum (JsonObject         *object,
                    const char         *member,
                    const char * const *values,
                    char              **out,
                    GError            **error)
{
  const char *text;

  if (!ef_json_get_string (object, member, FALSE, &text, error))
    return FALSE;
  if (!g_strv_contains (values, text))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   _("The member “%s” has an unknown value “%s”"), member, text);
      return FALSE;
    }
  *out = g_strdup (text);
  return TRUE;
}

gboolean
_ef_codec_read_items (JsonObject         *object,
                      const char         *member,
                      EfCodecItemReader   reader,
                      GPtrArray          *items,
                      GError            **error)
{
  JsonArray *array;

  if (!ef_json_get_array (object, member, FALSE, &array, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *what = g_strdup_printf ("%s[%u]", member, i);
      gpointer item = reader (json_array_get_element (array, i), what, error);

      if (item == NULL)
        return FALSE;
      g_ptr_array_add (items, item);
    }
  return TRUE;
}
