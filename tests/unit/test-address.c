/* The DEVICE address grammar: every form, and the line each bad one gets. */
#include <errno.h>

#include <string.h>

#include "address.h"
#include "tst.h"

static struct vv_address
good(const char *text)
{
	struct vv_err err = { 0 };
	struct vv_address a;

	if (vv_address_parse(text, &a, &err) != 0) {
		fprintf(stderr, "  '%s' refused: %s\n", text, err.text);
		tst_failures++;
	}
	TST_CHECK(a.text == text);
	return a;
}

/* The line @text is refused with. */
static const char *
bad(const char *text)
{
	static struct vv_err err;
	struct vv_address a;

	err = (struct vv_err){ 0 };
	if (vv_address_parse(text, &a, &err) != -EINVAL || err.code != EINVAL) {
		fprintf(stderr, "  '%s' not refused with EINVAL\n", text);
		tst_failures++;
	}
	return err.text;
}

static void
test_demo(void)
{
	struct vv_address a = good("demo");
	TST_CHECK(a.kind == VV_ADDRESS_DEMO);
	TST_CHECK(a.width == 1280 && a.height == 720 && !a.frozen);

	a = good("demo:1920x1080");
	TST_CHECK(a.kind == VV_ADDRESS_DEMO);
	TST_CHECK(a.width == 1920 && a.height == 1080 && !a.frozen);

	a = good("demo:64X8192@120");
	TST_CHECK(a.width == 64 && a.height == 8192);
	TST_CHECK(a.frozen && a.frame == 120);

	a = good("demo:640x480@0");
	TST_CHECK(a.frozen && a.frame == 0 && !a.drm);

	a = good("demo:1024x768,drm=/dev/dri/card0");
	TST_CHECK(a.width == 1024 && !a.frozen);
	TST_CHECK(a.drm && strcmp(a.drm, "/dev/dri/card0") == 0);

	a = good("demo:1024x768@5,drm=/dev/dri/card1");
	TST_CHECK(a.frozen && a.frame == 5);
	TST_CHECK(a.drm && strcmp(a.drm, "/dev/dri/card1") == 0);
}

static void
test_demo_bad(void)
{
	TST_CHECK_STR(
	    bad("demo:12x"),
	    "demo:12x: not a screen size: expected demo:WIDTHxHEIGHT, e.g. demo:1920x1080");
	TST_CHECK_STR(
	    bad("demo:"),
	    "demo:: not a screen size: expected demo:WIDTHxHEIGHT, e.g. demo:1920x1080");
	TST_CHECK_STR(
	    bad("demo: 640x480"),
	    "demo: 640x480: not a screen size: expected demo:WIDTHxHEIGHT, e.g. demo:1920x1080");
	TST_CHECK_STR(
	    bad("demo:640x480!"),
	    "demo:640x480!: not a screen size: expected demo:WIDTHxHEIGHT, e.g. demo:1920x1080");
	TST_CHECK_STR(
	    bad("demo:63x480"),
	    "demo:63x480: width and height must each be 64..8192: expected demo:WIDTHxHEIGHT, e.g. demo:1920x1080");
	TST_CHECK_STR(
	    bad("demo:640x8193"),
	    "demo:640x8193: width and height must each be 64..8192: expected demo:WIDTHxHEIGHT, e.g. demo:1920x1080");
	TST_CHECK_STR(
	    bad("demo:640x480@"),
	    "demo:640x480@: not a frame number after '@': expected demo:WIDTHxHEIGHT@FRAME, e.g. demo:1920x1080@120");
	TST_CHECK_STR(
	    bad("demo:640x480@-1"),
	    "demo:640x480@-1: not a frame number after '@': expected demo:WIDTHxHEIGHT@FRAME, e.g. demo:1920x1080@120");
	TST_CHECK_STR(
	    bad("demo:640x480@99999999999999999999999"),
	    "demo:640x480@99999999999999999999999: not a frame number after '@': expected demo:WIDTHxHEIGHT@FRAME, e.g. demo:1920x1080@120");
	TST_CHECK_STR(
	    bad("demo:640x480,drm="),
	    "demo:640x480,drm=: drm= names no device: expected demo:WIDTHxHEIGHT,drm=PATH, e.g. demo:1024x768,drm=/dev/dri/card0");
	TST_CHECK_STR(
	    bad("demo:640x480,gpu=1"),
	    "demo:640x480,gpu=1: unknown option 'gpu=1': expected demo:WIDTHxHEIGHT[,drm=PATH], e.g. demo:1024x768,drm=/dev/dri/card0");
}

static void
test_mdev(void)
{
	struct vv_address a = good("C2A0E0B4-5A54-4F4E-9D8E-3F2F6A7B8C9D");
	TST_CHECK(a.kind == VV_ADDRESS_MDEV);
	TST_CHECK_STR(a.uuid, "c2a0e0b4-5a54-4f4e-9d8e-3f2f6a7b8c9d");

	a = good("/sys/bus/mdev/devices/c2a0e0b4-5a54-4f4e-9d8e-3f2f6a7b8c9d");
	TST_CHECK(a.kind == VV_ADDRESS_MDEV);
	TST_CHECK_STR(a.uuid, "c2a0e0b4-5a54-4f4e-9d8e-3f2f6a7b8c9d");

	/* Trailing slashes, and the device's path under its parent. */
	a = good("/sys/devices/virtual/mtty/mtty/"
		 "c2a0e0b4-5a54-4f4e-9d8e-3f2f6a7b8c9d//");
	TST_CHECK(a.kind == VV_ADDRESS_MDEV);
	TST_CHECK_STR(a.uuid, "c2a0e0b4-5a54-4f4e-9d8e-3f2f6a7b8c9d");
}

