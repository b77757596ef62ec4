/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-staff.c: the town hall's staff — agents, permissions, search,
 * audit and daily lists */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include "ef-store-private.h"
#include "ef-store-accounts.h"
#include "ef-store-planning.h"
#include "ef-store-staff.h"

/* The services the family ?F uses: those of its members' enrolments (past
 * or not) and of its invoices. */
#define FAMILY_SERVICES(F) \
  "SELECT a.service_id FROM enrolments e" \
  "  JOIN members m ON m.id = e.member_id JOIN activities a ON a.id = e.activity_id" \
  " WHERE m.family_id = " F \
  " UNION SELECT i.service_id FROM invoices i WHERE i.family_id = " F

/* Whether the agent (?2: admin, 1 or 0; ?3: its services, a JSON array)
 * may read the family F: an admin; a family that uses one of its
 * services; a family that uses none. */
#define AGENT_MAY_READ(F, EACH) \
  "(?2 = 1" \
  " OR EXISTS (SELECT 1 FROM (" FAMILY_SERVICES (F) ") u" \
  "             WHERE u.service_id IN (SELECT value FROM " EACH ("?3") "))" \
  " OR NOT EXISTS (" FAMILY_SERVICES (F) "))"

/* The values of a JSON array of text, as rows of one column "value". */
#define JSON_EACH_SQLITE(P) "json_each (" P ")"
#define JSON_EACH_PG(P) "json_array_elements_text (CAST (" P " AS json))"

/* ------------------------------------------------------------- helpers */

static char *
services_json (const EfStaffAgent *agent)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; agent->services != NULL && agent->services[i] != NULL; i++)
    json_builder_add_string_value (builder, agent->services[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* Binds ?1 (tenant), ?2 and ?3 (AGENT_MAY_READ) for @agent. */
static void
bind_agent (EfDbStmt       *stmt,
            const EfStaffAgent *agent)
{
  ef_db_bind_text (stmt, 1, agent->tenant_id, -1);
  ef_db_bind_int64 (stmt, 2, agent->admin ? 1 : 0);
  g_autofree char *services = services_json (agent);

  ef_db_bind_text (stmt, 3, services, -1);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gpointer
string_from_row (EfDbStmt *stmt)
{
  return _ef_store_column_dup (stmt, 0);
}

/* The strings of column 0 of every row of @stmt, sorted. */
static GStrv
column_strv (EfStore       *self,
             EfDbStmt  *stmt,
             const char    *what,
             GError       **error)
{
  g_autoptr(GPtrArray) values = _ef_store_collect_rows (self, stmt, string_from_row, g_free, what, error);

  if (values == NULL)
    return NULL;
  g_ptr_array_sort (values, compare_strings);
  g_ptr_array_add (values, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&values), FALSE);
}

/* --------------------------------------------------------------- agents */

void
ef_staff_agent_free (EfStaffAgent *agent)
{
  if (agent == NULL)
    return;
  g_free (agent->tenant_id);
  g_free (agent->name);
  g_free (agent->email);
  g_strfreev (agent->services);
  g_free (agent);
}

gboolean
ef_staff_agent_has_service (const EfStaffAgent *agent,
                            const char         *service_id)
{
  g_return_val_if_fail (agent != NULL, FALSE);

  return agent->admin ||
         (service_id != NULL && agent->services != NULL &&
          g_strv_contains ((const char * const *) agent->services, service_id));
}

EfStaffAgent *
ef_store_load_staff_agent (EfStore     *self,
                           const char  *tenant_id,
                           gint64       account_id,
                           GError     **error)
{
  g_autoptr(EfStoreStmt) account = NULL;
  g_autoptr(EfStoreStmt) roles = NULL;
  g_autoptr(EfStaffAgent) agent = NULL;
  g_autoptr(GPtrArray) services = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  account = _ef_store_prepare_cached (self,
                                      "SELECT name, email FROM accounts"
                                      " WHERE id = ?1 AND tenant_id = ?2 AND kind = 'staff'",
                                      error);
  roles = _ef_store_prepare_cached (self,
                                    "SELECT role FROM staff_roles WHERE account_id = ?1 ORDER BY role",
                                    error);
  if (account == NULL || roles == NULL)
    return NULL;

  ef_db_bind_int64 (account, 1, account_id);
  ef_db_bind_text (account, 2, tenant_id, -1);
  rc = _ef_store_step (self, account, "loading an agent", error);
  if (rc == EF_DB_DONE)
    g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND, "No such agent");
  if (rc != EF_DB_ROW)
    return NULL;

  agent = g_new0 (EfStaffAgent, 1);
  agent->account_id = account_id;
  agent->tenant_id = g_strdup (tenant_id);
  agent->name = _ef_store_column_dup (account, 0);
  agent->email = _ef_store_column_dup (account, 1);

  ef_db_bind_int64 (roles, 1, account_id);
  while ((rc = ef_db_step (roles)) == EF_DB_ROW)
    {
      const char *role = (const char *) ef_db_column_text (roles, 0);

      if (g_strcmp0 (role, EF_STAFF_ROLE_ADMIN) == 0)
        agent->admin = TRUE;
      else
        g_ptr_array_add (services, g_strdup (role));
    }
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "loading an agent's roles");
      return NULL;
    }
  g_ptr_array_add (services, NULL);
  agent->services = (GStrv) g_ptr_array_free (g_steal_pointer (&services), FALSE);
  return g_steal_pointer (&agent);
}

