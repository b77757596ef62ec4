/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-server-gdpr.c: families in bulk from a CSV register, and a family's
 * data exported and erased (GDPR), with the real binary on a real server
 *
 * The server runs on the demo data with its test clock, so that nothing
 * depends on the machine's date, time or zone.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "ef-test-api.h"
#include "ef-test-db.h"

#define EXIT_ERROR 1
#define EXIT_USAGE 2
#define START "2026-10-05T10:00:00+02:00"

static const char * const test_clock_args[] = { "--test-clock", NULL };

typedef struct
{
  EfTestServer *server;
  SoupSession  *session;
  char         *email;
  char         *password;
  char         *dir;
} Fixture;

/* A register with ';', a BOM, CRLF, quoted fields holding the separator,
 * quotes and line breaks (the address's second line), French dates. */
static const char register_semicolon[] =
  "\xEF\xBB\xBF" "Famille;Foyer;Rôle;Nom;Prénom;Naissance;Adresse;Complément;Code postal;Ville;"
  "Téléphone;Téléphone travail;Courriel;CAF;Référence\r\n"
  "DUP-01;\"Famille Dupont; Roux\";responsable;Dupont;Jeanne;02/01/1980;\"3 place de la Mairie\r\n"
  "Bâtiment \"\"B\"\"\";;64140;Billère;07 11 22 33 44;05 59 00 00 01;jeanne.dupont@example.org;7654321;jeanne\r\n"
  "DUP-01;;enfant;Roux;Paul;6/5/2017;;;;;;;;;paul\r\n"
  "\r\n"
  "DUR-02;;responsable;Durand;Marc;1975-03-04;1 rue Neuve;;64000;Pau;0612345670;;marc.durand@example.org;;\r\n"
  "DUR-02;;autre;Durand;Lucie;1950-07-08;8 chemin Vert;;64110;Jurançon;;;;;\r\n";

/* The same kind of register with ',' and a quoted field holding commas. */
static const char register_comma[] =
  "famille,role,nom,prenom,naissance,adresse,code_postal,ville,courriel\n"
  "BER-03,responsable,Bernard,Inès,1988-11-12,\"5, rue des Écoles, escalier 2\",64140,Billère,ines.bernard@example.org\n"
  "BER-03,enfant,Bernard,Noé,2019-02-03,,,,\n";

/* Every row but one is wrong, each in its own way. */
static const char register_bad[] =
  "famille;rôle;nom;prénom;naissance;adresse;code_postal;ville;téléphone;courriel;caf\n"
  "BAD-1;responsable;Lemoine;;31/02/2015;1 rue A;64140;Billère;0612;a.lemoine@example.org;12\n"
  "BAD-1;tuteur;Lemoine;Jo;2015-01-01;;;;;a.lemoine@example.org;\n"
  "BAD-2;enfant;Fabre;Léo;2016-01-01;;;;;;\n"
  "BAD-3;responsable;Girard;Ana;1980-01-01;2 rue B;641;Pau;;ana@;\n"
  ";enfant;Girard;Eva;2017-01-01;;;;;;\n"
  "BAD-4;responsable;Lebrun;Luc;2999-01-01;\"3 rue C\";;Pau;;parent@example.fr;\n"
  "OK-5;responsable;Morel;Max;1980-01-01;4 rue D;64000;Pau;;max.morel@example.org;\n"
  "BAD-6;responsable;Noël;Ada;1980-01-01;5 rue E;64000;Pau;;;;en trop\n";

/* The demo family's personal data, as the demo writes it. */
static const char * const martin_texts[] = {
  "Claire", "Martin", "Léa", "Hugo", "Monique", "Lacoste", "demo-martin",
  "parent@example.fr", "06 12 34 56 78", "05 59 11 22 33", "06 98 76 54 32",
  "06 45 67 89 01", "12 rue des Marronniers", "Marronniers", "1985-04-23", "2016-03-14",
  "2019-09-02", "grand-mère", "voisin",
  /* and what the test gives them */
  "06 77 88 99 00", "0677889900", "Claire's laptop",
};

/* ---------------------------------------------------------------- fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = ef_test_server_start (TRUE, test_clock_args);
  fixture->session = ef_test_api_session_new ();
  ef_test_api_demo_account (fixture->server, &fixture->email, &fixture->password);
  fixture->dir = g_strdup (ef_test_server_get_dir (fixture->server));
  ef_test_api_set_clock (fixture->session, fixture->server, NULL, START);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_clear_pointer (&fixture->server, ef_test_server_free);
  g_free (fixture->email);
  g_free (fixture->password);
  g_free (fixture->dir);
}

/* ---------------------------------------------------------------- helpers */

static const char *
db_path (Fixture *fixture)
{
  return ef_test_server_get_db_path (fixture->server);
}

static int
run (const char * const *argv,
     char              **out,
     char              **err)
{
  g_autofree char *joined = g_strjoinv (" ", (char **) argv);
  int status;

  g_test_message ("espace-famille-server %s", joined);
  status = ef_test_server_run_command (argv, out, err);
  if (err != NULL)
    g_test_message ("stderr: %s", *err);
  return status;
}

static int
import_csv (Fixture     *fixture,
            const char  *contents,
            const char  *extra,
            char       **out,
            char       **err)
{
  g_autofree char *path = ef_test_write_file (fixture->dir, "register.csv", contents);
  const char *argv[] = { "family-import", "--db", db_path (fixture), "--tenant", "7249",
                         "--csv", path, extra, NULL };

  return run (argv, out, err);
}

static gint64
family_of (Fixture    *fixture,
           const char *reference)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (max (id), 0) FROM families WHERE reference = '%s'", reference);

  return ef_test_db_query_int (db_path (fixture), sql);
}

/* The demo family: the first one, whose id the queries below write as 1. */
static gint64
demo_family (Fixture *fixture)
{
  gint64 id = ef_test_db_query_int (db_path (fixture), "SELECT family_id FROM accounts WHERE email = 'parent@example.fr'");

  g_assert_cmpint (id, ==, 1);
  return id;
}

