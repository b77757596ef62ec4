/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-frames.h: what the benchmarks of drawn widgets share */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Runs the main loop until *@n_painted changes (the benchmark counts the
 * frames in its frame clock's after-paint), or @timeout_ms; returns
 * whether a frame was painted. */
gboolean bench_wait_for_frame (const guint *n_painted,
                               guint        timeout_ms);

G_END_DECLS
