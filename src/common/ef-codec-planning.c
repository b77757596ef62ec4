/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-codec-planning.c: the contract's Enrolments, Planning, ReservationBatch
 * and ReservationResult, as plain records and their JSON
 *
 * The messages of the shape checks that only a program can get wrong (a
 * planning's days out of order, a batch the server refuses) are English,
 * for developers, as the contract's Error.message.
 */

#define G_LOG_DOMAIN "EfCommon"

#include "config.h"

#include <string.h>

#include "ef-codec-planning.h"
#include "ef-codec-private.h"
#include "ef-day.h"
#include "ef-json.h"

const char * const ef_enrolment_record_members[] = {
  "id", "activity", "activity_name", "service", "site", "from", "to", NULL
};

const char * const ef_staff_enrolment_record_members[] = {
  "id", "member", "activity", "activity_name", "service", "site", "from", "to", NULL
};

const char * const ef_enrolments_record_members[] = { "enrolments", "member", NULL };

const char * const ef_planning_day_states[] = { "reserved", "free", "closed", NULL };

const char * const ef_planning_day_reasons[] = {
  "weekend", "public_holiday", "school_holiday", "not_running", "not_enrolled", "closed_day", NULL
};

const char * const ef_planning_day_record_members[] = {
  "day", "unit_price_cents", "state", "reason", "label", "changeable", "deadline", NULL
};

const char * const ef_planning_activity_record_members[] = {
  "activity", "name", "service", "site", "unit_price_cents", "days", NULL
};

const char * const ef_planning_record_members[] = {
  "member", "from", "to", "time_zone", "now", "version", "activities", NULL
};

const char * const ef_reservation_change_record_members[] = {
  "member", "activity", "day", "reserved", NULL
};

const char * const ef_reservation_batch_record_members[] = { "changes", "versions", NULL };

const char * const ef_reservation_result_record_members[] = {
  "versions", "applied", "unchanged", "reserved", "cancelled", NULL
};

const char * const ef_reservation_refusal_reasons[] = {
  "deadline_passed", "day_closed", "not_enrolled", "not_your_service", "duplicate",
  "contradictory", NULL
};

const char * const ef_reservation_refusal_record_members[] = {
  "index", "member", "activity", "day", "reserved", "reason", "closed_reason", "deadline", NULL
};

const char * const ef_staff_reservation_result_record_members[] = {
  "versions", "applied", "unchanged", "reserved", "cancelled", "overridden", NULL
};

/* ------------------------------------------------------------ enrolments */

EfEnrolmentsRecord *
ef_enrolments_record_new (gint64 member)
{
  EfEnrolmentsRecord *enrolments = g_new0 (EfEnrolmentsRecord, 1);

  enrolments->member = member;
  enrolments->enrolments =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ef_enrolment_record_free);
  return enrolments;
}

void
ef_enrolment_record_free (EfEnrolmentRecord *enrolment)
{
  if (enrolment == NULL)
    return;
  g_free (enrolment->activity);
  g_free (enrolment->activity_name);
  g_free (enrolment->service);
  g_free (enrolment->site);
  g_free (enrolment);
}

void
ef_enrolments_record_free (EfEnrolmentsRecord *enrolments)
{
  if (enrolments == NULL)
    return;
  g_clear_pointer (&enrolments->enrolments, g_ptr_array_unref);
  g_free (enrolments);
}

gboolean
ef_enrolment_record_equal (const EfEnrolmentRecord *a,
                           const EfEnrolmentRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->id == b->id &&
         a->member == b->member &&
         g_strcmp0 (a->activity, b->activity) == 0 &&
         g_strcmp0 (a->activity_name, b->activity_name) == 0 &&
         g_strcmp0 (a->service, b->service) == 0 &&
         g_strcmp0 (a->site, b->site) == 0 &&
         a->from == b->from &&
         a->to == b->to;
}

/* Whether @a and @b hold equal records, each pair compared with @equal. */
static gboolean
items_equal (GPtrArray  *a,
             GPtrArray  *b,
             GEqualFunc  equal)
{
  if (a == NULL || b == NULL)
    return a == b;
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

gboolean
ef_enrolments_record_equal (const EfEnrolmentsRecord *a,
                            const EfEnrolmentsRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->member == b->member &&
         items_equal (a->enrolments, b->enrolments, (GEqualFunc) ef_enrolment_record_equal);
}

static void
add_enrolment (JsonBuilder             *builder,
               const EfEnrolmentRecord *enrolment)
{
  json_builder_begin_object (builder);
  _ef_codec_add_int (builder, "id", enrolment->id);
  if (enrolment->member > 0)
    _ef_codec_add_int (builder, "member", enrolment->member);
  _ef_codec_add_string (builder, "activity", enrolment->activity);
  _ef_codec_add_string (builder, "activity_name", enrolment->activity_name);
  _ef_codec_add_string (builder, "service", enrolment->service);
  _ef_codec_add_string (builder, "site", enrolment->site);
  _ef_codec_add_day (builder, "from", enrolment->from);
  _ef_codec_add_day (builder, "to", enrolment->to);
  json_builder_end_object (builder);
}

JsonNode *
ef_enrolment_record_to_json (const EfEnrolmentRecord *enrolment)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (enrolment != NULL, NULL);

  add_enrolment (builder, enrolment);
  return json_builder_get_root (builder);
}

