/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-credentials.h: what "remember me" keeps, in the Secret Service */

#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/* Seconds a keyring operation may take before it is given up. */
#define EF_CREDENTIALS_DEFAULT_TIMEOUT 5

/* What a remembered secret is. */
typedef enum {
  EF_SECRET_PASSWORD,      /* the password (a portal without device tokens) */
  EF_SECRET_DEVICE_TOKEN,  /* the portal's token for this device */
} EfSecretKind;

#define EF_TYPE_CREDENTIALS (ef_credentials_get_type ())
G_DECLARE_FINAL_TYPE (EfCredentials, ef_credentials, EF, CREDENTIALS, GObject)

const SecretSchema *ef_credentials_get_schema             (void);

EfCredentials      *ef_credentials_new                    (void);
gboolean            ef_credentials_get_checked            (EfCredentials        *self);
gboolean            ef_credentials_get_available          (EfCredentials        *self);
const char         *ef_credentials_get_unavailable_reason (EfCredentials        *self);
guint               ef_credentials_get_timeout            (EfCredentials        *self);
void                ef_credentials_set_timeout            (EfCredentials        *self,
                                                           guint                 seconds);

void                ef_credentials_check_async            (EfCredentials        *self,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean            ef_credentials_check_finish           (EfCredentials        *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

void                ef_credentials_store_async            (EfCredentials        *self,
                                                           const char           *portal_url,
                                                           const char           *email,
                                                           const char           *password,
                                                           EfSecretKind          kind,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean            ef_credentials_store_finish           (EfCredentials        *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

void                ef_credentials_lookup_async           (EfCredentials        *self,
                                                           const char           *portal_url,
                                                           const char           *email,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean            ef_credentials_lookup_finish          (EfCredentials        *self,
                                                           GAsyncResult         *result,
                                                           char                **email,
                                                           char                **password,
                                                           EfSecretKind         *kind,
                                                           GError              **error);

void                ef_credentials_clear_async            (EfCredentials        *self,
                                                           const char           *portal_url,
                                                           const char           *email,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean            ef_credentials_clear_finish           (EfCredentials        *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

/* For a worker thread: they block. */
gboolean            ef_credentials_lookup_sync            (EfCredentials        *self,
                                                           const char           *portal_url,
                                                           GCancellable         *cancellable,
                                                           char                **email,
                                                           char                **secret,
                                                           EfSecretKind         *kind,
                                                           GError              **error);
gboolean            ef_credentials_store_device_sync      (EfCredentials        *self,
                                                           const char           *portal_url,
                                                           const char           *email,
                                                           const char           *device_token,
                                                           GCancellable         *cancellable,
                                                           GError              **error);

void                ef_credentials_password_free          (char                 *password);

G_END_DECLS
