/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-staff.h: the town hall's staff — agents and their roles, which
 * families they may read, the search of families, the audit of what they
 * do for a family, and the daily lists
 *
 * An agent has roles: services of the tenant ("education", "lacaou"…),
 * whose families they serve, and "admin", who may read and act on every
 * family of the tenant. A family uses a service when one of its members
 * has, or had, an enrolment in one of the service's activities, or when
 * it has an invoice of the service. An agent may read a family that uses
 * one of the agent's services, or that uses none yet (a family the town
 * hall just registered, which any service may enrol); any other family is
 * answered as if it did not exist (EF_API_ERROR_NOT_FOUND).
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ef-common.h"
#include "ef-store-planning.h"
#include "ef-store.h"

G_BEGIN_DECLS

/* The role that may read and act on every family of the tenant. */
#define EF_STAFF_ROLE_ADMIN "admin"

/* How an agent heard from the family: at the counter or on the phone. */
#define EF_STAFF_VIA_COUNTER "counter"
#define EF_STAFF_VIA_PHONE   "phone"

/**
 * EfStaffAgent:
 * @account_id: the agent's staff account
 * @name: the agent's name ("Sophie Laborde")
 * @email: the account's login
 * @admin: whether the agent has the role "admin"
 * @services: (array zero-terminated=1): the services of the agent's other
 *   roles, sorted
 *
 * A signed-in agent, as the permissions need it.
 */
typedef struct {
  gint64   account_id;
  char    *tenant_id;
  char    *name;
  char    *email;
  gboolean admin;
  GStrv    services;
} EfStaffAgent;

void          ef_staff_agent_free          (EfStaffAgent *agent);
/* Whether @agent acts for @service_id: an admin, or one of its roles. */
gboolean      ef_staff_agent_has_service   (const EfStaffAgent *agent,
                                            const char         *service_id);

/* The agent of the staff account @account_id of @tenant_id, or
 * EF_API_ERROR_NOT_FOUND when it is not one. */
EfStaffAgent *ef_store_load_staff_agent    (EfStore            *self,
                                            const char         *tenant_id,
                                            gint64              account_id,
                                            GError            **error);

/* ---------------------------------------------------------- accounts */

/**
 * EfStaffAccount:
 *
 * A staff account as `staff --list` shows it.
 */
typedef struct {
  gint64   id;
  char    *name;
  char    *email;
  GStrv    roles;            /* sorted */
  gboolean has_password;     /* FALSE until the invitation is accepted */
  gint64   locked_until;     /* 0: not locked */
  gint64   created_at;
} EfStaffAccount;

void          ef_staff_account_free        (EfStaffAccount *account);

/* Whether @role is one an agent may have: "admin" or a code (letters,
 * digits, "-", "_"; 1 to 64). Whether the tenant has that service is the
 * caller's to check. */
gboolean      ef_staff_role_is_valid       (const char     *role);

/* Creates the staff account @email (any case) of @tenant_id, named @name,
 * with exactly @roles; or, when it exists, gives it @name and @roles. With
 * @password_hash (the demo) its password is set and it is unlocked.
 * EF_API_ERROR_VALIDATION when a parent's account has this e-mail, or
 * there is no role. One transaction. Returns the account's id, 0 on
 * error; *@created (may be NULL) says whether it is new. */
gint64        ef_store_save_staff_account  (EfStore            *self,
                                            const char         *tenant_id,
                                            const char         *email,
                                            const char         *name,
                                            const char * const *roles,
                                            const char         *password_hash,
                                            gint64              now,
                                            gboolean           *created,
                                            GError            **error);
/* Of EfStaffAccount, by name then e-mail. */
GPtrArray    *ef_store_list_staff_accounts (EfStore            *self,
                                            const char         *tenant_id,
                                            GError            **error);
/* Deletes the staff account @email with its roles, sessions and tokens;
 * the audit keeps its name. EF_API_ERROR_NOT_FOUND when there is none. */
gboolean      ef_store_remove_staff_account (EfStore           *self,
                                             const char        *tenant_id,
                                             const char        *email,
                                             GError           **error);

/* --------------------------------------------------------- families */

/* The services @family_id uses (see above), sorted. */
GStrv         ef_store_list_family_services (EfStore           *self,
                                             gint64             family_id,
                                             GError           **error);
/* Checks that @agent may read the family @family_id of its tenant;
 * EF_API_ERROR_NOT_FOUND when not, or when there is no such family. */
gboolean      ef_store_check_staff_family  (EfStore            *self,
                                            const EfStaffAgent *agent,
                                            gint64              family_id,
                                            GError            **error);

/* The ids of the families @agent may read whose text holds every word of
 * @query (their name and reference, their members' names and e-mails,
 * their accounts' logins, their invoices' numbers), with neither accents
 * nor case nor hyphens mattering; all of them for an empty @query. By
 * name, then id; @limit from @offset. *@total is the number found. */
GArray       *ef_store_search_families     (EfStore            *self,
                                            const EfStaffAgent *agent,
                                            const char         *query,
                                            guint               offset,
                                            guint               limit,
                                            guint              *total,
                                            GError            **error);

/**
 * EfFamilyAccount:
 *
 * A parent's account, as the staff see it: not the password, but whether
 * there is one, the lock, and the last invitation.
 */
