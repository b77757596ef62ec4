/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-mail-catalog.h: the mails' words in their reader's language */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The language of every tenant's mails, until tenants have a setting. */
#define EF_MAIL_TENANT_LANGUAGE "fr"

/**
 * EfMailCatalog:
 *
 * The messages of one compiled GNU gettext catalogue (.mo), read without
 * setlocale(): a server writes mails in its tenants' language, whatever
 * locales the machine has installed and whatever its own locale is.
 */
typedef struct _EfMailCatalog EfMailCatalog;

EfMailCatalog *ef_mail_catalog_new_from_bytes (GBytes         *bytes,
                                               GError        **error);
EfMailCatalog *ef_mail_catalog_new_from_file  (const char     *path,
                                               GError        **error);
void           ef_mail_catalog_free           (EfMailCatalog  *catalog);
/* The translation of @msgid in @context (NULL: none), or NULL when the
 * catalogue has none. Valid as long as @catalog. */
const char    *ef_mail_catalog_lookup         (EfMailCatalog  *catalog,
                                               const char     *context,
                                               const char     *msgid);

const char    *ef_mail_gettext                (const char     *lang,
                                               const char     *context,
                                               const char     *msgid) G_GNUC_FORMAT (3);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfMailCatalog, ef_mail_catalog_free)

G_END_DECLS
