/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-json.c: small, strict helpers on json-glib */

#define G_LOG_DOMAIN "EfCommon"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ef-json.h"

/* Returns the member node, or NULL after setting @error (required member)
 * or not (optional member). */
static JsonNode *
lookup_member (JsonObject  *object,
               const char  *member,
               gboolean     optional,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL && !optional)
    g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                 _("The member “%s” is missing"), member);

  return node;
}

static gboolean
node_holds_value_type (JsonNode *node,
                       GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/* json-glib 1.6 turns a lone surrogate escape into invalid UTF-8. */
static gboolean
node_is_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        if (!g_utf8_validate (name, -1, NULL) || !node_is_text (member))
          return FALSE;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!node_is_text (json_array_get_element (array, i)))
          return FALSE;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_utf8_validate (json_node_get_string (node), -1, NULL);
  return TRUE;
}

/**
 * ef_json_parse:
 * @data: JSON text, UTF-8
 * @length: the length of @data, or -1 when NUL-terminated
 * @error: return location for an error
 *
 * Returns: (transfer full): the root node, or %NULL with
 *   %EF_API_ERROR_MALFORMED_JSON
 */
JsonNode *
ef_json_parse (const char  *data,
               gssize       length,
               GError     **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = strlen (data);

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_MALFORMED_JSON,
                           _("Malformed JSON: the text is not valid UTF-8"));
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data != NULL ? data : "", length, &local_error))
    {
      g_autofree char *valid = g_utf8_make_valid (local_error->message, -1);
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_MALFORMED_JSON,
                   _("Malformed JSON: %s"), valid);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_MALFORMED_JSON,
                           _("Malformed JSON: the text is empty"));
      return NULL;
    }

  if (!node_is_text (root))
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_MALFORMED_JSON,
                           _("Malformed JSON: the text is not valid UTF-8"));
      return NULL;
    }

  return json_node_ref (root);
}

/**
 * ef_json_parse_object:
 * @data: JSON text, UTF-8
 * @length: the length of @data, or -1 when NUL-terminated
 * @error: return location for an error
 *
 * Returns: (transfer full): the root object, or %NULL with
 *   %EF_API_ERROR_MALFORMED_JSON (also when the root is not an object)
 */
JsonObject *
ef_json_parse_object (const char  *data,
                      gssize       length,
                      GError     **error)
{
  g_autoptr (JsonNode) root = NULL;

  root = ef_json_parse (data, length, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_MALFORMED_JSON,
                           _("Malformed JSON: a JSON object was expected"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/**
 * ef_json_to_string:
 * @node: a #JsonNode
 * @pretty: whether to indent the output
 *
 * Returns: (transfer full): the JSON text of @node
 */
char *
ef_json_to_string (JsonNode *node,
                   gboolean  pretty)
{
  g_return_val_if_fail (node != NULL, NULL);

  return json_to_string (node, pretty);
}

/**
 * ef_json_get_string:
 *
 * JSON null is not a string: a member holding null is of the wrong type,
 * even when @optional. The same holds for every typed getter.
 */
gboolean
ef_json_get_string (JsonObject  *object,
                    const char  *member,
                    gboolean     optional,
                    const char **out,
                    GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  node = lookup_member (object, member, optional, error);
  if (node == NULL)
    return optional;

  if (!node_holds_value_type (node, G_TYPE_STRING))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   _("The member “%s” must be a string"), member);
      return FALSE;
    }

  if (!g_utf8_validate (json_node_get_string (node), -1, NULL))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   _("The member “%s” must be a string"), member);
      return FALSE;
    }
  *out = json_node_get_string (node);
  return TRUE;
}

/**
 * ef_json_get_int:
 *
 * Only JSON integers are accepted: 3.0, "3" and true are refused.
 */
gboolean
ef_json_get_int (JsonObject  *object,
                 const char  *member,
                 gboolean     optional,
                 gint64      *out,
                 GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  node = lookup_member (object, member, optional, error);
  if (node == NULL)
    return optional;

  if (!node_holds_value_type (node, G_TYPE_INT64))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   _("The member “%s” must be an integer"), member);
      return FALSE;
    }

  *out = json_node_get_int (node);
  return TRUE;
}

