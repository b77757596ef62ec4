/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-accounts.c: accounts, tokens, sessions, connections and outbox */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "ef-common.h"
#include "ef-store-private.h"
#include "ef-store-accounts.h"

static const char * const purposes[] = {
  [EF_TOKEN_INVITATION] = "invitation",
  [EF_TOKEN_PASSWORD_RESET] = "password_reset",
};

static const char * const connection_results[] = {
  [EF_CONNECTION_OK] = "ok",
  [EF_CONNECTION_BAD_CREDENTIALS] = "bad_credentials",
  [EF_CONNECTION_LOCKED] = "locked",
};

#define ACCOUNT_COLUMNS \
  "a.id, a.tenant_id, a.family_id, a.member_id, a.email, a.password_hash," \
  " a.failed_logins, a.locked_until, a.kind = 'staff', a.name"

static EfAccount *
account_from_row (EfDbStmt *stmt)
{
  EfAccount *account = g_new0 (EfAccount, 1);

  account->id = ef_db_column_int64 (stmt, 0);
  account->tenant_id = _ef_store_column_dup_or_null (stmt, 1);
  account->family_id = ef_db_column_int64 (stmt, 2);
  account->member_id = ef_db_column_int64 (stmt, 3);
  account->email = _ef_store_column_dup_or_null (stmt, 4);
  account->password_hash = _ef_store_column_dup_or_null (stmt, 5);
  account->failed_logins = ef_db_column_int64 (stmt, 6);
  account->locked_until = ef_db_column_int64 (stmt, 7);
  account->is_staff = ef_db_column_int64 (stmt, 8) != 0;
  account->name = _ef_store_column_dup_or_null (stmt, 9);
  return account;
}

/* Runs @stmt, which selects ACCOUNT_COLUMNS; NULL without error when no row. */
static EfAccount *
step_account (EfStore       *self,
              EfDbStmt  *stmt,
              GError       **error)
{
  int rc = ef_db_step (stmt);

  if (rc == EF_DB_ROW)
    return account_from_row (stmt);
  if (rc != EF_DB_DONE)
    _ef_store_set_sql_error (self, error, "loading an account");
  return NULL;
}

void
ef_account_free (EfAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->tenant_id);
  g_free (account->name);
  g_free (account->email);
  g_free (account->password_hash);
  g_free (account);
}

void
ef_session_record_free (EfSessionRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->email);
  g_free (record->via);
  g_free (record);
}

void
ef_outbox_mail_free (EfOutboxMail *mail)
{
  if (mail == NULL)
    return;
  g_free (mail->tenant_id);
  g_free (mail->kind);
  g_free (mail->recipient);
  g_free (mail->subject);
  g_free (mail->body);
  g_free (mail->status);
  g_free (mail);
}

void
ef_tenant_settings_free (EfTenantSettings *settings)
{
  if (settings == NULL)
    return;
  g_free (settings->name);
  g_free (settings->time_zone);
  g_free (settings->public_url);
  g_free (settings->mail_from);
  g_free (settings);
}

GTimeZone *
ef_tenant_settings_dup_time_zone (const EfTenantSettings *settings)
{
  GTimeZone *tz = NULL;

  if (settings != NULL && settings->time_zone != NULL)
    tz = ef_time_zone_new (settings->time_zone, NULL);
  return tz != NULL ? tz : g_time_zone_new_utc ();
}

EfTenantSettings *
ef_store_load_tenant_settings (EfStore     *self,
                               const char  *tenant_id,
                               GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  EfTenantSettings *settings;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  if (!ef_tenant_id_is_valid (tenant_id))
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT,
                           "Unknown tenant: a tenant id has 1 to 32 letters and digits");
      return NULL;
    }

  stmt = _ef_store_prepare (self,
                            "SELECT name, time_zone, public_url, mail_from FROM tenants WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  rc = _ef_store_step (self, stmt, "loading a tenant", error);
  if (rc == EF_DB_DONE)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT,
                   "Unknown tenant '%s'", tenant_id);
      return NULL;
    }
  if (rc != EF_DB_ROW)
    return NULL;

  settings = g_new0 (EfTenantSettings, 1);
  settings->name = _ef_store_column_dup_or_null (stmt, 0);
  settings->time_zone = _ef_store_column_dup_or_null (stmt, 1);
  settings->public_url = _ef_store_column_dup_or_null (stmt, 2);
  settings->mail_from = _ef_store_column_dup_or_null (stmt, 3);
  return settings;
}

