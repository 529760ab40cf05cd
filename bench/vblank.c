/* The test compositor's 60 Hz vblank grid, on which both the table's
 * flip→screen and the cursor's motion→screen place what they measure. */
#include "bench.h"

/* Vblank n of the compositor's 60 Hz grid is ⌈n × 10⁹ / 60⌉ ns after its
 * epoch (tests/README.md, "Repaint timing"). */
uint64_t
vblank_offset(uint64_t n)
{
	return (n * NS_PER_S + 59) / 60;
}

/* The first vblank of the grid at or after @t. */
uint64_t
vblank_at_or_after(uint64_t epoch, uint64_t t)
{
	uint64_t n = (t - epoch) * 60 / NS_PER_S;

	while (epoch + vblank_offset(n) < t)
		n++;
	return epoch + vblank_offset(n);
}
