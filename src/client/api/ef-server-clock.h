/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-server-clock.h: the portal's clock, as the client keeps it between answers */

#pragma once

#include <glib-object.h>

#include "ef-common.h"

G_BEGIN_DECLS

#define EF_TYPE_SERVER_CLOCK (ef_server_clock_get_type ())
G_DECLARE_FINAL_TYPE (EfServerClock, ef_server_clock, EF, SERVER_CLOCK, GObject)

/* A clock that never goes back and that keeps counting while the machine
 * sleeps, in microseconds from an arbitrary start. */
typedef gint64 (*EfElapsedFunc) (gpointer user_data);

EfServerClock *ef_server_clock_new               (void);

gboolean       ef_server_clock_is_synchronized   (EfServerClock *self);
GTimeZone     *ef_server_clock_get_time_zone     (EfServerClock *self);
gboolean       ef_server_clock_set_time_zone     (EfServerClock *self,
                                                  const char    *identifier);
GDateTime     *ef_server_clock_get_now           (EfServerClock *self);
EfDay          ef_server_clock_get_today         (EfServerClock *self);

gint64         ef_server_clock_get_elapsed       (EfServerClock *self);
void           ef_server_clock_observe           (EfServerClock *self,
                                                  GDateTime     *server_time,
                                                  GTimeSpan      resolution,
                                                  gint64         sent_at,
                                                  gint64         received_at);
gboolean       ef_server_clock_observe_http_date (EfServerClock *self,
                                                  const char    *date,
                                                  gint64         sent_at,
                                                  gint64         received_at);

/* For tests: another elapsed-time source, and the check its timer runs. */
void           _ef_server_clock_set_elapsed_func (EfServerClock *self,
                                                  EfElapsedFunc  func,
                                                  gpointer       user_data);
void           _ef_server_clock_check            (EfServerClock *self);
guint          _ef_server_clock_get_check_delay  (EfServerClock *self);

G_END_DECLS
