/* png-find NEEDLE.png HAYSTACK.png [--tolerance N]: where NEEDLE appears in
 * HAYSTACK, e.g. where desktop-shell put a window in a screenshot.
 *
 * A position matches when every pixel's red, green and blue each differ by at
 * most N (default 0) from the haystack's; alpha is ignored. Prints "found X,Y"
 * (the first match, top to bottom, then left to right) and exits 0; else
 * prints "not found (best: X,Y with K pixels differing)" and exits 1; exits 2
 * with one line on stderr on an error.
 *
 * PNGs are read with libpng, not cairo: cairo premultiplies, and weston's
 * screenshots carry a client's XRGB "X" byte as alpha, so through cairo a
 * pixel with X=0 would read as black. The best position of a miss is the
 * one with the fewest differing pixels among the few closest on a grid of
 * samples (sum of channel differences), so it is a good guess, not a proof.
 *
 * png-find --self-test: checks the search on generated PNGs (meson test). */
#include <errno.h>
#include <limits.h>
#include <png.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* An image as 0x00RRGGBB, rows top to bottom, no padding. */
struct pf_image {
	int width, height;
	uint32_t *pixels;
};

/* Needle pixels checked before a full comparison, in needle coordinates. */
struct pf_probe {
	int x, y;
};

enum {
	PF_GRID = 32,      /* samples checked before all pixels, per side */
	PF_KILLERS = 16,   /* pixels that recently refuted a candidate */
	PF_RANK_GRID = 16, /* samples ranking positions without a match */
	PF_BEST = 8,       /* closest positions then counted exactly */
};

struct pf_result {
	bool found;
	int x, y;       /* the match, or the best position of a miss */
	long differing; /* pixels differing at (x, y); 0 when found */
};

static void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p) {
		fprintf(stderr, "png-find: out of memory\n");
		abort();
	}
	return p;
}

struct pf_png_error {
	jmp_buf jmp;
	char msg[200];
};

static void
png_handle_error(png_structp png, png_const_charp msg)
{
	struct pf_png_error *err = png_get_error_ptr(png);

	snprintf(err->msg, sizeof(err->msg), "%s", msg);
	longjmp(err->jmp, 1);
}

static void
png_handle_warning(png_structp png, png_const_charp msg)
{
}

/* Loads PATH as 8-bit RGB whatever its PNG type, dropping alpha unapplied.
 * Returns 0, or -1 with a reason in ERR. */
static int
pf_image_load(struct pf_image *img, const char *path, char *err,
	      size_t err_size)
{
	struct pf_png_error perr = { .msg = "" };
	png_structp png = NULL;
	png_infop info = NULL;
	uint8_t *volatile rows = NULL;
	png_bytep *volatile row_ptrs = NULL;
	FILE *f;

	img->pixels = NULL;
	f = fopen(path, "rb");
	if (!f) {
		snprintf(err, err_size, "%s", strerror(errno));
		return -1;
	}
	png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &perr,
				     png_handle_error, png_handle_warning);
	if (png)
		info = png_create_info_struct(png);
	if (!info) {
		snprintf(err, err_size, "cannot set up libpng");
		goto fail;
	}
	if (setjmp(perr.jmp)) {
		snprintf(err, err_size, "not a readable PNG: %s", perr.msg);
		goto fail;
	}
	png_init_io(png, f);
	png_read_info(png, info);

	int type = png_get_color_type(png, info);
	if (type == PNG_COLOR_TYPE_PALETTE)
		png_set_palette_to_rgb(png);
	if (type == PNG_COLOR_TYPE_GRAY || type == PNG_COLOR_TYPE_GRAY_ALPHA) {
		png_set_expand_gray_1_2_4_to_8(png);
		png_set_gray_to_rgb(png);
	}
	png_set_strip_16(png);
	png_set_strip_alpha(png);
	png_set_interlace_handling(png);
	png_read_update_info(png, info);

	png_uint_32 w = png_get_image_width(png, info);
	png_uint_32 h = png_get_image_height(png, info);
	size_t row_bytes = png_get_rowbytes(png, info);
	if (w == 0 || h == 0 || w > 1 << 15 || h > 1 << 15 ||
	    row_bytes != (size_t)w * 3) {
		snprintf(err, err_size, "unsupported PNG (%ux%u)", w, h);
		goto fail;
	}
	rows = xmalloc(row_bytes * h);
	row_ptrs = xmalloc(sizeof(*row_ptrs) * h);
	for (png_uint_32 y = 0; y < h; y++)
		row_ptrs[y] = rows + y * row_bytes;
	png_read_image(png, row_ptrs);

	img->width = (int)w;
	img->height = (int)h;
	img->pixels = xmalloc(sizeof(uint32_t) * w * h);
	for (size_t i = 0; i < (size_t)w * h; i++) {
		const uint8_t *p = rows + i * 3;
		img->pixels[i] = (uint32_t)p[0] << 16 | p[1] << 8 | p[2];
	}
	free(row_ptrs);
	free(rows);
	png_destroy_read_struct(&png, &info, NULL);
	fclose(f);
	return 0;

