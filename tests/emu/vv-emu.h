/* vv-emu, the control tool of the emulated device: shared internals. */
#ifndef VV_EMU_TOOL_H
#define VV_EMU_TOOL_H

#include "emu.h"

/* Every command: 0 on success, else the exit status (message printed). */
int cmd_add(int argc, char **argv);
int cmd_hold(const struct emu_ctx *ctx, int argc, char **argv);
int cmd_run(const struct emu_ctx *ctx, int argc, char **argv);
int cmd_expect(const struct emu_ctx *ctx, int argc, char **argv);
int cmd_cmp(int argc, char **argv);
int cmd_edid(const struct emu_ctx *ctx, int argc, char **argv);

/* Locks the state of @uuid, printing why not. */
int tool_lock(const struct emu_ctx *ctx, const char *uuid, struct emu_dev *dev);
/* Maps framebuffer @path (@size bytes, created if missing) read-write. */
void *tool_map_fb(const char *path, uint64_t size);
int tool_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
