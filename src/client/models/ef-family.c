/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-family.c: the family (foyer) of the signed-in account */

#define G_LOG_DOMAIN "EfModels"

#include "config.h"

#include "ef-family.h"
#include "ef-model-util.h"

struct _EfFamily
{
  GObject     parent_instance;

  gint64      id;
  char       *name;
  EfAddress  *address;
  GListModel *members;
};

G_DEFINE_FINAL_TYPE (EfFamily, ef_family, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ADDRESS,
  PROP_MEMBERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Where each property lives (see ef-model-util.c). */
static const gsize field_offsets[N_PROPS] = {
  [PROP_ID] = G_STRUCT_OFFSET (EfFamily, id),
  [PROP_NAME] = G_STRUCT_OFFSET (EfFamily, name),
  [PROP_ADDRESS] = G_STRUCT_OFFSET (EfFamily, address),
  [PROP_MEMBERS] = G_STRUCT_OFFSET (EfFamily, members),
};

static void
ef_family_dispose (GObject *object)
{
  EfFamily *self = EF_FAMILY (object);

  g_clear_object (&self->address);
  g_clear_object (&self->members);

  G_OBJECT_CLASS (ef_family_parent_class)->dispose (object);
}

static void
ef_family_constructed (GObject *object)
{
  EfFamily *self = EF_FAMILY (object);

  G_OBJECT_CLASS (ef_family_parent_class)->constructed (object);

  /* Never NULL, so that views can always bind to it. */
  if (self->members == NULL)
    self->members = G_LIST_MODEL (g_list_store_new (EF_TYPE_MEMBER));
}

static void
ef_family_class_init (EfFamilyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ef_family_constructed;
  object_class->dispose = ef_family_dispose;

  /**
   * EfFamily:id:
   *
   * The family's id on the portal.
   */
  properties[PROP_ID] = _ef_model_param_natural ("id");

  /**
   * EfFamily:name:
   *
   * The name the town hall gave the family ("Famille Martin").
   */
  properties[PROP_NAME] = _ef_model_param_string ("name");

  /**
   * EfFamily:address:
   *
   * The household's address, kept by the town hall.
   */
  properties[PROP_ADDRESS] =
    g_param_spec_object ("address", NULL, NULL,
                         EF_TYPE_ADDRESS,
                         EF_MODEL_PROPERTY_FLAGS);

  /**
   * EfFamily:members:
   *
   * The members in the town hall's order, a #GListModel of #EfMember.
   */
  properties[PROP_MEMBERS] = _ef_model_param_list ("members");

  _ef_model_class_install_properties (object_class, N_PROPS, properties, field_offsets);
}

static void
ef_family_init (EfFamily *self)
{
}

gint64
ef_family_get_id (EfFamily *self)
{
  g_return_val_if_fail (EF_IS_FAMILY (self), 0);

  return self->id;
}

const char *
ef_family_get_name (EfFamily *self)
{
  g_return_val_if_fail (EF_IS_FAMILY (self), NULL);

  return self->name;
}

/**
 * ef_family_get_address:
 * @self: a #EfFamily
 *
 * Returns: (transfer none): the household's address
 */
EfAddress *
ef_family_get_address (EfFamily *self)
{
  g_return_val_if_fail (EF_IS_FAMILY (self), NULL);

  return self->address;
}

/**
 * ef_family_get_members:
 * @self: a #EfFamily
 *
 * Returns: (transfer none): a #GListModel of #EfMember
 */
GListModel *
ef_family_get_members (EfFamily *self)
{
  g_return_val_if_fail (EF_IS_FAMILY (self), NULL);

  return self->members;
}

/**
 * ef_family_find_member:
 * @self: an #EfFamily
 * @member_id: a member's id
 *
 * Returns: (transfer none) (nullable): the member, or %NULL
 */
EfMember *
ef_family_find_member (EfFamily *self,
                       gint64    member_id)
{
  guint n;

  g_return_val_if_fail (EF_IS_FAMILY (self), NULL);

  n = g_list_model_get_n_items (self->members);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (EfMember) member = g_list_model_get_item (self->members, i);

      if (ef_member_get_id (member) == member_id)
        return member;
    }

  return NULL;
}