/* ------------------------------------------------------------- accounts */

void
ef_staff_account_free (EfStaffAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->name);
  g_free (account->email);
  g_strfreev (account->roles);
  g_free (account);
}

gboolean
ef_staff_role_is_valid (const char *role)
{
  gsize length;

  if (role == NULL)
    return FALSE;
  length = strlen (role);
  if (length == 0 || length > 64)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (role[i]) && role[i] != '-' && role[i] != '_')
      return FALSE;
  return TRUE;
}

gint64
ef_store_save_staff_account (EfStore            *self,
                             const char         *tenant_id,
                             const char         *email,
                             const char         *name,
                             const char * const *roles,
                             const char         *password_hash,
                             gint64              now,
                             gboolean           *created,
                             GError            **error)
{
  g_autoptr(EfDbStmt) find = NULL;
  g_autoptr(EfDbStmt) insert = NULL;
  g_autoptr(EfDbStmt) rename = NULL;
  g_autoptr(EfDbStmt) password = NULL;
  g_autoptr(EfDbStmt) clear = NULL;
  g_autoptr(EfDbStmt) add = NULL;
  g_autofree char *lower = NULL;
  gint64 account_id = 0;
  int rc;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (tenant_id != NULL && email != NULL && name != NULL, 0);

  if (created != NULL)
    *created = FALSE;
  if (roles == NULL || roles[0] == NULL)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                           "An agent needs at least one role");
      return 0;
    }
  for (guint i = 0; roles[i] != NULL; i++)
    if (!ef_staff_role_is_valid (roles[i]))
      {
        g_set_error (error, EF_API_ERROR, EF_API_ERROR_VALIDATION, "Invalid role '%s'", roles[i]);
        return 0;
      }

  lower = g_ascii_strdown (email, -1);
  if (!_ef_store_begin (self, error))
    return 0;

  find = _ef_store_prepare (self,
                            "SELECT id, kind = 'staff' FROM accounts WHERE tenant_id = ?1 AND email = ?2",
                            error);
  if (find == NULL)
    goto fail;
  ef_db_bind_text (find, 1, tenant_id, -1);
  ef_db_bind_text (find, 2, lower, -1);
  rc = ef_db_step (find);
  if (rc == EF_DB_ROW)
    {
      if (ef_db_column_int64 (find, 1) == 0)
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                       "A family's account has the e-mail %s: an agent needs another", lower);
          goto fail;
        }
      account_id = ef_db_column_int64 (find, 0);
      rename = _ef_store_prepare (self, "UPDATE accounts SET name = ?2 WHERE id = ?1", error);
      if (rename == NULL)
        goto fail;
      ef_db_bind_int64 (rename, 1, account_id);
      ef_db_bind_text (rename, 2, name, -1);
      if (!_ef_store_step_done (self, rename, "renaming an agent", error))
        goto fail;
    }
  else if (rc == EF_DB_DONE)
    {
      insert = _ef_store_prepare (self,
                                  "INSERT INTO accounts (tenant_id, kind, name, email, created_at)"
                                  " VALUES (?1, 'staff', ?2, ?3, ?4) RETURNING id",
                                  error);
      if (insert == NULL)
        goto fail;
      ef_db_bind_text (insert, 1, tenant_id, -1);
      ef_db_bind_text (insert, 2, name, -1);
      ef_db_bind_text (insert, 3, lower, -1);
      ef_db_bind_int64 (insert, 4, now);
      if (ef_db_step (insert) != EF_DB_ROW)
        {
          if ((ef_db_error_kind (self->db) == EF_DB_ERROR_UNIQUE || ef_db_error_kind (self->db) == EF_DB_ERROR_CONSTRAINT))
            g_set_error (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                         "Cannot create the agent %s: %s", lower, ef_db_errmsg (self->db));
          else
            _ef_store_set_sql_error (self, error, "creating an agent");
          goto fail;
        }
      account_id = ef_db_column_int64 (insert, 0);
      ef_db_reset (insert);
      if (created != NULL)
        *created = TRUE;
    }
  else
    {
      _ef_store_set_sql_error (self, error, "finding an account");
      goto fail;
    }

  if (password_hash != NULL)
    {
      password = _ef_store_prepare (self,
                                    "UPDATE accounts SET"
                                    "  password_changed_at = CASE WHEN password_hash IS NOT DISTINCT FROM ?2"
                                    "    THEN password_changed_at ELSE ?3 END,"
                                    "  password_hash = ?2, failed_logins = 0, locked_until = NULL"
                                    " WHERE id = ?1",
                                    error);
      if (password == NULL)
        goto fail;
      ef_db_bind_int64 (password, 1, account_id);
      ef_db_bind_text (password, 2, password_hash, -1);
      ef_db_bind_int64 (password, 3, now);
      if (!_ef_store_step_done (self, password, "setting an agent's password", error) ||
          !ef_store_clear_login_failures (self, tenant_id, lower, error))
        goto fail;
    }

  clear = _ef_store_prepare (self, "DELETE FROM staff_roles WHERE account_id = ?1", error);
  add = _ef_store_prepare (self,
                           "INSERT INTO staff_roles (account_id, role) VALUES (?1, ?2)"
                           " ON CONFLICT DO NOTHING",
                           error);
  if (clear == NULL || add == NULL)
    goto fail;
  ef_db_bind_int64 (clear, 1, account_id);
  if (!_ef_store_step_done (self, clear, "changing an agent's roles", error))
    goto fail;
  for (guint i = 0; roles[i] != NULL; i++)
    {
      ef_db_reset (add);
      ef_db_bind_int64 (add, 1, account_id);
      ef_db_bind_text (add, 2, roles[i], -1);
      if (!_ef_store_step_done (self, add, "giving an agent a role", error))
        goto fail;
    }

  if (!_ef_store_commit (self, error))
    goto fail;
  return account_id;

