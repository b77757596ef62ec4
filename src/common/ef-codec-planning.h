/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-codec-planning.h: the contract's Enrolments, Planning (its activities
 * and days), ReservationBatch (its changes) and ReservationResult, as plain
 * records and their JSON
 *
 * The server fills these records and answers with ef_*_record_to_json()
 * (the planning, its largest and most frequent answer, with the fast
 * writer ef_planning_record_write() and its pieces, straight into text);
 * the client reads an answer with ef_*_record_from_json() and fills its
 * GObject models from the record. The client writes a batch with
 * ef_reservation_batch_record_to_json() and the server reads it with
 * ef_reservation_batch_record_read_text() (written plainly) or
 * ef_reservation_batch_record_from_json(); the changes the server refuses
 * are EfReservationRefusalRecords in its error's details. See
 * docs/openapi.yaml for the schemas.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "ef-error.h"
#include "ef-types.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------ enrolments */

typedef struct
{
  gint64  id;
  gint64  member;         /* a StaffEnrolment's; 0: not written (an Enrolment's
                           * member is its Enrolments') */
  char   *activity;       /* the activity's code */
  char   *activity_name;
  char   *service;
  char   *site;
  EfDay   from;
  EfDay   to;             /* the last day, included */
} EfEnrolmentRecord;

typedef struct
{
  gint64     member;
  GPtrArray *enrolments;  /* of EfEnrolmentRecord */
} EfEnrolmentsRecord;

/* The JSON members they write, in order (NULL-terminated); a staff
 * enrolment's (with its member) are ef_staff_enrolment_record_members. */
extern const char * const ef_enrolment_record_members[];
extern const char * const ef_staff_enrolment_record_members[];
/* The enrolments first, then the member: as the server always wrote them. */
extern const char * const ef_enrolments_record_members[];

EfEnrolmentsRecord *ef_enrolments_record_new   (gint64                    member);
void      ef_enrolment_record_free             (EfEnrolmentRecord        *enrolment);
void      ef_enrolments_record_free            (EfEnrolmentsRecord       *enrolments);
gboolean  ef_enrolment_record_equal            (const EfEnrolmentRecord  *a,
                                                const EfEnrolmentRecord  *b);
gboolean  ef_enrolments_record_equal           (const EfEnrolmentsRecord *a,
                                                const EfEnrolmentsRecord *b);
JsonNode *ef_enrolment_record_to_json          (const EfEnrolmentRecord  *enrolment);
JsonNode *ef_enrolments_record_to_json         (const EfEnrolmentsRecord *enrolments);
EfEnrolmentRecord  *ef_enrolment_record_from_json  (JsonNode  *node,
                                                    GError   **error);
EfEnrolmentsRecord *ef_enrolments_record_from_json (JsonNode  *node,
                                                    GError   **error);
/* A StaffEnrolment: an Enrolment and its member, which must be there. */
EfEnrolmentRecord  *ef_staff_enrolment_record_from_json (JsonNode  *node,
                                                         GError   **error);

/* -------------------------------------------------------------- planning */

typedef struct
{
  EfDay     day;
  char     *state;             /* one of ef_planning_day_states */
  char     *reason;            /* a closed day's: one of ef_planning_day_reasons; or NULL */
  char     *label;             /* a closed_day's label, or NULL */
  gint64    unit_price_cents;  /* -1: the activity's, not written */
  gboolean  changeable;
  char     *deadline;          /* ISO 8601 instant with its offset, or NULL */
} EfPlanningDayRecord;

typedef struct
{
  char      *activity;         /* the activity's code */
  char      *name;
  char      *service;
  char      *site;
  gint64     unit_price_cents; /* the price of one day on the day of "now" */
  GPtrArray *days;             /* of EfPlanningDayRecord, one per day from "from" to "to" */
} EfPlanningActivityRecord;

typedef struct
{
  gint64     member;
  EfDay      from;
  EfDay      to;
  char      *time_zone;
  char      *now;              /* ISO 8601 instant; NULL: not said (older servers) */
  gint64     version;
  GPtrArray *activities;       /* of EfPlanningActivityRecord */
} EfPlanningRecord;

/* The values of PlanningDay.state and PlanningDay.reason (NULL-terminated). */
extern const char * const ef_planning_day_states[];
extern const char * const ef_planning_day_reasons[];

/* The JSON members they write, in order (NULL-terminated). */
extern const char * const ef_planning_day_record_members[];
extern const char * const ef_planning_activity_record_members[];
extern const char * const ef_planning_record_members[];