gboolean
ef_store_set_tenant_settings (EfStore     *self,
                              const char  *tenant_id,
                              const char  *public_url,
                              const char  *mail_from,
                              GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  stmt = _ef_store_prepare (self,
                            "UPDATE tenants SET"
                            "  public_url = CASE WHEN ?2 IS NULL THEN public_url"
                            "                    WHEN ?2 = '' THEN NULL ELSE ?2 END,"
                            "  mail_from = CASE WHEN ?3 IS NULL THEN mail_from"
                            "                   WHEN ?3 = '' THEN NULL ELSE ?3 END,"
                            "  updated_at = ?4"
                            " WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  _ef_store_bind_now_text (stmt, 4);
  if (public_url != NULL)
    ef_db_bind_text (stmt, 2, public_url, -1);
  if (mail_from != NULL)
    ef_db_bind_text (stmt, 3, mail_from, -1);
  if (!_ef_store_step_done (self, stmt, "saving tenant settings", error))
    return FALSE;
  if (ef_db_changes (self->db) != 1)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT,
                   "Unknown tenant '%s'", tenant_id);
      return FALSE;
    }
  return TRUE;
}

EfAccount *
ef_store_find_account (EfStore     *self,
                       const char  *tenant_id,
                       const char  *email,
                       GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (email != NULL, NULL);

  lower = g_ascii_strdown (email, -1);
  stmt = _ef_store_prepare (self,
                            "SELECT " ACCOUNT_COLUMNS " FROM accounts a"
                            " WHERE a.tenant_id = ?1 AND a.email = ?2",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_text (stmt, 2, lower, -1);
  return step_account (self, stmt, error);
}

EfAccount *
ef_store_prepare_invitation (EfStore     *self,
                             const char  *tenant_id,
                             gint64       member_id,
                             const char  *email,
                             gint64       now,
                             GError     **error)
{
  g_autoptr(EfDbStmt) find = NULL;
  g_autoptr(EfDbStmt) account_stmt = NULL;
  g_autoptr(EfDbStmt) insert = NULL;
  g_autoptr(EfAccount) account = NULL;
  g_autofree char *lower = email ? g_ascii_strdown (email, -1) : NULL;
  g_autofree char *member_email = NULL;
  g_autofree char *role = NULL;
  gint64 family_id = 0;
  guint n_found = 0;
  gboolean owned;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (member_id > 0 || email != NULL, NULL);

  if (!_ef_store_begin_owned (self, &owned, error))
    return NULL;

  find = _ef_store_prepare (self,
                            "SELECT m.id, m.family_id, m.email, m.role"
                            "  FROM members m JOIN families f ON f.id = m.family_id"
                            " WHERE f.tenant_id = ?1"
                            "   AND (CASE WHEN ?2 > 0 THEN m.id = ?2 ELSE ef_ascii_lower (m.email) = ?3 END)",
                            error);
  if (find == NULL)
    goto fail;
  ef_db_bind_text (find, 1, tenant_id, -1);
  ef_db_bind_int64 (find, 2, member_id);
  if (lower != NULL)
    ef_db_bind_text (find, 3, lower, -1);
  while ((rc = ef_db_step (find)) == EF_DB_ROW)
    {
      n_found++;
      member_id = ef_db_column_int64 (find, 0);
      family_id = ef_db_column_int64 (find, 1);
      g_free (member_email);
      member_email = _ef_store_column_dup_or_null (find, 2);
      g_free (role);
      role = _ef_store_column_dup_or_null (find, 3);
    }
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "finding a member");
      goto fail;
    }

  if (n_found == 0)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND, "No such member");
      goto fail;
    }
  if (n_found > 1)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                           "Several members have this e-mail");
      goto fail;
    }
  if (g_strcmp0 (role, "child") == 0)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                           "A child cannot have an account");
      goto fail;
    }
  if (member_email == NULL)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                           "The member has no e-mail");
      goto fail;
    }

  account_stmt = _ef_store_prepare (self,
                                    "SELECT " ACCOUNT_COLUMNS " FROM accounts a WHERE a.member_id = ?1",
                                    error);
  if (account_stmt == NULL)
    goto fail;
  ef_db_bind_int64 (account_stmt, 1, member_id);
  account = step_account (self, account_stmt, error);
  if (account == NULL && error != NULL && *error != NULL)
    goto fail;

  if (account != NULL && account->password_hash != NULL)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_FORBIDDEN,
                           "The account has a password already");
      goto fail;
    }

  if (account == NULL)
    {
      g_autofree char *login = g_ascii_strdown (member_email, -1);

      insert = _ef_store_prepare (self,
                                  "INSERT INTO accounts (tenant_id, family_id, member_id, email, created_at)"
                                  " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
                                  error);
      if (insert == NULL)
        goto fail;
      ef_db_bind_text (insert, 1, tenant_id, -1);
      ef_db_bind_int64 (insert, 2, family_id);
      ef_db_bind_int64 (insert, 3, member_id);
      ef_db_bind_text (insert, 4, login, -1);
      ef_db_bind_int64 (insert, 5, now);
      if (ef_db_step (insert) != EF_DB_ROW)
        {
          if (ef_db_error_kind (self->db) == EF_DB_ERROR_UNIQUE)
            g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                                 "Another account of this tenant has this e-mail");
          else
            _ef_store_set_sql_error (self, error, "creating an account");
          goto fail;
        }

      account = g_new0 (EfAccount, 1);
      account->id = ef_db_column_int64 (insert, 0);
      ef_db_reset (insert);
      account->tenant_id = g_strdup (tenant_id);
      account->family_id = family_id;
      account->member_id = member_id;
      account->email = g_steal_pointer (&login);
    }

  if (!_ef_store_end_owned (self, owned, TRUE, error))
    return NULL;
  return g_steal_pointer (&account);

