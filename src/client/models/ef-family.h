/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-family.h: the family (foyer) of the signed-in account */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"
#include "ef-member.h"

G_BEGIN_DECLS

#define EF_TYPE_FAMILY (ef_family_get_type ())
G_DECLARE_FINAL_TYPE (EfFamily, ef_family, EF, FAMILY, GObject)

gint64      ef_family_get_id      (EfFamily *self);
const char *ef_family_get_name    (EfFamily *self);
EfAddress  *ef_family_get_address (EfFamily *self);
GListModel *ef_family_get_members (EfFamily *self);
EfMember   *ef_family_find_member (EfFamily *self,
                                   gint64    member_id);

G_END_DECLS