fail:
	free(row_ptrs);
	free(rows);
	png_destroy_read_struct(&png, info ? &info : NULL, NULL);
	fclose(f);
	return -1;
}

static void
pf_image_finish(struct pf_image *img)
{
	free(img->pixels);
	img->pixels = NULL;
}

static inline bool
pixel_close(uint32_t a, uint32_t b, int tolerance)
{
	if (a == b)
		return true;
	for (int shift = 0; shift < 24; shift += 8) {
		int d = (int)(a >> shift & 0xff) - (int)(b >> shift & 0xff);
		if (d > tolerance || d < -tolerance)
			return false;
	}
	return true;
}

static inline bool
probe_close(const struct pf_image *needle, const struct pf_image *hay, int x,
	    int y, struct pf_probe p, int tolerance)
{
	return pixel_close(needle->pixels[p.y * needle->width + p.x],
			   hay->pixels[(y + p.y) * hay->width + x + p.x],
			   tolerance);
}

/* Pixels of NEEDLE differing from HAY at (X, Y), stopping past LIMIT. */
static long
count_differing(const struct pf_image *needle, const struct pf_image *hay,
		int x, int y, int tolerance, long limit)
{
	long n = 0;

	for (int ny = 0; ny < needle->height; ny++) {
		const uint32_t *a = needle->pixels + ny * needle->width;
		const uint32_t *b = hay->pixels + (y + ny) * hay->width + x;
		if (tolerance == 0 &&
		    memcmp(a, b, sizeof(*a) * needle->width) == 0)
			continue;
		for (int nx = 0; nx < needle->width; nx++)
			n += !pixel_close(a[nx], b[nx], tolerance);
		if (n > limit)
			break;
	}
	return n;
}

/* Full check of a candidate; on a miss, remembers the refuting pixel. */
static bool
matches(const struct pf_image *needle, const struct pf_image *hay, int x, int y,
	int tolerance, struct pf_probe *killers, int *n_killers)
{
	for (int ny = 0; ny < needle->height; ny++) {
		const uint32_t *a = needle->pixels + ny * needle->width;
		const uint32_t *b = hay->pixels + (y + ny) * hay->width + x;
		if (tolerance == 0 &&
		    memcmp(a, b, sizeof(*a) * needle->width) == 0)
			continue;
		for (int nx = 0; nx < needle->width; nx++) {
			if (pixel_close(a[nx], b[nx], tolerance))
				continue;
			memmove(killers + 1, killers,
				sizeof(*killers) * (PF_KILLERS - 1));
			killers[0] = (struct pf_probe){ nx, ny };
			if (*n_killers < PF_KILLERS)
				(*n_killers)++;
			return false;
		}
	}
	return true;
}

