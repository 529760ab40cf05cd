/* What a file is, in words for messages: "a directory", "a pipe". */
#ifndef VV_FILE_KIND_H
#define VV_FILE_KIND_H

#include <sys/types.h>

/* The kind of file @mode (st_mode) says, with its article. */
const char *vv_file_kind_name(mode_t mode);

#endif