/* `family-export` of @family_id as parsed JSON (the command must work). */
static JsonNode *
export_family (Fixture *fixture,
               gint64   family_id)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, family_id);
  const char *argv[] = { "family-export", "--db", db_path (fixture), "--tenant", "7249",
                         "--family", id, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  g_assert_cmpint (run (argv, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  node = json_from_string (out, &error);
  g_assert_no_error (error);
  return node;
}

/* The export without its instant, to compare two of them. */
static char *
export_text (Fixture *fixture,
             gint64   family_id)
{
  g_autoptr(JsonNode) node = export_family (fixture, family_id);

  json_object_remove_member (json_node_get_object (node), "exported_at");
  return json_to_string (node, TRUE);
}

static JsonNode *
api (Fixture    *fixture,
     const char *method,
     const char *path,
     const char *token,
     const char *body,
     guint      *status)
{
  g_autofree char *full = g_strconcat ("/7249/api/v1", path, NULL);

  return ef_test_api_request (fixture->session, fixture->server, method, full, token, body, status);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” is not in:\n%s", part, text);
}

static gboolean
bytes_contain (const char *data,
               gsize       length,
               const char *text)
{
  gsize n = strlen (text);

  for (gsize i = 0; n <= length && i <= length - n; i++)
    if (memcmp (data + i, text, n) == 0)
      return TRUE;
  return FALSE;
}

/* Whether the bytes of the database file, its write-ahead log, its
 * shared-memory index or a rollback journal hold @texts[i], for each i;
 * asserts that none does when @expect_none. */
static guint
count_in_files (Fixture            *fixture,
                const char * const *texts,
                guint               n_texts,
                gboolean            expect_none)
{
  g_autoptr(GHashTable) found = g_hash_table_new (g_str_hash, g_str_equal);

  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint s = 0; s < G_N_ELEMENTS (suffixes); s++)
    {
      g_autofree char *path = g_strconcat (db_path (fixture), suffixes[s], NULL);
      g_autofree char *data = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &data, &length, NULL))
        {
          g_assert_cmpstr (suffixes[s], !=, "");
          continue;
        }
      g_test_message ("%s: %" G_GSIZE_FORMAT " bytes", path, length);
      for (guint i = 0; i < n_texts; i++)
        if (bytes_contain (data, length, texts[i]))
          {
            if (expect_none)
              g_error ("“%s” is still in %s", texts[i], path);
            g_hash_table_add (found, (gpointer) texts[i]);
          }
    }
  return g_hash_table_size (found);
}

/* What accounting adds up, for every family and for the demo family. */
static char *
accounting_totals (Fixture *fixture,
                   gint64   family_id)
{
  /* Written for both engines: string_agg is PostgreSQL's, group_concat
   * SQLite's; the orders are given. */
  const char *agg = ef_test_store_is_postgresql () ? "string_agg" : "group_concat";
  const char *text = ef_test_store_is_postgresql () ? "::text" : "";
  g_autofree char *sql = g_strdup_printf (
    "SELECT count(*), sum (amount_cents), sum (balance_cents),"
    "  (SELECT %s (number || ':' || status || ':' || amount_cents || ':' || balance_cents, ',')"
    "     FROM (SELECT * FROM invoices ORDER BY id) AS ordered)"
    " FROM invoices"
    " UNION ALL SELECT count(*), sum (amount_cents), sum (quantity),"
    "  (SELECT %s (unit_price_cents%s, ',') FROM (SELECT * FROM invoice_lines ORDER BY id) AS ordered)"
    "  FROM invoice_lines"
    " UNION ALL SELECT count(*), sum (amount_cents), sum (CASE WHEN status = 'paid' THEN 1 ELSE 0 END),"
    "  (SELECT %s (channel || ':' || status || ':' || amount_cents || ':' || coalesce (paid_at%s, ''), ',')"
    "     FROM (SELECT * FROM payments ORDER BY id) AS ordered)"
    "  FROM payments"
    " UNION ALL SELECT count(*), sum (amount_cents), NULL, NULL FROM payment_allocations"
    " UNION ALL SELECT count(*), sum (amount_cents), sum (balance_cents), NULL FROM invoices"
    "  WHERE family_id = %" G_GINT64_FORMAT
    " UNION ALL SELECT count(*), sum (amount_cents), NULL, NULL FROM payments"
    "  WHERE family_id = %" G_GINT64_FORMAT " AND status = 'paid'",
    agg, agg, text, agg, text, family_id, family_id);

  return ef_test_db_query_rows (db_path (fixture), sql);
}

/* -------------------------------------------------------------- import */

