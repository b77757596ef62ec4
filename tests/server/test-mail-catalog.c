/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-mail-catalog.c: reading .mo catalogues for the mails, without locales */

#include "config.h"

#include <string.h>

#include "mail/ef-mail-catalog.h"

static EfMailCatalog *
load_test_catalog (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "server", "test-mail-catalog.mo", NULL);
  g_autoptr(GError) error = NULL;
  EfMailCatalog *catalog;

  catalog = ef_mail_catalog_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  return catalog;
}

static void
test_lookup (void)
{
  g_autoptr(EfMailCatalog) catalog = load_test_catalog ();

  g_assert_cmpstr (ef_mail_catalog_lookup (catalog, NULL, "Hello,"), ==, "Bonjour,");
  g_assert_cmpstr (ef_mail_catalog_lookup (catalog, "mail", "Hello,"), ==, "Bonjour à vous,");
  g_assert_cmpstr (ef_mail_catalog_lookup (catalog, "mail", "%s: your reservations are recorded"),
                   ==, "%s : vos réservations sont enregistrées");
  /* A plural message answers its singular msgid with its first form. */
  g_assert_cmpstr (ef_mail_catalog_lookup (catalog, "mail", "Day reserved"), ==, "Jour réservé");

  g_assert_null (ef_mail_catalog_lookup (catalog, "mail", "Not translated"));
  g_assert_null (ef_mail_catalog_lookup (catalog, "other", "Hello,"));
  g_assert_null (ef_mail_catalog_lookup (catalog, NULL, "Unknown"));
  /* The header (empty msgid) is not a message. */
  g_assert_null (ef_mail_catalog_lookup (catalog, NULL, ""));
}

/* Every truncation and a few corruptions of a valid file are refused,
 * never read out of bounds. */
static void
test_invalid (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "server", "test-mail-catalog.mo", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  g_assert_true (g_file_get_contents (path, &data, &size, &error));
  g_assert_no_error (error);

  for (gsize length = 0; length < size; length++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (data, length);
      g_autoptr(EfMailCatalog) catalog = NULL;
      g_autoptr(GError) local_error = NULL;

      catalog = ef_mail_catalog_new_from_bytes (bytes, &local_error);
      if (catalog == NULL)
        g_assert_error (local_error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
    }

  for (gsize offset = 0; offset < MIN (size, 64); offset++)
    {
      g_autofree char *copy = g_memdup2 (data, size);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(EfMailCatalog) catalog = NULL;
      g_autoptr(GError) local_error = NULL;

      copy[offset] = (char) 0xff;
      bytes = g_bytes_new (copy, size);
      catalog = ef_mail_catalog_new_from_bytes (bytes, &local_error);
      if (catalog == NULL)
        g_assert_error (local_error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
    }

  {
    g_autoptr(GBytes) bytes = g_bytes_new_static ("not a catalogue at all", 22);
    g_autoptr(EfMailCatalog) catalog = ef_mail_catalog_new_from_bytes (bytes, &error);

    g_assert_null (catalog);
    g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  }
}

/* ef_mail_gettext() reads the catalogues the build compiles from po/
 * (ESPACE_FAMILLE_LOCALEDIR), whatever the process's locale (C.UTF-8). */
static void
test_gettext (void)
{
  const char *msgid = "%s: your reservations are recorded";

  /* French typography: a no-break space before the colon. */
  g_assert_cmpstr (ef_mail_gettext ("fr", "mail", msgid), ==, "%s\u00A0: vos réservations sont enregistrées");
  g_assert_cmpstr (ef_mail_gettext ("fr", "mail", "January"), ==, "janvier");
  /* English, and languages without a catalogue, answer the English. */
  g_assert_true (ef_mail_gettext ("en", "mail", msgid) == msgid);
  g_test_expect_message ("EfServer", G_LOG_LEVEL_WARNING, "Mails in “xx” are written in English*");
  g_assert_true (ef_mail_gettext ("xx", "mail", msgid) == msgid);
  g_test_assert_expected_messages ();
  /* Unknown messages too. */
  g_assert_cmpstr (ef_mail_gettext ("fr", "mail", "No such message"), ==, "No such message");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mail-catalog/lookup", test_lookup);
  g_test_add_func ("/mail-catalog/invalid", test_invalid);
  g_test_add_func ("/mail-catalog/gettext", test_gettext);

  return g_test_run ();
}
