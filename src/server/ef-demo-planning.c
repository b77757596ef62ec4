/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-demo-planning.c: the demo's school holidays, enrolments, reservations
 *
 * Billère's activities, as the tutorial lists them, are in the demo's
 * settings file (ef-demo-town.ini).
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <gio/gio.h>

#include "ef-demo.h"
#include "ef-planning.h"
#include "ef-server-resources.h"

#define DEMO_CALENDAR_RESOURCE "/io/github/espacefamille/EspaceFamille/server/fr-en-calendrier-scolaire.json"
#define DEMO_ZONE "A"

/* The school year 2026-2027 of zone A. */
#define DEMO_YEAR_FIRST_DAY ef_day_new (2026, 9, 1)
#define DEMO_YEAR_LAST_DAY  ef_day_new (2027, 7, 3)
/* Meals already reserved: from the start of the year to mid-December. */
#define DEMO_RESERVED_LAST_DAY ef_day_new (2026, 12, 18)

static gboolean
import_demo_calendar (EfStore  *store,
                      GError  **error)
{
  g_autoptr(GBytes) data = NULL;
  g_autoptr(EfSchoolCalendar) calendar = ef_school_calendar_new ();

  data = g_resource_lookup_data (ef_server_get_resource (), DEMO_CALENDAR_RESOURCE,
                                 G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (data == NULL)
    return FALSE;

  if (!ef_school_calendar_load_json (calendar, g_bytes_get_data (data, NULL),
                                     g_bytes_get_size (data), DEMO_ZONE, error))
    return FALSE;

  return ef_store_replace_school_holidays (store, EF_DEMO_TENANT_ID, DEMO_ZONE,
                                           calendar, NULL, error);
}

/* Reserves @activity for @member_id on every open day from the first day
 * of the year to @last_day, where not reserved yet. */
static gboolean
reserve_demo_days (EfStore          *store,
                   EfPlanningRules  *rules,
                   gint64            member_id,
                   const EfActivity *activity,
                   EfDay             last_day,
                   GError          **error)
{
  g_autoptr(GPtrArray) enrolments = NULL;
  g_autoptr(GHashTable) reserved = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) writes = g_array_new (FALSE, FALSE, sizeof (EfReservationWrite));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  if (!ef_store_begin_write (store, error))
    return FALSE;

  enrolments = ef_store_list_enrolments (store, member_id, error);
  if (enrolments == NULL ||
      !ef_store_load_reserved_days (store, member_id, activity->id, DEMO_YEAR_FIRST_DAY,
                                    last_day, reserved, error))
    goto fail;

  for (EfDay day = DEMO_YEAR_FIRST_DAY; day <= last_day; day++)
    {
      EfReservationWrite write = { member_id, activity->id, day, TRUE };

      if (ef_planning_rules_closed_reason (rules, activity, enrolments, day) == EF_CLOSED_REASON_NONE &&
          !g_hash_table_contains (reserved, GUINT_TO_POINTER (day)))
        g_array_append_val (writes, write);
    }

  if (!ef_store_write_reservations (store, EF_DEMO_TENANT_ID,
                                    (const EfReservationWrite *) writes->data, writes->len,
                                    0, "cli", g_date_time_to_unix (now), error) ||
      !ef_store_commit_write (store, error))
    goto fail;

  return TRUE;

fail:
  ef_store_rollback_write (store);
  return FALSE;
}

gboolean
ef_demo_populate_planning (EfStore  *store,
                           GArray   *children,
                           GError  **error)
{
  g_autoptr(EfPlanningRules) rules = NULL;
  const EfActivity *meal;

  g_return_val_if_fail (store != NULL, FALSE);

  if (!import_demo_calendar (store, error))
    return FALSE;

  /* Both children: the meal and one care each (the elder in the morning,
   * the younger in the evening), the whole school year. */
  for (guint i = 0; children != NULL && i < children->len; i++)
    {
      gint64 member_id = g_array_index (children, gint64, i);
      const char *care = i % 2 == 0 ? EF_DEMO_ACTIVITY_MORNING : EF_DEMO_ACTIVITY_EVENING;

      if (!ef_store_add_enrolment (store, EF_DEMO_TENANT_ID, member_id, EF_DEMO_ACTIVITY_MEAL,
                                   DEMO_YEAR_FIRST_DAY, DEMO_YEAR_LAST_DAY, NULL, error) ||
          !ef_store_add_enrolment (store, EF_DEMO_TENANT_ID, member_id, care,
                                   DEMO_YEAR_FIRST_DAY, DEMO_YEAR_LAST_DAY, NULL, error))
        return FALSE;
    }

  rules = ef_planning_rules_load (store, EF_DEMO_TENANT_ID, error);
  if (rules == NULL)
    return FALSE;
  meal = ef_planning_rules_find_activity (rules, EF_DEMO_ACTIVITY_MEAL);
  g_assert (meal != NULL);

  for (guint i = 0; children != NULL && i < children->len; i++)
    if (!reserve_demo_days (store, rules, g_array_index (children, gint64, i), meal,
                            DEMO_RESERVED_LAST_DAY, error))
      return FALSE;

  return TRUE;
}

gboolean
ef_demo_populate_planning_for_account (EfStore     *store,
                                       const char  *email,
                                       GError     **error)
{
  g_autoptr(GArray) children = NULL;

  g_return_val_if_fail (store != NULL, FALSE);

  children = ef_store_list_account_children (store, EF_DEMO_TENANT_ID, email, error);
  return children != NULL && ef_demo_populate_planning (store, children, error);
}