/* Fills GRID with up to N x N needle pixels spread evenly over it. */
static int
grid_build(struct pf_probe *grid, int n, const struct pf_image *needle)
{
	int gw = needle->width < n ? needle->width : n;
	int gh = needle->height < n ? needle->height : n;
	int count = 0;

	for (int j = 0; j < gh; j++)
		for (int i = 0; i < gw; i++)
			grid[count++] = (struct pf_probe){
				gw > 1 ? i * (needle->width - 1) / (gw - 1) : 0,
				gh > 1 ? j * (needle->height - 1) / (gh - 1)
				       : 0,
			};
	return count;
}

static bool
probes_close(const struct pf_image *needle, const struct pf_image *hay, int x,
	     int y, const struct pf_probe *probes, int n, int tolerance)
{
	for (int k = 0; k < n; k++)
		if (!probe_close(needle, hay, x, y, probes[k], tolerance))
			return false;
	return true;
}

/* Sum over PROBES of the channel differences at (X, Y), stopping past
 * LIMIT. */
static long
probes_distance(const struct pf_image *needle, const struct pf_image *hay,
		int x, int y, const struct pf_probe *probes, int n, long limit)
{
	long sum = 0;

	for (int k = 0; k < n && sum <= limit; k++) {
		uint32_t a =
		    needle->pixels[probes[k].y * needle->width + probes[k].x];
		uint32_t b = hay->pixels[(y + probes[k].y) * hay->width + x +
					 probes[k].x];
		for (int shift = 0; shift < 24; shift += 8)
			sum += abs((int)(a >> shift & 0xff) -
				   (int)(b >> shift & 0xff));
	}
	return sum;
}

/* The first match, top to bottom, then left to right: at each position the
 * pixels that refuted earlier candidates, then a grid of samples, then all
 * pixels. Without one, the positions closest on a coarser grid are counted
 * exactly and the best is returned. NEEDLE must fit in HAY. */
static struct pf_result
pf_search(const struct pf_image *needle, const struct pf_image *hay,
	  int tolerance)
{
	struct pf_probe grid[PF_GRID * PF_GRID], killers[PF_KILLERS];
	int n_grid = grid_build(grid, PF_GRID, needle), n_killers = 0;
	int max_x = hay->width - needle->width;
	int max_y = hay->height - needle->height;

	for (int y = 0; y <= max_y; y++)
		for (int x = 0; x <= max_x; x++)
			if (probes_close(needle, hay, x, y, killers, n_killers,
					 tolerance) &&
			    probes_close(needle, hay, x, y, grid, n_grid,
					 tolerance) &&
			    matches(needle, hay, x, y, tolerance, killers,
				    &n_killers))
				return (struct pf_result){ true, x, y, 0 };

	struct {
		int x, y;
		long distance;
	} best[PF_BEST];
	int n_best = 0;

	n_grid = grid_build(grid, PF_RANK_GRID, needle);
	for (int y = 0; y <= max_y; y++) {
		for (int x = 0; x <= max_x; x++) {
			long limit = n_best < PF_BEST
					 ? LONG_MAX
					 : best[PF_BEST - 1].distance - 1;
			long d = probes_distance(needle, hay, x, y, grid,
						 n_grid, limit);
			if (d > limit)
				continue;
			int at = n_best < PF_BEST ? n_best++ : PF_BEST - 1;
			while (at > 0 && best[at - 1].distance > d) {
				best[at] = best[at - 1];
				at--;
			}
			best[at].x = x;
			best[at].y = y;
			best[at].distance = d;
		}
	}

	struct pf_result r = { false, 0, 0, LONG_MAX };
	for (int i = 0; i < n_best; i++) {
		long n = count_differing(needle, hay, best[i].x, best[i].y,
					 tolerance, r.differing);
		if (n < r.differing)
			r = (struct pf_result){ false, best[i].x, best[i].y,
						n };
	}
	return r;
}

