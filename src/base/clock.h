/* The one clock: CLOCK_MONOTONIC, in nanoseconds. Every deadline, age and
 * rate in the viewer is measured on it, so they compare with each other and
 * with the loop's absolute timerfd deadlines. */
#ifndef VV_CLOCK_H
#define VV_CLOCK_H

#include <stdint.h>

#define VV_NS_PER_S 1000000000ull

/* CLOCK_MONOTONIC now, in ns. */
uint64_t vv_now_ns(void);

#endif
