/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-town.c: a town's settings file, as `configure` reads it
 *
 * Not covered: ef_town_file_check_history(), which compares the file with
 * a database (a store); everything before it is.
 */

#define G_LOG_DOMAIN "EfFuzz"

#include "config.h"

#include "ef-town.h"
#include "fuzz-target.h"

static void
check_mistakes (GPtrArray *mistakes)
{
  for (guint i = 0; i < mistakes->len; i++)
    {
      const EfTownMistake *mistake = g_ptr_array_index (mistakes, i);

      g_assert_nonnull (mistake->message);
      g_assert_cmpstr (mistake->message, !=, "");
      /* `configure` prints them, and the file may be in any encoding. */
      g_assert_true (g_utf8_validate (mistake->message, -1, NULL));
    }
}

/* What was accepted is written as a file that reads back the same. */
static void
check_round_trip (const EfTown *town)
{
  g_autoptr (GPtrArray) mistakes = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_town_mistake_free);
  g_autoptr (EfTownFile) again = NULL;
  g_autoptr (GPtrArray) changes = NULL;
  g_autoptr (GPtrArray) from_nothing = NULL;
  g_autofree char *text = ef_town_to_key_file (town, "7249");

  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));

  again = ef_town_file_parse (text, strlen (text), mistakes);
  if (again == NULL)
    {
      for (guint i = 0; i < mistakes->len; i++)
        {
          const EfTownMistake *mistake = g_ptr_array_index (mistakes, i);

          g_test_message ("line %u: %s", mistake->line, mistake->message);
        }
      g_test_message ("%s", text);
    }
  g_assert_nonnull (again);
  g_assert_cmpuint (mistakes->len, ==, 0);

  changes = ef_town_diff (town, ef_town_file_get_town (again));
  g_assert_nonnull (changes);
  for (guint i = 0; i < changes->len; i++)
    g_test_message ("changed: %s", (const char *) g_ptr_array_index (changes, i));
  g_assert_cmpuint (changes->len, ==, 0);

  /* A new tenant: every setting is a change. */
  from_nothing = ef_town_diff (NULL, town);
  g_assert_nonnull (from_nothing);
  for (guint i = 0; i < from_nothing->len; i++)
    g_assert_true (g_utf8_validate (g_ptr_array_index (from_nothing, i), -1, NULL));
}

static void
check_public_url (const char *text)
{
  g_autofree char *url = ef_town_normalize_url (text);
  g_autofree char *again = NULL;

  if (url == NULL)
    return;

  g_assert_true (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"));
  g_assert_false (g_str_has_suffix (url, "/"));
  g_assert_null (strchr (url, '?'));
  g_assert_null (strchr (url, '#'));
  again = ef_town_normalize_url (url);
  g_assert_cmpstr (again, ==, url);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr (GPtrArray) mistakes = g_ptr_array_new_with_free_func ((GDestroyNotify) ef_town_mistake_free);
  g_autoptr (EfTownFile) file = NULL;
  g_autofree char *text = NULL;

  /* With an explicit length: the bytes are not NUL-terminated. */
  file = ef_town_file_parse (size > 0 ? (const char *) data : "", size, mistakes);
  check_mistakes (mistakes);
  if (file == NULL)
    {
      g_assert_cmpuint (mistakes->len, >, 0);
    }
  else
    {
      g_assert_cmpuint (mistakes->len, ==, 0);
      check_round_trip (ef_town_file_get_town (file));
    }

  /* The file's public-url, or the input as one. */
  text = fuzz_strndup (data, size);
  check_public_url (text);
  if (file != NULL && ef_town_file_get_town (file)->public_url != NULL)
    check_public_url (ef_town_file_get_town (file)->public_url);

  return 0;
}