fail:
  _ef_store_end_owned (self, owned, FALSE, NULL);
  return NULL;
}

gboolean
ef_store_set_account_password (EfStore     *self,
                               const char  *tenant_id,
                               gint64       member_id,
                               const char  *email,
                               const char  *password_hash,
                               gint64       now,
                               GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (email != NULL && password_hash != NULL, FALSE);

  lower = g_ascii_strdown (email, -1);
  stmt = _ef_store_prepare (self,
                            "INSERT INTO accounts (tenant_id, family_id, member_id, email,"
                            "  password_hash, created_at, password_changed_at)"
                            " SELECT f.tenant_id, m.family_id, m.id, ?3, ?4, ?5, ?5"
                            "   FROM members m JOIN families f ON f.id = m.family_id"
                            "  WHERE f.tenant_id = ?1 AND m.id = ?2"
                            " ON CONFLICT (member_id) DO UPDATE SET"
                            "  email = excluded.email,"
                            "  password_hash = excluded.password_hash,"
                            "  password_changed_at = CASE"
                            "    WHEN accounts.password_hash IS NOT DISTINCT FROM excluded.password_hash"
                            "    THEN accounts.password_changed_at ELSE excluded.password_changed_at END,"
                            "  failed_logins = 0, locked_until = NULL",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_int64 (stmt, 2, member_id);
  ef_db_bind_text (stmt, 3, lower, -1);
  ef_db_bind_text (stmt, 4, password_hash, -1);
  ef_db_bind_int64 (stmt, 5, now);
  if (!_ef_store_step_done (self, stmt, "saving an account", error))
    return FALSE;
  if (ef_db_changes (self->db) != 1)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND, "No such member");
      return FALSE;
    }
  return ef_store_clear_login_failures (self, tenant_id, lower, error);
}

gboolean
ef_store_add_account_token (EfStore         *self,
                            gint64           account_id,
                            EfTokenPurpose   purpose,
                            const char      *digest,
                            gint64           now,
                            gint64           expires_at,
                            GError         **error)
{
  g_autoptr(EfDbStmt) clear = NULL;
  g_autoptr(EfDbStmt) insert = NULL;
  gboolean owned;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (digest != NULL, FALSE);

  if (!_ef_store_begin_owned (self, &owned, error))
    return FALSE;

  clear = _ef_store_prepare (self,
                             "DELETE FROM account_tokens"
                             " WHERE account_id = ?1 AND purpose = ?2 AND used_at IS NULL",
                             error);
  insert = _ef_store_prepare (self,
                              "INSERT INTO account_tokens (account_id, purpose, token_hash,"
                              "  created_at, expires_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5)",
                              error);
  if (clear == NULL || insert == NULL)
    goto fail;

  ef_db_bind_int64 (clear, 1, account_id);
  ef_db_bind_text (clear, 2, purposes[purpose], -1);
  if (!_ef_store_step_done (self, clear, "replacing a token", error))
    goto fail;

  ef_db_bind_int64 (insert, 1, account_id);
  ef_db_bind_text (insert, 2, purposes[purpose], -1);
  ef_db_bind_text (insert, 3, digest, -1);
  ef_db_bind_int64 (insert, 4, now);
  ef_db_bind_int64 (insert, 5, expires_at);
  if (!_ef_store_step_done (self, insert, "saving a token", error))
    goto fail;
  return _ef_store_end_owned (self, owned, TRUE, error);

fail:
  _ef_store_end_owned (self, owned, FALSE, NULL);
  return FALSE;
}

