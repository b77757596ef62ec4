/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-accounts.h: accounts, their tokens and sessions, the connection
 * log, the mail outbox, and the tenant settings they need
 *
 * Instants are UTC Unix seconds. Tokens are given and stored as their
 * digest (ef_secret_token_digest), never in clear.
 */

#pragma once

#include "ef-store.h"

G_BEGIN_DECLS

typedef enum {
  EF_TOKEN_INVITATION,
  EF_TOKEN_PASSWORD_RESET,
} EfTokenPurpose;

typedef enum {
  EF_TOKEN_VALID,
  EF_TOKEN_UNKNOWN,
  EF_TOKEN_EXPIRED,
  EF_TOKEN_USED,
} EfTokenState;

typedef enum {
  EF_CONNECTION_OK,
  EF_CONNECTION_BAD_CREDENTIALS,
  EF_CONNECTION_LOCKED,
} EfConnectionResult;

/* A parent's account is a family member's; a staff account is an agent's
 * of the town hall, with a name, no family and roles (ef-store-staff.h). */
typedef struct
{
  gint64   id;
  char    *tenant_id;
  gboolean is_staff;
  gint64   family_id;      /* 0 for staff */
  gint64   member_id;      /* 0 for staff */
  char    *name;           /* staff: the agent's name; NULL for parents */
  char    *email;
  char    *password_hash;  /* NULL until the invitation is accepted */
  /* Mirrors of the login e-mail's throttling (login_locks, auth_attempts)
   * for the staff's view; sign-in reads ef_store_get_login_lock(). */
  gint64   failed_logins;
  gint64   locked_until;   /* 0: not locked */
} EfAccount;

typedef struct
{
  gint64  id;
  gint64  account_id;
  gboolean is_staff;
  gint64  family_id;       /* 0 for staff, unless on behalf of a family */
  char   *email;
  gint64  last_seen_at;
  gint64  expires_at;
  gboolean ended;
  /* An agent's session on behalf of a family (family_id): the agent's
   * session that opened it, and how the family reached the town hall. */
  gboolean on_behalf;
  gint64  parent_id;
  char   *via;             /* EF_STAFF_VIA_COUNTER, _PHONE or NULL */
} EfSessionRecord;

typedef struct
{
  gint64  id;
  char   *tenant_id;
  char   *kind;
  char   *recipient;
  char   *subject;
  char   *body;            /* NULL once handed to sendmail */
  char   *status;          /* queued, sent, failed */
  gint64  created_at;
} EfOutboxMail;

typedef struct
{
  char *name;
  char *time_zone;
  char *public_url;        /* or NULL */
  char *mail_from;         /* or NULL */
} EfTenantSettings;

void             ef_account_free             (EfAccount        *account);
void             ef_session_record_free      (EfSessionRecord  *record);
void             ef_outbox_mail_free         (EfOutboxMail     *mail);
void             ef_tenant_settings_free     (EfTenantSettings *settings);

/* The tenant's time zone, for its days and the times it shows; UTC when
 * @settings is NULL or names a zone this system does not know. */
GTimeZone       *ef_tenant_settings_dup_time_zone (const EfTenantSettings *settings);

/* EF_API_ERROR_UNKNOWN_TENANT when there is no such tenant. */
EfTenantSettings *ef_store_load_tenant_settings (EfStore       *self,
                                                 const char    *tenant_id,
                                                 GError       **error);
/* Sets the non-NULL ones; "" clears. */
gboolean         ef_store_set_tenant_settings (EfStore         *self,
                                               const char      *tenant_id,
                                               const char      *public_url,
                                               const char      *mail_from,
                                               GError         **error);

/* The account of @tenant_id with this login e-mail (any case), or NULL
 * without error when there is none. */
EfAccount       *ef_store_find_account       (EfStore          *self,
                                              const char       *tenant_id,
                                              const char       *email,
                                              GError          **error);

/* For `invite`: the account of the responsible member found by @member_id
 * (when > 0) or by @email (the member's e-mail, any case), created when
 * missing with the member's e-mail as login. EF_API_ERROR_NOT_FOUND when
 * no such member, EF_API_ERROR_VALIDATION when the member has no e-mail,
 * is a child, or several members have @email; EF_API_ERROR_FORBIDDEN when
 * the account has a password already. */
EfAccount       *ef_store_prepare_invitation (EfStore          *self,
                                              const char       *tenant_id,
                                              gint64            member_id,
                                              const char       *email,
                                              gint64            now,
                                              GError          **error);

/* Gives the member @member_id of @tenant_id an account with the login
 * @email and the password @password_hash (created or replaced, unlocked).
 * For the demo and for staff tools. */
gboolean         ef_store_set_account_password (EfStore        *self,
                                                const char     *tenant_id,
                                                gint64          member_id,
                                                const char     *email,
                                                const char     *password_hash,
                                                gint64          now,
                                                GError        **error);

/* Stores a new token of @purpose for @account_id; the account's earlier
 * unused tokens of that purpose stop working. */
gboolean         ef_store_add_account_token  (EfStore          *self,
                                              gint64            account_id,
                                              EfTokenPurpose    purpose,
                                              const char       *digest,
                                              gint64            now,
                                              gint64            expires_at,
                                              GError          **error);
/* The state of the token @digest of @purpose for an account of @tenant_id;
 * when valid, @account (optional) is set. */
EfTokenState     ef_store_check_account_token (EfStore         *self,
                                               const char      *tenant_id,
                                               EfTokenPurpose   purpose,
                                               const char      *digest,
                                               gint64           now,
                                               EfAccount      **account,
                                               GError         **error);
/* In one transaction: checks the token again, sets the password hash,
 * marks the token used; for a reset also ends the account's sessions and
 * lifts a lock. @state tells why it failed when it returns FALSE without
 * error. */
