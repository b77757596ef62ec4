/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-devices-group.h: the computers the account is remembered on */

#pragma once

#include <adwaita.h>

#include "api/ef-client.h"

G_BEGIN_DECLS

#define EF_TYPE_DEVICES_GROUP (ef_devices_group_get_type ())
G_DECLARE_FINAL_TYPE (EfDevicesGroup, ef_devices_group, EF, DEVICES_GROUP, AdwPreferencesGroup)

GtkWidget *ef_devices_group_new (EfClient *client);

G_END_DECLS
