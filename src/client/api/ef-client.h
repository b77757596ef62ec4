/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-client.h: the portal's HTTP/JSON API, for the pages of the application */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-client-error.h"
#include "ef-credentials.h"
#include "ef-server-clock.h"
#include "models/ef-connection-entry.h"
#include "models/ef-device.h"
#include "models/ef-enrolment.h"
#include "models/ef-family.h"
#include "models/ef-finance.h"
#include "models/ef-invoice.h"
#include "models/ef-member-patch.h"
#include "models/ef-payment-entry.h"
#include "models/ef-payment.h"
#include "models/ef-pending-changes.h"
#include "models/ef-planning.h"
#include "models/ef-reservation-result.h"
#include "models/ef-daily-list.h"
#include "models/ef-staff-family.h"
#include "models/ef-staff-family-summary.h"
#include "models/ef-staff-payment.h"

G_BEGIN_DECLS

/* How long the client waits for the server to send or receive anything. */
#define EF_CLIENT_DEFAULT_TIMEOUT 30

#define EF_TYPE_CLIENT (ef_client_get_type ())
G_DECLARE_FINAL_TYPE (EfClient, ef_client, EF, CLIENT, GObject)

EfClient            *ef_client_new                           (const char           *portal_url);

const char          *ef_client_get_portal_url                (EfClient             *self);
void                 ef_client_set_portal_url                (EfClient             *self,
                                                              const char           *portal_url);
const char          *ef_client_get_tenant_id                 (EfClient             *self);
gboolean             ef_client_has_portal                    (EfClient             *self);
guint                ef_client_get_timeout                   (EfClient             *self);
void                 ef_client_set_timeout                   (EfClient             *self,
                                                              guint                 seconds);
EfCredentials       *ef_client_get_credentials               (EfClient             *self);
void                 ef_client_set_credentials               (EfClient             *self,
                                                              EfCredentials        *credentials);

gboolean             ef_client_get_signed_in                 (EfClient             *self);
const char          *ef_client_get_account_email             (EfClient             *self);
gint64               ef_client_get_account_member_id         (EfClient             *self);
gboolean             ef_client_get_is_staff                  (EfClient             *self);
const char          *ef_client_get_staff_name                (EfClient             *self);
const char * const  *ef_client_get_staff_roles               (EfClient             *self);
EfFamily            *ef_client_get_family                    (EfClient             *self);
GListModel          *ef_client_get_members                   (EfClient             *self);

EfServerClock       *ef_client_get_clock                     (EfClient             *self);
GDateTime           *ef_client_get_now                       (EfClient             *self);
EfDay                ef_client_get_today                     (EfClient             *self);
GTimeZone           *ef_client_get_time_zone                 (EfClient             *self);

char                *ef_client_normalize_portal_url          (const char           *text,
                                                              char                **tenant_id,
                                                              GError              **error);
char                *ef_client_parse_account_token           (const char           *text);

