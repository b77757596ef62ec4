/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-planning.h: activities, school holidays, enrolments, reservations */

#pragma once

#include <glib.h>

#include "ef-common.h"
#include "ef-store.h"

G_BEGIN_DECLS

/**
 * EfActivityPrice:
 * @from: the first day to which @price applies; %EF_ACTIVITY_PRICE_ALWAYS
 *   for an activity's first price
 * @price: the price of one day, in cents
 *
 * A price applies from its day until the day before the next one's.
 */
typedef struct {
  EfDay    from;
  EfCents  price;
} EfActivityPrice;

/* The start of an activity's first price: 1 January of year 1, stored
 * "0001-01-01", before any day that can be reserved. */
#define EF_ACTIVITY_PRICE_ALWAYS ((EfDay) 1)

/* One of the tenant's deadline settings, as an activity overrides it. */
typedef enum {
  EF_ACTIVITY_FLAG_INHERIT = 0,   /* the tenant's */
  EF_ACTIVITY_FLAG_FALSE,
  EF_ACTIVITY_FLAG_TRUE,
} EfActivityFlag;

/**
 * EfActivity:
 * @id: the row id (0 before it is saved)
 * @service_id: the tenant's service it belongs to ("education")
 * @code: stable, unique in the tenant ("restaurant-scolaire")
 * @site: the name of its first site (what the planning shows)
 * @weekdays: mask of EF_WEEKDAY_BIT: the weekdays on which it runs
 * @unit_price: the latest price of one day, in cents (the last of @prices)
 * @has_deadline: whether @deadline_days_before, @deadline_hour and
 *   @deadline_minute override the tenant's rule
 * @deadline_counted_weekdays: mask of EF_WEEKDAY_BIT overriding the
 *   tenant's counted weekdays; 0 for the tenant's
 * @deadline_skip_public_holidays: overrides the tenant's setting, or not
 * @deadline_skip_school_holidays: overrides the tenant's setting, or not
 * @prices: (nullable): of EfActivityPrice, by @from, the first from
 *   %EF_ACTIVITY_PRICE_ALWAYS; %NULL when saved means @unit_price always
 * @sites: (nullable): the codes of its sites, in order; %NULL when saved
 *   leaves them as they are
 * @school_years: (nullable): the school years in which it is open (their
 *   codes, "2026-2027"); none: open whatever the season
 * @closed_from: the first day on which it no longer runs, its enrolments,
 *   reservations and invoices kept; %EF_DAY_INVALID while it runs
 */
typedef struct _EfActivity EfActivity;

struct _EfActivity {
  gint64          id;
  char           *service_id;
  char           *code;
  char           *name;
  char           *site;
  guint           weekdays;
  EfCents         unit_price;
  gboolean        has_deadline;
  guint           deadline_days_before;
  guint           deadline_hour;
  guint           deadline_minute;
  guint           deadline_counted_weekdays;
  EfActivityFlag  deadline_skip_public_holidays;
  EfActivityFlag  deadline_skip_school_holidays;
  GArray         *prices;
  GStrv           sites;
  GStrv           school_years;
  EfDay           closed_from;
};

void        ef_activity_free                (EfActivity   *activity);
/* The price of one day of @activity on @day. */
EfCents     ef_activity_price_on            (const EfActivity *activity,
                                             EfDay             day);
/* The tenant's @policy with @activity's overrides applied. */
void        ef_activity_apply_deadline      (const EfActivity *activity,
                                             EfDeadlinePolicy *policy);

/**
 * EfSchoolYear:
 * @code: "2026-2027"
 * @first_day: the first day of class
 * @last_day: the last day of class
 * @zone: the school holidays zone ("A", "B", "C", "Corse") or ""
 */
typedef struct {
  char  *code;
  EfDay  first_day;
  EfDay  last_day;
  char  *zone;
} EfSchoolYear;

void        ef_school_year_free             (EfSchoolYear *year);

/**
 * EfClosedDay:
 * @day: a day on which no activity of the tenant runs
 * @reason: why, as families read it ("Pont de l’Ascension", "Grève")
 */
typedef struct {
  EfDay  day;
  char  *reason;
} EfClosedDay;

void        ef_closed_day_free              (EfClosedDay  *closed_day);

/**
 * EfEnrolment:
 *
 * A member's enrolment in an activity at a site, from @first_day to
 * @last_day inclusive.
 */
typedef struct {
  gint64  id;
  gint64  member_id;
  gint64  activity_id;
  char   *activity_code;
  char   *activity_name;
  char   *service_id;
  char   *site;
  EfDay   first_day;
  EfDay   last_day;
} EfEnrolment;

void        ef_enrolment_free               (EfEnrolment  *enrolment);

/**
 * EfPlanningMember:
 *
 * The little the planning needs to know about a family member.
 */
typedef struct {
  gint64  id;
  gint64  family_id;
  char   *first_name;
  char   *last_name;
} EfPlanningMember;

void        ef_planning_member_free         (EfPlanningMember *member);

/* Creates the activity, or updates the one with the same code, with its
 * prices, sites and school years, in one transaction. */
gboolean    ef_store_save_activity          (EfStore          *self,
                                             const char       *tenant_id,
                                             const EfActivity *activity,
                                             GError          **error);
/* Of EfActivity, by code, with their prices, sites and school years. */
GPtrArray  *ef_store_list_activities        (EfStore          *self,
                                             const char       *tenant_id,
                                             GError          **error);

/* Of EfSchoolYear, by first day. */
GPtrArray  *ef_store_list_school_years      (EfStore          *self,
                                             const char       *tenant_id,
                                             GError          **error);
/* Of EfClosedDay, by day. */
GPtrArray  *ef_store_list_closed_days       (EfStore          *self,
                                             const char       *tenant_id,
                                             GError          **error);

