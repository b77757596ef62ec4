/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-device.h: a computer the account is remembered on */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define EF_TYPE_DEVICE (ef_device_get_type ())
G_DECLARE_FINAL_TYPE (EfDevice, ef_device, EF, DEVICE, GObject)

gint64      ef_device_get_id           (EfDevice *self);
const char *ef_device_get_client       (EfDevice *self);
GDateTime  *ef_device_get_since        (EfDevice *self);
GDateTime  *ef_device_get_last_used_at (EfDevice *self);
GDateTime  *ef_device_get_expires_at   (EfDevice *self);
gboolean    ef_device_get_current      (EfDevice *self);

G_END_DECLS
