/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-codec-staff.h: the town hall staff's resources of the contract — the
 * search of families (StaffFamilyPage, StaffFamilySummary), a family as the
 * back office reads it (StaffFamily, FamilyAccount), payments at the
 * counter (OfflinePaymentRequest, StaffPayment, StaffDayPayments,
 * PaymentCancelRequest), the audit (StaffAuditPage, StaffAuditEntry), the
 * daily lists (AttendanceLists) and what every action may say (StaffAction,
 * Via), as plain records and their JSON
 *
 * The server fills these records and answers with ef_*_record_to_json(),
 * and reads the requests with ef_*_record_from_json(); the client reads
 * the answers with ef_*_record_from_json(), fills its GObject models from
 * the records, and writes its requests with ef_*_record_to_json(). See
 * docs/openapi.yaml for the schemas.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "ef-codec-billing.h"
#include "ef-codec-family.h"
#include "ef-error.h"
#include "ef-types.h"

G_BEGIN_DECLS

/* An element of StaffFamilySummary.members. */
typedef struct
{
  gint64  id;
  char   *role;          /* one of ef_member_roles */
  char   *first_name;
  char   *last_name;
  char   *birth_date;    /* YYYY-MM-DD */
  char   *email;         /* or NULL */
} EfStaffMemberSummaryRecord;

typedef struct
{
  gint64     id;
  char      *name;
  char      *reference;  /* or NULL */
  GStrv      services;
  GPtrArray *members;    /* EfStaffMemberSummaryRecord */
} EfStaffFamilySummaryRecord;

typedef struct
{
  char      *query;
  gint64     page;
  gint64     per_page;
  gint64     total;      /* the families found in all */
  GPtrArray *families;   /* EfStaffFamilySummaryRecord, this page's */
} EfStaffFamilyPageRecord;

/* FamilyAccount.invitation: the last invitation. */
typedef struct
{
  char     *sent_at;     /* ISO 8601 instants with the tenant's offset */
  char     *expires_at;
  gboolean  used;
  gboolean  expired;
} EfFamilyInvitationRecord;

typedef struct
{
  gint64                    id;
  gint64                    member_id;
  char                     *email;
  gboolean                  has_password;
  gboolean                  locked;
  char                     *locked_until;  /* ISO 8601 instant, or NULL */
  gint64                    failed_logins;
  EfFamilyInvitationRecord *invitation;    /* or NULL */
} EfFamilyAccountRecord;

/* StaffPayment: a PaymentEntry with what the town hall keeps of it. */
typedef struct
{
  EfPaymentEntryRecord *entry;
  gint64                family_id;
  char                 *reference;        /* or NULL */
  char                 *note;             /* "" when there is none */
  char                 *cheque_number;    /* or NULL */
  char                 *receipt_number;   /* or NULL */
  char                 *agent_name;       /* or NULL */
  char                 *cancelled_at;     /* ISO 8601 instant, or NULL */
  char                 *cancel_reason;    /* or NULL */
  char                 *cancelled_paid_at; /* ISO 8601 instant, or NULL */
  char                 *family_name;      /* only in StaffDayPayments: NULL is
                                           * not written */
} EfStaffPaymentRecord;

typedef struct
{
  EfFamilyRecord *family;      /* its reference is written too */
  GPtrArray      *accounts;    /* EfFamilyAccountRecord or NULL, one per
                                * member of @family, in its order */
  GStrv           services;
  GPtrArray      *enrolments;  /* JsonNode: the StaffEnrolments, as written */
  GPtrArray      *invoices;    /* EfInvoiceRecord, newest first */
  EfCents         total_due;
  GPtrArray      *payments;    /* EfStaffPaymentRecord, newest first */
} EfStaffFamilyRecord;

typedef struct
{
  EfDay      day;
  GPtrArray *payments;         /* EfStaffPaymentRecord with their family_name */
  EfCents    totals[4];        /* per channel of ef_counter_channels */
  EfCents    total;
  gint64     count;
} EfStaffDayPaymentsRecord;

