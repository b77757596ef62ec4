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

#include "ef-codec-family.h"
#include "ef-types.h"

G_BEGIN_DECLS

/* The server's names for the contract's records (ef-codec-family.h): the
 * store fills them, the handlers answer with their codec. */
typedef EfAddressRecord      EfAddress;
typedef EfPhoneRecord        EfPhone;
typedef EfPickupPersonRecord EfPickupPerson;
typedef EfMemberRecord       EfMember;
typedef EfFamilyRecord       EfFamily;

/* Their functions under the server's names. */
#define ef_address_copy       ef_address_record_copy
#define ef_address_free       ef_address_record_free
#define ef_phone_free         ef_phone_record_free
#define ef_pickup_person_free ef_pickup_person_record_free
#define ef_member_new         ef_member_record_new
#define ef_member_copy        ef_member_record_copy
#define ef_member_free        ef_member_record_free
#define ef_family_new         ef_family_record_new
#define ef_family_free        ef_family_record_free
#define ef_address_to_json    ef_address_record_to_json
#define ef_member_to_json     ef_member_record_to_json
#define ef_family_to_json     ef_family_record_to_json

/* A member of @family by id, or NULL. */
EfMember       *ef_family_find_member  (EfFamily        *family,
                                        gint64           member_id);

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
