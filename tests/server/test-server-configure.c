/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-configure.c: a town's settings file applied, exported and
 * refused by the real `configure` command; prices with a start date billed
 * by `bill`; closed days and prices in the planning over HTTP
 *
 * No test depends on the machine's clock: days are explicit, `bill` has
 * --date, and the planning is read at the server's test clock.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ef-test-api.h"
#include "ef-test-db.h"

#define EXIT_USAGE 2

typedef struct
{
  char         *dir;
  char         *db_path;
  EfTestServer *server;     /* the demo, for the tests that need families */
  SoupSession  *session;
  char         *email;
  char         *password;
  char         *token;
} Fixture;

/* A small valid town: the mistakes below are made in it, at known lines. */
static const char mini_town[] =
  "[tenant]\n"                      /* 1 */
  "name = Ville Test\n"             /* 2 */
  "\n"                              /* 3 */
  "[service education]\n"           /* 4 */
  "name = Éducation\n"              /* 5 */
  "\n"                              /* 6 */
  "[site ecole]\n"                  /* 7 */
  "name = École\n"                  /* 8 */
  "\n"                              /* 9 */
  "[school-year 2026-2027]\n"       /* 10 */
  "first-day = 2026-09-01\n"        /* 11 */
  "last-day = 2027-07-03\n"         /* 12 */
  "\n"                              /* 13 */
  "[activity cantine]\n"            /* 14 */
  "service = education\n"           /* 15 */
  "name = Cantine\n"                /* 16 */
  "sites = ecole\n"                 /* 17 */
  "weekdays = mon;tue;thu;fri\n"    /* 18 */
  "price = 3.50\n";                 /* 19 */

/* -------------------------------------------------------------- helpers */

static const char *
db_path (Fixture *fixture)
{
  return fixture->server != NULL ? ef_test_server_get_db_path (fixture->server) : fixture->db_path;
}

/* Everything configure may change, and what it must keep. */
static char *
snapshot (Fixture *fixture)
{
  static const char * const queries[] = {
    "SELECT * FROM tenants ORDER BY id",
    "SELECT * FROM services ORDER BY tenant_id, id",
    "SELECT * FROM sites ORDER BY tenant_id, code",
    "SELECT * FROM school_years ORDER BY tenant_id, code",
    "SELECT * FROM closed_days ORDER BY tenant_id, day",
    "SELECT * FROM activities ORDER BY id",
    "SELECT * FROM activity_prices ORDER BY activity_id, start_day",
    "SELECT * FROM activity_sites ORDER BY activity_id, position",
    "SELECT * FROM activity_school_years ORDER BY activity_id, school_year",
    "SELECT count (*) FROM enrolments",
    "SELECT count (*) FROM reservations",
    "SELECT count (*) FROM invoice_lines",
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *rows = ef_test_db_query_rows (db_path (fixture), queries[i]);

      g_string_append_printf (text, "%s\n%s", queries[i], rows);
    }
  return g_string_free (text, FALSE);
}

/* Runs `configure --db DB --tenant 7249 [@option] [@file]`. */
static int
configure (Fixture     *fixture,
           const char  *option,
           const char  *file,
           char       **out,
           char       **err)
{
  const char *argv[8] = { "configure", "--db", db_path (fixture), "--tenant", "7249", NULL };
  guint n = 5;
  int status;

  if (option != NULL)
    argv[n++] = option;
  if (file != NULL)
    argv[n++] = file;
  status = ef_test_server_run_command (argv, out, err);
  g_test_message ("configure %s %s: %d\n%s%s", option ? option : "", file ? file : "", status,
                  out && *out ? *out : "", err && *err ? *err : "");
  return status;
}

static void
configure_ok (Fixture    *fixture,
              const char *text,
              const char *expected)
{
  g_autofree char *path = ef_test_write_file (fixture->dir, "ok.ini", text);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (configure (fixture, NULL, path, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  if (expected != NULL)
    g_assert_nonnull (strstr (out, expected));
}

static char *
export (Fixture *fixture)
{
  g_autofree char *err = NULL;
  char *out = NULL;

  g_assert_cmpint (configure (fixture, "--export", NULL, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  return out;
}

/* @text with @old (once in it) replaced by @new. */
static char *
replace (const char *text,
         const char *old,
         const char *new)
{
  const char *at = strstr (text, old);

  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, old));
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, new, at + strlen (old));
}

/* The line (from 1) of the first line of @text that starts with @start. */
static guint
line_of (const char *text,
         const char *start)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], start))
      return i + 1;
  g_error ("no line “%s”", start);
}

/* The example of docs/town-settings.md: its one ```ini block. */
static char *
read_example (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("EF_SOURCE_ROOT"), "docs", "town-settings.md",
                                            NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *start, *end;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  start = strstr (text, "```ini\n");
  g_assert_nonnull (start);
  start += strlen ("```ini\n");
  end = strstr (start, "\n```");
  g_assert_nonnull (end);
  return g_strndup (start, end - start + 1);
}

