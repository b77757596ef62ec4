/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-school-calendar.c: weekends, public holidays, school holidays */

#define G_LOG_DOMAIN "EfCommon"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ef-csv.h"
#include "ef-day.h"
#include "ef-error.h"
#include "ef-json.h"
#include "ef-school-calendar.h"

struct _EfSchoolCalendar {
  gatomicrefcount  ref_count;
  GArray          *holidays;  /* of EfSchoolHoliday, sorted by start */
};

G_DEFINE_BOXED_TYPE (EfSchoolCalendar, ef_school_calendar,
                     ef_school_calendar_ref, ef_school_calendar_unref)

static const char * const closed_reason_strings[] = {
  [EF_CLOSED_REASON_NONE] = NULL,
  [EF_CLOSED_REASON_WEEKEND] = "weekend",
  [EF_CLOSED_REASON_PUBLIC_HOLIDAY] = "public_holiday",
  [EF_CLOSED_REASON_SCHOOL_HOLIDAY] = "school_holiday",
  [EF_CLOSED_REASON_NOT_RUNNING] = "not_running",
  [EF_CLOSED_REASON_NOT_ENROLLED] = "not_enrolled",
  [EF_CLOSED_REASON_CLOSED_DAY] = "closed_day",
};

typedef struct {
  int         month;
  int         mday;
  const char *name;
} FixedHoliday;

/* Public holidays of metropolitan France (Code du travail, L3133-1). */
static const FixedHoliday fixed_holidays[] = {
  /* Translators: French public holiday, 1 January ("Jour de l'an") */
  { 1, 1, N_("New Year’s Day") },
  /* Translators: French public holiday, 1 May ("Fête du Travail") */
  { 5, 1, N_("Labour Day") },
  /* Translators: French public holiday, 8 May ("Victoire 1945") */
  { 5, 8, N_("Victory in Europe Day") },
  /* Translators: French public holiday, 14 July ("Fête nationale") */
  { 7, 14, N_("Bastille Day") },
  /* Translators: French public holiday, 15 August ("Assomption") */
  { 8, 15, N_("Assumption Day") },
  /* Translators: French public holiday, 1 November ("Toussaint") */
  { 11, 1, N_("All Saints’ Day") },
  /* Translators: French public holiday, 11 November ("Armistice 1918") */
  { 11, 11, N_("Armistice Day") },
  /* Translators: French public holiday, 25 December ("Noël") */
  { 12, 25, N_("Christmas Day") },
};

typedef struct {
  int         days_after_easter;
  const char *name;
} EasterHoliday;

static const EasterHoliday easter_holidays[] = {
  /* Translators: French public holiday ("Lundi de Pâques") */
  { 1, N_("Easter Monday") },
  /* Translators: French public holiday ("Jeudi de l'Ascension") */
  { 39, N_("Ascension Day") },
  /* Translators: French public holiday ("Lundi de Pentecôte") */
  { 50, N_("Whit Monday") },
};

/* One record of the dataset, as text, before it is checked. */
typedef struct {
  const char *description;
  const char *start_date;
  const char *end_date;
  const char *zones;
  const char *school_year;
  const char *population;  /* nullable */
} RawRecord;

static void
clear_holiday (gpointer data)
{
  EfSchoolHoliday *holiday = data;

  g_clear_pointer (&holiday->description, g_free);
  g_clear_pointer (&holiday->school_year, g_free);
}

static int
compare_holidays (gconstpointer a,
                  gconstpointer b)
{
  const EfSchoolHoliday *ha = a;
  const EfSchoolHoliday *hb = b;

  if (ha->start != hb->start)
    return ha->start < hb->start ? -1 : 1;
  if (ha->end != hb->end)
    return ha->end < hb->end ? -1 : 1;

  return g_strcmp0 (ha->description, hb->description);
}

static gboolean
holiday_equal (const EfSchoolHoliday *a,
               const EfSchoolHoliday *b)
{
  return a->start == b->start && a->end == b->end &&
         g_strcmp0 (a->description, b->description) == 0 &&
         g_strcmp0 (a->school_year, b->school_year) == 0;
}

