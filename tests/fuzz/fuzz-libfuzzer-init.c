/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-libfuzzer-init.c: the strict environment of the tests, for libFuzzer */

#define G_LOG_DOMAIN "EfFuzz"

#include "config.h"

#include <signal.h>
#include <stdlib.h>

#include "fuzz-target.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);

/* A fatal message ends in a breakpoint (SIGTRAP), which libFuzzer does not
 * catch: made an abort, it writes the input that caused it. */
static void
on_trap (int signum)
{
  signal (SIGTRAP, SIG_DFL);
  abort ();
}

/* A parser must not warn or be critical about bad input: under libFuzzer
 * that is a crash, as it is under meson test (G_DEBUG=fatal-criticals). */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  signal (SIGTRAP, on_trap);
  g_setenv ("G_SLICE", "always-malloc", TRUE);
  g_setenv ("G_DEBUG", "gc-friendly", TRUE);

  return 0;
}
