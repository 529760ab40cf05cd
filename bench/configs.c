/* vv-bench's configurations: the rows of the table, each a path, a guest
 * size, a cursor, a pacing and a guest (README.md, "Configurations"). */
#include "bench.h"

#include <string.h>

/* Every comparison the targets make is in one run: zero-copy at
 * three sizes (cursor still and moving), the shm-import and copy paths
 * beside it, the three pacings at 1080p and 4K, and the throughput runs
 * ("as fast as commits arrive"). Combinations that add nothing (shm and
 * copy with a still cursor, or with other pacings than the baseline's)
 * are left out. */
const struct bench_config bench_configs[] = {
	{ "zero-copy-720p-still-frame", BP_ZERO_COPY, 1280, 720, false, "frame",
	  BG_60HZ, true },
	{ "zero-copy-720p-moving-frame", BP_ZERO_COPY, 1280, 720, true, "frame",
	  BG_60HZ, false },
	{ "zero-copy-1080p-still-frame", BP_ZERO_COPY, 1920, 1080, false,
	  "frame", BG_60HZ, false },
	{ "zero-copy-1080p-noflips-frame", BP_ZERO_COPY, 1920, 1080, false,
	  "frame", BG_STATIC, false },
	{ "zero-copy-1080p-moving-frame", BP_ZERO_COPY, 1920, 1080, true,
	  "frame", BG_60HZ, true },
	{ "zero-copy-1080p-moving-timer30", BP_ZERO_COPY, 1920, 1080, true,
	  "timer:30", BG_60HZ, true },
	{ "zero-copy-1080p-moving-deadline", BP_ZERO_COPY, 1920, 1080, true,
	  "deadline", BG_60HZ, true },
	{ "zero-copy-1080p-moving-deadline3", BP_ZERO_COPY, 1920, 1080, true,
	  "deadline:3", BG_60HZ, false },
	{ "zero-copy-4k-still-frame", BP_ZERO_COPY, 3840, 2160, false, "frame",
	  BG_60HZ, true },
	{ "zero-copy-4k-moving-frame", BP_ZERO_COPY, 3840, 2160, true, "frame",
	  BG_60HZ, false },
	{ "zero-copy-4k-moving-timer30", BP_ZERO_COPY, 3840, 2160, true,
	  "timer:30", BG_60HZ, false },
	{ "zero-copy-4k-moving-deadline", BP_ZERO_COPY, 3840, 2160, true,
	  "deadline", BG_60HZ, false },
	{ "shm-720p-moving-frame", BP_SHM, 1280, 720, true, "frame", BG_60HZ,
	  false },
	{ "shm-1080p-moving-frame", BP_SHM, 1920, 1080, true, "frame", BG_60HZ,
	  false },
	{ "shm-4k-moving-frame", BP_SHM, 3840, 2160, true, "frame", BG_60HZ,
	  false },
	{ "copy-720p-moving-frame", BP_COPY_TILED, 1280, 720, true, "frame",
	  BG_60HZ, false },
	{ "copy-1080p-moving-frame", BP_COPY_TILED, 1920, 1080, true, "frame",
	  BG_60HZ, false },
	{ "copy-1080p-region-frame", BP_COPY_REGION, 1920, 1080, false, "frame",
	  BG_60HZ, false },
	{ "copy-1080p-region-timer30", BP_COPY_REGION, 1920, 1080, false,
	  "timer:30", BG_60HZ, false },
	{ "copy-4k-moving-frame", BP_COPY_TILED, 3840, 2160, true, "frame",
	  BG_60HZ, true },
	{ "zero-copy-720p-chase", BP_ZERO_COPY, 1280, 720, false, "frame",
	  BG_CHASE, false },
	{ "zero-copy-4k-chase", BP_ZERO_COPY, 3840, 2160, false, "frame",
	  BG_CHASE, false },
	{ "shm-4k-chase", BP_SHM, 3840, 2160, false, "frame", BG_CHASE, false },
	{ "copy-4k-chase", BP_COPY_TILED, 3840, 2160, false, "frame", BG_CHASE,
	  false },
};
const size_t bench_n_configs = sizeof(bench_configs) / sizeof(bench_configs[0]);

const char *
bench_path_name(enum bench_path p)
{
	switch (p) {
	case BP_ZERO_COPY:
		return "zero-copy";
	case BP_SHM:
		return "shm-import";
	case BP_COPY_TILED:
		return "copy (X-tiled)";
	case BP_COPY_REGION:
		return "copy (mdpy region)";
	case BP_COUNT:
		break;
	}
	return "?";
}

const struct bench_config *
bench_config_find(const char *name)
{
	for (size_t i = 0; i < bench_n_configs; i++)
		if (strcmp(bench_configs[i].name, name) == 0)
			return &bench_configs[i];
	return NULL;
}
