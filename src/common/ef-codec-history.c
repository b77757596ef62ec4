/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-codec-history.c: an entry of the contract's ConnectionHistory, as a
 * plain record and its JSON */

#define G_LOG_DOMAIN "EfCommon"

#include "config.h"

#include "ef-codec-history.h"
#include "ef-codec-private.h"
#include "ef-json.h"

const char * const ef_connection_results[] = { "ok", "bad_credentials", "locked", NULL };

const char * const ef_connection_entry_record_members[] = {
  "at", "day", "time", "result", "success", "client", "email", NULL
};

void
ef_connection_entry_record_free (EfConnectionEntryRecord *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->time);
  g_free (entry->result);
  g_free (entry->client);
  g_free (entry->email);
  g_free (entry);
}

gboolean
ef_connection_entry_record_equal (const EfConnectionEntryRecord *a,
                                  const EfConnectionEntryRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strcmp0 (a->at, b->at) == 0 &&
         a->day == b->day &&
         g_strcmp0 (a->time, b->time) == 0 &&
         g_strcmp0 (a->result, b->result) == 0 &&
         a->success == b->success &&
         g_strcmp0 (a->client, b->client) == 0 &&
         g_strcmp0 (a->email, b->email) == 0;
}

JsonNode *
ef_connection_entry_record_to_json (const EfConnectionEntryRecord *entry)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (entry != NULL, NULL);

  json_builder_begin_object (builder);
  _ef_codec_add_string (builder, "at", entry->at);
  _ef_codec_add_day (builder, "day", entry->day);
  _ef_codec_add_string (builder, "time", entry->time);
  _ef_codec_add_string (builder, "result", entry->result);
  _ef_codec_add_bool (builder, "success", entry->success);
  _ef_codec_add_string (builder, "client", entry->client);
  _ef_codec_add_string (builder, "email", entry->email);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

EfConnectionEntryRecord *
ef_connection_entry_record_from_json (JsonNode  *node,
                                      GError   **error)
{
  g_autoptr(EfConnectionEntryRecord) entry = g_new0 (EfConnectionEntryRecord, 1);
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _ef_codec_require_object (node, "connection", error);
  if (object == NULL ||
      !_ef_codec_get_instant (object, "at", FALSE, &entry->at, error) ||
      !_ef_codec_get_day (object, "day", &entry->day, error) ||
      !_ef_codec_get_string (object, "time", &entry->time, error) ||
      !_ef_codec_get_string (object, "result", &entry->result, error) ||
      !ef_json_get_bool (object, "success", FALSE, &entry->success, error) ||
      !_ef_codec_get_string (object, "client", &entry->client, error) ||
      !_ef_codec_get_string (object, "email", &entry->email, error))
    return NULL;
  return g_steal_pointer (&entry);
}