/* -------------------------------------------------------------- fixtures */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = ef_test_make_dir ();
  /* A town's settings are the store's contents: PostgreSQL's too. */
  fixture->db_path = ef_test_db_new_location (fixture->dir, "town.db");
}

/* The demo (a family, its enrolments, reservations and invoices of
 * September and October 2026) on a server with a test clock. */
static void
fixture_set_up_demo (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char * const args[] = { "--test-clock", NULL };

  fixture_set_up (fixture, data);
  fixture->server = ef_test_server_start (TRUE, args);
  fixture->session = ef_test_api_session_new ();
  ef_test_api_demo_account (fixture->server, &fixture->email, &fixture->password);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->server, ef_test_server_free);
  ef_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->email);
  g_free (fixture->password);
  g_free (fixture->token);
}

static void
sign_in_at (Fixture    *fixture,
            const char *now)
{
  ef_test_api_set_clock (fixture->session, fixture->server, NULL, now);
  g_free (fixture->token);
  fixture->token = ef_test_api_login (fixture->session, fixture->server,
                                      fixture->email, fixture->password);
}

static JsonNode *
get_ok (Fixture    *fixture,
        const char *path)
{
  guint status = 0;
  JsonNode *node = ef_test_api_request (fixture->session, fixture->server, "GET", path,
                                        fixture->token, NULL, &status);

  g_assert_cmpuint (status, ==, 200);
  return node;
}

static gint64
first_child (Fixture *fixture)
{
  return ef_test_db_query_int (db_path (fixture), "SELECT m.id FROM members m JOIN accounts a ON a.family_id = m.family_id"
                                                  " WHERE m.role = 'child' ORDER BY m.position, m.id LIMIT 1");
}

/* ------------------------------------------------------------------ tests */

/* The documented example: applied, exported, applied again (no change),
 * exported again (the same text). */
static void
test_example_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *example = read_example ();
  g_autofree char *example_path = ef_test_write_file (fixture->dir, "billere.ini", example);
  g_autofree char *exported_path = g_build_filename (fixture->dir, "exported.ini", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *written = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpint (configure (fixture, NULL, example_path, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "[activity restaurant-scolaire] added\n"));
  g_assert_nonnull (strstr (out, "Applied 16 changes to the municipality 7249\n"));

  /* What the file said is what is stored. */
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count (*) FROM activities"), ==, 4);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count (*) FROM closed_days"), ==, 2);
  {
    g_autofree char *prices = ef_test_db_query_rows (db_path (fixture),
                                                     "SELECT a.code, p.start_day, p.price_cents FROM activity_prices p"
                                                     "  JOIN activities a ON a.id = p.activity_id ORDER BY 1, 2");
    g_autofree char *tenant = ef_test_db_query_rows (db_path (fixture),
                                                     "SELECT name, deadline_skip_public_holidays, public_url,"
                                                     "       invoice_due_days FROM tenants");
    g_autofree char *meal = ef_test_db_query_rows (db_path (fixture),
                                                   "SELECT unit_price_cents, site, weekdays, closed_from"
                                                   "  FROM activities WHERE code = 'restaurant-scolaire'");
    g_autofree char *closed = ef_test_db_query_rows (db_path (fixture),
                                                     "SELECT closed_from, deadline_days_before FROM activities"
                                                     " WHERE code IN ('etude-surveillee', 'accueil-matin') ORDER BY code");

    g_assert_cmpstr (prices, ==,
                     "accueil-matin|0001-01-01|120\n"
                     "etude-surveillee|0001-01-01|200\n"
                     "mercredi-lacaou|0001-01-01|900\n"
                     "mercredi-lacaou|2027-09-01|950\n"
                     "restaurant-scolaire|0001-01-01|350\n"
                     "restaurant-scolaire|2027-01-01|360\n");
    g_assert_cmpstr (tenant, ==, "Ville de Billère|1|https://espacefamille.example.fr/7249|30\n");
    /* The latest price; the first site's name; Mon, Tue, Thu, Fri. */
    g_assert_cmpstr (meal, ==, "360|École Laffitte|54|NULL\n");
    g_assert_cmpstr (closed, ==, "NULL|1\n2027-01-01|NULL\n");
  }

  first = export (fixture);
  g_assert_true (g_str_has_prefix (first, "# Espace Famille: the settings of the municipality 7249"));
  g_assert_nonnull (strstr (first, "\n[activity restaurant-scolaire]\n"));
  g_assert_nonnull (strstr (first, "\nprice-from-2027-01-01 = 3.60\n"));

  /* Applying the export or the example again changes nothing. */
  before = snapshot (fixture);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    g_autofree char *path = ef_test_write_file (fixture->dir, "first.ini", first);

    g_assert_cmpint (configure (fixture, NULL, path, &out, &err), ==, 0);
  }
  g_assert_cmpstr (out, ==, "No change: the municipality 7249 already has these settings\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (configure (fixture, "--dry-run", example_path, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "No change: the municipality 7249 already has these settings\n");
  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);

  /* The same text again, on standard output and into a file. */
  second = export (fixture);
  g_assert_cmpstr (first, ==, second);
  {
    const char *argv[] = { "configure", "--db", fixture->db_path, "--tenant", "7249", "--export",
                           exported_path, NULL };

    g_clear_pointer (&out, g_free);
    g_assert_cmpint (ef_test_server_run_command (argv, &out, NULL), ==, 0);
    g_assert_true (g_file_get_contents (exported_path, &written, NULL, NULL));
    g_assert_cmpstr (written, ==, first);
  }
}

