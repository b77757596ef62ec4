/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-replay-main.c: runs a fuzz target on its seed corpus and on mutants
 * of it, without libFuzzer: a short, deterministic fuzz run for meson test */

#define G_LOG_DOMAIN "EfFuzz"

#include "config.h"

#include "fuzz-target.h"

/* FUZZ_TARGET ("json"), FUZZ_CORPUS_DIR, FUZZ_N_MUTANTS and
 * FUZZ_N_PREFIXES come from meson.build: each program stays well under 5 s. */

#define MAX_MUTANT_SIZE (64 * 1024)

/* Bytes and words that parsers treat specially. */
static const char * const dictionary[] = {
  "\"", "\\", "{", "}", "[", "]", ":", ",", ";", "\n", "\r\n", " ", "-", "+", ".",
  "T", "Z", "0", "9", "null", "true", "false", "-0", "1e400", "-1e400",
  "9223372036854775807", "9223372036854775808", "-9223372036854775809",
  "18446744073709551616", "\\u0000", "\\ud800", "\xEF\xBB\xBF", "\xC3\xA9", "\xC3",
  "\xFF", "\xF4\x90\x80\x80", "2026-02-29", "9999-12-31", "0000-00-00",
  "T23:59:60Z", "+14:00", "-12:00", "+99:99", "Zone A", "Zone C", "Pont",
  "Enseignants", "\"fields\":", "\"description\":", "\"start_date\":",
  "\"end_date\":", "\"zones\":", "\"annee_scolaire\":", "\"population\":",
  "\"deadline_policy\":", "\"services\":", "\"counted_weekdays\":", "\"error\":",
  /* The client's readers, the portal address, the server's files and routes. */
  "\"members\":", "\"token\":", "\"invoices\":", "\"amount_cents\":", "\"days\":",
  "https://", "http://127.0.0.1:8080/", "[::1]", "@", "%", "%00", "%FF", "%2F", "/..", "?",
  "&", "=", "token=", "[tenant]\n", "[activity x]\n", "price = ", "weekdays = ",
  "school-years = ", "responsable", "enfant", "famille;", "GET family\n", "POST staff\n",
  "members/", "staff/families/", "invoices/", "/9999999999999999999",
};

typedef struct {
  char  *name;
  GBytes *bytes;
} Seed;

static GPtrArray *seeds;   /* of Seed, sorted by name */

static void
seed_free (gpointer data)
{
  Seed *seed = data;

  g_free (seed->name);
  g_bytes_unref (seed->bytes);
  g_free (seed);
}

static int
compare_seeds (gconstpointer a,
               gconstpointer b)
{
  const Seed *sa = *(const Seed * const *) a;
  const Seed *sb = *(const Seed * const *) b;

  return strcmp (sa->name, sb->name);
}

/* Each input gets a buffer of its exact size, so that a sanitizer sees a
 * read past its end. */
static void
run_input (const guint8 *data,
           gsize         size)
{
  g_autofree guint8 *copy = g_memdup2 (data, size);

  LLVMFuzzerTestOneInput (size > 0 ? copy : (const guint8 *) "", size);
}

static void
load_file (const char *path,
           const char *name)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;
  Seed *seed;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s: %s", path, error->message);

  seed = g_new0 (Seed, 1);
  seed->name = g_strdup (name);
  seed->bytes = g_bytes_new_take (contents, length);
  g_ptr_array_add (seeds, seed);
}

static void
load_corpus (const char *directory)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (directory, 0, &error);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);

      if (name[0] != '.' && g_file_test (path, G_FILE_TEST_IS_REGULAR))
        load_file (path, name);
    }
  g_ptr_array_sort (seeds, compare_seeds);
}

static const Seed *
pick_seed (GRand *rand)
{
  return g_ptr_array_index (seeds, g_rand_int_range (rand, 0, seeds->len));
}