static void
test_import_csv (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *dry_out = NULL;
  g_autofree char *members = NULL;
  g_autofree char *families = NULL;
  g_autofree char *phones = NULL;
  g_autoptr(JsonNode) export = NULL;
  gint64 n_families = ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM families");

  /* The example of docs/family-import.md is a valid register. */
  {
    g_autofree char *example = g_build_filename (g_getenv ("EF_SOURCE_ROOT"), "docs",
                                                 "family-import-example.csv", NULL);
    const char *argv[] = { "family-import", "--db", db_path (fixture), "--tenant", "7249",
                           "--csv", example, "--dry-run", NULL };
    g_autofree char *example_out = NULL;

    g_assert_cmpint (run (argv, &example_out, NULL), ==, 0);
    assert_contains (example_out, "Checked 2 families with 5 members");
  }

  /* --dry-run checks and writes nothing. */
  g_assert_cmpint (import_csv (fixture, register_semicolon, "--dry-run", &dry_out, NULL), ==, 0);
  assert_contains (dry_out, "2 families with 4 members");
  assert_contains (dry_out, "nothing was written");
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM families"), ==, n_families);

  g_assert_cmpint (import_csv (fixture, register_semicolon, NULL, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==, "Created 2 families with 4 members.\n");
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM families"), ==, n_families + 2);

  families = ef_test_db_query_rows (db_path (fixture),
                                    "SELECT reference, name, address_line1, address_line2, postal_code, city"
                                    "  FROM families WHERE reference IN ('DUP-01', 'DUR-02') ORDER BY reference");
  g_assert_cmpstr (families, ==,
                   "DUP-01|Famille Dupont; Roux|3 place de la Mairie|Bâtiment \"B\"|64140|Billère\n"
                   "DUR-02|Famille Durand|1 rue Neuve||64000|Pau\n");
  members = ef_test_db_query_rows (db_path (fixture),
                                   "SELECT f.reference, m.position, m.role, m.first_name, m.last_name, m.birth_date,"
                                   "       m.email, m.caf_number, m.reference, m.address_line1, m.city"
                                   "  FROM members m JOIN families f ON f.id = m.family_id"
                                   " WHERE f.reference IN ('DUP-01', 'DUR-02') ORDER BY f.reference, m.position");
  g_assert_cmpstr (members, ==,
                   "DUP-01|0|responsible|Jeanne|Dupont|1980-01-02|jeanne.dupont@example.org|7654321|jeanne|NULL|NULL\n"
                   "DUP-01|1|child|Paul|Roux|2017-05-06|NULL|NULL|paul|NULL|NULL\n"
                   "DUR-02|0|responsible|Marc|Durand|1975-03-04|marc.durand@example.org|NULL|NULL|NULL|NULL\n"
                   "DUR-02|1|other|Lucie|Durand|1950-07-08|NULL|NULL|NULL|8 chemin Vert|Jurançon\n");
  phones = ef_test_db_query_rows (db_path (fixture),
                                  "SELECT m.first_name, p.kind, p.number FROM member_phones p"
                                  "  JOIN members m ON m.id = p.member_id JOIN families f ON f.id = m.family_id"
                                  " WHERE f.reference IN ('DUP-01', 'DUR-02') ORDER BY m.id, p.position");
  g_assert_cmpstr (phones, ==,
                   "Jeanne|mobile|07 11 22 33 44\n"
                   "Jeanne|work|05 59 00 00 01\n"
                   "Marc|mobile|06 12 34 56 70\n");

  /* The families are whole, as the API would show them. */
  export = export_family (fixture, family_of (fixture, "DUP-01"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_node_get_object (export),
                                                                                  "family"), "name"),
                   ==, "Famille Dupont; Roux");

  /* ',' works as well as ';'. */
  g_assert_cmpint (import_csv (fixture, register_comma, NULL, &out2, &err2), ==, 0);
  g_assert_cmpstr (out2, ==, "Created 1 family with 2 members.\n");
  g_free (families);
  families = ef_test_db_query_rows (db_path (fixture), "SELECT name, address_line1 FROM families WHERE reference = 'BER-03'");
  g_assert_cmpstr (families, ==, "Famille Bernard|5, rue des Écoles, escalier 2\n");

  /* Again: the families exist, nothing changes; --replace updates them. */
  {
    g_autofree char *again_err = NULL;
    g_autofree char *replace_out = NULL;

    g_assert_cmpint (import_csv (fixture, register_comma, NULL, NULL, &again_err), ==, EXIT_USAGE);
    assert_contains (again_err, "line 2, famille: a family with the reference “BER-03” exists already");
    g_assert_null (strstr (again_err, "another family"));
    g_assert_cmpint (import_csv (fixture, register_comma, "--replace", &replace_out, NULL), ==, 0);
    g_assert_cmpstr (replace_out, ==, "Wrote 1 family (1 updated) with 2 members.\n");
    g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM families"), ==, n_families + 3);
  }
}

static void
test_import_csv_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const expected[] = {
    "line 2, prénom: is missing",
    "line 2, naissance: “31/02/2015” is not a date",
    "line 2, téléphone: “0612” is not a French phone number",
    "line 2, caf: “12” is not a CAF number",
    "line 3, courriel: “a.lemoine@example.org” is already on line 2",
    "line 3, rôle: “tuteur” is not a role",
    "line 4, rôle: the family “BAD-2” has no responsible adult",
    "line 4, adresse: the family “BAD-2” has no address",
    "line 5, code_postal: “641” is not a postal code",
    "line 5, courriel: “ana@” is not an e-mail address",
    "line 6, famille: is missing",
    "line 7, adresse: the address is incomplete",
    "line 7, courriel: “parent@example.fr” is already the e-mail of a member of another family",
    "line 7, naissance: “2999-01-01” is not a date",
    "line 9: 12 fields where the header has 11",
  };
  g_autofree char *before = ef_test_db_query_rows (db_path (fixture), "SELECT * FROM families");
  g_autofree char *members_before = ef_test_db_query_rows (db_path (fixture), "SELECT count(*) FROM members");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *after = NULL;
  g_autofree char *members_after = NULL;
  g_auto(GStrv) lines = NULL;

  for (guint pass = 0; pass < 2; pass++)
    {
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
      g_assert_cmpint (import_csv (fixture, register_bad, pass == 0 ? NULL : "--dry-run", &out, &err),
                       ==, EXIT_USAGE);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, "espace-famille-server family-import: “"));
      assert_contains (err, "register.csv”: 7 rows refused, nothing was written:\n");
      for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
        assert_contains (err, expected[i]);
      /* The valid row is not listed; nothing else is. */
      g_assert_null (strstr (err, "line 8"));
      g_assert_null (strstr (err, "CRITICAL"));
      lines = g_strsplit (err, "\n", -1);
      g_assert_cmpuint (g_strv_length (lines), ==, 1 + G_N_ELEMENTS (expected) + 1);
      g_clear_pointer (&lines, g_strfreev);
    }

  /* All or nothing: not even the valid family. */
  after = ef_test_db_query_rows (db_path (fixture), "SELECT * FROM families");
  members_after = ef_test_db_query_rows (db_path (fixture), "SELECT count(*) FROM members");
  g_assert_cmpint (family_of (fixture, "OK-5"), ==, 0);
  g_assert_cmpstr (members_after, ==, members_before);
  g_assert_cmpstr (after, ==, before);
}

