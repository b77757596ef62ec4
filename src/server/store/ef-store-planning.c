/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-planning.c: activities, school holidays, enrolments, reservations
 *
 * Days are stored as "YYYY-MM-DD" text: readable in the sqlite3 shell, and
 * their text order is their date order.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ef-store-private.h"
#include "ef-store-planning.h"

void
ef_activity_free (EfActivity *activity)
{
  if (activity == NULL)
    return;
  g_free (activity->service_id);
  g_free (activity->code);
  g_free (activity->name);
  g_free (activity->site);
  g_free (activity);
}

void
ef_enrolment_free (EfEnrolment *enrolment)
{
  if (enrolment == NULL)
    return;
  g_free (enrolment->activity_code);
  g_free (enrolment->activity_name);
  g_free (enrolment->service_id);
  g_free (enrolment->site);
  g_free (enrolment);
}

void
ef_planning_member_free (EfPlanningMember *member)
{
  if (member == NULL)
    return;
  g_free (member->first_name);
  g_free (member->last_name);
  g_free (member);
}

/* ------------------------------------------------------------ activities */

gboolean
ef_store_save_activity (EfStore           *self,
                        const char        *tenant_id,
                        const EfActivity  *activity,
                        GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tenant_id != NULL, FALSE);
  g_return_val_if_fail (activity != NULL && activity->code != NULL, FALSE);

  stmt = _ef_store_prepare (self,
                            "INSERT INTO activities (tenant_id, service_id, code, name, site,"
                            "  weekdays, unit_price_cents,"
                            "  deadline_days_before, deadline_hour, deadline_minute)"
                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                            " ON CONFLICT (tenant_id, code) DO UPDATE SET"
                            "  service_id = excluded.service_id,"
                            "  name = excluded.name,"
                            "  site = excluded.site,"
                            "  weekdays = excluded.weekdays,"
                            "  unit_price_cents = excluded.unit_price_cents,"
                            "  deadline_days_before = excluded.deadline_days_before,"
                            "  deadline_hour = excluded.deadline_hour,"
                            "  deadline_minute = excluded.deadline_minute",
                            error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, tenant_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, activity->service_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, activity->code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, activity->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, activity->site ? activity->site : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, activity->weekdays);
  sqlite3_bind_int64 (stmt, 7, activity->unit_price);
  if (activity->has_deadline)
    {
      sqlite3_bind_int64 (stmt, 8, activity->deadline_days_before);
      sqlite3_bind_int64 (stmt, 9, activity->deadline_hour);
      sqlite3_bind_int64 (stmt, 10, activity->deadline_minute);
    }

  if (!_ef_store_step_done (self, stmt, "saving an activity", error))
    return FALSE;
  _ef_store_settings_changed (self);
  return TRUE;
}

GPtrArray *
ef_store_list_activities (EfStore     *self,
                          const char  *tenant_id,
                          GError     **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;
  g_autoptr(GPtrArray) activities = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare_cached (self,
                                   "SELECT id, service_id, code, name, site, weekdays, unit_price_cents,"
                                   "       deadline_days_before, deadline_hour, deadline_minute"
                                   "  FROM activities WHERE tenant_id = ?1 ORDER BY code",
                                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, tenant_id, -1, SQLITE_STATIC);

  activities = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_activity_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EfActivity *activity = g_new0 (EfActivity, 1);

      activity->id = sqlite3_column_int64 (stmt, 0);
      activity->service_id = _ef_store_column_dup (stmt, 1);
      activity->code = _ef_store_column_dup (stmt, 2);
      activity->name = _ef_store_column_dup (stmt, 3);
      activity->site = _ef_store_column_dup (stmt, 4);
      activity->weekdays = (guint) sqlite3_column_int64 (stmt, 5);
      activity->unit_price = sqlite3_column_int64 (stmt, 6);
      activity->has_deadline = sqlite3_column_type (stmt, 7) != SQLITE_NULL;
      activity->deadline_days_before = (guint) sqlite3_column_int64 (stmt, 7);
      activity->deadline_hour = (guint) sqlite3_column_int64 (stmt, 8);
      activity->deadline_minute = (guint) sqlite3_column_int64 (stmt, 9);
      g_ptr_array_add (activities, activity);
    }
  if (rc != SQLITE_DONE)
    {
      _ef_store_set_sql_error (self, error, "loading activities");
      return NULL;
    }
  return g_steal_pointer (&activities);
}