fail:
  _ef_store_rollback (self);
  if (created != NULL)
    *created = FALSE;
  return 0;
}

GPtrArray *
ef_store_list_staff_accounts (EfStore     *self,
                              const char  *tenant_id,
                              GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  g_autoptr(EfDbStmt) roles = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare (self,
                            "SELECT id, name, email, password_hash IS NOT NULL,"
                            "       coalesce (locked_until, 0), created_at"
                            "  FROM accounts WHERE tenant_id = ?1 AND kind = 'staff'"
                            " ORDER BY name, email",
                            error);
  roles = _ef_store_prepare (self, "SELECT role FROM staff_roles WHERE account_id = ?1", error);
  if (stmt == NULL || roles == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, tenant_id, -1);

  accounts = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_staff_account_free);
  while ((rc = ef_db_step (stmt)) == EF_DB_ROW)
    {
      EfStaffAccount *account = g_new0 (EfStaffAccount, 1);

      g_ptr_array_add (accounts, account);
      account->id = ef_db_column_int64 (stmt, 0);
      account->name = _ef_store_column_dup (stmt, 1);
      account->email = _ef_store_column_dup (stmt, 2);
      account->has_password = ef_db_column_int64 (stmt, 3) != 0;
      account->locked_until = ef_db_column_int64 (stmt, 4);
      account->created_at = ef_db_column_int64 (stmt, 5);

      ef_db_reset (roles);
      ef_db_bind_int64 (roles, 1, account->id);
      account->roles = column_strv (self, roles, "loading an agent's roles", error);
      if (account->roles == NULL)
        return NULL;
    }
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "listing agents");
      return NULL;
    }
  return g_steal_pointer (&accounts);
}

