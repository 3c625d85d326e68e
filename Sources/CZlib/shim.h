#ifndef PERFSOCIALE_CZLIB_SHIM_H
#define PERFSOCIALE_CZLIB_SHIM_H
#include <zlib.h>
/* deflateInit2 is a macro: give Swift a function (raw deflate, as zip entries hold it). */
static inline int ps_deflateInitRaw(z_streamp strm, int level) {
    return deflateInit2(strm, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
}
#endif