/* ------------------------------------------------------- school holidays */

EfSchoolCalendar *
ef_store_load_school_calendar (EfStore     *self,
                               const char  *tenant_id,
                               GError     **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;
  g_autoptr(EfSchoolCalendar) calendar = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare_cached (self,
                                   "SELECT description, start_day, end_day, school_year"
                                   "  FROM school_holidays WHERE tenant_id = ?1 ORDER BY start_day",
                                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, tenant_id, -1, SQLITE_STATIC);

  calendar = ef_school_calendar_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EfDay start = _ef_store_column_day (stmt, 1);
      EfDay end = _ef_store_column_day (stmt, 2);

      if (start != EF_DAY_INVALID && end != EF_DAY_INVALID)
        ef_school_calendar_add_holiday (calendar,
                                        (const char *) sqlite3_column_text (stmt, 0),
                                        start, end,
                                        (const char *) sqlite3_column_text (stmt, 3));
    }
  if (rc != SQLITE_DONE)
    {
      _ef_store_set_sql_error (self, error, "loading school holidays");
      return NULL;
    }
  return g_steal_pointer (&calendar);
}

gboolean
ef_store_replace_school_holidays (EfStore           *self,
                                  const char        *tenant_id,
                                  const char        *zone,
                                  EfSchoolCalendar  *calendar,
                                  guint             *n_years,
                                  GError           **error)
{
  g_autoptr(sqlite3_stmt) tenant = NULL;
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(GHashTable) years = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = ef_school_calendar_get_n_holidays (calendar);

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (calendar != NULL, FALSE);

  if (!_ef_store_begin (self, error))
    return FALSE;

  tenant = _ef_store_prepare (self, "SELECT 1 FROM tenants WHERE id = ?1", error);
  clear = _ef_store_prepare (self,
                             "DELETE FROM school_holidays WHERE tenant_id = ?1 AND school_year = ?2",
                             error);
  insert = _ef_store_prepare (self,
                              "INSERT INTO school_holidays"
                              " (tenant_id, school_year, zone, description, start_day, end_day)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                              error);
  if (tenant == NULL || clear == NULL || insert == NULL)
    goto fail;

  sqlite3_bind_text (tenant, 1, tenant_id, -1, SQLITE_STATIC);
  if (sqlite3_step (tenant) != SQLITE_ROW)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_UNKNOWN_TENANT,
                   "Unknown tenant '%s'", tenant_id);
      goto fail;
    }

  for (guint i = 0; i < n; i++)
    {
      const EfSchoolHoliday *holiday = ef_school_calendar_get_holiday (calendar, i);

      if (g_hash_table_contains (years, holiday->school_year))
        continue;
      g_hash_table_add (years, holiday->school_year);

      sqlite3_reset (clear);
      sqlite3_bind_text (clear, 1, tenant_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (clear, 2, holiday->school_year, -1, SQLITE_STATIC);
      if (!_ef_store_step_done (self, clear, "replacing school holidays", error))
        goto fail;
    }

  for (guint i = 0; i < n; i++)
    {
      const EfSchoolHoliday *holiday = ef_school_calendar_get_holiday (calendar, i);

      sqlite3_reset (insert);
      sqlite3_bind_text (insert, 1, tenant_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 2, holiday->school_year, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 3, zone, -1, SQLITE_STATIC);
      sqlite3_bind_text (insert, 4, holiday->description, -1, SQLITE_STATIC);
      _ef_store_bind_day (insert, 5, holiday->start);
      _ef_store_bind_day (insert, 6, holiday->end);
      if (!_ef_store_step_done (self, insert, "saving a school holiday", error))
        goto fail;
    }

  if (!_ef_store_commit (self, error))
    goto fail;
  _ef_store_settings_changed (self);

  if (n_years != NULL)
    *n_years = g_hash_table_size (years);
  return TRUE;

fail:
  _ef_store_rollback (self);
  return FALSE;
}

/* --------------------------------------------------------------- members */

static EfPlanningMember *
read_member (sqlite3_stmt *stmt)
{
  EfPlanningMember *member = g_new0 (EfPlanningMember, 1);

  member->id = sqlite3_column_int64 (stmt, 0);
  member->family_id = sqlite3_column_int64 (stmt, 1);
  member->first_name = _ef_store_column_dup (stmt, 2);
  member->last_name = _ef_store_column_dup (stmt, 3);
  return member;
}

