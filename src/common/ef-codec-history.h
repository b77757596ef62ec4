/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-codec-history.h: an entry of the contract's ConnectionHistory, as a
 * plain record and its JSON (the payments' entries are PaymentEntry, in
 * ef-codec-billing.h)
 *
 * The server fills these records from its store and answers with
 * ef_*_record_to_json(); the client reads an answer with
 * ef_*_record_from_json() and fills its GObject models from the record.
 * See docs/openapi.yaml for the schemas.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "ef-error.h"
#include "ef-types.h"

G_BEGIN_DECLS

typedef struct
{
  char     *at;        /* ISO 8601 instant with the tenant's offset */
  EfDay     day;       /* @at's day in the tenant's zone */
  char     *time;      /* @at's "HH:MM" in the tenant's zone */
  char     *result;    /* one of ef_connection_results */
  gboolean  success;
  char     *client;
  char     *email;     /* the account signed in to */
} EfConnectionEntryRecord;

/* The values of ConnectionHistory.connections[].result (NULL-terminated). */
extern const char * const ef_connection_results[];

/* The JSON members it writes, in order (NULL-terminated): the properties
 * of the items of ConnectionHistory.connections. */
extern const char * const ef_connection_entry_record_members[];

void      ef_connection_entry_record_free  (EfConnectionEntryRecord       *entry);
gboolean  ef_connection_entry_record_equal (const EfConnectionEntryRecord *a,
                                            const EfConnectionEntryRecord *b);
JsonNode *ef_connection_entry_record_to_json (const EfConnectionEntryRecord *entry);
/* A missing member, one of the wrong type, a day or an instant that is
 * none is an error in EF_API_ERROR naming it. Members it does not know are
 * ignored, and so is a result it does not know (kept as it is). */
EfConnectionEntryRecord *ef_connection_entry_record_from_json (JsonNode  *node,
                                                               GError   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfConnectionEntryRecord, ef_connection_entry_record_free)

G_END_DECLS
