/* --qmp pid:PID: the QMP socket found in QEMU command lines as QEMU and
 * libvirt write them, and none where there is none. */
#include <errno.h>
#include <string.h>

#include "qmp-find.h"
#include "tst.h"

/* Runs the parser over @args joined with NULs (as /proc/PID/cmdline). */
static int
find(const char *const *args, char *out, size_t out_len)
{
	char buf[2048];
	size_t len = 0;

	for (int i = 0; args[i]; i++) {
		size_t n = strlen(args[i]) + 1;
		memcpy(buf + len, args[i], n);
		len += n;
	}
	return vv_qmp_find_in_cmdline(buf, len, out, out_len);
}

static void
qmp_option(void)
{
	char out[256];
	const char *a[] = { "qemu-system-x86_64",
			    "-machine",
			    "q35",
			    "-qmp",
			    "unix:/run/vm1.qmp,server=on,wait=off",
			    NULL };
	TST_CHECK(find(a, out, sizeof(out)) == 0);
	TST_CHECK_STR(out, "/run/vm1.qmp");
	const char *b[] = { "qemu", "--qmp=unix:rel.sock", NULL };
	TST_CHECK(find(b, out, sizeof(out)) == 0);
	TST_CHECK_STR(out, "rel.sock");
	/* A TCP QMP is not ours to use; the next unix one is. */
	const char *c[] = {
		"qemu", "-qmp",           "tcp:localhost:4444,server=on",
		"-qmp", "unix:/b,server", NULL
	};
	TST_CHECK(find(c, out, sizeof(out)) == 0);
	TST_CHECK_STR(out, "/b");
}

static void
chardev_and_mon(void)
{
	char out[256];
	/* libvirt: its own monitor passed as an fd, ours added by
	 * <qemu:commandline> as a chardev with a path. */
	const char *a[] = {
		"/usr/bin/qemu-system-x86_64",
		"-chardev",
		"socket,id=charmonitor,fd=31,server=on,wait=off",
		"-mon",
		"chardev=charmonitor,id=monitor,mode=control",
		"-chardev",
		"socket,id=in,path=/run/libvirt/qemu/vm1-input.qmp,server=on,wait=off",
		"-mon",
		"chardev=in,mode=control",
		NULL,
	};
	TST_CHECK(find(a, out, sizeof(out)) == 0);
	TST_CHECK_STR(out, "/run/libvirt/qemu/vm1-input.qmp");
	/* A human monitor (mode=readline) is not QMP. */
	const char *b[] = { "qemu",
			    "-chardev",
			    "socket,id=h,path=/h.sock",
			    "-mon",
			    "chardev=h,mode=readline",
			    NULL };
	TST_CHECK(find(b, out, sizeof(out)) == -ENOENT);
	/* -qmp wins over a chardev. */
	const char *c[] = { "qemu",
			    "-chardev",
			    "socket,path=/c,id=m",
			    "-mon",
			    "mode=control,chardev=m",
			    "-qmp",
			    "unix:/q",
			    NULL };
	TST_CHECK(find(c, out, sizeof(out)) == 0);
	TST_CHECK_STR(out, "/q");
	c[5] = "-qmp-pretty"; /* not -qmp: the chardev is found */
	TST_CHECK(find(c, out, sizeof(out)) == 0);
	TST_CHECK_STR(out, "/c");
}

static void
none_and_edges(void)
{
	char out[8];
	const char *a[] = { "qemu", "-display", "none", NULL };
	TST_CHECK(find(a, out, sizeof(out)) == -ENOENT);
	const char *b[] = { "qemu", "-qmp", NULL }; /* no value */
	TST_CHECK(find(b, out, sizeof(out)) == -ENOENT);
	const char *c[] = { "qemu", "-qmp", "unix:,server", NULL };
	TST_CHECK(find(c, out, sizeof(out)) == -ENOENT);
	const char *d[] = { "qemu", "-qmp", "unix:/a/long/path", NULL };
	TST_CHECK(find(d, out, sizeof(out)) == -ENAMETOOLONG);
	TST_CHECK(vv_qmp_find_in_cmdline("", 0, out, sizeof(out)) == -ENOENT);
	/* No trailing NUL (a truncated read). */
	TST_CHECK(
	    vv_qmp_find_in_cmdline("-qmp\0unix:/x", 12, out, sizeof(out)) == 0);
	TST_CHECK_STR(out, "/x");
}

static void
pid_address(void)
{
	char out[256];
	struct vv_err err = { 0 };

	TST_CHECK(vv_qmp_find_pid("pid:", out, sizeof(out), &err) == -EINVAL);
	TST_CHECK(vv_qmp_find_pid("pid:12x", out, sizeof(out), &err) ==
		  -EINVAL);
	/* This test has no QMP socket. */
	TST_CHECK(vv_qmp_find_pid("pid:1", out, sizeof(out), &err) != 0);
}

int
main(void)
{
	TST_RUN(qmp_option);
	TST_RUN(chardev_and_mon);
	TST_RUN(none_and_edges);
	TST_RUN(pid_address);
	return tst_failures != 0;
}
