/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-planning.h: a member's planning, and reservation batches all-or-nothing */

#pragma once

#include <json-glib/json-glib.h>

#include "store/ef-store-planning.h"
#include "store/ef-store-staff.h"

G_BEGIN_DECLS

/* The widest planning one request may ask for, in days. */
#define EF_PLANNING_MAX_DAYS 400
/* The most changes one reservation batch may hold (a school year for
 * several children is a few thousand). */
#define EF_PLANNING_MAX_CHANGES 20000

/**
 * EfPlanningRules:
 *
 * What decides whether a day is open and until when it may be changed, for
 * one tenant: its time zone, deadline policy, school holidays and
 * activities. Reference-counted, so that the requests of the main loop
 * share it through an #EfPlanningRulesCache; it memoises the rules of the
 * days it is asked about, so it is used from one thread only.
 */
typedef struct _EfPlanningRules EfPlanningRules;

EfPlanningRules  *ef_planning_rules_load          (EfStore          *store,
                                                   const char       *tenant_id,
                                                   GError          **error);
EfPlanningRules  *ef_planning_rules_ref           (EfPlanningRules  *rules);
void              ef_planning_rules_unref         (EfPlanningRules  *rules);

const char       *ef_planning_rules_get_tenant_name (EfPlanningRules *rules);
GTimeZone        *ef_planning_rules_get_time_zone (EfPlanningRules  *rules);
/* Of EfActivity: the tenant's activities, by code. */
GPtrArray        *ef_planning_rules_get_activities (EfPlanningRules *rules);
/* An activity of @rules, by code or by id; the others below take only
 * these. */
const EfActivity *ef_planning_rules_find_activity (EfPlanningRules  *rules,
                                                   const char       *code);
const EfActivity *ef_planning_rules_get_activity  (EfPlanningRules  *rules,
                                                   gint64            id);
/* Why @day is closed for @activity: weekend, public holiday, school holiday,
 * not running, or (when @enrolments, of EfEnrolment, has none of
 * @activity covering @day) not enrolled. */
EfClosedReason    ef_planning_rules_closed_reason (EfPlanningRules  *rules,
                                                   const EfActivity *activity,
                                                   GPtrArray        *enrolments,
                                                   EfDay             day);

/**
 * EfPlanningRulesCache:
 *
 * The rules of each tenant, kept while ef_store_get_settings_stamp() stays
 * the same: a change by another process (demo, import-calendar, tenant)
 * or through the store's own functions is seen on the next lookup.
 */
typedef struct _EfPlanningRulesCache EfPlanningRulesCache;

EfPlanningRulesCache *ef_planning_rules_cache_new  (void);
void              ef_planning_rules_cache_free    (EfPlanningRulesCache *cache);
/* (transfer full): the current rules of @tenant_id. */
EfPlanningRules  *ef_planning_rules_cache_lookup  (EfPlanningRulesCache *cache,
                                                   EfStore              *store,
                                                   const char           *tenant_id,
                                                   GError              **error);

/* The record of GET …/members/{id}/enrolments, from @enrolments (of
 * EfEnrolment). */
EfEnrolmentsRecord *ef_planning_enrolments_to_record (gint64        member_id,
                                                      GPtrArray    *enrolments);
/* {"enrolments": […]}, without the member. */
JsonNode         *ef_planning_enrolments_to_json  (GPtrArray        *enrolments);

/* The JSON text of GET …/members/{id}/planning for @first_day to
 * @last_day; its length in @length. */
char             *ef_planning_build               (EfStore          *store,
                                                   EfPlanningRules  *rules,
                                                   gint64            member_id,
                                                   EfDay             first_day,
                                                   EfDay             last_day,
                                                   GDateTime        *now,
                                                   gsize            *length,
                                                   GError          **error);

