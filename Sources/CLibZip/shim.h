#ifndef PERFSOCIALE_CLIBZIP_SHIM_H
#define PERFSOCIALE_CLIBZIP_SHIM_H
#include <zip.h>
#endif
