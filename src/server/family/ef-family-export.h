/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-family-export.h: all of a family's data as one JSON document, what a
 * parent may ask for under GDPR article 15 (docs/gdpr.md) */

#pragma once

#include <json-glib/json-glib.h>

#include "store/ef-store.h"

G_BEGIN_DECLS

/* The name and version of the document's format, in its "format" and
 * "version" members. */
#define EF_FAMILY_EXPORT_FORMAT  "espace-famille/family-export"
#define EF_FAMILY_EXPORT_VERSION 1

/* Everything the database holds about the family @family_id of
 * @tenant_id, read in one snapshot: the family and its members, accounts
 * (never a password hash or a token), sessions, connections, enrolments,
 * reservations and their log, invoices with their lines, payments, and the
 * mails written to the family. Instants in the tenant's time zone; @now
 * is the export's. EF_API_ERROR_NOT_FOUND when there is no such family. */
JsonNode *ef_family_export (EfStore     *store,
                            const char  *tenant_id,
                            gint64       family_id,
                            GDateTime   *now,
                            GError     **error);

G_END_DECLS