EfPlanningMember *
ef_store_lookup_planning_member (EfStore     *self,
                        const char  *tenant_id,
                        gint64       member_id,
                        GError     **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare_cached (self,
                                   "SELECT m.id, m.family_id, m.first_name, m.last_name"
                                   "  FROM members m JOIN families f ON f.id = m.family_id"
                                   " WHERE m.id = ?1 AND f.tenant_id = ?2",
                                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_text (stmt, 2, tenant_id, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return read_member (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND,
                 "No member %" G_GINT64_FORMAT, member_id);
  else
    _ef_store_set_sql_error (self, error, "loading a member");
  return NULL;
}

GPtrArray *
ef_store_list_planning_members (EfStore  *self,
                              gint64    family_id,
                              GError  **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;
  g_autoptr(GPtrArray) members = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare_cached (self,
                                   "SELECT id, family_id, first_name, last_name"
                                   "  FROM members WHERE family_id = ?1 ORDER BY id",
                                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, family_id);

  members = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_planning_member_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (members, read_member (stmt));
  if (rc != SQLITE_DONE)
    {
      _ef_store_set_sql_error (self, error, "loading members");
      return NULL;
    }
  return g_steal_pointer (&members);
}

GArray *
ef_store_list_account_children (EfStore     *self,
                                const char  *tenant_id,
                                const char  *email,
                                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) children = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare (self,
                            "SELECT m.id FROM members m"
                            " WHERE m.role = 'child' AND m.family_id ="
                            "  (SELECT family_id FROM accounts"
                            "    WHERE tenant_id = ?1 AND (?2 IS NULL OR email = ?2)"
                            "    ORDER BY id LIMIT 1)"
                            " ORDER BY m.position, m.id",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, tenant_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, email, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (children, id);
    }
  if (rc != SQLITE_DONE)
    {
      _ef_store_set_sql_error (self, error, "loading children");
      return NULL;
    }
  return g_steal_pointer (&children);
}

/* ------------------------------------------------------------ enrolments */

gboolean
ef_store_add_enrolment (EfStore     *self,
                        const char  *tenant_id,
                        gint64       member_id,
                        const char  *activity_code,
                        EfDay        first_day,
                        EfDay        last_day,
                        gboolean    *created,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) activity = NULL;
  g_autoptr(sqlite3_stmt) overlap = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(EfPlanningMember) member = NULL;
  g_autofree char *site = NULL;
  gint64 activity_id;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (ef_day_is_valid (first_day) && ef_day_is_valid (last_day), FALSE);

  if (created != NULL)
    *created = FALSE;

  if (last_day < first_day)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_DATE,
                           "The enrolment ends before it starts");
      return FALSE;
    }

  if (!_ef_store_begin (self, error))
    return FALSE;

  member = ef_store_lookup_planning_member (self, tenant_id, member_id, error);
  if (member == NULL)
    goto fail;

  activity = _ef_store_prepare (self,
                                "SELECT id, site FROM activities WHERE tenant_id = ?1 AND code = ?2",
                                error);
  if (activity == NULL)
    goto fail;
  sqlite3_bind_text (activity, 1, tenant_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (activity, 2, activity_code, -1, SQLITE_STATIC);
  rc = sqlite3_step (activity);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, EF_API_ERROR, EF_API_ERROR_NOT_FOUND,
                     "No activity '%s'", activity_code);
      else
        _ef_store_set_sql_error (self, error, "loading an activity");
      goto fail;
    }
  activity_id = sqlite3_column_int64 (activity, 0);
  site = _ef_store_column_dup (activity, 1);

  overlap = _ef_store_prepare (self,
                               "SELECT first_day = ?3 AND last_day = ?4 FROM enrolments"
                               " WHERE member_id = ?1 AND activity_id = ?2"
                               "   AND first_day <= ?4 AND last_day >= ?3",
                               error);
  if (overlap == NULL)
    goto fail;
  sqlite3_bind_int64 (overlap, 1, member_id);
  sqlite3_bind_int64 (overlap, 2, activity_id);
  _ef_store_bind_day (overlap, 3, first_day);
  _ef_store_bind_day (overlap, 4, last_day);
  rc = sqlite3_step (overlap);
  if (rc == SQLITE_ROW)
    {
      if (sqlite3_column_int (overlap, 0) == 1)
        {
          _ef_store_rollback (self);
          return TRUE;
        }
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_VALIDATION,
                   "Member %" G_GINT64_FORMAT " already has an enrolment in '%s' that overlaps these dates",
                   member_id, activity_code);
      goto fail;
    }
  if (rc != SQLITE_DONE)
    {
      _ef_store_set_sql_error (self, error, "checking enrolments");
      goto fail;
    }

  insert = _ef_store_prepare (self,
                              "INSERT INTO enrolments (member_id, activity_id, site, first_day, last_day,"
                              "  created_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, unixepoch ())",
                              error);
  if (insert == NULL)
    goto fail;
  sqlite3_bind_int64 (insert, 1, member_id);
  sqlite3_bind_int64 (insert, 2, activity_id);
  sqlite3_bind_text (insert, 3, site, -1, SQLITE_STATIC);
  _ef_store_bind_day (insert, 4, first_day);
  _ef_store_bind_day (insert, 5, last_day);
  if (!_ef_store_step_done (self, insert, "saving an enrolment", error) ||
      !_ef_store_commit (self, error))
    goto fail;

  if (created != NULL)
    *created = TRUE;
  return TRUE;