JsonNode *
ef_enrolments_record_to_json (const EfEnrolmentsRecord *enrolments)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (enrolments != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "enrolments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < enrolments->enrolments->len; i++)
    add_enrolment (builder, g_ptr_array_index (enrolments->enrolments, i));
  json_builder_end_array (builder);
  _ef_codec_add_int (builder, "member", enrolments->member);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static EfEnrolmentRecord *
read_enrolment (JsonNode    *node,
                const char  *what,
                GError     **error)
{
  g_autoptr(EfEnrolmentRecord) enrolment = g_new0 (EfEnrolmentRecord, 1);
  JsonObject *object;

  object = _ef_codec_require_object (node, what, error);
  if (object == NULL ||
      !_ef_codec_get_id (object, "id", &enrolment->id, error) ||
      !_ef_codec_get_nullable_id (object, "member", &enrolment->member, error) ||
      !_ef_codec_get_string (object, "activity", &enrolment->activity, error) ||
      !_ef_codec_get_string (object, "activity_name", &enrolment->activity_name, error) ||
      !_ef_codec_get_string (object, "service", &enrolment->service, error) ||
      !_ef_codec_get_string (object, "site", &enrolment->site, error) ||
      !_ef_codec_get_day (object, "from", &enrolment->from, error) ||
      !_ef_codec_get_day (object, "to", &enrolment->to, error))
    return NULL;
  return g_steal_pointer (&enrolment);
}

EfEnrolmentRecord *
ef_enrolment_record_from_json (JsonNode  *node,
                               GError   **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return read_enrolment (node, "enrolment", error);
}

EfEnrolmentRecord *
ef_staff_enrolment_record_from_json (JsonNode  *node,
                                     GError   **error)
{
  JsonObject *object;
  gint64 member;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _ef_codec_require_object (node, "enrolment", error);
  if (object == NULL || !_ef_codec_get_id (object, "member", &member, error))
    return NULL;
  return read_enrolment (node, "enrolment", error);
}

EfEnrolmentsRecord *
ef_enrolments_record_from_json (JsonNode  *node,
                                GError   **error)
{
  g_autoptr(EfEnrolmentsRecord) enrolments = ef_enrolments_record_new (0);
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _ef_codec_require_object (node, "enrolments", error);
  if (object == NULL ||
      !_ef_codec_get_id (object, "member", &enrolments->member, error) ||
      !_ef_codec_read_items (object, "enrolments", (EfCodecItemReader) read_enrolment,
                             enrolments->enrolments, error))
    return NULL;
  return g_steal_pointer (&enrolments);
}

/* -------------------------------------------------------------- planning */

EfPlanningRecord *
ef_planning_record_new (void)
{
  EfPlanningRecord *planning = g_new0 (EfPlanningRecord, 1);

  planning->from = EF_DAY_INVALID;
  planning->to = EF_DAY_INVALID;
  planning->activities =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ef_planning_activity_record_free);
  return planning;
}

EfPlanningActivityRecord *
ef_planning_activity_record_new (void)
{
  EfPlanningActivityRecord *activity = g_new0 (EfPlanningActivityRecord, 1);

  activity->days = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_planning_day_record_free);
  return activity;
}

void
ef_planning_day_record_free (EfPlanningDayRecord *day)
{
  if (day == NULL)
    return;
  g_free (day->state);
  g_free (day->reason);
  g_free (day->label);
  g_free (day->deadline);
  g_free (day);
}

void
ef_planning_activity_record_free (EfPlanningActivityRecord *activity)
{
  if (activity == NULL)
    return;
  g_free (activity->activity);
  g_free (activity->name);
  g_free (activity->service);
  g_free (activity->site);
  g_clear_pointer (&activity->days, g_ptr_array_unref);
  g_free (activity);
}

void
ef_planning_record_free (EfPlanningRecord *planning)
{
  if (planning == NULL)
    return;
  g_free (planning->time_zone);
  g_free (planning->now);
  g_clear_pointer (&planning->activities, g_ptr_array_unref);
  g_free (planning);
}

gboolean
ef_planning_day_record_equal (const EfPlanningDayRecord *a,
                              const EfPlanningDayRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->day == b->day &&
         g_strcmp0 (a->state, b->state) == 0 &&
         g_strcmp0 (a->reason, b->reason) == 0 &&
         g_strcmp0 (a->label, b->label) == 0 &&
         a->unit_price_cents == b->unit_price_cents &&
         a->changeable == b->changeable &&
         g_strcmp0 (a->deadline, b->deadline) == 0;
}

gboolean
ef_planning_activity_record_equal (const EfPlanningActivityRecord *a,
                                   const EfPlanningActivityRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strcmp0 (a->activity, b->activity) == 0 &&
         g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->service, b->service) == 0 &&
         g_strcmp0 (a->site, b->site) == 0 &&
         a->unit_price_cents == b->unit_price_cents &&
         items_equal (a->days, b->days, (GEqualFunc) ef_planning_day_record_equal);
}