void                 ef_client_get_portal_async              (EfClient             *self,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
EfPortal            *ef_client_get_portal_finish             (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

void                 ef_client_sign_in_async                 (EfClient             *self,
                                                              const char           *email,
                                                              const char           *password,
                                                              gboolean              remember,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
void                 ef_client_sign_in_remembered_async      (EfClient             *self,
                                                              const char           *email,
                                                              const char           *secret,
                                                              EfSecretKind          kind,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gboolean             ef_client_sign_in_finish                (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                 ef_client_start_remembered              (EfClient             *self);
void                 ef_client_lookup_remembered_async       (EfClient             *self,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gboolean             ef_client_lookup_remembered_finish      (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              char                **email,
                                                              char                **secret,
                                                              EfSecretKind         *kind,
                                                              GError              **error);
void                 ef_client_sign_out_async                (EfClient             *self,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gboolean             ef_client_sign_out_finish               (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

void                 ef_client_open_family_session_async     (EfClient             *self,
                                                              gint64                family_id,
                                                              const char           *via,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
EfClient            *ef_client_open_family_session_finish    (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                 ef_client_set_cache_dir                 (EfClient             *self,
                                                              const char           *cache_dir);
gboolean             ef_client_get_offline                   (EfClient             *self);
GDateTime           *ef_client_get_offline_since             (EfClient             *self);
gboolean             ef_client_get_offline_ready             (EfClient             *self);
void                 ef_client_open_offline_async            (EfClient             *self,
                                                              const char           *email,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gboolean             ef_client_open_offline_finish           (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                 ef_client_set_state_dir                 (EfClient             *self,
                                                              const char           *state_dir);
const char          *ef_client_get_state_dir                 (EfClient             *self);
char                *ef_client_get_state_path                (EfClient             *self,
                                                              const char           *kind);
gint64               ef_client_get_on_behalf_family_id       (EfClient             *self);
const char          *ef_client_get_on_behalf_family_name     (EfClient             *self);

void                 ef_client_accept_invitation_async       (EfClient             *self,
                                                              const char           *token,
                                                              const char           *password,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
char                *ef_client_accept_invitation_finish      (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                 ef_client_request_password_reset_async  (EfClient             *self,
                                                              const char           *email,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
gboolean             ef_client_request_password_reset_finish (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                 ef_client_reset_password_async          (EfClient             *self,
                                                              const char           *token,
                                                              const char           *password,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
char                *ef_client_reset_password_finish         (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

void                 ef_client_get_family_async              (EfClient             *self,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
EfFamily            *ef_client_get_family_finish             (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                 ef_client_update_member_async           (EfClient             *self,
                                                              gint64                member_id,
                                                              EfMemberPatch        *patch,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
EfMember            *ef_client_update_member_finish          (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

void                 ef_client_get_enrolments_async          (EfClient             *self,
                                                              gint64                member_id,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
GListModel          *ef_client_get_enrolments_finish         (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                 ef_client_get_planning_async            (EfClient             *self,
                                                              gint64                member_id,
                                                              EfDay                 first_day,
                                                              EfDay                 last_day,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
EfPlanning          *ef_client_get_planning_finish           (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                 ef_client_save_reservations_async       (EfClient             *self,
                                                              EfPendingChanges     *changes,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
EfReservationResult *ef_client_save_reservations_finish      (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

/**
 * EfInvoiceFilter:
 * @EF_INVOICE_FILTER_ALL: every invoice
 * @EF_INVOICE_FILTER_TO_PAY: the invoices still to pay
 * @EF_INVOICE_FILTER_SETTLED: the settled invoices
 */
typedef enum {
  EF_INVOICE_FILTER_ALL,
  EF_INVOICE_FILTER_TO_PAY,
  EF_INVOICE_FILTER_SETTLED,
} EfInvoiceFilter;

void                 ef_client_get_invoices_async            (EfClient             *self,
                                                              EfInvoiceFilter       filter,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
GListModel          *ef_client_get_invoices_finish           (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                 ef_client_get_invoice_async             (EfClient             *self,
                                                              gint64                invoice_id,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
EfInvoice           *ef_client_get_invoice_finish            (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                 ef_client_get_invoice_pdf_async         (EfClient             *self,
                                                              gint64                invoice_id,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
GBytes              *ef_client_get_invoice_pdf_finish        (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                 ef_client_get_finance_async             (EfClient             *self,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
EfFinance           *ef_client_get_finance_finish            (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                 ef_client_create_payment_async          (EfClient             *self,
                                                              const gint64         *invoice_ids,
                                                              guint                 n_invoice_ids,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
EfPayment           *ef_client_create_payment_finish         (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                 ef_client_get_payment_async             (EfClient             *self,
                                                              gint64                payment_id,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
EfPayment           *ef_client_get_payment_finish            (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                 ef_client_get_payments_async            (EfClient             *self,
                                                              gboolean              pending_only,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
GListModel          *ef_client_get_payments_finish           (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                 ef_client_get_connection_history_async  (EfClient             *self,
                                                              EfDay                 first_day,
                                                              EfDay                 last_day,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
GListModel          *ef_client_get_connection_history_finish (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                 ef_client_get_payment_history_async     (EfClient             *self,
                                                              EfDay                 first_day,
                                                              EfDay                 last_day,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
GListModel          *ef_client_get_payment_history_finish    (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

void                 ef_client_notify_billing_changed        (EfClient             *self);

/* The town hall's back office (ef-client-staff.c): staff sessions only. */

/**
 * EfDailyListFormat:
 * @EF_DAILY_LIST_FORMAT_CSV: a CSV table, UTF-8
 * @EF_DAILY_LIST_FORMAT_PDF: a PDF document to print
 */
typedef enum {
  EF_DAILY_LIST_FORMAT_CSV,
  EF_DAILY_LIST_FORMAT_PDF,
} EfDailyListFormat;

void                 ef_client_search_families_async         (EfClient             *self,
                                                              const char           *query,
                                                              guint                 page,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
GListModel          *ef_client_search_families_finish        (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              guint                *total,
                                                              GError              **error);
void                 ef_client_get_staff_family_async        (EfClient             *self,
                                                              gint64                family_id,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
EfStaffFamily       *ef_client_get_staff_family_finish       (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                 ef_client_record_payment_async          (EfClient             *self,
                                                              gint64                family_id,
                                                              EfPaymentChannel      channel,
                                                              const gint64         *invoice_ids,
                                                              guint                 n_invoice_ids,
                                                              EfCents               amount,
                                                              const char           *cheque_number,
                                                              const char           *note,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
EfStaffPayment      *ef_client_record_payment_finish         (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                 ef_client_get_receipt_pdf_async         (EfClient             *self,
                                                              gint64                payment_id,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
GBytes              *ef_client_get_receipt_pdf_finish        (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                 ef_client_cancel_payment_async          (EfClient             *self,
                                                              gint64                payment_id,
                                                              const char           *reason,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
EfStaffPayment      *ef_client_cancel_payment_finish         (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                 ef_client_get_day_payments_async        (EfClient             *self,
                                                              EfDay                 day,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
GListModel          *ef_client_get_day_payments_finish       (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              EfPaymentTotals      *totals,
                                                              GError              **error);
void                 ef_client_get_daily_lists_async         (EfClient             *self,
                                                              EfDay                 day,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
GListModel          *ef_client_get_daily_lists_finish        (EfClient             *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
void                 ef_client_get_daily_lists_document_async  (EfClient           *self,
                                                                EfDay               day,
                                                                EfDailyListFormat   format,
                                                                GCancellable       *cancellable,
                                                                GAsyncReadyCallback callback,
                                                                gpointer            user_data);
GBytes              *ef_client_get_daily_lists_document_finish (EfClient           *self,
                                                                GAsyncResult       *result,
                                                                GError            **error);

/* The reminders by e-mail (ef-client-reminders.c) */

/**
 * EfEmailReminders:
 * @available: whether the municipality sends reminders by e-mail
 * @deadlines: the parent asked for the deadlines of reserved days
 * @due_dates: the parent asked for the invoices soon due
 * @hours_before: how long before a deadline (1–168)
 */
typedef struct {
  gboolean available;
  gboolean deadlines;
  gboolean due_dates;
  guint    hours_before;
} EfEmailReminders;

void                 ef_client_get_email_reminders_async     (EfClient               *self,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
gboolean             ef_client_get_email_reminders_finish    (EfClient               *self,
                                                              GAsyncResult           *result,
                                                              EfEmailReminders       *reminders,
                                                              GError                **error);
void                 ef_client_set_email_reminders_async     (EfClient               *self,
                                                              const EfEmailReminders *reminders,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
gboolean             ef_client_set_email_reminders_finish    (EfClient               *self,
                                                              GAsyncResult           *result,
                                                              EfEmailReminders       *reminders,
                                                              GError                **error);

/* The computers the account is remembered on (ef-client-devices.c) */

void                 ef_client_list_devices_async            (EfClient               *self,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
GListModel          *ef_client_list_devices_finish           (EfClient               *self,
                                                              GAsyncResult           *result,
                                                              GError                **error);
void                 ef_client_forget_device_async           (EfClient               *self,
                                                              EfDevice               *device,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
gboolean             ef_client_forget_device_finish          (EfClient               *self,
                                                              GAsyncResult           *result,
                                                              GError                **error);

G_END_DECLS