/* The dataset repeats a holiday for every académie and population: keep one. */
static void
append_unique (EfSchoolCalendar      *self,
               const EfSchoolHoliday *holiday)
{
  EfSchoolHoliday copy;

  for (guint i = 0; i < self->holidays->len; i++)
    {
      if (holiday_equal (&g_array_index (self->holidays, EfSchoolHoliday, i), holiday))
        return;
    }

  copy.description = g_strdup (holiday->description);
  copy.start = holiday->start;
  copy.end = holiday->end;
  copy.school_year = g_strdup (holiday->school_year);
  g_array_append_val (self->holidays, copy);
}

static void
append_holidays (EfSchoolCalendar *self,
                 GArray           *holidays)
{
  for (guint i = 0; i < holidays->len; i++)
    append_unique (self, &g_array_index (holidays, EfSchoolHoliday, i));

  g_array_sort (self->holidays, compare_holidays);
}

/* "A" is "Zone A" in the dataset; "Zone A" or "Corse" are taken as they are. */
static char *
normalize_zone (const char *zone)
{
  if (strlen (zone) == 1)
    return g_strconcat ("Zone ", zone, NULL);

  return g_strdup (zone);
}

/* The zone in which the dataset's instants are days. GLib builds
 * Europe/Paris from its rules, year by year from year 1: that cost more than
 * reading a whole calendar file, at every load. It is built once, at the
 * first load, and kept for the life of the process. */
G_LOCK_DEFINE_STATIC (dataset_zone);
static GTimeZone *dataset_zone;

static GTimeZone *
dataset_time_zone_ref (GError **error)
{
  GTimeZone *tz = NULL;

  G_LOCK (dataset_zone);
  if (dataset_zone == NULL)
    dataset_zone = ef_time_zone_new (EF_DEFAULT_TIME_ZONE, error);
  if (dataset_zone != NULL)
    tz = g_time_zone_ref (dataset_zone);
  G_UNLOCK (dataset_zone);

  return tz;
}

/* "2025-10-18", or an instant such as "2025-10-17T22:00:00+00:00", which is
 * the day it falls on in @tz. */
static EfDay
parse_record_day (const char  *text,
                  const char  *member,
                  GTimeZone   *tz,
                  GError     **error)
{
  g_autoptr (GDateTime) instant = NULL;
  EfDay day;

  if (strlen (text) == 10)
    return ef_day_parse_iso (text, error);

  instant = ef_instant_parse_iso (text, NULL);
  if (instant == NULL)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                   _("The member “%s” is not a date: “%s”"), member, text);
      return EF_DAY_INVALID;
    }

  day = ef_day_from_instant (instant, tz);
  if (day == EF_DAY_INVALID)
    g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                 _("The member “%s” is not a date: “%s”"), member, text);

  return day;
}

static gboolean
check_not_empty (const char  *value,
                 const char  *member,
                 GError     **error)
{
  if (value == NULL || value[0] == '\0')
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                   _("The member “%s” is missing or empty"), member);
      return FALSE;
    }

  return TRUE;
}

/* Checks @record; when it applies to @zone, appends it to @holidays. */
static gboolean
take_record (const RawRecord  *record,
             const char       *zone,
             GTimeZone        *tz,
             GArray           *holidays,
             GError          **error)
{
  EfSchoolHoliday holiday;
  EfDay start, end;

  if (!check_not_empty (record->description, "description", error) ||
      !check_not_empty (record->start_date, "start_date", error) ||
      !check_not_empty (record->end_date, "end_date", error) ||
      !check_not_empty (record->zones, "zones", error) ||
      !check_not_empty (record->school_year, "annee_scolaire", error))
    return FALSE;

  start = parse_record_day (record->start_date, "start_date", tz, error);
  if (start == EF_DAY_INVALID)
    return FALSE;
  end = parse_record_day (record->end_date, "end_date", tz, error);
  if (end == EF_DAY_INVALID)
    return FALSE;

  if (end < start)
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                   _("The holiday ends (%s) before it starts (%s)"),
                   record->end_date, record->start_date);
      return FALSE;
    }

  /* Teachers' dates are not the pupils' ones; "-" and "Élèves" are. */
  if (g_strcmp0 (record->population, "Enseignants") == 0)
    return TRUE;
  if (!g_str_equal (record->zones, zone))
    return TRUE;

  /* The dataset writes a single day as a record whose two bounds are the
   * same: "Pont de l'Ascension" is that day without class; the others
   * ("Début des Vacances d'Été", "Rentrée …") mark an event, not a day off,
   * and have no day strictly between their bounds. */
  if (start == end)
    {
      if (!g_str_has_prefix (record->description, "Pont"))
        return TRUE;
      start = ef_day_add (start, -1);
      end = ef_day_add (end, 1);
      if (start == EF_DAY_INVALID || end == EF_DAY_INVALID)
        return TRUE;
    }

  holiday.description = (char *) record->description;
  holiday.start = start;
  holiday.end = end;
  holiday.school_year = (char *) record->school_year;
  g_array_append_val (holidays, holiday);

  return TRUE;
}