gboolean
ef_planning_record_equal (const EfPlanningRecord *a,
                          const EfPlanningRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->member == b->member &&
         a->from == b->from &&
         a->to == b->to &&
         g_strcmp0 (a->time_zone, b->time_zone) == 0 &&
         g_strcmp0 (a->now, b->now) == 0 &&
         a->version == b->version &&
         items_equal (a->activities, b->activities,
                      (GEqualFunc) ef_planning_activity_record_equal);
}

/* The planning is the server's largest answer and its most frequent: it is
 * written straight into text, with no JSON tree. */
void
ef_planning_write_string (GString    *out,
                          const char *text)
{
  static const char hex[] = "0123456789abcdef";
  const char *run = text;

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          g_string_append (out, "\\u00");
          g_string_append_c (out, hex[c >> 4]);
          g_string_append_c (out, hex[c & 0xf]);
          break;
        }
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

static void
put_digits (char *digits,
            int   value,
            int   width)
{
  for (int i = width - 1; i >= 0; i--, value /= 10)
    digits[i] = '0' + value % 10;
}

/* "YYYY-MM-DD", quoted, in one append: a planning writes hundreds. */
static void
write_day (GString *out,
           EfDay    day)
{
  char text[12];
  int y, m, d;

  ef_day_get_ymd (day, &y, &m, &d);
  text[0] = '"';
  put_digits (text + 1, y, 4);
  text[5] = '-';
  put_digits (text + 6, m, 2);
  text[8] = '-';
  put_digits (text + 9, d, 2);
  text[11] = '"';
  g_string_append_len (out, text, sizeof text);
}

