/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-gdpr.h: all of a family's personal data, for its export
 * (GDPR article 15), and its erasure (article 17)
 *
 * What is read, erased and kept is documented in docs/gdpr.md.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ef-store.h"

G_BEGIN_DECLS

/* The family of @tenant_id with an account whose login is @email, or else
 * a member with this e-mail (any case); 0 without error when there is
 * none, EF_API_ERROR_VALIDATION when members of several families have it. */
gint64      ef_store_find_family_by_email (EfStore      *self,
                                           const char   *tenant_id,
                                           const char   *email,
                                           GError      **error);

/* A read transaction: what is read until ef_store_end_read() is one state
 * of the database, whatever other processes write meanwhile. */
gboolean    ef_store_begin_read           (EfStore      *self,
                                           GError      **error);
void        ef_store_end_read             (EfStore      *self);

typedef enum {
  EF_FAMILY_RECORDS_ACCOUNTS,
  EF_FAMILY_RECORDS_SESSIONS,
  EF_FAMILY_RECORDS_CONNECTIONS,
  EF_FAMILY_RECORDS_RESERVATIONS,
  EF_FAMILY_RECORDS_RESERVATION_CHANGES,
  EF_FAMILY_RECORDS_ONLINE_PAYMENTS,
  EF_FAMILY_RECORDS_MAILS,
  EF_FAMILY_RECORDS_DEVICES,
} EfFamilyRecords;

/* The family's records of one kind, oldest first, each a JSON object of
 * the fields docs/gdpr.md lists: "at" and "…_at" are instants (ISO 8601 in
 * @tz), "is_…", "was_…" and "has_…" booleans. Never a password hash, a token digest
 * or a mail body that holds a single-use link. */
JsonArray  *ef_store_list_family_records  (EfStore         *self,
                                           gint64           family_id,
                                           EfFamilyRecords  kind,
                                           GTimeZone       *tz,
                                           GError         **error);

/**
 * EfErasureReport:
 *
 * What ef_store_erase_family() changed, or would change: members and
 * pick-up persons whose data went, accounts (their sessions and tokens
 * with them), entries of the connection log, mails of the outbox, changes
 * of the reservations' log that lost who made them, invoice lines renamed,
 * online payment operations without their e-mail and object, and labels
 * (of invoices, their lines and payments) from which personal data was cut.
 */
typedef struct {
  guint members;
  guint phones;
  guint pickup_persons;
  guint accounts;
  guint sessions;
  guint connections;
  guint mails;
  guint reservation_changes;
  guint invoice_lines;
  guint online_payments;
  guint labels;
} EfErasureReport;

/* Erases the personal data of the family @family_id of @tenant_id in one
 * transaction, keeping its invoices and payments (amounts, numbers, dates,
 * statuses) without names, and fills @report. With @dry_run everything is
 * done and counted, then rolled back. Deleted and overwritten content is
 * zeroed in the pages written (secure_delete). EF_API_ERROR_NOT_FOUND for
 * no such family; EF_API_ERROR_PAYMENT_IN_PROGRESS while one of its
 * payments is pending. */
gboolean    ef_store_erase_family         (EfStore          *self,
                                           const char       *tenant_id,
                                           gint64            family_id,
                                           gint64            now,
                                           gboolean          dry_run,
                                           EfErasureReport  *report,
                                           GError          **error);

/* Rewrites the whole database file (VACUUM) and empties its write-ahead
 * log into it (checkpoint TRUNCATE), so that no earlier version of a page
 * is left in either file. A checkpoint of another connection (a running
 * server's) is waited for, up to about five seconds. EF_STORE_ERROR_SQL
 * when another connection keeps the log busy longer (a long read): nothing
 * is lost, run it again. */
gboolean    ef_store_compact              (EfStore          *self,
                                           GError          **error);

G_END_DECLS
