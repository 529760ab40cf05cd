#include "address.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool
has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A plain decimal number: strtoull alone would take spaces and signs. */
static bool
parse_number(const char *s, const char **end, uint64_t *out)
{
	char *e;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*out = strtoull(s, &e, 10);
	*end = e;
	return errno == 0;
}

/* A non-negative decimal int at @s; *end is set past it. */
static bool
parse_int(const char *s, const char **end, int *out)
{
	uint64_t v;

	if (!parse_number(s, end, &v) || v > INT_MAX)
		return false;
	*out = (int)v;
	return true;
}

static bool
side_ok(uint64_t side)
{
	return side >= VV_ADDRESS_DEMO_MIN_SIDE &&
	       side <= VV_ADDRESS_DEMO_MAX_SIDE;
}

/* The options after the size: ",drm=PATH". */
static int
parse_demo_options(const char *spec, const char *p, struct vv_address *out,
		   struct vv_err *err)
{
	static const char drm[] = ",drm=";

	if (*p == '\0')
		return 0;
	if (strcmp(p, drm) == 0)
		return vv_err_set(
		    err, EINVAL,
		    "demo%s: drm= names no device: expected demo:WIDTHxHEIGHT,drm=PATH, e.g. demo:1024x768,drm=/dev/dri/card0",
		    spec);
	if (!has_prefix(p, drm))
		return vv_err_set(
		    err, EINVAL,
		    "demo%s: unknown option '%s': expected demo:WIDTHxHEIGHT[,drm=PATH], e.g. demo:1024x768,drm=/dev/dri/card0",
		    spec, p + 1);
	out->drm = p + strlen(drm);
	return 0;
}

/* @spec is what follows "demo": "", ":WxH" or ":WxH@FRAME", then optionally
 * ",drm=PATH". */
static int
parse_demo(const char *spec, struct vv_address *out, struct vv_err *err)
{
	const char *p = spec + 1;
	uint64_t w, h;

	out->width = VV_ADDRESS_DEMO_WIDTH;
	out->height = VV_ADDRESS_DEMO_HEIGHT;
	if (spec[0] == '\0')
		return 0;
	if (spec[0] != ':' || !parse_number(p, &p, &w) ||
	    (*p != 'x' && *p != 'X') || !parse_number(p + 1, &p, &h) ||
	    (*p != '\0' && *p != '@' && *p != ','))
		return vv_err_set(
		    err, EINVAL,
		    "demo%s: not a screen size: expected demo:WIDTHxHEIGHT, e.g. demo:1920x1080",
		    spec);
	if (!side_ok(w) || !side_ok(h))
		return vv_err_set(
		    err, EINVAL,
		    "demo%s: width and height must each be %d..%d: expected demo:WIDTHxHEIGHT, e.g. demo:1920x1080",
		    spec, VV_ADDRESS_DEMO_MIN_SIDE, VV_ADDRESS_DEMO_MAX_SIDE);
	out->width = (uint32_t)w;
	out->height = (uint32_t)h;
	if (*p != '@')
		return parse_demo_options(spec, p, out, err);
	if (!parse_number(p + 1, &p, &out->frame) || (*p != '\0' && *p != ','))
		return vv_err_set(
		    err, EINVAL,
		    "demo%s: not a frame number after '@': expected demo:WIDTHxHEIGHT@FRAME, e.g. demo:1920x1080@120",
		    spec);
	out->frozen = true;
	return parse_demo_options(spec, p, out, err);
}

/* @spec is what follows "fd:". */
static int
parse_fd(const char *spec, struct vv_address *out, struct vv_err *err)
{
	const char *end;

	if (!parse_int(spec, &end, &out->fd) || *end)
		return vv_err_set(
		    err, EINVAL,
		    "'fd:%s' is not an fd address: expected fd:N, N the number of an open VFIO device fd this process inherited",
		    spec);
	return 0;
}

/* @spec is what follows "pid:". */
static int
parse_pid(const char *spec, struct vv_address *out, struct vv_err *err)
{
	const char *end;

	out->fd = -1;
	if (!parse_int(spec, &end, &out->pid) || out->pid == 0 ||
	    (*end &&
	     (*end != ':' || !parse_int(end + 1, &end, &out->fd) || *end)))
		return vv_err_set(
		    err, EINVAL,
		    "'pid:%s' is not a process address: expected pid:PID or pid:PID:FD (the VM's QEMU process, and which of its fds when it holds several VFIO devices)",
		    spec);
	return 0;
}

static int
parse_dev_path(const char *path, struct vv_err *err)
{
	switch (vv_vfio_classify_link(path)) {
	case VV_VFIO_FD_CDEV:
		return 0;
	case VV_VFIO_FD_GROUP:
		return vv_err_set(
		    err, EINVAL,
		    "%s is a VFIO group, not a device: pass the mdev's UUID (the viewer opens its group) or its /dev/vfio/devices/vfioN node",
		    path);
	default:
		return vv_err_set(
		    err, EINVAL,
		    "%s is not a VFIO device node (expected /dev/vfio/devices/vfioN, or an mdev UUID)",
		    path);
	}
}

/* The UUID a sysfs path ends with ("/sys/bus/mdev/devices/UUID/"). */
static bool
sysfs_path_uuid(const char *path, char *uuid)
{
	char copy[PATH_MAX];
	const char *base;
	size_t n;

	if (snprintf(copy, sizeof(copy), "%s", path) >= (int)sizeof(copy))
		return false;
	n = strlen(copy);
	while (n > 1 && copy[n - 1] == '/')
		copy[--n] = '\0';
	base = strrchr(copy, '/');
	return vv_vfio_parse_uuid(base ? base + 1 : copy, uuid);
}

int
vv_address_parse(const char *text, struct vv_address *out, struct vv_err *err)
{
	*out = (struct vv_address){ .text = text, .fd = -1 };
	if (has_prefix(text, "demo") && (text[4] == '\0' || text[4] == ':')) {
		out->kind = VV_ADDRESS_DEMO;
		return parse_demo(text + 4, out, err);
	}
	if (vv_vfio_parse_uuid(text, out->uuid)) {
		out->kind = VV_ADDRESS_MDEV;
		return 0;
	}
	if (has_prefix(text, "fd:")) {
		out->kind = VV_ADDRESS_FD;
		return parse_fd(text + 3, out, err);
	}
	if (has_prefix(text, "pid:")) {
		out->kind = VV_ADDRESS_PID;
		return parse_pid(text + 4, out, err);
	}
	if (has_prefix(text, "/dev/vfio/")) {
		out->kind = VV_ADDRESS_CDEV;
		return parse_dev_path(text, err);
	}
	if (has_prefix(text, "/sys/") && sysfs_path_uuid(text, out->uuid)) {
		out->kind = VV_ADDRESS_MDEV;
		return 0;
	}
	if (has_prefix(text, VV_VFIO_MDEV_DIR "/"))
		return vv_err_set(
		    err, EINVAL,
		    "'%s' does not name an mdev: expected /sys/bus/mdev/devices/UUID",
		    text);
	return vv_err_set(
	    err, EINVAL,
	    "'%s' is not a device address (expected a mdev UUID, /sys/bus/mdev/devices/UUID, /dev/vfio/devices/vfioN, fd:N, pid:PID[:FD] or demo[:WxH])",
	    text);
}
