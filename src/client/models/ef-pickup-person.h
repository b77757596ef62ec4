/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-pickup-person.h: a person allowed to pick a child up */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"

G_BEGIN_DECLS

#define EF_TYPE_PICKUP_PERSON (ef_pickup_person_get_type ())
G_DECLARE_FINAL_TYPE (EfPickupPerson, ef_pickup_person, EF, PICKUP_PERSON, GObject)

EfPickupPerson *ef_pickup_person_new          (gint64      id,
                                               const char *name,
                                               const char *phone,
                                               const char *relation);
gint64          ef_pickup_person_get_id       (EfPickupPerson *self);
const char     *ef_pickup_person_get_name     (EfPickupPerson *self);
const char     *ef_pickup_person_get_phone    (EfPickupPerson *self);
const char     *ef_pickup_person_get_relation (EfPickupPerson *self);

G_END_DECLS