EfTokenState
ef_store_check_account_token (EfStore         *self,
                              const char      *tenant_id,
                              EfTokenPurpose   purpose,
                              const char      *digest,
                              gint64           now,
                              EfAccount      **account,
                              GError         **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  gint64 expires_at;
  int rc;

  g_return_val_if_fail (self != NULL, EF_TOKEN_UNKNOWN);

  stmt = _ef_store_prepare (self,
                            "SELECT " ACCOUNT_COLUMNS ", t.expires_at, t.used_at IS NOT NULL"
                            "  FROM account_tokens t JOIN accounts a ON a.id = t.account_id"
                            " WHERE t.token_hash = ?1 AND t.purpose = ?2 AND a.tenant_id = ?3",
                            error);
  if (stmt == NULL)
    return EF_TOKEN_UNKNOWN;
  ef_db_bind_text (stmt, 1, digest, -1);
  ef_db_bind_text (stmt, 2, purposes[purpose], -1);
  ef_db_bind_text (stmt, 3, tenant_id, -1);

  rc = ef_db_step (stmt);
  if (rc != EF_DB_ROW)
    {
      if (rc != EF_DB_DONE)
        _ef_store_set_sql_error (self, error, "checking a token");
      return EF_TOKEN_UNKNOWN;
    }

  /* After the ACCOUNT_COLUMNS (10). */
  if (ef_db_column_int64 (stmt, 11) != 0)
    return EF_TOKEN_USED;
  expires_at = ef_db_column_int64 (stmt, 10);
  if (now >= expires_at)
    return EF_TOKEN_EXPIRED;

  if (account != NULL)
    *account = account_from_row (stmt);
  return EF_TOKEN_VALID;
}