EfPlanningRecord         *ef_planning_record_new          (void);
EfPlanningActivityRecord *ef_planning_activity_record_new (void);
void      ef_planning_day_record_free        (EfPlanningDayRecord            *day);
void      ef_planning_activity_record_free   (EfPlanningActivityRecord       *activity);
void      ef_planning_record_free            (EfPlanningRecord               *planning);
gboolean  ef_planning_day_record_equal       (const EfPlanningDayRecord      *a,
                                              const EfPlanningDayRecord      *b);
gboolean  ef_planning_activity_record_equal  (const EfPlanningActivityRecord *a,
                                              const EfPlanningActivityRecord *b);
gboolean  ef_planning_record_equal           (const EfPlanningRecord         *a,
                                              const EfPlanningRecord         *b);

/* The fast writer: the planning's JSON appended to @out as text, with no
 * JSON tree (members in the order of the _members lists; a day's optional
 * members only when set). */
void      ef_planning_record_write           (const EfPlanningRecord         *planning,
                                              GString                        *out);

/* Its pieces, for a writer that makes each day as it goes (the server): the
 * planning's members up to the opening of "activities" (@planning's
 * activities are not written), where the value of "now" is in @out
 * (nullable); then each activity's members up to the opening of "days"
 * (after a comma unless @first; its days are not written); then each day
 * (the same); ef_planning_write_close() closes the days and their
 * activity, then the activities and the planning. A record on the stack
 * whose strings are borrowed (cast to char *) is fine: they are only
 * read. */
void      ef_planning_record_write_head      (const EfPlanningRecord         *planning,
                                              GString                        *out,
                                              gsize                          *now_offset,
                                              gsize                          *now_length);
void      ef_planning_activity_record_write_head (const EfPlanningActivityRecord *activity,
                                                  gboolean                        first,
                                                  GString                        *out);
void      ef_planning_day_record_write       (const EfPlanningDayRecord      *day,
                                              gboolean                        first,
                                              GString                        *out);
void      ef_planning_write_close            (GString                        *out);
/* @text as a JSON string, as the writer writes it. */
void      ef_planning_write_string           (GString                        *out,
                                              const char                     *text);

/* A missing member, one of the wrong type, a day or an instant that is
 * none, days that are not one per day from "from" to "to" are errors in
 * EF_API_ERROR naming it. Members it does not know are ignored, and so is
 * a closed day's reason it does not know (kept as it is). */
EfPlanningRecord *ef_planning_record_from_json (JsonNode  *node,
                                                GError   **error);

/* ---------------------------------------------------------- reservations */

typedef struct
{
  gint64    member;
  char     *activity;  /* the activity's code */
  EfDay     day;
  gboolean  reserved;  /* the state wanted */
} EfReservationChangeRecord;

/* An entry of a "versions" object: a member's planning version. */
typedef struct
{
  gint64 member;
  gint64 version;
} EfPlanningVersion;

typedef struct
{
  GPtrArray *changes;    /* of EfReservationChangeRecord */
  GArray    *versions;   /* of EfPlanningVersion, written in this order */
} EfReservationBatchRecord;

typedef struct
{
  GArray *versions;      /* of EfPlanningVersion */
  gint64  applied;
  gint64  unchanged;
  gint64  reserved;
  gint64  cancelled;
  gint64  overridden;    /* an agent's batch (StaffReservationResult); -1: not written */
} EfReservationResultRecord;

/* The JSON members they write, in order (NULL-terminated); a staff
 * result's members are ef_staff_reservation_result_record_members. */
extern const char * const ef_reservation_change_record_members[];
extern const char * const ef_reservation_batch_record_members[];
extern const char * const ef_reservation_result_record_members[];
extern const char * const ef_staff_reservation_result_record_members[];

EfReservationBatchRecord  *ef_reservation_batch_record_new  (void);
EfReservationResultRecord *ef_reservation_result_record_new (void);
void      ef_reservation_change_record_free  (EfReservationChangeRecord       *change);
void      ef_reservation_batch_record_free   (EfReservationBatchRecord        *batch);
void      ef_reservation_result_record_free  (EfReservationResultRecord       *result);
gboolean  ef_reservation_change_record_equal (const EfReservationChangeRecord *a,
                                              const EfReservationChangeRecord *b);
