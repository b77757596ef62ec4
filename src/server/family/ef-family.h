/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-family.h: families, members, and the validation of their contact fields
 *
 * A family (foyer) has one address, set by the town hall (it decides the
 * residency and so the tariff). A member has an address of their own only
 * when they do not live at the family's (@address NULL otherwise). Parents
 * may change the contact fields of their family's members (address, phones,
 * e-mail, CAF number, pick-up persons); identity fields (role, names, birth
 * date) are the town hall's.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "ef-types.h"

G_BEGIN_DECLS

#define EF_MEMBER_MAX_PHONES         5
#define EF_MEMBER_MAX_PICKUP_PERSONS 10

typedef struct
{
  char *line1;
  char *line2;        /* "" when there is none */
  char *postal_code;  /* 5 digits */
  char *city;
} EfAddress;

typedef struct
{
  char *kind;         /* mobile, home, work */
  char *number;       /* normalised: "06 12 34 56 78" */
} EfPhone;

typedef struct
{
  gint64  id;         /* 0 until stored */
  char   *name;
  char   *phone;      /* normalised like EfPhone.number */
  char   *relation;
} EfPickupPerson;

typedef struct
{
  gint64     id;
  char      *reference;      /* the town hall's own key, or NULL */
  char      *role;           /* responsible, child, other */
  char      *first_name;
  char      *last_name;
  char      *birth_date;     /* YYYY-MM-DD */
  EfAddress *address;        /* NULL: lives at the family's address */
  GPtrArray *phones;         /* EfPhone */
  char      *email;          /* or NULL */
  char      *caf_number;     /* 7 digits, or NULL */
  GPtrArray *pickup_persons; /* EfPickupPerson */
} EfMember;

typedef struct
{
  gint64     id;
  char      *reference;      /* or NULL */
  char      *name;
  EfAddress *address;
  GPtrArray *members;        /* EfMember, in the town hall's order */
} EfFamily;

EfAddress      *ef_address_copy        (const EfAddress *address);
void            ef_address_free        (EfAddress       *address);
void            ef_phone_free          (EfPhone         *phone);
void            ef_pickup_person_free  (EfPickupPerson  *person);
EfMember       *ef_member_new          (void);
EfMember       *ef_member_copy         (const EfMember  *member);
void            ef_member_free         (EfMember        *member);
EfFamily       *ef_family_new          (void);
void            ef_family_free         (EfFamily        *family);

/* A member of @family by id, or NULL. */
EfMember       *ef_family_find_member  (EfFamily        *family,
                                        gint64           member_id);

JsonNode       *ef_address_to_json     (const EfAddress *address);
JsonNode       *ef_member_to_json      (const EfMember  *member);
JsonNode       *ef_family_to_json      (const EfFamily  *family);

/* Validators and normalisers of contact fields. */
/* "0612345678", "06 12 34 56 78", "06.12.34.56.78", "+33 6 12 34 56 78"
 * → "06 12 34 56 78"; NULL when @text is not a French number. */
char           *ef_phone_normalize     (const char      *text);
gboolean        ef_email_is_valid      (const char      *text);
/* Trims, lowercases the domain; NULL when invalid. */
char           *ef_email_normalize     (const char      *text);
gboolean        ef_postal_code_is_valid (const char     *text);
/* A CAF allocataire number: 7 digits, spaces ignored; NULL when invalid. */
char           *ef_caf_number_normalize (const char     *text);

/* Applies a parent's change of contact fields (@patch, a JSON object) to
 * @member. Every problem is appended to @details as {"field", "code"};
 * @member is changed only when there is none (and then TRUE). */
gboolean        ef_member_apply_patch  (EfMember        *member,
                                        JsonObject      *patch,
                                        JsonArray       *details);

/* The same for an agent of the town hall, who may also change the
 * identity fields first_name, last_name and birth_date (a day up to
 * @today); not the role. */
gboolean        ef_member_apply_staff_patch (EfMember   *member,
                                             JsonObject *patch,
                                             EfDay       today,
                                             JsonArray  *details);

/* Reads a family as the town hall describes it (see `family-import
 * --help`); NULL with @details filled when it is invalid. @today bounds
 * the birth dates. */
EfFamily       *ef_family_from_json    (JsonObject      *object,
                                        EfDay            today,
                                        JsonArray       *details);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfAddress, ef_address_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfMember, ef_member_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfFamily, ef_family_free)

G_END_DECLS