gboolean
ef_store_use_account_token (EfStore         *self,
                            const char      *tenant_id,
                            EfTokenPurpose   purpose,
                            const char      *digest,
                            const char      *password_hash,
                            gint64           now,
                            EfTokenState    *state,
                            GError         **error)
{
  g_autoptr(EfDbStmt) mark = NULL;
  g_autoptr(EfDbStmt) set = NULL;
  g_autoptr(EfDbStmt) end = NULL;
  g_autoptr(EfAccount) account = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  if (!_ef_store_begin (self, error))
    return FALSE;

  /* Checked again inside the transaction: the token may have been used
   * while the password was being hashed. */
  *state = ef_store_check_account_token (self, tenant_id, purpose, digest, now,
                                         &account, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto fail;
    }
  if (*state != EF_TOKEN_VALID)
    goto fail;

  mark = _ef_store_prepare (self, "UPDATE account_tokens SET used_at = ?2 WHERE token_hash = ?1", error);
  set = _ef_store_prepare (self,
                           "UPDATE accounts SET password_hash = ?2, password_changed_at = ?3,"
                           "  failed_logins = 0, locked_until = NULL"
                           " WHERE id = ?1",
                           error);
  end = _ef_store_prepare (self,
                           "UPDATE sessions SET ended_at = ?2, end_reason = 'revoked'"
                           " WHERE account_id = ?1 AND ended_at IS NULL",
                           error);
  if (mark == NULL || set == NULL || end == NULL)
    goto fail;

  ef_db_bind_text (mark, 1, digest, -1);
  ef_db_bind_int64 (mark, 2, now);
  ef_db_bind_int64 (set, 1, account->id);
  ef_db_bind_text (set, 2, password_hash, -1);
  ef_db_bind_int64 (set, 3, now);
  ef_db_bind_int64 (end, 1, account->id);
  ef_db_bind_int64 (end, 2, now);
  if (!_ef_store_step_done (self, mark, "using a token", error) ||
      !_ef_store_step_done (self, set, "setting a password", error) ||
      !ef_store_clear_login_failures (self, tenant_id, account->email, error) ||
      !_ef_store_step_done (self, end, "ending sessions", error) ||
      !_ef_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  _ef_store_rollback (self);
  return FALSE;
}

static gboolean
insert_connection (EfStore             *self,
                   const char          *tenant_id,
                   gint64               account_id,
                   gint64               now,
                   EfConnectionResult   result,
                   const char          *client,
                   GError             **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  stmt = _ef_store_prepare (self,
                            "INSERT INTO connections (tenant_id, account_id, at, success, result, client)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  if (account_id > 0)
    ef_db_bind_int64 (stmt, 2, account_id);
  ef_db_bind_int64 (stmt, 3, now);
  ef_db_bind_int64 (stmt, 4, result == EF_CONNECTION_OK);
  ef_db_bind_text (stmt, 5, connection_results[result], -1);
  ef_db_bind_text (stmt, 6, client ? client : "", -1);
  return _ef_store_step_done (self, stmt, "logging a connection", error);
}

gboolean
ef_store_record_connection (EfStore             *self,
                            const char          *tenant_id,
                            gint64               account_id,
                            gint64               now,
                            EfConnectionResult   result,
                            const char          *client,
                            GError             **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return insert_connection (self, tenant_id, account_id, now, result, client, error);
}

static const char * const attempt_kinds[] = {
  [EF_ATTEMPT_LOGIN_EMAIL] = "login_email",
  [EF_ATTEMPT_LOGIN_ADDRESS] = "login_address",
  [EF_ATTEMPT_RESET_EMAIL] = "reset_email",
  [EF_ATTEMPT_RESET_ADDRESS] = "reset_address",
};

/* How long attempts are kept: longer than any window that counts them. */
#define ATTEMPTS_KEEP_SECONDS (24 * 60 * 60)

static gboolean
insert_attempt (EfStore       *self,
                const char    *tenant_id,
                EfAttemptKind  kind,
                const char    *key,
                gint64         now,
                GError       **error)
{
  g_autoptr(EfDbStmt) prune = NULL;
  g_autoptr(EfDbStmt) prune_locks = NULL;
  g_autoptr(EfDbStmt) insert = NULL;

  prune = _ef_store_prepare (self, "DELETE FROM auth_attempts WHERE tenant_id = ?1 AND at < ?2", error);
  prune_locks = _ef_store_prepare (self,
                                   "DELETE FROM login_locks WHERE tenant_id = ?1 AND locked_until < ?2",
                                   error);
  insert = _ef_store_prepare (self,
                              "INSERT INTO auth_attempts (tenant_id, kind, key, at) VALUES (?1, ?2, ?3, ?4)",
                              error);
  if (prune == NULL || prune_locks == NULL || insert == NULL)
    return FALSE;
  ef_db_bind_text (prune, 1, tenant_id, -1);
  ef_db_bind_int64 (prune, 2, now - ATTEMPTS_KEEP_SECONDS);
  ef_db_bind_text (prune_locks, 1, tenant_id, -1);
  ef_db_bind_int64 (prune_locks, 2, now - ATTEMPTS_KEEP_SECONDS);
  ef_db_bind_text (insert, 1, tenant_id, -1);
  ef_db_bind_text (insert, 2, attempt_kinds[kind], -1);
  ef_db_bind_text (insert, 3, key ? key : "", -1);
  ef_db_bind_int64 (insert, 4, now);
  return _ef_store_step_done (self, prune, "pruning attempts", error) &&
         _ef_store_step_done (self, prune_locks, "pruning locks", error) &&
         _ef_store_step_done (self, insert, "counting an attempt", error);
}

gboolean
ef_store_add_attempt (EfStore       *self,
                      const char    *tenant_id,
                      EfAttemptKind  kind,
                      const char    *key,
                      gint64         now,
                      GError       **error)
{
  gboolean owned;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!_ef_store_begin_owned (self, &owned, error))
    return FALSE;
  if (!insert_attempt (self, tenant_id, kind, key, now, error))
    {
      _ef_store_end_owned (self, owned, FALSE, NULL);
      return FALSE;
    }
  return _ef_store_end_owned (self, owned, TRUE, error);
}

static gint64
count_attempts (EfStore       *self,
                const char    *tenant_id,
                EfAttemptKind  kind,
                const char    *key,
                gint64         since,
                GError       **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  stmt = _ef_store_prepare (self,
                            "SELECT count(*) FROM auth_attempts"
                            " WHERE tenant_id = ?1 AND kind = ?2 AND key = ?3 AND at > ?4",
                            error);
  if (stmt == NULL)
    return -1;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_text (stmt, 2, attempt_kinds[kind], -1);
  ef_db_bind_text (stmt, 3, key ? key : "", -1);
  ef_db_bind_int64 (stmt, 4, since);
  if (_ef_store_step (self, stmt, "counting attempts", error) != EF_DB_ROW)
    return -1;
  return ef_db_column_int64 (stmt, 0);
}

gint64
ef_store_count_attempts (EfStore       *self,
                         const char    *tenant_id,
                         EfAttemptKind  kind,
                         const char    *key,
                         gint64         since,
                         GError       **error)
{
  g_return_val_if_fail (self != NULL, -1);

  return count_attempts (self, tenant_id, kind, key, since, error);
}

gint64
ef_store_get_login_lock (EfStore     *self,
                         const char  *tenant_id,
                         const char  *email,
                         gint64       now,
                         GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (email != NULL, -1);

  stmt = _ef_store_prepare (self,
                            "SELECT locked_until FROM login_locks"
                            " WHERE tenant_id = ?1 AND email = ?2 AND locked_until > ?3",
                            error);
  if (stmt == NULL)
    return -1;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_text (stmt, 2, email, -1);
  ef_db_bind_int64 (stmt, 3, now);
  rc = _ef_store_step (self, stmt, "finding a lock", error);
  if (rc == EF_DB_ROW)
    return ef_db_column_int64 (stmt, 0);
  return rc == EF_DB_DONE ? 0 : -1;
}

gboolean
ef_store_clear_login_failures (EfStore     *self,
                               const char  *tenant_id,
                               const char  *email,
                               GError     **error)
{
  g_autoptr(EfDbStmt) attempts = NULL;
  g_autoptr(EfDbStmt) locks = NULL;
  g_autoptr(EfDbStmt) account = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (email != NULL, FALSE);

  attempts = _ef_store_prepare (self,
                                "DELETE FROM auth_attempts"
                                " WHERE tenant_id = ?1 AND kind = 'login_email' AND key = ?2",
                                error);
  locks = _ef_store_prepare (self, "DELETE FROM login_locks WHERE tenant_id = ?1 AND email = ?2", error);
  account = _ef_store_prepare (self,
                               "UPDATE accounts SET failed_logins = 0, locked_until = NULL"
                               " WHERE tenant_id = ?1 AND email = ?2"
                               "   AND (failed_logins > 0 OR locked_until IS NOT NULL)",
                               error);
  if (attempts == NULL || locks == NULL || account == NULL)
    return FALSE;
  ef_db_bind_text (attempts, 1, tenant_id, -1);
  ef_db_bind_text (attempts, 2, email, -1);
  ef_db_bind_text (locks, 1, tenant_id, -1);
  ef_db_bind_text (locks, 2, email, -1);
  ef_db_bind_text (account, 1, tenant_id, -1);
  ef_db_bind_text (account, 2, email, -1);
  return _ef_store_step_done (self, attempts, "clearing failures", error) &&
         _ef_store_step_done (self, locks, "clearing a lock", error) &&
         _ef_store_step_done (self, account, "clearing failures", error);
}

gboolean
ef_store_record_login_failure (EfStore     *self,
                               const char  *tenant_id,
                               gint64       account_id,
                               const char  *email,
                               const char  *address,
                               gint64       now,
                               const char  *client,
                               guint        max_failures,
                               gint64       window_seconds,
                               gint64       lock_seconds,
                               gint64      *locked_until,
                               GError     **error)
{
  g_autoptr(EfDbStmt) mirror = NULL;
  gint64 failures;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (email != NULL, FALSE);
  g_return_val_if_fail (locked_until != NULL, FALSE);

  *locked_until = 0;
  if (!_ef_store_begin (self, error))
    return FALSE;

  if (!insert_attempt (self, tenant_id, EF_ATTEMPT_LOGIN_EMAIL, email, now, error) ||
      !insert_attempt (self, tenant_id, EF_ATTEMPT_LOGIN_ADDRESS, address, now, error))
    goto fail;
  failures = count_attempts (self, tenant_id, EF_ATTEMPT_LOGIN_EMAIL, email,
                             now - window_seconds, error);
  if (failures < 0)
    goto fail;

  if (failures >= max_failures)
    {
      g_autoptr(EfDbStmt) lock = NULL;

      /* Locked: the count starts again, at the lock's end. */
      if (!ef_store_clear_login_failures (self, tenant_id, email, error))
        goto fail;
      lock = _ef_store_prepare (self,
                                "INSERT INTO login_locks (tenant_id, email, locked_until)"
                                " VALUES (?1, ?2, ?3)"
                                " ON CONFLICT (tenant_id, email)"
                                "  DO UPDATE SET locked_until = excluded.locked_until",
                                error);
      if (lock == NULL)
        goto fail;
      ef_db_bind_text (lock, 1, tenant_id, -1);
      ef_db_bind_text (lock, 2, email, -1);
      ef_db_bind_int64 (lock, 3, now + lock_seconds);
      if (!_ef_store_step_done (self, lock, "locking", error))
        goto fail;
      *locked_until = now + lock_seconds;
      failures = 0;
    }

  /* What the staff see of an account. */
  if (account_id > 0)
    {
      mirror = _ef_store_prepare (self,
                                  "UPDATE accounts SET failed_logins = ?2,"
                                  "  locked_until = CASE WHEN ?3 > 0 THEN ?3 ELSE locked_until END"
                                  " WHERE id = ?1",
                                  error);
      if (mirror == NULL)
        goto fail;
      ef_db_bind_int64 (mirror, 1, account_id);
      ef_db_bind_int64 (mirror, 2, failures);
      ef_db_bind_int64 (mirror, 3, *locked_until);
      if (!_ef_store_step_done (self, mirror, "counting a failure", error))
        goto fail;
    }

  if (!insert_connection (self, tenant_id, account_id, now, EF_CONNECTION_BAD_CREDENTIALS, client, error) ||
      !_ef_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  _ef_store_rollback (self);
  *locked_until = 0;
  return FALSE;
}

gint64
_ef_store_insert_session (EfStore     *self,
                          const char  *tenant_id,
                          gint64       account_id,
                          const char  *digest,
                          const char  *client,
                          gint64       now,
                          gint64       expires_at,
                          GError     **error)
{
  g_autoptr(EfDbStmt) insert = NULL;

  insert = _ef_store_prepare (self,
                              "INSERT INTO sessions (tenant_id, account_id, token_hash, client,"
                              "  created_at, last_seen_at, expires_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6) RETURNING id",
                              error);
  if (insert == NULL)
    return 0;
  ef_db_bind_text (insert, 1, tenant_id, -1);
  ef_db_bind_int64 (insert, 2, account_id);
  ef_db_bind_text (insert, 3, digest, -1);
  ef_db_bind_text (insert, 4, client ? client : "", -1);
  ef_db_bind_int64 (insert, 5, now);
  ef_db_bind_int64 (insert, 6, expires_at);
  return _ef_store_step_insert (self, insert, "opening a session", error);
}

gint64
ef_store_open_session (EfStore     *self,
                       const char  *tenant_id,
                       gint64       account_id,
                       const char  *digest,
                       const char  *client,
                       gint64       now,
                       gint64       expires_at,
                       GError     **error)
{
  g_autoptr(EfDbStmt) reset = NULL;
  gint64 session_id;

  g_return_val_if_fail (self != NULL, 0);

  if (!_ef_store_begin (self, error))
    return 0;

  /* A success resets the e-mail's failures. */
  reset = _ef_store_prepare (self,
                             "SELECT email FROM accounts WHERE id = ?1",
                             error);
  if (reset == NULL)
    goto fail;

  ef_db_bind_int64 (reset, 1, account_id);
  if (_ef_store_step (self, reset, "resetting failures", error) != EF_DB_ROW)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND, "No such account");
      goto fail;
    }
  if (!ef_store_clear_login_failures (self, tenant_id,
                                      (const char *) ef_db_column_text (reset, 0), error) ||
      (session_id = _ef_store_insert_session (self, tenant_id, account_id, digest, client,
                                              now, expires_at, error)) == 0)
    goto fail;

  if (!insert_connection (self, tenant_id, account_id, now, EF_CONNECTION_OK, client, error) ||
      !_ef_store_commit (self, error))
    goto fail;
  return session_id;

fail:
  _ef_store_rollback (self);
  return 0;
}

