/* pattern-check FILE.png SEED: counts the pixels of FILE.png that differ
 * from kernel-e2e's guest pattern pat(SEED, x, y) (guest-probe.c), the
 * image the probe draws before it runs the viewer. Exit 0 iff none. */
#include <cairo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t
pat(unsigned seed, unsigned x, unsigned y)
{
	return ((x * 7 + seed * 13) & 255) << 16 | ((y * 3 + seed) & 255) << 8 |
	       ((x ^ y ^ seed) & 255);
}

int
main(int argc, char *argv[])
{
	if (argc != 3) {
		fprintf(stderr, "usage: pattern-check FILE.png SEED\n");
		return 2;
	}
	cairo_surface_t *s = cairo_image_surface_create_from_png(argv[1]);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "pattern-check: %s: %s\n", argv[1],
			cairo_status_to_string(cairo_surface_status(s)));
		return 2;
	}
	unsigned seed = (unsigned)atoi(argv[2]), bad = 0;
	int w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	const uint8_t *d = cairo_image_surface_get_data(s);

	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			uint32_t v;
			memcpy(&v, d + y * stride + x * 4, 4);
			bad += (v & 0xffffff) != pat(seed, x, y);
		}
	printf("%s: %dx%d, %u of %d pixels differ from pattern seed %u\n",
	       argv[1], w, h, bad, w * h, seed);
	cairo_surface_destroy(s);
	return bad ? 1 : 0;
}