/* ,"state":"…" with the contract's states as written once. */
static void
write_state (GString    *out,
             const char *state)
{
  static const char * const texts[] = {
    ",\"state\":\"reserved\"", ",\"state\":\"free\"", ",\"state\":\"closed\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (strcmp (state, ef_planning_day_states[i]) == 0)
      {
        g_string_append (out, texts[i]);
        return;
      }
  g_string_append (out, ",\"state\":");
  ef_planning_write_string (out, state);
}

static void
write_member (GString    *out,
              const char *name)
{
  g_string_append_c (out, '"');
  g_string_append (out, name);
  g_string_append (out, "\":");
}

void
ef_planning_record_write_head (const EfPlanningRecord *planning,
                               GString                *out,
                               gsize                  *now_offset,
                               gsize                  *now_length)
{
  gsize offset = 0, length = 0;

  g_return_if_fail (planning != NULL && out != NULL);

  g_string_append (out, "{\"member\":");
  g_string_append_printf (out, "%" G_GINT64_FORMAT, planning->member);
  g_string_append (out, ",\"from\":");
  write_day (out, planning->from);
  g_string_append (out, ",\"to\":");
  write_day (out, planning->to);
  g_string_append (out, ",\"time_zone\":");
  ef_planning_write_string (out, planning->time_zone);
  if (planning->now != NULL)
    {
      g_string_append (out, ",\"now\":");
      offset = out->len;
      ef_planning_write_string (out, planning->now);
      length = out->len - offset;
    }
  g_string_append_printf (out, ",\"version\":%" G_GINT64_FORMAT ",\"activities\":[",
                          planning->version);
  if (now_offset != NULL)
    *now_offset = offset;
  if (now_length != NULL)
    *now_length = length;
}

void
ef_planning_activity_record_write_head (const EfPlanningActivityRecord *activity,
                                        gboolean                        first,
                                        GString                        *out)
{
  g_return_if_fail (activity != NULL && out != NULL);

  if (!first)
    g_string_append_c (out, ',');
  g_string_append_c (out, '{');
  write_member (out, "activity");
  ef_planning_write_string (out, activity->activity);
  g_string_append_c (out, ',');
  write_member (out, "name");
  ef_planning_write_string (out, activity->name);
  g_string_append_c (out, ',');
  write_member (out, "service");
  ef_planning_write_string (out, activity->service);
  g_string_append_c (out, ',');
  write_member (out, "site");
  ef_planning_write_string (out, activity->site);
  g_string_append_printf (out, ",\"unit_price_cents\":%" G_GINT64_FORMAT ",\"days\":[",
                          activity->unit_price_cents);
}

void
ef_planning_day_record_write (const EfPlanningDayRecord *day,
                              gboolean                   first,
                              GString                   *out)
{
  if (!first)
    g_string_append_c (out, ',');
  g_string_append (out, "{\"day\":");
  write_day (out, day->day);
  if (day->unit_price_cents >= 0)
    g_string_append_printf (out, ",\"unit_price_cents\":%" G_GINT64_FORMAT, day->unit_price_cents);
  write_state (out, day->state);
  if (day->reason != NULL)
    {
      g_string_append (out, ",\"reason\":");
      ef_planning_write_string (out, day->reason);
    }
  if (day->label != NULL)
    {
      g_string_append (out, ",\"label\":");
      ef_planning_write_string (out, day->label);
    }
  g_string_append (out, day->changeable ? ",\"changeable\":true" : ",\"changeable\":false");
  if (day->deadline != NULL)
    {
      g_string_append (out, ",\"deadline\":");
      ef_planning_write_string (out, day->deadline);
    }
  g_string_append_c (out, '}');
}

void
ef_planning_write_close (GString *out)
{
  g_string_append (out, "]}");
}

void
ef_planning_record_write (const EfPlanningRecord *planning,
                          GString                *out)
{
  g_return_if_fail (planning != NULL && out != NULL);

  ef_planning_record_write_head (planning, out, NULL, NULL);
  for (guint i = 0; i < planning->activities->len; i++)
    {
      const EfPlanningActivityRecord *activity = g_ptr_array_index (planning->activities, i);

      ef_planning_activity_record_write_head (activity, i == 0, out);
      for (guint j = 0; j < activity->days->len; j++)
        ef_planning_day_record_write (g_ptr_array_index (activity->days, j), j == 0, out);
      ef_planning_write_close (out);
    }
  ef_planning_write_close (out);
}

static EfPlanningDayRecord *
read_planning_day (JsonNode    *node,
                   const char  *what,
                   GError     **error)
{
  g_autoptr(EfPlanningDayRecord) day = g_new0 (EfPlanningDayRecord, 1);
  JsonObject *object;
  JsonNode *price;

  object = _ef_codec_require_object (node, what, error);
  if (object == NULL ||
      !_ef_codec_get_day (object, "day", &day->day, error) ||
      !_ef_codec_get_enum (object, "state", ef_planning_day_states, &day->state, error) ||
      !_ef_codec_get_nullable_string (object, "reason", &day->reason, error) ||
      !_ef_codec_get_nullable_string (object, "label", &day->label, error) ||
      !ef_json_get_bool (object, "changeable", FALSE, &day->changeable, error) ||
      !_ef_codec_get_instant (object, "deadline", TRUE, &day->deadline, error))
    return NULL;
  price = json_object_get_member (object, "unit_price_cents");
  day->unit_price_cents = -1;
  if (price != NULL && !JSON_NODE_HOLDS_NULL (price) &&
      !ef_json_get_int (object, "unit_price_cents", FALSE, &day->unit_price_cents, error))
    return NULL;
  return g_steal_pointer (&day);
}

static EfPlanningActivityRecord *
read_planning_activity (JsonNode    *node,
                        const char  *what,
                        GError     **error)
{
  g_autoptr(EfPlanningActivityRecord) activity = ef_planning_activity_record_new ();
  JsonObject *object;

  object = _ef_codec_require_object (node, what, error);
  if (object == NULL ||
      !_ef_codec_get_string (object, "activity", &activity->activity, error) ||
      !_ef_codec_get_string (object, "name", &activity->name, error) ||
      !_ef_codec_get_string (object, "service", &activity->service, error) ||
      !_ef_codec_get_string (object, "site", &activity->site, error) ||
      !ef_json_get_int (object, "unit_price_cents", FALSE, &activity->unit_price_cents, error) ||
      !_ef_codec_read_items (object, "days", (EfCodecItemReader) read_planning_day,
                             activity->days, error))
    return NULL;
  return g_steal_pointer (&activity);
}

EfPlanningRecord *
ef_planning_record_from_json (JsonNode  *node,
                              GError   **error)
{
  g_autoptr(EfPlanningRecord) planning = ef_planning_record_new ();
  JsonObject *object;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _ef_codec_require_object (node, "planning", error);
  if (object == NULL ||
      !_ef_codec_get_id (object, "member", &planning->member, error) ||
      !_ef_codec_get_day (object, "from", &planning->from, error) ||
      !_ef_codec_get_day (object, "to", &planning->to, error) ||
      !_ef_codec_get_string (object, "time_zone", &planning->time_zone, error) ||
      !_ef_codec_get_instant (object, "now", TRUE, &planning->now, error) ||
      !_ef_codec_get_natural (object, "version", &planning->version, error) ||
      !_ef_codec_read_items (object, "activities", (EfCodecItemReader) read_planning_activity,
                             planning->activities, error))
    return NULL;

  if (planning->to < planning->from)
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_DATE,
                           "“from” is after “to”");
      return NULL;
    }
  for (guint i = 0; i < planning->activities->len; i++)
    {
      const EfPlanningActivityRecord *activity = g_ptr_array_index (planning->activities, i);
      guint n = activity->days->len;

      if (n != planning->to - planning->from + 1)
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                       "The activity “%s” has %u days instead of %u", activity->activity, n,
                       planning->to - planning->from + 1);
          return NULL;
        }
      for (guint j = 0; j < n; j++)
        {
          const EfPlanningDayRecord *day = g_ptr_array_index (activity->days, j);

          if (day->day != planning->from + j)
            {
              g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                           "The days of “%s” are not one per day in order", activity->activity);
              return NULL;
            }
        }
    }
  return g_steal_pointer (&planning);
}

/* ---------------------------------------------------------- reservations */

static GArray *
versions_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (EfPlanningVersion));
}

EfReservationBatchRecord *
ef_reservation_batch_record_new (void)
{
  EfReservationBatchRecord *batch = g_new0 (EfReservationBatchRecord, 1);

  batch->changes =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ef_reservation_change_record_free);
  batch->versions = versions_new ();
  return batch;
}

EfReservationResultRecord *
ef_reservation_result_record_new (void)
{
  EfReservationResultRecord *result = g_new0 (EfReservationResultRecord, 1);

  result->versions = versions_new ();
  result->overridden = -1;
  return result;
}