static int
usage(FILE *err)
{
	fprintf(err,
		"usage: png-find NEEDLE.png HAYSTACK.png [--tolerance N]\n");
	return 2;
}

/* The command line, output to OUT and ERR; returns the exit status. */
static int
png_find(int argc, char *argv[], FILE *out, FILE *err)
{
	const char *paths[2];
	int n_paths = 0, tolerance = 0;

	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *val = NULL;
		if (strcmp(arg, "--tolerance") == 0 || strcmp(arg, "-t") == 0) {
			if (++i == argc)
				return usage(err);
			val = argv[i];
		} else if (strncmp(arg, "--tolerance=", 12) == 0) {
			val = arg + 12;
		} else if (arg[0] == '-' && arg[1] != '\0') {
			return usage(err);
		} else if (n_paths < 2) {
			paths[n_paths++] = arg;
			continue;
		} else {
			return usage(err);
		}
		char *end;
		long t = strtol(val, &end, 10);
		if (*val == '\0' || *end != '\0' || t < 0 || t > 255) {
			fprintf(
			    err,
			    "png-find: --tolerance must be 0 to 255, not '%s'\n",
			    val);
			return 2;
		}
		tolerance = (int)t;
	}
	if (n_paths != 2)
		return usage(err);

	struct pf_image img[2];
	char why[256];
	for (int i = 0; i < 2; i++) {
		if (pf_image_load(&img[i], paths[i], why, sizeof(why)) < 0) {
			fprintf(err, "png-find: cannot read %s: %s\n", paths[i],
				why);
			if (i)
				pf_image_finish(&img[0]);
			return 2;
		}
	}

	int status;
	if (img[0].width > img[1].width || img[0].height > img[1].height) {
		fprintf(
		    err,
		    "png-find: the needle %s (%dx%d) is larger than the haystack %s (%dx%d)\n",
		    paths[0], img[0].width, img[0].height, paths[1],
		    img[1].width, img[1].height);
		status = 2;
	} else {
		struct pf_result r = pf_search(&img[0], &img[1], tolerance);
		if (r.found)
			fprintf(out, "found %d,%d\n", r.x, r.y);
		else
			fprintf(
			    out,
			    "not found (best: %d,%d with %ld pixels differing)\n",
			    r.x, r.y, r.differing);
		status = r.found ? 0 : 1;
	}
	pf_image_finish(&img[0]);
	pf_image_finish(&img[1]);
	return status;
}

/* --self-test: the command line's answers for PNGs written here with
 * libpng's simplified API, in the types png-find must read. */

struct st_ctx {
	const char *dir;
	char path[16][128]; /* files written, removed at the end */
	int n_paths;
	int checks, failures;
};

static uint32_t
st_noise(uint32_t x, uint32_t y)
{
	uint32_t h = x * 0x9e3779b1u ^ y * 0x85ebca77u;

	h ^= h >> 15;
	h *= 0x2c1b3c6du;
	h ^= h >> 12;
	return h & 0xffffff;
}

static struct pf_image
st_image(int w, int h, uint32_t (*fill)(uint32_t x, uint32_t y))
{
	struct pf_image img = { w, h, xmalloc(sizeof(uint32_t) * w * h) };

	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			img.pixels[y * w + x] = fill(x, y);
	return img;
}

static struct pf_image
st_crop(const struct pf_image *src, int x, int y, int w, int h)
{
	struct pf_image img = { w, h, xmalloc(sizeof(uint32_t) * w * h) };

	for (int j = 0; j < h; j++)
		memcpy(img.pixels + j * w,
		       src->pixels + (y + j) * src->width + x,
		       sizeof(uint32_t) * w);
	return img;
}

/* Writes IMG to NAME as FORMAT (GRAY takes the blue channel; RGBA gets
 * varying alpha, 0 included, which must be ignored) and returns the path. */