gint64
ef_store_open_family_session (EfStore     *self,
                              const char  *tenant_id,
                              gint64       parent_id,
                              gint64       account_id,
                              gint64       family_id,
                              const char  *via,
                              const char  *digest,
                              const char  *client,
                              gint64       now,
                              gint64       expires_at,
                              GError     **error)
{
  g_autoptr(EfDbStmt) insert = NULL;

  g_return_val_if_fail (self != NULL, 0);

  insert = _ef_store_prepare (self,
                              "INSERT INTO sessions (tenant_id, account_id, token_hash, client,"
                              "  created_at, last_seen_at, expires_at, family_id, parent_id, via)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7, ?8, ?9) RETURNING id",
                              error);
  if (insert == NULL)
    return 0;
  ef_db_bind_text (insert, 1, tenant_id, -1);
  ef_db_bind_int64 (insert, 2, account_id);
  ef_db_bind_text (insert, 3, digest, -1);
  ef_db_bind_text (insert, 4, client ? client : "", -1);
  ef_db_bind_int64 (insert, 5, now);
  ef_db_bind_int64 (insert, 6, expires_at);
  ef_db_bind_int64 (insert, 7, family_id);
  ef_db_bind_int64 (insert, 8, parent_id);
  if (via != NULL)
    ef_db_bind_text (insert, 9, via, -1);
  return _ef_store_step_insert (self, insert, "opening a session on behalf of a family", error);
}

