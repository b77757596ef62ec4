/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-member-patch.h: the contact fields of a member to change */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ef-address.h"

G_BEGIN_DECLS

#define EF_TYPE_MEMBER_PATCH (ef_member_patch_get_type ())

typedef struct _EfMemberPatch EfMemberPatch;

GType          ef_member_patch_get_type           (void) G_GNUC_CONST;
EfMemberPatch *ef_member_patch_new                (void);
EfMemberPatch *ef_member_patch_ref                (EfMemberPatch *self);
void           ef_member_patch_unref              (EfMemberPatch *self);

void           ef_member_patch_set_address        (EfMemberPatch *self,
                                                   EfAddress     *address);
void           ef_member_patch_set_email          (EfMemberPatch *self,
                                                   const char    *email);
void           ef_member_patch_set_caf_number     (EfMemberPatch *self,
                                                   const char    *caf_number);
void           ef_member_patch_set_phones         (EfMemberPatch *self,
                                                   GListModel    *phones);
void           ef_member_patch_set_pickup_persons (EfMemberPatch *self,
                                                   GListModel    *pickup_persons);
gboolean       ef_member_patch_is_empty           (EfMemberPatch *self);
JsonNode      *ef_member_patch_to_json            (EfMemberPatch *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfMemberPatch, ef_member_patch_unref)

G_END_DECLS