typedef struct
{
  gint64     id;
  char      *at;               /* ISO 8601 instant with the tenant's offset */
  gint64     agent_id;         /* 0: null (the agent's account is removed) */
  char      *agent_name;
  char      *agent_email;
  char      *action;           /* ef_staff_audit_actions, or a newer one */
  char      *target;
  JsonNode  *before;           /* NULL: null */
  JsonNode  *after;            /* NULL: null */
  char      *via;              /* one of ef_staff_vias, or NULL */
} EfStaffAuditEntryRecord;

typedef struct
{
  gint64     family_id;
  gint64     page;
  gint64     per_page;
  gint64     total;
  GPtrArray *entries;          /* EfStaffAuditEntryRecord */
} EfStaffAuditPageRecord;

/* AttendanceLists.activities[].sites[].children[] */
typedef struct
{
  gint64    member_id;
  char     *first_name;
  char     *last_name;
  gint64    family_id;
  char     *family_name;
  gboolean  override;          /* reserved by an agent past the deadline */
} EfAttendanceChildRecord;

typedef struct
{
  char      *site;
  gint64     count;
  GPtrArray *children;         /* EfAttendanceChildRecord */
} EfAttendanceSiteRecord;

typedef struct
{
  char      *activity;         /* its code */
  char      *name;
  char      *service;
  char      *closed;           /* why nobody is expected, or NULL */
  gint64     count;
  GPtrArray *sites;            /* EfAttendanceSiteRecord */
} EfAttendanceActivityRecord;

typedef struct
{
  EfDay      day;
  gint64     total;
  GPtrArray *activities;       /* EfAttendanceActivityRecord */
} EfAttendanceListsRecord;

typedef struct
{
  char    *channel;            /* one of ef_counter_channels (checked by
                                * the server) */
  GArray  *invoices;           /* gint64 */
  EfCents  amount;             /* 0: absent (each invoice's whole balance) */
  char    *cheque_number;      /* or NULL: absent, as the others */
  char    *reference;
  char    *note;
  char    *via;                /* one of ef_staff_vias */
} EfOfflinePaymentRequestRecord;

typedef struct
{
  char *reason;
  char *via;                   /* one of ef_staff_vias, or NULL */
} EfPaymentCancelRequestRecord;

/* The values of Via, of the channels of a payment at the counter
 * (OfflinePaymentRequest.channel, the members of
 * StaffDayPayments.totals_cents) and of StaffAuditEntry.action
 * (NULL-terminated). */
extern const char * const ef_staff_vias[];
extern const char * const ef_counter_channels[];
extern const char * const ef_staff_audit_actions[];

/* The JSON members of each record, in the order they are written
 * (NULL-terminated): the properties of its schema. The members of a
 * StaffPayment are those of ef_payment_entry_record_members, then these;
 * those of a StaffFamily, those of ef_family_record_members, then these,
 * and its members' are ef_member_record_members and "account". */
extern const char * const ef_staff_action_members[];
extern const char * const ef_staff_member_patch_members[];
extern const char * const ef_staff_member_summary_record_members[];
extern const char * const ef_staff_family_summary_record_members[];
extern const char * const ef_staff_family_page_record_members[];
extern const char * const ef_family_invitation_record_members[];
extern const char * const ef_family_account_record_members[];
extern const char * const ef_staff_family_record_members[];
extern const char * const ef_staff_family_member_members[];
extern const char * const ef_staff_payment_record_members[];
extern const char * const ef_staff_day_payment_members[];
extern const char * const ef_staff_day_payments_record_members[];
extern const char * const ef_staff_audit_agent_members[];
extern const char * const ef_staff_audit_entry_record_members[];
extern const char * const ef_staff_audit_page_record_members[];
extern const char * const ef_attendance_child_record_members[];
extern const char * const ef_attendance_site_record_members[];
extern const char * const ef_attendance_activity_record_members[];
extern const char * const ef_attendance_lists_record_members[];
extern const char * const ef_offline_payment_request_record_members[];
extern const char * const ef_payment_cancel_request_record_members[];

