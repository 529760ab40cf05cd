/* The emulated device's command-line tool (tests/emu: vv-emu add, mode,
 * draw, flip, cursor), as the runs and the calibration set a device up. */
#include "bench.h"

#include <assert.h>
#include <stdio.h>

int
emu_tool_run(const struct bench_opts *o, const char *root, const char *dir,
	     const char *const *args)
{
	const char *argv[16] = { o->emu_tool };
	char env_root[1100], log[1100];
	size_t n = 0;

	for (; args[n]; n++) {
		/* a fixed list in the caller's code: a programmer's error */
		assert(n + 2 < sizeof(argv) / sizeof(argv[0]));
		argv[n + 1] = args[n];
	}
	argv[n + 1] = NULL;
	snprintf(env_root, sizeof(env_root), "VV_EMU_ROOT=%s", root);
	snprintf(log, sizeof(log), "%s/vv-emu.log", dir);
	const char *env[] = { env_root, NULL };
	return run_wait(argv, env, log);
}