static void
test_mdev_bad(void)
{
	TST_CHECK_STR(
	    bad("/sys/bus/mdev/devices/nope"),
	    "'/sys/bus/mdev/devices/nope' does not name an mdev: expected /sys/bus/mdev/devices/UUID");
	/* A sysfs path outside the mdev directory without a UUID is no
	 * address at all. */
	TST_CHECK_STR(
	    bad("/sys/class/nope"),
	    "'/sys/class/nope' is not a device address (expected a mdev UUID, /sys/bus/mdev/devices/UUID, /dev/vfio/devices/vfioN, fd:N, pid:PID[:FD] or demo[:WxH])");
	/* One digit short, and one non-hex digit. */
	TST_CHECK_STR(
	    bad("c2a0e0b4-5a54-4f4e-9d8e-3f2f6a7b8c9"),
	    "'c2a0e0b4-5a54-4f4e-9d8e-3f2f6a7b8c9' is not a device address (expected a mdev UUID, /sys/bus/mdev/devices/UUID, /dev/vfio/devices/vfioN, fd:N, pid:PID[:FD] or demo[:WxH])");
	TST_CHECK_STR(
	    bad("g2a0e0b4-5a54-4f4e-9d8e-3f2f6a7b8c9d"),
	    "'g2a0e0b4-5a54-4f4e-9d8e-3f2f6a7b8c9d' is not a device address (expected a mdev UUID, /sys/bus/mdev/devices/UUID, /dev/vfio/devices/vfioN, fd:N, pid:PID[:FD] or demo[:WxH])");
}

static void
test_cdev(void)
{
	struct vv_address a = good("/dev/vfio/devices/vfio3");
	TST_CHECK(a.kind == VV_ADDRESS_CDEV);
	TST_CHECK_STR(a.text, "/dev/vfio/devices/vfio3");

	TST_CHECK_STR(
	    bad("/dev/vfio/12"),
	    "/dev/vfio/12 is a VFIO group, not a device: pass the mdev's UUID (the viewer opens its group) or its /dev/vfio/devices/vfioN node");
	TST_CHECK_STR(
	    bad("/dev/vfio/noiommu-0"),
	    "/dev/vfio/noiommu-0 is a VFIO group, not a device: pass the mdev's UUID (the viewer opens its group) or its /dev/vfio/devices/vfioN node");
	TST_CHECK_STR(
	    bad("/dev/vfio/vfio"),
	    "/dev/vfio/vfio is not a VFIO device node (expected /dev/vfio/devices/vfioN, or an mdev UUID)");
}

static void
test_fd(void)
{
	struct vv_address a = good("fd:3");
	TST_CHECK(a.kind == VV_ADDRESS_FD && a.fd == 3);
	a = good("fd:0");
	TST_CHECK(a.kind == VV_ADDRESS_FD && a.fd == 0);

	const char *expected =
	    "is not an fd address: expected fd:N, N the number of an open VFIO device fd this process inherited";
	TST_CHECK(strstr(bad("fd:"), expected));
	TST_CHECK(strstr(bad("fd:-1"), expected));
	TST_CHECK(strstr(bad("fd: 3"), expected));
	TST_CHECK(strstr(bad("fd:3x"), expected));
	TST_CHECK(strstr(bad("fd:2147483648"), expected));
	TST_CHECK_STR(
	    bad("fd:x"),
	    "'fd:x' is not an fd address: expected fd:N, N the number of an open VFIO device fd this process inherited");
}

static void
test_pid(void)
{
	struct vv_address a = good("pid:1234");
	TST_CHECK(a.kind == VV_ADDRESS_PID);
	TST_CHECK(a.pid == 1234 && a.fd == -1);
	a = good("pid:1234:27");
	TST_CHECK(a.kind == VV_ADDRESS_PID);
	TST_CHECK(a.pid == 1234 && a.fd == 27);

	const char *expected =
	    "is not a process address: expected pid:PID or pid:PID:FD (the VM's QEMU process, and which of its fds when it holds several VFIO devices)";
	TST_CHECK(strstr(bad("pid:"), expected));
	TST_CHECK(strstr(bad("pid:0"), expected));
	TST_CHECK(strstr(bad("pid:12:"), expected));
	TST_CHECK(strstr(bad("pid:12:x"), expected));
	TST_CHECK(strstr(bad("pid:12;3"), expected));
	TST_CHECK(strstr(bad("pid:12:3:4"), expected));
	TST_CHECK_STR(
	    bad("pid:qemu"),
	    "'pid:qemu' is not a process address: expected pid:PID or pid:PID:FD (the VM's QEMU process, and which of its fds when it holds several VFIO devices)");
}

static void
test_nonsense(void)
{
	const char *lines[] = { "nonsense", "",          "demox",
				"Demo",     "/dev/null", "FD:3" };

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		char expected[300];

		snprintf(
		    expected, sizeof(expected),
		    "'%s' is not a device address (expected a mdev UUID, /sys/bus/mdev/devices/UUID, /dev/vfio/devices/vfioN, fd:N, pid:PID[:FD] or demo[:WxH])",
		    lines[i]);
		TST_CHECK_STR(bad(lines[i]), expected);
	}
}

int
main(void)
{
	TST_RUN(test_demo);
	TST_RUN(test_demo_bad);
	TST_RUN(test_mdev);
	TST_RUN(test_mdev_bad);
	TST_RUN(test_cdev);
	TST_RUN(test_fd);
	TST_RUN(test_pid);
	TST_RUN(test_nonsense);
	return tst_failures;
}
