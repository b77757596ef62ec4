/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-reminders.h: desktop notifications of deadlines, invoices and payments */

#pragma once

#include <gio/gio.h>

#include "api/ef-client.h"

G_BEGIN_DECLS

#define EF_TYPE_REMINDERS (ef_reminders_get_type ())
G_DECLARE_FINAL_TYPE (EfReminders, ef_reminders, EF, REMINDERS, GObject)

EfReminders *ef_reminders_new                (GApplication *application,
                                              EfClient     *client,
                                              GSettings    *settings,
                                              const char   *state_path);
void         ef_reminders_start              (EfReminders  *self);
void         ef_reminders_check              (EfReminders  *self);
guint        ef_reminders_get_n_checks       (EfReminders  *self);
guint        ef_reminders_get_n_sent         (EfReminders  *self);
gint64       ef_reminders_get_next_check     (EfReminders  *self);
gint64       ef_reminders_get_next_notice    (EfReminders  *self);
char        *ef_reminders_default_state_path (void);

G_END_DECLS
