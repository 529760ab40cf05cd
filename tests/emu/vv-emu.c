/* vv-emu: the control tool of the emulated VFIO display device. It plays
 * the guest (modes, drawing, flips, cursor) and the test's hand (errors,
 * garbage, removal) on the device state under $VV_EMU_ROOT, which the
 * preloaded viewer sees at once. See README.md for every command. */
#include "vv-emu.h"
#include "emu-device.h"
#include "emu-format.h"

#include <drm_fourcc.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int
tool_err(const char *fmt, ...)
{
	va_list ap;
	fputs("vv-emu: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

int
tool_lock(const struct emu_ctx *ctx, const char *uuid, struct emu_dev *dev)
{
	int r = emu_state_lock(ctx->root, uuid, dev);
	if (r)
		return tool_err("no device %s under %s: %s", uuid, ctx->root,
				strerror(-r));
	return 0;
}

void *
tool_map_fb(const char *path, uint64_t size)
{
	int fd = emu_fb_open(path, size, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		errno = -fd;
		return NULL;
	}
	void *m =
	    emu_sys_mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	return m == MAP_FAILED ? NULL : m;
}

static bool
parse_u32(const char *s, uint32_t *out)
{
	char *end;
	long long v = strtoll(s, &end, 0);
	if (!*s || *end || v < INT32_MIN || v > UINT32_MAX)
		return false;
	*out = (uint32_t)v; /* -1 -> 0xffffffff */
	return true;
}

/* Draws @seed into plane @p of type @type (1 primary, 2 cursor). */
static int
draw(const struct emu_ctx *ctx, struct emu_state *s, int type,
     struct emu_plane *p, uint32_t seed)
{
	char path[EMU_PATH_MAX];
	if (!p->width || !p->height)
		return tool_err("%s: no %s mode to draw into", s->uuid,
				type == 2 ? "cursor" : "primary");
	uint64_t size = emu_fb_size(s, p);
	if (emu_fb_path(path, ctx->root, s, type, p))
		return tool_err("path too long");
	uint8_t *m = tool_map_fb(path, size);
	if (!m)
		return tool_err("%s: %s", path, strerror(errno));
	int r = emu_encode_plane(m, size, p, seed, type == 2);
	munmap(m, size);
	if (r)
		return tool_err("%s: cannot draw %ux%u stride %u", s->uuid,
				p->width, p->height, p->stride);
	p->seed = seed;
	return 0;
}

static bool
gvt_format(uint32_t f)
{
	switch (f) {
	case DRM_FORMAT_XRGB8888:
	case DRM_FORMAT_XBGR8888:
	case DRM_FORMAT_XRGB2101010:
	case DRM_FORMAT_XBGR2101010:
	case DRM_FORMAT_RGB565:
	case DRM_FORMAT_C8:
	case DRM_FORMAT_YUYV:
		return true;
	}
	return false;
}

/* mode UUID WxH [--format F] [--modifier M] [--stride N] [--offset N] */
static int
cmd_mode(const struct emu_ctx *ctx, int argc, char **argv)
{
	struct emu_plane p = { .enabled = 1, .fourcc = DRM_FORMAT_XRGB8888 };
	struct emu_dev dev;
	uint32_t stride = 0, tw, th;
	uint64_t offset = 0;
	if (argc < 3 || sscanf(argv[2], "%ux%u", &p.width, &p.height) != 2)
		return tool_err(
		    "usage: vv-emu mode UUID WxH [--format FOURCC] [--modifier LINEAR|X_TILED|Y_TILED|Yf_TILED] [--stride N] [--offset N]");
	for (int i = 3; i + 1 < argc; i += 2) {
		const char *o = argv[i], *v = argv[i + 1];
		bool ok = true;
		if (!strcmp(o, "--format"))
			ok = emu_format_parse(v, &p.fourcc);
		else if (!strcmp(o, "--modifier"))
			ok = emu_modifier_parse(v, &p.modifier);
		else if (!strcmp(o, "--stride"))
			ok = parse_u32(v, &stride);
		else if (!strcmp(o, "--offset"))
			offset = strtoull(v, NULL, 0);
		else
			ok = false;
		if (!ok)
			return tool_err("mode: bad option %s %s", o, v);
	}
	if ((argc - 3) % 2)
		return tool_err("mode: option %s needs a value",
				argv[argc - 1]);
	if (tool_lock(ctx, argv[1], &dev))
		return 1;
	struct emu_state *s = dev.s;
	int r = 0;
	uint32_t cpp = emu_format_cpp(p.fourcc);
	emu_tile_size(p.modifier, &tw, &th);
	if (s->profile == EMU_MDPY || s->profile == EMU_MTTY) {
		r = tool_err("%s: %s has no mode to set", s->uuid,
			     emu_profile_name(s->profile));
	} else if (s->profile == EMU_MBOCHS &&
		   p.modifier != DRM_FORMAT_MOD_LINEAR) {
		r = tool_err("mbochs planes are linear");
	} else if (s->profile == EMU_GVT && !gvt_format(p.fourcc)) {
		r = tool_err("gvt has no format 0x%08x", p.fourcc);
	} else {
		/* bochs: virt_width * bytes per pixel; i915: a whole number
		 * of tiles, 64-byte units when linear (fb_decoder.c) */
		uint32_t unit = s->profile == EMU_GVT ? (tw > 1 ? tw : 64) : 1;
		p.stride = stride ? stride
				  : (p.width * (cpp ? cpp : 4) + unit - 1) /
					unit * unit;
		p.offset = offset;
		s->primary = p;
	}
	emu_state_unlock(&dev);
	return r;
}

static int
cmd_draw(const struct emu_ctx *ctx, int argc, char **argv)
{
	struct emu_dev dev;
	uint32_t seed;
	if (argc != 3 || !parse_u32(argv[2], &seed))
		return tool_err("usage: vv-emu draw UUID SEED");
	if (tool_lock(ctx, argv[1], &dev))
		return 1;
	int r = draw(ctx, dev.s, 1, &dev.s->primary, seed);
	emu_state_unlock(&dev);
	return r;
}

/* flip UUID [--seed S]: the other buffer, as bochs-drm flips y_offset */
static int
cmd_flip(const struct emu_ctx *ctx, int argc, char **argv)
{
	struct emu_dev dev;
	uint32_t seed = 0;
	bool have_seed = argc == 4 && !strcmp(argv[2], "--seed") &&
			 parse_u32(argv[3], &seed);
	if (argc != 2 && !have_seed)
		return tool_err("usage: vv-emu flip UUID [--seed S]");
	if (tool_lock(ctx, argv[1], &dev))
		return 1;
	struct emu_state *s = dev.s;
	struct emu_plane p = s->primary;
	int r;
	if (s->profile != EMU_MBOCHS && s->profile != EMU_GVT) {
		r = tool_err("%s cannot flip", emu_profile_name(s->profile));
	} else {
		uint64_t buf =
		    ((uint64_t)emu_plane_size(s, &p) + 4095) & ~4095ull;
		p.offset = p.offset ? 0 : buf;
		r = draw(ctx, s, 1, &p, have_seed ? seed : p.seed + 1);
		if (!r)
			s->primary = p;
	}
	emu_state_unlock(&dev);
	return r;
}

/* cursor UUID X Y HOTX HOTY [--size N] [--seed S] | cursor UUID off */
static int
cmd_cursor(const struct emu_ctx *ctx, int argc, char **argv)
{
	struct emu_dev dev;
	struct emu_plane c = { .enabled = 1,
			       .fourcc = DRM_FORMAT_ARGB8888,
			       .width = 64,
			       .offset = GVT_CURSOR_BASE };
	uint32_t seed = 1, x, y;
	if (argc == 3 && !strcmp(argv[2], "off")) {
		if (tool_lock(ctx, argv[1], &dev))
			return 1;
		dev.s->cursor.enabled = 0;
		emu_state_unlock(&dev);
		return 0;
	}
	if (argc < 6 || !parse_u32(argv[2], &x) || !parse_u32(argv[3], &y) ||
	    !parse_u32(argv[4], &c.hot_x) || !parse_u32(argv[5], &c.hot_y))
		return tool_err(
		    "usage: vv-emu cursor UUID X Y HOTX HOTY [--size 64|128|256] [--seed S] | cursor UUID off");
	for (int i = 6; i + 1 < argc; i += 2) {
		bool ok = !strcmp(argv[i], "--size")
			      ? parse_u32(argv[i + 1], &c.width)
			  : !strcmp(argv[i], "--seed")
			      ? parse_u32(argv[i + 1], &seed)
			      : false;
		if (!ok)
			return tool_err("cursor: bad option %s", argv[i]);
	}
	/* fb_decoder.c cursor_pixel_formats: 64, 128, 256 square ARGB */
	if (c.width != 64 && c.width != 128 && c.width != 256)
		return tool_err("cursor sizes are 64, 128 and 256");
	c.height = c.width;
	c.stride = c.width * 4;
	c.x = (int32_t)x;
	c.y = (int32_t)y;
	if (tool_lock(ctx, argv[1], &dev))
		return 1;
	int r = draw(ctx, dev.s, 2, &c, seed);
	if (!r)
		dev.s->cursor = c;
	emu_state_unlock(&dev);
	return r;
}

static int
cmd_onoff(const struct emu_ctx *ctx, int argc, char **argv, bool on)
{
	struct emu_dev dev;
	if (argc != 2)
		return tool_err("usage: vv-emu on|off UUID");
	if (tool_lock(ctx, argv[1], &dev))
		return 1;
	int r = 0;
	if (dev.s->profile == EMU_MDPY)
		r = tool_err("mdpy's plane is always on");
	else
		dev.s->primary.enabled = on;
	emu_state_unlock(&dev);
	return r;
}

static int
parse_errno(const char *s)
{
	for (int e = 1; e < 134; e++)
		if (strerrorname_np(e) && !strcmp(s, strerrorname_np(e)))
			return e;
	return atoi(s);
}

/* blank UUID [COUNT]: the next COUNT (default 1) primary queries answer
 * "no plane" */
static int
cmd_blank(const struct emu_ctx *ctx, int argc, char **argv)
{
	struct emu_dev dev;
	uint32_t count = 1;
	if (argc < 2 || argc > 3 || (argc == 3 && !parse_u32(argv[2], &count)))
		return tool_err("usage: vv-emu blank UUID [COUNT]");
	if (tool_lock(ctx, argv[1], &dev))
		return 1;
	dev.s->blank = count;
	emu_state_unlock(&dev);
	return 0;
}

/* fail UUID OP ERRNO [COUNT]: COUNT calls (default 1, -1 all) fail */
static int
cmd_fail(const struct emu_ctx *ctx, int argc, char **argv)
{
	struct emu_dev dev;
	enum emu_op op = EMU_OP_COUNT;
	if (argc < 4 || argc > 5)
		return tool_err("usage: vv-emu fail UUID OP ERRNO [COUNT]");
	for (int i = 0; i < EMU_OP_COUNT; i++)
		if (!strcmp(argv[2], emu_op_name(i)))
			op = i;
	if (op == EMU_OP_COUNT)
		return tool_err("unknown op '%s'", argv[2]);
	if (tool_lock(ctx, argv[1], &dev))
		return 1;
	dev.s->fail[op].err = parse_errno(argv[3]);
	dev.s->fail[op].count = argc == 5 ? atoi(argv[4]) : 1;
	emu_state_unlock(&dev);
	return 0;
}

/* raw UUID primary|cursor field=value ... | raw UUID primary|cursor clear */
static int
cmd_raw(const struct emu_ctx *ctx, int argc, char **argv)
{
	struct emu_dev dev;
	struct emu_raw raw = { .active = 1 };
	int t = argc > 2 && !strcmp(argv[2], "primary")  ? 1
		: argc > 2 && !strcmp(argv[2], "cursor") ? 2
							 : -1;
	if (t < 0)
		return tool_err(
		    "usage: vv-emu raw UUID primary|cursor field=value ... | clear");
	bool clear = argc == 4 && !strcmp(argv[3], "clear");
	for (int i = 3; i < argc && !clear; i++) {
		char *eq = strchr(argv[i], '=');
		if (!eq)
			return tool_err("raw: '%s' is not field=value",
					argv[i]);
		*eq = '\0';
		const char *k = argv[i], *v = eq + 1;
		uint32_t *f = !strcmp(k, "width")    ? &raw.width
			      : !strcmp(k, "height") ? &raw.height
			      : !strcmp(k, "stride") ? &raw.stride
			      : !strcmp(k, "size")   ? &raw.size
			      : !strcmp(k, "x")      ? &raw.x_pos
			      : !strcmp(k, "y")      ? &raw.y_pos
			      : !strcmp(k, "hot_x")  ? &raw.x_hot
			      : !strcmp(k, "hot_y")  ? &raw.y_hot
			      : !strcmp(k, "id")     ? &raw.id
						     : NULL;
		bool ok = f ? parse_u32(v, f)
			  : !strcmp(k, "format")
			      ? emu_format_parse(v, &raw.fourcc)
			  : !strcmp(k, "modifier")
			      ? emu_modifier_parse(v, &raw.modifier)
			      : false;
		if (!ok)
			return tool_err("raw: bad field %s=%s", k, v);
	}
	if (tool_lock(ctx, argv[1], &dev))
		return 1;
	dev.s->raw[t] = clear ? (struct emu_raw){ 0 } : raw;
	emu_state_unlock(&dev);
	return 0;
}

/* export-as UUID dmabuf|pipe|directory|null|socket */
static int
cmd_export_as(const struct emu_ctx *ctx, int argc, char **argv)
{
	static const char *const names[EMU_EXPORT_COUNT] = {
		[EMU_EXPORT_DMABUF] = "dmabuf",
		[EMU_EXPORT_PIPE] = "pipe",
		[EMU_EXPORT_DIRECTORY] = "directory",
		[EMU_EXPORT_NULL] = "null",
		[EMU_EXPORT_SOCKET] = "socket",
	};
	struct emu_dev dev;
	int kind = -1;

	for (int i = 0; argc == 3 && i < EMU_EXPORT_COUNT; i++)
		if (!strcmp(argv[2], names[i]))
			kind = i;
	if (kind < 0)
		return tool_err(
		    "usage: vv-emu export-as UUID dmabuf|pipe|directory|null|socket");
	if (tool_lock(ctx, argv[1], &dev))
		return 1;
	dev.s->export_as = (uint32_t)kind;
	emu_state_unlock(&dev);
	return 0;
}

static int
cmd_flag(const struct emu_ctx *ctx, int argc, char **argv, uint32_t flag,
	 bool set)
{
	struct emu_dev dev;
	if (argc != 2)
		return tool_err("usage: vv-emu %s UUID", argv[0]);
	if (tool_lock(ctx, argv[1], &dev))
		return 1;
	if (set)
		dev.s->flags |= flag;
	else
		dev.s->flags &= ~flag;
	emu_state_unlock(&dev);
	return 0;
}

/* remove UUID: the mdev goes away; open fds get -ENODEV */
static int
cmd_remove(const struct emu_ctx *ctx, int argc, char **argv)
{
	struct emu_dev dev;
	char path[EMU_PATH_MAX];
	if (cmd_flag(ctx, argc, argv, EMU_REMOVED, true) ||
	    tool_lock(ctx, argv[1], &dev))
		return 1;
	struct emu_state *s = dev.s;
	if (!emu_path(path, ctx->root, "sys/bus/mdev/devices/%s", s->uuid))
		unlink(path);
	if (!emu_path(path, ctx->root, "sys/kernel/iommu_groups/%d/devices/%s",
		      s->group, s->uuid))
		unlink(path);
	if (!emu_path(path, ctx->root, "dev/vfio/%d", s->group))
		unlink(path);
	if (s->cdev >= 0 &&
	    !emu_path(path, ctx->root, "dev/vfio/devices/vfio%d", s->cdev))
		unlink(path);
	emu_state_unlock(&dev);
	return 0;
}

static int
cmd_stats(const struct emu_ctx *ctx, int argc, char **argv)
{
	struct emu_dev dev;
	char prefix[64];
	if (argc != 2)
		return tool_err("usage: vv-emu stats UUID");
	if (tool_lock(ctx, argv[1], &dev))
		return 1;
	const struct emu_state *s = dev.s;
	const struct vfio_region_gfx_edid *e = (const void *)s->edid;
	printf("profile=%s\ngroup=%d\ncdev=%d\n", emu_profile_name(s->profile),
	       s->group, s->cdev);
	printf(
	    "reset_calls=%u\nquery_calls=%u\nquery_cursor_calls=%u\nprobe_calls=%u\n",
	    s->n_reset, s->n_query, s->n_query_cursor, s->n_probe);
	printf("export_calls=%u\nget_info_calls=%u\nregion_info_calls=%u\n",
	       s->n_export, s->n_get_info, s->n_region_info);
	printf(
	    "group_opens=%u\ncdev_opens=%u\nget_device_fd_calls=%u\nbind_calls=%u\nmmap_calls=%u\n",
	    s->n_open_group, s->n_open_cdev, s->n_get_device_fd, s->n_bind,
	    s->n_mmap);
	printf("edid_link_ups=%u\nedid_link_state=%u\nedid_size=%u\n",
	       s->n_edid_link_up, e->link_state, e->edid_size);
	snprintf(prefix, sizeof prefix, "dev-%s", s->uuid);
	printf("open_device_fds=%d\n", emu_marker_count(ctx->root, prefix));
	snprintf(prefix, sizeof prefix, "group-%s", s->uuid);
	printf("open_group_fds=%d\n", emu_marker_count(ctx->root, prefix));
	snprintf(prefix, sizeof prefix, "cdev-%s", s->uuid);
	printf("open_cdev_fds=%d\n", emu_marker_count(ctx->root, prefix));
	printf("bound=%d\n", emu_marker_alive(ctx->root, s->bound_marker));
	printf("primary=%s %ux%u stride=%u offset=0x%llx seed=%u\n",
	       s->primary.enabled ? "on" : "off", s->primary.width,
	       s->primary.height, s->primary.stride,
	       (unsigned long long)s->primary.offset, s->primary.seed);
	for (int i = 0; i < EMU_MAX_KEYS; i++)
		if (s->keys[i].used)
			printf("exports.%u=%u\n", s->keys[i].id,
			       s->keys[i].exports);
	emu_state_unlock(&dev);
	return 0;
}

static int
usage(void)
{
	fputs(
	    "usage: vv-emu COMMAND ...  (the device root is $VV_EMU_ROOT)\n"
	    "  add ROOT PROFILE UUID [options]   mode UUID WxH [options]\n"
	    "  draw UUID SEED   flip UUID [--seed S]   off UUID   on UUID\n"
	    "  cursor UUID X Y HOTX HOTY [--size N] [--seed S] | cursor UUID off\n"
	    "  fail UUID OP ERRNO [COUNT]   raw UUID primary|cursor field=value...|clear\n"
	    "  export-as UUID dmabuf|pipe|directory|null|socket\n"
	    "  deny UUID   allow UUID   remove UUID   stats UUID   edid UUID\n"
	    "  churn UUID   settle UUID   blank UUID [COUNT]\n"
	    "  hold UUID   run UUID [--fd N] -- CMD ARGS...\n"
	    "  expect UUID OUT.png   cmp A.png B.png [--rect X,Y,W,H] [--tolerance N]\n"
	    "see tests/emu/README.md\n",
	    stderr);
	return 2;
}

int
main(int argc, char **argv)
{
	char root[PATH_MAX];
	struct stat st;
	if (argc < 2)
		return usage();
	const char *cmd = argv[1];
	argc--;
	argv++;
	if (!strcmp(cmd, "add"))
		return cmd_add(argc, argv);
	if (!strcmp(cmd, "cmp"))
		return cmd_cmp(argc, argv);
	const char *env = getenv("VV_EMU_ROOT");
	if (!env)
		return tool_err("set VV_EMU_ROOT to the device root");
	if (!realpath(env, root) || stat(root, &st) < 0)
		return tool_err("%s: %s", env, strerror(errno));
	struct emu_ctx ctx = { .root = root, .root_dev = st.st_dev };
	static const struct {
		const char *name;
		int (*fn)(const struct emu_ctx *, int, char **);
	} cmds[] = {
		{ "mode", cmd_mode },           { "draw", cmd_draw },
		{ "flip", cmd_flip },           { "cursor", cmd_cursor },
		{ "fail", cmd_fail },           { "raw", cmd_raw },
		{ "remove", cmd_remove },       { "stats", cmd_stats },
		{ "hold", cmd_hold },           { "run", cmd_run },
		{ "expect", cmd_expect },       { "edid", cmd_edid },
		{ "export-as", cmd_export_as }, { "blank", cmd_blank },
	};
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (!strcmp(cmd, cmds[i].name))
			return cmds[i].fn(&ctx, argc, argv);
	if (!strcmp(cmd, "on") || !strcmp(cmd, "off"))
		return cmd_onoff(&ctx, argc, argv, !strcmp(cmd, "on"));
	if (!strcmp(cmd, "churn") || !strcmp(cmd, "settle"))
		return cmd_flag(&ctx, argc, argv, EMU_CHURN,
				!strcmp(cmd, "churn"));
	if (!strcmp(cmd, "deny") || !strcmp(cmd, "allow"))
		return cmd_flag(&ctx, argc, argv, EMU_DENIED,
				!strcmp(cmd, "deny"));
	return usage();
}