void
ef_reservation_change_record_free (EfReservationChangeRecord *change)
{
  if (change == NULL)
    return;
  g_free (change->activity);
  g_free (change);
}

void
ef_reservation_batch_record_free (EfReservationBatchRecord *batch)
{
  if (batch == NULL)
    return;
  g_clear_pointer (&batch->changes, g_ptr_array_unref);
  g_clear_pointer (&batch->versions, g_array_unref);
  g_free (batch);
}

void
ef_reservation_result_record_free (EfReservationResultRecord *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->versions, g_array_unref);
  g_free (result);
}

gboolean
ef_reservation_change_record_equal (const EfReservationChangeRecord *a,
                                    const EfReservationChangeRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->member == b->member &&
         g_strcmp0 (a->activity, b->activity) == 0 &&
         a->day == b->day &&
         !a->reserved == !b->reserved;
}

static gboolean
versions_equal (GArray *a,
                GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      const EfPlanningVersion *x = &g_array_index (a, EfPlanningVersion, i);
      const EfPlanningVersion *y = &g_array_index (b, EfPlanningVersion, i);

      if (x->member != y->member || x->version != y->version)
        return FALSE;
    }
  return TRUE;
}

gboolean
ef_reservation_batch_record_equal (const EfReservationBatchRecord *a,
                                   const EfReservationBatchRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return items_equal (a->changes, b->changes, (GEqualFunc) ef_reservation_change_record_equal) &&
         versions_equal (a->versions, b->versions);
}

gboolean
ef_reservation_result_record_equal (const EfReservationResultRecord *a,
                                    const EfReservationResultRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return versions_equal (a->versions, b->versions) &&
         a->applied == b->applied &&
         a->unchanged == b->unchanged &&
         a->reserved == b->reserved &&
         a->cancelled == b->cancelled &&
         a->overridden == b->overridden;
}

void
ef_reservation_batch_record_add_change (EfReservationBatchRecord *batch,
                                        gint64                    member,
                                        const char               *activity,
                                        EfDay                     day,
                                        gboolean                  reserved)
{
  EfReservationChangeRecord *change = g_new0 (EfReservationChangeRecord, 1);

  g_return_if_fail (batch != NULL);

  change->member = member;
  change->activity = g_strdup (activity);
  change->day = day;
  change->reserved = reserved;
  g_ptr_array_add (batch->changes, change);
}

void
ef_planning_versions_add (GArray *versions,
                          gint64  member,
                          gint64  version)
{
  EfPlanningVersion entry = { member, version };

  g_return_if_fail (versions != NULL);

  g_array_append_val (versions, entry);
}

static void
add_change (JsonBuilder                     *builder,
            const EfReservationChangeRecord *change)
{
  json_builder_begin_object (builder);
  _ef_codec_add_int (builder, "member", change->member);
  _ef_codec_add_string (builder, "activity", change->activity);
  _ef_codec_add_day (builder, "day", change->day);
  _ef_codec_add_bool (builder, "reserved", change->reserved);
  json_builder_end_object (builder);
}

/* "versions": {"12": 4, …} */
static void
add_versions (JsonBuilder *builder,
              GArray      *versions)
{
  json_builder_set_member_name (builder, "versions");
  json_builder_begin_object (builder);
  for (guint i = 0; i < versions->len; i++)
    {
      const EfPlanningVersion *entry = &g_array_index (versions, EfPlanningVersion, i);
      char name[24];

      g_snprintf (name, sizeof name, "%" G_GINT64_FORMAT, entry->member);
      _ef_codec_add_int (builder, name, entry->version);
    }
  json_builder_end_object (builder);
}

JsonNode *
ef_reservation_change_record_to_json (const EfReservationChangeRecord *change)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (change != NULL, NULL);

  add_change (builder, change);
  return json_builder_get_root (builder);
}

JsonNode *
ef_reservation_batch_record_to_json (const EfReservationBatchRecord *batch)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (batch != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < batch->changes->len; i++)
    add_change (builder, g_ptr_array_index (batch->changes, i));
  json_builder_end_array (builder);
  add_versions (builder, batch->versions);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
ef_reservation_result_record_to_json (const EfReservationResultRecord *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (result != NULL, NULL);

  json_builder_begin_object (builder);
  add_versions (builder, result->versions);
  _ef_codec_add_int (builder, "applied", result->applied);
  _ef_codec_add_int (builder, "unchanged", result->unchanged);
  _ef_codec_add_int (builder, "reserved", result->reserved);
  _ef_codec_add_int (builder, "cancelled", result->cancelled);
  if (result->overridden >= 0)
    _ef_codec_add_int (builder, "overridden", result->overridden);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static EfReservationChangeRecord *
read_change (JsonNode    *node,
             guint        index,
             EfDay        first_day,
             EfDay        last_day,
             GError     **error)
{
  g_autoptr(EfReservationChangeRecord) change = g_new0 (EfReservationChangeRecord, 1);
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  const char *activity = NULL;
  const char *day_text = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   "changes[%u] must be an object", index);
      return NULL;
    }
  object = json_node_get_object (node);

  if (!ef_json_check_members (object, ef_reservation_change_record_members, &local_error) ||
      !ef_json_get_int (object, "member", FALSE, &change->member, &local_error) ||
      !ef_json_get_string (object, "activity", FALSE, &activity, &local_error) ||
      !ef_json_get_string (object, "day", FALSE, &day_text, &local_error) ||
      !ef_json_get_bool (object, "reserved", FALSE, &change->reserved, &local_error))
    {
      g_set_error (error, EF_API_ERROR, local_error->code,
                   "changes[%u]: %s", index, local_error->message);
      return NULL;
    }
  change->activity = g_strdup (activity);

  change->day = ef_day_parse_iso (day_text, NULL);
  if (change->day == EF_DAY_INVALID)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_DATE,
                   "changes[%u]: the day must be a date written YYYY-MM-DD", index);
      return NULL;
    }
  if (change->day < first_day || change->day > last_day)
    {
      g_autofree char *first = ef_day_format_iso (first_day);
      g_autofree char *last = ef_day_format_iso (last_day);

      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   "'changes[%u].day' must be a day from %s to %s", index, first, last);
      return NULL;
    }
  return g_steal_pointer (&change);
}