EfSessionRecord *
ef_store_find_session (EfStore     *self,
                       const char  *tenant_id,
                       const char  *digest,
                       GError     **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;
  EfSessionRecord *record;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  /* A session on behalf of a family lasts no longer than the agent's. */
  stmt = _ef_store_prepare_cached (self,
                                   "SELECT s.id, s.account_id, coalesce (s.family_id, a.family_id),"
                                   "       a.email, s.last_seen_at,"
                                   "       least (s.expires_at, coalesce (p.expires_at, s.expires_at)),"
                                   "       s.ended_at IS NOT NULL OR p.ended_at IS NOT NULL,"
                                   "       a.kind = 'staff', s.family_id IS NOT NULL, s.parent_id,"
                                   "       s.via"
                                   "  FROM sessions s JOIN accounts a ON a.id = s.account_id"
                                   "  LEFT JOIN sessions p ON p.id = s.parent_id"
                                   " WHERE s.token_hash = ?1 AND s.tenant_id = ?2 AND a.tenant_id = ?2",
                                   error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, digest, -1);
  ef_db_bind_text (stmt, 2, tenant_id, -1);
  rc = ef_db_step (stmt);
  if (rc != EF_DB_ROW)
    {
      if (rc != EF_DB_DONE)
        _ef_store_set_sql_error (self, error, "finding a session");
      return NULL;
    }

  record = g_new0 (EfSessionRecord, 1);
  record->id = ef_db_column_int64 (stmt, 0);
  record->account_id = ef_db_column_int64 (stmt, 1);
  record->family_id = ef_db_column_int64 (stmt, 2);
  record->email = _ef_store_column_dup_or_null (stmt, 3);
  record->last_seen_at = ef_db_column_int64 (stmt, 4);
  record->expires_at = ef_db_column_int64 (stmt, 5);
  record->ended = ef_db_column_int64 (stmt, 6) != 0;
  record->is_staff = ef_db_column_int64 (stmt, 7) != 0;
  record->on_behalf = ef_db_column_int64 (stmt, 8) != 0;
  record->parent_id = ef_db_column_int64 (stmt, 9);
  record->via = _ef_store_column_dup_or_null (stmt, 10);
  return record;
}

