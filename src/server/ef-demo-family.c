/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-demo-family.c: the demo family (Famille Martin) and its account
 *
 * Town data, in French, not interface text: not translated. The demo
 * password is public (printed by `demo`); its argon2id hash is computed
 * once here so that `demo` costs no hashing and stays byte-identical when
 * run again.
 */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "ef-common.h"
#include "store/ef-store-accounts.h"
#include "store/ef-store-families.h"
#include "store/ef-store-staff.h"
#include "ef-demo.h"

/* crypto_pwhash_str (EF_DEMO_ACCOUNT_PASSWORD), INTERACTIVE limits. */
static const char demo_password_hash[] =
  "$argon2id$v=19$m=65536,t=2,p=1$y5GB7KXDdvdulhTUe+TkGw$0t/kEspj8uhkLlILwdKRL5YgTB1OGNVbKWyMRYn+utg";

/* crypto_pwhash_str (EF_DEMO_STAFF_PASSWORD), INTERACTIVE limits. */
static const char demo_staff_password_hash[] =
  "$argon2id$v=19$m=65536,t=2,p=1$va+fh3o9xNpN48IfOKt5LA$1cioJvdgVN+B95KCyTTuGghoS9sXIVQnKv5oUt4bpDc";

static const char demo_family[] =
  "{"
  "  \"reference\": \"" EF_DEMO_FAMILY_REFERENCE "\","
  "  \"name\": \"Famille Martin\","
  "  \"address\": {\"line1\": \"12 rue des Marronniers\", \"line2\": \"\","
  "                \"postal_code\": \"64140\", \"city\": \"Billère\"},"
  "  \"members\": ["
  "    {\"reference\": \"claire\", \"role\": \"responsible\","
  "     \"first_name\": \"Claire\", \"last_name\": \"Martin\", \"birth_date\": \"1985-04-23\","
  "     \"phones\": [{\"kind\": \"mobile\", \"number\": \"06 12 34 56 78\"},"
  "                  {\"kind\": \"work\", \"number\": \"05 59 11 22 33\"}],"
  "     \"email\": \"" EF_DEMO_ACCOUNT_EMAIL "\", \"caf_number\": \"1234567\"},"
  "    {\"reference\": \"lea\", \"role\": \"child\","
  "     \"first_name\": \"Léa\", \"last_name\": \"Martin\", \"birth_date\": \"2016-03-14\","
  "     \"pickup_persons\": ["
  "       {\"name\": \"Monique Martin\", \"phone\": \"06 98 76 54 32\", \"relation\": \"grand-mère\"},"
  "       {\"name\": \"Julien Lacoste\", \"phone\": \"06 45 67 89 01\", \"relation\": \"voisin\"}]},"
  "    {\"reference\": \"hugo\", \"role\": \"child\","
  "     \"first_name\": \"Hugo\", \"last_name\": \"Martin\", \"birth_date\": \"2019-09-02\","
  "     \"pickup_persons\": ["
  "       {\"name\": \"Monique Martin\", \"phone\": \"06 98 76 54 32\", \"relation\": \"grand-mère\"}]}"
  "  ]"
  "}";

gboolean
ef_demo_populate_family (EfStore  *store,
                         GError  **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonArray) details = json_array_new ();
  g_autoptr(EfFamily) family = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  EfMember *parent;

  g_return_val_if_fail (store != NULL, FALSE);

  object = ef_json_parse_object (demo_family, -1, error);
  if (object == NULL)
    return FALSE;
  family = ef_family_from_json (object, ef_day_new (2100, 1, 1), details);
  g_assert (family != NULL);

  if (!ef_store_save_family (store, EF_DEMO_TENANT_ID, family, TRUE, now, error))
    return FALSE;

  parent = g_ptr_array_index (family->members, 0);
  return ef_store_set_account_password (store, EF_DEMO_TENANT_ID, parent->id,
                                        EF_DEMO_ACCOUNT_EMAIL, demo_password_hash, now, error);
}

gboolean
ef_demo_populate_staff (EfStore  *store,
                        GError  **error)
{
  static const char * const roles[] = { "education", EF_STAFF_ROLE_ADMIN, NULL };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (store != NULL, FALSE);

  return ef_store_save_staff_account (store, EF_DEMO_TENANT_ID, EF_DEMO_STAFF_EMAIL,
                                      EF_DEMO_STAFF_NAME, roles, demo_staff_password_hash, now,
                                      NULL, error) != 0;
}