EfReservationBatchRecord *
ef_reservation_batch_record_from_json (JsonNode  *node,
                                       guint      max_changes,
                                       EfDay      first_day,
                                       EfDay      last_day,
                                       GError   **error)
{
  g_autoptr(EfReservationBatchRecord) batch = NULL;
  JsonObject *object, *versions;
  JsonArray *array;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  guint n;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                           "The body must be a JSON object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!ef_json_check_members (object, ef_reservation_batch_record_members, error) ||
      !ef_json_get_array (object, "changes", FALSE, &array, error) ||
      !ef_json_get_object (object, "versions", FALSE, &versions, error))
    return NULL;

  n = json_array_get_length (array);
  if (n == 0 || n > max_changes)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                   "changes must hold 1 to %u changes", max_changes);
      return NULL;
    }

  batch = ef_reservation_batch_record_new ();
  json_object_iter_init_ordered (&iter, versions);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      guint64 member;

      if (!g_ascii_string_to_unsigned (name, 10, 1, G_MAXINT64, &member, NULL) ||
          !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64 ||
          json_node_get_int (value) < 0)
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                       "versions: each member id must map to its planning version, an integer >= 0 (not '%s')",
                       name);
          return NULL;
        }
      ef_planning_versions_add (batch->versions, (gint64) member, json_node_get_int (value));
    }

  for (guint i = 0; i < n; i++)
    {
      EfReservationChangeRecord *change = read_change (json_array_get_element (array, i), i,
                                                       first_day, last_day, error);

      if (change == NULL)
        return NULL;
      g_ptr_array_add (batch->changes, change);
    }
  return g_steal_pointer (&batch);
}

/* The fast reader of a batch's text: a strict subset of what the JSON
 * parser and ef_reservation_batch_record_from_json() accept together,
 * read without a JSON tree. Anything else (an escape, a non-ASCII byte, a
 * number that is not a plain natural, a member missing, repeated or
 * unknown, a day out of bounds…) stops it, and the caller reads the text
 * the long way, which says what is wrong. */
typedef struct
{
  const char *p;
  const char *end;
} BatchText;

/* The versions a plain batch may name, checked one against the other. */
#define BATCH_TEXT_MAX_VERSIONS 64

static void
batch_text_skip_space (BatchText *text)
{
  while (text->p < text->end &&
         (*text->p == ' ' || *text->p == '\n' || *text->p == '\r' || *text->p == '\t'))
    text->p++;
}

/* Whitespace, then @c. */
static gboolean
batch_text_take (BatchText *text,
                 char       c)
{
  batch_text_skip_space (text);
  if (text->p == text->end || *text->p != c)
    return FALSE;
  text->p++;
  return TRUE;
}

/* A string of printable ASCII without escapes: its bytes between the
 * quotes in *@start and *@length. */
static gboolean
batch_text_string (BatchText   *text,
                   const char **start,
                   gsize       *length)
{
  const char *s;

  if (!batch_text_take (text, '"'))
    return FALSE;
  s = text->p;
  while (text->p < text->end && *text->p != '"')
    {
      guchar c = (guchar) *text->p;

      if (c < 0x20 || c >= 0x7f || c == '\\')
        return FALSE;
      text->p++;
    }
  if (text->p == text->end)
    return FALSE;
  *start = s;
  *length = (gsize) (text->p - s);
  text->p++;
  return TRUE;
}

/* @length decimal digits at @s, without a leading zero and few enough
 * for a gint64. */
static gboolean
batch_text_digits (const char *s,
                   gsize       length,
                   gint64     *value)
{
  gint64 v = 0;

  if (length == 0 || length > 18 || (s[0] == '0' && length > 1))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *value = v;
  return TRUE;
}

static gboolean
batch_text_natural (BatchText *text,
                    gint64    *value)
{
  const char *s;

  batch_text_skip_space (text);
  s = text->p;
  while (text->p < text->end && g_ascii_isdigit (*text->p))
    text->p++;
  return batch_text_digits (s, (gsize) (text->p - s), value);
}

static gboolean
batch_text_literal (BatchText  *text,
                    const char *literal)
{
  gsize length = strlen (literal);

  batch_text_skip_space (text);
  if ((gsize) (text->end - text->p) < length || memcmp (text->p, literal, length) != 0)
    return FALSE;
  text->p += length;
  return TRUE;
}