gboolean
ef_store_remove_staff_account (EfStore     *self,
                               const char  *tenant_id,
                               const char  *email,
                               GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (email != NULL, FALSE);

  lower = g_ascii_strdown (email, -1);
  stmt = _ef_store_prepare (self,
                            "DELETE FROM accounts WHERE tenant_id = ?1 AND email = ?2 AND kind = 'staff'",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_text (stmt, 2, lower, -1);
  if (!_ef_store_step_done (self, stmt, "removing an agent", error))
    return FALSE;
  if (ef_db_changes (self->db) == 0)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND, "No agent has the e-mail %s", lower);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------- families */

GStrv
ef_store_list_family_services (EfStore  *self,
                               gint64    family_id,
                               GError  **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare_cached (self, FAMILY_SERVICES ("?1"), error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_int64 (stmt, 1, family_id);
  return column_strv (self, stmt, "listing a family's services", error);
}

gboolean
ef_store_check_staff_family (EfStore             *self,
                             const EfStaffAgent  *agent,
                             gint64               family_id,
                             GError             **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL && agent != NULL, FALSE);

  stmt = _ef_store_prepare_cached (self,
                                   EF_STORE_SQL (self,
                                                 "SELECT " AGENT_MAY_READ ("f.id", JSON_EACH_SQLITE)
                                                 "  FROM families f WHERE f.tenant_id = ?1 AND f.id = ?4",
                                                 "SELECT " AGENT_MAY_READ ("f.id", JSON_EACH_PG)
                                                 "  FROM families f WHERE f.tenant_id = ?1 AND f.id = ?4"),
                                   error);
  if (stmt == NULL)
    return FALSE;
  bind_agent (stmt, agent);
  ef_db_bind_int64 (stmt, 4, family_id);
  rc = _ef_store_step (self, stmt, "checking an agent's family", error);
  if (rc == EF_DB_ROW && ef_db_column_int64 (stmt, 0) != 0)
    return TRUE;
  if (rc == EF_DB_ROW || rc == EF_DB_DONE)
    g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND, "No such family");
  return FALSE;
}

/* The families the agent may read, with the folded text a search looks
 * into; the query's words are ?4 (a JSON array of folded words). */
#define SEARCH_MATCHES(EACH) \
  "WITH visible AS (" \
  "  SELECT f.id, f.name FROM families f WHERE f.tenant_id = ?1 AND " AGENT_MAY_READ ("f.id", EACH) \
  "), texts AS (" \
  "  SELECT v.id, v.name, ef_fold (v.name" \
  "    || ' ' || coalesce ((SELECT reference FROM families WHERE id = v.id), '')" \
  "    || ' ' || coalesce ((SELECT string_agg (m.first_name || ' ' || m.last_name" \
  "                                              || ' ' || coalesce (m.email, ''), ' ')" \
  "                           FROM members m WHERE m.family_id = v.id), '')" \
  "    || ' ' || coalesce ((SELECT string_agg (a.email, ' ')" \
  "                           FROM accounts a WHERE a.family_id = v.id), '')" \
  "    || ' ' || coalesce ((SELECT string_agg (i.number, ' ')" \
  "                           FROM invoices i WHERE i.family_id = v.id), '')) AS text" \
  "    FROM visible v" \
  "), matches AS (" \
  "  SELECT id, name FROM texts" \
  "   WHERE NOT EXISTS (SELECT 1 FROM " EACH ("?4") " w WHERE strpos (texts.text, w.value) = 0)" \
  ") "

