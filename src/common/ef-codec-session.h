/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-codec-session.h: the contract's Session and SessionInfo (their
 * Account, StaffInfo and OnBehalfOf), LoginRequest, AccountEmail, the
 * account's Reminders and RemindersChoice, and the Error envelope, as
 * plain records and their JSON
 *
 * The server fills these records and answers with ef_*_record_to_json();
 * the client reads an answer with ef_*_record_from_json() and fills its
 * own structures from the record. A LoginRequest goes the other way: the
 * client writes it, the server reads it. See docs/openapi.yaml for the
 * schemas.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "ef-error.h"
#include "ef-types.h"

G_BEGIN_DECLS

typedef struct
{
  char     *name;
  gboolean  admin;
  GStrv     services;      /* never NULL */
  GStrv     roles;         /* the services, then "admin"; never NULL */
} EfStaffInfoRecord;

typedef struct
{
  gint64             id;
  char              *email;
  char              *kind;       /* one of ef_account_kinds */
  gint64             family_id;  /* written null for an agent */
  gint64             member_id;  /* written null for an agent */
  EfStaffInfoRecord *staff;      /* an agent's; NULL (written null) for a parent */
} EfAccountRecord;

typedef struct
{
  gint64  family_id;
  char   *name;
  char   *via;                 /* one of ef_on_behalf_vias, or NULL */
} EfOnBehalfOfRecord;

/* A Session, or a SessionInfo when @token is NULL (it is then not
 * written). "Auth": the server's store has its own EfSessionRecord, the
 * row of a session. */
typedef struct
{
  char               *token;
  char               *expires_at;       /* ISO 8601 instants with the tenant's offset */
  char               *idle_expires_at;
  EfAccountRecord    *account;
  EfOnBehalfOfRecord *on_behalf_of;     /* NULL: written null */
  char               *device_token;     /* a remembered device's next key; NULL: not written */
} EfAuthSessionRecord;

typedef struct
{
  char *email;
  char *password;              /* wiped when the record is freed */
  char     *client;            /* NULL: not written */
  gboolean  remember;          /* written only when TRUE */
} EfLoginRequestRecord;

/* The body of an error answer: {"error": {"code", "message", "details"}}. */
typedef struct
{
  char      *code;             /* as written: a newer server's code is kept */
  char      *message;          /* NULL: none was written */
  JsonArray *details;          /* NULL: not written */
} EfErrorRecord;

/* The account's reminders by e-mail: a Reminders, or a RemindersChoice
 * (written without @available). */
typedef struct
{
  gboolean available;          /* whether the municipality sends them */
  gboolean deadlines;
  gboolean due_dates;
  gint64   hours_before;
} EfRemindersRecord;

/* The values of the enums (NULL-terminated). */
extern const char * const ef_account_kinds[];
extern const char * const ef_on_behalf_vias[];

/* The JSON members of each record, in the order they are written
 * (NULL-terminated): the properties of its schema. */
extern const char * const ef_auth_session_record_members[];
extern const char * const ef_session_info_record_members[];
extern const char * const ef_account_record_members[];
extern const char * const ef_staff_info_record_members[];
extern const char * const ef_on_behalf_of_record_members[];
extern const char * const ef_login_request_record_members[];
extern const char * const ef_account_email_members[];
extern const char * const ef_error_record_members[];
extern const char * const ef_error_record_error_members[];
extern const char * const ef_reminders_record_members[];
extern const char * const ef_reminders_choice_members[];

void                 ef_staff_info_record_free         (EfStaffInfoRecord           *staff);
void                 ef_account_record_free            (EfAccountRecord             *account);
void                 ef_on_behalf_of_record_free       (EfOnBehalfOfRecord          *on_behalf_of);
void                 ef_auth_session_record_free       (EfAuthSessionRecord         *session);
gboolean             ef_auth_session_record_equal      (const EfAuthSessionRecord   *a,
                                                        const EfAuthSessionRecord   *b);
void                 ef_login_request_record_free      (EfLoginRequestRecord        *request);
void                 ef_error_record_free              (EfErrorRecord               *record);

JsonNode            *ef_auth_session_record_to_json    (const EfAuthSessionRecord   *session);
JsonNode            *ef_login_request_record_to_json   (const EfLoginRequestRecord  *request);
JsonNode            *ef_account_email_to_json          (const char                  *email);
JsonNode            *ef_error_record_to_json           (const EfErrorRecord         *record);

/* Reads a Session or a SessionInfo (a NULL token). A missing member, one
 * of the wrong type, an instant that is none is an error in EF_API_ERROR
 * naming it. Members it does not know are ignored, and so is a kind or a
 * via it does not know (kept as it is). What older portals leave out
 * reads as they meant it: no kind is a parent's account, no
 * idle_expires_at is NULL, no admin is FALSE, no services are none. A
 * parent's family_id and member_id are required; an agent's staff is, and
 * an on_behalf_of's family_id is positive. */
EfAuthSessionRecord *ef_auth_session_record_from_json  (JsonNode                    *node,
                                                        GError                     **error);
/* Reads a LoginRequest as the server must: a member it does not know is
 * EF_API_ERROR_UNKNOWN_FIELD; client may be absent (NULL). */
EfLoginRequestRecord *ef_login_request_record_from_json (JsonNode                  *node,
                                                         GError                   **error);
/* An AccountEmail's e-mail. */
char                *ef_account_email_from_json        (JsonNode                    *node,
                                                        GError                     **error);
/* The message may be absent (NULL) and so may the details; a code that is
 * not a string, a message that is not one, details that are not an array
 * are errors. */
EfErrorRecord       *ef_error_record_from_json         (JsonNode                    *node,
                                                        GError                     **error);

JsonNode            *ef_reminders_record_to_json       (const EfRemindersRecord     *reminders);
JsonNode            *ef_reminders_choice_to_json       (const EfRemindersRecord     *reminders);
/* Reads a Reminders: every member is required, and hours_before is 1 to
 * 168. */
gboolean             ef_reminders_record_from_json     (JsonNode                    *node,
                                                        EfRemindersRecord           *reminders,
                                                        GError                     **error);
/* Reads a RemindersChoice as the server must: a member it does not know is
 * EF_API_ERROR_UNKNOWN_FIELD; no hours_before is 24 (its range is the
 * reader's to check). */
gboolean             ef_reminders_choice_from_json     (JsonNode                    *node,
                                                        EfRemindersRecord           *reminders,
                                                        GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfAuthSessionRecord, ef_auth_session_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfLoginRequestRecord, ef_login_request_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfErrorRecord, ef_error_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfAccountRecord, ef_account_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfStaffInfoRecord, ef_staff_info_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfOnBehalfOfRecord, ef_on_behalf_of_record_free)

G_END_DECLS