static const char *
st_write(struct st_ctx *st, const char *name, const struct pf_image *img,
	 png_uint_32 format)
{
	png_image png = {
		.version = PNG_IMAGE_VERSION,
		.width = (png_uint_32)img->width,
		.height = (png_uint_32)img->height,
		.format = format,
	};
	int channels = PNG_IMAGE_PIXEL_CHANNELS(format);
	size_t n = (size_t)img->width * img->height;
	uint8_t *buf = xmalloc(n * channels);
	char *path = st->path[st->n_paths++];

	for (size_t i = 0; i < n; i++) {
		uint32_t v = img->pixels[i];
		uint8_t *p = buf + i * channels;
		if (channels == 1) {
			p[0] = v & 0xff;
			continue;
		}
		p[0] = v >> 16;
		p[1] = v >> 8;
		p[2] = v;
		if (channels == 4)
			p[3] = (uint8_t)(i * 7);
	}
	snprintf(path, sizeof(st->path[0]), "%s/%s", st->dir, name);
	if (!png_image_write_to_file(&png, path, 0, buf, 0, NULL)) {
		fprintf(stderr, "png-find: self-test: cannot write %s: %s\n",
			path, png.message);
		exit(2);
	}
	free(buf);
	return path;
}

/* Runs the command line on ARGS (NULL-terminated) and checks its status
 * and the start of its output (stderr for status 2). */
static void
st_run(struct st_ctx *st, const char *what, int want_status,
       const char *want_out, const char *const *args)
{
	char *argv[8] = { "png-find" }, *out_text = NULL, *err_text = NULL;
	size_t out_len = 0, err_len = 0;
	int argc = 1;

	while (argc < 7 && args[argc - 1]) {
		argv[argc] = (char *)args[argc - 1];
		argc++;
	}
	FILE *out = open_memstream(&out_text, &out_len);
	FILE *err = open_memstream(&err_text, &err_len);
	int status = png_find(argc, argv, out, err);
	fclose(out);
	fclose(err);

	const char *got = want_status == 2 ? err_text : out_text;
	st->checks++;
	if (status == want_status &&
	    strncmp(got, want_out, strlen(want_out)) == 0) {
		printf("ok %s: %s", what, got);
	} else {
		st->failures++;
		printf(
		    "FAIL %s: status %d, stdout '%s', stderr '%s'; wanted %d and '%s'\n",
		    what, status, out_text, err_text, want_status, want_out);
	}
	free(out_text);
	free(err_text);
}

static uint32_t
st_flat(uint32_t x, uint32_t y)
{
	return 0x1e3c5a;
}

static uint32_t
st_gray(uint32_t x, uint32_t y)
{
	return (st_noise(x, y) & 0xff) * 0x010101;
}

