/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-i18n.h: gettext set-up shared by both programs */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Sets the locale from the environment and binds the text domain to
 * LOCALEDIR, or to $ESPACE_FAMILLE_LOCALEDIR when set (running from the
 * build tree, as `meson devenv` does). Programs then call textdomain(). */
void ef_i18n_init (void);

G_END_DECLS
