/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-codec-device.c: the contract's Device and DeviceList */

#define G_LOG_DOMAIN "EfCommon"

#include "config.h"

#include "ef-codec-device.h"
#include "ef-codec-private.h"
#include "ef-json.h"

const char * const ef_device_record_members[] = {
  "id", "client", "since", "last_used_at", "expires_at", "current", NULL
};

const char * const ef_device_list_members[] = { "devices", NULL };

void
ef_device_record_free (EfDeviceRecord *device)
{
  if (device == NULL)
    return;
  g_free (device->client);
  g_free (device->since);
  g_free (device->last_used_at);
  g_free (device->expires_at);
  g_free (device);
}

gboolean
ef_device_record_equal (const EfDeviceRecord *a,
                        const EfDeviceRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->id == b->id &&
         g_strcmp0 (a->client, b->client) == 0 &&
         g_strcmp0 (a->since, b->since) == 0 &&
         g_strcmp0 (a->last_used_at, b->last_used_at) == 0 &&
         g_strcmp0 (a->expires_at, b->expires_at) == 0 &&
         a->current == b->current;
}

static void
add_device (JsonBuilder          *builder,
            const EfDeviceRecord *device)
{
  json_builder_begin_object (builder);
  _ef_codec_add_id (builder, "id", device->id);
  _ef_codec_add_string (builder, "client", device->client);
  _ef_codec_add_string (builder, "since", device->since);
  _ef_codec_add_string (builder, "last_used_at", device->last_used_at);
  _ef_codec_add_string (builder, "expires_at", device->expires_at);
  _ef_codec_add_bool (builder, "current", device->current);
  json_builder_end_object (builder);
}

JsonNode *
ef_device_record_to_json (const EfDeviceRecord *device)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (device != NULL, NULL);

  add_device (builder, device);
  return json_builder_get_root (builder);
}

static gpointer
read_device (JsonNode    *node,
             const char  *what,
             GError     **error)
{
  g_autoptr(EfDeviceRecord) device = g_new0 (EfDeviceRecord, 1);
  JsonObject *object = _ef_codec_require_object (node, what, error);

  if (object == NULL ||
      !_ef_codec_get_id (object, "id", &device->id, error) ||
      !_ef_codec_get_string (object, "client", &device->client, error) ||
      !_ef_codec_get_instant (object, "since", FALSE, &device->since, error) ||
      !_ef_codec_get_instant (object, "last_used_at", FALSE, &device->last_used_at, error) ||
      !_ef_codec_get_instant (object, "expires_at", FALSE, &device->expires_at, error) ||
      !ef_json_get_bool (object, "current", FALSE, &device->current, error))
    return NULL;
  return g_steal_pointer (&device);
}

EfDeviceRecord *
ef_device_record_from_json (JsonNode  *node,
                            GError   **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_device (node, "device", error);
}

JsonNode *
ef_device_list_to_json (GPtrArray *devices)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (devices != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "devices");
  json_builder_begin_array (builder);
  for (guint i = 0; i < devices->len; i++)
    add_device (builder, g_ptr_array_index (devices, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

GPtrArray *
ef_device_list_from_json (JsonNode  *node,
                          GError   **error)
{
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_device_record_free);
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _ef_codec_require_object (node, "devices", error);
  if (object == NULL || !_ef_codec_read_items (object, "devices", read_device, devices, error))
    return NULL;
  return g_steal_pointer (&devices);
}