/* The tenant's imported school holidays (an empty calendar if none). */
EfSchoolCalendar *ef_store_load_school_calendar (EfStore      *self,
                                                 const char   *tenant_id,
                                                 GError      **error);
/* Replaces, in one transaction, the tenant's holidays of every school year
 * that @calendar covers by those of @calendar; other years stay. Stores
 * the number of school years in @n_years. */
gboolean    ef_store_replace_school_holidays (EfStore          *self,
                                              const char       *tenant_id,
                                              const char       *zone,
                                              EfSchoolCalendar *calendar,
                                              guint            *n_years,
                                              GError          **error);

/* The member @member_id of a family of @tenant_id, or
 * EF_API_ERROR_NOT_FOUND. */
EfPlanningMember *ef_store_lookup_planning_member (EfStore          *self,
                                                   const char       *tenant_id,
                                                   gint64            member_id,
                                                   GError          **error);
/* Of EfPlanningMember: the members of @family_id, by id. */
GPtrArray  *ef_store_list_planning_members  (EfStore          *self,
                                             gint64            family_id,
                                             GError          **error);

/* The ids of the children (role "child") of the family of the account
 * @email of @tenant_id (NULL: the tenant's first account), in the
 * family's order; empty if there is none. */
GArray     *ef_store_list_account_children  (EfStore          *self,
                                             const char       *tenant_id,
                                             const char       *email,
                                             GError          **error);

/* Enrols @member_id (of @tenant_id) in the activity @activity_code from
 * @first_day to @last_day, at the activity's first site. The same
 * enrolment again changes nothing; an overlapping different one is refused
 * with EF_API_ERROR_VALIDATION. */
gboolean    ef_store_add_enrolment          (EfStore          *self,
                                             const char       *tenant_id,
                                             gint64            member_id,
                                             const char       *activity_code,
                                             EfDay             first_day,
                                             EfDay             last_day,
                                             gboolean         *created,
                                             GError          **error);
/* The same at the site @site_code (NULL: the first), which must be one of
 * the activity's (EF_API_ERROR_INVALID_FIELD otherwise); an enrolment that
 * starts on or after the day the activity closed is refused
 * (EF_API_ERROR_DAY_CLOSED). Inside the caller's transaction when one is
 * open. */
gboolean    ef_store_add_enrolment_at_site  (EfStore          *self,
                                             const char       *tenant_id,
                                             gint64            member_id,
                                             const char       *activity_code,
                                             const char       *site_code,
                                             EfDay             first_day,
                                             EfDay             last_day,
                                             gboolean         *created,
                                             GError          **error);
/* Of EfEnrolment, by activity code then first day. */
GPtrArray  *ef_store_list_enrolments        (EfStore          *self,
                                             gint64            member_id,
                                             GError          **error);
/* Whether the member's enrolments are still @known (of EfEnrolment, as
 * ef_store_list_enrolments() gave them): their ids, days and sites. A
 * lighter query than listing them again. */
gboolean    ef_store_enrolments_unchanged (EfStore          *self,
                                             gint64            member_id,
                                             GPtrArray        *known,
                                             gboolean         *unchanged,
                                             GError          **error);

/* The reserved days of @member_id for @activity_id from @first_day to
 * @last_day, added to @days (a set of GUINT_TO_POINTER (EfDay)). */
gboolean    ef_store_load_reserved_days     (EfStore          *self,
                                             gint64            member_id,
                                             gint64            activity_id,
                                             EfDay             first_day,
                                             EfDay             last_day,
                                             GHashTable       *days,
                                             GError          **error);
/* 0 for a member whose planning never changed. */
gboolean    ef_store_get_planning_version   (EfStore          *self,
                                             gint64            member_id,
                                             gint64           *version,
                                             GError          **error);

/* A write transaction (BEGIN IMMEDIATE; on PostgreSQL the writers' lock)
 * around the calls below, so that a batch is checked and applied
 * all-or-nothing. */
gboolean    ef_store_begin_write            (EfStore          *self,
                                             GError          **error);
/* The same for a transaction that writes @tenant_id's rows only (a
 * reservation batch): other tenants' writers need not wait for it. */
gboolean    ef_store_begin_tenant_write     (EfStore          *self,
                                             const char       *tenant_id,
                                             GError          **error);
gboolean    ef_store_commit_write           (EfStore          *self,
                                             GError          **error);
void        ef_store_rollback_write         (EfStore          *self);

/**
 * EfReservationWrite:
 * @override: an agent made it past the deadline (a reservation made so
 *   keeps the instant, for the billing)
 * @override_billed: for such a reservation: 1 billed, 0 not, -1 as the
 *   tenant's bill_overrides says when the month is billed
 *
 * One change that does change something: @reserved is the state after.
 */
typedef struct {
  gint64   member_id;
  gint64   activity_id;
  EfDay    day;
  gboolean reserved;
  gboolean override;
  int      override_billed;
} EfReservationWrite;

/* Inside a write transaction: applies @writes, logs each in the audit log
 * (@account_id 0 for none; @channel "api" or "cli"; @instant UTC Unix
 * seconds), and
 * bumps once the planning version of every member in @writes. */
gboolean    ef_store_write_reservations     (EfStore                  *self,
                                             const char               *tenant_id,
                                             const EfReservationWrite *writes,
                                             guint                     n_writes,
                                             gint64                    account_id,
                                             const char               *channel,
                                             gint64                    instant,
                                             GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfActivity, ef_activity_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfSchoolYear, ef_school_year_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfClosedDay, ef_closed_day_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfEnrolment, ef_enrolment_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfPlanningMember, ef_planning_member_free)

G_END_DECLS