EfStaffFamilySummaryRecord    *ef_staff_family_summary_record_new    (void);
void                           ef_staff_member_summary_record_free   (EfStaffMemberSummaryRecord          *member);
void                           ef_staff_family_summary_record_free   (EfStaffFamilySummaryRecord          *family);
EfStaffFamilyPageRecord       *ef_staff_family_page_record_new       (void);
void                           ef_staff_family_page_record_free      (EfStaffFamilyPageRecord             *page);
gboolean                       ef_staff_family_page_record_equal     (const EfStaffFamilyPageRecord       *a,
                                                                      const EfStaffFamilyPageRecord       *b);
void                           ef_family_account_record_free         (EfFamilyAccountRecord               *account);
gboolean                       ef_family_account_record_equal        (const EfFamilyAccountRecord         *a,
                                                                      const EfFamilyAccountRecord         *b);
EfStaffPaymentRecord          *ef_staff_payment_record_new           (void);
void                           ef_staff_payment_record_free          (EfStaffPaymentRecord                *payment);
gboolean                       ef_staff_payment_record_equal         (const EfStaffPaymentRecord          *a,
                                                                      const EfStaffPaymentRecord          *b);
EfStaffFamilyRecord           *ef_staff_family_record_new            (void);
void                           ef_staff_family_record_free           (EfStaffFamilyRecord                 *family);
gboolean                       ef_staff_family_record_equal          (const EfStaffFamilyRecord           *a,
                                                                      const EfStaffFamilyRecord           *b);
EfStaffDayPaymentsRecord      *ef_staff_day_payments_record_new      (void);
void                           ef_staff_day_payments_record_free     (EfStaffDayPaymentsRecord            *day);
gboolean                       ef_staff_day_payments_record_equal    (const EfStaffDayPaymentsRecord      *a,
                                                                      const EfStaffDayPaymentsRecord      *b);
void                           ef_staff_audit_entry_record_free      (EfStaffAuditEntryRecord             *entry);
EfStaffAuditPageRecord        *ef_staff_audit_page_record_new        (void);
void                           ef_staff_audit_page_record_free       (EfStaffAuditPageRecord              *page);
gboolean                       ef_staff_audit_page_record_equal      (const EfStaffAuditPageRecord        *a,
                                                                      const EfStaffAuditPageRecord        *b);
EfAttendanceChildRecord       *ef_attendance_child_record_copy       (const EfAttendanceChildRecord       *child);
void                           ef_attendance_child_record_free       (EfAttendanceChildRecord             *child);
EfAttendanceSiteRecord        *ef_attendance_site_record_new         (const char                          *site);
void                           ef_attendance_site_record_free        (EfAttendanceSiteRecord              *site);
EfAttendanceActivityRecord    *ef_attendance_activity_record_new     (void);
void                           ef_attendance_activity_record_free    (EfAttendanceActivityRecord          *activity);
EfAttendanceListsRecord       *ef_attendance_lists_record_new        (void);
void                           ef_attendance_lists_record_free       (EfAttendanceListsRecord             *lists);
gboolean                       ef_attendance_lists_record_equal      (const EfAttendanceListsRecord       *a,
                                                                      const EfAttendanceListsRecord       *b);
EfOfflinePaymentRequestRecord *ef_offline_payment_request_record_new (void);
void                           ef_offline_payment_request_record_free (EfOfflinePaymentRequestRecord      *request);
gboolean                       ef_offline_payment_request_record_equal (const EfOfflinePaymentRequestRecord *a,
                                                                        const EfOfflinePaymentRequestRecord *b);
