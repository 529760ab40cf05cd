/* vv-emu add: creates a device: its sysfs tree, /dev placeholders, state.
 * The tree follows a 6.1 guest's (kernel-e2e): the mdev lives under its
 * parent, /sys/bus/mdev/devices/UUID links to it, iommu_group links to
 * /sys/kernel/iommu_groups/N, and vfio-dev/vfioN exists on every kernel
 * while the node /dev/vfio/devices/vfioN and the dev attribute exist only
 * with the cdev (6.6+, --cdev). */
#include "emu-device.h"
#include "emu-format.h"
#include "vv-emu.h"

#include <dirent.h>
#include <drm_fourcc.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int
mkdirs(const char *root, const char *rel)
{
	char path[EMU_PATH_MAX];
	if (emu_path(path, root, "%s", rel))
		return -ENAMETOOLONG;
	for (char *p = path + strlen(root) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		return -errno;
	return 0;
}

static int
put_file(const char *root, const char *rel, const char *content)
{
	char path[EMU_PATH_MAX];
	if (emu_path(path, root, "%s", rel))
		return -ENAMETOOLONG;
	FILE *f = fopen(path, "we");
	if (!f)
		return -errno;
	fputs(content, f);
	return fclose(f) ? -errno : 0;
}

static int
put_link(const char *root, const char *rel, const char *target)
{
	char path[EMU_PATH_MAX];
	if (emu_path(path, root, "%s", rel))
		return -ENAMETOOLONG;
	unlink(path);
	return symlink(target, path) < 0 ? -errno : 0;
}

/* "../" once per component of @rel (a path below ROOT/sys). */
static void
ups(char *out, size_t len, const char *rel)
{
	out[0] = '\0';
	for (const char *p = rel; *p; p++)
		if (*p == '/')
			strncat(out, "../", len - strlen(out) - 1);
}

static int
free_group(const char *root)
{
	char path[EMU_PATH_MAX];
	for (int n = 0; n < 4096; n++)
		if (!emu_path(path, root, "sys/kernel/iommu_groups/%d", n) &&
		    access(path, F_OK))
			return n;
	return -1;
}

struct add_opts {
	enum emu_profile profile;
	const char *uuid, *parent, *type;
	int group, cdev;
	uint64_t vram;
	uint32_t max_x, max_y;
	uint32_t w, h; /* mdpy mode */
};

static int
parse_add(int argc, char **argv, struct add_opts *o)
{
	static const struct option longopts[] = {
		{ "cdev", required_argument, NULL, 'c' },
		{ "group", required_argument, NULL, 'g' },
		{ "parent", required_argument, NULL, 'p' },
		{ "type", required_argument, NULL, 't' },
		{ "vram", required_argument, NULL, 'v' },
		{ "max", required_argument, NULL, 'm' },
		{ 0 },
	};
	int c;
	while ((c = getopt_long(argc, argv, "+", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			o->cdev = atoi(optarg);
			break;
		case 'g':
			o->group = atoi(optarg);
			break;
		case 'p':
			o->parent = optarg;
			break;
		case 't':
			o->type = optarg;
			break;
		case 'v':
			o->vram = strtoull(optarg, NULL, 0);
			break;
		case 'm':
			if (sscanf(optarg, "%ux%u", &o->max_x, &o->max_y) != 2)
				return tool_err("bad --max '%s'", optarg);
			break;
		default:
			return 2;
		}
	}
	return 0;
}

static int
profile_defaults(struct add_opts *o, const char **parent_path,
		 const char **type_name, char *buf, size_t len)
{
	static const struct {
		const char *type;
		uint32_t w, h;
	} mdpy[] = { { "vga", 640, 480 },
		     { "xga", 1024, 768 },
		     { "hd", 1920, 1080 } };
	switch (o->profile) {
	case EMU_MBOCHS:
		o->parent = o->parent ? o->parent : "mbochs";
		o->type = o->type ? o->type : "mbochs-small";
		o->vram = o->vram ? o->vram : 4 << 20;
		o->max_x = o->max_x ? o->max_x : 800;
		o->max_y = o->max_y ? o->max_y : 600;
		*type_name = o->type;
		break;
	case EMU_MDPY: {
		const char *t = o->type ? o->type : "vga";
		if (!strncmp(t, "mdpy-", 5))
			t += 5;
		for (size_t i = 0; i < 3; i++)
			if (!strcmp(t, mdpy[i].type)) {
				o->w = mdpy[i].w;
				o->h = mdpy[i].h;
			}
		if (!o->w)
			return tool_err("mdpy --type is vga, xga or hd");
		snprintf(buf, len, "mdpy-%s", t);
		o->type = buf;
		o->parent = o->parent ? o->parent : "mdpy";
		/* mdpy.c mdpy_probe: memsize = roundup_pow_of_two(w*h*4) */
		o->vram = 1;
		while (o->vram < (uint64_t)o->w * o->h * 4)
			o->vram <<= 1;
		*type_name = o->type;
		break;
	}
	case EMU_GVT:
		o->parent = o->parent ? o->parent : "0000:00:02.0";
		o->type = o->type ? o->type : "i915-GVTg_V5_4";
		o->vram = o->vram ? o->vram : 256 << 20;
		o->max_x = o->max_x ? o->max_x : 1920;
		o->max_y = o->max_y ? o->max_y : 1200;
		*type_name = o->type + (strncmp(o->type, "i915-", 5) ? 0 : 5);
		break;
	case EMU_MTTY:
		o->parent = o->parent ? o->parent : "mtty";
		o->type = o->type ? o->type : "mtty-1";
		*type_name = "Single port serial";
		break;
	case EMU_PROFILE_COUNT:
		return 2;
	}
	/* PCI parents (gvt) sit under pci0000:00, sample drivers under
	 * virtual/NAME/NAME */
	*parent_path = o->profile == EMU_GVT ? "pci0000:00" : "virtual";
	return 0;
}

static int
make_tree(const char *root, const struct add_opts *o, const char *ppath,
	  const char *type_name)
{
	char parent[256], dev[400], rel[600], up[128], target[700];
	int vfio_n = o->cdev >= 0 ? o->cdev : o->group;
	int r = 0;
	if (!strcmp(ppath, "virtual"))
		snprintf(parent, sizeof parent, "devices/virtual/%s/%s",
			 o->parent, o->parent);
	else
		snprintf(parent, sizeof parent, "devices/%s/%s", ppath,
			 o->parent);
	snprintf(dev, sizeof dev, "%s/%s", parent, o->uuid);

#define TRY(x)                   \
	do {                     \
		if (!r)          \
			r = (x); \
	} while (0)
	snprintf(rel, sizeof rel, "sys/%s/vfio-dev/vfio%d", dev, vfio_n);
	TRY(mkdirs(root, rel));
	snprintf(rel, sizeof rel, "sys/%s/mdev_supported_types/%s/devices",
		 parent, o->type);
	TRY(mkdirs(root, rel));
	TRY(mkdirs(root, "sys/bus/mdev/devices"));
	TRY(mkdirs(root, "sys/class/mdev_bus"));
	snprintf(rel, sizeof rel, "sys/kernel/iommu_groups/%d/devices",
		 o->group);
	TRY(mkdirs(root, rel));
	TRY(mkdirs(root, "dev/vfio/devices"));
	TRY(mkdirs(root, "state"));
	TRY(mkdirs(root, "open"));
	TRY(mkdirs(root, "fb"));

	snprintf(rel, sizeof rel, "sys/%s/mdev_supported_types/%s", parent,
		 o->type);
	char f[800];
	snprintf(f, sizeof f, "%s/name", rel);
	snprintf(target, sizeof target, "%s\n", type_name);
	TRY(put_file(root, f, target));
	snprintf(f, sizeof f, "%s/device_api", rel);
	TRY(put_file(root, f, "vfio-pci\n"));
	snprintf(f, sizeof f, "%s/available_instances", rel);
	TRY(put_file(root, f, "1\n"));
	snprintf(f, sizeof f, "%s/devices/%s", rel, o->uuid);
	snprintf(target, sizeof target, "../../../%s", o->uuid);
	TRY(put_link(root, f, target));

	/* the mdev itself */
	snprintf(rel, sizeof rel, "%s/x", dev);
	ups(up, sizeof up, rel);
	snprintf(f, sizeof f, "sys/%s/iommu_group", dev);
	snprintf(target, sizeof target, "%skernel/iommu_groups/%d", up,
		 o->group);
	TRY(put_link(root, f, target));
	snprintf(f, sizeof f, "sys/%s/mdev_type", dev);
	snprintf(target, sizeof target, "../mdev_supported_types/%s", o->type);
	TRY(put_link(root, f, target));
	if (o->cdev >= 0) {
		snprintf(f, sizeof f, "sys/%s/vfio-dev/vfio%d/dev", dev,
			 o->cdev);
		snprintf(target, sizeof target, "237:%d\n", o->cdev);
		TRY(put_file(root, f, target));
	}
	snprintf(f, sizeof f, "sys/bus/mdev/devices/%s", o->uuid);
	snprintf(target, sizeof target, "../../../%s", dev);
	TRY(put_link(root, f, target));
	snprintf(f, sizeof f, "sys/class/mdev_bus/%s", o->parent);
	snprintf(target, sizeof target, "../../%s", parent);
	TRY(put_link(root, f, target));
	snprintf(f, sizeof f, "sys/kernel/iommu_groups/%d/devices/%s", o->group,
		 o->uuid);
	snprintf(target, sizeof target, "../../../../%s", dev);
	TRY(put_link(root, f, target));

	/* /dev placeholders */
	TRY(put_file(root, "dev/vfio/vfio", ""));
	snprintf(f, sizeof f, "dev/vfio/%d", o->group);
	TRY(put_file(root, f, ""));
	if (o->cdev >= 0) {
		snprintf(f, sizeof f, "dev/vfio/devices/vfio%d", o->cdev);
		TRY(put_file(root, f, ""));
		TRY(put_file(root, "dev/iommu", ""));
	}
#undef TRY
	return r;
}

static int
make_state(const char *root, const struct add_opts *o)
{
	struct emu_dev dev;
	char name[32];
	int r = emu_state_create(root, o->uuid, &dev);
	if (r)
		return r;
	struct emu_state *s = dev.s;
	s->profile = o->profile;
	snprintf(s->uuid, sizeof s->uuid, "%s", o->uuid);
	snprintf(s->parent, sizeof s->parent, "%s", o->parent);
	snprintf(s->type, sizeof s->type, "%s", o->type);
	s->group = o->group;
	s->cdev = o->cdev;
	s->vram = o->vram;
	s->max_xres = o->max_x;
	s->max_yres = o->max_y;
	if (o->profile == EMU_MDPY) {
		s->primary = (struct emu_plane){
			.enabled = 1,
			.fourcc = DRM_FORMAT_XRGB8888,
			.width = o->w,
			.height = o->h,
			.stride = o->w * 4,
		};
	}
	emu_device_init(s);
	if (o->profile == EMU_MDPY)
		r = emu_mdpy_gradient(root, s);
	emu_state_unlock(&dev);
	snprintf(name, sizeof name, "state/group-%d", o->group);
	if (!r)
		r = put_link(root, name, o->uuid);
	if (!r && o->cdev >= 0) {
		snprintf(name, sizeof name, "state/cdev-%d", o->cdev);
		r = put_link(root, name, o->uuid);
	}
	return r;
}

/* An mdev removed and created again with the same UUID is a new device:
 * the old one's state moves aside and the fds opened on it are pointed at
 * the retired state, so they keep answering -ENODEV as the kernel's do.
 * 0 when @uuid is free (or now is), -EEXIST while it is a live device. */
static int
retire_removed(const char *root, const char *uuid)
{
	char path[EMU_PATH_MAX], retired[EMU_PATH_MAX], name[EMU_UUID_LEN];
	struct emu_dev dev;
	int r = emu_state_lock(root, uuid, &dev);

	if (r == -ENOENT)
		return 0;
	if (r)
		return r;
	bool removed = dev.s->flags & EMU_REMOVED;
	emu_state_unlock(&dev);
	if (!removed)
		return -EEXIST;
	/* The retired name must fit where a UUID goes (marker.uuid): the
	 * first 8 characters become "r" and a count. */
	for (int n = 1;; n++) {
		snprintf(name, sizeof name, "r%07u%.28s",
			 (unsigned)n % 10000000u, uuid + 8);
		if (emu_path(retired, root, "state/%s", name))
			return -ENAMETOOLONG;
		if (access(retired, F_OK) < 0)
			break;
	}
	if (emu_path(path, root, "state/%s", uuid) || rename(path, retired) < 0)
		return -errno;
	if (emu_path(path, root, "open"))
		return -ENAMETOOLONG;
	DIR *d = opendir(path);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		char marker[EMU_PATH_MAX];
		struct emu_open st;
		if (e->d_name[0] == '.' ||
		    emu_path(marker, root, "open/%s", e->d_name))
			continue;
		int fd = open(marker, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			continue;
		if (!emu_marker_read(fd, &st) && !strcmp(st.uuid, uuid)) {
			snprintf(st.uuid, sizeof st.uuid, "%s", name);
			emu_marker_write(fd, &st);
		}
		close(fd);
	}
	if (d)
		closedir(d);
	return 0;
}

int
cmd_add(int argc, char **argv)
{
	struct add_opts o = { .group = -1, .cdev = -1 };
	char rootbuf[EMU_PATH_MAX], type_buf[32];
	const char *ppath = NULL, *type_name = NULL;
	if (argc < 4)
		return tool_err(
		    "usage: vv-emu add ROOT mbochs|gvt|mdpy|mtty UUID [--cdev N] [--group N] [--parent NAME] [--type NAME] [--vram BYTES] [--max WxH]");
	const char *root = argv[1];
	o.profile = EMU_PROFILE_COUNT;
	for (int p = 0; p < EMU_PROFILE_COUNT; p++)
		if (!strcmp(argv[2], emu_profile_name(p)))
			o.profile = p;
	if (o.profile == EMU_PROFILE_COUNT)
		return tool_err("unknown profile '%s'", argv[2]);
	o.uuid = argv[3];
	if (strlen(o.uuid) != 36 || strchr(o.uuid, '/'))
		return tool_err("'%s' is not a UUID", o.uuid);
	optind = 1;
	int r = parse_add(argc - 3, argv + 3, &o);
	if (r)
		return r;
	if (optind != argc - 3)
		return tool_err("add: unexpected '%s'", argv[3 + optind]);
	if ((r = mkdirs(root, "sys/kernel/iommu_groups")))
		return tool_err("cannot create %s: %s", root, strerror(-r));
	if (!realpath(root, rootbuf))
		return tool_err("%s: %s", root, strerror(errno));
	if ((r = retire_removed(rootbuf, o.uuid)))
		return tool_err("add %s: %s", o.uuid, strerror(-r));
	if (o.group < 0)
		o.group = free_group(rootbuf);
	if ((r = profile_defaults(&o, &ppath, &type_name, type_buf,
				  sizeof type_buf)))
		return r;
	if ((r = make_tree(rootbuf, &o, ppath, type_name)) ||
	    (r = make_state(rootbuf, &o)))
		return tool_err("add %s: %s", o.uuid, strerror(-r));
	return 0;
}