/* ------------------------------------------------------------------ JSON */

static gboolean
get_optional_text (JsonObject  *object,
                   const char  *member,
                   const char **out,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  /* The exports write a missing value as null. */
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  return ef_json_get_string (object, member, TRUE, out, error);
}

static gboolean
read_json_record (JsonNode    *node,
                  RawRecord   *record,
                  GError     **error)
{
  JsonObject *object;
  JsonObject *fields;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                           _("The record is not a JSON object"));
      return FALSE;
    }
  object = json_node_get_object (node);

  /* The older ODS export wraps each record: {"recordid": …, "fields": {…}}. */
  if (json_object_has_member (object, "fields"))
    {
      if (!ef_json_get_object (object, "fields", FALSE, &fields, error))
        return FALSE;
      object = fields;
    }

  return ef_json_get_string (object, "description", FALSE, &record->description, error) &&
         ef_json_get_string (object, "start_date", FALSE, &record->start_date, error) &&
         ef_json_get_string (object, "end_date", FALSE, &record->end_date, error) &&
         ef_json_get_string (object, "zones", FALSE, &record->zones, error) &&
         ef_json_get_string (object, "annee_scolaire", FALSE, &record->school_year, error) &&
         get_optional_text (object, "population", &record->population, error);
}

/* ------------------------------------------------------------------- CSV */

typedef enum {
  COLUMN_DESCRIPTION,
  COLUMN_START_DATE,
  COLUMN_END_DATE,
  COLUMN_ZONES,
  COLUMN_SCHOOL_YEAR,
  COLUMN_POPULATION,
  N_COLUMNS
} Column;

static const char * const column_names[N_COLUMNS] = {
  [COLUMN_DESCRIPTION] = "description",
  [COLUMN_START_DATE] = "start_date",
  [COLUMN_END_DATE] = "end_date",
  [COLUMN_ZONES] = "zones",
  [COLUMN_SCHOOL_YEAR] = "annee_scolaire",
  [COLUMN_POPULATION] = "population",
};

static gboolean
csv_map_header (GPtrArray  *header,
                int         columns[N_COLUMNS],
                GError    **error)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    columns[c] = -1;

  for (guint i = 0; i < header->len; i++)
    {
      g_autofree char *name = g_strstrip (g_ascii_strdown (g_ptr_array_index (header, i), -1));

      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (g_str_equal (name, column_names[c]))
            {
              if (columns[c] != -1)
                {
                  g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                               _("The column “%s” appears twice"), column_names[c]);
                  return FALSE;
                }
              columns[c] = i;
            }
        }
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      if (columns[c] == -1 && c != COLUMN_POPULATION)
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                       _("The column “%s” is missing"), column_names[c]);
          return FALSE;
        }
    }

  return TRUE;
}

/* -------------------------------------------------------------- public */