void                           ef_payment_cancel_request_record_free (EfPaymentCancelRequestRecord        *request);

JsonNode *ef_staff_family_page_record_to_json      (const EfStaffFamilyPageRecord       *page);
JsonNode *ef_family_account_record_to_json         (const EfFamilyAccountRecord         *account);
JsonNode *ef_staff_payment_record_to_json          (const EfStaffPaymentRecord          *payment);
JsonNode *ef_staff_family_record_to_json           (const EfStaffFamilyRecord           *family);
JsonNode *ef_staff_day_payments_record_to_json     (const EfStaffDayPaymentsRecord      *day);
JsonNode *ef_staff_audit_page_record_to_json       (const EfStaffAuditPageRecord        *page);
JsonNode *ef_attendance_lists_record_to_json       (const EfAttendanceListsRecord       *lists);
/* The optional members that are NULL (or 0) are not written. */
JsonNode *ef_offline_payment_request_record_to_json (const EfOfflinePaymentRequestRecord *request);
JsonNode *ef_payment_cancel_request_record_to_json (const EfPaymentCancelRequestRecord  *request);

/* Readers of the server's answers. A missing member, one of the wrong
 * type, a day or an instant that is none, a channel or a status not of
 * the contract is an error in EF_API_ERROR naming it. Members they do not
 * know are ignored, and so is a role or an audit's action they do not
 * know (kept as it is). A StaffPayment's family_name is read when it is
 * there. */
EfStaffFamilyPageRecord  *ef_staff_family_page_record_from_json  (JsonNode  *node,
                                                                  GError   **error);
EfFamilyAccountRecord    *ef_family_account_record_from_json     (JsonNode  *node,
                                                                  GError   **error);
EfStaffPaymentRecord     *ef_staff_payment_record_from_json      (JsonNode  *node,
                                                                  GError   **error);
EfStaffFamilyRecord      *ef_staff_family_record_from_json       (JsonNode  *node,
                                                                  GError   **error);
EfStaffDayPaymentsRecord *ef_staff_day_payments_record_from_json (JsonNode  *node,
                                                                  GError   **error);
EfStaffAuditPageRecord   *ef_staff_audit_page_record_from_json   (JsonNode  *node,
                                                                  GError   **error);
EfAttendanceListsRecord  *ef_attendance_lists_record_from_json   (JsonNode  *node,
                                                                  GError   **error);

/* Readers of the requests: a member the schema does not have is
 * EF_API_ERROR_UNKNOWN_FIELD, one of the wrong type EF_API_ERROR_INVALID_FIELD.
 * What the schema bounds (how many invoices, how long a note, which
 * channels) the server checks itself, with the words of the payment it
 * takes. */
EfOfflinePaymentRequestRecord *ef_offline_payment_request_record_from_json (JsonNode  *node,
                                                                            GError   **error);
EfPaymentCancelRequestRecord  *ef_payment_cancel_request_record_from_json  (JsonNode  *node,
                                                                            GError   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfStaffMemberSummaryRecord, ef_staff_member_summary_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfStaffFamilySummaryRecord, ef_staff_family_summary_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfStaffFamilyPageRecord, ef_staff_family_page_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfFamilyAccountRecord, ef_family_account_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfStaffPaymentRecord, ef_staff_payment_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfStaffFamilyRecord, ef_staff_family_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfStaffDayPaymentsRecord, ef_staff_day_payments_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfStaffAuditEntryRecord, ef_staff_audit_entry_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfStaffAuditPageRecord, ef_staff_audit_page_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfAttendanceChildRecord, ef_attendance_child_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfAttendanceSiteRecord, ef_attendance_site_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfAttendanceActivityRecord, ef_attendance_activity_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfAttendanceListsRecord, ef_attendance_lists_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfOfflinePaymentRequestRecord, ef_offline_payment_request_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfPaymentCancelRequestRecord, ef_payment_cancel_request_record_free)

G_END_DECLS
