/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-phone.h: one of a member's phone numbers */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"

G_BEGIN_DECLS

#define EF_TYPE_PHONE (ef_phone_get_type ())
G_DECLARE_FINAL_TYPE (EfPhone, ef_phone, EF, PHONE, GObject)

EfPhone     *ef_phone_new        (EfPhoneKind  kind,
                                  const char  *number);
EfPhoneKind  ef_phone_get_kind   (EfPhone *self);
const char  *ef_phone_get_number (EfPhone *self);

G_END_DECLS