EfSchoolCalendar *
ef_school_calendar_new (void)
{
  EfSchoolCalendar *self = g_new0 (EfSchoolCalendar, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->holidays = g_array_new (FALSE, FALSE, sizeof (EfSchoolHoliday));
  g_array_set_clear_func (self->holidays, clear_holiday);

  return self;
}

EfSchoolCalendar *
ef_school_calendar_ref (EfSchoolCalendar *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
ef_school_calendar_unref (EfSchoolCalendar *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_pointer (&self->holidays, g_array_unref);
      g_free (self);
    }
}

/**
 * ef_closed_reason_to_string:
 *
 * Returns: (nullable): the stable API string of @reason
 */
const char *
ef_closed_reason_to_string (EfClosedReason reason)
{
  if ((guint) reason >= G_N_ELEMENTS (closed_reason_strings))
    return NULL;

  return closed_reason_strings[reason];
}

/**
 * ef_closed_reason_from_string:
 *
 * Returns: the reason, or %EF_CLOSED_REASON_NONE for %NULL or an unknown
 *   string
 */
EfClosedReason
ef_closed_reason_from_string (const char *text)
{
  if (text == NULL)
    return EF_CLOSED_REASON_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (closed_reason_strings); i++)
    {
      if (g_strcmp0 (text, closed_reason_strings[i]) == 0)
        return (EfClosedReason) i;
    }

  return EF_CLOSED_REASON_NONE;
}

/**
 * ef_easter_sunday:
 * @year: a year of the Gregorian calendar
 *
 * The anonymous Gregorian algorithm (Meeus/Jones/Butcher).
 *
 * Returns: Easter Sunday of @year, or %EF_DAY_INVALID
 */
EfDay
ef_easter_sunday (int year)
{
  int a, b, c, d, e, f, g, h, i, k, l, m, month, mday;

  if (year < 1583 || year > G_MAXUINT16)
    return EF_DAY_INVALID;

  a = year % 19;
  b = year / 100;
  c = year % 100;
  d = b / 4;
  e = b % 4;
  f = (b + 8) / 25;
  g = (b - f + 1) / 3;
  h = (19 * a + b - d - g + 15) % 30;
  i = c / 4;
  k = c % 4;
  l = (32 + 2 * e + 2 * i - h - k) % 7;
  m = (a + 11 * h + 22 * l) / 451;
  month = (h + l - 7 * m + 114) / 31;
  mday = (h + l - 7 * m + 114) % 31 + 1;

  return ef_day_new (year, month, mday);
}

/**
 * ef_public_holiday_name:
 * @day: a day
 *
 * When Ascension Day falls on 1 or 8 May, the fixed holiday's name is
 * returned.
 *
 * Returns: (nullable): the translated name of the public holiday on @day
 */
const char *
ef_public_holiday_name (EfDay day)
{
  int year, month, mday;
  EfDay easter;

  if (!ef_day_is_valid (day))
    return NULL;

  ef_day_get_ymd (day, &year, &month, &mday);

  for (guint n = 0; n < G_N_ELEMENTS (fixed_holidays); n++)
    {
      if (fixed_holidays[n].month == month && fixed_holidays[n].mday == mday)
        return _(fixed_holidays[n].name);
    }

  /* Easter-based holidays fall between 23 March and 14 June. */
  if (month < 3 || month > 6)
    return NULL;

  easter = ef_easter_sunday (year);
  if (easter == EF_DAY_INVALID)
    return NULL;

  for (guint n = 0; n < G_N_ELEMENTS (easter_holidays); n++)
    {
      if (ef_day_add (easter, easter_holidays[n].days_after_easter) == day)
        return _(easter_holidays[n].name);
    }

  return NULL;
}

/**
 * ef_school_calendar_add_holiday:
 * @start: the day pupils leave after class
 * @end: the day they come back, after @start
 *
 * Adds a holiday unless the same one is already there.
 */
void
ef_school_calendar_add_holiday (EfSchoolCalendar *self,
                                const char       *description,
                                EfDay             start,
                                EfDay             end,
                                const char       *school_year)
{
  EfSchoolHoliday holiday;

  g_return_if_fail (self != NULL);
  g_return_if_fail (description != NULL);
  g_return_if_fail (ef_day_is_valid (start));
  g_return_if_fail (ef_day_is_valid (end));
  g_return_if_fail (start < end);

  holiday.description = (char *) description;
  holiday.start = start;
  holiday.end = end;
  holiday.school_year = (char *) school_year;
  append_unique (self, &holiday);
  g_array_sort (self->holidays, compare_holidays);
}

