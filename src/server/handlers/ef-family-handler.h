/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-family-handler.h: the caller's family and its members' contact fields */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* GET /{tenant}/api/v1/family */
void ef_family_handler_get          (SoupServerMessage *msg,
                                     GHashTable        *params,
                                     gpointer           user_data);
/* PATCH /{tenant}/api/v1/members/{id} */
void ef_family_handler_patch_member (SoupServerMessage *msg,
                                     GHashTable        *params,
                                     gpointer           user_data);

G_END_DECLS