typedef struct {
  gint64   id;
  gint64   member_id;
  char    *email;
  gboolean has_password;
  gint64   locked_until;             /* 0: not locked */
  gint64   failed_logins;
  gint64   invited_at;               /* the last invitation, 0: none */
  gint64   invitation_expires_at;
  gboolean invitation_used;
} EfFamilyAccount;

void          ef_family_account_free       (EfFamilyAccount *account);
/* Of EfFamilyAccount: the accounts of @family_id, by id. */
GPtrArray    *ef_store_list_family_accounts (EfStore           *self,
                                             gint64             family_id,
                                             GError           **error);
/* The account of the member @member_id, or NULL without error. */
EfFamilyAccount *ef_store_get_member_account (EfStore          *self,
                                              gint64            member_id,
                                              GError          **error);
/* Lifts the lock of the account @account_id and forgets its failed
 * sign-ins; *@changed says whether it was locked or had failures. */
gboolean      ef_store_unlock_account      (EfStore            *self,
                                            gint64              account_id,
                                            gboolean           *changed,
                                            GError            **error);

/* ------------------------------------------------------- enrolments */

/* The enrolment @enrolment_id of a member of a family of @tenant_id, and
 * that family in *@family_id; EF_API_ERROR_NOT_FOUND otherwise. */
EfEnrolment  *ef_store_get_enrolment       (EfStore            *self,
                                            const char         *tenant_id,
                                            gint64              enrolment_id,
                                            gint64             *family_id,
                                            GError            **error);
/* Ends the enrolment @enrolment_id on @last_day (from its first day to its
 * current last day), and cancels the member's reservations of the
 * activity after that day, each logged as done by @account_id at @now.
 * Inside the caller's transaction when one is open. *@n_cancelled: how
 * many reservations went. */
gboolean      ef_store_end_enrolment       (EfStore            *self,
                                            const char         *tenant_id,
                                            gint64              enrolment_id,
                                            EfDay               last_day,
                                            gint64              account_id,
                                            gint64              now,
                                            guint              *n_cancelled,
                                            GError            **error);

/* ------------------------------------------------------------ audit */

/**
 * EfStaffAuditEntry:
 * @agent: who did it
 * @family_id: for which family (0: none)
 * @action: what: "member_update", "enrolment_create", "enrolment_end",
 *   "invitation_send", "account_unlock", "reservations",
 *   "payment_record", "payment_cancel", "family_session_open"
 * @target: on what: "member:12", "enrolment:3", "payment:7"…
 * @before, @after: (nullable): the JSON of what changed, before and after
 * @via: (nullable): EF_STAFF_VIA_COUNTER or EF_STAFF_VIA_PHONE
 * @at: the server's instant (UTC Unix seconds)
 *
 * One row of the audit: "by agent X on behalf of family Y".
 */
typedef struct {
  const EfStaffAgent *agent;
  gint64              family_id;
  const char         *action;
  const char         *target;
  JsonNode           *before;
  JsonNode           *after;
  const char         *via;
  gint64              at;
} EfStaffAuditEntry;

/* Writes @entry (inside the caller's transaction, if one is open). */
gboolean      ef_store_add_staff_audit     (EfStore                 *self,
                                            const EfStaffAuditEntry *entry,
                                            GError                 **error);

/**
 * EfStaffAuditRecord:
 *
 * One row of the audit as read back; @before and @after are JSON text or
 * NULL.
 */
typedef struct {
  gint64  id;
  gint64  at;
  gint64  agent_id;          /* 0 once the account is removed */
  char   *agent_name;
  char   *agent_email;
  gint64  family_id;
  char   *action;
  char   *target;
  char   *before;
  char   *after;
  char   *via;
} EfStaffAuditRecord;

void          ef_staff_audit_record_free   (EfStaffAuditRecord *record);
/* Of EfStaffAuditRecord: the audit of @family_id, newest first; @limit
 * from @offset, *@total in all. */
GPtrArray    *ef_store_list_staff_audit    (EfStore            *self,
                                            const char         *tenant_id,
                                            gint64              family_id,
                                            guint               offset,
                                            guint               limit,
                                            guint              *total,
                                            GError            **error);

/* ------------------------------------------------------------ lists */

/**
 * EfAttendance:
 *
 * A child expected for an activity on a day: reserved, at the site of
 * the enrolment that covers the day.
 */
typedef struct {
  gint64   activity_id;
  char    *site;
  gint64   member_id;
  char    *first_name;
  char    *last_name;
  gint64   family_id;
  char    *family_name;
  gboolean override;         /* reserved past the deadline by an agent */
} EfAttendance;

void          ef_attendance_free           (EfAttendance *attendance);
/* The name of the site @code of @tenant_id; EF_API_ERROR_NOT_FOUND when
 * there is none. */
char         *ef_store_get_site_name       (EfStore            *self,
                                            const char         *tenant_id,
                                            const char         *code,
                                            GError            **error);
/* Of EfAttendance: who is reserved on @day for an activity of @tenant_id,
 * by activity, site, last name and first name. */
GPtrArray    *ef_store_list_attendance     (EfStore            *self,
                                            const char         *tenant_id,
                                            EfDay               day,
                                            GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfStaffAgent, ef_staff_agent_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfStaffAccount, ef_staff_account_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfFamilyAccount, ef_family_account_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfStaffAuditRecord, ef_staff_audit_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfAttendance, ef_attendance_free)

G_END_DECLS