gboolean         ef_store_use_account_token  (EfStore          *self,
                                              const char       *tenant_id,
                                              EfTokenPurpose    purpose,
                                              const char       *digest,
                                              const char       *password_hash,
                                              gint64            now,
                                              EfTokenState     *state,
                                              GError          **error);

/* A sign-in attempt for the connection log; @account_id 0 when unknown;
 * @client at most 100 characters. */
gboolean         ef_store_record_connection  (EfStore          *self,
                                              const char       *tenant_id,
                                              gint64            account_id,
                                              gint64            now,
                                              EfConnectionResult result,
                                              const char       *client,
                                              GError          **error);
/* Throttled attempts, counted over a sliding window (migration 8). */
typedef enum
{
  EF_ATTEMPT_LOGIN_EMAIL,    /* a failed sign-in, by normalised e-mail */
  EF_ATTEMPT_LOGIN_ADDRESS,  /* a failed sign-in, by client address */
  EF_ATTEMPT_RESET_EMAIL,    /* a password-reset request, by e-mail */
  EF_ATTEMPT_RESET_ADDRESS,  /* a password-reset request, by address */
} EfAttemptKind;

/* Counts an attempt of @kind for @key at @now (and forgets those older
 * than a day). */
gboolean         ef_store_add_attempt        (EfStore          *self,
                                              const char       *tenant_id,
                                              EfAttemptKind     kind,
                                              const char       *key,
                                              gint64            now,
                                              GError          **error);
/* How many attempts of @kind for @key after @since; -1 on error. */
gint64           ef_store_count_attempts     (EfStore          *self,
                                              const char       *tenant_id,
                                              EfAttemptKind     kind,
                                              const char       *key,
                                              gint64            since,
                                              GError          **error);
/* The end of the sign-in lock of @email (normalised; an account's or
 * not) when it is after @now, else 0; -1 on error. */
gint64           ef_store_get_login_lock     (EfStore          *self,
                                              const char       *tenant_id,
                                              const char       *email,
                                              gint64            now,
                                              GError          **error);
/* Forgets the failed sign-ins and the lock of @email (and of its account,
 * if any). Runs inside the caller's transaction, if any. */
gboolean         ef_store_clear_login_failures (EfStore        *self,
                                                const char     *tenant_id,
                                                const char     *email,
                                                GError        **error);
/* A wrong password, or an unknown @email (@account_id 0): counts it for
 * @email and for @address, and logs it. When @email has @max_failures
 * failures in the last @window_seconds, @email is locked until @now +
 * @lock_seconds, whether an account has it or not, and the count starts
 * again. @locked_until is set to the lock's end, or 0. */
gboolean         ef_store_record_login_failure (EfStore        *self,
                                                const char     *tenant_id,
                                                gint64          account_id,
                                                const char     *email,
                                                const char     *address,
                                                gint64          now,
                                                const char     *client,
                                                guint           max_failures,
                                                gint64          window_seconds,
                                                gint64          lock_seconds,
                                                gint64         *locked_until,
                                                GError        **error);
/* A right password: resets the count, logs it and opens a session.
 * Returns the session id, or 0 on error. */
gint64           ef_store_open_session       (EfStore          *self,
                                              const char       *tenant_id,
                                              gint64            account_id,
                                              const char       *digest,
                                              const char       *client,
                                              gint64            now,
                                              gint64            expires_at,
                                              GError          **error);
/* An agent's session on behalf of the family @family_id, opened from the
 * agent's own session @parent_id (see EfSessionRecord), without a
 * connection in the family's history. Inside the caller's transaction
 * when one is open. Returns the session id, or 0 on error. */
gint64           ef_store_open_family_session (EfStore         *self,
                                               const char      *tenant_id,
                                               gint64           parent_id,
                                               gint64           account_id,
                                               gint64           family_id,
                                               const char      *via,
                                               const char      *digest,
                                               const char      *client,
                                               gint64           now,
                                               gint64           expires_at,
                                               GError         **error);
/* The session of @tenant_id with this token digest, or NULL without error.
 * A session on behalf of a family is ended when the agent's session that
 * opened it is; it reads as the family's (family_id) with on_behalf. */
EfSessionRecord *ef_store_find_session       (EfStore          *self,
                                              const char       *tenant_id,
                                              const char       *digest,
                                              GError          **error);
/* Keeps the session, and the agent's session that opened it, alive. */
gboolean         ef_store_touch_session      (EfStore          *self,
                                              gint64            session_id,
                                              gint64            now,
                                              GError          **error);
/* @reason: "logout", "expired" or "revoked". The sessions it opened on
 * behalf of families end with it. */
gboolean         ef_store_end_session        (EfStore          *self,
                                              gint64            session_id,
                                              gint64            now,
                                              const char       *reason,
                                              GError          **error);

/* The outbox: mails waiting to be read (no --sendmail) or sent. */
gint64           ef_store_outbox_add         (EfStore          *self,
                                              const char       *tenant_id,
                                              const char       *kind,
                                              const char       *recipient,
                                              const char       *subject,
                                              const char       *body,
                                              gint64            now,
                                              GError          **error);
/* "sent" also forgets the body (it holds a live token). */
gboolean         ef_store_outbox_set_status  (EfStore          *self,
                                              gint64            mail_id,
                                              const char       *status,
                                              gint64            now,
                                              GError          **error);
/* EfOutboxMail, oldest first; all tenants when @tenant_id is NULL. */
GPtrArray       *ef_store_outbox_list        (EfStore          *self,
                                              const char       *tenant_id,
                                              GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfAccount, ef_account_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfSessionRecord, ef_session_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfTenantSettings, ef_tenant_settings_free)

G_END_DECLS
