/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-calendar.c: import-calendar, activities and enrol at the command line */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include "ef-test-server.h"
#include "ef-test-db.h"

#define EXIT_USAGE 2

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *argv[] = { "demo", "--db", NULL, NULL };

  fixture->dir = ef_test_make_dir ();
  /* Under PostgreSQL, a database of its own on the cluster. */
  fixture->db = ef_test_db_new_location (fixture->dir, "test.db");
  argv[2] = fixture->db;
  g_assert_cmpint (ef_test_server_run_command (argv, NULL, NULL), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

/* The school holidays of the tenant, "year|start|end|description" lines. */
static char *
holidays (Fixture *fixture)
{
  return ef_test_db_query_lines (fixture->db,
                                 "SELECT school_year || '|' || start_day || '|' || end_day || '|' || description"
                                 "  FROM school_holidays WHERE tenant_id = '7249' ORDER BY 1");
}

static int
import (Fixture     *fixture,
        const char  *file,
        const char  *zone,
        char       **out,
        char       **err)
{
  const char *argv[] = { "import-calendar", "--db", fixture->db, "--tenant", "7249",
                         "--zone", zone, file, NULL };

  return ef_test_server_run_command (argv, out, err);
}

static void
test_import_json (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *file = g_build_filename (g_getenv ("EF_SOURCE_ROOT"), "data", "school-calendar",
                                            "fr-en-calendrier-scolaire.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *zone_a = NULL;
  g_autofree char *zone_c = NULL;

  /* demo imported zone A already: importing it again changes nothing. */
  zone_a = holidays (fixture);
  g_assert_nonnull (strstr (zone_a, "2026-2027|2026-12-19|2027-01-04|Vacances de Noël\n"));
  g_assert_cmpint (import (fixture, file, "A", &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "2"));
  {
    g_autofree char *again = holidays (fixture);

    g_assert_cmpstr (again, ==, zone_a);
  }

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (import (fixture, file, "C", &out, &err), ==, 0);
  zone_c = holidays (fixture);
  g_assert_cmpstr (zone_c, !=, zone_a);
}

static void
test_import_csv (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *file = ef_test_write_file (fixture->dir, "calendar.csv",
            "\xef\xbb\xbf" "Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire\n"
            "Vacances de la Toussaint;-;2027-10-22T22:00:00+00:00;2027-11-07T23:00:00+00:00;Bordeaux;Zone A;2027-2028\n"
            "Vacances de Noël;-;2027-12-17T23:00:00+00:00;2028-01-02T23:00:00+00:00;Bordeaux;Zone A;2027-2028\n"
            "Vacances de Noël;-;2027-12-17T23:00:00+00:00;2028-01-02T23:00:00+00:00;Paris;Zone C;2027-2028\n");
  g_autofree char *header_file = NULL;
  g_autofree char *before = holidays (fixture);
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = import (fixture, file, "A", &out, &err);
  if (status != 0)
    {
      /* The dataset's CSV export names its columns in English too. */
      header_file = ef_test_write_file (fixture->dir, "calendar2.csv",
                "description;population;start_date;end_date;location;zones;annee_scolaire\n"
                "Vacances de la Toussaint;-;2027-10-22T22:00:00+00:00;2027-11-07T23:00:00+00:00;Bordeaux;Zone A;2027-2028\n"
                "Vacances de Noël;-;2027-12-17T23:00:00+00:00;2028-01-02T23:00:00+00:00;Bordeaux;Zone A;2027-2028\n"
                "Vacances de Noël;-;2027-12-17T23:00:00+00:00;2028-01-02T23:00:00+00:00;Paris;Zone C;2027-2028\n");
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      status = import (fixture, header_file, "A", &out, &err);
    }
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (err, ==, "");

  after = holidays (fixture);
  g_assert_true (g_str_has_prefix (after, before));
  g_assert_nonnull (strstr (after, "2027-2028|2027-10-23|2027-11-08|Vacances de la Toussaint\n"));
  g_assert_nonnull (strstr (after, "2027-2028|2027-12-18|2028-01-03|Vacances de Noël\n"));
}

static void
test_import_malformed (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *csv = ef_test_write_file (fixture->dir, "bad.csv",
            "description;population;start_date;end_date;location;zones;annee_scolaire\n"
            "Vacances de la Toussaint;-;2026-10-16T22:00:00+00:00;2026-11-01T23:00:00+00:00;Lyon;Zone A;2026-2027\n"
            "Vacances de Noël;-;le 18 décembre;2027-01-03T23:00:00+00:00;Lyon;Zone A;2026-2027\n");
  g_autofree char *json = ef_test_write_file (fixture->dir, "bad.json",
            "[{\"description\": \"Vacances de la Toussaint\", \"population\": \"-\","
            " \"start_date\": \"2026-10-16T22:00:00+00:00\", \"end_date\": \"2026-11-01T23:00:00+00:00\","
            " \"zones\": \"Zone A\", \"annee_scolaire\": \"2026-2027\"},"
            " {\"description\": \"Vacances de Noël\", \"zones\": \"Zone A\"}]");
  g_autofree char *broken = ef_test_write_file (fixture->dir, "broken.json", "[{\"description\": ");
  g_autofree char *before = holidays (fixture);
  const char *files[] = { csv, json, broken };
  const char *needles[] = { "line 3", "record 2", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *after = NULL;

      g_assert_cmpint (import (fixture, files[i], "A", &out, &err), ==, EXIT_USAGE);
      g_test_message ("%s", err);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, "espace-famille-server import-calendar: "));
      /* One line. */
      g_assert_cmpint (strchr (err, '\n') - err, ==, (long) strlen (err) - 1);
      if (needles[i] != NULL)
        g_assert_nonnull (strstr (err, needles[i]));

      after = holidays (fixture);
      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_enrol_cli (Fixture       *fixture,
                gconstpointer  data)
{
  const char *list[] = { "activities", "--db", fixture->db, "--tenant", "7249", NULL };
  const char *unknown_member[] = { "enrol", "--db", fixture->db, "--tenant", "7249", "--member", "999999",
                                   "--activity", "restaurant-scolaire", "--from", "2026-09-01", "--to", "2027-07-03", NULL };
  const char *bad_date[] = { "enrol", "--db", fixture->db, "--tenant", "7249", "--member", "1",
                             "--activity", "restaurant-scolaire", "--from", "2026-09-31", "--to", "2027-07-03", NULL };
  const char *unknown_tenant[] = { "activities", "--db", fixture->db, "--tenant", "9999", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (ef_test_server_run_command (list, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "restaurant-scolaire\t"));
  g_assert_nonnull (strstr (out, "\t350\teducation\tRestauration scolaire\t"));
  g_assert_nonnull (strstr (out, "mercredi-lacaou\t"));

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ef_test_server_run_command (unknown_member, NULL, &err), ==, EXIT_USAGE);
  g_assert_nonnull (strstr (err, "999999"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ef_test_server_run_command (bad_date, NULL, &err), ==, EXIT_USAGE);
  g_assert_nonnull (strstr (err, "2026-09-31"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ef_test_server_run_command (unknown_tenant, NULL, &err), ==, EXIT_USAGE);
  g_assert_nonnull (strstr (err, "9999"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/server/calendar/import-json", test_import_json);
  ADD ("/server/calendar/import-csv", test_import_csv);
  ADD ("/server/calendar/import-malformed", test_import_malformed);
  ADD ("/server/calendar/enrol-cli", test_enrol_cli);

  return g_test_run ();
}
