/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-codec-device.h: the contract's Device and DeviceList, the computers
 * an account is remembered on, as plain records and their JSON
 *
 * The server fills these records from its store and answers with
 * ef_device_list_to_json(); the client reads an answer with
 * ef_device_list_from_json() and fills its models from the records. See
 * docs/openapi.yaml for the schemas.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "ef-error.h"
#include "ef-types.h"

G_BEGIN_DECLS

typedef struct
{
  gint64    id;
  char     *client;        /* the application's name */
  char     *since;         /* ISO 8601 instants with the tenant's offset */
  char     *last_used_at;
  char     *expires_at;
  gboolean  current;       /* the device of the session that asked */
} EfDeviceRecord;

/* The JSON members, in the order they are written (NULL-terminated): the
 * properties of Device and of DeviceList. */
extern const char * const ef_device_record_members[];
extern const char * const ef_device_list_members[];

void       ef_device_record_free    (EfDeviceRecord        *device);
gboolean   ef_device_record_equal   (const EfDeviceRecord  *a,
                                     const EfDeviceRecord  *b);
JsonNode  *ef_device_record_to_json (const EfDeviceRecord  *device);
/* A missing member, one of the wrong type, an id below 1 or an instant
 * that is none is an error in EF_API_ERROR naming it; members it does not
 * know are ignored. */
EfDeviceRecord *ef_device_record_from_json (JsonNode   *node,
                                            GError    **error);

/* {"devices": [Device]}, from an array of EfDeviceRecord. */
JsonNode  *ef_device_list_to_json   (GPtrArray             *devices);
/* The devices of a DeviceList, in a new array that frees them. */
GPtrArray *ef_device_list_from_json (JsonNode              *node,
                                     GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfDeviceRecord, ef_device_record_free)

G_END_DECLS
