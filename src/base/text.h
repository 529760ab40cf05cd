/* Text in fixed-size buffers, for messages built piece by piece (lists of
 * holders, fds, groups) where a cut line must show that it was cut. */
#ifndef VV_TEXT_H
#define VV_TEXT_H

#include <stddef.h>

/* Appends to the string in @buf (@len bytes): printf-style, always
 * terminated. What does not fit is cut and the cut marked with "..." at the
 * end of @buf; once marked, later appends add nothing. A @buf under 4 bytes
 * is left as it is. */
void vv_text_append(char *buf, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
