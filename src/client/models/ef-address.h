/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-address.h: a postal address */

#pragma once

#include <gio/gio.h>

#include "ef-common.h"
#include "ef-model-enums.h"

G_BEGIN_DECLS

#define EF_TYPE_ADDRESS (ef_address_get_type ())
G_DECLARE_FINAL_TYPE (EfAddress, ef_address, EF, ADDRESS, GObject)

EfAddress  *ef_address_new             (const char *line1,
                                        const char *line2,
                                        const char *postal_code,
                                        const char *city);
const char *ef_address_get_line1       (EfAddress *self);
const char *ef_address_get_line2       (EfAddress *self);
const char *ef_address_get_postal_code (EfAddress *self);
const char *ef_address_get_city        (EfAddress *self);

G_END_DECLS