/* A member's name and its colon; the index of the name in @names, or -1. */
static int
batch_text_name (BatchText          *text,
                 const char * const *names)
{
  const char *name;
  gsize length;

  if (!batch_text_string (text, &name, &length) || !batch_text_take (text, ':'))
    return -1;
  for (int i = 0; names[i] != NULL; i++)
    if (strlen (names[i]) == length && memcmp (names[i], name, length) == 0)
      return i;
  return -1;
}

static EfReservationChangeRecord *
batch_text_change (BatchText *text,
                   EfDay      first_day,
                   EfDay      last_day)
{
  g_autoptr(EfReservationChangeRecord) change = g_new0 (EfReservationChangeRecord, 1);
  const char *activity = NULL, *day = NULL;
  gsize activity_length = 0, day_length = 0;
  char day_text[11];
  guint seen = 0;

  if (!batch_text_take (text, '{'))
    return NULL;
  do
    {
      int index = batch_text_name (text, ef_reservation_change_record_members);
      const char *name = index >= 0 ? ef_reservation_change_record_members[index] : "";
      gboolean ok = FALSE;

      if (index < 0 || (seen & (1u << index)) != 0)
        return NULL;
      seen |= 1u << index;
      if (g_str_equal (name, "member"))
        ok = batch_text_natural (text, &change->member);
      else if (g_str_equal (name, "activity"))
        ok = batch_text_string (text, &activity, &activity_length);
      else if (g_str_equal (name, "day"))
        ok = batch_text_string (text, &day, &day_length);
      else if (g_str_equal (name, "reserved"))
        {
          change->reserved = batch_text_literal (text, "true");
          ok = change->reserved || batch_text_literal (text, "false");
        }
      if (!ok)
        return NULL;
    }
  while (batch_text_take (text, ','));
  if (seen != (1u << g_strv_length ((char **) ef_reservation_change_record_members)) - 1 ||
      !batch_text_take (text, '}') || day_length != sizeof day_text - 1)
    return NULL;

  memcpy (day_text, day, day_length);
  day_text[day_length] = '\0';
  change->day = ef_day_parse_iso (day_text, NULL);
  if (change->day == EF_DAY_INVALID || change->day < first_day || change->day > last_day)
    return NULL;
  change->activity = g_strndup (activity, activity_length);
  return g_steal_pointer (&change);
}

static gboolean
batch_text_versions (BatchText *text,
                     GArray    *versions)
{
  if (!batch_text_take (text, '{'))
    return FALSE;
  if (batch_text_take (text, '}'))
    return TRUE;
  do
    {
      const char *name;
      gsize length;
      gint64 member, version;

      if (!batch_text_string (text, &name, &length) ||
          !batch_text_digits (name, length, &member) || member < 1 ||
          !batch_text_take (text, ':') || !batch_text_natural (text, &version))
        return FALSE;
      /* A plain batch names a few children; more, or a name twice: the
       * parser (whose check of repeated names is hashed) reads it. */
      if (versions->len >= BATCH_TEXT_MAX_VERSIONS)
        return FALSE;
      for (guint i = 0; i < versions->len; i++)
        if (g_array_index (versions, EfPlanningVersion, i).member == member)
          return FALSE;
      ef_planning_versions_add (versions, member, version);
    }
  while (batch_text_take (text, ','));
  return batch_text_take (text, '}');
}

/**
 * ef_reservation_batch_record_read_text:
 * @data: the body of a request, @length bytes
 * @max_changes, @first_day, @last_day: as for
 *   ef_reservation_batch_record_from_json()
 *
 * Reads a batch written plainly (as clients write it: ASCII strings
 * without escapes, natural numbers, every member once) straight from its
 * text, without a JSON tree.
 *
 * Returns: (transfer full) (nullable): the record that ef_json_parse()
 *   and ef_reservation_batch_record_from_json() would give, or %NULL when
 *   the text is not written so plainly or is not a batch they accept:
 *   read it with them, which then say what is wrong
 */
EfReservationBatchRecord *
ef_reservation_batch_record_read_text (const char *data,
                                       gsize       length,
                                       guint       max_changes,
                                       EfDay       first_day,
                                       EfDay       last_day)
{
  g_autoptr(EfReservationBatchRecord) batch = NULL;
  BatchText text;
  guint seen = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length == 0)
    return NULL;
  text.p = data;
  text.end = data + length;
  batch = ef_reservation_batch_record_new ();
  if (!batch_text_take (&text, '{'))
    return NULL;
  do
    {
      int index = batch_text_name (&text, ef_reservation_batch_record_members);

      if (index < 0 || (seen & (1u << index)) != 0)
        return NULL;
      seen |= 1u << index;
      if (g_str_equal (ef_reservation_batch_record_members[index], "versions"))
        {
          if (!batch_text_versions (&text, batch->versions))
            return NULL;
          continue;
        }
      if (!batch_text_take (&text, '['))
        return NULL;
      do
        {
          EfReservationChangeRecord *change;

          if (batch->changes->len == max_changes)
            return NULL;
          change = batch_text_change (&text, first_day, last_day);
          if (change == NULL)
            return NULL;
          g_ptr_array_add (batch->changes, change);
        }
      while (batch_text_take (&text, ','));
      if (!batch_text_take (&text, ']'))
        return NULL;
    }
  while (batch_text_take (&text, ','));

  if (seen != (1u << g_strv_length ((char **) ef_reservation_batch_record_members)) - 1 ||
      !batch_text_take (&text, '}'))
    return NULL;
  batch_text_skip_space (&text);
  if (text.p != text.end)
    return NULL;
  return g_steal_pointer (&batch);
}