/* A dry run prints the changes and changes nothing; applying changes
 * exactly that. */
static void
test_dry_run (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = ef_test_write_file (fixture->dir, "mini.ini", mini_town);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *changed_path = NULL;

  /* A database with no tenant yet. */
  g_assert_cmpint (configure (fixture, "--dry-run", path, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==,
                   "[tenant] added\n[deadline] added\n[billing] added\n"
                   "[school-year 2026-2027] added\n[service education] added\n[site ecole] added\n"
                   "[activity cantine] added\n"
                   "Dry run: 7 changes, nothing was changed\n");
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count (*) FROM tenants"), ==, 0);

  configure_ok (fixture, mini_town, "Applied 7 changes to the municipality 7249\n");

  changed = replace (mini_town, "name = Ville Test\n", "name = Ville Nouvelle\n");
  {
    g_autofree char *tmp = g_steal_pointer (&changed);

    changed = replace (tmp, "price = 3.50\n",
                       "price = 3.50\nprice-from-2027-01-04 = 3,6\nclosed-from = 2027-07-04\n");
  }
  {
    g_autofree char *tmp = g_steal_pointer (&changed);

    changed = g_strconcat (tmp, "\n[closed-day 2027-05-07]\nreason = Pont de l’Ascension\n", NULL);
  }
  changed_path = ef_test_write_file (fixture->dir, "changed.ini", changed);

  before = snapshot (fixture);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (configure (fixture, "--dry-run", changed_path, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==,
                   "[tenant] name: “Ville Test” → “Ville Nouvelle”\n"
                   "[closed-day 2027-05-07] added\n"
                   "[activity cantine] price-from-2027-01-04: (none) → “3.60”\n"
                   "[activity cantine] closed from 2027-07-04\n"
                   "Dry run: 4 changes, nothing was changed\n");
  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (configure (fixture, NULL, changed_path, &out, &err), ==, 0);
  g_assert_true (g_str_has_suffix (out, "Applied 4 changes to the municipality 7249\n"));
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count (*) FROM activity_prices"), ==, 2);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT unit_price_cents FROM activities"), ==, 360);

  /* Going back is a change too, and removes what went. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (configure (fixture, NULL, path, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "[activity cantine] open again\n"));
  g_assert_nonnull (strstr (out, "[closed-day 2027-05-07] removed\n"));
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count (*) FROM closed_days"), ==, 0);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count (*) FROM activity_prices"), ==, 1);
}

typedef struct {
  const char *name;
  const char *old;          /* replaced in mini_town… */
  const char *new;          /* …by this; or appended when old is NULL */
  guint       line;
  const char *message;
} Mistake;

static const Mistake mistakes[] = {
  { "unknown group", NULL, "\n[frobnicate]\nx = 1\n", 21, "Unknown group [frobnicate]" },
  { "unknown key", NULL, "colour = blue\n", 20, "Unknown key “colour” in [activity cantine]" },
  { "bad weekday", "weekdays = mon;tue;thu;fri\n", "weekdays = mon;tue;thursday\n", 18,
    "“thursday” is not a weekday" },
  { "bad money", "price = 3.50\n", "price = 3,505\n", 19, "“3,505” is not an amount in euros" },
  { "negative price", "price = 3.50\n", "price = -1\n", 19, "a price is from 0.00" },
  { "bad date", "first-day = 2026-09-01\n", "first-day = 2026-09-31\n", 11,
    "“2026-09-31” is not a date written YYYY-MM-DD" },
  { "unknown service", "service = education\n", "service = educaton\n", 15,
    "there is no [service educaton] in the file" },
  { "unknown site", "sites = ecole\n", "sites = ecole;gymnase\n", 17,
    "there is no [site gymnase] in the file" },
  { "unknown school year", NULL, "school-years = 2025-2026\n", 20,
    "there is no [school-year 2025-2026] in the file" },
  { "overlapping school years", NULL,
    "\n[school-year 2027-2028]\nfirst-day = 2027-07-01\nlast-day = 2028-07-04\n", 21,
    "the school year overlaps [school-year 2026-2027] (line 10)" },
  { "price dates out of order", NULL,
    "price-from-2027-01-01 = 3.60\nprice-from-2026-12-01 = 3.55\n", 21,
    "the prices must follow the order of their days" },
  { "bad price date", NULL, "price-from-2027-13-01 = 3.60\n", 20, "price-from-YYYY-MM-DD" },
  { "duplicate code", NULL, "\n[activity cantine]\nname = Encore\n", 21,
    "The group [activity cantine] appears twice (first on line 14)" },
  { "duplicate key", NULL, "price = 4\n", 20, "The key “price” appears twice in [activity cantine]" },
  { "missing key", "name = Cantine\n", "", 14, "The key “name” is missing from [activity cantine]" },
  { "bad time", NULL, "deadline-days-before = 1\ndeadline-time = 25:00\n", 21,
    "“25:00” is not a time written HH:MM" },
  { "deadline days without time", NULL, "deadline-days-before = 1\n", 14,
    "“deadline-days-before” and “deadline-time” go together" },
  { "bad boolean", NULL, "deadline-skip-public-holidays = yes\n", 20, "“yes” is neither true nor false" },
  { "bad code", NULL, "\n[site école du bourg]\nname = École du bourg\n", 21,
    "is written [site CODE]" },
  { "key outside a group", "[tenant]\n", "name = avant\n[tenant]\n", 1, "comes before any [group]" },
  { "not a key", NULL, "this line means nothing\n", 20, "neither a [group], a “key = value” nor a # comment" },
  { "bad time zone", "name = Ville Test\n", "name = Ville Test\ntime-zone = Mars/Olympus\n", 3,
    "“Mars/Olympus” is not a time zone" },
};