gboolean
ef_store_touch_session (EfStore     *self,
                        gint64       session_id,
                        gint64       now,
                        GError     **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  stmt = _ef_store_prepare_cached (self,
                                   "UPDATE sessions SET last_seen_at = greatest (last_seen_at, ?2)"
                                   " WHERE id = ?1"
                                   "    OR id = (SELECT parent_id FROM sessions WHERE id = ?1)",
                                   error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_int64 (stmt, 1, session_id);
  ef_db_bind_int64 (stmt, 2, now);
  return _ef_store_step_done (self, stmt, "touching a session", error);
}

gboolean
ef_store_end_session (EfStore     *self,
                      gint64       session_id,
                      gint64       now,
                      const char  *reason,
                      GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  stmt = _ef_store_prepare (self,
                            "UPDATE sessions SET ended_at = ?2, end_reason = ?3"
                            " WHERE (id = ?1 OR parent_id = ?1) AND ended_at IS NULL",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_int64 (stmt, 1, session_id);
  ef_db_bind_int64 (stmt, 2, now);
  ef_db_bind_text (stmt, 3, reason, -1);
  return _ef_store_step_done (self, stmt, "ending a session", error);
}

gint64
ef_store_outbox_add (EfStore     *self,
                     const char  *tenant_id,
                     const char  *kind,
                     const char  *recipient,
                     const char  *subject,
                     const char  *body,
                     gint64       now,
                     GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, 0);

  stmt = _ef_store_prepare (self,
                            "INSERT INTO outbox (tenant_id, kind, recipient, subject, body,"
                            "  created_at, status)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'queued') RETURNING id",
                            error);
  if (stmt == NULL)
    return 0;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_text (stmt, 2, kind, -1);
  ef_db_bind_text (stmt, 3, recipient, -1);
  ef_db_bind_text (stmt, 4, subject, -1);
  ef_db_bind_text (stmt, 5, body, -1);
  ef_db_bind_int64 (stmt, 6, now);
  return _ef_store_step_insert (self, stmt, "queueing a mail", error);
}

gboolean
ef_store_outbox_set_status (EfStore     *self,
                            gint64       mail_id,
                            const char  *status,
                            gint64       now,
                            GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  stmt = _ef_store_prepare (self,
                            "UPDATE outbox SET status = ?2,"
                            "  sent_at = CASE WHEN ?2 = 'sent' THEN ?3 ELSE sent_at END,"
                            "  body = CASE WHEN ?2 = 'sent' THEN NULL ELSE body END"
                            " WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_int64 (stmt, 1, mail_id);
  ef_db_bind_text (stmt, 2, status, -1);
  ef_db_bind_int64 (stmt, 3, now);
  return _ef_store_step_done (self, stmt, "updating a mail", error);
}

static gpointer
outbox_mail_from_row (EfDbStmt *stmt)
{
  EfOutboxMail *mail = g_new0 (EfOutboxMail, 1);

  mail->id = ef_db_column_int64 (stmt, 0);
  mail->tenant_id = _ef_store_column_dup_or_null (stmt, 1);
  mail->kind = _ef_store_column_dup_or_null (stmt, 2);
  mail->recipient = _ef_store_column_dup_or_null (stmt, 3);
  mail->subject = _ef_store_column_dup_or_null (stmt, 4);
  mail->body = _ef_store_column_dup_or_null (stmt, 5);
  mail->status = _ef_store_column_dup_or_null (stmt, 6);
  mail->created_at = ef_db_column_int64 (stmt, 7);
  return mail;
}

GPtrArray *
ef_store_outbox_list (EfStore     *self,
                      const char  *tenant_id,
                      GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare (self,
                            "SELECT id, tenant_id, kind, recipient, subject, body, status, created_at"
                            "  FROM outbox WHERE ?1 IS NULL OR tenant_id = ?1 ORDER BY id",
                            error);
  if (stmt == NULL)
    return NULL;
  if (tenant_id != NULL)
    ef_db_bind_text (stmt, 1, tenant_id, -1);
  return _ef_store_collect_rows (self, stmt, outbox_mail_from_row, (GDestroyNotify) ef_outbox_mail_free,
                                 "listing the outbox", error);
}