static int
self_test(void)
{
	struct st_ctx st = { .n_paths = 0 };
	const char *tmp = getenv("TMPDIR");
	char dir[64];

	snprintf(dir, sizeof(dir), "%s/png-find.XXXXXX",
		 tmp && strlen(tmp) < 40 ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		fprintf(stderr, "png-find: self-test: cannot create %s: %s\n",
			dir, strerror(errno));
		return 2;
	}
	st.dir = dir;

	/* A screenshot-sized haystack of noise, with alpha, holding a
	 * window-sized needle, without. */
	struct pf_image hay = st_image(1024, 768, st_noise);
	struct pf_image needle = st_crop(&hay, 200, 150, 640, 480);
	const char *hay_png = st_write(&st, "hay.png", &hay, PNG_FORMAT_RGBA);
	const char *needle_png =
	    st_write(&st, "needle.png", &needle, PNG_FORMAT_RGB);
	st_run(&st, "exact", 0, "found 200,150\n",
	       (const char *[]){ needle_png, hay_png, NULL });

	/* One channel 2 off: found with a tolerance of 2, not of 1. */
	uint32_t *p = &needle.pixels[100 * 640 + 10];
	*p += (*p >> 8 & 0xff) < 0xfe ? 0x000200 : -0x000200;
	const char *off2_png =
	    st_write(&st, "off2.png", &needle, PNG_FORMAT_RGB);
	st_run(&st, "2 off, tolerance 1", 1,
	       "not found (best: 200,150 with 1 pixels differing)\n",
	       (const char *[]){ off2_png, hay_png, "--tolerance", "1", NULL });
	st_run(&st, "2 off, tolerance 2", 0, "found 200,150\n",
	       (const char *[]){ off2_png, hay_png, "--tolerance=2", NULL });

	/* Three pixels off: a miss whose best guess is the right place. */
	needle.pixels[0] ^= 0x800000;
	needle.pixels[640 * 480 - 1] ^= 0x000080;
	const char *off3_png =
	    st_write(&st, "off3.png", &needle, PNG_FORMAT_RGB);
	st_run(&st, "3 pixels off", 1,
	       "not found (best: 200,150 with 3 pixels differing)\n",
	       (const char *[]){ off3_png, hay_png, NULL });

	/* Gray PNGs; a needle in the bottom-right corner; an image in
	 * itself. */
	struct pf_image gray = st_image(300, 200, st_gray);
	struct pf_image corner = st_crop(&gray, 263, 195, 37, 5);
	const char *gray_png =
	    st_write(&st, "gray.png", &gray, PNG_FORMAT_GRAY);
	const char *corner_png =
	    st_write(&st, "corner.png", &corner, PNG_FORMAT_GRAY);
	st_run(&st, "gray corner", 0, "found 263,195\n",
	       (const char *[]){ corner_png, gray_png, NULL });
	st_run(&st, "itself", 0, "found 0,0\n",
	       (const char *[]){ gray_png, gray_png, NULL });

	/* A flat needle with one dot the sample grid misses, in a flat
	 * haystack: the refuting pixel must keep this fast. */
	struct pf_image flat = st_image(1024, 768, st_flat);
	struct pf_image dot = st_image(640, 480, st_flat);
	dot.pixels[479 * 640 + 333] = 0xffffff;
	const char *flat_png = st_write(&st, "flat.png", &flat, PNG_FORMAT_RGB);
	const char *dot_png = st_write(&st, "dot.png", &dot, PNG_FORMAT_RGB);
	st_run(&st, "flat with a dot", 1,
	       "not found (best: 0,0 with 1 pixels differing)\n",
	       (const char *[]){ dot_png, flat_png, NULL });

	/* Errors: one line on stderr, status 2. */
	char missing[128];
	snprintf(missing, sizeof(missing), "%s/missing.png", st.dir);
	st_run(&st, "missing file", 2, "png-find: cannot read",
	       (const char *[]){ missing, hay_png, NULL });
	st_run(&st, "not a PNG", 2, "png-find: cannot read",
	       (const char *[]){ "/proc/self/status", hay_png, NULL });
	st_run(&st, "needle larger", 2, "png-find: the needle",
	       (const char *[]){ hay_png, needle_png, NULL });
	st_run(&st, "bad tolerance", 2, "png-find: --tolerance",
	       (const char *[]){ needle_png, hay_png, "-t", "x", NULL });
	st_run(&st, "one file", 2,
	       "usage:", (const char *[]){ needle_png, NULL });

	for (int i = 0; i < st.n_paths; i++)
		unlink(st.path[i]);
	rmdir(st.dir);
	struct pf_image *images[] = {
		&hay, &needle, &gray, &corner, &flat, &dot
	};
	for (size_t i = 0; i < sizeof(images) / sizeof(images[0]); i++)
		pf_image_finish(images[i]);

	printf("%d passed, %d failed\n", st.checks - st.failures, st.failures);
	return st.failures ? 1 : 0;
}

int
main(int argc, char *argv[])
{
	if (argc == 2 && strcmp(argv[1], "--self-test") == 0)
		return self_test();
	return png_find(argc, argv, stdout, stderr);
}