/* Each kind of mistake: the file is refused whole (exit 2), the message
 * names the line, and the database is as before. */
static void
test_mistakes (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *start = replace (mini_town, "name = Ville Test\n", "name = Ville Avant\n");

  configure_ok (fixture, start, "Applied");
  before = snapshot (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (mistakes); i++)
    {
      const Mistake *mistake = &mistakes[i];
      g_autofree char *text = mistake->old != NULL ? replace (mini_town, mistake->old, mistake->new)
                                                   : g_strconcat (mini_town, mistake->new, NULL);
      g_autofree char *path = ef_test_write_file (fixture->dir, "bad.ini", text);
      g_autofree char *expected = g_strdup_printf ("%s:%u: ", path, mistake->line);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *after = NULL;
      g_auto(GStrv) lines = NULL;

      g_test_message ("%s", mistake->name);
      g_assert_cmpint (configure (fixture, NULL, path, &out, &err), ==, EXIT_USAGE);
      g_assert_cmpstr (out, ==, "");
      lines = g_strsplit (err, "\n", -1);
      g_assert_true (g_str_has_prefix (lines[0], expected));
      g_assert_nonnull (strstr (lines[0], mistake->message));
      g_assert_nonnull (strstr (err, "espace-famille-server configure: 1 mistake in "));
      g_assert_nonnull (strstr (err, ": nothing was changed\n"));

      /* A dry run says the same. */
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (configure (fixture, "--dry-run", path, NULL, &err), ==, EXIT_USAGE);
      g_assert_true (g_str_has_prefix (err, expected));

      after = snapshot (fixture);
      g_assert_cmpstr (before, ==, after);
    }
}

