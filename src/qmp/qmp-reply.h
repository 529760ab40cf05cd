/* What one line from QEMU's QMP socket says: the greeting, a command's
 * return or error (with its id), or an asynchronous event. QMP sends one
 * JSON object per line; this is a small validating scanner for exactly
 * that, pure and fuzzed (tests/fuzz/fuzz-qmp-reply.c). */
#ifndef VV_QMP_REPLY_H
#define VV_QMP_REPLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum vv_qmp_reply_type {
	VV_QMP_GREETING, /* {"QMP": {...}} */
	VV_QMP_RETURN,   /* {"return": ..., "id": N} */
	VV_QMP_ERROR,    /* {"error": {"class", "desc"}, "id": N} */
	VV_QMP_EVENT,    /* {"event": "NAME", ...} */
	VV_QMP_OTHER,    /* an object that is none of those */
};

struct vv_qmp_reply {
	enum vv_qmp_reply_type type;
	bool has_id;
	int64_t id;           /* when has_id: the command's integer id */
	char error_class[64]; /* VV_QMP_ERROR, truncated */
	char error_desc[256]; /* VV_QMP_ERROR, truncated */
	char event[64];       /* VV_QMP_EVENT */
	/* A "return" that is an array of objects (query-mice): how many
	 * there are, how many have "absolute": true and the first such
	 * one's "name". -1 when the return is not an array. */
	int mice;
	int absolute_mice;
	char absolute_name[64];
};

/* Parses one line (@len bytes, no terminating NUL needed; a trailing
 * "\r\n" is fine) into @out. Returns 0, or -EINVAL when it is not one JSON
 * object (nesting deeper than 32 is refused). */
int vv_qmp_reply_parse(const char *line, size_t len, struct vv_qmp_reply *out);

#endif
