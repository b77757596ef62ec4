/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-enrolment.h: an enrolment (inscription) of a member in an activity */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"

G_BEGIN_DECLS

#define EF_TYPE_ENROLMENT (ef_enrolment_get_type ())
G_DECLARE_FINAL_TYPE (EfEnrolment, ef_enrolment, EF, ENROLMENT, GObject)

gint64      ef_enrolment_get_id            (EfEnrolment *self);
gint64      ef_enrolment_get_member_id     (EfEnrolment *self);
const char *ef_enrolment_get_activity      (EfEnrolment *self);
const char *ef_enrolment_get_activity_name (EfEnrolment *self);
const char *ef_enrolment_get_service       (EfEnrolment *self);
const char *ef_enrolment_get_site          (EfEnrolment *self);
EfDay       ef_enrolment_get_first_day     (EfEnrolment *self);
EfDay       ef_enrolment_get_last_day      (EfEnrolment *self);

G_END_DECLS