/* Every mistake is listed, not only the first, in the order of the lines. */
static void
test_every_mistake (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  text = replace (mini_town, "weekdays = mon;tue;thu;fri\n", "weekdays = lundi\n");
  {
    g_autofree char *tmp = g_steal_pointer (&text);

    text = replace (tmp, "first-day = 2026-09-01\n", "first-day = 1 septembre\n");
  }
  {
    g_autofree char *tmp = g_steal_pointer (&text);

    text = g_strconcat (tmp, "colour = blue\n", NULL);
  }
  path = ef_test_write_file (fixture->dir, "bad.ini", text);

  g_assert_cmpint (configure (fixture, NULL, path, &out, &err), ==, EXIT_USAGE);
  lines = g_strsplit (err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_true (g_str_has_suffix (lines[0], ".ini:11: [school-year 2026-2027] first-day: "
                                             "“1 septembre” is not a date written YYYY-MM-DD, "
                                             "from 2000 to 2099"));
  g_assert_nonnull (strstr (lines[1], ".ini:18: [activity cantine] weekdays: “lundi”"));
  g_assert_nonnull (strstr (lines[2], ".ini:20: Unknown key “colour”"));
  g_assert_nonnull (strstr (lines[3], "3 mistakes in "));
  g_assert_cmpstr (lines[4], ==, "");
  /* A file with mistakes is refused before the database is opened. */
  if (!ef_test_store_is_postgresql ())
    g_assert_false (g_file_test (fixture->db_path, G_FILE_TEST_EXISTS));
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *path = ef_test_write_file (fixture->dir, "mini.ini", mini_town);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.ini", NULL);
  g_autofree char *err = NULL;
  const char *no_tenant[] = { "configure", "--db", fixture->db_path, path, NULL };
  const char *bad_tenant[] = { "configure", "--db", fixture->db_path, "--tenant", "72-49", path, NULL };

  g_assert_cmpint (configure (fixture, NULL, NULL, NULL, &err), ==, EXIT_USAGE);
  g_assert_nonnull (strstr (err, "Give the settings FILE to apply, or --export"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (configure (fixture, "--dry-run", NULL, NULL, &err), ==, EXIT_USAGE);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ef_test_server_run_command (no_tenant, NULL, &err), ==, EXIT_USAGE);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ef_test_server_run_command (bad_tenant, NULL, &err), ==, EXIT_USAGE);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (configure (fixture, NULL, missing, NULL, &err), ==, EXIT_USAGE);
  g_assert_nonnull (strstr (err, "Cannot read"));
  g_clear_pointer (&err, g_free);

  /* Exporting a municipality that does not exist. */
  g_assert_cmpint (configure (fixture, "--export", NULL, NULL, &err), ==, EXIT_USAGE);
  g_assert_nonnull (strstr (err, "There is no tenant “7249” in this database"));
  g_clear_pointer (&err, g_free);

  /* --help names the command. */
  {
    const char *help[] = { "configure", "--help", NULL };
    g_autofree char *out = NULL;

    g_assert_cmpint (ef_test_server_run_command (help, &out, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "espace-famille-server configure [OPTION…] FILE"));
    g_assert_nonnull (strstr (out, "--dry-run"));
    g_assert_nonnull (strstr (out, "--export"));
  }
}

/* What has a history is never lost: an activity with reservations cannot
 * go, a billed month's price cannot change; a closed activity keeps its
 * enrolments, reservations and invoices. */
static void
test_history_kept (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *demo = export (fixture);
  g_autofree char *before = snapshot (fixture);
  g_autofree char *after = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = NULL;
  gint64 n_reservations, n_invoice_lines, n_enrolments;
  const char *meal_price = "[activity restaurant-scolaire]\nservice = education\n"
                           "name = Restauration scolaire\nsites = restaurant-ecole\n"
                           "weekdays = mon;tue;thu;fri\nprice = 3.50\n";

  /* The demo's settings are the demo file's: nothing to change. */
  path = ef_test_write_file (fixture->dir, "demo.ini", demo);
  g_assert_cmpint (configure (fixture, NULL, path, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "No change: the municipality 7249 already has these settings\n");
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The meal, with its reservations and invoices, left out. */
  text = replace (demo, meal_price, "");
  path = ef_test_write_file (fixture->dir, "no-meal.ini", text);
  g_assert_cmpint (configure (fixture, NULL, path, &out, &err), ==, EXIT_USAGE);
  g_assert_nonnull (strstr (err, "The activity “restaurant-scolaire” has enrolments, reservations or invoices"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A price from the middle of October 2026, which is invoiced. */
  text = replace (demo, "price = 3.50\n", "price = 3.50\nprice-from-2026-10-15 = 3.70\n");
  path = ef_test_write_file (fixture->dir, "billed.ini", text);
  expected = g_strdup_printf ("%s:%u: [activity restaurant-scolaire] price-from-2026-10-15: 2026-10-15 "
                              "is in 2026-10, a month already invoiced at 3.50 a day",
                              path, line_of (text, "price-from-2026-10-15"));
  g_assert_cmpint (configure (fixture, NULL, path, &out, &err), ==, EXIT_USAGE);
  g_assert_true (g_str_has_prefix (err, expected));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Moving the invoiced meal to another service. */
  text = replace (demo, "[activity restaurant-scolaire]\nservice = education\n",
                  "[activity restaurant-scolaire]\nservice = lacaou\n");
  path = ef_test_write_file (fixture->dir, "moved.ini", text);
  g_assert_cmpint (configure (fixture, NULL, path, &out, &err), ==, EXIT_USAGE);
  g_assert_nonnull (strstr (err, "[activity restaurant-scolaire] service: the activity was invoiced"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  after = snapshot (fixture);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  /* Closing the meal from December: applied, its history kept. */
  n_reservations = ef_test_db_query_int (db_path (fixture), "SELECT count (*) FROM reservations");
  n_invoice_lines = ef_test_db_query_int (db_path (fixture), "SELECT count (*) FROM invoice_lines");
  n_enrolments = ef_test_db_query_int (db_path (fixture), "SELECT count (*) FROM enrolments");
  text = replace (demo, "price = 3.50\n", "price = 3.50\nclosed-from = 2026-12-01\n");
  path = ef_test_write_file (fixture->dir, "closed.ini", text);
  g_assert_cmpint (configure (fixture, NULL, path, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "[activity restaurant-scolaire] closed from 2026-12-01\n"
                            "Applied 1 change to the municipality 7249\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count (*) FROM reservations"), ==, n_reservations);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count (*) FROM invoice_lines"), ==, n_invoice_lines);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count (*) FROM enrolments"), ==, n_enrolments);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count (*) FROM activities"
                                                            " WHERE code = 'restaurant-scolaire' AND closed_from = '2026-12-01'"), ==, 1);

  /* Its days from December are closed; November's are as they were. */
  sign_in_at (fixture, "2026-11-16T10:00:00+01:00");
  {
    g_autofree char *planning_path = g_strdup_printf ("/7249/api/v1/members/%" G_GINT64_FORMAT
                                                      "/planning?from=2026-11-30&to=2026-12-01",
                                                      first_child (fixture));
    g_autoptr(JsonNode) planning = get_ok (fixture, planning_path);
    JsonArray *activities = json_object_get_array_member (json_node_get_object (planning), "activities");
    gboolean seen = FALSE;

    for (guint i = 0; i < json_array_get_length (activities); i++)
      {
        JsonObject *activity = json_array_get_object_element (activities, i);
        JsonArray *days = json_object_get_array_member (activity, "days");
        JsonObject *monday = json_array_get_object_element (days, 0);
        JsonObject *tuesday = json_array_get_object_element (days, 1);

        if (!g_str_equal (json_object_get_string_member (activity, "activity"), "restaurant-scolaire"))
          continue;
        seen = TRUE;
        g_assert_cmpstr (json_object_get_string_member (monday, "state"), ==, "reserved");
        g_assert_cmpstr (json_object_get_string_member (tuesday, "state"), ==, "closed");
        g_assert_cmpstr (json_object_get_string_member (tuesday, "reason"), ==, "not_running");
      }
    g_assert_true (seen);
  }

  /* December's reservations stay, but are not invoiced. */
  {
    const char *argv[] = { "bill", "--db", db_path (fixture), "--tenant", "7249", "--month", "2026-12",
                           "--date", "2027-01-04", NULL };

    g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count (*) FROM reservations r JOIN activities a"
                                                              "  ON a.id = r.activity_id"
                                                              " WHERE a.code = 'restaurant-scolaire' AND r.day >= '2026-12-01'"),
                                >, 0);
    g_assert_cmpint (ef_test_server_run_command (argv, NULL, NULL), ==, 0);
    g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count (*) FROM invoice_lines l"
                                                              "  JOIN invoices i ON i.id = l.invoice_id"
                                                              " WHERE i.period_start = '2026-12-01'"), ==, 0);
  }

  /* Open again. */
  g_clear_pointer (&path, g_free);
  path = ef_test_write_file (fixture->dir, "open.ini", demo);
  g_assert_cmpint (configure (fixture, NULL, path, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "[activity restaurant-scolaire] open again\n"));
}

