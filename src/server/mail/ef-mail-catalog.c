/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-mail-catalog.c: the mails' words in their reader's language
 *
 * The server's own locale is the administrator's, and the locale of the
 * tenant's language may not even be installed: switching locales with
 * uselocale() around dgettext() would fail there silently. The compiled
 * catalogue that the programs bind is read directly instead. The GNU .mo
 * format: a header (magic, revision, N, offset of the N originals, offset
 * of the N translations), then two tables of (length, offset) pairs; a
 * message with a context is "context\004msgid".
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include <string.h>

#include "ef-mail-catalog.h"

#define MO_MAGIC         0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u
#define MO_HEADER_SIZE   20

struct _EfMailCatalog
{
  GBytes     *bytes;
  GHashTable *messages;   /* "context\004msgid" or msgid → translation, in @bytes */
};

static GMutex catalogs_lock;
static GHashTable *catalogs;   /* language → EfMailCatalog, or NULL when none */

static guint32
read_u32 (const guchar *data,
          gboolean      swapped)
{
  guint32 value;

  memcpy (&value, data, sizeof value);
  return swapped ? GUINT32_SWAP_LE_BE (value) : value;
}

/* The NUL-terminated string of the (length, offset) pair at @entry. */
static const char *
read_string (const guchar *data,
             gsize         size,
             gsize         entry,
             gboolean      swapped)
{
  guint64 length, offset;

  if (entry > size || size - entry < 8)
    return NULL;
  length = read_u32 (data + entry, swapped);
  offset = read_u32 (data + entry + 4, swapped);
  if (offset + length >= size || data[offset + length] != '\0')
    return NULL;
  return (const char *) data + offset;
}

static char *
catalog_path (const char *lang)
{
  const char *localedir = g_getenv ("ESPACE_FAMILLE_LOCALEDIR");

  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;
  return g_build_filename (localedir, lang, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
}

/* Loaded once per language; a missing or broken one is remembered too. */
static EfMailCatalog *
catalog_for_language (const char *lang)
{
  EfMailCatalog *catalog;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&catalogs_lock);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (catalogs == NULL)
    catalogs = g_hash_table_new (g_str_hash, g_str_equal);
  if (g_hash_table_lookup_extended (catalogs, lang, NULL, (gpointer *) &catalog))
    return catalog;

  path = catalog_path (lang);
  catalog = ef_mail_catalog_new_from_file (path, &error);
  if (catalog == NULL)
    g_warning ("Mails in “%s” are written in English: %s", lang, error->message);
  g_hash_table_insert (catalogs, g_strdup (lang), catalog);
  return catalog;
}

EfMailCatalog *
ef_mail_catalog_new_from_bytes (GBytes  *bytes,
                                GError **error)
{
  g_autoptr(EfMailCatalog) catalog = NULL;
  const guchar *data;
  gsize size;
  guint32 magic, n, originals, translations;
  gboolean swapped;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size < MO_HEADER_SIZE)
    goto invalid;
  memcpy (&magic, data, sizeof magic);
  if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
    goto invalid;
  swapped = magic == MO_MAGIC_SWAPPED;
  /* Major revisions other than 0 are not the format described above. */
  if (read_u32 (data + 4, swapped) >> 16 != 0)
    goto invalid;
  n = read_u32 (data + 8, swapped);
  originals = read_u32 (data + 12, swapped);
  translations = read_u32 (data + 16, swapped);
  if ((guint64) originals + (guint64) n * 8 > size ||
      (guint64) translations + (guint64) n * 8 > size)
    goto invalid;

  catalog = g_new0 (EfMailCatalog, 1);
  catalog->bytes = g_bytes_ref (bytes);
  catalog->messages = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint32 i = 0; i < n; i++)
    {
      const char *original = read_string (data, size, originals + (gsize) i * 8, swapped);
      const char *translation = read_string (data, size, translations + (gsize) i * 8, swapped);

      if (original == NULL || translation == NULL)
        goto invalid;
      /* The header, and messages left untranslated. */
      if (*original == '\0' || *translation == '\0')
        continue;
      g_hash_table_insert (catalog->messages, (gpointer) original, (gpointer) translation);
    }
  return g_steal_pointer (&catalog);

invalid:
  g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "not a valid compiled message catalogue (.mo)");
  return NULL;
}

EfMailCatalog *
ef_mail_catalog_new_from_file (const char  *path,
                               GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  EfMailCatalog *catalog;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return NULL;
  bytes = g_mapped_file_get_bytes (file);
  catalog = ef_mail_catalog_new_from_bytes (bytes, &local_error);
  if (catalog == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s", display, local_error->message);
    }
  return catalog;
}

void
ef_mail_catalog_free (EfMailCatalog *catalog)
{
  if (catalog == NULL)
    return;
  g_clear_pointer (&catalog->messages, g_hash_table_unref);
  g_clear_pointer (&catalog->bytes, g_bytes_unref);
  g_free (catalog);
}

const char *
ef_mail_catalog_lookup (EfMailCatalog *catalog,
                        const char    *context,
                        const char    *msgid)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (catalog != NULL, NULL);
  g_return_val_if_fail (msgid != NULL, NULL);

  if (context == NULL)
    return g_hash_table_lookup (catalog->messages, msgid);
  key = g_strconcat (context, "\004", msgid, NULL);
  return g_hash_table_lookup (catalog->messages, key);
}

/**
 * ef_mail_gettext:
 * @lang: a language of the installed catalogues ("fr")
 * @context: the message's context, as given to NC_()
 * @msgid: the English message, marked with NC_()
 *
 * Catalogues come from $ESPACE_FAMILLE_LOCALEDIR when set, LOCALEDIR
 * otherwise, like the programs' own translations; each is read once.
 *
 * Returns: the translation of @msgid into @lang, or @msgid itself when
 *   there is none
 */
const char *
ef_mail_gettext (const char *lang,
                 const char *context,
                 const char *msgid)
{
  EfMailCatalog *catalog;
  const char *translation;

  g_return_val_if_fail (msgid != NULL, NULL);

  if (lang == NULL || *lang == '\0' || g_str_equal (lang, "C") || g_str_equal (lang, "en"))
    return msgid;

  catalog = catalog_for_language (lang);
  translation = catalog != NULL ? ef_mail_catalog_lookup (catalog, context, msgid) : NULL;
  return translation != NULL ? translation : msgid;
}
