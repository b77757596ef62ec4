/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-log.h: the server's log lines, for journald or standard error */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Fields of the server's structured log entries, as journalctl shows them
 * (journalctl -u espace-famille-server EF_STATUS=500). */
#define EF_LOG_FIELD_PREFIX "EF_"

/* Installs the server's log writer (once, before serving): to journald
 * when standard error is the journal, with every field; otherwise one line
 * on standard error, the message followed by its EF_… fields as
 * KEY=VALUE. The requests' lines (INFO) are always written; debug messages
 * only as G_MESSAGES_DEBUG asks, as GLib's default writer does. */
void ef_log_install_writer (void);

/* For the tests: a line of the writer as GLib would format it, but with the
 * time of day formatted once a second (NULL: GLib formats that one). */
char     *_ef_log_format_fields     (GLogLevelFlags   log_level,
                                     const GLogField *fields,
                                     gsize            n_fields,
                                     gint64           now_us);
gboolean  _ef_log_messages_prefixed (void);

G_END_DECLS