EfReservationResultRecord *
ef_reservation_result_record_from_json (JsonNode  *node,
                                        GError   **error)
{
  g_autoptr(EfReservationResultRecord) result = ef_reservation_result_record_new ();
  JsonObject *object, *versions;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _ef_codec_require_object (node, "result", error);
  if (object == NULL ||
      !ef_json_get_object (object, "versions", FALSE, &versions, error) ||
      !_ef_codec_get_natural (object, "applied", &result->applied, error) ||
      !_ef_codec_get_natural (object, "unchanged", &result->unchanged, error) ||
      !_ef_codec_get_natural (object, "reserved", &result->reserved, error) ||
      !_ef_codec_get_natural (object, "cancelled", &result->cancelled, error))
    return NULL;
  if (json_object_has_member (object, "overridden") &&
      !_ef_codec_get_natural (object, "overridden", &result->overridden, error))
    return NULL;

  json_object_iter_init_ordered (&iter, versions);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      gint64 member;

      if (!g_ascii_string_to_signed (name, 10, 1, G_MAXINT64, &member, NULL) ||
          !JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64)
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_FIELD,
                       "The version of “%s” is not a member's version", name);
          return NULL;
        }
      ef_planning_versions_add (result->versions, member, json_node_get_int (value));
    }
  return g_steal_pointer (&result);
}

/* -------------------------------------------------------------- refusals */

void
ef_reservation_refusal_record_free (EfReservationRefusalRecord *refusal)
{
  if (refusal == NULL)
    return;
  g_free (refusal->activity);
  g_free (refusal->reason);
  g_free (refusal->closed_reason);
  g_free (refusal->deadline);
  g_free (refusal);
}

gboolean
ef_reservation_refusal_record_equal (const EfReservationRefusalRecord *a,
                                     const EfReservationRefusalRecord *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->index == b->index &&
         a->member == b->member &&
         g_strcmp0 (a->activity, b->activity) == 0 &&
         a->day == b->day &&
         !a->reserved == !b->reserved &&
         g_strcmp0 (a->reason, b->reason) == 0 &&
         g_strcmp0 (a->closed_reason, b->closed_reason) == 0 &&
         g_strcmp0 (a->deadline, b->deadline) == 0;
}

JsonNode *
ef_reservation_refusal_record_to_json (const EfReservationRefusalRecord *refusal)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (refusal != NULL, NULL);

  json_builder_begin_object (builder);
  _ef_codec_add_int (builder, "index", refusal->index);
  _ef_codec_add_int (builder, "member", refusal->member);
  _ef_codec_add_string (builder, "activity", refusal->activity);
  _ef_codec_add_day (builder, "day", refusal->day);
  _ef_codec_add_bool (builder, "reserved", refusal->reserved);
  _ef_codec_add_string (builder, "reason", refusal->reason);
  if (refusal->closed_reason != NULL)
    _ef_codec_add_string (builder, "closed_reason", refusal->closed_reason);
  if (refusal->deadline != NULL)
    _ef_codec_add_string (builder, "deadline", refusal->deadline);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* The value of @member if it holds one of @type; else NULL. */
static JsonNode *
lenient_member (JsonObject *object,
                const char *member,
                GType       type)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;
  return node;
}

EfReservationRefusalRecord *
ef_reservation_refusal_record_from_json (JsonNode  *node,
                                         GError   **error)
{
  g_autoptr(EfReservationRefusalRecord) refusal = g_new0 (EfReservationRefusalRecord, 1);
  JsonObject *object;
  JsonNode *value;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  object = _ef_codec_require_object (node, "details", error);
  if (object == NULL ||
      !_ef_codec_get_id (object, "member", &refusal->member, error) ||
      !_ef_codec_get_string (object, "activity", &refusal->activity, error) ||
      !_ef_codec_get_day (object, "day", &refusal->day, error) ||
      !_ef_codec_get_string (object, "reason", &refusal->reason, error))
    return NULL;

  refusal->index = (value = lenient_member (object, "index", G_TYPE_INT64)) != NULL
                   ? json_node_get_int (value) : -1;
  if ((value = lenient_member (object, "reserved", G_TYPE_BOOLEAN)) != NULL)
    refusal->reserved = json_node_get_boolean (value);
  if ((value = lenient_member (object, "closed_reason", G_TYPE_STRING)) != NULL)
    refusal->closed_reason = g_strdup (json_node_get_string (value));
  if ((value = lenient_member (object, "deadline", G_TYPE_STRING)) != NULL)
    {
      g_autoptr(GDateTime) deadline = ef_instant_parse_iso (json_node_get_string (value), NULL);

      if (deadline != NULL)
        refusal->deadline = g_strdup (json_node_get_string (value));
    }
  return g_steal_pointer (&refusal);
}