static JsonObject *
find_invoice (JsonNode   *list,
              const char *number)
{
  JsonArray *invoices = json_object_get_array_member (json_node_get_object (list), "invoices");
  JsonObject *invoice = ef_test_json_find (invoices, "number", number);

  if (invoice == NULL)
    g_error ("no invoice %s", number);
  return invoice;
}

/* A new price from the 15th of November: `bill` invoices the days before
 * at the old price and the days after at the new one, one line each. */
static void
test_price_change_billed (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *demo = export (fixture);
  g_autofree char *text = replace (demo, "price = 3.50\n", "price = 3.50\nprice-from-2026-11-15 = 3.80\n");
  const char *bill[] = { "bill", "--db", db_path (fixture), "--tenant", "7249", "--month", "2026-11",
                         "--date", "2026-12-01", NULL };
  g_autoptr(JsonNode) list = NULL;
  g_autofree char *out = NULL;
  JsonObject *invoice;
  JsonArray *lines;
  gint64 total = 0;

  configure_ok (fixture, text, "[activity restaurant-scolaire] price-from-2026-11-15: (none) → “3.80”\n");
  g_assert_cmpint (ef_test_server_run_command (bill, &out, NULL), ==, 0);

  sign_in_at (fixture, "2026-12-01T10:00:00+01:00");
  list = get_ok (fixture, "/7249/api/v1/invoices");
  invoice = find_invoice (list, "pop-F261100001");
  lines = json_object_get_array_member (invoice, "lines");

  /* Two children, each with a line at each price, in the order of the
   * days; the quantities are the reserved days of each part. */
  g_assert_cmpuint (json_array_get_length (lines), ==, 4);
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);
      gint64 member = json_object_get_int_member (line, "member");
      gboolean early = i % 2 == 0;
      g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM reservations r JOIN activities a"
                                              "  ON a.id = r.activity_id"
                                              " WHERE a.code = 'restaurant-scolaire'"
                                              "   AND r.member_id = %" G_GINT64_FORMAT
                                              "   AND r.day BETWEEN '%s' AND '%s'",
                                              member, early ? "2026-11-01" : "2026-11-15",
                                              early ? "2026-11-14" : "2026-11-30");
      gint64 quantity = ef_test_db_query_int (db_path (fixture), sql);

      g_assert_cmpint (quantity, >, 0);
      g_assert_cmpstr (json_object_get_string_member (line, "label"), ==,
                       early ? "Restauration scolaire (du 01/11 au 14/11)"
                             : "Restauration scolaire (du 15/11 au 30/11)");
      g_assert_cmpint (json_object_get_int_member (line, "quantity"), ==, quantity);
      g_assert_cmpint (json_object_get_int_member (line, "unit_price_cents"), ==, early ? 350 : 380);
      g_assert_cmpint (json_object_get_int_member (line, "amount_cents"), ==,
                       quantity * (early ? 350 : 380));
      total += json_object_get_int_member (line, "amount_cents");
      if (!early)
        g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (lines, i - 1),
                                                     "member"), ==, member);
    }
  g_assert_cmpint (json_object_get_int_member (invoice, "amount_cents"), ==, total);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT amount_cents FROM invoices WHERE number = 'pop-F261100001'"),
                              ==, total);

  /* Its PDF is made all the same. */
  {
    g_autofree char *pdf_path = g_strdup_printf ("/7249/api/v1/invoices/%" G_GINT64_FORMAT "/pdf",
                                                 json_object_get_int_member (invoice, "id"));
    g_autofree char *url = g_strconcat (ef_test_server_get_url (fixture->server), pdf_path, NULL);
    g_autofree char *authorization = g_strdup_printf ("Bearer %s", fixture->token);
    g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
    g_autoptr(GBytes) body = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                  authorization);
    body = soup_session_send_and_read (fixture->session, message, NULL, NULL);
    g_assert_cmpuint (soup_message_get_status (message), ==, 200);
    g_assert_cmpuint (g_bytes_get_size (body), >, 4);
    g_assert_cmpmem (g_bytes_get_data (body, NULL), 4, "%PDF", 4);
  }
}

