/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-family.h: a family as the town hall sees it */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"
#include "ef-family.h"

G_BEGIN_DECLS

#define EF_TYPE_STAFF_FAMILY (ef_staff_family_get_type ())
G_DECLARE_FINAL_TYPE (EfStaffFamily, ef_staff_family, EF, STAFF_FAMILY, GObject)

EfFamily   *ef_staff_family_get_family     (EfStaffFamily *self);
GListModel *ef_staff_family_get_enrolments (EfStaffFamily *self);
GListModel *ef_staff_family_get_invoices   (EfStaffFamily *self);
EfCents     ef_staff_family_get_total_due  (EfStaffFamily *self);

G_END_DECLS
