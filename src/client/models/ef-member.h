/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-member.h: a member of the family (foyer) */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"
#include "ef-address.h"
#include "ef-phone.h"
#include "ef-pickup-person.h"

G_BEGIN_DECLS

#define EF_TYPE_MEMBER (ef_member_get_type ())
G_DECLARE_FINAL_TYPE (EfMember, ef_member, EF, MEMBER, GObject)

gint64        ef_member_get_id             (EfMember *self);
EfMemberRole  ef_member_get_role           (EfMember *self);
const char   *ef_member_get_first_name     (EfMember *self);
const char   *ef_member_get_last_name      (EfMember *self);
EfDay         ef_member_get_birth_date     (EfMember *self);
EfAddress    *ef_member_get_address        (EfMember *self);
GListModel   *ef_member_get_phones         (EfMember *self);
const char   *ef_member_get_email          (EfMember *self);
const char   *ef_member_get_caf_number     (EfMember *self);
GListModel   *ef_member_get_pickup_persons (EfMember *self);
char         *ef_member_dup_full_name      (EfMember *self);
gboolean      ef_member_is_child           (EfMember *self);

G_END_DECLS
