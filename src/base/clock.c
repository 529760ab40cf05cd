#include "clock.h"

#include <time.h>

uint64_t
vv_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * VV_NS_PER_S + (uint64_t)ts.tv_nsec;
}