GArray *
ef_store_search_families (EfStore             *self,
                          const EfStaffAgent  *agent,
                          const char          *query,
                          guint                offset,
                          guint                limit,
                          guint               *total,
                          GError             **error)
{
  g_autoptr(EfDbStmt) count = NULL;
  g_autoptr(EfDbStmt) page = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) words_node = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *words_json = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (self != NULL && agent != NULL && total != NULL, NULL);

  folded = _ef_store_fold_text (query != NULL ? query : "");
  words = g_strsplit_set (folded, " \t\n\r", -1);
  json_builder_begin_array (builder);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      json_builder_add_string_value (builder, words[i]);
  json_builder_end_array (builder);
  words_node = json_builder_get_root (builder);
  words_json = json_to_string (words_node, FALSE);

  count = _ef_store_prepare (self,
                             EF_STORE_SQL (self,
                                           SEARCH_MATCHES (JSON_EACH_SQLITE) "SELECT count (*) FROM matches",
                                           SEARCH_MATCHES (JSON_EACH_PG) "SELECT count (*) FROM matches"),
                             error);
  page = _ef_store_prepare (self,
                            EF_STORE_SQL (self,
                                          SEARCH_MATCHES (JSON_EACH_SQLITE)
                                          "SELECT id FROM matches ORDER BY ef_fold (name), id"
                                          " LIMIT ?5 OFFSET ?6",
                                          SEARCH_MATCHES (JSON_EACH_PG)
                                          "SELECT id FROM matches ORDER BY ef_fold (name), id"
                                          " LIMIT ?5 OFFSET ?6"),
                            error);
  if (count == NULL || page == NULL)
    return NULL;

  bind_agent (count, agent);
  ef_db_bind_text (count, 4, words_json, -1);
  if (_ef_store_step (self, count, "searching families", error) != EF_DB_ROW)
    return NULL;
  *total = (guint) ef_db_column_int64 (count, 0);

  bind_agent (page, agent);
  ef_db_bind_text (page, 4, words_json, -1);
  ef_db_bind_int64 (page, 5, limit);
  ef_db_bind_int64 (page, 6, offset);
  if (!_ef_store_for_each_row (self, page, _ef_store_append_id, ids, "searching families", error))
    return NULL;
  return g_steal_pointer (&ids);
}

void
ef_family_account_free (EfFamilyAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->email);
  g_free (account);
}

#define FAMILY_ACCOUNT_SELECT \
  "SELECT a.id, a.member_id, a.email, a.password_hash IS NOT NULL," \
  "       coalesce (a.locked_until, 0), a.failed_logins," \
  "       t.created_at, t.expires_at, t.used_at IS NOT NULL" \
  "  FROM accounts a" \
  "  LEFT JOIN account_tokens t ON t.id = (SELECT max (x.id) FROM account_tokens x" \
  "                                         WHERE x.account_id = a.id" \
  "                                           AND x.purpose = 'invitation')"

static gpointer
family_account_from_row (EfDbStmt *stmt)
{
  EfFamilyAccount *account = g_new0 (EfFamilyAccount, 1);

  account->id = ef_db_column_int64 (stmt, 0);
  account->member_id = ef_db_column_int64 (stmt, 1);
  account->email = _ef_store_column_dup (stmt, 2);
  account->has_password = ef_db_column_int64 (stmt, 3) != 0;
  account->locked_until = ef_db_column_int64 (stmt, 4);
  account->failed_logins = ef_db_column_int64 (stmt, 5);
  account->invited_at = ef_db_column_int64 (stmt, 6);
  account->invitation_expires_at = ef_db_column_int64 (stmt, 7);
  account->invitation_used = ef_db_column_int64 (stmt, 8) != 0;
  return account;
}