guint
ef_school_calendar_get_n_holidays (EfSchoolCalendar *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->holidays->len;
}

/**
 * ef_school_calendar_get_holiday:
 *
 * Holidays are kept sorted by start day.
 *
 * Returns: (transfer none): the holiday at @index
 */
const EfSchoolHoliday *
ef_school_calendar_get_holiday (EfSchoolCalendar *self,
                                guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->holidays->len, NULL);

  return &g_array_index (self->holidays, EfSchoolHoliday, index);
}

/**
 * ef_school_calendar_load_json:
 * @self: a calendar
 * @data: a JSON array of records, either plain records or
 *   {"fields": record} objects
 * @length: the length of @data, or -1
 * @zone: "A", "B", "C", or the value of the "zones" field ("Zone A", "Corse")
 * @error: return location for an error
 *
 * Dates may be days ("2025-10-18") or instants
 * ("2025-10-17T22:00:00+00:00"), which are taken as days in Europe/Paris.
 * Pupils leave after class on start_date and come back on end_date. A
 * record whose two dates are the same day is the one day without class
 * when its description starts with "Pont" ("Pont de l'Ascension"), and
 * adds nothing otherwise ("Début des Vacances d'Été"). Records of the
 * "Enseignants" population and of other zones are checked, then ignored;
 * the same holiday repeated (once per académie) is kept once. On error
 * (%EF_API_ERROR_INVALID_CONFIG, or %EF_API_ERROR_MALFORMED_JSON) nothing is
 * added and the message names the record, counting from 1.
 */
gboolean
ef_school_calendar_load_json (EfSchoolCalendar  *self,
                              const char        *data,
                              gssize             length,
                              const char        *zone,
                              GError           **error)
{
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GArray) holidays = NULL;
  g_autofree char *zone_name = NULL;
  JsonArray *records;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (zone != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tz = dataset_time_zone_ref (error);
  if (tz == NULL)
    return FALSE;

  root = ef_json_parse (data, length, error);
  if (root == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                           _("The school calendar must be a JSON array of records"));
      return FALSE;
    }
  records = json_node_get_array (root);

  zone_name = normalize_zone (zone);
  holidays = g_array_new (FALSE, FALSE, sizeof (EfSchoolHoliday));

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      RawRecord record = { NULL, };
      g_autoptr (GError) local_error = NULL;

      if (!read_json_record (json_array_get_element (records, i), &record, &local_error) ||
          !take_record (&record, zone_name, tz, holidays, &local_error))
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                       /* Translators: the first %u is the number of a record of the school calendar */
                       _("School calendar, record %u: %s"), i + 1, local_error->message);
          return FALSE;
        }
    }

  /* The strings in @holidays belong to @root, still alive here. */
  append_holidays (self, holidays);

  return TRUE;
}

/**
 * ef_school_calendar_load_csv:
 * @self: a calendar
 * @data: CSV text, UTF-8 (a byte order mark is skipped), ';' between
 *   fields, a header line naming the columns description, start_date,
 *   end_date, zones, annee_scolaire and optionally population, in any
 *   order; other columns are ignored
 * @length: the length of @data, or -1
 * @zone: "A", "B", "C", or the value of the "zones" field ("Zone A", "Corse")
 * @error: return location for an error
 *
 * As ef_school_calendar_load_json(); the message names the line.
 */