fail:
  _ef_store_rollback (self);
  return FALSE;
}

GPtrArray *
ef_store_list_enrolments (EfStore  *self,
                          gint64    member_id,
                          GError  **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;
  g_autoptr(GPtrArray) enrolments = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = _ef_store_prepare_cached (self,
                                   "SELECT e.id, e.member_id, e.activity_id, a.code, a.name, a.service_id,"
                                   "       e.site, e.first_day, e.last_day"
                                   "  FROM enrolments e JOIN activities a ON a.id = e.activity_id"
                                   " WHERE e.member_id = ?1 ORDER BY a.code, e.first_day",
                                   error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, member_id);

  enrolments = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_enrolment_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EfEnrolment *enrolment = g_new0 (EfEnrolment, 1);

      enrolment->id = sqlite3_column_int64 (stmt, 0);
      enrolment->member_id = sqlite3_column_int64 (stmt, 1);
      enrolment->activity_id = sqlite3_column_int64 (stmt, 2);
      enrolment->activity_code = _ef_store_column_dup (stmt, 3);
      enrolment->activity_name = _ef_store_column_dup (stmt, 4);
      enrolment->service_id = _ef_store_column_dup (stmt, 5);
      enrolment->site = _ef_store_column_dup (stmt, 6);
      enrolment->first_day = _ef_store_column_day (stmt, 7);
      enrolment->last_day = _ef_store_column_day (stmt, 8);
      g_ptr_array_add (enrolments, enrolment);
    }
  if (rc != SQLITE_DONE)
    {
      _ef_store_set_sql_error (self, error, "loading enrolments");
      return NULL;
    }
  return g_steal_pointer (&enrolments);
}

/* ---------------------------------------------------------- reservations */

gboolean
ef_store_load_reserved_days (EfStore     *self,
                             gint64       member_id,
                             gint64       activity_id,
                             EfDay        first_day,
                             EfDay        last_day,
                             GHashTable  *days,
                             GError     **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (days != NULL, FALSE);

  stmt = _ef_store_prepare_cached (self,
                                   "SELECT day FROM reservations"
                                   " WHERE member_id = ?1 AND activity_id = ?2 AND day BETWEEN ?3 AND ?4",
                                   error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);
  sqlite3_bind_int64 (stmt, 2, activity_id);
  _ef_store_bind_day (stmt, 3, first_day);
  _ef_store_bind_day (stmt, 4, last_day);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      EfDay day = _ef_store_column_day (stmt, 0);

      if (day != EF_DAY_INVALID)
        g_hash_table_add (days, GUINT_TO_POINTER (day));
    }
  if (rc != SQLITE_DONE)
    {
      _ef_store_set_sql_error (self, error, "loading reservations");
      return FALSE;
    }
  return TRUE;
}

