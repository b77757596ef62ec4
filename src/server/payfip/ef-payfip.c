/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ef-payfip.c: which payment provider a tenant uses */

#define G_LOG_DOMAIN "EfServer"

#include "config.h"

#include "store/ef-store-payfip.h"
#include "ef-payfip.h"

#define SIMULATOR_KEY "ef-payfip-simulator"

EfPayfipSimulator *
ef_payfip_get_simulator (EfServer *server)
{
  EfPayfipSimulator *simulator;

  g_return_val_if_fail (EF_IS_SERVER (server), NULL);

  simulator = g_object_get_data (G_OBJECT (server), SIMULATOR_KEY);
  if (simulator == NULL)
    {
      simulator = ef_payfip_simulator_new (server);
      g_object_set_data_full (G_OBJECT (server), SIMULATOR_KEY, simulator, g_object_unref);
    }
  return simulator;
}

EfPaymentProvider *
ef_payfip_get_provider (EfServer   *server,
                        const char *name)
{
  g_return_val_if_fail (EF_IS_SERVER (server), NULL);

  if (g_strcmp0 (name, EF_PAYFIP_PROVIDER_SIMULATOR) == 0)
    return EF_PAYMENT_PROVIDER (ef_payfip_get_simulator (server));
  return NULL;
}

SoupSession *
ef_payfip_session_new (void)
{
  /* The notifications go to this very server, usually on loopback: a
   * proxy from the environment must not see them. */
  return soup_session_new_with_options ("proxy-resolver", NULL,
                                        "timeout", 30,
                                        "user-agent", PACKAGE_NAME "-server/" PACKAGE_VERSION " ",
                                        NULL);
}
