/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-types.h: forward declarations and small value types of libefcommon */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * EfDay:
 *
 * A calendar day, as the Julian day number of #GDate (1 = 1 January of
 * year 1). Days carry no time zone: they are days of the tenant's calendar.
 * 0 is the invalid day.
 */
typedef guint32 EfDay;

#define EF_DAY_INVALID ((EfDay) 0)

/**
 * EfCents:
 *
 * An amount of money in integer euro cents. Never a float.
 */
typedef gint64 EfCents;

typedef struct _EfSchoolCalendar EfSchoolCalendar;
typedef struct _EfDeadlinePolicy EfDeadlinePolicy;
typedef struct _EfPortal         EfPortal;
typedef struct _EfService        EfService;

G_END_DECLS
