/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-store-reminders.h: reminders by e-mail — what each parent asked for,
 * and what `remind` already sent
 *
 * Instants are UTC Unix seconds.
 */

#pragma once

#include "ef-common.h"
#include "ef-store.h"

G_BEGIN_DECLS

#define EF_REMINDERS_DEFAULT_HOURS 24
#define EF_REMINDERS_MAX_HOURS 168

/**
 * EfAccountReminders:
 * @deadlines: a mail when the deadline of a reserved day is near
 * @due_dates: a mail when an invoice still to pay is due within three days
 * @hours_before: how long before a deadline (1–168)
 *
 * What a parent asked for; all off, 24 hours, until the parent says.
 */
typedef struct {
  gboolean deadlines;
  gboolean due_dates;
  guint    hours_before;
} EfAccountReminders;

/**
 * EfReminderRecipient:
 * @account_id: the parent's account
 * @family_id: its family
 * @email: where the mail goes
 * @reminders: what the parent asked for (at least one on)
 */
typedef struct {
  gint64              account_id;
  gint64              family_id;
  char               *email;
  EfAccountReminders  reminders;
} EfReminderRecipient;

void       ef_reminder_recipient_free        (EfReminderRecipient *recipient);

gboolean   ef_store_get_account_reminders    (EfStore                  *self,
                                              gint64                    account_id,
                                              EfAccountReminders       *reminders,
                                              GError                  **error);
gboolean   ef_store_set_account_reminders    (EfStore                  *self,
                                              gint64                    account_id,
                                              const EfAccountReminders *reminders,
                                              gint64                    now,
                                              GError                  **error);
/* Of EfReminderRecipient: the parents of @tenant_id who asked for a
 * reminder, by account. */
GPtrArray *ef_store_list_reminder_recipients (EfStore                  *self,
                                              const char               *tenant_id,
                                              GError                  **error);
/* Of char *: the ids of every tenant, in order. */
GPtrArray *ef_store_list_tenant_ids          (EfStore                  *self,
                                              GError                  **error);
/* Whether @key (e.g. "due:12") was already sent to @account_id. */
gboolean   ef_store_reminder_was_sent        (EfStore                  *self,
                                              gint64                    account_id,
                                              const char               *key,
                                              gboolean                 *sent,
                                              GError                  **error);
/* Inside a write transaction (ef_store_begin_write()). */
gboolean   ef_store_mark_reminder_sent       (EfStore                  *self,
                                              gint64                    account_id,
                                              const char               *key,
                                              gint64                    now,
                                              GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EfReminderRecipient, ef_reminder_recipient_free)

G_END_DECLS