GPtrArray *
ef_store_list_family_accounts (EfStore  *self,
                               gint64    family_id,
                               GError  **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare (self,
                            FAMILY_ACCOUNT_SELECT
                            " WHERE a.family_id = ?1 AND a.kind = 'parent' ORDER BY a.id",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_int64 (stmt, 1, family_id);

  return _ef_store_collect_rows (self, stmt, family_account_from_row,
                                 (GDestroyNotify) ef_family_account_free,
                                 "listing a family's accounts", error);
}

EfFamilyAccount *
ef_store_get_member_account (EfStore  *self,
                             gint64    member_id,
                             GError  **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare (self, FAMILY_ACCOUNT_SELECT " WHERE a.member_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_int64 (stmt, 1, member_id);
  rc = _ef_store_step (self, stmt, "loading an account", error);
  if (rc == EF_DB_ROW)
    return family_account_from_row (stmt);
  return NULL;
}

gboolean
ef_store_unlock_account (EfStore   *self,
                         gint64     account_id,
                         gboolean  *changed,
                         GError   **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL && changed != NULL, FALSE);

  stmt = _ef_store_prepare (self,
                            "UPDATE accounts SET failed_logins = 0, locked_until = NULL"
                            " WHERE id = ?1 AND (failed_logins > 0 OR locked_until IS NOT NULL)",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_int64 (stmt, 1, account_id);
  if (!_ef_store_step_done (self, stmt, "unlocking an account", error))
    return FALSE;
  *changed = ef_db_changes (self->db) > 0;

  /* The lock and failures are kept by e-mail (migration 8). */
  g_clear_pointer (&stmt, ef_db_finalize);
  stmt = _ef_store_prepare (self, "SELECT tenant_id, email FROM accounts WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_int64 (stmt, 1, account_id);
  rc = _ef_store_step (self, stmt, "unlocking an account", error);
  if (rc == EF_DB_ROW)
    return ef_store_clear_login_failures (self, (const char *) ef_db_column_text (stmt, 0),
                                          (const char *) ef_db_column_text (stmt, 1), error);
  return rc == EF_DB_DONE;
}

/* ----------------------------------------------------------- enrolments */

EfEnrolment *
ef_store_get_enrolment (EfStore     *self,
                        const char  *tenant_id,
                        gint64       enrolment_id,
                        gint64      *family_id,
                        GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  EfEnrolment *enrolment;
  int rc;

  g_return_val_if_fail (self != NULL && family_id != NULL, NULL);

  stmt = _ef_store_prepare (self,
                            "SELECT " _EF_STORE_ENROLMENT_COLUMNS ", m.family_id"
                            "  FROM enrolments e JOIN activities a ON a.id = e.activity_id"
                            "  JOIN members m ON m.id = e.member_id"
                            "  JOIN families f ON f.id = m.family_id"
                            " WHERE e.id = ?1 AND f.tenant_id = ?2 AND a.tenant_id = ?2",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_int64 (stmt, 1, enrolment_id);
  ef_db_bind_text (stmt, 2, tenant_id, -1);
  rc = _ef_store_step (self, stmt, "loading an enrolment", error);
  if (rc == EF_DB_DONE)
    g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND, "No such enrolment");
  if (rc != EF_DB_ROW)
    return NULL;

  enrolment = _ef_store_enrolment_from_row (stmt);
  *family_id = ef_db_column_int64 (stmt, 9);
  return enrolment;
}

gboolean
ef_store_end_enrolment (EfStore     *self,
                        const char  *tenant_id,
                        gint64       enrolment_id,
                        EfDay        last_day,
                        gint64       account_id,
                        gint64       now,
                        guint       *n_cancelled,
                        GError     **error)
{
  g_autoptr(EfEnrolment) enrolment = NULL;
  g_autoptr(EfDbStmt) update = NULL;
  g_autoptr(EfDbStmt) later = NULL;
  g_autoptr(GArray) writes = g_array_new (FALSE, FALSE, sizeof (EfReservationWrite));
  gboolean owned;
  gint64 family_id;
  int rc;

  g_return_val_if_fail (self != NULL && n_cancelled != NULL, FALSE);
  g_return_val_if_fail (ef_day_is_valid (last_day), FALSE);

  *n_cancelled = 0;
  if (!_ef_store_begin_owned (self, &owned, error))
    return FALSE;

  enrolment = ef_store_get_enrolment (self, tenant_id, enrolment_id, &family_id, error);
  if (enrolment == NULL)
    goto fail;
  if (last_day < enrolment->first_day || last_day > enrolment->last_day)
    {
      g_autofree char *first = ef_day_format_iso (enrolment->first_day);
      g_autofree char *last = ef_day_format_iso (enrolment->last_day);

      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_DATE,
                   "The enrolment can end from %s to %s", first, last);
      goto fail;
    }

  update = _ef_store_prepare (self, "UPDATE enrolments SET last_day = ?2 WHERE id = ?1", error);
  if (update == NULL)
    goto fail;
  ef_db_bind_int64 (update, 1, enrolment_id);
  _ef_store_bind_day (update, 2, last_day);
  if (!_ef_store_step_done (self, update, "ending an enrolment", error))
    goto fail;

  /* The days after the end that no other enrolment of the member in the
   * activity covers. */
  later = _ef_store_prepare (self,
                             "SELECT r.day FROM reservations r"
                             " WHERE r.member_id = ?1 AND r.activity_id = ?2 AND r.day > ?3"
                             "   AND r.day <= ?4"
                             "   AND NOT EXISTS (SELECT 1 FROM enrolments e"
                             "                    WHERE e.member_id = r.member_id"
                             "                      AND e.activity_id = r.activity_id AND e.id <> ?5"
                             "                      AND r.day BETWEEN e.first_day AND e.last_day)"
                             " ORDER BY r.day",
                             error);
  if (later == NULL)
    goto fail;
  ef_db_bind_int64 (later, 1, enrolment->member_id);
  ef_db_bind_int64 (later, 2, enrolment->activity_id);
  _ef_store_bind_day (later, 3, last_day);
  _ef_store_bind_day (later, 4, enrolment->last_day);
  ef_db_bind_int64 (later, 5, enrolment_id);
  while ((rc = ef_db_step (later)) == EF_DB_ROW)
    {
      EfReservationWrite write = {
        enrolment->member_id, enrolment->activity_id, _ef_store_column_day (later, 0), FALSE
      };

      g_array_append_val (writes, write);
    }
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "reading reservations");
      goto fail;
    }
  g_clear_pointer (&later, ef_db_finalize);

  if (writes->len > 0 &&
      !ef_store_write_reservations (self, tenant_id, (const EfReservationWrite *) writes->data,
                                    writes->len, account_id, "api", now, error))
    goto fail;
  *n_cancelled = writes->len;
  return _ef_store_end_owned (self, owned, TRUE, error);

fail:
  _ef_store_end_owned (self, owned, FALSE, NULL);
  return FALSE;
}

