/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-client-json.h: the API's answers, read into the client's models
 *
 * Private to EfClient (and its tests). Every reader is strict: a missing
 * member or one of the wrong type is an error in EF_API_ERROR naming it.
 * They touch no shared state, so that EfClient runs them in a worker.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "models/ef-enrolment.h"
#include "models/ef-connection-entry.h"
#include "models/ef-device.h"
#include "models/ef-family.h"
#include "models/ef-finance.h"
#include "models/ef-invoice.h"
#include "models/ef-payment-entry.h"
#include "models/ef-payment.h"
#include "models/ef-planning.h"
#include "models/ef-reservation-result.h"
#include "models/ef-daily-list.h"
#include "models/ef-staff-family.h"
#include "models/ef-staff-family-summary.h"
#include "models/ef-staff-payment.h"

G_BEGIN_DECLS

typedef struct
{
  char      *token;
  char      *device_token; /* (nullable): given to a remembered device */
  char      *email;
  gint64     account_id;
  gint64     family_id;
  gint64     member_id;    /* 0 for a staff account */
  GDateTime *expires_at;
  gboolean   is_staff;
  char      *staff_name;   /* (nullable): the agent's, for a staff account */
  char     **staff_roles;  /* (nullable): the agent's services, and "admin" */
  gint64     on_behalf_family_id;    /* 0 unless on behalf of a family */
  char      *on_behalf_family_name;  /* (nullable): that family's name */
} EfSessionInfo;

void                 _ef_session_info_free                 (EfSessionInfo  *info);
EfSessionInfo       *_ef_session_info_new_from_json        (JsonNode       *node,
                                                            GError        **error);
char                *_ef_account_email_new_from_json       (JsonNode       *node,
                                                            GError        **error);
EfAddress           *_ef_address_new_from_json             (JsonNode       *node,
                                                            GError        **error);
EfMember            *_ef_member_new_from_json              (JsonNode       *node,
                                                            GError        **error);
EfFamily            *_ef_family_new_from_json              (JsonNode       *node,
                                                            GError        **error);
GListModel          *_ef_enrolments_new_from_json          (JsonNode       *node,
                                                            GError        **error);
EfPlanning          *_ef_planning_new_from_json            (JsonNode       *node,
                                                            GError        **error);
EfReservationResult *_ef_reservation_result_new_from_json  (JsonNode       *node,
                                                            GError        **error);
EfInvoice           *_ef_invoice_new_from_json             (JsonNode       *node,
                                                            GError        **error);
GListModel          *_ef_invoices_new_from_json            (JsonNode       *node,
                                                            GError        **error);
EfFinance           *_ef_finance_new_from_json             (JsonNode       *node,
                                                            GError        **error);
EfPayment           *_ef_payment_new_from_json             (JsonNode       *node,
                                                            GError        **error);
GListModel          *_ef_payments_new_from_json            (JsonNode       *node,
                                                            GError        **error);
GListModel          *_ef_connection_history_new_from_json  (JsonNode       *node,
                                                            GError        **error);
GListModel          *_ef_payment_history_new_from_json     (JsonNode       *node,
                                                            GError        **error);
GListModel          *_ef_devices_new_from_json             (JsonNode       *node,
                                                            GError        **error);

/* A page of the staff's search of families. */
typedef struct
{
  GListModel *families;  /* of EfStaffFamilySummary */
  guint       total;     /* how many match, on every page */
} EfStaffSearch;

/* The counter's payments of a day. */
typedef struct
{
  GListModel      *payments;  /* of EfStaffPayment */
  EfPaymentTotals  totals;
} EfDayPayments;

void                 _ef_staff_search_free                 (EfStaffSearch  *search);
EfStaffSearch       *_ef_staff_search_new_from_json        (JsonNode       *node,
                                                            GError        **error);
EfStaffFamily       *_ef_staff_family_new_from_json        (JsonNode       *node,
                                                            GError        **error);
EfStaffPayment      *_ef_staff_payment_new_from_json       (JsonNode       *node,
                                                            GError        **error);
GListModel          *_ef_daily_lists_new_from_json         (JsonNode       *node,
                                                            GError        **error);
void                 _ef_day_payments_free                 (EfDayPayments  *payments);
EfDayPayments       *_ef_day_payments_new_from_json        (JsonNode       *node,
                                                            GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfSessionInfo, _ef_session_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfStaffSearch, _ef_staff_search_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfDayPayments, _ef_day_payments_free)

G_END_DECLS
