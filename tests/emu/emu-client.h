/* emu-client: a tiny VFIO client that checks the emulated device through
 * the real libc calls (run with libvv-emu.so preloaded). */
#ifndef VV_EMU_CLIENT_H
#define VV_EMU_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/vfio.h>

/* The outcome of a run: every check reports into it. */
struct emu_report {
	int failed;
};

/* Records one check: prints "ok NAME" or "FAIL NAME detail". */
void check(struct emu_report *rep, const char *name, bool ok, const char *fmt,
	   ...) __attribute__((format(printf, 4, 5)));
/* ioctl returning 0/the result or -errno */
long xioctl(int fd, unsigned long req, void *arg);
/* Runs "$VV_EMU ARGS" (words split on spaces) without the preload. */
int tool(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* QUERY_GFX_PLANE with a zeroed struct. */
long query(int dev, uint32_t flags, uint32_t type,
	   struct vfio_device_gfx_plane_info *p);
/* What /proc/self/fd/FD shows ("" on error). */
const char *fd_link(int fd, char *buf, size_t len);
/* The real file behind @fd, bypassing the preload (for pixel checks). */
int reopen_real(int fd);

/* Container + group + device fd for @uuid in group @group; fds[0..1]
 * receive the container and group (kept open by the caller). */
int open_group_path(const char *uuid, int group, int fds[2]);
int open_cdev_path(int cdev, int *iommufd);

int check_mbochs(struct emu_report *rep, const char *uuid, int group);
int check_mdpy(struct emu_report *rep, const char *uuid, int group);
int check_gvt(struct emu_report *rep, const char *uuid, int group);
int check_mtty(struct emu_report *rep, const char *uuid, int group);
int check_open(struct emu_report *rep, const char *uuid, int group);
int check_cdev(struct emu_report *rep, const char *uuid, int group, int cdev);
int check_fd(struct emu_report *rep, int fd, const char *expect_link);
int check_pidfd(struct emu_report *rep, int pid, int fd);
int check_png(struct emu_report *rep, const char *path, uint32_t seed, int cx,
	      int cy, uint32_t cseed);

#endif