/* One mutation of @buffer, in place. */
static void
mutate (GByteArray *buffer,
        GRand      *rand)
{
  guint len = buffer->len;

  switch (g_rand_int_range (rand, 0, 9))
    {
    case 0: /* flip a bit */
      if (len > 0)
        buffer->data[g_rand_int_range (rand, 0, len)] ^= 1u << g_rand_int_range (rand, 0, 8);
      break;

    case 1: /* set a byte to anything */
      if (len > 0)
        buffer->data[g_rand_int_range (rand, 0, len)] = (guint8) g_rand_int_range (rand, 0, 256);
      break;

    case 2: /* truncate */
      if (len > 0)
        g_byte_array_set_size (buffer, g_rand_int_range (rand, 0, len));
      break;

    case 3: /* remove a run */
      if (len > 0)
        {
          guint start = g_rand_int_range (rand, 0, len);
          guint n = g_rand_int_range (rand, 1, MIN (len - start, 64u) + 1);

          g_byte_array_remove_range (buffer, start, n);
        }
      break;

    case 4: /* duplicate a run */
      if (len > 0 && len < MAX_MUTANT_SIZE / 2)
        {
          guint start = g_rand_int_range (rand, 0, len);
          guint n = g_rand_int_range (rand, 1, MIN (len - start, 256u) + 1);
          g_autofree guint8 *run = g_memdup2 (buffer->data + start, n);

          g_byte_array_set_size (buffer, len + n);
          memmove (buffer->data + start + n, buffer->data + start, len - start);
          memcpy (buffer->data + start, run, n);
        }
      break;

    case 5: /* splice: the head of this one, the tail of another seed */
      {
        const Seed *other = pick_seed (rand);
        gsize other_len;
        const guint8 *other_data = g_bytes_get_data (other->bytes, &other_len);
        guint cut = len > 0 ? (guint) g_rand_int_range (rand, 0, len + 1) : 0;
        guint from = other_len > 0 ? (guint) g_rand_int_range (rand, 0, other_len + 1) : 0;

        g_byte_array_set_size (buffer, cut);
        g_byte_array_append (buffer, other_data + from, other_len - from);
      }
      break;

    case 6: /* insert a word of the dictionary */
    case 7:
      {
        const char *word = dictionary[g_rand_int_range (rand, 0, G_N_ELEMENTS (dictionary))];
        guint at = g_rand_int_range (rand, 0, len + 1);
        guint n = strlen (word);

        g_byte_array_set_size (buffer, len + n);
        memmove (buffer->data + at + n, buffer->data + at, len - at);
        memcpy (buffer->data + at, word, n);
      }
      break;

    default: /* replace a digit by another: dates and numbers at their edges */
      for (guint tries = 0; tries < 16 && len > 0; tries++)
        {
          guint at = g_rand_int_range (rand, 0, len);

          if (g_ascii_isdigit (buffer->data[at]))
            {
              buffer->data[at] = (guint8) ('0' + g_rand_int_range (rand, 0, 10));
              break;
            }
        }
      break;
    }

  if (buffer->len > MAX_MUTANT_SIZE)
    g_byte_array_set_size (buffer, MAX_MUTANT_SIZE);
}

static void
test_seed (gconstpointer data)
{
  const Seed *seed = data;
  gsize size;
  const guint8 *bytes = g_bytes_get_data (seed->bytes, &size);

  run_input (bytes, size);
  /* Prefixes, spread over the seed: truncated input is the commonest kind. */
  for (gsize n = 0; n < size; n += MAX (size / FUZZ_N_PREFIXES, 1))
    run_input (bytes, n);
}

static void
test_mutants (void)
{
  g_autoptr (GRand) rand = NULL;
  g_autoptr (GByteArray) buffer = g_byte_array_new ();

  g_assert_cmpuint (seeds->len, >, 0);

  /* A fixed seed: the same mutants on every run and every machine. */
  rand = g_rand_new_with_seed (0x45464655 ^ g_str_hash (FUZZ_TARGET));

  for (guint i = 0; i < FUZZ_N_MUTANTS; i++)
    {
      const Seed *seed = pick_seed (rand);
      gsize size;
      const guint8 *bytes = g_bytes_get_data (seed->bytes, &size);
      guint n_mutations = g_rand_int_range (rand, 1, 6);

      g_byte_array_set_size (buffer, 0);
      g_byte_array_append (buffer, bytes, size);
      for (guint m = 0; m < n_mutations; m++)
        mutate (buffer, rand);

      if (g_test_verbose ())
        g_test_message ("mutant %u of %s, %u bytes", i, seed->name, buffer->len);
      run_input (buffer->data, buffer->len);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  seeds = g_ptr_array_new_with_free_func (seed_free);

  /* Files given on the command line are replayed instead of the corpus:
   * that is how a crash found by libFuzzer is checked with this build. */
  if (argc > 1)
    {
      for (int i = 1; i < argc; i++)
        {
          g_autofree char *name = g_path_get_basename (argv[i]);

          load_file (argv[i], name);
        }
    }
  else
    {
      load_corpus (FUZZ_CORPUS_DIR);
    }

  for (guint i = 0; i < seeds->len; i++)
    {
      const Seed *seed = g_ptr_array_index (seeds, i);
      g_autofree char *path = g_strdup_printf ("/fuzz/%s/seed/%s", FUZZ_TARGET, seed->name);

      g_test_add_data_func (path, seed, test_seed);
    }
  if (argc == 1)
    {
      g_autofree char *path = g_strdup_printf ("/fuzz/%s/mutants", FUZZ_TARGET);

      g_test_add_func (path, test_mutants);
    }

  status = g_test_run ();
  g_clear_pointer (&seeds, g_ptr_array_unref);

  return status;
}