static void
test_import_csv_unreadable (Fixture       *fixture,
                            gconstpointer  data)
{
  static const struct {
    const char *contents;
    const char *expect;
  } cases[] = {
    { "famille;rôle;nom;prénom;naissance;adresse;code_postal;ville;surnom\n", "“surnom”" },
    { "famille;rôle;nom;prénom;adresse;code_postal;ville\nA;enfant;X;Y;1;64000;Pau\n", "“naissance” is missing" },
    { "famille;rôle;nom;prénom;naissance;adresse;code_postal;ville\n"
      "A;responsable;X;\"Y;1980-01-01;1 rue;64000;Pau\n", "Line 2: A quoted field is not closed" },
    { "famille;rôle;nom;prénom;naissance;adresse;code_postal;ville\n", "no member" },
    { "famille;r\xF4le;nom\n", "not UTF-8" },
    { "", "empty" },
  };
  gint64 n_families = ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM families");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (import_csv (fixture, cases[i].contents, NULL, &out, &err), ==, EXIT_USAGE);
      g_assert_cmpstr (out, ==, "");
      assert_contains (err, cases[i].expect);
      /* One line. */
      g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);
    }
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM families"), ==, n_families);

  /* The JSON form and the CSV one are one or the other. */
  {
    g_autofree char *json = ef_test_write_file (fixture->dir, "family.json", "{}");
    g_autofree char *csv = ef_test_write_file (fixture->dir, "family.csv", register_comma);
    const char *both[] = { "family-import", "--db", db_path (fixture), "--tenant", "7249",
                           "--csv", csv, json, NULL };
    const char *neither[] = { "family-import", "--db", db_path (fixture), "--tenant", "7249", NULL };
    g_autofree char *err = NULL;
    g_autofree char *err2 = NULL;

    g_assert_cmpint (run (both, NULL, &err), ==, EXIT_USAGE);
    g_assert_cmpint (run (neither, NULL, &err2), ==, EXIT_USAGE);
    g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM families"), ==, n_families);
  }
}