static JsonObject *
find_day (JsonArray  *days,
          const char *day)
{
  JsonObject *object = ef_test_json_find (days, "day", day);

  if (object == NULL)
    g_error ("no day %s", day);
  return object;
}

/* A closed day is closed in the planning, with its reason, and refused;
 * a price to come shows on its days. */
static void
test_planning (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *demo = export (fixture);
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) planning = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autofree char *body = NULL;
  gint64 child = first_child (fixture);
  JsonObject *meal = NULL;
  JsonArray *activities, *days;
  guint status = 0;

  text = replace (demo, "price = 3.50\n", "price = 3.50\nprice-from-2027-01-04 = 3.60\n");
  {
    g_autofree char *tmp = g_steal_pointer (&text);

    text = replace (tmp, "[service education]\n",
                    "[closed-day 2026-11-20]\nreason = Grève\n\n[service education]\n");
  }
  configure_ok (fixture, text, "Applied 2 changes");

  sign_in_at (fixture, "2026-11-16T10:00:00+01:00");
  path = g_strdup_printf ("/7249/api/v1/members/%" G_GINT64_FORMAT
                          "/planning?from=2026-11-16&to=2027-01-08", child);
  planning = get_ok (fixture, path);
  activities = json_object_get_array_member (json_node_get_object (planning), "activities");
  for (guint i = 0; i < json_array_get_length (activities); i++)
    {
      JsonObject *activity = json_array_get_object_element (activities, i);

      if (g_str_equal (json_object_get_string_member (activity, "activity"), "restaurant-scolaire"))
        meal = activity;
      else
        {
          /* Every activity is closed on the closed day. */
          JsonObject *friday = json_array_get_object_element (
                                 json_object_get_array_member (activity, "days"), 4);

          g_assert_cmpstr (json_object_get_string_member (friday, "state"), ==, "closed");
        }
    }
  g_assert_nonnull (meal);
  days = json_object_get_array_member (meal, "days");

  /* Today's price; Friday 20 November closed, with its reason. */
  g_assert_cmpint (json_object_get_int_member (meal, "unit_price_cents"), ==, 350);
  {
    JsonObject *thursday = json_array_get_object_element (days, 3);
    JsonObject *friday = json_array_get_object_element (days, 4);

    g_assert_cmpstr (json_object_get_string_member (thursday, "day"), ==, "2026-11-19");
    g_assert_cmpstr (json_object_get_string_member (thursday, "state"), ==, "reserved");
    g_assert_false (json_object_has_member (thursday, "unit_price_cents"));
    g_assert_cmpstr (json_object_get_string_member (friday, "day"), ==, "2026-11-20");
    g_assert_cmpstr (json_object_get_string_member (friday, "state"), ==, "closed");
    g_assert_cmpstr (json_object_get_string_member (friday, "reason"), ==, "closed_day");
    g_assert_cmpstr (json_object_get_string_member (friday, "label"), ==, "Grève");
    g_assert_false (json_object_get_boolean_member (friday, "changeable"));
  }
  /* Monday 4 January 2027, after the Christmas holidays, says its own
   * price; Friday 18 December, before them, is at today's. */
  {
    JsonObject *monday = find_day (days, "2027-01-04");
    JsonObject *friday = find_day (days, "2026-12-18");

    g_assert_cmpstr (json_object_get_string_member (monday, "state"), ==, "free");
    g_assert_cmpint (json_object_get_int_member (monday, "unit_price_cents"), ==, 360);
    g_assert_cmpstr (json_object_get_string_member (friday, "state"), ==, "reserved");
    g_assert_false (json_object_has_member (friday, "unit_price_cents"));
  }

  /* Reserving the closed day is refused. */
  body = g_strdup_printf ("{\"changes\": [{\"member\": %" G_GINT64_FORMAT ", \"activity\": "
                          "\"accueil-matin\", \"day\": \"2026-11-20\", \"reserved\": true}],"
                          " \"versions\": {\"%" G_GINT64_FORMAT "\": %" G_GINT64_FORMAT "}}",
                          child, child,
                          json_object_get_int_member (json_node_get_object (planning), "version"));
  answer = ef_test_api_request (fixture->session, fixture->server, "POST", "/7249/api/v1/reservations",
                                fixture->token, body, &status);
  g_assert_cmpuint (status, ==, 422);
  g_assert_cmpstr (ef_test_api_error_code (answer), ==, "day_closed");
  {
    JsonObject *error = json_object_get_object_member (json_node_get_object (answer), "error");
    JsonObject *detail = json_array_get_object_element (json_object_get_array_member (error, "details"), 0);

    g_assert_cmpstr (json_object_get_string_member (detail, "closed_reason"), ==, "closed_day");
  }
}

