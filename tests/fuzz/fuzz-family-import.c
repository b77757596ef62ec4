/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-family-import.c: `family-import`'s files: the town hall's register
 * in CSV, and one family in JSON
 *
 * Not covered: the writing into the database (ef_store_save_family()) that
 * follows; what the database holds is given as EfFamilyCsvKnown.
 */

#define G_LOG_DOMAIN "EfFuzz"

#include "config.h"

#include "ef-common.h"
#include "family/ef-family.h"
#include "family/ef-family-csv.h"
#include "fuzz-target.h"

static void
check_family (const EfFamily *family)
{
  g_assert_nonnull (family);
  g_assert_nonnull (family->name);
  g_assert_true (g_utf8_validate (family->name, -1, NULL));
  g_assert_nonnull (family->members);
  g_assert_cmpuint (family->members->len, >, 0);

  for (guint i = 0; i < family->members->len; i++)
    {
      const EfMember *member = g_ptr_array_index (family->members, i);

      g_assert_nonnull (member->first_name);
      g_assert_nonnull (member->last_name);
      g_assert_true (g_utf8_validate (member->first_name, -1, NULL));
      g_assert_true (g_utf8_validate (member->last_name, -1, NULL));
      if (member->birth_date != NULL)
        g_assert_true (ef_day_is_valid (ef_day_parse_iso (member->birth_date, NULL)));
      if (member->email != NULL)
        g_assert_true (ef_email_is_valid (member->email));
    }
}

static void
exercise_csv (const char             *data,
              gsize                   size,
              EfDay                   today,
              const EfFamilyCsvKnown *known)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EfFamilyCsv) csv = ef_family_csv_read (data, size, today, known, &error);
  guint n_members = 0;
  guint last_line = 0;

  if (csv == NULL)
    {
      g_assert_error (error, EF_API_ERROR, EF_API_ERROR_INVALID_CONFIG);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }
  g_assert_no_error (error);

  for (guint i = 0; i < csv->families->len; i++)
    {
      const EfFamily *family = g_ptr_array_index (csv->families, i);

      check_family (family);
      n_members += family->members->len;
    }
  g_assert_cmpuint (csv->n_members, ==, n_members);
  g_assert_cmpuint (csv->n_members, <=, csv->n_rows);

  for (guint i = 0; i < csv->problems->len; i++)
    {
      const EfImportProblem *problem = g_ptr_array_index (csv->problems, i);

      g_assert_cmpuint (problem->line, >=, last_line);
      g_assert_cmpuint (problem->line, >, 0);
      last_line = problem->line;
      g_assert_nonnull (problem->message);
      g_assert_true (g_utf8_validate (problem->message, -1, NULL));
      if (problem->column != NULL)
        g_assert_true (g_utf8_validate (problem->column, -1, NULL));
    }
}

static void
exercise_json (const char *data,
               gsize       size,
               EfDay       today)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) object = ef_json_parse_object (data, size, &error);
  g_autoptr (JsonArray) details = NULL;
  g_autoptr (EfFamily) family = NULL;
  g_autoptr (JsonNode) shown = NULL;

  if (object == NULL)
    return;

  details = json_array_new ();
  family = ef_family_from_json (object, today, details);
  if (family == NULL)
    {
      /* Each problem is {"field", "code"}. */
      g_assert_cmpuint (json_array_get_length (details), >, 0);
      for (guint i = 0; i < json_array_get_length (details); i++)
        g_assert_true (JSON_NODE_HOLDS_OBJECT (json_array_get_element (details, i)));
      return;
    }

  g_assert_cmpuint (json_array_get_length (details), ==, 0);
  check_family (family);
  shown = ef_family_to_json (family);
  g_assert_nonnull (shown);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *bytes = size > 0 ? (const char *) data : "";
  /* A fixed day: no test depends on the machine's date. */
  EfDay today = ef_day_new (2026, 11, 16);
  g_autoptr (GHashTable) references = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) emails = g_hash_table_new (g_str_hash, g_str_equal);
  EfFamilyCsvKnown known = { references, emails, FALSE };

  g_hash_table_add (references, (gpointer) "demo-martin");
  g_hash_table_add (references, (gpointer) "F0001");
  g_hash_table_insert (emails, (gpointer) "parent@example.fr", (gpointer) "demo-martin");
  g_hash_table_insert (emails, (gpointer) "sans.famille@example.fr", (gpointer) "");

  /* With an explicit length: the bytes are not NUL-terminated. */
  exercise_csv (bytes, size, today, NULL);
  exercise_csv (bytes, size, today, &known);
  known.replace = TRUE;
  exercise_csv (bytes, size, today, &known);

  exercise_json (bytes, size, today);

  return 0;
}