/* ---------------------------------------------------------------- audit */

gboolean
ef_store_add_staff_audit (EfStore                  *self,
                          const EfStaffAuditEntry  *entry,
                          GError                  **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_return_val_if_fail (self != NULL && entry != NULL && entry->agent != NULL, FALSE);

  stmt = _ef_store_prepare (self,
                            "INSERT INTO staff_audit (tenant_id, at, agent_id, agent_name, agent_email,"
                            "  family_id, action, target, before, after, via)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                            error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_text (stmt, 1, entry->agent->tenant_id, -1);
  ef_db_bind_int64 (stmt, 2, entry->at);
  ef_db_bind_int64 (stmt, 3, entry->agent->account_id);
  ef_db_bind_text (stmt, 4, entry->agent->name, -1);
  ef_db_bind_text (stmt, 5, entry->agent->email, -1);
  if (entry->family_id > 0)
    ef_db_bind_int64 (stmt, 6, entry->family_id);
  ef_db_bind_text (stmt, 7, entry->action, -1);
  ef_db_bind_text (stmt, 8, entry->target ? entry->target : "", -1);
  before = entry->before ? json_to_string (entry->before, FALSE) : NULL;
  after = entry->after ? json_to_string (entry->after, FALSE) : NULL;
  _ef_store_bind_text_or_null (stmt, 9, before);
  _ef_store_bind_text_or_null (stmt, 10, after);
  _ef_store_bind_text_or_null (stmt, 11, entry->via);
  return _ef_store_step_done (self, stmt, "auditing an agent's action", error);
}

void
ef_staff_audit_record_free (EfStaffAuditRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->agent_name);
  g_free (record->agent_email);
  g_free (record->action);
  g_free (record->target);
  g_free (record->before);
  g_free (record->after);
  g_free (record->via);
  g_free (record);
}

static gpointer
audit_record_from_row (EfDbStmt *stmt)
{
  EfStaffAuditRecord *record = g_new0 (EfStaffAuditRecord, 1);

  record->id = ef_db_column_int64 (stmt, 0);
  record->at = ef_db_column_int64 (stmt, 1);
  record->agent_id = ef_db_column_int64 (stmt, 2);
  record->agent_name = _ef_store_column_dup (stmt, 3);
  record->agent_email = _ef_store_column_dup (stmt, 4);
  record->family_id = ef_db_column_int64 (stmt, 5);
  record->action = _ef_store_column_dup (stmt, 6);
  record->target = _ef_store_column_dup (stmt, 7);
  record->before = _ef_store_column_dup_or_null (stmt, 8);
  record->after = _ef_store_column_dup_or_null (stmt, 9);
  record->via = _ef_store_column_dup_or_null (stmt, 10);
  return record;
}

