/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-state-stack.h: a list or content with its loading, empty and error states */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define EF_TYPE_STATE_STACK (ef_state_stack_get_type ())
G_DECLARE_FINAL_TYPE (EfStateStack, ef_state_stack, EF, STATE_STACK, GtkWidget)

GtkWidget  *ef_state_stack_new                   (void);
GtkWidget  *ef_state_stack_get_child             (EfStateStack *self);
void        ef_state_stack_set_child             (EfStateStack *self,
                                                  GtkWidget    *child);
const char *ef_state_stack_get_state             (EfStateStack *self);
void        ef_state_stack_set_state             (EfStateStack *self,
                                                  const char   *state);
void        ef_state_stack_show_error            (EfStateStack *self,
                                                  const char   *message);
const char *ef_state_stack_get_empty_title       (EfStateStack *self);
void        ef_state_stack_set_empty_title       (EfStateStack *self,
                                                  const char   *title);

G_END_DECLS
