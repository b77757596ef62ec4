/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-request.h: reading requests — JSON bodies, path ids, instants */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The request body as a JSON object (a new reference). A body that is not
 * `application/json` is EF_API_ERROR_UNSUPPORTED_MEDIA; bad JSON or
 * another root is EF_API_ERROR_MALFORMED_JSON. */
JsonObject *ef_request_read_json_object (SoupServerMessage  *msg,
                                         GError            **error);

/* A path id: 1 to 18 digits, not starting with 0; 0 when @text is not. */
gint64      ef_request_parse_id         (const char         *text);

G_END_DECLS
