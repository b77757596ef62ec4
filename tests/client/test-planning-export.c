/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-planning-export.c: a planning as an iCalendar file and as a printable PDF */

#define G_LOG_DOMAIN "EfTestClient"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <poppler.h>

#include "api/ef-client-json.h"
#include "ef-planning-export.h"

#define MEMBER 12
#define MEAL "restaurant-scolaire"
#define EVENING "accueil-soir"

/* ------------------------------------------------------------------ */
/* A planning from Monday 2 November to Thursday 31 December 2026: the
 * meal reserved every open day but Fridays, the evening on Tuesdays;
 * Wednesdays without activity, 11 November a public holiday, school
 * holidays from 19 December. Days before 16 November can no longer be
 * changed. */

static gboolean
is_open (EfDay day)
{
  int weekday = ef_day_get_weekday (day);

  return weekday != 3 && weekday < 6 && day != ef_day_new (2026, 11, 11) &&
         day < ef_day_new (2026, 12, 19);
}

static void
append_days (GString    *json,
             const char *activity,
             guint      *n_reserved)
{
  EfDay first = ef_day_new (2026, 11, 2);
  EfDay last = ef_day_new (2026, 12, 31);

  for (EfDay day = first; day <= last; day++)
    {
      g_autofree char *iso = ef_day_format_iso (day);
      int weekday = ef_day_get_weekday (day);

      if (day != first)
        g_string_append (json, ",");

      if (!is_open (day))
        {
          const char *reason = weekday >= 6                      ? "weekend"
                               : day == ef_day_new (2026, 11, 11) ? "public_holiday"
                               : day >= ef_day_new (2026, 12, 19) ? "school_holiday"
                                                                  : "not_running";

          g_string_append_printf (json,
                                  "{\"day\": \"%s\", \"state\": \"closed\", \"reason\": \"%s\", \"changeable\": false}",
                                  iso, reason);
        }
      else
        {
          gboolean reserved = g_str_equal (activity, MEAL) ? weekday != 5 : weekday == 2;
          gboolean changeable = day >= ef_day_new (2026, 11, 16);
          g_autofree char *deadline = ef_day_format_iso (ef_day_add (day, -5));

          g_string_append_printf (json,
                                  "{\"day\": \"%s\", \"state\": \"%s\", \"changeable\": %s,"
                                  " \"deadline\": \"%sT09:00:00+01:00\"}",
                                  iso, reserved ? "reserved" : "free", changeable ? "true" : "false",
                                  deadline);
          if (reserved)
            (*n_reserved)++;
        }
    }
}

static EfPlanning *
make_planning (guint *n_reserved)
{
  g_autoptr (GString) json = g_string_new (NULL);
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GError) error = NULL;
  EfPlanning *planning;
  guint count = 0;

  g_string_append_printf (json,
                          "{\"member\": %d, \"from\": \"2026-11-02\", \"to\": \"2026-12-31\","
                          " \"time_zone\": \"Europe/Paris\", \"version\": 3, \"activities\": ["
                          "{\"activity\": \"" MEAL "\", \"name\": \"Restauration scolaire\","
                          " \"service\": \"education\", \"site\": \"École Lapassade, Billère\","
                          " \"unit_price_cents\": 350, \"days\": [",
                          MEMBER);
  append_days (json, MEAL, &count);
  g_string_append (json, "]}, {\"activity\": \"" EVENING "\", \"name\": \"Accueil du soir\","
                         " \"service\": \"education\", \"site\": \"École Lapassade\","
                         " \"unit_price_cents\": 180, \"days\": [");
  append_days (json, EVENING, &count);
  g_string_append (json, "]}]}");

  node = json_from_string (json->str, &error);
  g_assert_no_error (error);
  planning = _ef_planning_new_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_nonnull (planning);
  if (n_reserved != NULL)
    *n_reserved = count;
  return planning;
}

static GDateTime *
make_now (void)
{
  g_autoptr (GTimeZone) tz = g_time_zone_new_identifier ("Europe/Paris");

  g_assert_nonnull (tz);
  return g_date_time_new (tz, 2026, 11, 20, 18, 45, 30);
}

/* ------------------------------------------------------------------ */
/* A small iCalendar reader: enough to read back what we write. */

typedef struct {
  char *name;
  char *params;  /* ";VALUE=DATE" or "" */
  char *value;   /* raw, still escaped */
} Property;

typedef struct {
  char      *name;
  GPtrArray *properties;  /* of Property */
  GPtrArray *children;    /* of Component */
} Component;