static void
test_import_json_dry_run (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = ef_test_write_file (fixture->dir, "family.json",
            "{\"reference\": \"JSON-1\", \"name\": \"Famille Blanc\","
            " \"address\": {\"line1\": \"9 rue Haute\", \"postal_code\": \"64140\", \"city\": \"Billère\"},"
            " \"members\": [{\"role\": \"responsible\", \"first_name\": \"Rose\", \"last_name\": \"Blanc\","
            "                \"birth_date\": \"1979-05-06\"}]}");
  const char *dry[] = { "family-import", "--db", db_path (fixture), "--tenant", "7249",
                        "--dry-run", path, NULL };
  const char *real[] = { "family-import", "--db", db_path (fixture), "--tenant", "7249", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err3 = NULL;

  g_assert_cmpint (run (dry, &out, NULL), ==, 0);
  assert_contains (out, "nothing was written");
  g_assert_cmpint (family_of (fixture, "JSON-1"), ==, 0);
  g_assert_cmpint (run (real, &out2, NULL), ==, 0);
  assert_contains (out2, "\"Famille Blanc\"");
  g_assert_cmpint (family_of (fixture, "JSON-1"), >, 0);
  g_assert_cmpint (run (dry, NULL, &err3), ==, EXIT_USAGE);
  assert_contains (err3, "exists already");
}

/* -------------------------------------------------------------- export */

static const char *
string_at (JsonObject *object,
           const char *member)
{
  return json_object_get_string_member (object, member);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *token = ef_test_api_login (fixture->session, fixture->server,
                                              fixture->email, fixture->password);
  g_autofree char *text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *written = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) other = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *document, *family, *account, *invoice, *line;
  JsonArray *array;
  GStatBuf st;
  gint64 family_id = demo_family (fixture);
  gboolean found_test_login = FALSE;
  guint status;

  g_assert_cmpint (import_csv (fixture, register_semicolon, NULL, NULL, NULL), ==, 0);
  g_assert_null (api (fixture, "POST", "/auth/password-reset", NULL,
                      "{\"email\": \"parent@example.fr\"}", &status));
  g_assert_cmpuint (status, ==, 202);

  node = export_family (fixture, family_id);
  text = json_to_string (node, TRUE);
  document = json_node_get_object (node);
  g_assert_cmpstr (string_at (document, "format"), ==, "espace-famille/family-export");
  g_assert_cmpint (json_object_get_int_member (document, "version"), ==, 1);
  g_assert_cmpstr (string_at (json_object_get_object_member (document, "tenant"), "id"), ==, "7249");

  /* The family, its members, their contact details and pick-up persons. */
  family = json_object_get_object_member (document, "family");
  g_assert_cmpint (json_object_get_int_member (family, "id"), ==, family_id);
  g_assert_cmpstr (string_at (family, "name"), ==, "Famille Martin");
  g_assert_cmpstr (string_at (family, "reference"), ==, "demo-martin");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (family, "members")), ==, 3);
  g_assert_cmpstr (string_at (ef_test_api_member_named (json_object_get_member (document, "family"), "Claire"),
                              "caf_number"), ==, "1234567");
  assert_contains (text, "\"Monique Martin\"");
  assert_contains (text, "\"06 12 34 56 78\"");

  /* Its account, without its password hash; the sign-ins, the session. */
  array = json_object_get_array_member (document, "accounts");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  account = json_array_get_object_element (array, 0);
  g_assert_cmpstr (string_at (account, "email"), ==, "parent@example.fr");
  g_assert_true (json_object_get_boolean_member (account, "has_password"));
  g_assert_null (strstr (text, "argon2"));
  g_assert_null (strstr (text, "password_hash"));
  g_assert_null (strstr (text, "token"));
  array = json_object_get_array_member (document, "connections");
  g_assert_cmpuint (json_array_get_length (array), ==, 7);
  for (guint i = 0; i < json_array_get_length (array); i++)
    found_test_login |= g_strcmp0 (string_at (json_array_get_object_element (array, i), "client"),
                                   "espace-famille tests") == 0;
  g_assert_true (found_test_login);
  array = json_object_get_array_member (document, "sessions");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (string_at (json_array_get_object_element (array, 0), "created_at"), ==, START);
  /* Signed in without "remember me": no device. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (document, "devices")), ==, 0);

  /* Enrolments, reservations and their log. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (document, "enrolments")), >, 0);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (document, "reservations")),
                   ==, ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM reservations r JOIN members m ON m.id = r.member_id"
                                                                " WHERE m.family_id = 1"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (document, "reservation_changes")), >, 0);

  /* Invoices with their lines, payments, mails (without a live link). */
  array = json_object_get_array_member (document, "invoices");
  g_assert_cmpint (json_array_get_length (array), ==,
                   ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM invoices WHERE family_id = 1"));
  invoice = json_array_get_object_element (array, json_array_get_length (array) - 1);
  line = json_array_get_object_element (json_object_get_array_member (invoice, "lines"), 0);
  g_assert_true (g_str_has_suffix (string_at (line, "member_name"), " Martin"));
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (document, "payments")), ==,
                   ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM payments WHERE family_id = 1"));
  array = json_object_get_array_member (document, "mails");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (string_at (json_array_get_object_element (array, 0), "kind"), ==, "password_reset");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (array, 0), "body"));

  /* Nothing of another family. */
  g_assert_null (strstr (text, "Dupont"));
  g_assert_null (strstr (text, "Jeanne"));
  g_assert_null (strstr (text, "jeanne.dupont@example.org"));
  g_assert_null (strstr (text, "DUP-01"));
  other = export_family (fixture, family_of (fixture, "DUP-01"));
  g_free (text);
  text = json_to_string (other, TRUE);
  g_assert_null (strstr (text, "Martin"));
  g_assert_null (strstr (text, "parent@example.fr"));

  /* By e-mail, into a file only its owner reads: the same document. */
  output = g_build_filename (fixture->dir, "export.json", NULL);
  {
    const char *argv[] = { "family-export", "--db", db_path (fixture), "--tenant", "7249",
                           "--email", "Parent@Example.fr", "--output", output, NULL };
    g_autofree char *out = NULL;

    g_assert_cmpint (run (argv, &out, NULL), ==, 0);
    g_assert_cmpstr (out, ==, "");
  }
  g_assert_cmpint (g_stat (output, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_file_get_contents (output, &written, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(JsonNode) again = json_from_string (written, &error);
    g_autofree char *a = NULL;
    g_autofree char *b = NULL;

    g_assert_no_error (error);
    json_object_remove_member (json_node_get_object (again), "exported_at");
    json_object_remove_member (document, "exported_at");
    a = json_to_string (again, FALSE);
    b = json_to_string (node, FALSE);
    g_assert_cmpstr (a, ==, b);
  }

  /* Unknown families and bad arguments. */
  {
    const char *unknown[] = { "family-export", "--db", db_path (fixture), "--tenant", "7249",
                              "--family", "999999", NULL };
    const char *nobody[] = { "family-export", "--db", db_path (fixture), "--tenant", "7249",
                             "--email", "personne@example.fr", NULL };
    const char *both[] = { "family-export", "--db", db_path (fixture), "--tenant", "7249",
                           "--family", "1", "--email", "parent@example.fr", NULL };
    const char *tenant[] = { "family-export", "--db", db_path (fixture), "--tenant", "9999",
                             "--family", "1", NULL };
    const char * const *argvs[] = { unknown, nobody, both, tenant };

    for (guint i = 0; i < G_N_ELEMENTS (argvs); i++)
      {
        g_autofree char *out = NULL;

        g_assert_cmpint (run (argvs[i], &out, NULL), ==, EXIT_USAGE);
        g_assert_cmpstr (out, ==, "");
      }
  }
}

/* --------------------------------------------------------------- erase */

/* The demo family's life on the server: a sign-in, a phone changed, a
 * reservation cancelled, an invoice paid online, a forgotten password. */
static char *
live_a_little (Fixture *fixture)
{
  g_autoptr(JsonNode) family = NULL;
  g_autoptr(JsonNode) patched = NULL;
  g_autoptr(JsonNode) planning = NULL;
  g_autoptr(JsonNode) batch = NULL;
  g_autoptr(JsonNode) invoices = NULL;
  g_autoptr(JsonNode) payment = NULL;
  g_autofree char *token = NULL;
  g_autofree char *claire = NULL;
  g_autofree char *body = NULL;
  g_autofree char *planning_path = NULL;
  g_autofree char *page = NULL;
  JsonArray *array;
  gint64 lea;
  guint status;

  /* Signed in from a client that names its owner. */
  {
    g_autoptr(JsonNode) answer = NULL;

    answer = api (fixture, "POST", "/auth/login", NULL,
                  "{\"email\": \"parent@example.fr\", \"password\": \"Billere-Demo-2026\","
                  " \"client\": \"Claire's laptop\"}", &status);
    g_assert_cmpuint (status, ==, 200);
    token = g_strdup (json_object_get_string_member (json_node_get_object (answer), "token"));
  }

  family = api (fixture, "GET", "/family", token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  claire = g_strdup_printf ("/members/%" G_GINT64_FORMAT,
                            json_object_get_int_member (ef_test_api_member_named (family, "Claire"), "id"));
  lea = json_object_get_int_member (ef_test_api_member_named (family, "Léa"), "id");
  patched = api (fixture, "PATCH", claire, token,
                 "{\"phones\": [{\"kind\": \"mobile\", \"number\": \"06 77 88 99 00\"}]}", &status);
  g_assert_cmpuint (status, ==, 200);

  planning_path = g_strdup_printf ("/members/%" G_GINT64_FORMAT "/planning?from=2026-11-02&to=2026-11-02", lea);
  planning = api (fixture, "GET", planning_path, token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  body = g_strdup_printf ("{\"changes\": [{\"member\": %" G_GINT64_FORMAT ", \"activity\": \"restaurant-scolaire\","
                          " \"day\": \"2026-11-02\", \"reserved\": false}],"
                          " \"versions\": {\"%" G_GINT64_FORMAT "\": %" G_GINT64_FORMAT "}}",
                          lea, lea, json_object_get_int_member (json_node_get_object (planning), "version"));
  batch = api (fixture, "POST", "/reservations", token, body, &status);
  g_assert_cmpuint (status, ==, 200);

  invoices = api (fixture, "GET", "/invoices?status=to_pay", token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  array = json_object_get_array_member (json_node_get_object (invoices), "invoices");
  g_assert_cmpuint (json_array_get_length (array), >, 0);
  g_free (body);
  body = g_strdup_printf ("{\"invoice_ids\": [%" G_GINT64_FORMAT "]}",
                          json_object_get_int_member (json_array_get_object_element (array, 0), "id"));
  payment = api (fixture, "POST", "/payments", token, body, &status);
  g_assert_cmpuint (status, ==, 201);
  page = ef_test_api_play_provider_page (fixture->session,
                                         json_object_get_string_member (json_node_get_object (payment),
                                                                        "provider_url"),
                                         "payer", NULL, NULL);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM outbox WHERE kind = 'payment'"), ==, 1);

  g_assert_null (api (fixture, "POST", "/auth/password-reset", NULL,
                      "{\"email\": \"parent@example.fr\"}", &status));
  g_assert_cmpuint (status, ==, 202);
  return g_steal_pointer (&token);
}

static int
erase (Fixture    *fixture,
       gint64      family_id,
       gboolean    yes,
       char      **out,
       char      **err)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, family_id);
  const char *argv[] = { "family-erase", "--db", db_path (fixture), "--tenant", "7249",
                         "--family", id, yes ? "--yes" : NULL, NULL };

  return run (argv, out, err);
}

static void
test_erase (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *token = NULL;
  gint64 family_id;
  gint64 dupont;
  g_autofree char *totals_before = NULL;
  g_autofree char *totals_after = NULL;
  g_autofree char *dupont_before = NULL;
  g_autofree char *dupont_after = NULL;
  g_autofree char *martin_before = NULL;
  g_autofree char *dry_out = NULL;
  g_autofree char *dry_err = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *mails_line = NULL;
  g_autoptr(JsonNode) gone = NULL;
  g_autoptr(JsonNode) login = NULL;
  guint status;

  /* On SQLite, deleted bytes are also left in the file (PRAGMA
   * secure_delete) and searched for in the file and its -wal, -shm and
   * -journal; on PostgreSQL the rows are checked, not the disk. */
  gboolean sqlite_file = !ef_test_store_is_postgresql ();

  token = live_a_little (fixture);
  family_id = demo_family (fixture);

  g_assert_cmpint (import_csv (fixture, register_semicolon, NULL, NULL, NULL), ==, 0);
  dupont = family_of (fixture, "DUP-01");

  /* Mails sent long ago, to the family and to others, whose bodies were
   * then dropped by a program whose SQLite leaves deleted bytes in place:
   * pages that the erasure does not free keep them, and only a rewrite of
   * the file drops them. A note the town hall wrote on a payment. */
  if (!sqlite_file)
    ef_test_db_exec (db_path (fixture),
                     "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)"
                     " INSERT INTO outbox (tenant_id, kind, recipient, subject, body, created_at, status)"
                     " SELECT '7249', 'invoice', CASE WHEN i % 2 = 0 THEN 'parent@example.fr'"
                     "   ELSE 'mairie-' || i || '@example.org' END, 'Facture',"
                     "   'Bonjour Monique Lacoste, ' || repeat ('.', 300), 0, 'queued' FROM n;"
                     "UPDATE outbox SET body = NULL, status = 'sent' WHERE subject = 'Facture';"
                     "UPDATE payments SET label = 'Chèque 0012 de Mme CLAIRE Martin, 0677889900'"
                     " WHERE family_id = 1 AND channel = 'cash';");
  else
  {
    sqlite3 *db = ef_test_db_open (db_path (fixture));

    g_assert_cmpint (sqlite3_exec (db,
                                   "PRAGMA secure_delete = OFF;"
                                   "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)"
                                   " INSERT INTO outbox (tenant_id, kind, recipient, subject, body, created_at, status)"
                                   " SELECT '7249', 'invoice', CASE WHEN i % 2 = 0 THEN 'parent@example.fr'"
                                   "   ELSE 'mairie-' || i || '@example.org' END, 'Facture',"
                                   "   'Bonjour Monique Lacoste, ' || printf ('%.300c', '.'), 0, 'queued' FROM n;"
                                   "UPDATE outbox SET body = NULL, status = 'sent' WHERE subject = 'Facture';"
                                   "UPDATE payments SET label = 'Chèque 0012 de Mme CLAIRE Martin, 0677889900'"
                                   " WHERE family_id = 1 AND channel = 'cash';",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM payment_operations WHERE mel = 'parent@example.fr'"),
                              ==, 1);
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM reservation_audit WHERE account_id IS NOT NULL"),
                              ==, 1);

  /* The receipt, the password reset, half the old ones. */
  mails_line = g_strdup_printf ("%7" G_GINT64_FORMAT "  mails removed",
                                ef_test_db_query_int (db_path (fixture), "SELECT count(*) FROM outbox"
                                                                         " WHERE recipient = 'parent@example.fr'"));
  g_test_message ("outbox: %s", mails_line);
  /* The search finds them while they are there. */
  if (sqlite_file)
    g_assert_cmpuint (count_in_files (fixture, martin_texts, G_N_ELEMENTS (martin_texts), FALSE),
                      ==, G_N_ELEMENTS (martin_texts));
  totals_before = accounting_totals (fixture, family_id);
  dupont_before = export_text (fixture, dupont);
  martin_before = export_text (fixture, family_id);

  /* The export has what the server learnt meanwhile: the online payment
   * with what PayFiP was given, who changed a reservation. */
  {
    g_autoptr(JsonNode) node = export_family (fixture, family_id);
    JsonObject *document = json_node_get_object (node);
    JsonArray *payments = json_object_get_array_member (document, "payments");
    JsonArray *changes = json_object_get_array_member (document, "reservation_changes");
    guint n_online = 0, n_by_parent = 0;

    for (guint i = 0; i < json_array_get_length (payments); i++)
      {
        JsonObject *payment = json_array_get_object_element (payments, i);

        if (json_object_get_null_member (payment, "online"))
          continue;
        g_assert_cmpstr (string_at (json_object_get_object_member (payment, "online"), "email"),
                         ==, "parent@example.fr");
        n_online++;
      }
    for (guint i = 0; i < json_array_get_length (changes); i++)
      n_by_parent += g_strcmp0 (string_at (json_array_get_object_element (changes, i), "account_email"),
                                "parent@example.fr") == 0;
    g_assert_cmpuint (n_online, ==, 1);
    g_assert_cmpuint (n_by_parent, ==, 1);
  }

  /* Without --yes: what would go, and nothing goes. */
  g_assert_cmpint (erase (fixture, family_id, FALSE, &dry_out, &dry_err), ==, EXIT_USAGE);
  assert_contains (dry_out, "Famille Martin");
  assert_contains (dry_out, "Claire Martin (responsible adult)");
  assert_contains (dry_out, "      3  members renamed");
  assert_contains (dry_out, "      1  accounts removed");
  assert_contains (dry_err, "--yes");
  {
    g_autofree char *unchanged = export_text (fixture, family_id);

    g_assert_cmpstr (unchanged, ==, martin_before);
  }

  g_assert_cmpint (erase (fixture, family_id, TRUE, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  assert_contains (out, "Erased:");
  assert_contains (out, "      3  members renamed");
  assert_contains (out, "      1  accounts removed");
  assert_contains (out, "      7  connections removed");
  assert_contains (out, mails_line);
  assert_contains (out, "      1  reservation changes");
  assert_contains (out, "      1  online payments");
  assert_contains (out, "      1  labels");

  /* Not one byte of them is left, in the file or its log. */
  if (sqlite_file)
    count_in_files (fixture, martin_texts, G_N_ELEMENTS (martin_texts), TRUE);

  /* The accounts add up as before. */
  totals_after = accounting_totals (fixture, family_id);
  g_assert_cmpstr (totals_after, ==, totals_before);

  /* The town hall's note keeps what names no one. */
  g_free (rows);
  rows = ef_test_db_query_rows (db_path (fixture), "SELECT label FROM payments WHERE family_id = 1 AND channel = 'cash'");
  g_assert_cmpstr (rows, ==, "Chèque 0012 de Mme ***, ***\n");

  /* The family is there, without names. */
  g_free (rows);
  rows = ef_test_db_query_rows (db_path (fixture),
                                "SELECT f.name, f.reference, f.address_line1, m.role, m.first_name, m.last_name,"
                                "       m.birth_date, m.email, m.caf_number, m.address_line1"
                                "  FROM members m JOIN families f ON f.id = m.family_id"
                                " WHERE f.id = 1 ORDER BY m.position");
  g_assert_cmpstr (rows, ==,
                   "Famille anonymisée|NULL||responsible|Responsable|1|1900-01-01|NULL|NULL|NULL\n"
                   "Famille anonymisée|NULL||child|Enfant|1|1900-01-01|NULL|NULL|NULL\n"
                   "Famille anonymisée|NULL||child|Enfant|2|1900-01-01|NULL|NULL|NULL\n");
  g_free (rows);
  rows = ef_test_db_query_rows (db_path (fixture),
                                "SELECT DISTINCT l.member_name FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id"
                                " WHERE i.family_id = 1 ORDER BY 1");
  g_assert_cmpstr (rows, ==, "Enfant 1\nEnfant 2\n");
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture),
                                         "SELECT (SELECT count(*) FROM accounts WHERE family_id = 1)"
                                         " + (SELECT count(*) FROM member_phones p JOIN members m ON m.id = p.member_id"
                                         "     WHERE m.family_id = 1)"
                                         " + (SELECT count(*) FROM pickup_persons p JOIN members m ON m.id = p.member_id"
                                         "     WHERE m.family_id = 1)"
                                         " + (SELECT count(*) FROM sessions) + (SELECT count(*) FROM connections)"
                                         " + (SELECT count(*) FROM devices)"
                                         " + (SELECT count(*) FROM outbox WHERE recipient NOT LIKE 'mairie-%')"
                                         " + (SELECT count(*) FROM reservation_audit WHERE account_id IS NOT NULL)"
                                         " + (SELECT count(*) FROM payment_operations WHERE mel <> '' OR objet <> '')"
                                         " + (SELECT count(*) FROM payfip_simulator_operations WHERE mel <> '')"),
                              ==, 0);

  /* No one can sign in to it any more, nor stay signed in. */
  login = api (fixture, "POST", "/auth/login", NULL,
               "{\"email\": \"parent@example.fr\", \"password\": \"Billere-Demo-2026\", \"client\": \"x\"}",
               &status);
  g_assert_cmpuint (status, ==, 401);
  gone = api (fixture, "GET", "/family", token, NULL, &status);
  g_assert_cmpuint (status, ==, 401);

  /* The other family is as it was. */
  dupont_after = export_text (fixture, dupont);
  g_assert_cmpstr (dupont_after, ==, dupont_before);

  /* Once more: nothing left to erase, and that is fine. */
  {
    g_autofree char *again = NULL;

    g_assert_cmpint (erase (fixture, family_id, TRUE, &again, NULL), ==, 0);
    assert_contains (again, "      0  accounts removed");
    g_free (totals_after);
    totals_after = accounting_totals (fixture, family_id);
    g_assert_cmpstr (totals_after, ==, totals_before);
  }
}

/* SQLite's lock of the log's checkpointer: byte 120 + 1 of the -shm file
 * (WAL_CKPT_LOCK; the WAL-index's lock bytes begin at 120). */
#define CHECKPOINTER_LOCK_BYTE 121

static gpointer
release_checkpointer_lock (gpointer data)
{
  struct flock unlock = { .l_type = F_UNLCK, .l_whence = SEEK_SET,
                          .l_start = CHECKPOINTER_LOCK_BYTE, .l_len = 1 };

  g_usleep (G_USEC_PER_SEC);
  g_assert_cmpint (fcntl (GPOINTER_TO_INT (data), F_SETLK, &unlock), ==, 0);
  return NULL;
}

/* A running server checkpoints its log on a thread of its own; an erasure
 * that meets it still empties the log, once that checkpoint is over. */
static void
test_erase_while_checkpointing (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *shm = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
                        .l_start = CHECKPOINTER_LOCK_BYTE, .l_len = 1 };
  GStatBuf wal_stat;
  GThread *thread;
  gint64 family_id;
  int status;
  int fd;

  if (ef_test_store_is_postgresql ())
    {
      g_test_skip ("SQLite's write-ahead log");
      return;
    }

  family_id = demo_family (fixture);
  shm = g_strconcat (db_path (fixture), "-shm", NULL);
  wal = g_strconcat (db_path (fixture), "-wal", NULL);
  /* No SQLite handle of this process on the database while the lock is
   * held: closing one would drop the lock (POSIX locks are per process). */
  fd = g_open (shm, O_RDWR, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (fcntl (fd, F_SETLK, &lock), ==, 0);
  thread = g_thread_new ("checkpointer", release_checkpointer_lock, GINT_TO_POINTER (fd));
  status = erase (fixture, family_id, TRUE, &out, &err);
  g_thread_join (thread);
  g_close (fd, NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (err, ==, "");
  assert_contains (out, "Erased:");
  g_assert_cmpint (ef_test_db_query_int (db_path (fixture),
                                         "SELECT count(*) FROM accounts WHERE family_id = 1"), ==, 0);
  g_assert_cmpint (g_stat (wal, &wal_stat), ==, 0);
  g_assert_cmpint (wal_stat.st_size, ==, 0);
}

static void
test_erase_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *token = ef_test_api_login (fixture->session, fixture->server,
                                              fixture->email, fixture->password);
  g_autoptr(JsonNode) invoices = NULL;
  g_autoptr(JsonNode) payment = NULL;
  g_autofree char *body = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 family_id = demo_family (fixture);
  guint status;

  /* An online payment under way: its result would look for the family. */
  invoices = api (fixture, "GET", "/invoices?status=to_pay", token, NULL, &status);
  body = g_strdup_printf ("{\"invoice_ids\": [%" G_GINT64_FORMAT "]}",
                          json_object_get_int_member (json_array_get_object_element (
                            json_object_get_array_member (json_node_get_object (invoices), "invoices"), 0),
                            "id"));
  payment = api (fixture, "POST", "/payments", token, body, &status);
  g_assert_cmpuint (status, ==, 201);

  before = export_text (fixture, family_id);
  g_assert_cmpint (erase (fixture, family_id, TRUE, NULL, &err), ==, EXIT_ERROR);
  assert_contains (err, "payment under way");
  after = export_text (fixture, family_id);
  g_assert_cmpstr (after, ==, before);

  /* Unknown families, and no --family. */
  {
    g_autofree char *err2 = NULL;
    g_autofree char *err3 = NULL;
    const char *argv[] = { "family-erase", "--db", db_path (fixture), "--tenant", "7249", "--yes", NULL };

    g_assert_cmpint (erase (fixture, 999999, TRUE, NULL, &err2), ==, EXIT_USAGE);
    assert_contains (err2, "no family 999999");
    g_assert_cmpint (run (argv, NULL, &err3), ==, EXIT_USAGE);
  }
}

static void
test_help (Fixture       *fixture,
           gconstpointer  data)
{
  static const struct {
    const char *command;
    const char *expect;
  } cases[] = {
    { "family-import", "--csv" },
    { "family-import", "--dry-run" },
    { "family-export", "--email" },
    { "family-export", "--output" },
    { "family-erase", "--yes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[] = { cases[i].command, "--help", NULL };
      g_autofree char *out = NULL;

      g_assert_cmpint (run (argv, &out, NULL), ==, 0);
      assert_contains (out, cases[i].expect);
    }
  {
    const char *argv[] = { "--help", NULL };
    g_autofree char *out = NULL;

    g_assert_cmpint (run (argv, &out, NULL), ==, 0);
    assert_contains (out, "family-export");
    assert_contains (out, "family-erase");
  }
}

/* A remembered device is the family's too, without its token. */
static void
test_export_devices (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 family_id = demo_family (fixture);
  g_autoptr(JsonNode) login = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  JsonArray *devices;
  JsonObject *device;
  guint status;

  login = api (fixture, "POST", "/auth/login", NULL,
               "{\"email\": \"parent@example.fr\", \"password\": \"Billere-Demo-2026\","
               " \"client\": \"un ordinateur\", \"remember\": true}", &status);
  g_assert_cmpuint (status, ==, 200);
  node = export_family (fixture, family_id);
  text = json_to_string (node, FALSE);
  devices = json_object_get_array_member (json_node_get_object (node), "devices");
  g_assert_cmpuint (json_array_get_length (devices), ==, 1);
  device = json_array_get_object_element (devices, 0);
  g_assert_cmpint (json_object_get_int_member (device, "account"), ==,
                   ef_test_db_query_int (db_path (fixture),
                                         "SELECT id FROM accounts WHERE email = 'parent@example.fr'"));
  g_assert_cmpstr (string_at (device, "client"), ==, "un ordinateur");
  g_assert_nonnull (string_at (device, "created_at"));
  g_assert_nonnull (string_at (device, "expires_at"));
  g_assert_true (json_object_get_null_member (device, "spent_at"));
  g_assert_cmpuint (json_object_get_size (device), ==, 5);
  g_assert_null (strstr (text, "token"));
  g_assert_null (strstr (text, json_object_get_string_member (json_node_get_object (login),
                                                               "device_token")));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gdpr/import-csv/created", test_import_csv);
  ADD ("/gdpr/import-csv/refused", test_import_csv_refused);
  ADD ("/gdpr/import-csv/unreadable", test_import_csv_unreadable);
  ADD ("/gdpr/import-json/dry-run", test_import_json_dry_run);
  ADD ("/gdpr/export", test_export);
  ADD ("/gdpr/export-devices", test_export_devices);
  ADD ("/gdpr/erase", test_erase);
  ADD ("/gdpr/erase/refused", test_erase_refused);
  ADD ("/gdpr/erase/while-checkpointing", test_erase_while_checkpointing);
  ADD ("/gdpr/help", test_help);
#undef ADD

  return g_test_run ();
}