/* With skip-school-holidays, a closed day does not count for the deadline
 * either: Monday 23 November's deadline moves from Wednesday 18 to
 * Tuesday 17. */
static void
test_closed_day_deadline (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *demo = export (fixture);
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) planning = NULL;
  JsonArray *activities;
  gboolean seen = FALSE;

  text = replace (demo, "skip-school-holidays = false\n", "skip-school-holidays = true\n");
  {
    g_autofree char *tmp = g_steal_pointer (&text);

    text = replace (tmp, "[service education]\n",
                    "[closed-day 2026-11-20]\nreason = Grève\n\n[service education]\n");
  }
  configure_ok (fixture, text, "Applied 2 changes");

  sign_in_at (fixture, "2026-11-16T10:00:00+01:00");
  path = g_strdup_printf ("/7249/api/v1/members/%" G_GINT64_FORMAT
                          "/planning?from=2026-11-23&to=2026-11-23", first_child (fixture));
  planning = get_ok (fixture, path);
  activities = json_object_get_array_member (json_node_get_object (planning), "activities");
  for (guint i = 0; i < json_array_get_length (activities); i++)
    {
      JsonObject *activity = json_array_get_object_element (activities, i);
      JsonObject *monday = json_array_get_object_element (json_object_get_array_member (activity, "days"), 0);

      if (!g_str_equal (json_object_get_string_member (activity, "activity"), "restaurant-scolaire"))
        continue;
      seen = TRUE;
      g_assert_cmpstr (json_object_get_string_member (monday, "deadline"), ==,
                       "2026-11-17T09:00:00+01:00");
    }
  g_assert_true (seen);
}

static int
enrol (Fixture     *fixture,
       const char  *site,
       const char  *from,
       const char  *to,
       char       **err)
{
  g_autofree char *member = g_strdup_printf ("%" G_GINT64_FORMAT, first_child (fixture));
  const char *argv[] = { "enrol", "--db", db_path (fixture), "--tenant", "7249", "--member", member,
                         "--activity", "restaurant-scolaire", "--from", from, "--to", to,
                         "--site", site, NULL };

  return ef_test_server_run_command (argv, NULL, err);
}

/* An activity at two sites: an enrolment is at one of them; a closed
 * activity takes no new enrolment. */
static void
test_enrol_at_site (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *demo = export (fixture);
  g_autofree char *text = replace (demo, "sites = restaurant-ecole\n",
                                   "sites = restaurant-ecole;lacaou\n");
  g_autofree char *closed = NULL;
  g_autofree char *err = NULL;
  g_autofree char *site = NULL;

  configure_ok (fixture, text, "[activity restaurant-scolaire] sites: “restaurant-ecole” → "
                               "“restaurant-ecole;lacaou”\n");

  g_assert_cmpint (enrol (fixture, "ecole-periscolaire", "2027-07-05", "2027-08-31", &err), ==,
                   EXIT_USAGE);
  g_assert_nonnull (strstr (err, "does not run at the site “ecole-periscolaire”"));
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (enrol (fixture, "lacaou", "2027-07-05", "2027-08-31", &err), ==, 0);
  site = ef_test_db_query_rows (db_path (fixture), "SELECT site FROM enrolments WHERE first_day = '2027-07-05'");
  g_assert_cmpstr (site, ==, "Centre d’animation Le Lacaou\n");
  g_clear_pointer (&err, g_free);

  closed = replace (text, "price = 3.50\n", "price = 3.50\nclosed-from = 2027-09-01\n");
  configure_ok (fixture, closed, "closed from 2027-09-01");
  g_assert_cmpint (enrol (fixture, "lacaou", "2027-09-01", "2028-07-01", &err), ==, EXIT_USAGE);
  g_assert_nonnull (strstr (err, "is closed on 2027-09-01"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

/* A town of its own (ADD), or the demo's (ADD_DEMO). */
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_DEMO(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up_demo, func, fixture_tear_down)

  ADD ("/server/configure/example-round-trip", test_example_round_trip);
  ADD ("/server/configure/dry-run", test_dry_run);
  ADD ("/server/configure/mistakes", test_mistakes);
  ADD ("/server/configure/every-mistake", test_every_mistake);
  ADD ("/server/configure/usage", test_usage);
  ADD_DEMO ("/server/configure/history-kept", test_history_kept);
  ADD_DEMO ("/server/configure/price-change-billed", test_price_change_billed);
  ADD_DEMO ("/server/configure/planning", test_planning);
  ADD_DEMO ("/server/configure/closed-day-deadline", test_closed_day_deadline);
  ADD_DEMO ("/server/configure/enrol-at-site", test_enrol_at_site);

  return g_test_run ();
}
