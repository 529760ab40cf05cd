/*
 * png-check: asserts about a screenshot, for the compositor's tests.
 *   png-check FILE size W H
 *   png-check FILE color X Y W H 0xRRGGBB      every pixel is that colour
 *   png-check FILE pattern X Y W H SRC_W SRC_H the test pattern of a
 *       SRC_W x SRC_H image scaled NEAREST to W x H (1:1 when equal)
 *   png-check FILE differs X Y W H 0xRRGGBB    at least 95% of the pixels
 *       differ from that colour
 * Exit 0 when it holds; else 1 and the first wrong pixel on stderr.
 */
#include <cairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-pattern.h"

static long
arg(const char *text)
{
	char *end;
	long v = strtol(text, &end, 0);

	if (*end != '\0') {
		fprintf(stderr, "png-check: '%s' is not a number\n", text);
		exit(2);
	}
	return v;
}

int
main(int argc, char *argv[])
{
	if (argc < 5) {
		fprintf(
		    stderr,
		    "usage: png-check FILE size|color|pattern|differs ...\n");
		return 2;
	}
	cairo_surface_t *png = cairo_image_surface_create_from_png(argv[1]);
	if (cairo_surface_status(png) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "png-check: cannot read %s: %s\n", argv[1],
			cairo_status_to_string(cairo_surface_status(png)));
		cairo_surface_destroy(png);
		return 2;
	}
	int pw = cairo_image_surface_get_width(png);
	int ph = cairo_image_surface_get_height(png);
	int stride = cairo_image_surface_get_stride(png);
	const uint8_t *data = cairo_image_surface_get_data(png);
	const char *what = argv[2];
	int ret = 0;

	if (strcmp(what, "size") == 0) {
		if (pw != arg(argv[3]) || ph != arg(argv[4])) {
			fprintf(stderr,
				"png-check: %s is %dx%d, expected %sx%s\n",
				argv[1], pw, ph, argv[3], argv[4]);
			ret = 1;
		}
		goto out;
	}
	if (argc < 8) {
		fprintf(stderr, "png-check: %s needs X Y W H and more\n", what);
		ret = 2;
		goto out;
	}
	long x0 = arg(argv[3]), y0 = arg(argv[4]);
	long w = arg(argv[5]), h = arg(argv[6]);
	if (x0 < 0 || y0 < 0 || w <= 0 || h <= 0 || x0 + w > pw ||
	    y0 + h > ph) {
		fprintf(
		    stderr,
		    "png-check: rectangle %ld,%ld %ldx%ld is outside the %dx%d image\n",
		    x0, y0, w, h, pw, ph);
		ret = 2;
		goto out;
	}
	long src_w = w, src_h = h, differing = 0;
	uint32_t color = 0;
	if (strcmp(what, "pattern") == 0) {
		if (argc < 9) {
			fprintf(stderr,
				"png-check: pattern needs SRC_W SRC_H\n");
			ret = 2;
			goto out;
		}
		src_w = arg(argv[7]);
		src_h = arg(argv[8]);
	} else if (strcmp(what, "color") == 0 || strcmp(what, "differs") == 0) {
		color = (uint32_t)arg(argv[7]) & 0xffffff;
	} else {
		fprintf(stderr, "png-check: unknown check %s\n", what);
		ret = 2;
		goto out;
	}
	for (long j = 0; j < h; j++) {
		for (long i = 0; i < w; i++) {
			uint32_t got =
			    ((const uint32_t *)(data +
						(y0 + j) * stride))[x0 + i] &
			    0xffffff;
			uint32_t want = color;

			if (strcmp(what, "differs") == 0) {
				differing += got != color;
				continue;
			}
			if (strcmp(what, "pattern") == 0)
				/* pixel centres, as the compositor samples */
				want = tc_test_pattern(
					   (uint32_t)((2 * i + 1) * src_w /
						      (2 * w)),
					   (uint32_t)((2 * j + 1) * src_h /
						      (2 * h))) &
				       0xffffff;
			if (got != want) {
				fprintf(
				    stderr,
				    "png-check: %s: pixel %ld,%ld is 0x%06x, expected 0x%06x (%s)\n",
				    argv[1], x0 + i, y0 + j, got, want, what);
				ret = 1;
				goto out;
			}
		}
	}
	if (strcmp(what, "differs") == 0 && differing * 100 < w * h * 95) {
		fprintf(
		    stderr,
		    "png-check: %s: only %ld of %ld pixels differ from 0x%06x\n",
		    argv[1], differing, w * h, color);
		ret = 1;
	}
out:
	cairo_surface_destroy(png);
	return ret;
}