gboolean
ef_json_get_bool (JsonObject  *object,
                  const char  *member,
                  gboolean     optional,
                  gboolean    *out,
                  GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  node = lookup_member (object, member, optional, error);
  if (node == NULL)
    return optional;

  if (!node_holds_value_type (node, G_TYPE_BOOLEAN))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   _("The member “%s” must be true or false"), member);
      return FALSE;
    }

  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
ef_json_get_object (JsonObject  *object,
                    const char  *member,
                    gboolean     optional,
                    JsonObject **out,
                    GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  node = lookup_member (object, member, optional, error);
  if (node == NULL)
    return optional;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   _("The member “%s” must be an object"), member);
      return FALSE;
    }

  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
ef_json_get_array (JsonObject  *object,
                   const char  *member,
                   gboolean     optional,
                   JsonArray  **out,
                   GError     **error)
{
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  node = lookup_member (object, member, optional, error);
  if (node == NULL)
    return optional;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   _("The member “%s” must be an array"), member);
      return FALSE;
    }

  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
ef_json_check_members (JsonObject          *object,
                       const char * const  *allowed,
                       GError             **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (allowed != NULL, FALSE);

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (!g_strv_contains (allowed, name))
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_FIELD,
                       _("Unknown member “%s”"), name);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * ef_json_error_body:
 * @code: the error code
 * @message: a sentence for a person (already translated)
 * @details: (nullable): more information; the "details" member is left out
 *   when %NULL
 *
 * Returns: (transfer full): {"error": {"code", "message", "details"}}
 */
JsonNode *
ef_json_error_body (EfApiError  code,
                    const char *message,
                    JsonArray  *details)
{
  g_autoptr (JsonObject) error_object = json_object_new ();
  g_autoptr (JsonObject) root = json_object_new ();
  JsonNode *node;

  g_return_val_if_fail (message != NULL, NULL);

  json_object_set_string_member (error_object, "code", ef_api_error_to_string (code));
  json_object_set_string_member (error_object, "message", message);
  if (details != NULL)
    json_object_set_array_member (error_object, "details", json_array_ref (details));

  json_object_set_object_member (root, "error", g_steal_pointer (&error_object));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, root);

  return node;
}

/**
 * ef_json_error_from_body:
 * @node: (nullable): the body of an error response
 * @error_out: (out) (optional): the error the body describes
 * @details: (out) (optional) (transfer full) (nullable): its details
 *
 * Reads {"error": {"code", "message", "details"}}. An unknown code becomes
 * %EF_API_ERROR_INTERNAL with the message kept; a missing message becomes
 * the code string.
 *
 * When @node is not such a body, returns %FALSE, *@details is %NULL and
 * *@error_out still receives an error (%EF_API_ERROR_INTERNAL, "unexpected
 * answer"), so that a caller can always report something.
 *
 * Returns: whether @node was a well-formed error body
 */
gboolean
ef_json_error_from_body (JsonNode    *node,
                         GError     **error_out,
                         JsonArray  **details)
{
  JsonObject *root;
  JsonObject *error_object = NULL;
  JsonArray *details_array = NULL;
  const char *code_text = NULL;
  const char *message = NULL;
  EfApiError code;

  if (details != NULL)
    *details = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    goto malformed;

  root = json_node_get_object (node);
  if (!ef_json_get_object (root, "error", FALSE, &error_object, NULL) ||
      !ef_json_get_string (error_object, "code", FALSE, &code_text, NULL) ||
      !ef_json_get_string (error_object, "message", TRUE, &message, NULL) ||
      !ef_json_get_array (error_object, "details", TRUE, &details_array, NULL))
    goto malformed;

  code = ef_api_error_from_string (code_text, NULL);
  g_set_error_literal (error_out, EF_API_ERROR, code,
                       message != NULL ? message : code_text);
  if (details != NULL && details_array != NULL)
    *details = json_array_ref (details_array);

  return TRUE;

malformed:
  g_set_error_literal (error_out, EF_API_ERROR, EF_API_ERROR_INTERNAL,
                       _("The server sent an unexpected answer"));
  return FALSE;
}