GPtrArray *
ef_store_list_staff_audit (EfStore     *self,
                           const char  *tenant_id,
                           gint64       family_id,
                           guint        offset,
                           guint        limit,
                           guint       *total,
                           GError     **error)
{
  g_autoptr(EfDbStmt) count = NULL;
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL && total != NULL, NULL);

  count = _ef_store_prepare (self,
                             "SELECT count (*) FROM staff_audit WHERE tenant_id = ?1 AND family_id = ?2",
                             error);
  stmt = _ef_store_prepare (self,
                            "SELECT l.id, l.at, coalesce (a.id, 0), l.agent_name, l.agent_email,"
                            "       l.family_id, l.action, l.target, l.before, l.after, l.via"
                            "  FROM staff_audit l"
                            "  LEFT JOIN accounts a ON a.id = l.agent_id AND a.kind = 'staff'"
                            " WHERE l.tenant_id = ?1 AND l.family_id = ?2"
                            " ORDER BY l.at DESC, l.id DESC LIMIT ?3 OFFSET ?4",
                            error);
  if (count == NULL || stmt == NULL)
    return NULL;
  ef_db_bind_text (count, 1, tenant_id, -1);
  ef_db_bind_int64 (count, 2, family_id);
  if (_ef_store_step (self, count, "counting the audit", error) != EF_DB_ROW)
    return NULL;
  *total = (guint) ef_db_column_int64 (count, 0);

  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_int64 (stmt, 2, family_id);
  ef_db_bind_int64 (stmt, 3, limit);
  ef_db_bind_int64 (stmt, 4, offset);
  return _ef_store_collect_rows (self, stmt, audit_record_from_row,
                                 (GDestroyNotify) ef_staff_audit_record_free,
                                 "reading the audit", error);
}

/* ---------------------------------------------------------------- lists */

void
ef_attendance_free (EfAttendance *attendance)
{
  if (attendance == NULL)
    return;
  g_free (attendance->site);
  g_free (attendance->first_name);
  g_free (attendance->last_name);
  g_free (attendance->family_name);
  g_free (attendance);
}

static gpointer
attendance_from_row (EfDbStmt *stmt)
{
  EfAttendance *attendance = g_new0 (EfAttendance, 1);

  attendance->activity_id = ef_db_column_int64 (stmt, 0);
  attendance->site = _ef_store_column_dup (stmt, 1);
  attendance->member_id = ef_db_column_int64 (stmt, 2);
  attendance->first_name = _ef_store_column_dup (stmt, 3);
  attendance->last_name = _ef_store_column_dup (stmt, 4);
  attendance->family_id = ef_db_column_int64 (stmt, 5);
  attendance->family_name = _ef_store_column_dup (stmt, 6);
  attendance->override = ef_db_column_int64 (stmt, 7) != 0;
  return attendance;
}

GPtrArray *
ef_store_list_attendance (EfStore     *self,
                          const char  *tenant_id,
                          EfDay        day,
                          GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare (self,
                            "SELECT a.id, coalesce ((SELECT e.site FROM enrolments e"
                            "                         WHERE e.member_id = r.member_id"
                            "                           AND e.activity_id = r.activity_id"
                            "                           AND r.day BETWEEN e.first_day AND e.last_day"
                            "                         ORDER BY e.first_day LIMIT 1), a.site),"
                            "       m.id, m.first_name, m.last_name, f.id, f.name,"
                            "       r.override_at IS NOT NULL"
                            "  FROM reservations r JOIN activities a ON a.id = r.activity_id"
                            "  JOIN members m ON m.id = r.member_id"
                            "  JOIN families f ON f.id = m.family_id"
                            " WHERE a.tenant_id = ?1 AND f.tenant_id = ?1 AND r.day = ?2"
                            " ORDER BY a.id, 2, ef_fold (m.last_name), ef_fold (m.first_name), m.id",
                            error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  _ef_store_bind_day (stmt, 2, day);

  return _ef_store_collect_rows (self, stmt, attendance_from_row, (GDestroyNotify) ef_attendance_free,
                                 "listing who is expected", error);
}

char *
ef_store_get_site_name (EfStore     *self,
                        const char  *tenant_id,
                        const char  *code,
                        GError     **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL && code != NULL, NULL);

  stmt = _ef_store_prepare (self, "SELECT name FROM sites WHERE tenant_id = ?1 AND code = ?2", error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_text (stmt, 2, code, -1);
  rc = _ef_store_step (self, stmt, "loading a site", error);
  if (rc == EF_DB_ROW)
    return _ef_store_column_dup (stmt, 0);
  if (rc == EF_DB_DONE)
    g_set_error (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND, "No site '%s'", code);
  return NULL;
}
