/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-tenants.c: tenants (municipalities) and their services */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include "ef-common.h"
#include "ef-store-private.h"

#define TENANT_ID_MAX_LENGTH 32

static gboolean
load_services (EfStore     *self,
               EfPortal    *portal,
               const char  *tenant_id,
               GError     **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;
  int rc;

  stmt = _ef_store_prepare_cached (self,
                                   "SELECT id, name, description FROM services"
                                   " WHERE tenant_id = ?1 ORDER BY position",
                                   error);
  if (stmt == NULL)
    return FALSE;
  ef_db_bind_text (stmt, 1, tenant_id, -1);

  while ((rc = ef_db_step (stmt)) == EF_DB_ROW)
    {
      g_autofree char *id = _ef_store_column_dup (stmt, 0);
      g_autofree char *name = _ef_store_column_dup (stmt, 1);
      g_autofree char *description = _ef_store_column_dup (stmt, 2);
      g_autoptr(EfService) service = ef_service_new (id, name, description);

      ef_portal_add_service (portal, service);
    }
  if (rc != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "loading services");
      return FALSE;
    }
  return TRUE;
}

static gboolean
save_services (EfStore     *self,
               EfPortal    *portal,
               GError     **error)
{
  g_autoptr(EfDbStmt) park = NULL;
  g_autoptr(EfDbStmt) upsert = NULL;
  g_autoptr(EfDbStmt) prune = NULL;
  GListModel *services = ef_portal_get_services (portal);
  const char *tenant_id = ef_portal_get_id (portal);
  guint n = g_list_model_get_n_items (services);

  /* Services are updated in place, not deleted and re-created, so that
   * what refers to them survives. Old positions are parked below zero
   * first to keep (tenant_id, position) unique while reordering; the
   * services still parked at the end are gone from @portal. */
  park = _ef_store_prepare (self,
                            "UPDATE services SET position = -1 - position"
                            " WHERE tenant_id = ?1",
                            error);
  upsert = _ef_store_prepare (self,
                              "INSERT INTO services (tenant_id, id, position, name, description)"
                              " VALUES (?1, ?2, ?3, ?4, ?5)"
                              " ON CONFLICT (tenant_id, id) DO UPDATE SET"
                              "  position = excluded.position,"
                              "  name = excluded.name,"
                              "  description = excluded.description",
                              error);
  prune = _ef_store_prepare (self,
                             "DELETE FROM services WHERE tenant_id = ?1 AND position < 0",
                             error);
  if (park == NULL || upsert == NULL || prune == NULL)
    return FALSE;

  ef_db_bind_text (park, 1, tenant_id, -1);
  if (ef_db_step (park) != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "saving services");
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(EfService) service = g_list_model_get_item (services, i);

      ef_db_reset (upsert);
      ef_db_bind_text (upsert, 1, tenant_id, -1);
      ef_db_bind_text (upsert, 2, ef_service_get_id (service), -1);
      ef_db_bind_int64 (upsert, 3, i);
      ef_db_bind_text (upsert, 4, ef_service_get_name (service), -1);
      ef_db_bind_text (upsert, 5, ef_service_get_description (service) ?: "", -1);
      if (ef_db_step (upsert) != EF_DB_DONE)
        {
          _ef_store_set_sql_error (self, error, "saving a service");
          return FALSE;
        }
    }

  ef_db_bind_text (prune, 1, tenant_id, -1);
  if (ef_db_step (prune) != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "saving services");
      return FALSE;
    }
  return TRUE;
}

gboolean
ef_tenant_id_is_valid (const char *tenant_id)
{
  gsize len;

  if (tenant_id == NULL)
    return FALSE;

  len = strlen (tenant_id);
  if (len == 0 || len > TENANT_ID_MAX_LENGTH)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (tenant_id[i]))
      return FALSE;
  return TRUE;
}

