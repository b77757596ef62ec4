/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-families.h: families, members and pick-up persons in the database */

#pragma once

#include "family/ef-family.h"
#include "ef-store.h"

G_BEGIN_DECLS

/* The family @family_id of @tenant_id with its members, or
 * EF_API_ERROR_NOT_FOUND (also for another tenant's family). */
EfFamily *ef_store_load_family            (EfStore         *self,
                                           const char      *tenant_id,
                                           gint64           family_id,
                                           GError         **error);

/* Creates @family in @tenant_id and sets its ids. When @family has a
 * reference that another family of the tenant already has, fails with
 * EF_API_ERROR_VALIDATION, unless @replace: then that family is updated in
 * place, its members matched by reference (members without one are added,
 * stored members that are not in @family are removed). One transaction. */
gboolean  ef_store_save_family            (EfStore         *self,
                                           const char      *tenant_id,
                                           EfFamily        *family,
                                           gboolean         replace,
                                           gint64           now,
                                           GError         **error);

/* The same for each EfFamily of @families, all in one transaction: on
 * error none is written. */
gboolean  ef_store_save_families          (EfStore         *self,
                                           const char      *tenant_id,
                                           GPtrArray       *families,
                                           gboolean         replace,
                                           gint64           now,
                                           GError         **error);

/* The references of @tenant_id's families (a set of strings). */
GHashTable *ef_store_list_family_references (EfStore       *self,
                                             const char    *tenant_id,
                                             GError       **error);

/* The e-mails of the members of @tenant_id's families, lowercased, each
 * mapped to its family's reference ("" when it has none). */
GHashTable *ef_store_list_member_emails   (EfStore         *self,
                                           const char      *tenant_id,
                                           GError         **error);

/* Writes the contact fields of @member (address, phones, e-mail, CAF
 * number, pick-up persons) in one transaction (the caller's, when one is
 * open); EF_API_ERROR_NOT_FOUND when it is not a member of @family_id.
 * Sets the ids of new pick-up persons. */
gboolean  ef_store_update_member_contact  (EfStore         *self,
                                           gint64           family_id,
                                           EfMember        *member,
                                           gint64           now,
                                           GError         **error);

/* The same with the identity fields too (first and last name, birth
 * date), for the town hall's agents; inside the caller's transaction when
 * one is open. */
gboolean  ef_store_update_member          (EfStore         *self,
                                           gint64           family_id,
                                           EfMember        *member,
                                           gint64           now,
                                           GError         **error);

/* The id of the member whose reference is @member_reference in the family
 * whose reference is @family_reference, or 0. */
gint64    ef_store_find_member_by_reference (EfStore       *self,
                                             const char    *tenant_id,
                                             const char    *family_reference,
                                             const char    *member_reference,
                                             GError       **error);

G_END_DECLS