gboolean
ef_school_calendar_load_csv (EfSchoolCalendar  *self,
                             const char        *data,
                             gssize             length,
                             const char        *zone,
                             GError           **error)
{
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GArray) holidays = NULL;
  g_autoptr (GPtrArray) header = NULL;
  g_autoptr (GPtrArray) fields = NULL;
  g_autoptr (GStringChunk) strings = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *zone_name = NULL;
  int columns[N_COLUMNS];
  EfCsvReader reader;
  guint record_line;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (zone != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (length < 0)
    length = strlen (data);

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                           _("The school calendar is not valid UTF-8 text"));
      return FALSE;
    }

  tz = dataset_time_zone_ref (error);
  if (tz == NULL)
    return FALSE;

  ef_csv_reader_init (&reader, data, length, ';');

  header = g_ptr_array_new_with_free_func (g_free);
  if (!ef_csv_reader_read (&reader, header, &record_line, &local_error))
    {
      if (local_error == NULL)
        g_set_error_literal (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                             _("The school calendar is empty"));
      else
        g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                     /* Translators: %u is a line number in a CSV file */
                     _("School calendar, line %u: %s"), record_line, local_error->message);
      return FALSE;
    }
  if (!csv_map_header (header, columns, &local_error))
    {
      g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                   _("School calendar, line %u: %s"), record_line, local_error->message);
      return FALSE;
    }

  zone_name = normalize_zone (zone);
  holidays = g_array_new (FALSE, FALSE, sizeof (EfSchoolHoliday));
  fields = g_ptr_array_new_with_free_func (g_free);
  strings = g_string_chunk_new (4096);

  for (;;)
    {
      RawRecord record = { NULL, };

      if (!ef_csv_reader_read (&reader, fields, &record_line, &local_error))
        {
          if (local_error == NULL)
            break;
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                       _("School calendar, line %u: %s"), record_line, local_error->message);
          return FALSE;
        }

      if (ef_csv_record_is_blank (fields))
        continue;

      if (fields->len != header->len)
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "School calendar, line %u: %u field where the header has %u",
                                    "School calendar, line %u: %u fields where the header has %u",
                                    fields->len),
                       record_line, fields->len, header->len);
          return FALSE;
        }

      /* The holidays point into @strings, which lives until they are copied. */
#define FIELD(column) \
      (columns[column] < 0 ? NULL : \
       g_string_chunk_insert_const (strings, g_ptr_array_index (fields, columns[column])))
      record.description = FIELD (COLUMN_DESCRIPTION);
      record.start_date = FIELD (COLUMN_START_DATE);
      record.end_date = FIELD (COLUMN_END_DATE);
      record.zones = FIELD (COLUMN_ZONES);
      record.school_year = FIELD (COLUMN_SCHOOL_YEAR);
      record.population = FIELD (COLUMN_POPULATION);
#undef FIELD

      if (!take_record (&record, zone_name, tz, holidays, &local_error))
        {
          g_set_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG,
                       _("School calendar, line %u: %s"), record_line, local_error->message);
          return FALSE;
        }
    }

  append_holidays (self, holidays);

  return TRUE;
}

/**
 * ef_school_calendar_is_school_holiday:
 * @description: (out) (optional) (transfer none): the holiday's description
 *
 * Returns: whether @day falls strictly between the start and the end of a
 *   school holiday
 */
gboolean
ef_school_calendar_is_school_holiday (EfSchoolCalendar  *self,
                                      EfDay              day,
                                      const char       **description)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->holidays->len; i++)
    {
      const EfSchoolHoliday *holiday = &g_array_index (self->holidays, EfSchoolHoliday, i);

      if (holiday->start >= day)
        break;
      if (day < holiday->end)
        {
          if (description != NULL)
            *description = holiday->description;
          return TRUE;
        }
    }

  return FALSE;
}

EfClosedReason
ef_school_calendar_closed_reason (EfSchoolCalendar *self,
                                  EfDay             day,
                                  guint             weekdays)
{
  int weekday;

  g_return_val_if_fail (ef_day_is_valid (day), EF_CLOSED_REASON_NONE);

  weekday = ef_day_get_weekday (day);
  if (weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY)
    return EF_CLOSED_REASON_WEEKEND;
  if (ef_public_holiday_name (day) != NULL)
    return EF_CLOSED_REASON_PUBLIC_HOLIDAY;
  if (self != NULL && ef_school_calendar_is_school_holiday (self, day, NULL))
    return EF_CLOSED_REASON_SCHOOL_HOLIDAY;
  if ((weekdays & EF_WEEKDAY_BIT (weekday)) == 0)
    return EF_CLOSED_REASON_NOT_RUNNING;

  return EF_CLOSED_REASON_NONE;
}
