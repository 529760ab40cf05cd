/* An error on its way up to the one place that logs it.
 *
 * Operations that can fail in ways a user must understand (opening a device,
 * reading a config file) fill a struct vv_err: the errno and one line that
 * names the object, the operation, the reason and what to do about it. The
 * line is written where the specifics are known and printed once, by main. */
#ifndef VV_ERROR_H
#define VV_ERROR_H

#include <stddef.h>

struct vv_err {
	int code;       /* positive errno, 0 if none */
	char text[512]; /* one line, no trailing newline */
};

/* No error yet. Cheaper than "= { 0 }", which writes all 516 bytes: the
 * live window clears one per plane per frame. */
static inline void
vv_err_clear(struct vv_err *err)
{
	err->code = 0;
	err->text[0] = '\0';
}

/* Sets @err (which may be NULL) and returns -@code, so that a failing path
 * reads "return vv_err_set(err, EBUSY, ...);". */
int vv_err_set(struct vv_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
