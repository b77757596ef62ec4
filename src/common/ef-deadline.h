/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-deadline.h: until when a reservation for a day may be changed */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "ef-types.h"

G_BEGIN_DECLS

/**
 * EfDeadlinePolicy:
 * @days_before: N, the number of counted days before the day (3)
 * @hour: tenant-time hour of the deadline (9)
 * @minute: tenant-time minute of the deadline (0)
 * @counted_weekdays: mask of EF_WEEKDAY_BIT: which weekdays count (Mon–Fri)
 * @skip_public_holidays: public holidays do not count
 * @skip_school_holidays: school holidays do not count
 *
 * A change for day D is allowed until @hour:@minute, tenant time, on the
 * day that is @days_before counted days before D.
 */
struct _EfDeadlinePolicy {
  guint    days_before;
  guint    hour;
  guint    minute;
  guint    counted_weekdays;
  gboolean skip_public_holidays;
  gboolean skip_school_holidays;
};

/* The tutorial's rule: 3 days, 09:00, Monday–Friday, holidays not skipped. */
void        ef_deadline_policy_init_default (EfDeadlinePolicy       *policy);
gboolean    ef_deadline_policy_validate     (const EfDeadlinePolicy *policy,
                                             GError                **error);

JsonNode   *ef_deadline_policy_to_json      (const EfDeadlinePolicy *policy);
gboolean    ef_deadline_policy_from_json    (EfDeadlinePolicy       *policy,
                                             JsonNode               *node,
                                             GError                **error);

/* The day on which the deadline for @day falls. @calendar may be NULL. */
EfDay       ef_deadline_day                 (const EfDeadlinePolicy *policy,
                                             EfSchoolCalendar       *calendar,
                                             EfDay                   day);
/* The instant (in @tz) until which a change for @day is allowed. */
GDateTime  *ef_deadline_for_day             (const EfDeadlinePolicy *policy,
                                             EfSchoolCalendar       *calendar,
                                             EfDay                   day,
                                             GTimeZone              *tz);
/* TRUE when @now is strictly before the deadline of @day. */
gboolean    ef_deadline_allows_change       (const EfDeadlinePolicy *policy,
                                             EfSchoolCalendar       *calendar,
                                             EfDay                   day,
                                             GTimeZone              *tz,
                                             GDateTime              *now);

G_END_DECLS
