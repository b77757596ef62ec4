/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-codec-family.h: the contract's Family, Member, Address, Phone and
 * PickupPerson, as plain records and their JSON
 *
 * The server fills these records from its store and answers with
 * ef_*_record_to_json(); the client reads an answer with
 * ef_*_record_from_json() and fills its GObject models from the record.
 * See docs/openapi.yaml for the schemas.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "ef-error.h"

G_BEGIN_DECLS

#define EF_MEMBER_MAX_PHONES         5
#define EF_MEMBER_MAX_PICKUP_PERSONS 10

typedef struct
{
  char *line1;
  char *line2;        /* "" when there is none */
  char *postal_code;  /* 5 digits */
  char *city;
} EfAddressRecord;

typedef struct
{
  char *kind;         /* one of ef_phone_kinds */
  char *number;       /* normalised: "06 12 34 56 78" */
} EfPhoneRecord;

typedef struct
{
  gint64  id;         /* 0 until stored */
  char   *name;
  char   *phone;      /* normalised like EfPhoneRecord.number */
  char   *relation;
} EfPickupPersonRecord;

typedef struct
{
  gint64           id;
  char            *reference;      /* the town hall's own key, or NULL; not in the JSON */
  char            *role;           /* one of ef_member_roles */
  char            *first_name;
  char            *last_name;
  char            *birth_date;     /* YYYY-MM-DD */
  EfAddressRecord *address;        /* NULL: lives at the family's address */
  GPtrArray       *phones;         /* EfPhoneRecord */
  char            *email;          /* or NULL */
  char            *caf_number;     /* 7 digits, or NULL */
  GPtrArray       *pickup_persons; /* EfPickupPersonRecord */
} EfMemberRecord;

typedef struct
{
  gint64           id;
  char            *reference;      /* or NULL; not in the JSON */
  char            *name;
  EfAddressRecord *address;
  GPtrArray       *members;        /* EfMemberRecord, in the town hall's order */
} EfFamilyRecord;

/* The values of Member.role and Phone.kind (NULL-terminated). */
extern const char * const ef_member_roles[];
extern const char * const ef_phone_kinds[];

/* The JSON members of each record, in the order they are written
 * (NULL-terminated): the properties of the schema of the same name. */
extern const char * const ef_address_record_members[];
extern const char * const ef_phone_record_members[];
extern const char * const ef_pickup_person_record_members[];
extern const char * const ef_member_record_members[];
extern const char * const ef_family_record_members[];
/* The members of a MemberContactPatch: the contact fields a parent may
 * change. */
extern const char * const ef_member_contact_patch_members[];

EfAddressRecord      *ef_address_record_copy        (const EfAddressRecord      *address);
void                  ef_address_record_free        (EfAddressRecord            *address);
gboolean              ef_address_record_equal       (const EfAddressRecord      *a,
                                                     const EfAddressRecord      *b);
EfPhoneRecord        *ef_phone_record_copy          (const EfPhoneRecord        *phone);
void                  ef_phone_record_free          (EfPhoneRecord              *phone);
EfPickupPersonRecord *ef_pickup_person_record_copy  (const EfPickupPersonRecord *person);
void                  ef_pickup_person_record_free  (EfPickupPersonRecord       *person);
EfMemberRecord       *ef_member_record_new          (void);
EfMemberRecord       *ef_member_record_copy         (const EfMemberRecord       *member);
void                  ef_member_record_free         (EfMemberRecord             *member);
/* Compares what the JSON carries (not the references). */
gboolean              ef_member_record_equal        (const EfMemberRecord       *a,
                                                     const EfMemberRecord       *b);
EfFamilyRecord       *ef_family_record_new          (void);
void                  ef_family_record_free         (EfFamilyRecord             *family);
gboolean              ef_family_record_equal        (const EfFamilyRecord       *a,
                                                     const EfFamilyRecord       *b);

/* A NULL @address is written as null. */
JsonNode             *ef_address_record_to_json     (const EfAddressRecord      *address);
JsonNode             *ef_member_record_to_json      (const EfMemberRecord       *member);
JsonNode             *ef_family_record_to_json      (const EfFamilyRecord       *family);

/* Readers of the server's answers. A missing member, or one of the wrong
 * type, or a birth date that is no date, is an error in EF_API_ERROR
 * naming it. Members they do not know are ignored, and so is a role or a
 * phone kind they do not know (kept as it is: the reader chooses what it
 * stands for), so that a newer server's answers still read. Address.line2
 * may be absent (read as ""); Member.address, email and caf_number may be
 * null. */
EfAddressRecord      *ef_address_record_from_json   (JsonNode                   *node,
                                                     GError                    **error);
EfMemberRecord       *ef_member_record_from_json    (JsonNode                   *node,
                                                     GError                    **error);
EfFamilyRecord       *ef_family_record_from_json    (JsonNode                   *node,
                                                     GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfAddressRecord, ef_address_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfPhoneRecord, ef_phone_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfPickupPersonRecord, ef_pickup_person_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfMemberRecord, ef_member_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfFamilyRecord, ef_family_record_free)

G_END_DECLS