gboolean
ef_store_get_planning_version (EfStore  *self,
                               gint64    member_id,
                               gint64   *version,
                               GError  **error)
{
  g_autoptr(EfStoreStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);

  stmt = _ef_store_prepare_cached (self,
                                   "SELECT version FROM planning_versions WHERE member_id = ?1",
                                   error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, member_id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *version = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    *version = 0;
  else
    {
      _ef_store_set_sql_error (self, error, "loading a planning version");
      return FALSE;
    }
  return TRUE;
}

gboolean
ef_store_begin_write (EfStore  *self,
                      GError  **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return _ef_store_begin (self, error);
}

gboolean
ef_store_commit_write (EfStore  *self,
                       GError  **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return _ef_store_commit (self, error);
}

void
ef_store_rollback_write (EfStore *self)
{
  g_return_if_fail (self != NULL);
  _ef_store_rollback (self);
}

gboolean
ef_store_write_reservations (EfStore                   *self,
                             const char                *tenant_id,
                             const EfReservationWrite  *writes,
                             guint                      n_writes,
                             gint64                     account_id,
                             const char                *channel,
                             gint64                     instant,
                             GError                   **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) delete = NULL;
  g_autoptr(sqlite3_stmt) audit = NULL;
  g_autoptr(sqlite3_stmt) bump = NULL;
  g_autoptr(GHashTable) members = g_hash_table_new (g_int64_hash, g_int64_equal);
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (writes != NULL || n_writes == 0, FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (self->db), FALSE);

  insert = _ef_store_prepare (self,
                              "INSERT INTO reservations (member_id, activity_id, day, created_at)"
                              " VALUES (?1, ?2, ?3, ?4)",
                              error);
  delete = _ef_store_prepare (self,
                              "DELETE FROM reservations"
                              " WHERE member_id = ?1 AND activity_id = ?2 AND day = ?3",
                              error);
  audit = _ef_store_prepare (self,
                             "INSERT INTO reservation_audit (tenant_id, account_id, at, member_id,"
                             "  activity_id, day, reserved_before, reserved_after, channel)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                             error);
  bump = _ef_store_prepare (self,
                            "INSERT INTO planning_versions (member_id, version) VALUES (?1, 1)"
                            " ON CONFLICT (member_id) DO UPDATE SET version = version + 1",
                            error);
  if (insert == NULL || delete == NULL || audit == NULL || bump == NULL)
    return FALSE;

  for (guint i = 0; i < n_writes; i++)
    {
      const EfReservationWrite *write = &writes[i];
      sqlite3_stmt *stmt = write->reserved ? insert : delete;
      char day[EF_STORE_DAY_TEXT_SIZE];

      _ef_store_format_day (write->day, day);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, write->member_id);
      sqlite3_bind_int64 (stmt, 2, write->activity_id);
      sqlite3_bind_text (stmt, 3, day, -1, SQLITE_STATIC);
      if (write->reserved)
        sqlite3_bind_int64 (stmt, 4, instant);
      if (!_ef_store_step_done (self, stmt, "saving a reservation", error))
        return FALSE;
      if (sqlite3_changes (self->db) != 1)
        {
          /* The caller read the state in this transaction: cannot happen. */
          g_set_error_literal (error, EF_STORE_ERROR, EF_STORE_ERROR_SQL,
                               "A reservation changed under the transaction");
          return FALSE;
        }

      sqlite3_reset (audit);
      sqlite3_bind_text (audit, 1, tenant_id, -1, SQLITE_STATIC);
      if (account_id > 0)
        sqlite3_bind_int64 (audit, 2, account_id);
      else
        sqlite3_bind_null (audit, 2);
      sqlite3_bind_int64 (audit, 3, instant);
      sqlite3_bind_int64 (audit, 4, write->member_id);
      sqlite3_bind_int64 (audit, 5, write->activity_id);
      sqlite3_bind_text (audit, 6, day, -1, SQLITE_STATIC);
      sqlite3_bind_int (audit, 7, write->reserved ? 0 : 1);
      sqlite3_bind_int (audit, 8, write->reserved ? 1 : 0);
      sqlite3_bind_text (audit, 9, channel, -1, SQLITE_STATIC);
      if (!_ef_store_step_done (self, audit, "auditing a reservation", error))
        return FALSE;

      g_hash_table_add (members, (gpointer) &write->member_id);
    }

  g_hash_table_iter_init (&iter, members);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      sqlite3_reset (bump);
      sqlite3_bind_int64 (bump, 1, *(const gint64 *) key);
      if (!_ef_store_step_done (self, bump, "bumping a planning version", error))
        return FALSE;
    }

  return TRUE;
}
