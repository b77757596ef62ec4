/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-staff-family-summary.h: a family found by the town hall's search */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"

G_BEGIN_DECLS

#define EF_TYPE_STAFF_FAMILY_SUMMARY (ef_staff_family_summary_get_type ())
G_DECLARE_FINAL_TYPE (EfStaffFamilySummary, ef_staff_family_summary, EF, STAFF_FAMILY_SUMMARY, GObject)

gint64      ef_staff_family_summary_get_id        (EfStaffFamilySummary *self);
const char *ef_staff_family_summary_get_name      (EfStaffFamilySummary *self);
const char *ef_staff_family_summary_get_reference (EfStaffFamilySummary *self);
const char *ef_staff_family_summary_get_children  (EfStaffFamilySummary *self);
const char *ef_staff_family_summary_get_email     (EfStaffFamilySummary *self);

G_END_DECLS