/* What a planning's text was written from, and until when it holds. */
typedef struct
{
  gint64 version;       /* the member's planning version */
  gint64 written_at;    /* Unix seconds: the "now" it was written at */
  gint64 valid_until;   /* Unix seconds: the next deadline or midnight */
  gsize  now_offset;    /* where the value of "now" is in the text */
  gsize  now_length;
} EfPlanningTextInfo;

/**
 * EfPlanningTextCache:
 *
 * Plannings' texts kept for their next request (at most @max_bytes of
 * them): a month asked again is answered without reading its reservations
 * or writing its days while its rules, enrolments and version are the same
 * and the clock has not reached its next deadline or midnight.
 */
typedef struct _EfPlanningTextCache EfPlanningTextCache;

EfPlanningTextCache *ef_planning_text_cache_new  (gsize                max_bytes);
void              ef_planning_text_cache_free    (EfPlanningTextCache *cache);
/* ef_planning_build(), answered from @cache when it can be. */
char             *ef_planning_build_cached       (EfPlanningTextCache *cache,
                                                  EfStore          *store,
                                                  EfPlanningRules  *rules,
                                                  gint64            member_id,
                                                  EfDay             first_day,
                                                  EfDay             last_day,
                                                  GDateTime        *now,
                                                  gsize            *length,
                                                  GError          **error);

/**
 * EfPlanningBatch:
 * @tenant_id: the tenant
 * @family_id: the only family whose members may appear
 * @account_id: who asks (0: staff at the command line)
 * @recipient: where the confirmation goes (NULL: none)
 * @channel: "api" or "cli"
 * @now: the server's instant
 * @agent: (nullable): an agent of the town hall acting for the family:
 *   only the activities of the agent's services may change (others are
 *   refused with EF_API_ERROR_FORBIDDEN), and the batch is audited
 * @override_deadline: an agent's changes past the deadline are applied
 *   (and those reservations marked as such) instead of refused
 * @override_billed: for the reservations an override makes: 1 billed,
 *   0 not, -1 as the tenant's bill_overrides says
 * @via: (nullable): for the audit, EF_STAFF_VIA_COUNTER or _PHONE
 *
 * Who applies a reservation batch, and when.
 */
typedef struct {
  const char         *tenant_id;
  gint64              family_id;
  gint64              account_id;
  const char         *recipient;
  const char         *channel;
  GDateTime          *now;
  const EfStaffAgent *agent;
  gboolean            override_deadline;
  int                 override_billed;
  const char         *via;
} EfPlanningBatch;

/* Checks and applies the body of POST …/reservations (@request; for an
 * agent, its members "override_deadline", "billed" and "via" are the
 * handler's and left out) in one transaction. On success returns the
 * answer {"versions", "applied", "unchanged", "reserved", "cancelled"},
 * and for an agent "overridden". On failure nothing was changed:
 * the error is in EF_API_ERROR and *@details (may be NULL) lists the
 * offending changes (deadline_passed, day_closed, not_enrolled,
 * duplicates) or the current versions (version_conflict). */
JsonNode         *ef_planning_apply_batch         (EfStore               *store,
                                                   EfPlanningRules       *rules,
                                                   const EfPlanningBatch *batch,
                                                   JsonNode              *request,
                                                   JsonArray            **details,
                                                   GError               **error);
/* The same for a request already read: by
 * ef_reservation_batch_record_from_json() or, from a body written plainly,
 * by ef_planning_read_batch_text() (NULL for any other body: parse it and
 * call ef_planning_apply_batch(), which gives the same answers). */
JsonNode         *ef_planning_apply_batch_record  (EfStore                        *store,
                                                   EfPlanningRules                *rules,
                                                   const EfPlanningBatch          *batch,
                                                   const EfReservationBatchRecord *request,
                                                   JsonArray                     **details,
                                                   GError                        **error);
EfReservationBatchRecord *ef_planning_read_batch_text (const char *data,
                                                       gsize       length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfPlanningRules, ef_planning_rules_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfPlanningRulesCache, ef_planning_rules_cache_free)

G_END_DECLS