gboolean  ef_reservation_batch_record_equal  (const EfReservationBatchRecord  *a,
                                              const EfReservationBatchRecord  *b);
gboolean  ef_reservation_result_record_equal (const EfReservationResultRecord *a,
                                              const EfReservationResultRecord *b);
/* Appends a change (a copy of @activity) or a version. */
void      ef_reservation_batch_record_add_change  (EfReservationBatchRecord *batch,
                                                   gint64                    member,
                                                   const char               *activity,
                                                   EfDay                     day,
                                                   gboolean                  reserved);
void      ef_planning_versions_add           (GArray                          *versions,
                                              gint64                           member,
                                              gint64                           version);
JsonNode *ef_reservation_change_record_to_json (const EfReservationChangeRecord *change);
JsonNode *ef_reservation_batch_record_to_json  (const EfReservationBatchRecord  *batch);
JsonNode *ef_reservation_result_record_to_json (const EfReservationResultRecord *result);

/* A batch as the server takes it, strictly (its messages, in English, are
 * the answer's): a member it does not know is EF_API_ERROR_UNKNOWN_FIELD;
 * 1 to @max_changes changes; versions of member ids that are integers
 * >= 0; a day that is none EF_API_ERROR_INVALID_DATE and one out of
 * @first_day to @last_day EF_API_ERROR_INVALID_FIELD; each error names the
 * change at fault ("changes[3]"). */
EfReservationBatchRecord *ef_reservation_batch_record_from_json (JsonNode  *node,
                                                                 guint      max_changes,
                                                                 EfDay      first_day,
                                                                 EfDay      last_day,
                                                                 GError   **error);
/* The same batch read straight from a body written plainly, as clients
 * write it (no JSON tree: a school year is a thousand changes); NULL for
 * any other text, which ef_json_parse() and the reader above then read or
 * refuse. */
EfReservationBatchRecord *ef_reservation_batch_record_read_text  (const char *data,
                                                                 gsize       length,
                                                                 guint       max_changes,
                                                                 EfDay       first_day,
                                                                 EfDay       last_day);
/* As lenient as the other readers: unknown members are ignored; the
 * versions must be member ids that map to integers. "overridden" is read
 * when present (else -1). */
EfReservationResultRecord *ef_reservation_result_record_from_json (JsonNode  *node,
                                                                   GError   **error);

/* -------------------------------------------------------------- refusals */

/* An element of the details of a batch's 422: a change that breaks the
 * rules, or repeats another. */
typedef struct
{
  gint64    index;          /* the change's place in the batch's changes */
  gint64    member;
  char     *activity;       /* the activity's code */
  EfDay     day;
  gboolean  reserved;       /* the state the change wanted */
  char     *reason;         /* one of ef_reservation_refusal_reasons */
  char     *closed_reason;  /* day_closed: the day's closed reason; or NULL */
  char     *deadline;       /* deadline_passed: ISO 8601 instant; or NULL */
} EfReservationRefusalRecord;

/* The values of a refusal's reason (NULL-terminated). */
extern const char * const ef_reservation_refusal_reasons[];
/* The JSON members it writes, in order (NULL-terminated); closed_reason
 * and deadline only when set. */
extern const char * const ef_reservation_refusal_record_members[];

void      ef_reservation_refusal_record_free  (EfReservationRefusalRecord       *refusal);
gboolean  ef_reservation_refusal_record_equal (const EfReservationRefusalRecord *a,
                                               const EfReservationRefusalRecord *b);
JsonNode *ef_reservation_refusal_record_to_json (const EfReservationRefusalRecord *refusal);
/* As lenient as a client reading an error must be: member, activity,
 * reason and a day that is a date are required; an index, "reserved" or a
 * closed reason missing or of another type reads as -1, FALSE, NULL; a
 * deadline that is not an instant as NULL; a reason it does not know is
 * kept. */
EfReservationRefusalRecord *ef_reservation_refusal_record_from_json (JsonNode  *node,
                                                                     GError   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfEnrolmentRecord, ef_enrolment_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfEnrolmentsRecord, ef_enrolments_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfPlanningDayRecord, ef_planning_day_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfPlanningActivityRecord, ef_planning_activity_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfPlanningRecord, ef_planning_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfReservationChangeRecord, ef_reservation_change_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfReservationBatchRecord, ef_reservation_batch_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfReservationResultRecord, ef_reservation_result_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfReservationRefusalRecord, ef_reservation_refusal_record_free)

G_END_DECLS
