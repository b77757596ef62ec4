/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-codec-private.h: what the codecs of ef-codec-*.c share to write and
 * read their members, so that each member type is written and checked one
 * way */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "ef-types.h"

G_BEGIN_DECLS

/* Writing, with a JsonBuilder inside an object. */
/* A NULL @value is written null. */
void        _ef_codec_add_string           (JsonBuilder        *builder,
                                            const char         *name,
                                            const char         *value);
void        _ef_codec_add_int              (JsonBuilder        *builder,
                                            const char         *name,
                                            gint64              value);
/* An id: 0 is written null. */
void        _ef_codec_add_id               (JsonBuilder        *builder,
                                            const char         *name,
                                            gint64              id);
/* YYYY-MM-DD; EF_DAY_INVALID is written null. */
void        _ef_codec_add_day              (JsonBuilder        *builder,
                                            const char         *name,
                                            EfDay               day);
void        _ef_codec_add_bool             (JsonBuilder        *builder,
                                            const char         *name,
                                            gboolean            value);

/* Reading: each fails with an error in EF_API_ERROR naming the member. */
/* @what names @node in the error: a member, or an element ("phones[1]"). */
JsonObject *_ef_codec_require_object       (JsonNode           *node,
                                            const char         *what,
                                            GError            **error);
/* A copy of a string member in *@out. */
gboolean    _ef_codec_get_string           (JsonObject         *object,
                                            const char         *member,
                                            char              **out,
                                            GError            **error);
/* The same; null or absent leaves *@out NULL. */
gboolean    _ef_codec_get_nullable_string  (JsonObject         *object,
                                            const char         *member,
                                            char              **out,
                                            GError            **error);
/* An id: an integer of at least 1 (a record's id, a member's, a
 * family's), EF_API_ERROR_INVALID_FIELD otherwise. */
gboolean    _ef_codec_get_id               (JsonObject         *object,
                                            const char         *member,
                                            gint64             *out,
                                            GError            **error);
/* A quantity: an integer of at least 1. */
gboolean    _ef_codec_get_positive         (JsonObject         *object,
                                            const char         *member,
                                            gint64             *out,
                                            GError            **error);
/* A count, a page, a version, a price: an integer of at least 0. */
gboolean    _ef_codec_get_natural          (JsonObject         *object,
                                            const char         *member,
                                            gint64             *out,
                                            GError            **error);
/* An id, or null or absent: 0. */
gboolean    _ef_codec_get_nullable_id      (JsonObject         *object,
                                            const char         *member,
                                            gint64             *out,
                                            GError            **error);
/* A day written YYYY-MM-DD (EF_API_ERROR_INVALID_DATE when it is none). */
gboolean    _ef_codec_get_day              (JsonObject         *object,
                                            const char         *member,
                                            EfDay              *out,
                                            GError            **error);
/* The same, kept as written. */
gboolean    _ef_codec_get_day_text         (JsonObject         *object,
                                            const char         *member,
                                            char              **out,
                                            GError            **error);
/* An ISO 8601 instant with an offset, kept as written; with @nullable,
 * null or absent leaves *@out NULL. */
gboolean    _ef_codec_get_instant          (JsonObject         *object,
                                            const char         *member,
                                            gboolean            nullable,
                                            char              **out,
                                            GError            **error);
/* A string member that must be one of @values. */
gboolean    _ef_codec_get_enum             (JsonObject         *object,
                                            const char         *member,
                                            const char * const *values,
                                            char              **out,
                                            GError            **error);

/* Reads an element of an array; @what names it for the errors. */
typedef gpointer (*EfCodecItemReader) (JsonNode    *node,
                                       const char  *what,
                                       GError     **error);

/* Reads each element of the array @member of @object with @reader into
 * @items. */
gboolean    _ef_codec_read_items           (JsonObject         *object,
                                            const char         *member,
                                            EfCodecItemReader   reader,
                                            GPtrArray          *items,
                                            GError            **error);

G_END_DECLS
