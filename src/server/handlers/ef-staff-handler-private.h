/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-handler-private.h: what the staff handlers share */

#pragma once

#include <json-glib/json-glib.h>

#include "ef-common.h"
#include "http/ef-auth.h"
#include "store/ef-store-billing.h"
#include "ef-staff-handler.h"

G_BEGIN_DECLS

/* The request's JSON object, with its optional member "via" ("counter" or
 * "phone") taken out of it into *@via; answers the error and returns
 * NULL otherwise. */
JsonObject *_ef_staff_read_body        (SoupServerMessage  *msg,
                                        char              **via);
/* Answers @error if it is the server's own, 404 with @message otherwise
 * (what is missing, or what the store refused to name). */
void        _ef_staff_respond_not_found (SoupServerMessage *msg,
                                         const GError      *error,
                                         const char        *message);
/* The caller, an agent who may read the family of the path's {id}
 * (*@family_id); answers the error and returns NULL otherwise. */
EfCaller   *_ef_staff_require_family   (EfServer           *server,
                                        SoupServerMessage  *msg,
                                        GHashTable         *params,
                                        gint64             *family_id);
/* Whether the caller's agent may read @family_id; answers 404 with
 * @message otherwise (the message of what the path names, so that another
 * service's is answered exactly like what does not exist). */
gboolean    _ef_staff_check_family     (EfServer           *server,
                                        SoupServerMessage  *msg,
                                        const EfCaller     *caller,
                                        gint64              family_id,
                                        const char         *message);
/* Whether an agent sees @invoice: an invoice of one of its services. */
gboolean    _ef_staff_sees_invoice     (const EfStaffAgent *agent,
                                        const EfInvoice    *invoice);
/* Whether an agent sees @payment: it pays an invoice of one of its
 * services (@services_of maps its invoices' ids to their service). */
gboolean    _ef_staff_sees_payment     (EfStore            *store,
                                        const EfStaffAgent *agent,
                                        const EfPayment    *payment,
                                        GError            **error);
/* Writes one audit row for the caller's agent at the server's now. */
gboolean    _ef_staff_audit            (EfServer           *server,
                                        const EfCaller     *caller,
                                        gint64              family_id,
                                        const char         *action,
                                        const char         *target,
                                        JsonNode           *before,
                                        JsonNode           *after,
                                        const char         *via,
                                        GError            **error);
/* The API's StaffPayment: a PaymentEntry with what the town hall keeps
 * (ef-codec-staff.h), and its JSON. */
EfStaffPaymentRecord *_ef_staff_payment_record_new (const EfPayment *payment,
                                                    GTimeZone       *tz);
JsonNode   *_ef_staff_payment_to_json  (const EfPayment    *payment,
                                        GTimeZone          *tz);

G_END_DECLS
