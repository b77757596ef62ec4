/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-libfuzzer-init.c: the strict environment of the tests, for libFuzzer */

#define G_LOG_DOMAIN "EfFuzz"

#include "config.h"

#include "fuzz-target.h"

int LLVMFuzzerInitialize (int    *argc,
                          char ***argv);

/* LeakSanitizer reads this when the program is built with it. json-glib
 * 1.6 leaks the partly built second value when a document has two
 * ("[] [1]"): not ours, but libFuzzer would stop on it at once. The price:
 * a leak of ours of a node built by that parser would be hidden too. */
const char *__lsan_default_suppressions (void);
const char *__asan_default_options (void);

/* json-glib has no frame pointers: without the slow unwinder the stack of
 * an allocation stops at g_malloc() and the suppression cannot match. */
const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0:malloc_context_size=20";
}

const char *
__lsan_default_suppressions (void)
{
  return "leak:json_parser_load_from_data\n";
}

/* A parser must not warn or be critical about bad input: under libFuzzer
 * that is a crash, as it is under meson test (G_DEBUG=fatal-criticals). */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("G_SLICE", "always-malloc", TRUE);
  g_setenv ("G_DEBUG", "gc-friendly", TRUE);

  return 0;
}
