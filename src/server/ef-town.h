/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-town.h: a town's settings file (GKeyFile format): read and checked
 * with the line of every mistake, written back, compared
 *
 * The format is documented in docs/town-settings.md.
 */

#pragma once

#include <glib.h>

#include "store/ef-store-town.h"

G_BEGIN_DECLS

/**
 * EfTownMistake:
 * @line: the line of the file at fault, counting from 1; 0 for the file
 *   as a whole
 * @message: a translated sentence
 */
typedef struct {
  guint  line;
  char  *message;
} EfTownMistake;

void        ef_town_mistake_free     (EfTownMistake *mistake);

typedef struct _EfTownFile EfTownFile;

/* Reads and checks @text: every mistake found (not only the first) is
 * added to @mistakes (of EfTownMistake, by line). Returns NULL when there
 * is one. */
EfTownFile *ef_town_file_parse       (const char     *text,
                                      gsize           length,
                                      GPtrArray      *mistakes);
void        ef_town_file_free        (EfTownFile     *file);
/* (transfer none): what the file says. */
const EfTown *ef_town_file_get_town  (EfTownFile     *file);
/* (transfer full): the same, taken from @file, which can be freed. */
EfTown     *ef_town_file_steal_town  (EfTownFile     *file);

/* What the file may not do to what @store holds of @tenant_id now
 * (@current, NULL for a new tenant): remove an activity or a service that
 * has a history, move an invoiced activity to another service, change a
 * price in a month already billed. Adds to @mistakes; FALSE with @error
 * only when the database cannot be read. */
gboolean    ef_town_file_check_history (EfTownFile   *file,
                                        EfStore      *store,
                                        const char   *tenant_id,
                                        const EfTown *current,
                                        GPtrArray    *mistakes,
                                        GError      **error);

/* The settings file of @town, with comments: ef_town_file_parse() reads it
 * back to the same settings. */
char       *ef_town_to_key_file      (const EfTown   *town,
                                      const char     *tenant_id);

/* What changes from @current (NULL: nothing yet) to @wanted, one
 * translated line each ("[activity x] price-from-2027-01-01: … → …"); empty
 * when nothing does. */
GPtrArray  *ef_town_diff             (const EfTown   *current,
                                      const EfTown   *wanted);

/* "https://host/path" without a trailing slash: a portal's public
 * address; NULL when @text is not an http:// or https:// address of a
 * host, without user, query or fragment. */
char         *ef_town_normalize_url (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfTownMistake, ef_town_mistake_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfTownFile, ef_town_file_free)

G_END_DECLS