EfPortal *
ef_store_load_portal (EfStore     *self,
                      const char  *tenant_id,
                      GError     **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;
  g_autoptr(EfPortal) portal = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *time_zone = NULL;
  EfDeadlinePolicy policy;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ef_tenant_id_is_valid (tenant_id))
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT,
                           "Unknown tenant: a tenant id has 1 to 32 letters and digits");
      return NULL;
    }

  stmt = _ef_store_prepare_cached (self,
                                   "SELECT name, contact, time_zone,"
                                   "       deadline_days_before, deadline_hour, deadline_minute,"
                                   "       deadline_counted_weekdays,"
                                   "       deadline_skip_public_holidays, deadline_skip_school_holidays"
                                   "  FROM tenants WHERE id = ?1",
                                   error);
  if (stmt == NULL)
    return NULL;
  ef_db_bind_text (stmt, 1, tenant_id, -1);

  rc = ef_db_step (stmt);
  if (rc == EF_DB_DONE)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT,
                   "Unknown tenant '%s'", tenant_id);
      return NULL;
    }
  if (rc != EF_DB_ROW)
    {
      _ef_store_set_sql_error (self, error, "loading a tenant");
      return NULL;
    }

  name = _ef_store_column_dup (stmt, 0);
  contact = _ef_store_column_dup (stmt, 1);
  time_zone = _ef_store_column_dup (stmt, 2);
  policy.days_before = (guint) ef_db_column_int64 (stmt, 3);
  policy.hour = (guint) ef_db_column_int64 (stmt, 4);
  policy.minute = (guint) ef_db_column_int64 (stmt, 5);
  policy.counted_weekdays = (guint) ef_db_column_int64 (stmt, 6);
  policy.skip_public_holidays = ef_db_column_int64 (stmt, 7) != 0;
  policy.skip_school_holidays = ef_db_column_int64 (stmt, 8) != 0;

  tz = ef_time_zone_new (time_zone, &local_error);
  if (tz == NULL || !ef_deadline_policy_validate (&policy, &local_error))
    {
      g_warning ("Tenant %s has invalid settings: %s", tenant_id,
                 local_error ? local_error->message : "bad time zone");
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                   "The settings of tenant '%s' are invalid", tenant_id);
      return NULL;
    }

  portal = ef_portal_new (tenant_id, name, contact, time_zone);
  ef_portal_set_deadline_policy (portal, &policy);
  if (!load_services (self, portal, tenant_id, error))
    return NULL;

  return g_steal_pointer (&portal);
}

void
_ef_store_bind_tenant (EfDbStmt               *stmt,
                       const char             *tenant_id,
                       const char             *name,
                       const char             *contact,
                       const char             *time_zone,
                       const EfDeadlinePolicy *deadline)
{
  ef_db_bind_text (stmt, 1, tenant_id, -1);
  ef_db_bind_text (stmt, 2, name, -1);
  ef_db_bind_text (stmt, 3, contact != NULL ? contact : "", -1);
  ef_db_bind_text (stmt, 4, time_zone, -1);
  ef_db_bind_int64 (stmt, 5, deadline->days_before);
  ef_db_bind_int64 (stmt, 6, deadline->hour);
  ef_db_bind_int64 (stmt, 7, deadline->minute);
  ef_db_bind_int64 (stmt, 8, deadline->counted_weekdays);
  ef_db_bind_int64 (stmt, 9, deadline->skip_public_holidays ? 1 : 0);
  ef_db_bind_int64 (stmt, 10, deadline->skip_school_holidays ? 1 : 0);
}

gboolean
ef_store_replace_tenant (EfStore   *self,
                         EfPortal  *portal,
                         GError   **error)
{
  g_autoptr(EfDbStmt) stmt = NULL;
  const EfDeadlinePolicy *policy;
  const char *tenant_id;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (EF_IS_PORTAL (portal), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tenant_id = ef_portal_get_id (portal);
  policy = ef_portal_get_deadline_policy (portal);
  if (!ef_tenant_id_is_valid (tenant_id))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   "Invalid tenant id '%s': use 1 to 32 letters and digits", tenant_id);
      return FALSE;
    }
  if (!ef_deadline_policy_validate (policy, error))
    return FALSE;

  if (!_ef_store_begin (self, error))
    return FALSE;

  stmt = _ef_store_prepare (self,
                            "INSERT INTO tenants (" _EF_STORE_TENANT_COLUMNS ")"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                            " ON CONFLICT (id) DO UPDATE SET"
                            _EF_STORE_TENANT_UPDATES
                            "  updated_at = excluded.updated_at",
                            error);
  if (stmt == NULL)
    goto fail;

  _ef_store_bind_tenant (stmt, tenant_id, ef_portal_get_name (portal), ef_portal_get_contact (portal),
                         ef_portal_get_time_zone (portal), policy);
  if (ef_db_step (stmt) != EF_DB_DONE)
    {
      _ef_store_set_sql_error (self, error, "saving a tenant");
      goto fail;
    }

  if (!save_services (self, portal, error) || !_ef_store_commit (self, error))
    goto fail;

  _ef_store_settings_changed (self);
  return TRUE;

fail:
  _ef_store_rollback (self);
  return FALSE;
}
