/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-member-editor.h: a dialog to change a member's contact details */

#pragma once

#include <adwaita.h>

#include "api/ef-client.h"

G_BEGIN_DECLS

#define EF_TYPE_MEMBER_EDITOR (ef_member_editor_get_type ())
G_DECLARE_FINAL_TYPE (EfMemberEditor, ef_member_editor, EF, MEMBER_EDITOR, AdwWindow)

EfMemberEditor *ef_member_editor_new             (EfClient       *client,
                                                  EfMember       *member);
/* For tests: the entry row of a field as the portal names it ("email",
 * "phones[0].number", "pickup_persons[1].name"), and its inline message. */
AdwEntryRow    *ef_member_editor_get_field_row   (EfMemberEditor *self,
                                                  const char     *field);
const char     *ef_member_editor_get_field_error (EfMemberEditor *self,
                                                  const char     *field);
void            ef_member_editor_add_pickup_person (EfMemberEditor *self);
void            ef_member_editor_save            (EfMemberEditor *self);
gboolean        ef_member_editor_get_busy        (EfMemberEditor *self);

G_END_DECLS
