/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-json.h: small, strict helpers on json-glib */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "ef-error.h"

G_BEGIN_DECLS

/* The deepest nesting of arrays and objects ef_json_parse() accepts. */
#define EF_JSON_MAX_DEPTH 64

/* Parses @data as strict JSON (RFC 8259, see ef-json.c for what else is
 * refused); any problem becomes EF_API_ERROR_MALFORMED_JSON.
 * @length -1 for NUL-terminated. */
JsonNode   *ef_json_parse                (const char  *data,
                                          gssize       length,
                                          GError     **error);
/* The same, and the root must be an object. */
JsonObject *ef_json_parse_object         (const char  *data,
                                          gssize       length,
                                          GError     **error);
char       *ef_json_to_string            (JsonNode    *node,
                                          gboolean     pretty);

/* Typed getters that fail with EF_API_ERROR_INVALID_FIELD naming the member
 * when it is missing (unless @optional) or of the wrong type. On a missing
 * optional member they leave *out untouched and return TRUE. */
gboolean    ef_json_get_string           (JsonObject  *object,
                                          const char  *member,
                                          gboolean     optional,
                                          const char **out,
                                          GError     **error);
gboolean    ef_json_get_int              (JsonObject  *object,
                                          const char  *member,
                                          gboolean     optional,
                                          gint64      *out,
                                          GError     **error);
gboolean    ef_json_get_bool             (JsonObject  *object,
                                          const char  *member,
                                          gboolean     optional,
                                          gboolean    *out,
                                          GError     **error);
gboolean    ef_json_get_object           (JsonObject  *object,
                                          const char  *member,
                                          gboolean     optional,
                                          JsonObject **out,
                                          GError     **error);
gboolean    ef_json_get_array            (JsonObject  *object,
                                          const char  *member,
                                          gboolean     optional,
                                          JsonArray  **out,
                                          GError     **error);

/* Fails with EF_API_ERROR_UNKNOWN_FIELD if @object has a member not in the
 * NULL-terminated @allowed list. */
gboolean    ef_json_check_members        (JsonObject  *object,
                                          const char * const *allowed,
                                          GError     **error);

/* {"error": {"code": …, "message": …, "details": [...]}}. @details may be NULL. */
JsonNode   *ef_json_error_body           (EfApiError   code,
                                          const char  *message,
                                          JsonArray   *details);
/* Reads such a body; returns a GError in EF_API_ERROR with the message and
 * stores the details array (may be NULL) in @details. */
gboolean    ef_json_error_from_body      (JsonNode    *node,
                                          GError     **error_out,
                                          JsonArray  **details);

G_END_DECLS