static void
property_free (gpointer data)
{
  Property *property = data;

  g_free (property->name);
  g_free (property->params);
  g_free (property->value);
  g_free (property);
}

static void
component_free (gpointer data)
{
  Component *component = data;

  g_free (component->name);
  g_ptr_array_unref (component->properties);
  g_ptr_array_unref (component->children);
  g_free (component);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Component, component_free)

static Component *
component_new (const char *name)
{
  Component *component = g_new0 (Component, 1);

  component->name = g_strdup (name);
  component->properties = g_ptr_array_new_with_free_func (property_free);
  component->children = g_ptr_array_new_with_free_func (component_free);
  return component;
}

static char *
unfold (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '\r' && p[1] == '\n' && (p[2] == ' ' || p[2] == '\t'))
        {
          p += 2;
          continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static char *
unescape_text (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p != '\\')
        {
          g_assert_true (*p != ';' && *p != ',');
          g_string_append_c (out, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'n':
        case 'N':
          g_string_append_c (out, '\n');
          break;
        case '\\':
        case ';':
        case ',':
          g_string_append_c (out, *p);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return g_string_free (out, FALSE);
}

static Component *
parse_icalendar (GBytes *bytes)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *unfolded = unfold (text);
  g_auto (GStrv) lines = g_strsplit (unfolded, "\r\n", -1);
  g_autoptr (GPtrArray) stack = g_ptr_array_new ();
  Component *root = NULL;
  guint n_lines = g_strv_length (lines);

  /* The file ends with CRLF: the last piece is empty. */
  g_assert_cmpuint (n_lines, >, 1);
  g_assert_cmpstr (lines[n_lines - 1], ==, "");

  for (guint i = 0; i + 1 < n_lines; i++)
    {
      const char *line = lines[i];
      const char *colon = strchr (line, ':');
      const char *semicolon = strchr (line, ';');
      const char *name_end;
      Property *property;

      g_assert_nonnull (colon);
      name_end = semicolon != NULL && semicolon < colon ? semicolon : colon;

      if (g_str_has_prefix (line, "BEGIN:"))
        {
          Component *component = component_new (colon + 1);

          if (stack->len > 0)
            g_ptr_array_add (((Component *) g_ptr_array_index (stack, stack->len - 1))->children,
                             component);
          else
            {
              g_assert_null (root);
              root = component;
            }
          g_ptr_array_add (stack, component);
          continue;
        }
      if (g_str_has_prefix (line, "END:"))
        {
          Component *component;

          g_assert_cmpuint (stack->len, >, 0);
          component = g_ptr_array_index (stack, stack->len - 1);
          g_assert_cmpstr (component->name, ==, colon + 1);
          g_ptr_array_remove_index (stack, stack->len - 1);
          continue;
        }

      g_assert_cmpuint (stack->len, >, 0);
      property = g_new0 (Property, 1);
      property->name = g_strndup (line, name_end - line);
      property->params = g_strndup (name_end, colon - name_end);
      property->value = g_strdup (colon + 1);
      g_ptr_array_add (((Component *) g_ptr_array_index (stack, stack->len - 1))->properties,
                       property);
    }

  g_assert_cmpuint (stack->len, ==, 0);
  g_assert_nonnull (root);
  return root;
}

static Property *
find_property (Component  *component,
               const char *name)
{
  Property *found = NULL;

  for (guint i = 0; i < component->properties->len; i++)
    {
      Property *property = g_ptr_array_index (component->properties, i);

      if (g_str_equal (property->name, name))
        {
          g_assert_null (found);
          found = property;
        }
    }
  return found;
}

static char *
text_property (Component  *component,
               const char *name)
{
  Property *property = find_property (component, name);

  g_assert_nonnull (property);
  return unescape_text (property->value);
}

static GBytes *
export_icalendar (EfPlanning *planning,
                  const char *child_name)
{
  g_autoptr (GDateTime) now = make_now ();

  return ef_planning_export_icalendar (planning, child_name, "Billère", now);
}

/* ------------------------------------------------------------------ */
/* iCalendar */

static void
test_icalendar_structure (void)
{
  g_autoptr (EfPlanning) planning = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (Component) calendar = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *description = NULL;
  g_autofree char *location = NULL;
  const char *text;
  guint n_reserved = 0;
  Component *first;
  Property *property;

  planning = make_planning (&n_reserved);
  bytes = export_icalendar (planning, "Léa");
  text = g_bytes_get_data (bytes, NULL);
  g_assert_true (g_utf8_validate (text, g_bytes_get_size (bytes), NULL));
  g_assert_true (g_str_has_prefix (text, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Espace Famille//"));

  calendar = parse_icalendar (bytes);
  g_assert_cmpstr (calendar->name, ==, "VCALENDAR");
  g_assert_cmpstr (find_property (calendar, "VERSION")->value, ==, "2.0");
  g_assert_true (g_str_has_suffix (find_property (calendar, "PRODID")->value, "//FR"));
  g_assert_cmpstr (find_property (calendar, "CALSCALE")->value, ==, "GREGORIAN");

  /* One event for each reserved day and activity, and nothing else. */
  g_assert_cmpuint (n_reserved, >, 20);
  g_assert_cmpuint (calendar->children->len, ==, n_reserved);

  /* The first is the meal on Monday 2 November, all day. */
  first = g_ptr_array_index (calendar->children, 0);
  g_assert_cmpstr (first->name, ==, "VEVENT");
  property = find_property (first, "DTSTART");
  g_assert_cmpstr (property->params, ==, ";VALUE=DATE");
  g_assert_cmpstr (property->value, ==, "20261102");
  property = find_property (first, "DTEND");
  g_assert_cmpstr (property->params, ==, ";VALUE=DATE");
  g_assert_cmpstr (property->value, ==, "20261103");
  /* @now in UTC: 18:45:30 in Paris in November is 17:45:30Z. */
  g_assert_cmpstr (find_property (first, "DTSTAMP")->value, ==, "20261120T174530Z");
  g_assert_cmpstr (find_property (first, "UID")->value, ==, "20261102-" MEAL "-12@espacefamille");

  summary = text_property (first, "SUMMARY");
  g_assert_cmpstr (summary, ==, "Restauration scolaire — Léa");
  description = text_property (first, "DESCRIPTION");
  g_assert_cmpstr (description, ==, "Reserved, can no longer be changed.\nBillère");
  location = text_property (first, "LOCATION");
  g_assert_cmpstr (location, ==, "École Lapassade, Billère");

  /* No event on a closed or a free day; a changeable one says until when. */
  for (guint i = 0; i < calendar->children->len; i++)
    {
      Component *event = g_ptr_array_index (calendar->children, i);
      const char *start = find_property (event, "DTSTART")->value;
      g_autofree char *event_description = text_property (event, "DESCRIPTION");

      g_assert_cmpstr (start, !=, "20261111");
      g_assert_cmpstr (start, !=, "20261104");
      g_assert_cmpstr (start, !=, "20261106");
      g_assert_cmpint (strcmp (start, "20261219"), <, 0);
      if (g_str_equal (start, "20261124") &&
          strstr (find_property (event, "UID")->value, MEAL) != NULL)
        g_assert_cmpstr (event_description, ==,
                         "Reserved, can be changed until Thursday 19 November at 9:00.\nBillère");
    }
}

static void
test_icalendar_crlf (void)
{
  g_autoptr (EfPlanning) planning = make_planning (NULL);
  g_autoptr (GBytes) bytes = export_icalendar (planning, "Léa; \"Lou\",\nand\\Zoé");
  gsize size;
  const char *text = g_bytes_get_data (bytes, &size);

  g_assert_cmpuint (size, >, 2);
  g_assert_true (text[size - 2] == '\r' && text[size - 1] == '\n');
  for (gsize i = 0; i < size; i++)
    {
      if (text[i] == '\n')
        g_assert_true (i > 0 && text[i - 1] == '\r');
      if (text[i] == '\r')
        g_assert_true (i + 1 < size && text[i + 1] == '\n');
    }
}

static void
test_icalendar_escaping (void)
{
  const char *name = "Léa; \"Lou\",\nand\\Zoé";
  g_autoptr (EfPlanning) planning = make_planning (NULL);
  g_autoptr (GBytes) bytes = export_icalendar (planning, name);
  g_autoptr (Component) calendar = parse_icalendar (bytes);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *summary = NULL;
  g_autofree char *expected = g_strdup_printf ("Restauration scolaire — %s", name);

  g_assert_nonnull (strstr (text, "SUMMARY:Restauration scolaire — Léa\\; \"Lou\"\\,\\nand\\\\Zoé\r\n"));
  g_assert_nonnull (strstr (text, "LOCATION:École Lapassade\\, Billère\r\n"));

  summary = text_property (g_ptr_array_index (calendar->children, 0), "SUMMARY");
  g_assert_cmpstr (summary, ==, expected);
}

static void
test_icalendar_folding (void)
{
  g_autoptr (GString) name = g_string_new (NULL);
  g_autoptr (EfPlanning) planning = make_planning (NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (Component) calendar = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  g_auto (GStrv) lines = NULL;
  gboolean folded = FALSE;

  /* Two- and three-byte characters at every offset of the 75-octet lines. */
  for (guint i = 0; i < 12; i++)
    g_string_append (name, "Éloïse-Ænéa €");
  expected = g_strdup_printf ("Restauration scolaire — %s", name->str);

  bytes = export_icalendar (planning, name->str);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      /* Each line is valid UTF-8 by itself: no sequence is cut. */
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      if (lines[i][0] == ' ')
        folded = TRUE;
    }
  g_assert_true (folded);

  calendar = parse_icalendar (bytes);
  for (guint i = 0; i < calendar->children->len; i++)
    {
      g_autofree char *summary = text_property (g_ptr_array_index (calendar->children, i), "SUMMARY");

      if (g_str_has_prefix (summary, "Restauration"))
        g_assert_cmpstr (summary, ==, expected);
    }
}

static void
test_icalendar_uids (void)
{
  g_autoptr (EfPlanning) planning = make_planning (NULL);
  g_autoptr (GBytes) bytes = export_icalendar (planning, "Léa");
  g_autoptr (GDateTime) later = g_date_time_new_utc (2027, 1, 5, 7, 0, 0);
  g_autoptr (GBytes) again = ef_planning_export_icalendar (planning, "Léa Martin", NULL, later);
  g_autoptr (Component) calendar = parse_icalendar (bytes);
  g_autoptr (Component) calendar_again = parse_icalendar (again);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean evening_seen = FALSE;

  g_assert_cmpuint (calendar->children->len, ==, calendar_again->children->len);
  for (guint i = 0; i < calendar->children->len; i++)
    {
      Component *event = g_ptr_array_index (calendar->children, i);
      Component *event_again = g_ptr_array_index (calendar_again->children, i);
      const char *uid = find_property (event, "UID")->value;
      g_autofree char *expected_prefix = g_strconcat (find_property (event, "DTSTART")->value, "-", NULL);

      /* Unique, and the same whatever the day of the export. */
      g_assert_true (g_hash_table_add (seen, (gpointer) uid));
      g_assert_cmpstr (uid, ==, find_property (event_again, "UID")->value);
      g_assert_true (g_str_has_prefix (uid, expected_prefix));
      g_assert_true (g_str_has_suffix (uid, "-12@espacefamille"));
      g_assert_cmpstr (find_property (event_again, "DTSTAMP")->value, ==, "20270105T070000Z");
      if (strstr (uid, EVENING) != NULL)
        evening_seen = TRUE;
    }
  g_assert_true (evening_seen);

  /* Without a portal, the description has one line. */
  {
    g_autofree char *description = text_property (g_ptr_array_index (calendar_again->children, 0),
                                                  "DESCRIPTION");

    g_assert_null (strchr (description, '\n'));
  }
}

static void
test_icalendar_python (void)
{
  const char *script =
    "import sys, icalendar\n"
    "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
    "events = list(cal.walk('VEVENT'))\n"
    "assert len(events) > 0\n"
    "for e in events:\n"
    "    assert e.get('DTSTART').params.get('VALUE') == 'DATE'\n"
    "    assert str(e.get('SUMMARY')).startswith(('Restauration scolaire', 'Accueil du soir'))\n"
    "print(len(events))\n";
  g_autoptr (EfPlanning) planning = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *out = NULL;
  int fd;
  int status = 0;

  if (python == NULL ||
      !g_spawn_sync (NULL, (char *[]) { python, (char *) "-c", (char *) "import icalendar", NULL },
                     NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     NULL, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("Python's icalendar module is not installed");
      return;
    }

  planning = make_planning (NULL);
  bytes = export_icalendar (planning, "Léa; \"Lou\", Zoé");
  fd = g_file_open_tmp ("planning-XXXXXX.ics", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  g_spawn_sync (NULL, (char *[]) { python, (char *) "-c", (char *) script, path, NULL }, NULL,
                G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_unlink (path);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (out);
}

/* ------------------------------------------------------------------ */
/* PDF */

static void
on_pdf_ready_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (source);
  *out = g_object_ref (result);
}

static GBytes *
export_pdf (EfPlanning    *planning,
            EfDay          first,
            EfDay          last,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr (GDateTime) now = make_now ();
  g_autoptr (GAsyncResult) result = NULL;

  ef_planning_export_pdf_async (planning, "Léa Martin", "Billère", first, last, now, cancellable,
                                on_pdf_ready_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return ef_planning_export_pdf_finish (result, error);
}

static char *
page_text (PopplerDocument *document,
           int              index)
{
  PopplerPage *page = poppler_document_get_page (document, index);
  char *text;

  g_assert_nonnull (page);
  text = poppler_page_get_text (page);
  g_object_unref (page);
  return text;
}

static void
test_pdf_pages (void)
{
  g_autoptr (EfPlanning) planning = make_planning (NULL);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GBytes) again = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) document_object = NULL;
  PopplerDocument *document;
  g_autofree char *november = NULL;
  g_autofree char *december = NULL;
  const char *out_path = g_getenv ("EF_PLANNING_PDF");

  bytes = export_pdf (planning, ef_day_new (2026, 11, 2), ef_day_new (2026, 12, 31), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (bytes, NULL), "%PDF-"));

  /* The same input gives the same bytes. */
  again = export_pdf (planning, ef_day_new (2026, 11, 2), ef_day_new (2026, 12, 31), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (bytes, again));

  if (out_path != NULL)
    {
      g_file_set_contents (out_path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
      g_assert_no_error (error);
    }

  document = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  document_object = G_OBJECT (document);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 2);

  november = page_text (document, 0);
  g_assert_nonnull (strstr (november, "Léa Martin"));
  g_assert_nonnull (strstr (november, "November 2026"));
  g_assert_nonnull (strstr (november, "Billère"));
  g_assert_nonnull (strstr (november, "Monday"));
  g_assert_nonnull (strstr (november, "Sunday"));
  g_assert_nonnull (strstr (november, "30"));
  g_assert_nonnull (strstr (november, "✓"));
  g_assert_nonnull (strstr (november, "Legend"));
  g_assert_nonnull (strstr (november, "Public holiday"));
  g_assert_nonnull (strstr (november, "Generated on 20 November 2026 at 18:45"));
  g_assert_nonnull (strstr (november, "Page 1 of 2"));
  g_assert_nonnull (strstr (november, "2 November 2026 to 31 December 2026"));

  december = page_text (document, 1);
  g_assert_nonnull (strstr (december, "Léa Martin"));
  g_assert_nonnull (strstr (december, "December 2026"));
  g_assert_nonnull (strstr (december, "31"));
  g_assert_nonnull (strstr (december, "Page 2 of 2"));
}

static void
test_pdf_one_month (void)
{
  g_autoptr (EfPlanning) planning = make_planning (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GObject) document_object = NULL;
  PopplerDocument *document;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *text = NULL;

  /* Part of one month, beyond the planning's own days: still one page. */
  bytes = export_pdf (planning, ef_day_new (2026, 12, 14), ef_day_new (2027, 1, 3), NULL, &error);
  g_assert_no_error (error);
  document = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  document_object = G_OBJECT (document);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 2);
  text = page_text (document, 1);
  g_assert_nonnull (strstr (text, "January 2027"));

  g_clear_pointer (&bytes, g_bytes_unref);
  g_clear_object (&document_object);
  bytes = export_pdf (planning, ef_day_new (2026, 11, 9), ef_day_new (2026, 11, 13), NULL, &error);
  g_assert_no_error (error);
  document = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  document_object = G_OBJECT (document);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
}

static void
test_pdf_cancelled (void)
{
  g_autoptr (EfPlanning) planning = make_planning (NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  g_cancellable_cancel (cancellable);
  bytes = export_pdf (planning, ef_day_new (2026, 11, 2), ef_day_new (2026, 12, 31), cancellable,
                      &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (bytes);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/planning-export/icalendar/structure", test_icalendar_structure);
  g_test_add_func ("/planning-export/icalendar/crlf", test_icalendar_crlf);
  g_test_add_func ("/planning-export/icalendar/escaping", test_icalendar_escaping);
  g_test_add_func ("/planning-export/icalendar/folding", test_icalendar_folding);
  g_test_add_func ("/planning-export/icalendar/uids", test_icalendar_uids);
  g_test_add_func ("/planning-export/icalendar/python", test_icalendar_python);
  g_test_add_func ("/planning-export/pdf/pages", test_pdf_pages);
  g_test_add_func ("/planning-export/pdf/one-month", test_pdf_one_month);
  g_test_add_func ("/planning-export/pdf/cancelled", test_pdf_cancelled);

  return g_test_run ();
}
